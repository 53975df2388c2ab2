package web

import (
	"context"

	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
)

// leaderLink is what the leader-link guard found for a request: the token, and what it opens.
type leaderLink struct {
	token  string
	access *threesixty.LeaderAccess
}

// actor is the leader, acting through the link: their one engagement.
func (l *leaderLink) actor() threesixty.Actor { return l.access.Actor() }

// leaderLinkKey is where the guard leaves the leaderLink on the Echo context.
const leaderLinkKey = "threesixty.leader-link"

// guardLeaderLink guards every route of a leader link: an unknown link, one rotated away and one
// of an archived engagement all answer the same not-found page (429 over the guess limit, each
// counted as a guess), and a working link is handed to the handler, which takes it with
// leaderLinkOf and acts as the leader of that engagement alone.
func (s *Server) guardLeaderLink(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		var a *threesixty.LeaderAccess
		token, found, err := s.findLink(c, func(ctx context.Context, token string) (err error) {
			a, err = s.Store.LeaderAccess(ctx, token)
			return err
		})
		if !found {
			return err
		}
		c.Set(leaderLinkKey, &leaderLink{token: token, access: a})
		return next(c)
	}
}

// leaderLinkOf is the link that guardLeaderLink let through to this handler.
func leaderLinkOf(c echo.Context) *leaderLink {
	return c.Get(leaderLinkKey).(*leaderLink)
}
