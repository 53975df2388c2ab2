package web

// adminPageRequests are the page routes of dash_admin.go, for TestEveryPageHidesWhatIsNotYours.
var adminPageRequests = map[string]pageRequest{}
