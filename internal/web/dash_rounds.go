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

// roundPages registers the pages of rounds: opening one, its progress, closing it, its results
// and report; and of goals.
func (s *Server) roundPages(e *echo.Echo, app []echo.MiddlewareFunc) {
	e.GET("/engagements/:id/rounds/new", s.showNewRound, app...)
	e.POST("/engagements/:id/rounds", s.openRoundForm, app...)
	e.GET("/rounds/:id", s.showRound, app...)
	e.POST("/rounds/:id/remind", s.remindForm, app...)
	e.GET("/rounds/:id/close", s.confirmCloseRound, app...)
	e.POST("/rounds/:id/close", s.closeRoundForm, app...)
	// The API's handler, behind the session: one rendering of the report for both.
	e.GET("/rounds/:id/report.pdf", s.getReport, app...)
	e.POST("/rounds/:id/share", s.shareReportForm, app...)
	e.GET("/engagements/:id/goals", s.showGoals, app...)
	e.POST("/engagements/:id/goals", s.createGoalForm, app...)
	e.GET("/goals/:id/edit", s.showEditGoal, app...)
	e.POST("/goals/:id/edit", s.editGoalForm, app...)
	e.GET("/goals/:id/delete", s.confirmDeleteGoal, app...)
	e.POST("/goals/:id/delete", s.deleteGoalForm, app...)
	e.POST("/goals/:id/checkins", s.addCheckInForm, app...)
}

// newRoundPage is the form that opens a round: which kind the engagement's rounds allow next,
// the closing date, the reminder schedule, and who will be invited.
type newRoundPage struct {
	frame
	Engagement *threesixty.Engagement
	// Kinds are the kinds of round the engagement may open now; Blocked says why there is none,
	// and Open is the round that stands in the way, if one does.
	Kinds   []threesixty.RoundKind
	Blocked string
	Open    *threesixty.Round
	// First is true before the engagement's first round, whose opening locks its settings.
	First bool
	Form  roundForm
	Notes fieldNotes
	// Invited is who the round will invite, by group, with what the release will make of each.
	Invited    []invitedGroup
	NotAsked   string // the groups nobody is asked in, as a sentence; "" when every group has raters
	Raters     int    // how many raters will be invited, the leader's self-assessment aside
	Threshold  int
	Defaults   threesixty.Reminders
	MaxDays    int
	MaxLimit   int
	TimeZone   string // the engagement's zone, as the deadline is named in it
	Today, Max string // the bounds of the closing date, for the date input
}

// roundForm is what the coach typed, kept as typed so that a form sent back shows it again.
type roundForm struct {
	Kind, ClosesOn, AfterDays, BeforeCloseDays, Limit string
}

// invitedGroup is one rater group of the round about to open.
type invitedGroup struct {
	Label string
	Count int
	Short bool   // too few to be shown on its own, even if every one answers
	Note  string // what the release will do with the group
}

// numberInput is one number of the reminder schedule, as the form shows it.
type numberInput struct {
	Name, Label, Value, Problem string
	Max                         int
}

// Number is the reminder schedule's input called name.
func (p newRoundPage) Number(name string) numberInput {
	_, _, label := roundField(name)
	in := numberInput{Name: name, Label: label, Problem: p.Notes.For(name), Max: p.MaxDays}
	switch name {
	case "after_days":
		in.Value = p.Form.AfterDays
	case "before_close_days":
		in.Value = p.Form.BeforeCloseDays
	case "limit":
		in.Value, in.Max = p.Form.Limit, p.MaxLimit
	}
	return in
}

// Invitations is how many invitations the round will send: one to each rater, and the leader's.
func (p newRoundPage) Invitations() int { return p.Raters + 1 }

// KindTitle names a round kind as a heading does.
func (p newRoundPage) KindTitle(k threesixty.RoundKind) string { return roundTitle(k) }

func (s *Server) showNewRound(c echo.Context) error {
	page, err := s.newRoundPage(c)
	if err != nil {
		return err
	}
	if len(page.Kinds) > 0 {
		page.Form.Kind = string(page.Kinds[0])
	}
	return c.Render(http.StatusOK, "app/round_new", page)
}

// newRoundPage gathers what the form shows, with the defaults filled in.
func (s *Server) newRoundPage(c echo.Context) (*newRoundPage, error) {
	ctx, actor := c.Request().Context(), actorOf(c)
	e, err := s.Store.Engagement(ctx, actor, c.Param("id"))
	if err != nil {
		return nil, err
	}
	rounds, err := s.Store.Rounds(ctx, actor, e.ID)
	if err != nil {
		return nil, err
	}
	raters, err := s.Store.Raters(ctx, actor, e.ID)
	if err != nil {
		return nil, err
	}
	loc := engagementZone(e)
	today := s.Now().In(loc)
	page := &newRoundPage{
		frame:      s.frameFor(c, "Open a round · "+e.Leader.Name, "engagements"),
		Engagement: e, First: len(rounds) == 0, Threshold: e.Anonymity.Threshold, Raters: len(raters),
		Defaults: threesixty.DefaultReminders, MaxDays: threesixty.MaxReminderDays, MaxLimit: threesixty.MaxReminderLimit,
		TimeZone: loc.String(), Today: today.Format(time.DateOnly),
		Max: today.AddDate(0, 0, 365).Format(time.DateOnly),
		Form: roundForm{
			ClosesOn:        today.AddDate(0, 0, 14).Format(time.DateOnly),
			AfterDays:       strconv.Itoa(threesixty.DefaultReminders.AfterDays),
			BeforeCloseDays: strconv.Itoa(threesixty.DefaultReminders.BeforeCloseDays),
			Limit:           strconv.Itoa(threesixty.DefaultReminders.Limit),
		},
	}
	var why error
	for _, k := range []threesixty.RoundKind{threesixty.RoundKindBaseline, threesixty.RoundKindMidpoint, threesixty.RoundKindClosing} {
		if err := threesixty.CheckNextRound(k, rounds); err == nil {
			page.Kinds = append(page.Kinds, k)
		} else if k != threesixty.RoundKindMidpoint {
			why = err
		}
	}
	for i := range rounds {
		if rounds[i].Status == threesixty.RoundStatusOpen {
			page.Open = &rounds[i]
		}
	}
	if len(page.Kinds) == 0 && why != nil {
		page.Blocked = sentence(toError(why).Message)
	}
	page.Invited, page.NotAsked = invitedGroups(e, raters)
	return page, nil
}

// invitedGroups sums up raters by group, as the round about to open will invite them, with what
// its release will make of each group under the engagement's anonymity settings.
func invitedGroups(e *threesixty.Engagement, raters []threesixty.Rater) ([]invitedGroup, string) {
	k := e.Anonymity.Threshold
	out := []invitedGroup{{Label: "Self", Count: 1, Note: e.Leader.Name + "'s self-assessment, always shown on its own."}}
	var missing []string
	for _, g := range threesixty.OthersGroups {
		n, sponsor := 0, false
		for _, r := range raters {
			if r.Group == g {
				n++
				sponsor = sponsor || r.Sponsor
			}
		}
		if n == 0 {
			missing = append(missing, g.Label())
			continue
		}
		row := invitedGroup{Label: g.Label(), Count: n}
		counted := n
		switch {
		case g == threesixty.GroupSuperior && e.Anonymity.SuperiorIdentifiable:
			row.Note = "Shown on its own, whatever its size: superiors are told their answers may be recognised."
			out = append(out, row)
			continue
		case sponsor:
			counted-- // the sponsor's answer is known to whoever reads what the sponsor is shown
		}
		if counted < k {
			row.Short = true
			row.Note = "Even if all answer, it will be merged with another group at release, or not shown."
		} else {
			row.Note = fmt.Sprintf("Shown on its own if at least %d answer; otherwise merged or not shown.", k)
		}
		if sponsor {
			row.Note += " The sponsor, among them, does not count towards the " + strconv.Itoa(k) + ": their answer is known to them."
		}
		out = append(out, row)
	}
	return out, threesixty.JoinAnd(missing)
}

func (s *Server) openRoundForm(c echo.Context) error {
	page, err := s.newRoundPage(c)
	if err != nil {
		return err
	}
	page.Title = "Not opened: " + page.Title
	f := roundForm{
		Kind: c.FormValue("kind"), ClosesOn: strings.TrimSpace(c.FormValue("closes_on")),
		AfterDays: strings.TrimSpace(c.FormValue("after_days")), BeforeCloseDays: strings.TrimSpace(c.FormValue("before_close_days")),
		Limit: strings.TrimSpace(c.FormValue("limit")),
	}
	page.Form = f
	plan := threesixty.RoundPlan{Kind: threesixty.RoundKind(f.Kind), Reminders: threesixty.DefaultReminders}
	if plan.Kind == threesixty.RoundKindClosing {
		// The store pins the baseline's instrument version.
	} else if in, ok := s.Instruments[page.Engagement.Instrument]; ok {
		plan.InstrumentVersion = in.Version
	} else {
		page.Notes.add("", "", "", "The engagement's instrument is no longer shipped with the service, so no round can open.")
	}
	loc := engagementZone(page.Engagement)
	day, err := time.ParseInLocation(time.DateOnly, f.ClosesOn, loc)
	switch {
	case f.ClosesOn == "":
		page.Notes.add("closes_on", "closes_on", "Closing date", "Choose the last day people can answer.")
	case err != nil:
		page.Notes.add("closes_on", "closes_on", "Closing date", "Must be a date written as year-month-day, such as "+page.Form.example()+".")
	case day.Before(time.Date(s.Now().In(loc).Year(), s.Now().In(loc).Month(), s.Now().In(loc).Day(), 0, 0, 0, 0, loc)):
		page.Notes.add("closes_on", "closes_on", "Closing date", "Is in the past: choose today or a later day.")
	default:
		// The round takes answers through the whole of the chosen day, in the engagement's zone.
		plan.ClosesAt = day.AddDate(0, 0, 1).UTC()
	}
	for _, n := range []struct {
		field, label, value string
		to                  *int
	}{
		{"after_days", "Days after the invitation", f.AfterDays, &plan.Reminders.AfterDays},
		{"before_close_days", "Days before the round closes", f.BeforeCloseDays, &plan.Reminders.BeforeCloseDays},
		{"limit", "Reminders to one person at most", f.Limit, &plan.Reminders.Limit},
	} {
		v, err := strconv.Atoi(n.value)
		if err != nil {
			page.Notes.add(n.field, n.field, n.label, "Must be a whole number, such as 2; 0 turns it off.")
			continue
		}
		*n.to = v
	}
	// The rules of the domain, for what could be read: every problem of the form at once.
	for _, p := range plan.Validate(s.Now()) {
		name, id, label := roundField(p.Field)
		if page.Notes.For(name) == "" && (name != "closes_on" || !plan.ClosesAt.IsZero()) {
			page.Notes.add(name, id, label, sentence(p.Message))
		}
	}
	if page.Notes.Any() {
		return c.Render(page.Notes.Status(), "app/round_new", page)
	}
	ctx, actor := c.Request().Context(), actorOf(c)
	round, invitations, err := s.Store.OpenRound(ctx, actor, page.Engagement.ID, plan)
	if err != nil {
		if !page.Notes.take(err, roundField) {
			return err
		}
		return c.Render(page.Notes.Status(), "app/round_new", page)
	}
	return s.redirectWith(c, "/rounds/"+round.ID, fmt.Sprintf("%s opened: %d invitations are on their way.",
		roundName(round.Kind), len(invitations)))
}

// example is a closing date to show in a message, as the date input writes one.
func (roundForm) example() string { return "2026-12-01" }

// roundField places a field error of the store's (threesixty.RoundPlan.Validate) on the input
// of the form that holds it.
func roundField(field string) (name, id, label string) {
	switch strings.TrimPrefix(field, "reminders.") {
	case "kind":
		return "kind", "kind", "Round"
	case "closes_at":
		return "closes_on", "closes_on", "Closing date"
	case "after_days":
		return "after_days", "after_days", "Days after the invitation"
	case "before_close_days":
		return "before_close_days", "before_close_days", "Days before the round closes"
	case "limit":
		return "limit", "limit", "Reminders to one person at most"
	}
	return "", "", ""
}

// roundTitle names a round kind as a heading does: "Baseline round".
func roundTitle(k threesixty.RoundKind) string {
	switch k {
	case threesixty.RoundKindBaseline:
		return "Baseline round"
	case threesixty.RoundKindMidpoint:
		return "Midpoint round"
	case threesixty.RoundKindClosing:
		return "Closing round"
	}
	return "Round"
}

// roundName names a round at the start of a message: "Baseline", "Closing round".
func roundName(k threesixty.RoundKind) string {
	if k == threesixty.RoundKindBaseline {
		return "Baseline"
	}
	return roundTitle(k)
}
