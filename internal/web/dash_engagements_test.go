package web

// engagementPageRequests are the page routes of dash_engagements.go, for TestEveryPageHidesWhatIsNotYours.
var engagementPageRequests = map[string]pageRequest{
	"GET /engagements": {},
}
