package web

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
)

// engagementPages registers the pages of engagements, their raters and their settings.
func (s *Server) engagementPages(e *echo.Echo, app []echo.MiddlewareFunc) {
	e.GET("/engagements", s.showEngagements, app...)
	e.GET("/engagements/new", s.newEngagement, app...)
	e.POST("/engagements", s.createEngagementForm, app...)
	e.GET("/engagements/:id", s.showEngagement, app...)
	e.POST("/engagements/:id/settings", s.changeSettingsForm, app...)
	e.POST("/engagements/:id/raters", s.addRaterForm, app...)
	// The import's own guard goes first, so that it sees the body limit's refusal.
	e.POST("/engagements/:id/raters/import", s.importRatersForm, append([]echo.MiddlewareFunc{s.importTooLarge}, app...)...)
	e.GET("/engagements/:id/raters/:rater/remove", s.confirmRemoveRater, app...)
	e.POST("/engagements/:id/raters/:rater/remove", s.removeRaterForm, app...)
	e.GET("/engagements/:id/raters/:rater/erase", s.confirmEraseRater, app...)
	e.POST("/engagements/:id/raters/:rater/erase", s.eraseRaterForm, app...)
	s.leaderPages(e, app)
	s.coachingSessionPages(e, app)
}

// engagementsPage is the dashboard's first page: the engagements the account may see, each with
// where it stands.
type engagementsPage struct {
	frame
	Engagements []engagementLine
	// Admin shows each engagement's coach.
	Admin bool
}

// engagementLine is one engagement as the list shows it.
type engagementLine struct {
	ID, Leader, Coach string
	Started           string
	State             string
	// Next is what the coach does next, when something is theirs to do.
	Next string
}

func (s *Server) showEngagements(c echo.Context) error {
	ctx, actor := c.Request().Context(), actorOf(c)
	list, err := s.Store.Engagements(ctx, actor)
	if err != nil {
		return err
	}
	page := engagementsPage{frame: s.frameFor(c, "Engagements", "engagements"), Admin: actor.Role() == threesixty.RoleAdmin}
	for _, e := range list {
		line := engagementLine{ID: e.ID, Leader: e.Leader.Name, Started: e.CreatedAt.In(engagementZone(e)).Format("2 Jan 2006")}
		if line.State, line.Next, err = s.engagementState(ctx, actor, e); err != nil {
			return err
		}
		if page.Admin {
			line.Coach = e.CoachName
		}
		page.Engagements = append(page.Engagements, line)
	}
	return c.Render(http.StatusOK, "app/engagements", page)
}

// engagementState says in words where an engagement stands: its latest round and how far it
// has got, and what the coach does next.
func (s *Server) engagementState(ctx context.Context, actor threesixty.Actor, e *threesixty.Engagement) (state, next string, err error) {
	if e.ArchivedAt != nil {
		return "Archived " + e.ArchivedAt.In(engagementZone(e)).Format("2 January 2006"), "", nil
	}
	rounds, err := s.Store.Rounds(ctx, actor, e.ID)
	if err != nil {
		return "", "", err
	}
	if len(rounds) == 0 {
		raters, err := s.Store.Raters(ctx, actor, e.ID)
		if err != nil {
			return "", "", err
		}
		if len(raters) == 0 {
			return "No round yet", "Add raters", nil
		}
		return "No round yet", fmt.Sprintf("%s added: open the baseline round", plural(len(raters), "rater", "raters")), nil
	}
	last := rounds[len(rounds)-1]
	if last.Status == threesixty.RoundStatusOpen {
		r, err := s.Store.Round(ctx, actor, last.ID)
		if err != nil {
			return "", "", err
		}
		last = *r
	}
	state = roundInWords(&last, engagementZone(e), false)
	if last.Released() && last.Kind == threesixty.RoundKindBaseline {
		next = "Set goals, then open the midpoint pulse or the closing round"
	}
	return state, next, nil
}

// roundInWords is a round in a few words: "Baseline open: 7 of 13 answered, closes 14 December",
// "Baseline released 3 March 2026". With full, the deadline names its time and zone.
func roundInWords(r *threesixty.Round, loc *time.Location, full bool) string {
	kind := roundKindInWords(r.Kind)
	switch {
	case r.Status == threesixty.RoundStatusOpen:
		answered, invited := 0, 0
		for _, p := range r.Progress {
			answered += p.Completed
			invited += p.Invited
		}
		long, day := threesixty.Deadline(r.ClosesAt, loc)
		if full {
			day = long
		}
		return fmt.Sprintf("%s open: %d of %d answered, closes %s", kind, answered, invited, day)
	case r.Released():
		return kind + " released " + r.ReleasedAt.In(loc).Format("2 January 2006")
	}
	return kind + " closed"
}

func roundKindInWords(k threesixty.RoundKind) string {
	switch k {
	case threesixty.RoundKindBaseline:
		return "Baseline"
	case threesixty.RoundKindMidpoint:
		return "Midpoint pulse"
	case threesixty.RoundKindClosing:
		return "Closing round"
	}
	return string(k)
}

// engagementZone is the engagement's time zone, UTC when its name no longer loads.
func engagementZone(e *threesixty.Engagement) *time.Location {
	return threesixty.LocationOrUTC(e.TimeZone)
}

// plural is n with the noun that fits it: "1 day", "3 days".
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// newEngagementPage is the form that creates an engagement.
type newEngagementPage struct {
	frame
	Form        typedForm
	Instruments []instrumentChoice
	Thresholds  []int
	Zones       []string
}

type instrumentChoice struct{ ID, Title string }

// settingsFields is what the settings' inputs are drawn from, on the new engagement's form and
// on an engagement's page alike: the form as typed, and the time zones to offer.
type settingsFields struct {
	Form  typedForm
	Zones []string
}

// SettingsFields is the page's settings inputs.
func (p newEngagementPage) SettingsFields() settingsFields { return settingsFields{p.Form, p.Zones} }

// engagementFields maps the store's field names to the inputs of the engagement forms.
var engagementFields = map[string]typedField{
	"leader.name":          {"leader_name", "Leader's name"},
	"leader.email":         {"leader_email", "Leader's email address"},
	"sponsor.name":         {"sponsor_name", "Sponsor's name"},
	"sponsor.email":        {"sponsor_email", "Sponsor's email address"},
	"sponsor.organisation": {"sponsor_organisation", "Sponsor's organisation"},
	"instrument":           {"instrument", "Instrument"},
	"anonymity.threshold":  {"threshold", "Anonymity threshold"},
	"threshold":            {"threshold", "Anonymity threshold"},
	"time_zone":            {"time_zone", "Time zone"},
	"rater_domains":        {"rater_domains", "Email domains"},
	"starts_on":            {"starts_on", "Start"},
	"planned_end_on":       {"planned_end_on", "Planned end"},
	// What the settings would make of the raters already added (domains they are outside of).
	"raters": {"rater_domains", "Email domains"},
}

func (s *Server) newEngagement(c echo.Context) error {
	ctx, actor := c.Request().Context(), actorOf(c)
	zone := "Europe/London"
	// The coach's newest engagement is the likeliest zone of the next.
	if list, err := s.Store.Engagements(ctx, actor); err != nil {
		return err
	} else if len(list) > 0 && list[0].TimeZone != "" {
		zone = list[0].TimeZone
	}
	form := typedForm{Values: map[string]string{"threshold": strconv.Itoa(threesixty.DefaultThreshold), "time_zone": zone}}
	if ids := s.instrumentIDs(); len(ids) > 0 {
		form.Values["instrument"] = ids[0]
	}
	return s.renderNewEngagement(c, http.StatusOK, form)
}

func (s *Server) renderNewEngagement(c echo.Context, status int, form typedForm) error {
	page := newEngagementPage{frame: s.frameFor(c, "New engagement", "engagements"), Form: form, Thresholds: thresholds(), Zones: commonZones}
	for _, id := range s.instrumentIDs() {
		page.Instruments = append(page.Instruments, instrumentChoice{ID: id, Title: s.Instruments[id].Title})
	}
	sort.SliceStable(page.Instruments, func(i, j int) bool { return page.Instruments[i].Title < page.Instruments[j].Title })
	if form.Refused() {
		page.Title = "New engagement: check the form"
	}
	return c.Render(status, "app/engagement_new", page)
}

func thresholds() []int {
	var out []int
	for k := threesixty.MinThreshold; k <= threesixty.MaxThreshold; k++ {
		out = append(out, k)
	}
	return out
}

// engagementFormValues are the inputs of the new engagement form.
var engagementFormValues = []string{"leader_name", "leader_email", "sponsor_name", "sponsor_email", "sponsor_organisation",
	"instrument", "threshold", "superior_identifiable", "rater_domains", "time_zone", "starts_on", "planned_end_on"}

func (s *Server) createEngagementForm(c echo.Context) error {
	form := typedForm{Values: map[string]string{}}
	for _, name := range engagementFormValues {
		form.Values[name] = strings.TrimSpace(c.FormValue(name))
	}
	v := form.Values
	if _, ok := s.Instruments[v["instrument"]]; !ok {
		form.add("instrument", "Instrument", "must be one of the instruments listed")
		return s.renderNewEngagement(c, http.StatusUnprocessableEntity, form)
	}
	start, end, ok := readDates(c, &form)
	if !ok {
		return s.renderNewEngagement(c, http.StatusUnprocessableEntity, form)
	}
	threshold, _ := strconv.Atoi(v["threshold"]) // anything but a number is 0, which the rules refuse
	e := &threesixty.Engagement{
		Leader:       threesixty.Person{Name: v["leader_name"], Email: v["leader_email"]},
		Instrument:   v["instrument"],
		Anonymity:    threesixty.Anonymity{Threshold: threshold, SuperiorIdentifiable: v["superior_identifiable"] != ""},
		RaterDomains: domainList(v["rater_domains"]),
		TimeZone:     v["time_zone"],
		StartsOn:     start,
		PlannedEndOn: end,
	}
	if v["sponsor_name"] != "" || v["sponsor_email"] != "" || v["sponsor_organisation"] != "" {
		e.Sponsor = &threesixty.Sponsor{Name: v["sponsor_name"], Email: v["sponsor_email"], Organisation: v["sponsor_organisation"]}
	}
	created, err := s.Store.CreateEngagement(c.Request().Context(), actorOf(c), e)
	if err != nil {
		if err := form.refuse(err, engagementFields); err != nil {
			return err
		}
		return s.renderNewEngagement(c, http.StatusUnprocessableEntity, form)
	}
	return s.redirectWith(c, "/engagements/"+created.ID, "The engagement for "+created.Leader.Name+" is created. Add the raters next.")
}

// domainList reads email domains as a person types them: separated by commas, spaces or lines,
// perhaps with an @ in front or in capitals.
func domainList(typed string) []string {
	var out []string
	for _, d := range strings.FieldsFunc(typed, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\n' || r == '\r' || r == '\t' }) {
		if d = strings.ToLower(strings.TrimPrefix(d, "@")); d != "" {
			out = append(out, d)
		}
	}
	return out
}

// commonZones are offered as the time zone is typed; any IANA name is taken.
var commonZones = []string{
	"UTC", "Europe/London", "Europe/Dublin", "Europe/Lisbon", "Europe/Paris", "Europe/Berlin", "Europe/Amsterdam",
	"Europe/Brussels", "Europe/Madrid", "Europe/Rome", "Europe/Zurich", "Europe/Vienna", "Europe/Stockholm",
	"Europe/Oslo", "Europe/Copenhagen", "Europe/Helsinki", "Europe/Warsaw", "Europe/Prague", "Europe/Athens",
	"Europe/Istanbul", "Africa/Johannesburg", "Africa/Lagos", "Africa/Nairobi", "Africa/Cairo", "Asia/Dubai",
	"Asia/Kolkata", "Asia/Singapore", "Asia/Hong_Kong", "Asia/Shanghai", "Asia/Tokyo", "Asia/Seoul",
	"Australia/Perth", "Australia/Sydney", "Pacific/Auckland", "America/St_Johns", "America/Halifax",
	"America/New_York", "America/Toronto", "America/Chicago", "America/Mexico_City", "America/Denver",
	"America/Phoenix", "America/Los_Angeles", "America/Vancouver", "America/Sao_Paulo", "America/Bogota",
	"America/Buenos_Aires", "America/Santiago",
}
