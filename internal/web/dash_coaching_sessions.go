package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
)

// The coaching sessions of an engagement on the dashboard: a section of the engagement's page
// with their count, total time and list, and a form to record one; each session has a page of
// its own to edit it, and one that asks before deleting it. The notes are shown only to the
// coach who runs the engagement: the store reads them to nobody else.

// coachingSessionPages registers the pages of coaching sessions and of the engagement's dates.
func (s *Server) coachingSessionPages(e *echo.Echo, app []echo.MiddlewareFunc) {
	e.POST("/engagements/:id/dates", s.changeDatesForm, app...)
	e.POST("/engagements/:id/coaching-sessions", s.addCoachingSessionForm, app...)
	e.GET("/engagements/:id/coaching-sessions/:coaching_session/edit", s.showEditCoachingSession, app...)
	e.POST("/engagements/:id/coaching-sessions/:coaching_session/edit", s.editCoachingSessionForm, app...)
	e.GET("/engagements/:id/coaching-sessions/:coaching_session/delete", s.confirmDeleteCoachingSession, app...)
	e.POST("/engagements/:id/coaching-sessions/:coaching_session/delete", s.deleteCoachingSessionForm, app...)
}

// coachingSessionsSection is what the engagement page shows of the coaching sessions.
type coachingSessionsSection struct {
	Count int
	// Total is the time of every session together, in words: "7 hours 30 minutes".
	Total string
	Lines []coachingSessionLine
	// Notes: the notes are the reader's to see, as the engagement's coach.
	Notes bool
	// Blocked says why no session can be recorded or changed, "" while they can.
	Blocked string
	Form    typedForm
}

// Inputs is the form's inputs.
func (sec coachingSessionsSection) Inputs() coachingSessionInputs {
	return coachingSessionInputs{sec.Form, sec.Notes}
}

// coachingSessionInputs is what a session form's inputs are drawn from: the form as typed, and
// whether it takes notes, which only the engagement's coach reads and writes.
type coachingSessionInputs struct {
	Form  typedForm
	Notes bool
}

// coachingSessionLine is one session as the page lists it.
type coachingSessionLine struct {
	ID, Day, Length, Notes string
}

// coachingSessionFields maps the store's field names to the inputs of the session forms.
var coachingSessionFields = map[string]typedField{
	"held_on": {"held_on", "Day held"},
	"minutes": {"minutes", "Length in minutes"},
	"notes":   {"notes", "Notes"},
}

// coachingSessionsOf reads the engagement's sessions through the store, as the actor.
func (s *Server) coachingSessionsOf(c echo.Context, e *threesixty.Engagement) (coachingSessionsSection, error) {
	actor := actorOf(c)
	list, err := s.Store.CoachingSessions(c.Request().Context(), actor, e.ID)
	if err != nil {
		return coachingSessionsSection{}, err
	}
	sec := coachingSessionsSection{Count: len(list), Notes: actor.AccountID() == e.CoachID,
		Form: typedForm{Values: map[string]string{"held_on": threesixty.DateOf(time.Now(), engagementZone(e)).String(), "minutes": "60"}}}
	total := 0
	for _, cs := range list {
		total += cs.Minutes
		sec.Lines = append(sec.Lines, coachingSessionLine{ID: cs.ID, Day: cs.HeldOn.Format("Monday 2 January 2006"), Length: minutesInWords(cs.Minutes), Notes: cs.Notes})
	}
	sec.Total = minutesInWords(total)
	if e.ArchivedAt != nil {
		sec.Blocked = "The engagement is archived: its coaching sessions no longer change."
	}
	return sec, nil
}

// minutesInWords is a length of time as a person says it: "45 minutes", "1 hour 30 minutes".
func minutesInWords(minutes int) string {
	hours, rest := minutes/60, minutes%60
	switch {
	case hours == 0:
		return plural(rest, "minute", "minutes")
	case rest == 0:
		return plural(hours, "hour", "hours")
	}
	return plural(hours, "hour", "hours") + " " + plural(rest, "minute", "minutes")
}

// readCoachingSession reads a session form into form's values and the session it describes. ok
// is false when the day is not one, whose problem is then beside its input.
func readCoachingSession(c echo.Context, form *typedForm) (cs threesixty.CoachingSession, ok bool) {
	for _, name := range []string{"held_on", "minutes"} {
		form.Values[name] = strings.TrimSpace(c.FormValue(name))
	}
	form.Values["notes"] = c.FormValue("notes")
	cs.Notes = form.Values["notes"]
	// Anything but a whole number is 0, which the rules refuse with the range they take.
	cs.Minutes, _ = strconv.Atoi(form.Values["minutes"])
	if typed := form.Values["held_on"]; typed != "" {
		day, err := threesixty.ParseDate(typed)
		if err != nil {
			form.add("held_on", coachingSessionFields["held_on"].Label, err.Error())
			return cs, false
		}
		cs.HeldOn = day
	}
	return cs, true
}

func (s *Server) addCoachingSessionForm(c echo.Context) error {
	page, err := s.engagementView(c)
	if err != nil {
		return err
	}
	form := typedForm{Values: map[string]string{}}
	cs, ok := readCoachingSession(c, &form)
	status := http.StatusUnprocessableEntity
	if ok {
		created, err := s.Store.CreateCoachingSession(c.Request().Context(), actorOf(c), page.Engagement.ID, cs)
		if err == nil {
			return s.redirectWith(c, "/engagements/"+page.Engagement.ID+"#coaching-sessions",
				"The coaching session of "+created.HeldOn.Format("2 January 2006")+" is recorded.")
		}
		if err := form.refuse(err, coachingSessionFields); err != nil {
			return err
		}
		status = statusOfForm(err)
	}
	page.Sessions.Form = form
	return s.renderRefused(c, page, status)
}

// coachingSessionPage is one coaching session on a page of its own: the form that edits it, or
// the question whether to delete it.
type coachingSessionPage struct {
	frame
	Engagement *threesixty.Engagement
	Session    coachingSessionLine
	// Deleting asks whether to delete; otherwise the page edits.
	Deleting bool
	Form     typedForm
	// Notes: the reader is the engagement's coach, who alone reads and writes the notes.
	Notes bool
	Back  string
}

// Inputs is the form's inputs.
func (p coachingSessionPage) Inputs() coachingSessionInputs {
	return coachingSessionInputs{p.Form, p.Notes}
}

// coachingSessionView reads the engagement and the session of the path, through the store:
// ENOTFOUND for either when the actor may not see it, and for a session of another engagement.
func (s *Server) coachingSessionView(c echo.Context, deleting bool) (*coachingSessionPage, *threesixty.CoachingSession, error) {
	ctx, actor := c.Request().Context(), actorOf(c)
	e, err := s.Store.Engagement(ctx, actor, c.Param("id"))
	if err != nil {
		return nil, nil, err
	}
	cs, err := s.Store.CoachingSession(ctx, actor, c.Param("coaching_session"))
	if err != nil {
		return nil, nil, err
	}
	if cs.EngagementID != e.ID {
		return nil, nil, threesixty.Errorf(threesixty.ENOTFOUND, "coaching session not found")
	}
	title := "Edit the coaching session"
	if deleting {
		title = "Delete this coaching session?"
	}
	day := cs.HeldOn.Format("Monday 2 January 2006")
	page := &coachingSessionPage{
		frame: s.frameFor(c, title, "engagements"), Engagement: e, Deleting: deleting, Back: "/engagements/" + e.ID + "#coaching-sessions",
		Session: coachingSessionLine{ID: cs.ID, Day: day, Length: minutesInWords(cs.Minutes), Notes: cs.Notes},
		Form:    typedForm{Values: map[string]string{"held_on": cs.HeldOn.String(), "minutes": strconv.Itoa(cs.Minutes), "notes": cs.Notes}},
		Notes:   e.CoachID == actor.AccountID(),
	}
	if e.ArchivedAt != nil {
		page.Form.Problem = "The engagement is archived: its coaching sessions no longer change."
	}
	return page, cs, nil
}

func (s *Server) showEditCoachingSession(c echo.Context) error {
	page, _, err := s.coachingSessionView(c, false)
	if err != nil {
		return err
	}
	return c.Render(http.StatusOK, "app/coaching_session", page)
}

func (s *Server) editCoachingSessionForm(c echo.Context) error {
	page, cs, err := s.coachingSessionView(c, false)
	if err != nil {
		return err
	}
	form := typedForm{Values: map[string]string{}}
	typed, ok := readCoachingSession(c, &form)
	status := http.StatusUnprocessableEntity
	if ok {
		change := threesixty.CoachingSessionChange{HeldOn: &typed.HeldOn, Minutes: &typed.Minutes}
		if page.Notes {
			// Only the coach reads the notes, so only the coach's form holds them to change.
			change.Notes = &typed.Notes
		}
		changed, err := s.Store.UpdateCoachingSession(c.Request().Context(), actorOf(c), cs.ID, change)
		if err == nil {
			return s.redirectWith(c, page.Back, "The coaching session of "+changed.HeldOn.Format("2 January 2006")+" is saved.")
		}
		if err := form.refuse(err, coachingSessionFields); err != nil {
			return err
		}
		status = statusOfForm(err)
	}
	page.Form = form
	page.Title = "Edit the coaching session: check the form"
	return c.Render(status, "app/coaching_session", page)
}

func (s *Server) confirmDeleteCoachingSession(c echo.Context) error {
	page, _, err := s.coachingSessionView(c, true)
	if err != nil {
		return err
	}
	return c.Render(http.StatusOK, "app/coaching_session", page)
}

func (s *Server) deleteCoachingSessionForm(c echo.Context) error {
	page, cs, err := s.coachingSessionView(c, true)
	if err != nil {
		return err
	}
	if err := s.Store.DeleteCoachingSession(c.Request().Context(), actorOf(c), cs.ID); err != nil {
		if threesixty.ErrorCode(err) != threesixty.ECONFLICT {
			return err
		}
		page.Form.Problem = toError(err).Message
		return c.Render(http.StatusConflict, "app/coaching_session", page)
	}
	return s.redirectWith(c, page.Back, fmt.Sprintf("The coaching session of %s is deleted.", cs.HeldOn.Format("2 January 2006")))
}

// coachingSessionAuditWords says an audit trail entry about a coaching session in words, with the
// day and length it records: "Recorded the coaching session of 8 March 2027 (1 hour)". ok is
// false for other entries.
func coachingSessionAuditWords(entry threesixty.AuditEntry) (what string, ok bool) {
	verb := map[threesixty.AuditAction]string{
		threesixty.AuditCoachingSessionAdded:   "Recorded",
		threesixty.AuditCoachingSessionChanged: "Changed",
		threesixty.AuditCoachingSessionDeleted: "Deleted",
	}[entry.Action]
	if verb == "" {
		return "", false
	}
	what = verb + " a coaching session"
	if day, err := threesixty.ParseDate(fmt.Sprint(entry.Detail["held_on"])); err == nil {
		what = verb + " the coaching session of " + day.Format("2 January 2006")
	}
	if minutes, isNumber := entry.Detail["minutes"].(float64); isNumber {
		what += " (" + minutesInWords(int(minutes)) + ")"
	}
	return what, true
}
