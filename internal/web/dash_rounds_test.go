package web

import (
	"context"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"threesixty/internal/results"
	"threesixty/internal/threesixty"
)

// roundPageRequests are the page routes of dash_rounds.go, for TestEveryPageHidesWhatIsNotYours.
var roundPageRequests = map[string]pageRequest{
	"GET /engagements/:id/rounds/new": {names: true},
	"POST /engagements/:id/rounds": {names: true, form: url.Values{"kind": {"closing"}, "closes_on": {time.Now().AddDate(0, 0, 10).Format(time.DateOnly)},
		"after_days": {"4"}, "before_close_days": {"2"}, "limit": {"2"}}},
	"GET /rounds/:id":            {names: true},
	"POST /rounds/:id/remind":    {names: true},
	"GET /rounds/:id/close":      {names: true},
	"POST /rounds/:id/close":     {names: true},
	"GET /rounds/:id/report.pdf": {names: true},
	"POST /rounds/:id/share":     {names: true},
	"GET /engagements/:id/goals": {names: true},
	"POST /engagements/:id/goals": {names: true, form: url.Values{"title": {"Delegate more"}, "competencies": {"communication"},
		"kr_text": {"Two projects led by the team"}, "kr_measure": {""}, "kr_target": {""}}},
	"GET /goals/:id/edit":      {names: true},
	"POST /goals/:id/edit":     {names: true, form: url.Values{"title": {"Listen first, then decide"}, "competencies": {"communication"}}},
	"GET /goals/:id/delete":    {names: true},
	"POST /goals/:id/delete":   {names: true},
	"POST /goals/:id/checkins": {names: true, form: url.Values{"status": {"on_track"}, "note": {"Good session"}}},
}

// roundsCoach is a browser signed in as the env's coach, who runs the env's engagements.
func (env *testEnv) roundsCoach() *pageClient {
	env.t.Helper()
	if err := env.store.SetPassword(context.Background(), env.coach.AccountID(), testPassword); err != nil {
		env.t.Fatal(err)
	}
	b := env.browser()
	if rec := b.signIn("coach@coaching.example.net", testPassword); rec.Code != http.StatusSeeOther {
		env.t.Fatalf("signing in: %d %s", rec.Code, rec.Body.String())
	}
	return b
}

// pageText is a page's body with its entities decoded, for looking for what a person reads.
func pageText(rec *httptest.ResponseRecorder) string { return html.UnescapeString(rec.Body.String()) }

func wantPage(t *testing.T, rec *httptest.ResponseRecorder, status int, says ...string) string {
	t.Helper()
	body := pageText(rec)
	if rec.Code != status {
		t.Fatalf("status %d, want %d:\n%s", rec.Code, status, body)
	}
	for _, s := range says {
		if !strings.Contains(body, s) {
			t.Errorf("the page does not say %q:\n%s", s, body)
		}
	}
	return body
}

// wantRedirect wants a redirect to path, and returns the page it leads to.
func wantRedirect(t *testing.T, b *pageClient, rec *httptest.ResponseRecorder, path string) *httptest.ResponseRecorder {
	t.Helper()
	if to := rec.Header().Get("Location"); rec.Code != http.StatusSeeOther || to != path {
		t.Fatalf("status %d to %q, want 303 to %q:\n%s", rec.Code, to, path, rec.Body.String())
	}
	page, _, _ := strings.Cut(path, "#")
	return b.get(page)
}

func roundFormValues(closesOn string) url.Values {
	return url.Values{"kind": {"baseline"}, "closes_on": {closesOn}, "after_days": {"4"}, "before_close_days": {"2"}, "limit": {"2"}}
}

var roundPath = regexp.MustCompile(`^/rounds/[0-9a-f-]{36}$`)

func TestOpeningARoundFromItsForm(t *testing.T) {
	env := newEnv(t)
	engagement := env.engagement(3, false)
	b := env.roundsCoach()
	wantPage(t, b.get("/engagements/"+engagement+"/rounds/new"), http.StatusOK,
		"Baseline round", "Open the round and send 5 invitations", "Below 3.", "Peers", "Days after the invitation",
		"23:59 on that day, UTC time")

	// Every problem comes back at once, beside its field, with what was typed.
	bad := url.Values{"kind": {"baseline"}, "closes_on": {"2020-01-01"}, "after_days": {"four"}, "before_close_days": {"61"}, "limit": {"11"}}
	body := wantPage(t, b.submit("/engagements/"+engagement+"/rounds", bad), http.StatusUnprocessableEntity,
		"There are 4 problems", "Is in the past", "Must be a whole number", "Must be from 0 (no such reminder) to 60 days", "Must be from 0 to 10",
		`value="2020-01-01"`, `value="four"`, `value="61"`, `href="#closes_on"`, `href="#limit"`)
	for _, id := range []string{"closes_on", "after_days", "before_close_days", "limit"} {
		if !regexp.MustCompile(`id="` + id + `"[^>]*aria-describedby="[^"]*` + id + `-problem"[^>]*aria-invalid="true"`).MatchString(body) {
			t.Errorf("the %s input is not marked invalid with its message", id)
		}
	}
	for _, tt := range []struct {
		form url.Values
		says string
	}{
		{roundFormValues("tomorrow"), "Must be a date written as year-month-day"},
		{roundFormValues(""), "Choose the last day people can answer"},
		{roundFormValues(time.Now().AddDate(2, 0, 0).Format(time.DateOnly)), "Must be within a year from now"},
		{url.Values{"kind": {"weekly"}, "closes_on": {time.Now().AddDate(0, 0, 7).Format(time.DateOnly)}, "after_days": {"1"}, "before_close_days": {"1"}, "limit": {"1"}}, "is not a round kind"},
		{url.Values{"closes_on": {time.Now().AddDate(0, 0, 7).Format(time.DateOnly)}, "after_days": {"-1"}, "before_close_days": {""}, "limit": {"1"}}, "Must be from 0 (no such reminder) to 60 days"},
	} {
		wantPage(t, b.submit("/engagements/"+engagement+"/rounds", tt.form), http.StatusUnprocessableEntity, tt.says)
	}
	// Nothing was opened by any of it.
	if rounds := decode[struct{ Rounds []threesixty.Round }](t, env.api("GET", "/api/v1/engagements/"+engagement+"/rounds", nil)).Rounds; len(rounds) != 0 {
		t.Fatalf("a refused form opened %d rounds", len(rounds))
	}
	// A closing round before the baseline: the store refuses it, and the form says why.
	closing := roundFormValues(time.Now().AddDate(0, 0, 7).Format(time.DateOnly))
	closing.Set("kind", "closing")
	wantPage(t, b.submit("/engagements/"+engagement+"/rounds", closing), http.StatusConflict, "needs the released baseline")

	closesOn := time.Now().AddDate(0, 0, 10).Format(time.DateOnly)
	rec := b.submit("/engagements/"+engagement+"/rounds", roundFormValues(closesOn))
	if rec.Code != http.StatusSeeOther || !roundPath.MatchString(location(rec)) {
		t.Fatalf("opening: %d to %q: %s", rec.Code, location(rec), rec.Body.String())
	}
	day, _ := time.Parse(time.DateOnly, closesOn)
	wantPage(t, b.get(location(rec)), http.StatusOK, "Baseline opened: 5 invitations are on their way.",
		day.Format("Monday 2 January 2006")+", 23:59 UTC", "0 of 1 answered", "0 of 2 answered", "Send a reminder now")
	round := decode[threesixty.Round](t, env.api("GET", "/api/v1"+location(rec), nil))
	if want := day.AddDate(0, 0, 1); !round.ClosesAt.Equal(want) || round.Reminders != threesixty.DefaultReminders {
		t.Errorf("opened closing at %v with %+v, want %v and the defaults", round.ClosesAt, round.Reminders, want)
	}
	// With the baseline open, the form says so and links to it.
	wantPage(t, b.get("/engagements/"+engagement+"/rounds/new"), http.StatusOK, "already has an open round", `href="`+location(rec)+`"`)
}

// TestTheDeadlineIsTheEngagementsDay: a closing date is the last day in the engagement's zone.
func TestTheDeadlineIsTheEngagementsDay(t *testing.T) {
	env := newEnv(t)
	engagement := env.engagement(3, false)
	expectStatus(t, env.api("PATCH", "/api/v1/engagements/"+engagement, map[string]any{"time_zone": "Pacific/Auckland"}), http.StatusOK)
	b := env.roundsCoach()
	wantPage(t, b.get("/engagements/"+engagement+"/rounds/new"), http.StatusOK, "Pacific/Auckland time")
	closesOn := time.Now().AddDate(0, 0, 20).Format(time.DateOnly)
	rec := b.submit("/engagements/"+engagement+"/rounds", roundFormValues(closesOn))
	round := decode[threesixty.Round](t, env.api("GET", "/api/v1"+location(rec), nil))
	auckland, _ := time.LoadLocation("Pacific/Auckland")
	day, _ := time.ParseInLocation(time.DateOnly, closesOn, auckland)
	if !round.ClosesAt.Equal(day.AddDate(0, 0, 1)) {
		t.Errorf("closes at %v, want the end of %s in Auckland", round.ClosesAt, closesOn)
	}
	wantPage(t, b.get(location(rec)), http.StatusOK, day.Format("Monday 2 January 2006")+", 23:59 NZ")
}

func TestProgressFollowsTheAnswers(t *testing.T) {
	env := newEnv(t)
	engagement := env.engagement(3, false)
	expectStatus(t, env.api("POST", "/api/v1/engagements/"+engagement+"/raters", map[string]any{"raters": []map[string]string{
		{"name": "Quinn Peer", "email": "quinn@example.com", "group": "peer"},
		{"name": "Ravi Peer", "email": "ravi@example.com", "group": "peer"},
	}}), http.StatusCreated)
	round, tokens := env.openRound(engagement)
	b := env.roundsCoach()
	path := "/rounds/" + round.ID
	body := wantPage(t, b.get(path), http.StatusOK, "0 of 4 answered", "0 of 3 needed: add raters or send a reminder",
		"Cannot reach 3", `<progress max="4" value="0"`)
	for _, name := range []string{"Pat Peer", "pat@example.com", "Sam Superior", "Quinn"} {
		if strings.Contains(body, name) {
			t.Errorf("the round's page names %s", name)
		}
	}
	// The leader's own answer does not stop raters from joining, and the page still says so.
	expectStatus(t, env.post("/s/"+tokens[threesixty.GroupSelf][0], env.fullForm("5")), http.StatusOK)
	wantPage(t, b.get(path), http.StatusOK, "1 of 1 answered", "0 of 3 needed: add raters or send a reminder")
	for i, token := range tokens[threesixty.GroupPeer][:2] {
		expectStatus(t, env.post("/s/"+token, env.fullForm([]string{"3", "4"}[i])), http.StatusOK)
	}
	wantPage(t, b.get(path), http.StatusOK, "2 of 4 answered", "2 of 3 needed: send a reminder", `<progress max="4" value="2"`)
	expectStatus(t, env.post("/s/"+tokens[threesixty.GroupPeer][2], env.fullForm("5")), http.StatusOK)
	body = wantPage(t, b.get(path), http.StatusOK, "3 of 4 answered", "Enough answers to be shown on its own", "1 of 1 answered")
	if strings.Contains(body, "add raters") {
		t.Error("the page suggests adding raters to a round someone has answered")
	}

	// A reminder reaches everyone who has neither answered nor declined: 3 of 7 here.
	wantPage(t, wantRedirect(t, b, b.submit(path+"/remind", nil), path), http.StatusOK,
		"Reminders are on their way to 3 people who have neither answered nor declined.")
}

func TestClosingAsksFirstAndReleases(t *testing.T) {
	env := newEnv(t)
	engagement := env.engagement(3, false)
	round, tokens := env.openRound(engagement)
	env.answerAll(tokens, "4")
	b := env.roundsCoach()
	path := "/rounds/" + round.ID
	wantPage(t, b.get(path+"/close"), http.StatusOK, "This cannot be undone", "takes no more answers",
		"releases the results and freezes them", "Peers: 2 of 3 needed", `action="`+path+`/close"`)
	// Neither the question nor a form without this browser's token closes anything.
	if rec := b.submit(path+"/close", url.Values{csrfField: {"forged"}}); rec.Code != http.StatusForbidden {
		t.Fatalf("a forged close: %d", rec.Code)
	}
	if r := decode[threesixty.Round](t, env.api("GET", "/api/v1"+path, nil)); r.Status != threesixty.RoundStatusOpen {
		t.Fatalf("the round is %s before the confirmation", r.Status)
	}
	b.get(path + "/close")
	body := wantPage(t, wantRedirect(t, b, b.submit(path+"/close", nil), path), http.StatusOK,
		"Baseline closed and released: these results are final.", "Baseline round results", "Download the PDF report")
	if strings.Contains(body, "<progress") || regexp.MustCompile(`\d+ of \d+ answered`).MatchString(body) || strings.Contains(body, "Send a reminder") {
		t.Error("the released round's page shows progress beside its results")
	}
	// Once released, the question leads to the results.
	if rec := b.get(path + "/close"); rec.Code != http.StatusSeeOther || location(rec) != path {
		t.Errorf("asking to close a released round: %d to %q", rec.Code, location(rec))
	}
	if rec := b.submit(path+"/remind", nil); rec.Code != http.StatusConflict {
		t.Errorf("a reminder in a closed round: %d", rec.Code)
	}
}

// releasedBaseline opens a baseline whose peers and direct reports reach the threshold with
// answers that differ, and where a peer and a direct report could not rate one item, then
// releases it.
func releasedBaseline(env *testEnv) (engagement string, round *threesixty.Round, withheld string) {
	env.t.Helper()
	engagement = env.engagement(3, false)
	expectStatus(env.t, env.api("POST", "/api/v1/engagements/"+engagement+"/raters", map[string]any{"raters": []map[string]string{
		{"name": "Quinn Peer", "email": "quinn@example.com", "group": "peer"},
		{"name": "Ravi Report", "email": "ravi@example.com", "group": "direct_report"},
		{"name": "Rae Report", "email": "rae@example.com", "group": "direct_report"},
	}}), http.StatusCreated)
	round, tokens := env.openRound(engagement)
	withheld = "communication-2"
	values := []string{"2", "3", "5", "4", "5", "3", "4", "2"}
	i := 0
	for _, g := range threesixty.RaterGroups {
		for j, token := range tokens[g] {
			form := env.fullForm(values[i%len(values)])
			form.Set("strategic-thinking-1", values[(i+3)%len(values)])
			for _, q := range env.srv.Instruments["leadership-360"].Questions {
				form.Set(q.ID, "Comment <b>"+string(g)+"</b> number "+string(rune('a'+j)))
			}
			if (g == threesixty.GroupPeer || g == threesixty.GroupDirectReport) && j == 0 {
				form.Set(withheld, "na")
			}
			expectStatus(env.t, env.post("/s/"+token, form), http.StatusOK)
			i++
		}
	}
	if _, err := env.store.CloseRound(context.Background(), env.coach, round.ID); err != nil {
		env.t.Fatal(err)
	}
	return engagement, round, withheld
}

func TestTheResultsPageShowsWhatTheReleasePublished(t *testing.T) {
	env := newEnv(t)
	_, round, withheld := releasedBaseline(env)
	res := decode[results.Results](t, env.api("GET", "/api/v1/rounds/"+round.ID+"/results", nil))
	b := env.roundsCoach()
	body := wantPage(t, b.get("/rounds/"+round.ID), http.StatusOK, "What stands out", "Blind spots", "Comments",
		"not enough responses to show")
	labels := map[string]string{}
	for _, g := range res.Groups {
		labels[g.Key] = g.Label
	}
	shownWithheld := false
	for _, it := range res.Items {
		chart := chartOf(t, body, "chart-item-"+it.ID)
		shown := map[string]bool{}
		for _, s := range it.Scores {
			shown[s.Group] = true
			want := labels[s.Group] + ": " + strconv.FormatFloat(s.Mean, 'f', 2, 64) + " ("
			if !strings.Contains(chart, want) {
				t.Errorf("item %s: the page does not show %q", it.ID, want)
			}
		}
		for key, label := range labels {
			if !shown[key] && !strings.Contains(chart, label+": not enough responses to show.") {
				t.Errorf("item %s: %s has no published score, and the page does not say so", it.ID, label)
			}
			if !shown[key] && it.ID == withheld {
				shownWithheld = true
			}
		}
	}
	if !shownWithheld {
		t.Errorf("the release withheld nothing on %s; the test needs a withheld cell", withheld)
	}
	// Every published comment, and nothing else: comments are escaped, and number as the release's.
	if got, want := strings.Count(body, "<blockquote>"), len(res.Comments); got != want {
		t.Errorf("%d comments shown, %d published", got, want)
	}
	for _, c := range res.Comments {
		if !strings.Contains(body, "<blockquote>"+c.Text+"</blockquote>") {
			t.Errorf("comment %q is not shown as written", c.Text)
		}
	}
	if strings.Contains(b.get("/rounds/"+round.ID).Body.String(), "<b>peer</b>") {
		t.Error("a comment's markup reached the page")
	}
}

func TestTheReportDownloadsBehindTheSession(t *testing.T) {
	env := newEnv(t)
	engagement := env.engagement(3, false)
	round, tokens := env.openRound(engagement)
	b := env.roundsCoach()
	wantPage(t, b.get("/rounds/"+round.ID+"/report.pdf"), http.StatusConflict)
	env.answerAll(tokens, "4")
	if _, err := env.store.CloseRound(context.Background(), env.coach, round.ID); err != nil {
		t.Fatal(err)
	}
	for _, size := range []string{"", "?page_size=letter"} {
		rec := b.get("/rounds/" + round.ID + "/report.pdf" + size)
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/pdf" ||
			!strings.HasPrefix(rec.Header().Get("Content-Disposition"), `attachment; filename="Alex Morgan 360 report.pdf"`) ||
			rec.Header().Get("Cache-Control") != "no-store" || !strings.HasPrefix(rec.Body.String(), "%PDF-") {
			t.Fatalf("report%s: %d %v", size, rec.Code, rec.Header())
		}
	}
	wantPage(t, b.get("/rounds/"+round.ID+"/report.pdf?page_size=a3"), http.StatusUnprocessableEntity, "page size")
	// Signed out, the link leads to signing in, and back.
	if rec := env.browser().get("/rounds/" + round.ID + "/report.pdf"); rec.Code != http.StatusSeeOther ||
		location(rec) != "/login?next="+url.QueryEscape("/rounds/"+round.ID+"/report.pdf") {
		t.Errorf("signed out: %d to %q", rec.Code, location(rec))
	}
}

func TestGoalsFromTheirPage(t *testing.T) {
	env := newEnv(t)
	engagement := env.engagement(3, false)
	b := env.roundsCoach()
	goals := "/engagements/" + engagement + "/goals"
	wantPage(t, b.get(goals), http.StatusOK, "No goals yet", "Add a goal", `value="communication"`, "Communication")

	// Problems come back beside their fields, with what was typed.
	long := strings.Repeat("x", 201)
	rec := b.submit(goals, url.Values{"title": {long}, "description": {"Why it matters"},
		"kr_text": {"", "", "Fewer meetings"}, "kr_measure": {"Half", "", strings.Repeat("m", 201)}, "kr_target": {"", "", ""}})
	wantPage(t, rec, http.StatusUnprocessableEntity, "There are 4 problems", "Is 201 characters long; the limit is 200.",
		"Competencies: choose at least one competency the goal works on.", "Key result 1, what will be true: is required.", "Key result 3, how it is measured",
		`href="#kr-3-measure"`, `value="Half"`, "Why it matters", `value="`+long+`"`)
	wantPage(t, b.submit(goals, url.Values{"title": {"Listen"}, "competencies": {"no-such-thing"}}), http.StatusUnprocessableEntity,
		"is not a competency of the engagement's instrument")

	for i, title := range []string{"Listen first", "Delegate the weekly review", "Speak up in the board meeting", "Coach two leads"} {
		rec := b.submit(goals, url.Values{"title": {title}, "competencies": {"communication", "delegation-accountability"},
			"description": {"Line one\nLine two"}, "kr_text": {"Meetings end with a decision", ""}, "kr_measure": {"Meeting notes", ""}, "kr_target": {"4 of 5", ""}})
		if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), goals+"#goal-") {
			t.Fatalf("adding %q: %d %s", title, rec.Code, rec.Body.String())
		}
		page := wantPage(t, b.get(goals), http.StatusOK, "Goal added: "+title+".", title, "Meetings end with a decision", "Measured by: Meeting notes", "Target: 4 of 5")
		if warned := strings.Contains(page, "coaching practice recommends 2 to 3"); warned != (i == 3) {
			t.Errorf("with %d goals, warned: %v", i+1, warned)
		}
	}
	list := decode[struct{ Goals []threesixty.Goal }](t, env.api("GET", "/api/v1"+goals, nil)).Goals
	first := list[0]
	if len(first.KeyResults) != 1 || first.Description != "Line one\nLine two" || len(first.Competencies) != 2 {
		t.Fatalf("the goal as stored: %+v", first)
	}
	rec = b.submit(goals, url.Values{"title": {"Fifth"}, "competencies": {"communication"}})
	wantPage(t, wantRedirect(t, b, rec, rec.Header().Get("Location")), http.StatusOK, "as many as it may have")
	wantPage(t, b.submit(goals, url.Values{"title": {"Sixth"}, "competencies": {"communication"}}), http.StatusConflict, "already has 5 goals, the most it may have")

	// Editing keeps what is not changed, and checks the goal whole.
	edit := "/goals/" + first.ID + "/edit"
	wantPage(t, b.get(edit), http.StatusOK, "Edit goal", `value="Listen first"`, `value="Meeting notes"`, `id="kr-2-text"`)
	wantPage(t, b.submit(edit, url.Values{"title": {" "}, "competencies": {"communication"}}), http.StatusUnprocessableEntity,
		"Title: is required", `aria-invalid="true"`)
	rec = b.submit(edit, url.Values{"title": {"Listen, then decide"}, "competencies": {"communication"}, "kr_text": {"", "Decisions written down"}, "kr_measure": {"", ""}, "kr_target": {"", "Every meeting"}})
	wantPage(t, wantRedirect(t, b, rec, goals+"#goal-"+first.ID), http.StatusOK, "Goal saved: Listen, then decide.", "Decisions written down")
	saved := decode[threesixty.Goal](t, env.api("GET", "/api/v1/goals/"+first.ID, nil))
	if saved.Description != "" || len(saved.KeyResults) != 1 || saved.KeyResults[0].Target != "Every meeting" || len(saved.Competencies) != 1 {
		t.Errorf("the goal as edited: %+v", saved)
	}

	// Check-ins: a status among the four, a note within its limit.
	checkins := "/goals/" + first.ID + "/checkins"
	b.get(goals)
	wantPage(t, b.submit(checkins, url.Values{"status": {"great"}, "note": {"Kept"}}), http.StatusUnprocessableEntity,
		"How the goal stands:", `href="#ci-`+first.ID+`-status"`, ">Kept</textarea>")
	wantPage(t, b.submit(checkins, url.Values{"status": {"at_risk"}, "note": {strings.Repeat("n", 4001)}}), http.StatusUnprocessableEntity,
		"Note: is 4001 characters long")
	rec = b.submit(checkins, url.Values{"status": {"at_risk"}, "note": {"Two meetings ran over"}})
	wantPage(t, wantRedirect(t, b, rec, goals+"#goal-"+first.ID), http.StatusOK, "Check-in recorded on Listen, then decide: at risk.",
		"At risk", "Two meetings ran over", time.Now().UTC().Format("2 January 2006"))

	// Deleting asks first, and says what goes with it.
	wantPage(t, b.get("/goals/"+first.ID+"/delete"), http.StatusOK, "Delete this goal?", "1 check-in,", "This cannot be undone")
	if rec := b.submit("/goals/"+first.ID+"/delete", url.Values{csrfField: {"forged"}}); rec.Code != http.StatusForbidden {
		t.Fatalf("a forged delete: %d", rec.Code)
	}
	rec = b.submit("/goals/"+first.ID+"/delete", nil)
	page := wantPage(t, wantRedirect(t, b, rec, goals), http.StatusOK, "Goal deleted, with its 1 check-in: Listen, then decide.", "Add a goal")
	if strings.Contains(page, "Two meetings ran over") {
		t.Error("the deleted goal's check-in is still shown")
	}
	wantPage(t, b.get(edit), http.StatusNotFound)
}

// TestRoundFormsRefuseWhatIsNotAForm: a form without this browser's token, or larger than any,
// changes nothing.
func TestRoundFormsRefuseWhatIsNotAForm(t *testing.T) {
	env := newEnv(t)
	engagement := env.engagement(3, false)
	round, _ := env.openRound(engagement)
	b := env.roundsCoach()
	b.get("/rounds/" + round.ID)
	for path, form := range map[string]url.Values{
		"/rounds/" + round.ID + "/remind":       nil,
		"/engagements/" + engagement + "/goals": {"title": {"Listen"}, "competencies": {"communication"}},
	} {
		f := url.Values{csrfField: {""}}
		for k, v := range form {
			f[k] = v
		}
		if rec := b.submit(path, f); rec.Code != http.StatusForbidden {
			t.Errorf("POST %s without a token: %d", path, rec.Code)
		}
		if rec := b.submit(path, form, "Sec-Fetch-Site", "cross-site"); rec.Code != http.StatusForbidden {
			t.Errorf("POST %s from another site: %d", path, rec.Code)
		}
	}
	huge := url.Values{"title": {"Listen"}, "competencies": {"communication"}, "description": {strings.Repeat("d", 3<<20)}}
	if rec := b.submit("/engagements/"+engagement+"/goals", huge); rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("a 3 MB goal: %d", rec.Code)
	}
	if goals := decode[struct{ Goals []threesixty.Goal }](t, env.api("GET", "/api/v1/engagements/"+engagement+"/goals", nil)).Goals; len(goals) != 0 {
		t.Errorf("refused forms added %d goals", len(goals))
	}
}

// chartOf is the <svg> element with the id on the page.
func chartOf(t *testing.T, body, id string) string {
	t.Helper()
	start := strings.Index(body, `id="`+id+`"`)
	if start < 0 {
		t.Fatalf("no chart %s on the page", id)
	}
	end := strings.Index(body[start:], "</svg>")
	return body[start : start+end]
}

// The coach shares a released baseline's report with the leader from its results page: once
// shared, the page says when, the leader is emailed, and their page offers the download.
func TestTheCoachSharesTheReportFromTheResultsPage(t *testing.T) {
	env := newEnv(t)
	coach := env.coach
	if err := env.store.SetPassword(context.Background(), coach.AccountID(), testPassword); err != nil {
		t.Fatal(err)
	}
	b := env.browser()
	b.signIn(coach.Account.Email, testPassword)
	engagement := env.engagement(3, false)
	round, tokens := env.openRound(engagement)
	env.answerAll(tokens, "4")
	if _, err := env.store.CloseRound(context.Background(), coach, round.ID); err != nil {
		t.Fatal(err)
	}
	page := b.get("/rounds/" + round.ID)
	expectStatus(t, page, http.StatusOK)
	if !strings.Contains(page.Body.String(), "Share the report with Alex Morgan") {
		t.Fatal("the results page offers no way to share the report")
	}
	if rec := b.submit("/rounds/"+round.ID+"/share", nil); rec.Code != http.StatusSeeOther {
		t.Fatalf("sharing: %d %s", rec.Code, rec.Body.String())
	}
	page = b.get("/rounds/" + round.ID)
	if body := page.Body.String(); !strings.Contains(body, "The report is shared") || !strings.Contains(body, "Shared on ") ||
		strings.Contains(body, "Share the report with") {
		t.Errorf("after sharing the page says:\n%s", body)
	}
	shared, err := env.store.SharedReports(context.Background(), coach, engagement)
	if err != nil || len(shared) != 1 || shared[0].RoundID != round.ID {
		t.Fatalf("shared reports: %+v, %v", shared, err)
	}
	var queued int
	env.Get(&queued, `SELECT count(*) FROM outbox WHERE purpose = 'report_shared'`)
	if queued != 1 {
		t.Errorf("%d report_shared messages queued, want 1", queued)
	}
}

// A sponsor rating among the superiors does not count towards the threshold at release, since
// their answer is known to them: the engagement's and the round's pages must not promise the
// group on its own when the release would merge it.
func TestPagesCountTheSponsorAsTheReleaseDoes(t *testing.T) {
	env := newEnv(t)
	rec := env.api("POST", "/api/v1/engagements", map[string]any{
		"leader":     map[string]string{"name": "Alex Morgan", "email": "alex@example.com"},
		"sponsor":    map[string]string{"name": "Sasha Sponsor", "email": "sasha@example.com", "organisation": "Client Ltd"},
		"instrument": "leadership-360",
		"anonymity":  map[string]any{"threshold": 3},
	})
	expectStatus(t, rec, http.StatusCreated)
	engagement := decode[map[string]any](t, rec)["id"].(string)
	expectStatus(t, env.api("POST", "/api/v1/engagements/"+engagement+"/raters", map[string]any{"raters": []map[string]string{
		{"name": "Sasha Sponsor", "email": "sasha@example.com", "group": "superior"},
		{"name": "Sam Superior", "email": "sam@example.com", "group": "superior"},
		{"name": "Sue Superior", "email": "sue@example.com", "group": "superior"},
		{"name": "Pat Peer", "email": "pat@example.com", "group": "peer"},
	}}), http.StatusCreated)
	b := env.roundsCoach()
	wantPage(t, b.get("/engagements/"+engagement), http.StatusOK,
		"Add 1 more", "The sponsor, among them, does not count towards the 3")
	round, tokens := env.openRound(engagement)
	for _, token := range tokens[threesixty.GroupSuperior] {
		expectStatus(t, env.post("/s/"+token, env.fullForm("4")), http.StatusOK)
	}
	body := wantPage(t, b.get("/rounds/"+round.ID), http.StatusOK, "3 of 3 needed, unless the sponsor is one of those who answered")
	if strings.Contains(body, "Superiors 3 of 3 answered Ready") {
		t.Error("the round page calls the superiors ready")
	}
	// And the release agrees: the superiors are not shown on their own.
	if _, err := env.store.CloseRound(context.Background(), env.coach, round.ID); err != nil {
		t.Fatal(err)
	}
	res := decode[results.Results](t, env.api("GET", "/api/v1/rounds/"+round.ID+"/results", nil))
	for _, g := range res.Groups {
		if g.Key == "superior" {
			t.Errorf("the release shows the superiors on their own, with the sponsor among 3: %+v", g)
		}
	}
}
