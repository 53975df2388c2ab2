package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
)

// The API calls a coaching session a "session" in its paths (/engagements/{id}/sessions,
// /sessions/{id}), as the product's issue does; everywhere else in the code a session is a
// signed-in browser, and a coaching session is called so in full.

// coachingSessionInput is a coaching session as a coach records it. Its rules are the domain's
// (threesixty.CoachingSession.Validate), checked whole, so every field's errors come back
// together; a held_on that is not a day written as YYYY-MM-DD is refused first, on its own.
type coachingSessionInput struct {
	HeldOn  string `json:"held_on"`
	Minutes int    `json:"minutes"`
	Notes   string `json:"notes"`
}

func (s *Server) createCoachingSession(c echo.Context) error {
	var in coachingSessionInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	cs := threesixty.CoachingSession{Minutes: in.Minutes, Notes: in.Notes}
	if in.HeldOn != "" {
		day, err := dateField("held_on", in.HeldOn)
		if err != nil {
			return err
		}
		cs.HeldOn = day
	}
	created, err := s.Store.CreateCoachingSession(c.Request().Context(), actorOf(c), c.Param("id"), cs)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, created)
}

func (s *Server) listCoachingSessions(c echo.Context) error {
	list, err := s.Store.CoachingSessions(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"sessions": list})
}

func (s *Server) getCoachingSession(c echo.Context) error {
	cs, err := s.Store.CoachingSession(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, cs)
}

// coachingSessionUpdate changes the fields it holds; the others stay as they are.
type coachingSessionUpdate struct {
	HeldOn  *string `json:"held_on"`
	Minutes *int    `json:"minutes"`
	Notes   *string `json:"notes"`
}

func (s *Server) updateCoachingSession(c echo.Context) error {
	var in coachingSessionUpdate
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	change := threesixty.CoachingSessionChange{Minutes: in.Minutes, Notes: in.Notes}
	if in.HeldOn != nil {
		day, err := dateField("held_on", *in.HeldOn)
		if err != nil {
			return err
		}
		change.HeldOn = &day
	}
	if change.Empty() {
		return invalidField("held_on", "send at least one of held_on, minutes and notes, the fields that change")
	}
	cs, err := s.Store.UpdateCoachingSession(c.Request().Context(), actorOf(c), c.Param("id"), change)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, cs)
}

func (s *Server) deleteCoachingSession(c echo.Context) error {
	if err := s.Store.DeleteCoachingSession(c.Request().Context(), actorOf(c), c.Param("id")); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// dateField reads a date the client sent in field: EINVALID naming the field when it is not a
// day written as YYYY-MM-DD.
func dateField(field, value string) (threesixty.Date, error) {
	day, err := threesixty.ParseDate(value)
	if err != nil {
		return day, invalidField(field, err.Error())
	}
	return day, nil
}
