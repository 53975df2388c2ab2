package web

import (
	"net/http"
	"sort"
	"strings"

	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
)

// anonymityInput is optional as a whole and field by field; the threshold defaults to 3. The
// rules are the domain's (threesixty.Anonymity.Validate).
type anonymityInput struct {
	Threshold            *int  `json:"threshold"`
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

type personInput struct {
	Name  string `json:"name"`
	Email string `json:"email"`
}

type sponsorInput struct {
	Name         string `json:"name"`
	Email        string `json:"email"`
	Organisation string `json:"organisation"`
}

type engagementInput struct {
	Leader       *personInput    `json:"leader" validate:"required"`
	Sponsor      *sponsorInput   `json:"sponsor"`
	Instrument   string          `json:"instrument" validate:"required"`
	Anonymity    *anonymityInput `json:"anonymity"`
	RaterDomains []string        `json:"rater_domains"`
	TimeZone     string          `json:"time_zone"`
	// StartsOn and PlannedEndOn are days written as YYYY-MM-DD; either may be left out.
	StartsOn     string `json:"starts_on"`
	PlannedEndOn string `json:"planned_end_on"`
}

func (s *Server) createEngagement(c echo.Context) error {
	var in engagementInput
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if _, ok := s.Instruments[in.Instrument]; !ok {
		return invalidField("instrument", "unknown instrument "+quote(in.Instrument)+"; available: "+strings.Join(s.instrumentIDs(), ", "))
	}
	e := &threesixty.Engagement{
		Leader:       threesixty.Person{Name: strings.TrimSpace(in.Leader.Name), Email: strings.TrimSpace(in.Leader.Email)},
		Instrument:   in.Instrument,
		Anonymity:    in.Anonymity.apply(threesixty.Anonymity{Threshold: threesixty.DefaultThreshold}),
		RaterDomains: in.RaterDomains,
		TimeZone:     in.TimeZone,
	}
	if in.Sponsor != nil {
		e.Sponsor = &threesixty.Sponsor{Name: strings.TrimSpace(in.Sponsor.Name), Email: strings.TrimSpace(in.Sponsor.Email), Organisation: strings.TrimSpace(in.Sponsor.Organisation)}
	}
	var err error
	if e.StartsOn, err = optionalDate("starts_on", in.StartsOn); err != nil {
		return err
	}
	if e.PlannedEndOn, err = optionalDate("planned_end_on", in.PlannedEndOn); err != nil {
		return err
	}
	created, err := s.Store.CreateEngagement(c.Request().Context(), actorOf(c), e)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusCreated, created)
}

func (s *Server) listEngagements(c echo.Context) error {
	list, err := s.Store.Engagements(c.Request().Context(), actorOf(c))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"engagements": list})
}

func (s *Server) getEngagement(c echo.Context) error {
	e, err := s.Store.Engagement(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, e)
}

// engagementUpdate is what may change after creation: the anonymity settings, the email domains
// and the time zone, only until the first round opens, and whether the leader may nominate raters.
type engagementUpdate struct {
	Anonymity    *anonymityInput `json:"anonymity"`
	RaterDomains []string        `json:"rater_domains"`
	TimeZone     *string         `json:"time_zone"`
	// NominationAllowed may change at any time: no rater was told anything about it.
	NominationAllowed *bool `json:"nomination_allowed"`
	// StartsOn and PlannedEndOn may change at any time too; "" clears one.
	StartsOn     *string `json:"starts_on"`
	PlannedEndOn *string `json:"planned_end_on"`
}

func (s *Server) updateEngagement(c echo.Context) error {
	var in engagementUpdate
	if err := bindJSON(c, &in); err != nil {
		return err
	}
	if in.Anonymity == nil && in.RaterDomains == nil && in.TimeZone == nil && in.NominationAllowed == nil &&
		in.StartsOn == nil && in.PlannedEndOn == nil {
		return invalidField("anonymity", "send anonymity, rater_domains, time_zone, nomination_allowed, starts_on or planned_end_on, the settings that may change")
	}
	change := threesixty.SettingsChange{TimeZone: in.TimeZone, NominationAllowed: in.NominationAllowed}
	if in.StartsOn != nil {
		day, err := optionalDate("starts_on", *in.StartsOn)
		if err != nil {
			return err
		}
		change.StartsOn = &day
	}
	if in.PlannedEndOn != nil {
		day, err := optionalDate("planned_end_on", *in.PlannedEndOn)
		if err != nil {
			return err
		}
		change.PlannedEndOn = &day
	}
	if in.RaterDomains != nil {
		change.RaterDomains = &in.RaterDomains
	}
	if in.Anonymity != nil {
		change.Threshold, change.SuperiorIdentifiable = in.Anonymity.Threshold, in.Anonymity.SuperiorIdentifiable
	}
	updated, err := s.Store.UpdateSettings(c.Request().Context(), actorOf(c), c.Param("id"), change)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, updated)
}

// deleteEngagement deletes an engagement and everything of it; only an admin may.
func (s *Server) deleteEngagement(c echo.Context) error {
	if err := s.Store.DeleteEngagement(c.Request().Context(), actorOf(c), c.Param("id")); err != nil {
		return err
	}
	return c.NoContent(http.StatusNoContent)
}

// getAuditTrail lists who changed what of an engagement, and when.
func (s *Server) getAuditTrail(c echo.Context) error {
	entries, err := s.Store.AuditTrail(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, map[string]any{"audit_trail": entries})
}

func (s *Server) instrumentIDs() []string {
	ids := make([]string, 0, len(s.Instruments))
	for id := range s.Instruments {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// optionalDate reads a date the client may leave empty: no date for "", EINVALID naming the
// field for anything but a day written as YYYY-MM-DD.
func optionalDate(field, value string) (threesixty.Date, error) {
	if value == "" {
		return threesixty.Date{}, nil
	}
	return dateField(field, value)
}

func quote(s string) string { return `"` + s + `"` }
