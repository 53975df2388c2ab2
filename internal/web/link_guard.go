package web

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
)

// Every kind of token link (the rater's survey link today) has its own guard: a middleware on
// its route group that looks the link up, answers for a link that cannot be used, and puts what
// the link opens on the request for the handlers. What the guards share is here: the token in
// the route parameter :token, the guess limit on lookups that miss (threesixty.GuessLimit and
// threesixty.GuessCeiling), and the pages for an unknown link and a client over the limit.

// lookupFunc looks a token up; an ENOTFOUND error means the token opens nothing.
type lookupFunc func(ctx context.Context, token string) error

// findLink looks up the token of the request with lookup. A token that opens something is
// always let through: the guess limit counts and refuses only misses, so a valid link works from
// an address someone else has been guessing from. It returns the token and true when the token
// opened something; otherwise it has answered the request (404, or 429 over the limit) and
// returns what the answer returned.
func (s *Server) findLink(c echo.Context, lookup lookupFunc) (token string, found bool, err error) {
	return s.findLinkWith(c, lookup, func() error { return c.Render(http.StatusNotFound, "message", notFoundPage) })
}

// findLinkWith is findLink with its own answer, gone, for a token that opens nothing.
func (s *Server) findLinkWith(c echo.Context, lookup lookupFunc, gone func() error) (token string, found bool, err error) {
	ctx, client := c.Request().Context(), c.RealIP()
	token = c.Param("token")
	if threesixty.WellFormedToken(token) {
		err := lookup(ctx, token)
		if err == nil {
			return token, true, nil
		}
		if threesixty.ErrorCode(err) != threesixty.ENOTFOUND {
			return "", false, err
		}
	}
	misses, err := s.Store.CountTokenGuess(ctx, client)
	if err != nil {
		return "", false, err
	}
	// Said once per window, when a count first goes over, so that an attack is seen in the log
	// without one line per guess.
	if misses.Client == threesixty.GuessLimit+1 {
		s.Log.Warn("link guesses over the limit for one address; its misses answer 429", "client", client, "misses", misses.Client, "window", threesixty.GuessWindow)
	}
	if misses.All == threesixty.GuessCeiling+1 {
		s.Log.Warn("link guesses over the service-wide ceiling; every miss answers 429", "misses", misses.All, "window", threesixty.GuessWindow)
	}
	if misses.Limited() {
		limit := "address"
		if misses.Client <= threesixty.GuessLimit {
			limit = "service"
		}
		s.Metrics.GuessRefused(limit)
		return "", false, s.limited(c)
	}
	return "", false, gone()
}

// notFoundPage is the page for a link that opens nothing.
var notFoundPage = messagePage{
	Title: "This link does not work",
	Body:  "Check that the whole link was copied from the email; links are long and sometimes break across lines. If it still does not work, ask the person who invited you for a new one.",
}

// limited answers a miss over the guess limit. A link from an email still works: only links that
// do not work are refused.
func (s *Server) limited(c echo.Context) error {
	c.Response().Header().Set("Retry-After", "600")
	return c.Render(http.StatusTooManyRequests, "message", messagePage{
		Title: "This link does not work",
		Body:  "Too many links that do not work have been opened recently, so this one cannot be checked now. Check that the whole link was copied from the email, and try again in ten minutes.",
	})
}
