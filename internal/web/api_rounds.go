package web

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
)

// roundInput is a round as a coach asks for it; the rules are the domain's
// (threesixty.RoundPlan.Validate, threesixty.CheckNextRound).
type roundInput struct {
	Kind      string          `json:"kind" validate:"required"`
	ClosesAt  string          `json:"closes_at" validate:"required"`
	Reminders *remindersInput `json:"reminders"`
	// InstrumentVersion is for a closing round only: the version it asks, when not the
	// baseline's.
	InstrumentVersion string `json:"instrument_version"`
	// LeaveOut names raters (by id) not to invite to a midpoint pulse.
	LeaveOut []string `json:"leave_out"`
}

// remindersInput is optional as a whole and field by field; the defaults are 4 days after the
// invitation, 2 days before closing, at most 2 reminders each. 0 days turns a reminder off.
type remindersInput struct {
	AfterDays       *int `json:"after_days"`
	BeforeCloseDays *int `json:"before_close_days"`
	Limit           *int `json:"limit"`
}

func (r *remindersInput) apply(to threesixty.Reminders) threesixty.Reminders {
	if r == nil {
		return to
	}
	for _, f := range []struct {
		from *int
		to   *int
	}{{r.AfterDays, &to.AfterDays}, {r.BeforeCloseDays, &to.BeforeCloseDays}, {r.Limit, &to.Limit}} {
		if f.from != nil {
			*f.to = *f.from
		}
	}
	return to
}

func (s *Server) openRound(c echo.Context) error {
	var in roundInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	closesAt, err := time.Parse(time.RFC3339, in.ClosesAt)
	if err != nil {
		return invalidField("closes_at", "must be a time in RFC 3339 form, such as 2026-12-01T17:00:00Z")
	}
	ctx, actor := c.Request().Context(), actorOf(c)
	e, err := s.Store.Engagement(ctx, actor, c.Param("id"))
	if err != nil {
		return err
	}
	version := in.InstrumentVersion
	switch {
	case threesixty.RoundKind(in.Kind) == threesixty.RoundKindClosing:
		// The store pins the baseline's version when none is chosen.
	case version != "":
		return invalidField("instrument_version", "only a closing round chooses its instrument version; the others ask the engagement's instrument")
	default:
		instrument, ok := s.Instruments[e.Instrument]
		if !ok {
			return threesixty.Errorf(threesixty.ECONFLICT, "the engagement's instrument %q is no longer shipped", e.Instrument)
		}
		version = instrument.Version
	}
	round, _, err := s.Store.OpenRound(ctx, actor, e.ID, threesixty.RoundPlan{
		Kind:              threesixty.RoundKind(in.Kind),
		ClosesAt:          closesAt.UTC(),
		InstrumentVersion: version,
		Reminders:         in.Reminders.apply(threesixty.DefaultReminders),
		LeaveOut:          in.LeaveOut,
	})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, round)
}

// releasedRound is a released round as the API answers it, with how many of its raters gave each
// reason for declining: counts only, no group, and an empty list when fewer than the round's k
// declined, nobody included.
type releasedRound struct {
	*threesixty.Round
	DeclineReasons []threesixty.DeclineReasonCount `json:"decline_reasons"`
}

func (s *Server) getRound(c echo.Context) error {
	ctx, actor := c.Request().Context(), actorOf(c)
	r, err := s.Store.Round(ctx, actor, c.Param("id"))
	if err != nil {
		return err
	}
	if !r.Released() {
		return c.JSON(http.StatusOK, r)
	}
	reasons, err := s.Store.DeclineReasons(ctx, actor, r.ID)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, releasedRound{Round: r, DeclineReasons: reasons})
}

func (s *Server) listRounds(c echo.Context) error {
	rounds, err := s.Store.Rounds(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"rounds": rounds})
}

func (s *Server) closeRound(c echo.Context) error {
	r, err := s.Store.CloseRound(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, r)
}

// remind queues a reminder now to everyone in the round who has neither answered nor declined.
func (s *Server) remind(c echo.Context) error {
	n, err := s.Store.RemindNow(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusAccepted, map[string]int{"queued": n})
}

func invalidField(field, message string) error {
	return threesixty.Invalid("the request has invalid fields", []threesixty.FieldError{{Field: field, Message: message}})
}
