package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"threesixty/internal/threesixty"
)

// ownerBrowser signs the env's coach in with a password and returns their browser, for the
// engagements env.engagement makes.
func (env *testEnv) ownerBrowser() *pageClient {
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

// propose records a rater the leader proposes, as the leader's page does.
func (env *testEnv) propose(engagement, name, email string, group threesixty.RaterGroup) string {
	env.t.Helper()
	n, err := env.store.ProposeNomination(context.Background(), threesixty.LeaderActor(engagement), engagement,
		threesixty.Nomination{Name: name, Email: email, Group: group})
	if err != nil {
		env.t.Fatal(err)
	}
	return n.ID
}

// followed sends a form expecting a redirect, and returns the page it leads to.
func (b *pageClient) followed(t *testing.T, path string, form url.Values) string {
	t.Helper()
	rec := b.submit(path, form)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("POST %s: %d, want 303: %s", path, rec.Code, rec.Body.String())
	}
	return expectPage(t, b.get(location(rec)), http.StatusOK)
}

func TestSendingTheLeaderANewLinkAsksFirst(t *testing.T) {
	env := newEnv(t)
	_, b := env.coachWithPassword("casey@coaching.example.net", "Casey Pages", threesixty.RoleCoach)
	id := engagementFromForm(t, b)
	expectPage(t, b.get("/engagements/"+id), http.StatusOK, "The leader's page", "personal link", "Link last emailed:", "not yet",
		`href="/engagements/`+id+`/leader-link/rotate"`, "Send the leader a new link")
	link := env.leaderLink(id)
	expectStatus(t, env.do("GET", link, "", ""), http.StatusOK)

	expectPage(t, b.get("/engagements/"+id+"/leader-link/rotate"), http.StatusOK, "Send the leader a new link?",
		"stops working at once", "emailed to Robin Leader", "robin@client.example", "cannot be brought back", "Keep the current link")
	expectStatus(t, env.do("GET", link, "", ""), http.StatusOK) // asking changes nothing

	body := b.followed(t, "/engagements/"+id+"/leader-link/rotate", nil)
	for _, want := range []string{"A new link is on its way to Robin Leader; the links sent before no longer work.", "as a new link",
		"Sent the leader a new link; the links before it stopped working"} {
		if !strings.Contains(body, want) {
			t.Errorf("after the new link, the page does not say %q", want)
		}
	}
	expectStatus(t, env.do("GET", link, "", ""), http.StatusNotFound)
	if n := env.count("SELECT count(*) FROM outbox WHERE purpose = 'leader_link' AND recipient = 'robin@client.example'"); n != 1 {
		t.Errorf("%d new links queued for the leader, want 1", n)
	}
}

func TestTheLeaderProposesAndTheCoachDecides(t *testing.T) {
	env := newEnv(t)
	_, b := env.coachWithPassword("casey@coaching.example.net", "Casey Pages", threesixty.RoleCoach)
	id := engagementFromForm(t, b)
	body := expectPage(t, b.get("/engagements/"+id), http.StatusOK, "Raters the leader proposes", "Off:", "Robin Leader cannot propose raters",
		"Let the leader propose raters", "No proposals yet.")
	if strings.Contains(body, "Waiting for your decision") {
		t.Error("an empty list of proposals shows a table")
	}
	if _, err := env.store.ProposeNomination(t.Context(), threesixty.LeaderActor(id), id, threesixty.Nomination{Name: "Nia New", Email: "nia@client.example", Group: threesixty.GroupPeer}); threesixty.ErrorCode(err) != threesixty.ECONFLICT {
		t.Fatalf("a proposal while the setting is off: %v, want ECONFLICT", err)
	}

	body = b.followed(t, "/engagements/"+id+"/nomination", url.Values{"nomination_allowed": {"on"}})
	for _, want := range []string{"Robin Leader can now propose raters from their page", "On:", "Stop the leader proposing raters",
		"Those the leader proposes appear here"} {
		if !strings.Contains(body, want) {
			t.Errorf("with nominations on, the page does not say %q", want)
		}
	}
	nia := env.propose(id, "Nia New", "nia@client.example", threesixty.GroupPeer)
	olu := env.propose(id, "Olu Other", "olu@client.example", threesixty.GroupOther)
	expectPage(t, b.get("/engagements/"+id), http.StatusOK, "Waiting for your decision (2)", "Nia New", "nia@client.example", "Olu Other", "Other",
		`href="/engagements/`+id+`/nominations/`+nia+`/approve"`, `action="/engagements/`+id+`/nominations/`+olu+`/reject#nominations"`,
		"Proposed a rater (peer)", "The leader, through their link")

	expectPage(t, b.get("/engagements/"+id+"/nominations/"+nia+"/approve"), http.StatusOK, "Approve Nia New?", "added to the raters, in the group Peer",
		"No round is open, so nothing is sent now", "never whether Nia New answers")
	if n := env.count("SELECT count(*) FROM raters"); n != 0 {
		t.Fatal("asking added the rater")
	}
	body = b.followed(t, "/engagements/"+id+"/nominations/"+nia+"/approve", nil)
	for _, want := range []string{"Nia New is approved and added as peer.", "Everyone asked to rate Robin Leader (1)", "Decided (1)",
		"Approved: added as a rater", "Approved Nia New (nia@client.example), proposed by the leader, as peer"} {
		if !strings.Contains(body, want) {
			t.Errorf("after approving, the page does not say %q", want)
		}
	}
	if n := env.count("SELECT count(*) FROM raters WHERE email = 'nia@client.example'"); n != 1 {
		t.Errorf("%d raters for the approved proposal, want 1", n)
	}

	body = b.followed(t, "/engagements/"+id+"/nominations/"+olu+"/reject", nil)
	for _, want := range []string{"Olu Other is rejected: nobody was contacted.", "No proposal is waiting for your decision.", "Decided (2)", "Rejected"} {
		if !strings.Contains(body, want) {
			t.Errorf("after rejecting, the page does not say %q", want)
		}
	}
	if n := env.count("SELECT count(*) FROM raters WHERE email = 'olu@client.example'"); n != 0 {
		t.Error("the rejected proposal was added as a rater")
	}
	if n := env.count("SELECT count(*) FROM outbox WHERE recipient IN ('nia@client.example', 'olu@client.example')"); n != 0 {
		t.Error("a message went to a nominee while no round was open")
	}

	// A decision is made once; the page says so instead of failing.
	expectPage(t, b.submit("/engagements/"+id+"/nominations/"+olu+"/reject", nil), http.StatusConflict, "The nomination was rejected already.")
	body = expectPage(t, b.get("/engagements/"+id+"/nominations/"+nia+"/approve"), http.StatusOK, "You decided this proposal already: approved.")
	if strings.Contains(body, `action="/engagements/`+id+`/nominations/`+nia+`/approve"`) {
		t.Error("a decided proposal is offered for approval")
	}
	// A nomination is reached only through its own engagement.
	second := engagementFromForm(t, b)
	b.followed(t, "/engagements/"+second+"/nomination", url.Values{"nomination_allowed": {"on"}})
	elsewhere := env.propose(second, "Pam Peer", "pam@client.example", threesixty.GroupPeer)
	expectPage(t, b.get("/engagements/"+id+"/nominations/"+elsewhere+"/approve"), http.StatusNotFound)
	expectPage(t, b.submit("/engagements/"+id+"/nominations/"+elsewhere+"/reject", nil), http.StatusNotFound)
	env.propose(id, "Pam Peer", "pam@client.example", threesixty.GroupPeer)

	body = b.followed(t, "/engagements/"+id+"/nomination", url.Values{"nomination_allowed": {"off"}})
	for _, want := range []string{"Robin Leader can no longer propose raters.", "Off:", "Pam Peer"} {
		if !strings.Contains(body, want) {
			t.Errorf("with nominations off, the page does not say %q", want)
		}
	}
}

// TestApprovingIntoAnOpenRound: an approval while a round is open invites at once, and says so
// first; once someone has answered, the page says why no proposal can be approved.
func TestApprovingIntoAnOpenRound(t *testing.T) {
	env := newEnv(t)
	b := env.ownerBrowser()
	id := env.engagement(3, false)
	_, tokens := env.openRound(id)
	b.get("/engagements/" + id)
	b.followed(t, "/engagements/"+id+"/nomination", url.Values{"nomination_allowed": {"on"}})
	nia := env.propose(id, "Nia New", "nia@example.com", threesixty.GroupPeer)
	olu := env.propose(id, "Olu Other", "olu@example.com", threesixty.GroupOther)

	expectPage(t, b.get("/engagements/"+id), http.StatusOK, "A round is open: a rater you approve is invited to it at once")
	expectPage(t, b.get("/engagements/"+id+"/nominations/"+nia+"/approve"), http.StatusOK, "their invitation to it is emailed at once",
		"Approve Nia New and invite them", "cannot be taken back")
	body := b.followed(t, "/engagements/"+id+"/nominations/"+nia+"/approve", nil)
	if !strings.Contains(body, "Nia New is approved and added as peer. Their invitation to the open round is on its way") {
		t.Error("the flash does not say the approved rater is invited")
	}
	if n := env.count("SELECT count(*) FROM outbox WHERE recipient = 'nia@example.com' AND purpose = 'invitation'"); n != 1 {
		t.Errorf("%d invitations for the approved rater, want 1", n)
	}

	env.answerAll(map[threesixty.RaterGroup][]string{threesixty.GroupPeer: tokens[threesixty.GroupPeer][:1]}, "4")
	body = expectPage(t, b.get("/engagements/"+id), http.StatusOK, "no proposal can be approved now", `/nominations/`+olu+`/reject#nominations"`)
	if strings.Contains(body, `/nominations/`+olu+`/approve"`) || strings.Contains(body, "a rater you approve is invited to it at once") {
		t.Error("the page offers an approval the open round cannot take")
	}
	body = expectPage(t, b.get("/engagements/"+id+"/nominations/"+olu+"/approve"), http.StatusOK, "The open round already has answers", "reject the proposal instead")
	if strings.Contains(body, `action="/engagements/`+id+`/nominations/`+olu+`/approve"`) {
		t.Error("a proposal that cannot be approved is offered for approval")
	}
	expectPage(t, b.submit("/engagements/"+id+"/nominations/"+olu+"/approve", nil), http.StatusConflict, "Nothing was done", "already has answers")
	if n := env.count("SELECT count(*) FROM raters WHERE email = 'olu@example.com'"); n != 0 {
		t.Error("a rater joined a round that has answers")
	}
}

func TestArchivingAsksFirstAndRefusesWhatFollows(t *testing.T) {
	env := newEnv(t)
	b := env.ownerBrowser()
	id := env.engagement(3, false)
	round, _ := env.openRound(id)
	b.get("/engagements/" + id)
	b.followed(t, "/engagements/"+id+"/nomination", url.Values{"nomination_allowed": {"on"}})
	nia := env.propose(id, "Nia New", "nia@example.com", threesixty.GroupPeer)

	body := expectPage(t, b.get("/engagements/"+id), http.StatusOK, "A round is open now: close it first.")
	if strings.Contains(body, `href="/engagements/`+id+`/archive"`) {
		t.Error("archiving is offered while a round is open")
	}
	body = expectPage(t, b.get("/engagements/"+id+"/archive"), http.StatusOK, "A round is open: close it before archiving")
	if strings.Contains(body, `action="/engagements/`+id+`/archive"`) {
		t.Error("the archive page offers the button while a round is open")
	}
	expectPage(t, b.submit("/engagements/"+id+"/archive", nil), http.StatusConflict, "Nothing was done", "close it before archiving")
	if _, err := env.store.CloseRound(t.Context(), env.coach, round.ID); err != nil {
		t.Fatal(err)
	}

	expectPage(t, b.get("/engagements/"+id), http.StatusOK, `href="/engagements/`+id+`/archive"`, "Archive this engagement")
	expectPage(t, b.get("/engagements/"+id+"/archive"), http.StatusOK, "Archive this engagement?", "The leader's link stops working",
		"No round can be opened, no rater added", "stay readable", "Archiving cannot be undone.")
	body = b.followed(t, "/engagements/"+id+"/archive", nil)
	for _, want := range []string{"The engagement is archived. Its results, reports and goals stay here to read", "This engagement ended and was archived on",
		"Archived the engagement", "no rater can be added", "the leader can no longer propose raters", "no new link can be sent"} {
		if !strings.Contains(body, want) {
			t.Errorf("the archived engagement's page does not say %q", want)
		}
	}
	for _, gone := range []string{`/leader-link/rotate"`, `/archive"`, `action="/engagements/` + id + `/raters#raters"`,
		`/rounds/new"`, `/nominations/` + nia + `/approve"`, `action="/engagements/` + id + `/nomination#nominations"`} {
		if strings.Contains(body, gone) {
			t.Errorf("the archived engagement's page still offers %s", gone)
		}
	}
	expectPage(t, b.get("/engagements"), http.StatusOK, "Archived ")

	// What follows is refused, with a page that says why.
	expectPage(t, b.get("/engagements/"+id+"/leader-link/rotate"), http.StatusOK, "no new link can be sent")
	expectPage(t, b.submit("/engagements/"+id+"/leader-link/rotate", nil), http.StatusConflict, "Nothing was done", "archived")
	expectPage(t, b.get("/engagements/"+id+"/nominations/"+nia+"/approve"), http.StatusOK, "no proposal can be approved")
	expectPage(t, b.submit("/engagements/"+id+"/nominations/"+nia+"/approve", nil), http.StatusConflict, "Nothing was done", "archived")
	expectPage(t, b.submit("/engagements/"+id+"/nominations/"+nia+"/reject", nil), http.StatusConflict, "archived")
	expectPage(t, b.submit("/engagements/"+id+"/nomination", url.Values{"nomination_allowed": {"off"}}), http.StatusConflict, "archived")
	expectPage(t, b.get("/engagements/"+id+"/archive"), http.StatusOK, "already")
	if n := env.count("SELECT count(*) FROM outbox WHERE purpose = 'leader_link'"); n != 0 {
		t.Errorf("%d new links queued for an archived engagement", n)
	}
	if n := env.count("SELECT count(*) FROM nominations WHERE status = 'proposed'"); n != 1 {
		t.Error("a proposal was decided on an archived engagement")
	}
}

func TestTheSponsorConsentIsShownAsTheLeaderDecidedIt(t *testing.T) {
	env := newEnv(t)
	_, b := env.coachWithPassword("casey@coaching.example.net", "Casey Pages", threesixty.RoleCoach)
	id := engagementFromForm(t, b)
	body := expectPage(t, b.get("/engagements/"+id), http.StatusOK, "Sponsor summary", "Robin Leader has not decided yet whether the sponsor may see a summary")
	if strings.Contains(body, "History of the leader's consent") {
		t.Error("an empty consent history is offered")
	}
	leader := threesixty.LeaderActor(id)
	if _, err := env.store.GiveSponsorConsent(t.Context(), leader, id, threesixty.ConsentGoalsAndProgress); err != nil {
		t.Fatal(err)
	}
	expectPage(t, b.get("/engagements/"+id), http.StatusOK, "Robin Leader has agreed that the sponsor may see: goals and progress", ", since ")
	if _, err := env.store.WithdrawSponsorConsent(t.Context(), leader, id); err != nil {
		t.Fatal(err)
	}
	expectPage(t, b.get("/engagements/"+id), http.StatusOK, "Robin Leader has withdrawn their consent", "History of the leader's consent (2)",
		"Agreed to a summary of goals and progress", "Withdrew the consent to goals and progress")
	if strings.Contains(b.get("/engagements/"+id).Body.String(), `action="/engagements/`+id+`/consent`) {
		t.Error("the coach is offered to decide the leader's consent")
	}

	other := env.engagement(3, false)
	owner := env.ownerBrowser()
	expectPage(t, owner.get("/engagements/"+other), http.StatusOK, "No sponsor: this engagement has none")
}

func TestLeaderFormsNeedTheCSRFToken(t *testing.T) {
	env := newEnv(t)
	b := env.ownerBrowser()
	id := env.engagement(3, false)
	b.get("/engagements/" + id)
	b.followed(t, "/engagements/"+id+"/nomination", url.Values{"nomination_allowed": {"on"}})
	nia := env.propose(id, "Nia New", "nia@example.com", threesixty.GroupPeer)
	before := env.snapshotOf(id)
	for path, form := range map[string]url.Values{
		"/engagements/" + id + "/leader-link/rotate":              nil,
		"/engagements/" + id + "/nomination":                      {"nomination_allowed": {"off"}},
		"/engagements/" + id + "/nominations/" + nia + "/approve": nil,
		"/engagements/" + id + "/nominations/" + nia + "/reject":  nil,
		"/engagements/" + id + "/archive":                         nil,
	} {
		if form == nil {
			form = url.Values{}
		}
		form.Set(csrfField, "")
		if rec := b.submit(path, form); rec.Code != http.StatusForbidden {
			t.Errorf("POST %s without the token: %d", path, rec.Code)
		}
	}
	if after := env.snapshotOf(id); after != before {
		t.Error("a form without the token changed the engagement")
	}
	if n := env.count("SELECT count(*) FROM nominations WHERE status = 'proposed'"); n != 1 {
		t.Error("a form without the token decided a proposal")
	}
	if n := env.count("SELECT count(*) FROM outbox WHERE purpose = 'leader_link'"); n != 0 {
		t.Error("a form without the token sent the leader a new link")
	}
}
