package web

import (
	"net/http"
	"sort"
	"strings"

	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
)

// anonymityInput is optional as a whole and field by field; the threshold defaults to 3.
type anonymityInput struct {
	Threshold            *int  `json:"threshold" validate:"omitempty,min=2,max=10"`
	SuperiorIdentifiable *bool `json:"superior_identifiable"`
}

func (a *anonymityInput) apply(to threesixty.Anonymity) threesixty.Anonymity {
	if a == nil {
		return to
	}
	if a.Threshold != nil {
		to.Threshold = *a.Threshold
	}
	if a.SuperiorIdentifiable != nil {
		to.SuperiorIdentifiable = *a.SuperiorIdentifiable
	}
	return to
}

type engagementInput struct {
	Leader     *threesixty.Person  `json:"leader" validate:"required"`
	Sponsor    *threesixty.Sponsor `json:"sponsor"`
	Instrument string              `json:"instrument" validate:"required"`
	Anonymity  *anonymityInput     `json:"anonymity"`
}

func (s *Server) createEngagement(c echo.Context) error {
	var in engagementInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if _, ok := s.Instruments[in.Instrument]; !ok {
		return threesixty.Invalid("the request has invalid fields", []threesixty.FieldError{{
			Field: "instrument", Message: "unknown instrument " + quote(in.Instrument) + "; available: " + strings.Join(s.instrumentIDs(), ", "),
		}})
	}
	e := &threesixty.Engagement{
		Leader:     threesixty.Person{Name: strings.TrimSpace(in.Leader.Name), Email: strings.TrimSpace(in.Leader.Email)},
		Sponsor:    in.Sponsor,
		Instrument: in.Instrument,
		Anonymity:  in.Anonymity.apply(threesixty.Anonymity{Threshold: threesixty.DefaultThreshold}),
	}
	created, err := s.Store.CreateEngagement(c.Request().Context(), coachOf(c), e)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, created)
}

func (s *Server) listEngagements(c echo.Context) error {
	list, err := s.Store.Engagements(c.Request().Context(), coachOf(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"engagements": list})
}

func (s *Server) getEngagement(c echo.Context) error {
	e, err := s.Store.Engagement(c.Request().Context(), coachOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, e)
}

// engagementUpdate is what may change after creation: only the anonymity settings, and only
// until the first response.
type engagementUpdate struct {
	Anonymity *anonymityInput `json:"anonymity" validate:"required"`
}

func (s *Server) updateEngagement(c echo.Context) error {
	var in engagementUpdate
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	ctx, coach := c.Request().Context(), coachOf(c)
	e, err := s.Store.Engagement(ctx, coach, c.Param("id"))
	if err != nil {
		return err
	}
	updated, err := s.Store.UpdateAnonymity(ctx, coach, e.ID, in.Anonymity.apply(e.Anonymity))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, updated)
}

func (s *Server) instrumentIDs() []string {
	ids := make([]string, 0, len(s.Instruments))
	for id := range s.Instruments {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

func quote(s string) string { return `"` + s + `"` }
