package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"threesixty/internal/threesixty"
)

// adminPageRequests are the page routes of dash_admin.go, for TestEveryPageHidesWhatIsNotYours.
// The walk's second coach is not an admin: every one of them answers 404.
var adminPageRequests = map[string]pageRequest{
	"GET /admin/coaches":                      {names: true},
	"POST /admin/coaches":                     {names: true, form: url.Values{"name": {"Walk Coach"}, "email": {"walk@coaching.example.net"}, "role": {"coach"}}},
	"POST /admin/coaches/:account/setup-link": {names: true},
	"GET /admin/coaches/:account/deactivate":  {names: true},
	"POST /admin/coaches/:account/deactivate": {names: true},
	"POST /admin/coaches/:account/reactivate": {names: true},
	"GET /admin/audit-log":                    {names: true},
}

func TestACoachCannotReachTheAdminPages(t *testing.T) {
	env := newEnv(t)
	_, b := env.coachWithPassword("dana@coaching.example.net", "Dana Coach", threesixty.RoleCoach)
	for _, path := range []string{"/admin/coaches", "/admin/audit-log", "/admin/coaches/" + env.coach.AccountID() + "/deactivate"} {
		if rec := b.get(path); rec.Code != http.StatusNotFound {
			t.Errorf("GET %s as a coach: %d, want 404", path, rec.Code)
		}
	}
	if page := b.get("/account").Body.String(); strings.Contains(page, "/admin/") {
		t.Error("a coach's navigation leads to admin pages")
	}
}

func TestAnAdminAddsACoachWhoSetsTheirPassword(t *testing.T) {
	env := newEnv(t)
	_, admin := env.coachWithPassword("ada@coaching.example.net", "Ada Admin", threesixty.RoleAdmin)
	rec := admin.get("/admin/coaches")
	expectStatus(t, rec, http.StatusOK)
	for _, want := range []string{"Casey Coach", "coach@coaching.example.net", "Not set yet", "Active"} {
		if !strings.Contains(rec.Body.String(), want) {
			t.Errorf("the list of coaches lacks %q", want)
		}
	}
	rec = admin.submit("/admin/coaches", url.Values{"name": {""}, "email": {"Casey@coaching.example.net"}, "role": {"coach"}})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	if body := rec.Body.String(); !strings.Contains(body, `id="name-problem"`) || !strings.Contains(body, `value="Casey@coaching.example.net"`) {
		t.Errorf("a new account's problems are not shown at their fields, with what was typed:\n%s", body)
	}
	rec = admin.submit("/admin/coaches", url.Values{"name": {"Casey Again"}, "email": {"Coach@Coaching.example.net"}, "role": {"coach"}})
	expectStatus(t, rec, http.StatusConflict)
	if !strings.Contains(rec.Body.String(), "An account with this address already exists.") {
		t.Error("an address taken is not said at its field")
	}
	rec = admin.submit("/admin/coaches", url.Values{"name": {"Noor Coach"}, "email": {"noor@coaching.example.net"}, "role": {"coach"}})
	expectStatus(t, rec, http.StatusSeeOther)
	if page := admin.get("/admin/coaches").Body.String(); !strings.Contains(page, "Noor Coach is added as a coach") {
		t.Error("adding a coach is not said")
	}
	kept := env.drainMail()
	if len(kept) != 1 || kept[0].Purpose != threesixty.PurposePasswordSetup || !strings.Contains(kept[0].Text, "works once, for 7 days") {
		t.Fatalf("want one set-up message, got %+v", kept)
	}
	token := passwordLinkTo(t, kept, "noor@coaching.example.net")
	b := env.browser()
	rec = b.get("/password/" + token)
	expectStatus(t, rec, http.StatusOK)
	if !strings.Contains(rec.Body.String(), "Set your password") {
		t.Error("the set-up link's page does not say what it does")
	}
	expectStatus(t, b.submit("/password/"+token, url.Values{"password": {"noor's own password"}, "password_again": {"noor's own password"}}), http.StatusSeeOther)
	expectStatus(t, env.browser().signIn("noor@coaching.example.net", "noor's own password"), http.StatusSeeOther)
	if page := admin.get("/admin/coaches").Body.String(); strings.Contains(page, "Resend set-up link<span class=\"visually-hidden\"> to Noor Coach") {
		t.Error("a coach with a password is offered a set-up link")
	}
}

func TestDeactivatingACoachEndsTheirSessionsAndTokens(t *testing.T) {
	env := newEnv(t)
	_, admin := env.coachWithPassword("ada@coaching.example.net", "Ada Admin", threesixty.RoleAdmin)
	coach, b := env.coachWithPassword("dana@coaching.example.net", "Dana Coach", threesixty.RoleCoach)
	token, _, err := env.store.CreateAPIToken(context.Background(), coach.AccountID(), "CRM sync")
	if err != nil {
		t.Fatal(err)
	}
	deactivate := "/admin/coaches/" + coach.AccountID() + "/deactivate"
	rec := admin.get(deactivate)
	expectStatus(t, rec, http.StatusOK)
	for _, want := range []string{"signed out on every browser and device", "lose every API token", "admins still see them"} {
		if !strings.Contains(rec.Body.String(), want) {
			t.Errorf("the confirmation does not say %q", want)
		}
	}
	expectStatus(t, admin.submit(deactivate, nil), http.StatusSeeOther)
	if rec := b.get("/engagements"); rec.Code != http.StatusSeeOther || !strings.HasPrefix(location(rec), "/login") {
		t.Errorf("the deactivated coach's browser is still signed in: %d", rec.Code)
	}
	if rec := env.do("GET", "/api/v1/engagements", "", "", "Authorization", "Bearer "+token); rec.Code != http.StatusUnauthorized {
		t.Errorf("the deactivated coach's API token still works: %d", rec.Code)
	}
	wrong := env.browser().signIn("nobody@coaching.example.net", testPassword)
	deactivated := env.browser().signIn("dana@coaching.example.net", testPassword)
	if deactivated.Code != http.StatusUnauthorized || normalised(deactivated.Body.String(), "dana@coaching.example.net") != normalised(wrong.Body.String(), "nobody@coaching.example.net") {
		t.Errorf("signing in as a deactivated coach answers otherwise than for no account: %d", deactivated.Code)
	}
	if page := admin.get("/admin/coaches").Body.String(); !strings.Contains(page, "Dana Coach is deactivated") || !strings.Contains(page, "Deactivated ") {
		t.Error("the deactivation is not said, or not shown in the list")
	}

	// An admin cannot lock themselves out.
	self := "/admin/coaches/" + mustAccountID(t, env, "ada@coaching.example.net") + "/deactivate"
	expectStatus(t, admin.submit(self, nil), http.StatusSeeOther)
	if page := admin.get("/admin/coaches"); page.Code != http.StatusOK || !strings.Contains(page.Body.String(), "You cannot deactivate your own account") {
		t.Errorf("an admin deactivated themselves: %d", page.Code)
	}

	expectStatus(t, admin.submit("/admin/coaches/"+coach.AccountID()+"/reactivate", nil), http.StatusSeeOther)
	expectStatus(t, env.browser().signIn("dana@coaching.example.net", testPassword), http.StatusSeeOther)
	if rec := env.do("GET", "/api/v1/engagements", "", "", "Authorization", "Bearer "+token); rec.Code != http.StatusUnauthorized {
		t.Errorf("reactivation brought an old API token back: %d", rec.Code)
	}
}

func TestTheAuditLogShowsWhoViewedWhichResults(t *testing.T) {
	env := newEnv(t)
	_, admin := env.coachWithPassword("ada@coaching.example.net", "Ada Admin", threesixty.RoleAdmin)
	engagement := env.engagement(3, false)
	expectStatus(t, env.api("PATCH", "/api/v1/engagements/"+engagement, map[string]any{"anonymity": map[string]any{"threshold": 4}}), http.StatusOK)
	expectStatus(t, env.api("PATCH", "/api/v1/engagements/"+engagement, map[string]any{"anonymity": map[string]any{"threshold": 3}}), http.StatusOK)
	round, tokens := env.openRound(engagement)
	env.answerAll(tokens, "4")
	if _, err := env.store.CloseRound(context.Background(), env.coach, round.ID); err != nil {
		t.Fatal(err)
	}
	other := env.engagement(3, false)

	rec := admin.get("/admin/audit-log")
	expectStatus(t, rec, http.StatusOK)
	if strings.Contains(rec.Body.String(), "Viewed the results") {
		t.Fatal("views are recorded before anyone viewed")
	}
	expectStatus(t, env.api("GET", "/api/v1/rounds/"+round.ID+"/results", nil), http.StatusOK)
	expectStatus(t, env.api("GET", "/api/v1/rounds/"+round.ID+"/report.pdf", nil), http.StatusOK)
	expectStatus(t, env.api("GET", "/api/v1/engagements/"+engagement+"/export", nil), http.StatusOK)
	if _, err := env.store.Report(context.Background(), threesixty.Service, round.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := env.store.ShareReport(context.Background(), env.coach, round.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := env.store.Results(context.Background(), threesixty.LeaderActor(engagement), round.ID); err != nil {
		t.Fatal(err)
	}
	// The results page is a view, not a download.
	expectStatus(t, admin.get("/rounds/"+round.ID), http.StatusOK)

	body := admin.get("/admin/audit-log").Body.String()
	order := []string{
		"Ada Admin (ada@coaching.example.net)</td>\n<td>Viewed the results of the baseline round",
		"The leader, through their link</td>\n<td>Viewed the results of the baseline round",
		"The service (a command-line report)</td>\n<td>Downloaded the report of the baseline round",
		"Casey Coach (coach@coaching.example.net)</td>\n<td>Downloaded the engagement&#39;s export",
		"Casey Coach (coach@coaching.example.net)</td>\n<td>Downloaded the report of the baseline round",
		"Casey Coach (coach@coaching.example.net)</td>\n<td>Viewed the results of the baseline round",
		"Changed the settings: threshold from 4 to 3",
		"Changed the settings: threshold from 3 to 4",
	}
	last := -1
	for _, want := range order {
		i := strings.Index(body, want)
		if i < 0 {
			t.Errorf("the audit log lacks %q", want)
			continue
		}
		if i < last {
			t.Errorf("%q is not in order, newest first", want)
		}
		last = i
	}
	for _, rater := range []string{"Pat Peer", "pat@example.com", "Sam Superior"} {
		if strings.Contains(body, rater) {
			t.Errorf("the audit log names the rater %s", rater)
		}
	}

	filtered := admin.get("/admin/audit-log?engagement=" + other).Body.String()
	if strings.Contains(filtered, "Viewed the results") || !strings.Contains(filtered, "Nothing recorded yet for this engagement") {
		t.Error("the filter by engagement shows another engagement's entries")
	}

	// Paged, newest first, each entry once.
	admins, err := env.store.Accounts(context.Background(), threesixty.AccountActor(&threesixty.Account{Role: threesixty.RoleAdmin}))
	if err != nil || len(admins) != 2 {
		t.Fatalf("accounts: %v %d", err, len(admins))
	}
	adminActor := threesixty.AccountActor(&threesixty.Account{ID: mustAccountID(t, env, "ada@coaching.example.net"), Role: threesixty.RoleAdmin})
	var seen []string
	before := ""
	for range 20 {
		page, err := env.store.AuditLog(context.Background(), adminActor, engagement, before, 2)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range page.Entries {
			seen = append(seen, e.Cursor)
		}
		if before = page.Next; before == "" {
			break
		}
	}
	if len(seen) != len(order) {
		t.Errorf("paging by 2 saw %d entries, want %d", len(seen), len(order))
	}
	if rec := admin.get("/admin/audit-log?before=nonsense"); rec.Code != http.StatusBadRequest {
		t.Errorf("a cursor that is not one: %d", rec.Code)
	}
	if _, err := env.store.AuditLog(context.Background(), env.coach, "", "", 10); threesixty.ErrorCode(err) != threesixty.ENOTFOUND {
		t.Errorf("a coach reads the audit log: %v", err)
	}
}
