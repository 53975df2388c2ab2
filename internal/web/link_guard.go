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
// the route parameter :token, the guess limit (threesixty.GuessLimit), and the pages for an unknown link and a client
// over the limit.

// lookupFunc looks a token up for client and returns the client's recent failed lookups; an
// ENOTFOUND error means the token opens nothing.
type lookupFunc func(ctx context.Context, token, client string) (failures int, err error)

// findLink looks up the token of the request with lookup. A token that is malformed or opens
// nothing counts as a guess against the client. It returns the token and true when the token
// opened something and the client is under the guess limit; otherwise it has answered the
// request (404 or 429) and returns what the answer returned.
func (s *Server) findLink(c echo.Context, lookup lookupFunc) (token string, found bool, err error) {
	ctx, client := c.Request().Context(), c.RealIP()
	token = c.Param("token")
	if threesixty.WellFormedToken(token) {
		failures, err := lookup(ctx, token, client)
		switch {
		case err == nil && failures >= threesixty.GuessLimit:
			return "", false, s.limited(c)
		case err == nil:
			return token, true, nil
		case threesixty.ErrorCode(err) != threesixty.ENOTFOUND:
			return "", false, err
		}
	}
	failures, err := s.Store.CountTokenGuess(ctx, client)
	if err != nil {
		return "", false, err
	}
	if failures > threesixty.GuessLimit {
		return "", false, s.limited(c)
	}
	return "", false, c.Render(http.StatusNotFound, "message", messagePage{
		Title: "This link does not work",
		Body:  "Check that the whole link was copied from the email; links are long and sometimes break across lines. If it still does not work, ask the person who invited you for a new one.",
	})
}

func (s *Server) limited(c echo.Context) error {
	c.Response().Header().Set("Retry-After", "600")
	return c.Render(http.StatusTooManyRequests, "message", messagePage{
		Title: "Too many attempts",
		Body:  "Too many links that do not work were opened from your network. Wait ten minutes, then open the link from your email again.",
	})
}
