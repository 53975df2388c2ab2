package web

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
)

type roundInput struct {
	Kind     string `json:"kind" validate:"required,oneof=baseline midpoint closing"`
	ClosesAt string `json:"closes_at" validate:"required"`
}

// minRoundLength keeps a coach from opening a round that closes before anyone can answer.
const minRoundLength = time.Hour

func (s *Server) openRound(c echo.Context) error {
	var in roundInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	closesAt, err := time.Parse(time.RFC3339, in.ClosesAt)
	switch {
	case err != nil:
		return invalidField("closes_at", "must be a time in RFC 3339 form, such as 2026-12-01T17:00:00Z")
	case closesAt.Before(s.Now().Add(minRoundLength)):
		return invalidField("closes_at", "must be at least an hour from now")
	case in.Kind == string(threesixty.RoundMidpoint):
		return invalidField("kind", "the midpoint goal pulse needs goals, which engagements do not have yet; open a baseline or closing round")
	}
	ctx, coach := c.Request().Context(), coachOf(c)
	e, err := s.Store.Engagement(ctx, coach, c.Param("id"))
	if err != nil {
		return err
	}
	in2, ok := s.Instruments[e.Instrument]
	if !ok {
		return threesixty.Errorf(threesixty.ECONFLICT, "the engagement's instrument %q is no longer shipped", e.Instrument)
	}
	// Until mail is sent, invitations are recorded and their tokens are not kept anywhere.
	round, _, err := s.Store.OpenRound(ctx, coach, e.ID, threesixty.RoundKind(in.Kind), closesAt.UTC(), in2.Version)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, round)
}

func (s *Server) getRound(c echo.Context) error {
	r, err := s.Store.Round(c.Request().Context(), coachOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, r)
}

func (s *Server) listRounds(c echo.Context) error {
	rounds, err := s.Store.Rounds(c.Request().Context(), coachOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"rounds": rounds})
}

func (s *Server) closeRound(c echo.Context) error {
	r, err := s.Store.CloseRound(c.Request().Context(), coachOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, r)
}

func invalidField(field, message string) error {
	return threesixty.Invalid("the request has invalid fields", []threesixty.FieldError{{Field: field, Message: message}})
}
