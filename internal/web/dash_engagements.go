package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
)

// engagementPages registers the pages of engagements, their raters and their settings.
func (s *Server) engagementPages(e *echo.Echo, app []echo.MiddlewareFunc) {
	e.GET("/engagements", s.showEngagements, app...)
}

// engagementsPage is the dashboard's first page: the engagements the account may see.
type engagementsPage struct {
	frame
	Engagements []*threesixty.Engagement
}

func (s *Server) showEngagements(c echo.Context) error {
	list, err := s.Store.Engagements(c.Request().Context(), actorOf(c))
	if err != nil {
		return err
	}
	return c.Render(http.StatusOK, "app/engagements", engagementsPage{
		frame:       s.frameFor(c, "Engagements", "engagements"),
		Engagements: list,
	})
}
