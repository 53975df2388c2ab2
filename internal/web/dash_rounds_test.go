package web

// roundPageRequests are the page routes of dash_rounds.go, for TestEveryPageHidesWhatIsNotYours.
var roundPageRequests = map[string]pageRequest{}
