package web

// The page routes each part of the dashboard registers, for TestEveryPageHidesWhatIsNotYours.
var (
	engagementPageRequests = map[string]pageRequest{
		"GET /engagements": {},
	}
	roundPageRequests   = map[string]pageRequest{}
	accountPageRequests = map[string]pageRequest{}
	adminPageRequests   = map[string]pageRequest{}
)
