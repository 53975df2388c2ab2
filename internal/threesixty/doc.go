// Package threesixty holds the domain of the service: engagements, raters, rounds, invitations,
// responses and the rules that keep a rater anonymous. It imports no database, HTTP or mail
// package, so that the adapters (postgres, web, mail) depend on it and never the other way round.
package threesixty
