package web

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
	"threesixty/reports"
)

// The leader's page is one address, the link itself: every form on it posts back to that
// address (its field _action says what to do) and every report downloads from it (?report=), so
// neither the page nor its forms ever hold the token. After a form, the page sends the leader to
// it again with ?done= saying what was recorded (Post/Redirect/Get); a form with errors comes
// back in the page, each error beside its field.

// leaderPage is what the leader's page shows: what is the leader's own of the engagement, and
// nothing about whether any rater answered, declined or was reminded.
type leaderPage struct {
	Leader, Coach string
	// Done says what the form just sent recorded, "" otherwise.
	Done string
	// Self is the self-assessment of the round open now, nil when none is.
	Self       *selfView
	Reports    []reportView
	Goals      []goalView
	Consent    consentView
	Nomination *nominationView // nil unless the coach allows nominations
}

// PageTitle is what the layout puts in <title>.
func (p leaderPage) PageTitle() string { return "Your coaching page" }

type selfView struct {
	Round, Due string
	Status     string // the invitation's: pending, completed, declined
	Error      string
}

type reportView struct{ Title, Released, Shared, Href string }

type goalView struct {
	ID, Title, Description string
	KeyResults             []threesixty.KeyResult
	CheckIns               []checkInView
	Statuses               []option
	Note                   string
	Errors                 map[string]string
}

type checkInView struct{ Status, Note, At string }

type option struct {
	Value, Label string
	// Hint says more about the choice, under its label; "" for none.
	Hint    string
	Checked bool
}

type consentView struct {
	Standing string // where the consent stands, in a sentence
	Options  []option
	History  []consentEntry
	Error    string
}

type consentEntry struct{ What, At string }

// nominationView is the nomination part of the leader's page. Proposals waiting for the coach are
// listed by name; decided ones are only counted, so that a nominee erased at their request (whose
// proposal keeps its decision) changes nothing the leader sees.
type nominationView struct {
	List                []nomineeView
	Approved, NotTaken  int
	Name, Email         string
	Groups              []option
	Errors              map[string]string
	EmailHint, NameHint string
}

type nomineeView struct{ Name, Email, Group, Status string }

// doneMessages are the confirmations after each form, by the ?done= the page is sent back with.
var doneMessages = map[string]string{
	"check_in":   "Your check-in was recorded.",
	"consent":    "Your choice about the sponsor summary was recorded.",
	"nomination": "Your proposal was sent to your coach, who approves or rejects it. Nobody is contacted before that.",
}

// showLeaderPage shows the leader's page, or, with ?report=, downloads a shared report. It never
// changes anything: mail scanners open links too.
func (s *Server) showLeaderPage(c echo.Context) error {
	link := leaderLinkOf(c)
	if round := c.QueryParam("report"); round != "" {
		return s.sendReport(c, link.actor(), round, reports.Options{PageSize: reports.A4, Created: s.Now()})
	}
	page, err := s.leaderPageOf(c.Request().Context(), link)
	if err != nil {
		return err
	}
	page.Done = doneMessages[c.QueryParam("done")]
	return c.Render(http.StatusOK, "leader", page)
}

// leaderForm takes every form of the leader's page.
func (s *Server) leaderForm(c echo.Context) error {
	form, err := postedForm(c)
	if err != nil {
		return err
	}
	link := leaderLinkOf(c)
	ctx, actor, engagement := c.Request().Context(), link.actor(), link.access.EngagementID
	var done string
	var problems error
	switch form.Get("_action") {
	case "self_assessment":
		token, err := s.Store.SelfAssessmentLink(ctx, actor, engagement)
		if err == nil {
			// The fresh link goes in the Location header alone, which is never logged.
			return c.Redirect(http.StatusSeeOther, s.links.Survey(token))
		}
		if problems = err; threesixty.ErrorCode(err) == threesixty.ENOTFOUND {
			problems = threesixty.Errorf(threesixty.ECONFLICT, "no round is open now, so there is no self-assessment to start")
		}
	case "check_in":
		_, problems = s.Store.AddCheckIn(ctx, actor, form.Get("goal"), threesixty.CheckIn{
			Note: form.Get("note"), Status: threesixty.CheckInStatus(form.Get("status")),
		})
		done = "check_in"
	case "consent":
		switch scope := form.Get("scope"); scope {
		case "none":
			_, problems = s.Store.WithdrawSponsorConsent(ctx, actor, engagement)
		default:
			_, problems = s.Store.GiveSponsorConsent(ctx, actor, engagement, threesixty.ConsentScope(scope))
		}
		done = "consent"
	case "nominate":
		_, problems = s.Store.ProposeNomination(ctx, actor, engagement, threesixty.Nomination{
			Name: form.Get("name"), Email: form.Get("email"), Group: threesixty.RaterGroup(form.Get("group")),
		})
		done = "nomination"
	default:
		return threesixty.Errorf(threesixty.EMALFORMED, "the form does not say what to do; nothing was changed")
	}
	switch {
	case problems == nil:
		return c.Redirect(http.StatusSeeOther, s.links.LeaderDone(link.token, done))
	case threesixty.ErrorCode(problems) != threesixty.EINVALID && threesixty.ErrorCode(problems) != threesixty.ECONFLICT:
		return problems
	}
	// Shown in the page, beside the form that was sent, with what was typed.
	page, err := s.leaderPageOf(ctx, link)
	if err != nil {
		return err
	}
	page.showProblems(form.Get("_action"), form, problems)
	status := http.StatusUnprocessableEntity
	if threesixty.ErrorCode(problems) == threesixty.ECONFLICT {
		status = http.StatusConflict
	}
	return c.Render(status, "leader", page)
}

// fieldErrors are an error's messages by field; "" holds what names no field of the form.
func fieldErrors(err error, fields ...string) map[string]string {
	out := map[string]string{}
	var te *threesixty.Error
	if !errors.As(err, &te) {
		return out
	}
	known := map[string]bool{}
	for _, f := range fields {
		known[f] = true
	}
	for _, f := range te.Fields {
		key := f.Field
		if !known[key] {
			key = ""
		}
		if out[key] == "" {
			out[key] = f.Message
		}
	}
	if len(te.Fields) == 0 {
		out[""] = te.Message
	}
	return out
}

// showProblems puts the errors of the form sent (action) beside its fields, with what was typed.
func (p *leaderPage) showProblems(action string, form map[string][]string, err error) {
	get := func(k string) string {
		if v := form[k]; len(v) > 0 {
			return v[0]
		}
		return ""
	}
	switch action {
	case "self_assessment":
		if p.Self == nil { // the round closed meanwhile: say so where the button was
			p.Self = &selfView{Status: "closed"}
		}
		p.Self.Error = sentence(toError(err).Message)
	case "check_in":
		for i := range p.Goals {
			g := &p.Goals[i]
			if g.ID != get("goal") {
				continue
			}
			g.Errors, g.Note = fieldErrors(err, "status", "note"), get("note")
			for j := range g.Statuses {
				g.Statuses[j].Checked = g.Statuses[j].Value == get("status")
			}
		}
	case "consent":
		p.Consent.Error = fieldErrors(err)[""]
		if e := fieldErrors(err, "scope")["scope"]; e != "" {
			p.Consent.Error = e
		}
	case "nominate":
		if p.Nomination == nil {
			p.Nomination = &nominationView{Groups: groupOptions("")}
		}
		n := p.Nomination
		n.Errors, n.Name, n.Email = fieldErrors(err, "name", "email", "group"), get("name"), get("email")
		if n.Errors["group"] != "" { // the domain's message names the API's values
			n.Errors["group"] = "Choose how this person works with you."
		}
		n.Groups = groupOptions(threesixty.RaterGroup(get("group")))
	}
}

// leaderPageOf gathers what the leader's page shows, as the leader may see it.
func (s *Server) leaderPageOf(ctx context.Context, link *leaderLink) (*leaderPage, error) {
	a, actor := link.access, link.actor()
	loc := threesixty.LocationOrUTC(a.TimeZone)
	day := func(t time.Time) string { return t.In(loc).Format("2 January 2006") }
	page := &leaderPage{Leader: a.LeaderName, Coach: a.CoachName}

	self, err := s.Store.SelfAssessment(ctx, actor, a.EngagementID)
	switch {
	case err == nil:
		due, _ := threesixty.Deadline(self.ClosesAt, loc)
		page.Self = &selfView{Round: string(self.RoundKind) + " round", Due: due, Status: string(self.Status)}
	case threesixty.ErrorCode(err) != threesixty.ENOTFOUND:
		return nil, err
	}

	shared, err := s.Store.SharedReports(ctx, actor, a.EngagementID)
	if err != nil {
		return nil, err
	}
	for _, r := range shared {
		page.Reports = append(page.Reports, reportView{
			Title: "Your " + string(r.RoundKind) + " report", Released: day(r.ReleasedAt), Shared: day(r.SharedAt),
			Href: "?report=" + r.RoundID,
		})
	}

	goals, err := s.Store.Goals(ctx, actor, a.EngagementID)
	if err != nil {
		return nil, err
	}
	for _, g := range goals {
		v := goalView{ID: g.ID, Title: g.Title, Description: g.Description, KeyResults: g.KeyResults, Statuses: statusOptions()}
		for _, ci := range g.CheckIns {
			v.CheckIns = append(v.CheckIns, checkInView{Status: ci.Status.Label(), Note: ci.Note, At: day(ci.At)})
		}
		page.Goals = append(page.Goals, v)
	}

	consent, err := s.Store.SponsorConsent(ctx, actor, a.EngagementID)
	if err != nil {
		return nil, err
	}
	page.Consent = consentViewOf(consent, day)

	if a.NominationAllowed {
		list, err := s.Store.Nominations(ctx, actor, a.EngagementID)
		if err != nil {
			return nil, err
		}
		page.Nomination = &nominationView{Groups: groupOptions("")}
		for _, n := range list {
			switch {
			case n.Status == threesixty.NominationApproved:
				page.Nomination.Approved++
			case n.Status == threesixty.NominationRejected || n.Email == "": // rejected, or erased while waiting
				page.Nomination.NotTaken++
			default:
				page.Nomination.List = append(page.Nomination.List, nomineeView{
					Name: n.Name, Email: n.Email, Group: n.Group.Noun(), Status: nominationStatusLabel(n.Status),
				})
			}
		}
	}
	return page, nil
}

// consentViewOf says where the consent stands, offers the choices with the standing one checked,
// and lists the history, newest first.
func consentViewOf(c *threesixty.ConsentState, day func(time.Time) string) consentView {
	v := consentView{Standing: "You have not decided yet, so your sponsor is shown nothing."}
	given := c.Given()
	if cur := c.Current(); cur != nil {
		if given != "" {
			v.Standing = "Since " + day(cur.At) + " your sponsor's summary may include " + given.Label() + "."
		} else {
			v.Standing = "You withdrew your consent on " + day(cur.At) + ", so your sponsor is shown nothing."
		}
	}
	v.Options = append(v.Options, option{Value: "none", Label: "Nothing: my sponsor is shown no summary", Checked: given == ""})
	for _, scope := range threesixty.ConsentScopes {
		label := scope.Label()
		v.Options = append(v.Options, option{Value: string(scope), Label: strings.ToUpper(label[:1]) + label[1:], Hint: scope.Description(), Checked: given == scope})
	}
	for i := len(c.History) - 1; i >= 0; i-- {
		h := c.History[i]
		what := "Consent given: " + h.Scope.Label()
		if h.Decision == threesixty.ConsentWithdrawn {
			what = "Consent withdrawn (it was for " + h.Scope.Label() + ")"
		}
		v.History = append(v.History, consentEntry{What: what, At: day(h.At)})
	}
	return v
}

func statusOptions() []option {
	var out []option
	for _, st := range threesixty.CheckInStatuses {
		out = append(out, option{Value: string(st), Label: st.Label()})
	}
	return out
}

func groupOptions(checked threesixty.RaterGroup) []option {
	labels := map[threesixty.RaterGroup]string{
		threesixty.GroupSuperior:     "Someone I report to (superior)",
		threesixty.GroupPeer:         "A peer",
		threesixty.GroupDirectReport: "Someone who reports to me (direct report)",
		threesixty.GroupOther:        "Another colleague",
	}
	var out []option
	for _, g := range threesixty.OthersGroups {
		out = append(out, option{Value: string(g), Label: labels[g], Checked: g == checked})
	}
	return out
}

func nominationStatusLabel(s threesixty.NominationStatus) string {
	switch s {
	case threesixty.NominationProposed:
		return "Waiting for your coach"
	case threesixty.NominationApproved:
		return "Approved by your coach"
	case threesixty.NominationRejected:
		return "Not approved by your coach"
	}
	return string(s)
}
