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

// engagementPage is one engagement: who it is for, its rounds, its raters by group, the forms
// that change them and its settings, and its audit trail.
type engagementPage struct {
	frame
	Engagement *threesixty.Engagement
	Instrument string // its title
	Coach      string // shown to admins, who see every coach's engagements
	Zone       string
	Rounds     []roundLine
	// NextRound is the label of the link that opens the next round, "" when none may open now.
	NextRound string
	// Locked says why the settings can no longer change, "" while they can.
	Locked string
	Groups []groupLine
	Raters []raterLine
	// AddBlocked says why no rater can be added now, "" while they can.
	AddBlocked string
	// JoinsOpenRound: raters added now are invited to the open round at once.
	JoinsOpenRound bool
	Audit          []auditLine
	// Leader is the leader's side: their link, nominations, sponsor consent, the archive.
	Leader leaderSection
	// Timeline says the engagement's dates in words, "" when it has none; Dates is their form.
	Timeline string
	Dates    typedForm
	// Sessions are the coaching sessions and the form that records one.
	Sessions      coachingSessionsSection
	Settings, Add typedForm
	Import        importForm
	Thresholds    []int
	Zones         []string
	Groupings     []groupChoice
}

// SettingsFields is the page's settings inputs.
func (p engagementPage) SettingsFields() settingsFields { return settingsFields{p.Settings, p.Zones} }

type roundLine struct{ ID, Kind, State string }

// groupLine is a rater group: how many raters it has and what it needs to be shown.
type groupLine struct {
	Label  string
	Raters int
	Need   string
	Short  bool // fewer raters than the threshold: it cannot be shown on its own
}

type raterLine struct {
	ID, Name, Email, Group string
	Sponsor                bool
	// Removable: never invited, so the rater may simply be taken off the list.
	Removable bool
}

type auditLine struct{ When, Who, What string }

type groupChoice struct{ Value, Label string }

// raterGroupChoices are the groups a rater can be added in, as the forms offer them; the values
// are the words of the API and of CSV files.
var raterGroupChoices = []groupChoice{
	{"superior", "Superior"}, {"peer", "Peer"}, {"direct_report", "Direct report"}, {"other", "Other"},
}

// engagementView reads everything the engagement page shows, through the store and as the
// actor: ENOTFOUND for an engagement the actor may not see.
func (s *Server) engagementView(c echo.Context) (*engagementPage, error) {
	ctx, actor, id := c.Request().Context(), actorOf(c), c.Param("id")
	e, err := s.Store.Engagement(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	raters, err := s.Store.Raters(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	rounds, err := s.Store.Rounds(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	trail, err := s.Store.AuditTrail(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	loc := engagementZone(e)
	page := &engagementPage{
		frame:      s.frameFor(c, e.Leader.Name, "engagements"),
		Engagement: e, Instrument: e.Instrument, Zone: loc.String(),
		Thresholds: thresholds(), Zones: commonZones, Groupings: raterGroupChoices,
	}
	if in, ok := s.Instruments[e.Instrument]; ok {
		page.Instrument = in.Title
	}
	if actor.Role() == threesixty.RoleAdmin {
		page.Coach = e.CoachName
	}
	for i := range rounds {
		r := &rounds[i]
		if r.Status == threesixty.RoundStatusOpen {
			if r, err = s.Store.Round(ctx, actor, r.ID); err != nil {
				return nil, err
			}
			page.JoinsOpenRound = true
			for _, p := range r.Progress {
				if p.Group != threesixty.GroupSelf && p.Completed > 0 {
					page.AddBlocked = "The open round already has answers, so no rater can join it now: raters added after someone answered could be used to work out that person's answers. Add them once the round closes, for the next one."
				}
			}
		}
		page.Rounds = append(page.Rounds, roundLine{ID: r.ID, Kind: roundKindInWords(r.Kind), State: roundInWords(r, loc, true)})
	}
	if threesixty.CheckNextRound(threesixty.RoundKindBaseline, rounds) == nil {
		page.NextRound = "Open the baseline round"
	} else if threesixty.CheckNextRound(threesixty.RoundKindClosing, rounds) == nil {
		page.NextRound = "Open the closing round"
	}
	if len(rounds) > 0 {
		page.Locked = "The settings are locked: the raters were told them in their invitations when the first round opened, and every release keeps to what they were told."
	}
	page.Groups = raterGroups(raters, e.Anonymity)
	page.Raters = raterLines(raters, rounds, trail)
	page.Audit = auditLines(trail, rounds, loc)
	page.Settings = settingsValues(e)
	page.Timeline, page.Dates = timelineInWords(e), datesValues(e)
	if page.Sessions, err = s.coachingSessionsOf(c, e); err != nil {
		return nil, err
	}
	if page.Leader, err = s.leaderSectionOf(ctx, actor, e, rounds, trail, loc); err != nil {
		return nil, err
	}
	page.archivedRefusals()
	return page, nil
}

func settingsValues(e *threesixty.Engagement) typedForm {
	v := map[string]string{
		"threshold":     strconv.Itoa(e.Anonymity.Threshold),
		"rater_domains": strings.Join(e.RaterDomains, ", "),
		"time_zone":     e.TimeZone,
	}
	if e.Anonymity.SuperiorIdentifiable {
		v["superior_identifiable"] = "on"
	}
	if v["time_zone"] == "" {
		v["time_zone"] = "UTC"
	}
	return typedForm{Values: v}
}

// raterGroups counts the raters of each group and says what the group needs to be shown.
func raterGroups(raters []threesixty.Rater, a threesixty.Anonymity) []groupLine {
	k := a.Threshold
	var out []groupLine
	for _, g := range threesixty.OthersGroups {
		n, sponsor := 0, false
		for _, r := range raters {
			if r.Group == g {
				n++
				sponsor = sponsor || r.Sponsor
			}
		}
		line := groupLine{Label: g.Label(), Raters: n}
		if sponsor && !(g == threesixty.GroupSuperior && a.SuperiorIdentifiable) {
			// The sponsor's answer is known to them: the release does not count it towards k.
			n--
		}
		switch {
		case g == threesixty.GroupSuperior && a.SuperiorIdentifiable:
			line.Need = "Shown even when only one answers: superiors are identifiable in this engagement, and are told so."
			if n == 0 {
				line.Need = "None yet. " + line.Need
			}
		case n == 0:
			line.Need = fmt.Sprintf("None yet. Add at least %d, or leave the group out: its answers would count only within a merged group.", k)
			line.Short = true
		case n < k:
			line.Need = fmt.Sprintf("Add %d more: fewer than %d answers are never shown on their own, only merged into another group or left out.", k-n, k)
			line.Short = true
		case n == k:
			line.Need = fmt.Sprintf("Shown only if all %d answer: add one or two more, since not everyone does.", k)
		default:
			line.Need = fmt.Sprintf("Enough: shown when at least %d of the %d answer.", k, n)
		}
		if sponsor && !(g == threesixty.GroupSuperior && a.SuperiorIdentifiable) {
			line.Need += fmt.Sprintf(" The sponsor, among them, does not count towards the %d: their answer is known to them.", k)
		}
		out = append(out, line)
	}
	return out
}

// raterLines lists the raters, each marked removable when no round can have invited them: every
// round had closed before they were added. The store has the last word (RemoveRater).
func raterLines(raters []threesixty.Rater, rounds []threesixty.Round, trail []threesixty.AuditEntry) []raterLine {
	added := map[string]time.Time{}
	for _, entry := range trail {
		if entry.Action == threesixty.AuditRaterAdded && entry.Rater != nil {
			added[entry.Rater.ID] = entry.At
		}
	}
	out := make([]raterLine, len(raters))
	for i, r := range raters {
		at, known := added[r.ID]
		removable := known || len(rounds) == 0
		for _, round := range rounds {
			if round.ClosedAt == nil || !round.ClosedAt.Before(at) {
				removable = false
			}
		}
		out[i] = raterLine{ID: r.ID, Name: r.Name, Email: r.Email, Group: groupChoiceLabel(r.Group), Sponsor: r.Sponsor, Removable: removable}
	}
	return out
}

func groupChoiceLabel(g threesixty.RaterGroup) string {
	for _, c := range raterGroupChoices {
		if c.Value == string(g) {
			return c.Label
		}
	}
	return string(g)
}

// auditLines says each change of the audit trail in words, newest first.
func auditLines(trail []threesixty.AuditEntry, rounds []threesixty.Round, loc *time.Location) []auditLine {
	kinds := map[string]string{}
	for _, r := range rounds {
		kinds[r.ID] = strings.ToLower(roundKindInWords(r.Kind))
	}
	out := make([]auditLine, 0, len(trail))
	for i := len(trail) - 1; i >= 0; i-- {
		entry := trail[i]
		line := auditLine{When: entry.At.In(loc).Format("2 Jan 2006, 15:04"), Who: "The service, on schedule"}
		if entry.By != nil {
			line.Who = entry.By.Name
		}
		d := entry.Detail
		group := groupChoiceLabel(threesixty.RaterGroup(fmt.Sprint(d["group"])))
		switch entry.Action {
		case threesixty.AuditEngagementCreated:
			line.What = "Created the engagement"
		case threesixty.AuditSettingsChanged:
			line.What = "Changed the settings" + settingsDiff(d)
		case threesixty.AuditRaterAdded:
			switch r := entry.Rater; {
			case r == nil:
				line.What = "Added a rater (" + group + "), removed since"
			case r.Email == "":
				line.What = "Added a rater (" + group + "), erased since"
			default:
				line.What = fmt.Sprintf("Added %s (%s) as %s", r.Name, r.Email, strings.ToLower(group))
			}
		case threesixty.AuditRaterRemoved:
			if name, _ := d["name"].(string); name != "" {
				line.What = fmt.Sprintf("Removed %s (%s), %s, never invited", name, d["email"], strings.ToLower(group))
			} else {
				line.What = "Removed a rater (" + group + "), never invited"
			}
		case threesixty.AuditRaterErased:
			line.What = "Erased a rater at their request"
		case threesixty.AuditRoundOpened:
			line.What = "Opened the " + fmt.Sprint(d["kind"]) + " round"
			if at, err := time.Parse(time.RFC3339, fmt.Sprint(d["closes_at"])); err == nil {
				full, _ := threesixty.Deadline(at, loc)
				line.What += ", closing " + full
			}
			if left, _ := d["left_out"].([]any); len(left) > 0 {
				line.What += ", leaving out " + plural(len(left), "rater", "raters")
			}
		case threesixty.AuditRoundClosed:
			kind := kinds[fmt.Sprint(d["round"])]
			if kind == "" {
				kind = "a"
			} else {
				kind = "the " + kind
			}
			line.What = "Closed and released " + kind + " round"
		default:
			line.What = strings.ReplaceAll(string(entry.Action), "_", " ")
			if what, ok := coachingSessionAuditWords(entry); ok {
				line.What = what
			}
			if what, who, ok := leaderAuditWords(entry); ok {
				line.What = what
				if who != "" {
					line.Who = who
				}
			}
		}
		out = append(out, line)
	}
	return out
}

// settingsDiff says what a settings change changed, from its before and after.
func settingsDiff(d map[string]any) string {
	changes := settingsChanges(d)
	if len(changes) == 0 {
		return ", nothing different"
	}
	return ": " + strings.Join(changes, "; ")
}

func (s *Server) showEngagement(c echo.Context) error {
	page, err := s.engagementView(c)
	if err != nil {
		return err
	}
	return c.Render(http.StatusOK, "app/engagement", page)
}

// renderRefused shows the engagement page again with a refused form, under a title that says so.
func (s *Server) renderRefused(c echo.Context, page *engagementPage, status int) error {
	page.Title = page.Engagement.Leader.Name + ": check the form"
	return c.Render(status, "app/engagement", page)
}

func (s *Server) changeSettingsForm(c echo.Context) error {
	page, err := s.engagementView(c)
	if err != nil {
		return err
	}
	form := typedForm{Values: map[string]string{}}
	for _, name := range []string{"threshold", "superior_identifiable", "rater_domains", "time_zone"} {
		form.Values[name] = strings.TrimSpace(c.FormValue(name))
	}
	threshold, _ := strconv.Atoi(form.Values["threshold"])
	identifiable := form.Values["superior_identifiable"] != ""
	domains := domainList(form.Values["rater_domains"])
	zone := form.Values["time_zone"]
	e := page.Engagement
	if threshold == e.Anonymity.Threshold && identifiable == e.Anonymity.SuperiorIdentifiable &&
		strings.Join(domains, ",") == strings.Join(e.RaterDomains, ",") && zone == e.TimeZone {
		return s.redirectWith(c, "/engagements/"+e.ID+"#settings", "The settings were already so; nothing changed.")
	}
	_, err = s.Store.UpdateSettings(c.Request().Context(), actorOf(c), e.ID, threesixty.SettingsChange{
		Threshold: &threshold, SuperiorIdentifiable: &identifiable, RaterDomains: &domains, TimeZone: &zone,
	})
	if err != nil {
		if err := form.refuse(err, engagementFields); err != nil {
			return err
		}
		page.Settings = form
		return s.renderRefused(c, page, statusOfForm(err))
	}
	return s.redirectWith(c, "/engagements/"+e.ID+"#settings", "The settings are saved.")
}

// statusOfForm is the status of a page that shows a refused form again.
func statusOfForm(err error) int { return statusOf(threesixty.ErrorCode(err)) }
