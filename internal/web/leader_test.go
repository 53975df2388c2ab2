package web

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"threesixty/internal/threesixty"
)

// leaderLink mints a leader link for the engagement as the worker does when a message carrying
// one is sent, and returns its path.
func (env *testEnv) leaderLink(engagementID string) string {
	env.t.Helper()
	tokens, err := env.store.MintLeaderTokens(context.Background(), []string{engagementID})
	if err != nil || tokens[0] == "" {
		env.t.Fatalf("minting a leader link: %q, %v", tokens, err)
	}
	return "/l/" + tokens[0]
}

// leaderPage is the leader's page as the leader's browser gets it.
func (env *testEnv) leaderPage(path string) string {
	env.t.Helper()
	rec := env.do("GET", path, "", "")
	expectStatus(env.t, rec, http.StatusOK)
	return rec.Body.String()
}

// leaderPost sends a form of the leader's page and, when it was taken, follows the redirect.
func (env *testEnv) leaderPost(path string, form url.Values) (*http.Response, string) {
	env.t.Helper()
	rec := env.post(path, form)
	if rec.Code != http.StatusSeeOther {
		return rec.Result(), rec.Body.String()
	}
	return rec.Result(), env.leaderPage(rec.Header().Get("Location"))
}

func TestUnknownRotatedAndArchivedLeaderLinksAnswerTheSameNotFoundPage(t *testing.T) {
	env := newEnv(t)
	engagement := env.engagement(3, false)
	rotated := env.leaderLink(engagement)
	if err := env.store.RotateLeaderLink(t.Context(), env.coach, engagement); err != nil {
		t.Fatal(err)
	}
	other := env.engagement(3, false)
	archived := env.leaderLink(other)
	env.leaderPage(archived) // works until the archive
	expectStatus(t, env.api("POST", "/api/v1/engagements/"+other+"/archive", nil), http.StatusOK)
	unknown, _ := threesixty.NewToken()

	want := env.do("GET", "/s/"+unknown, "", "").Body.String() // a survey link that opens nothing
	for name, path := range map[string]string{"unknown": "/l/" + unknown, "rotated": rotated, "archived": archived, "cut short": "/l/abc"} {
		for _, method := range []string{"GET", "POST"} {
			rec := env.do(method, path, "application/x-www-form-urlencoded", "_action=consent&scope=goals_and_progress")
			if rec.Code != http.StatusNotFound || rec.Body.String() != want {
				t.Errorf("%s %s leader link: %d %q, want the same 404 page as any link that opens nothing", method, name, rec.Code, rec.Body.String())
			}
		}
	}
	// Every miss is a guess for the limit, as a survey link's are: one for the survey link above
	// and eight here.
	var misses int
	env.Get(&misses, "SELECT failures FROM token_guesses WHERE client <> '*'")
	if misses != 9 {
		t.Errorf("%d misses counted, want 9", misses)
	}
	for _, path := range []string{rotated, archived} {
		if strings.Contains(env.logged.String(), strings.TrimPrefix(path, "/l/")) {
			t.Errorf("a leader token reached the log")
		}
	}
}

func TestALeaderReachesTheirOwnEngagementOnly(t *testing.T) {
	env := newEnv(t)
	mine := env.engagement(3, false)
	theirs := env.engagement(3, false)
	round, tokens := env.openRound(theirs)
	env.answerAll(tokens, "4")
	if _, err := env.store.CloseRound(t.Context(), env.coach, round.ID); err != nil {
		t.Fatal(err)
	}
	expectStatus(t, env.api("POST", "/api/v1/rounds/"+round.ID+"/share", nil), http.StatusOK)
	rec := env.api("POST", "/api/v1/engagements/"+theirs+"/goals", map[string]any{"title": "Their goal", "competencies": []string{"communication"}})
	expectStatus(t, rec, http.StatusCreated)
	goal := decode[threesixty.Goal](t, rec).ID

	link := env.leaderLink(mine)
	page := env.leaderPage(link)
	if strings.Contains(page, "Their goal") || strings.Contains(page, round.ID) {
		t.Error("a leader's page shows another engagement's goal or report")
	}
	expectStatus(t, env.do("GET", link+"?report="+round.ID, "", ""), http.StatusNotFound)
	expectStatus(t, env.post(link, url.Values{"_action": {"check_in"}, "goal": {goal}, "status": {"on_track"}}), http.StatusNotFound)
	var checkIns int
	env.Get(&checkIns, "SELECT count(*) FROM check_ins")
	if checkIns != 0 {
		t.Error("a leader added a check-in to another engagement's goal")
	}
	// Nor does the leader reach anything of the coach's: a leader actor may not share, approve,
	// or change a goal.
	leader := threesixty.LeaderActor(mine)
	if _, err := env.store.UpdateGoal(t.Context(), threesixty.LeaderActor(theirs), goal, threesixty.GoalChange{}); threesixty.ErrorCode(err) != threesixty.EFORBIDDEN {
		t.Errorf("a leader changed a goal: %v", err)
	}
	if _, err := env.store.Round(t.Context(), leader, round.ID); threesixty.ErrorCode(err) != threesixty.ENOTFOUND {
		t.Errorf("a leader reads another engagement's round: %v", err)
	}
}

func TestACrossSitePostToTheLeaderPageIsRefused(t *testing.T) {
	env := newEnv(t)
	engagement := env.engagement(3, false)
	link := env.leaderLink(engagement)
	form := url.Values{"_action": {"consent"}, "scope": {"themes_and_progress"}}
	for _, header := range [][]string{{"Sec-Fetch-Site", "cross-site"}, {"Origin", "https://evil.example"}} {
		rec := env.post(link, form, header...)
		if rec.Code != http.StatusForbidden {
			t.Errorf("a POST with %s: %s answered %d, want 403", header[0], header[1], rec.Code)
		}
	}
	expectStatus(t, env.post(link, form, "Sec-Fetch-Site", "same-origin"), http.StatusSeeOther)
	var entries int
	env.Get(&entries, "SELECT count(*) FROM sponsor_consents")
	if entries != 1 {
		t.Errorf("%d consent entries, want the same-origin one alone", entries)
	}
}

func TestTheLeaderAddsACheckIn(t *testing.T) {
	env := newEnv(t)
	engagement := env.engagement(3, false)
	rec := env.api("POST", "/api/v1/engagements/"+engagement+"/goals", map[string]any{"title": "Delegate more", "competencies": []string{"communication"}})
	expectStatus(t, rec, http.StatusCreated)
	goal := decode[threesixty.Goal](t, rec).ID
	link := env.leaderLink(engagement)

	res, page := env.leaderPost(link, url.Values{"_action": {"check_in"}, "goal": {goal}, "status": {"sideways"}, "note": {"Kept for the retry"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, `id="status-error-`+goal+`"`) || !strings.Contains(page, "Kept for the retry") {
		t.Fatalf("a bad status: %d, want 422 with the error beside the field and the note kept:\n%s", res.StatusCode, page)
	}
	rec = env.post(link, url.Values{"_action": {"check_in"}, "goal": {goal}, "status": {"at_risk"}, "note": {"Handed over the budget review"}})
	expectStatus(t, rec, http.StatusSeeOther)
	if loc := rec.Header().Get("Location"); !strings.HasSuffix(loc, link+"?done=check_in") {
		t.Errorf("after a check-in the page sends the leader to %s", loc)
	}
	page = env.leaderPage(rec.Header().Get("Location"))
	for _, want := range []string{"Your check-in was recorded.", "Handed over the budget review", "At risk"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page after a check-in lacks %q", want)
		}
	}
	got := decode[threesixty.Goal](t, env.api("GET", "/api/v1/goals/"+goal, nil))
	if len(got.CheckIns) != 1 || got.CheckIns[0].Status != threesixty.CheckInAtRisk {
		t.Errorf("the coach sees check-ins %+v", got.CheckIns)
	}
}

func TestSponsorConsentKeepsItsHistory(t *testing.T) {
	env := newEnv(t)
	engagement := env.engagement(3, false)
	link := env.leaderLink(engagement)
	page := env.leaderPage(link)
	at := 0
	for _, scope := range threesixty.ConsentScopes { // offered narrowest first, each with what the sponsor sees
		i := strings.Index(page[at:], `value="`+string(scope)+`"`)
		if i < 0 {
			t.Fatalf("the page does not offer %s after the narrower scopes", scope)
		}
		at += i
		if !strings.Contains(page[at:], html.EscapeString(scope.Description())) {
			t.Errorf("the page does not describe what %s shows", scope)
		}
	}
	for _, scope := range []string{"progress_by_theme", "goals_and_progress", "goals_and_progress", "themes_and_progress", "none", "none"} {
		_, page := env.leaderPost(link, url.Values{"_action": {"consent"}, "scope": {scope}})
		if !strings.Contains(page, "Your choice about the sponsor summary was recorded.") {
			t.Fatalf("consent %s was not confirmed:\n%s", scope, page)
		}
	}
	res, page := env.leaderPost(link, url.Values{"_action": {"consent"}, "scope": {"everything"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, `id="consent-error"`) {
		t.Errorf("an unknown scope: %d", res.StatusCode)
	}
	state := decode[struct {
		Given   *string
		History []threesixty.SponsorConsent
	}](t, env.api("GET", "/api/v1/engagements/"+engagement+"/sponsor-consent", nil))
	if state.Given != nil {
		t.Errorf("consent stands as %q after a withdrawal", *state.Given)
	}
	want := []threesixty.SponsorConsent{{Decision: "given", Scope: "progress_by_theme"}, {Decision: "given", Scope: "goals_and_progress"}, {Decision: "given", Scope: "themes_and_progress"}, {Decision: "withdrawn", Scope: "themes_and_progress"}}
	if len(state.History) != len(want) {
		t.Fatalf("history %+v, want %+v (changes only)", state.History, want)
	}
	for i, h := range state.History {
		if h.Decision != want[i].Decision || h.Scope != want[i].Scope || h.At.IsZero() {
			t.Errorf("entry %d is %+v, want %+v with its time", i, h, want[i])
		}
	}
	// The coach reads the consent and cannot give it.
	if _, err := env.store.GiveSponsorConsent(t.Context(), env.coach, engagement, threesixty.ConsentGoalsAndProgress); threesixty.ErrorCode(err) != threesixty.EFORBIDDEN {
		t.Errorf("the coach gave the leader's consent: %v", err)
	}
}

// TestNominationNeverTellsTheLeaderWhoAnswered: the leader proposes a rater, nothing is sent until
// the coach approves, the approval invites them to the open round, and the leader's page is byte
// for byte the same before and after that rater answers, and after a reminder.
func TestNominationNeverTellsTheLeaderWhoAnswered(t *testing.T) {
	env := newEnv(t)
	engagement := env.engagement(3, false)
	link := env.leaderLink(engagement)
	if page := env.leaderPage(link); strings.Contains(page, "Propose raters") {
		t.Fatal("the page offers nominations the coach has not allowed")
	}
	res, _ := env.leaderPost(link, url.Values{"_action": {"nominate"}, "name": {"Nia New"}, "email": {"nia@example.com"}, "group": {"peer"}})
	if res.StatusCode != http.StatusConflict {
		t.Errorf("a nomination the coach has not allowed: %d, want 409", res.StatusCode)
	}
	round, _ := env.openRound(engagement)
	expectStatus(t, env.api("PATCH", "/api/v1/engagements/"+engagement, map[string]any{"nomination_allowed": true}), http.StatusOK)

	res, page := env.leaderPost(link, url.Values{"_action": {"nominate"}, "name": {"Alex Again"}, "email": {"Alex+me@Example.com"}, "group": {"peer"}})
	if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(page, `id="nominee-email-error"`) || !strings.Contains(page, "Alex Again") {
		t.Errorf("the leader nominating themself: %d, want 422 with the error beside the address", res.StatusCode)
	}
	_, page = env.leaderPost(link, url.Values{"_action": {"nominate"}, "name": {"Nia New"}, "email": {"nia@example.com"}, "group": {"peer"}})
	if !strings.Contains(page, "Your proposal was sent to your coach") || !strings.Contains(page, "Waiting for your coach") {
		t.Fatalf("the proposal is not on the page:\n%s", page)
	}
	var sent int
	env.Get(&sent, "SELECT count(*) FROM outbox WHERE recipient = 'nia@example.com'")
	if sent != 0 {
		t.Fatal("a message to a nominee was queued before the coach approved")
	}

	list := decode[struct{ Nominations []threesixty.Nomination }](t, env.api("GET", "/api/v1/engagements/"+engagement+"/nominations", nil)).Nominations
	if len(list) != 1 || list[0].Status != threesixty.NominationProposed {
		t.Fatalf("the coach sees nominations %+v", list)
	}
	approved := decode[threesixty.Nomination](t, env.api("POST", "/api/v1/nominations/"+list[0].ID+"/approve", nil))
	if approved.Status != threesixty.NominationApproved || approved.RaterID == nil {
		t.Fatalf("approved: %+v", approved)
	}
	expectStatus(t, env.api("POST", "/api/v1/nominations/"+list[0].ID+"/reject", nil), http.StatusConflict)
	var invitation string
	env.Get(&invitation, "SELECT id FROM invitations WHERE rater_id = $1 AND round_id = $2", *approved.RaterID, round.ID)
	env.Get(&sent, "SELECT count(*) FROM outbox WHERE recipient = 'nia@example.com' AND purpose = 'invitation'")
	if sent != 1 {
		t.Errorf("%d invitations queued to the approved nominee, want 1", sent)
	}

	before := env.leaderPage(link)
	if !strings.Contains(before, "Decided by your coach: 1 approved, 0 not taken up.") {
		t.Errorf("the page does not say the proposal was approved")
	}
	tokens, err := env.store.MintTokens(t.Context(), []string{invitation})
	if err != nil {
		t.Fatal(err)
	}
	expectStatus(t, env.post("/s/"+tokens[0], env.fullForm("5")), http.StatusOK)
	if after := env.leaderPage(link); after != before {
		t.Errorf("the leader's page changed when a nominee answered:\nbefore %s\nafter  %s", before, after)
	}
	if _, err := env.store.RemindNow(t.Context(), env.coach, round.ID); err != nil {
		t.Fatal(err)
	}
	if after := env.leaderPage(link); after != before {
		t.Error("the leader's page changed with a reminder")
	}
	// Nor when the nominee asks to be erased: a decided proposal is only counted.
	list = decode[struct{ Nominations []threesixty.Nomination }](t, env.api("GET", "/api/v1/engagements/"+engagement+"/nominations", nil)).Nominations
	expectStatus(t, env.api("POST", "/api/v1/engagements/"+engagement+"/raters/"+*list[0].RaterID+"/erase", nil), http.StatusNoContent)
	if after := env.leaderPage(link); after != before {
		t.Errorf("the leader's page changed when the nominee was erased:\nbefore %s\nafter  %s", before, after)
	}
}

func TestTheLeaderSeesAndDownloadsOnlySharedReports(t *testing.T) {
	env := newEnv(t)
	engagement := env.engagement(3, false)
	round, tokens := env.openRound(engagement)
	link := env.leaderLink(engagement)
	expectStatus(t, env.api("POST", "/api/v1/rounds/"+round.ID+"/share", nil), http.StatusConflict) // open
	env.answerAll(tokens, "4")
	if _, err := env.store.CloseRound(t.Context(), env.coach, round.ID); err != nil {
		t.Fatal(err)
	}
	if page := env.leaderPage(link); strings.Contains(page, round.ID) || !strings.Contains(page, "No report has been shared with you yet") {
		t.Error("the page lists a report the coach has not shared")
	}
	expectStatus(t, env.do("GET", link+"?report="+round.ID, "", ""), http.StatusNotFound)

	expectStatus(t, env.api("POST", "/api/v1/rounds/"+round.ID+"/share", nil), http.StatusOK)
	page := env.leaderPage(link)
	if !strings.Contains(page, `href="?report=`+round.ID+`"`) {
		t.Fatalf("the shared report is not on the page:\n%s", page)
	}
	if strings.Contains(page, strings.TrimPrefix(link, "/l/")) {
		t.Error("the page holds its own token")
	}
	rec := env.do("GET", link+"?report="+round.ID, "", "")
	expectStatus(t, rec, http.StatusOK)
	if rec.Header().Get("Content-Type") != "application/pdf" || !strings.HasPrefix(rec.Body.String(), "%PDF") {
		t.Errorf("the download is %s", rec.Header().Get("Content-Type"))
	}
}

func TestTheLeaderOpensTheSelfAssessmentFromTheirPage(t *testing.T) {
	env := newEnv(t)
	engagement := env.engagement(3, false)
	link := env.leaderLink(engagement)
	if strings.Contains(env.leaderPage(link), "Start your self-assessment") {
		t.Error("the page offers a self-assessment with no round open")
	}
	env.openRound(engagement)
	if !strings.Contains(env.leaderPage(link), "Start your self-assessment") {
		t.Error("the page does not offer the open round's self-assessment")
	}
	rec := env.post(link, url.Values{"_action": {"self_assessment"}})
	expectStatus(t, rec, http.StatusSeeOther)
	location := rec.Header().Get("Location")
	token := strings.TrimPrefix(location, "http://survey.test/s/")
	if !threesixty.WellFormedToken(token) {
		t.Fatalf("the page sends the leader to %s", location)
	}
	a, err := env.store.SurveyAccess(t.Context(), token)
	if err != nil || a.Group != threesixty.GroupSelf {
		t.Fatalf("the minted link opens %+v, %v", a, err)
	}
	expectStatus(t, env.post("/s/"+token, env.fullForm("4")), http.StatusOK)
	if !strings.Contains(env.leaderPage(link), "You have sent your self-assessment") {
		t.Error("the page does not say the self-assessment was sent")
	}
	res, page := env.leaderPost(link, url.Values{"_action": {"self_assessment"}})
	if res.StatusCode != http.StatusConflict || !strings.Contains(page, "You have sent your self-assessment") {
		t.Errorf("a second self-assessment link: %d", res.StatusCode)
	}
	if strings.Contains(env.logged.String(), token) || strings.Contains(env.logged.String(), strings.TrimPrefix(link, "/l/")) {
		t.Error("a token reached the log")
	}
	// A page opened before the round closed: the button then says why nothing starts.
	round := decode[struct{ Rounds []threesixty.Round }](t, env.api("GET", "/api/v1/engagements/"+engagement+"/rounds", nil)).Rounds[0]
	if _, err := env.store.CloseRound(t.Context(), env.coach, round.ID); err != nil {
		t.Fatal(err)
	}
	res, page = env.leaderPost(link, url.Values{"_action": {"self_assessment"}})
	if res.StatusCode != http.StatusConflict || !strings.Contains(page, `id="self-error">No round is open now`) {
		t.Errorf("starting a self-assessment after the round closed: %d\n%s", res.StatusCode, page)
	}
}

// TestArchivingEndsTheEngagement: an engagement with a round open cannot be archived; once
// archived, its leader link opens nothing, and it takes no round, rater, setting, share or link.
func TestArchivingEndsTheEngagement(t *testing.T) {
	env := newEnv(t)
	engagement := env.engagement(3, false)
	round, tokens := env.openRound(engagement)
	link := env.leaderLink(engagement)
	expectStatus(t, env.api("POST", "/api/v1/engagements/"+engagement+"/archive", nil), http.StatusConflict)
	env.answerAll(tokens, "4")
	if _, err := env.store.CloseRound(t.Context(), env.coach, round.ID); err != nil {
		t.Fatal(err)
	}
	rec := env.api("POST", "/api/v1/engagements/"+engagement+"/archive", nil)
	expectStatus(t, rec, http.StatusOK)
	archived := decode[threesixty.Engagement](t, rec)
	if archived.ArchivedAt == nil {
		t.Fatal("the engagement does not say it is archived")
	}
	again := decode[threesixty.Engagement](t, env.api("POST", "/api/v1/engagements/"+engagement+"/archive", nil))
	if !again.ArchivedAt.Equal(*archived.ArchivedAt) {
		t.Error("archiving again moved the time of the archive")
	}
	expectStatus(t, env.do("GET", link, "", ""), http.StatusNotFound)
	for _, refused := range []struct{ method, path, body string }{
		{"POST", "/api/v1/engagements/" + engagement + "/rounds", `{"kind":"closing","closes_at":"` + time.Now().Add(72*time.Hour).UTC().Format(time.RFC3339) + `"}`},
		{"POST", "/api/v1/engagements/" + engagement + "/raters", `{"raters":[{"name":"Nia New","email":"nia@example.com","group":"peer"}]}`},
		{"PATCH", "/api/v1/engagements/" + engagement, `{"nomination_allowed":true}`},
		{"POST", "/api/v1/rounds/" + round.ID + "/share", ""},
		{"POST", "/api/v1/engagements/" + engagement + "/leader-link/rotate", ""},
	} {
		if rec := env.api(refused.method, refused.path, refused.body); rec.Code != http.StatusConflict {
			t.Errorf("%s %s on an archived engagement: %d %s, want 409", refused.method, refused.path, rec.Code, rec.Body.String())
		}
	}
	// What stays: reading, goals and the report.
	expectStatus(t, env.api("POST", "/api/v1/engagements/"+engagement+"/goals", map[string]any{"title": "Keep going", "competencies": []string{"communication"}}), http.StatusCreated)
	expectStatus(t, env.api("GET", "/api/v1/rounds/"+round.ID+"/report.pdf", nil), http.StatusOK)
}

func TestNominationsMayBeAllowedAfterTheSettingsLock(t *testing.T) {
	env := newEnv(t)
	engagement := env.engagement(3, false)
	env.openRound(engagement)
	expectStatus(t, env.api("PATCH", "/api/v1/engagements/"+engagement, map[string]any{"anonymity": map[string]any{"threshold": 4}}), http.StatusConflict)
	rec := env.api("PATCH", "/api/v1/engagements/"+engagement, map[string]any{"nomination_allowed": true})
	expectStatus(t, rec, http.StatusOK)
	if !decode[threesixty.Engagement](t, rec).NominationAllowed {
		t.Error("nominations are not allowed after the change")
	}
}

// A leader's link must not tell which addresses belong to accounts of the service: a proposal of
// a coach's or an admin's address is taken like any other, and only the coach, approving it,
// learns why it cannot be added.
func TestNominationDoesNotTellWhichAddressesHaveAccounts(t *testing.T) {
	env := newEnv(t)
	env.account("hr.person@example.com", "Harper Admin", threesixty.RoleAdmin)
	engagement := env.engagement(3, false)
	expectStatus(t, env.api("PATCH", "/api/v1/engagements/"+engagement, map[string]any{"nomination_allowed": true}), http.StatusOK)
	link := env.leaderLink(engagement)
	answer := func(name, email string) (int, string) {
		res, page := env.leaderPost(link, url.Values{"_action": {"nominate"}, "name": {name}, "email": {email}, "group": {"peer"}})
		return res.StatusCode, strings.NewReplacer(name, "NAME", email, "EMAIL").Replace(page)
	}
	accountCode, _ := answer("Harper Admin", "HR.Person+x@example.com")
	plainCode, _ := answer("Nobody Here", "nobody.here@example.com")
	if accountCode != plainCode {
		t.Errorf("proposing an account's address answers %d, any other %d", accountCode, plainCode)
	}
	list := decode[struct{ Nominations []threesixty.Nomination }](t, env.api("GET", "/api/v1/engagements/"+engagement+"/nominations", nil)).Nominations
	var held string
	for _, n := range list {
		if strings.HasPrefix(n.Email, "HR.Person") {
			held = n.ID
		}
	}
	if held == "" {
		t.Fatalf("the account's proposal is not waiting for the coach: %+v", list)
	}
	rec := env.api("POST", "/api/v1/nominations/"+held+"/approve", nil)
	if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(rec.Body.String(), "belongs to an account") {
		t.Errorf("the coach approving an account's address: %d %s", rec.Code, rec.Body.String())
	}
}
