package web

import (
	"regexp"
	"strings"

	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
)

// actorKey is where the middleware that knows who is asking leaves the actor for handlers.
const actorKey = "actor"

// requireAccount lets a request through only with a valid API token, and puts its account, as the
// actor, on the context.
func (s *Server) requireAccount(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		scheme, token, ok := strings.Cut(c.Request().Header.Get("Authorization"), " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") || !threesixty.WellFormedToken(strings.TrimSpace(token)) {
			return threesixty.Errorf(threesixty.EUNAUTH, "an API token is required: Authorization: Bearer <token>")
		}
		account, err := s.Store.AccountByToken(c.Request().Context(), strings.TrimSpace(token))
		if err != nil {
			return err
		}
		c.Set(actorKey, threesixty.AccountActor(account))
		return next(c)
	}
}

// actorOf is who is asking, as the route's guard put it on the context.
func actorOf(c echo.Context) threesixty.Actor { return c.Get(actorKey).(threesixty.Actor) }

// uuidPattern is the form of every id in the API.
var uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// uuidParam answers 404 for an id in the path that cannot be one, before it reaches the database.
func uuidParam(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		for _, name := range c.ParamNames() {
			if id := c.Param(name); id != "" && !uuidPattern.MatchString(id) {
				return threesixty.Errorf(threesixty.ENOTFOUND, "not found")
			}
		}
		return next(c)
	}
}
