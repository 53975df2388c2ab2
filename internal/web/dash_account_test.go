package web

// accountPageRequests are the page routes of dash_account.go, for TestEveryPageHidesWhatIsNotYours.
var accountPageRequests = map[string]pageRequest{}
