package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"threesixty/internal/threesixty"
)

// TestDashboardInBrowser is a coach's day in a real headless Chromium: signing in, every page
// they use at a phone's width and a desktop's, each checked with axe-core and kept as a
// screenshot.
func TestDashboardInBrowser(t *testing.T) {
	start := time.Now()
	env, base := newBrowserEnv(t)
	if err := env.store.SetPassword(context.Background(), env.coach.AccountID(), testPassword); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*browserTimeout)
	t.Cleanup(cancel)
	b := startBrowser(t, ctx)
	b.do("setting a mobile viewport", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulatePortrait))

	// Signing in: a wrong password first, then the right one.
	b.navigate(base+"/", http.StatusOK)
	if loc := b.location(); loc != base+"/login" {
		t.Fatalf("/ leads to %s, want the sign-in page", loc)
	}
	b.look("sign-in")
	b.fill("Email address", "coach@coaching.example.net")
	b.fill("Password", "not the password")
	b.press("Sign in", http.StatusUnauthorized)
	if !b.sees("do not match an account") {
		t.Error("a wrong password does not say so")
	}
	b.look("sign-in-failed")
	b.fill("Password", testPassword)
	b.press("Sign in", http.StatusOK)
	if loc := b.location(); loc != base+"/engagements" {
		t.Fatalf("signed in at %s, want the engagements", loc)
	}
	if !b.sees("Signed in as Casey Coach.") {
		t.Error("signing in does not say who is signed in")
	}
	b.look("engagements-empty")

	// A new engagement.
	b.press("Create the first engagement", http.StatusOK)
	b.fill("Leader › Name", "Robin Leader")
	b.fill("Leader › Email address", "robin@client.example")
	b.fill("Anonymity threshold", "3")
	b.fill("Timeline › Start", time.Now().AddDate(0, -1, 0).Format("2006-01-02"))
	b.fill("Timeline › Planned end", time.Now().AddDate(0, 4, 0).Format("2006-01-02"))
	b.look("engagement-new")
	b.press("Create the engagement", http.StatusOK)
	if !strings.HasPrefix(b.location(), base+"/engagements/") || !b.sees("Robin Leader") {
		t.Fatalf("after creating the engagement the page is %s", b.location())
	}
	engagement := strings.TrimPrefix(b.location(), base+"/engagements/")

	// Raters from CSV, one row wrong: nothing is added, the row is named, the text is kept.
	const good = "name,email,group\nSam Superior,sam@client.example,superior\nSue Superior,sue@client.example,superior\n" +
		"Sol Superior,sol@client.example,superior\nPat Peer,pat@client.example,peer\nPia Peer,pia@client.example,peer\n" +
		"Per Peer,per@client.example,peer\nDee Report,dee@client.example,direct_report\nDan Report,dan@client.example,direct_report\n" +
		"Dot Report,dot@client.example,direct_report\n"
	b.fill("Or paste the list", good+"Bad Row,not-an-address,peer\n")
	b.press("Import the raters", http.StatusUnprocessableEntity)
	if !b.sees("not-an-address") || !b.sees("Row 11") && !b.sees("row 11") && !b.sees("line 11") && !b.sees("Line 11") {
		t.Error("the bad row is not named")
	}
	if raters, _ := env.store.Raters(context.Background(), env.coach, engagement); len(raters) != 0 {
		t.Fatalf("a refused import added %d raters", len(raters))
	}
	if kept := evaluate[string](b, `document.getElementById("csv_text").value`); !strings.Contains(kept, "Bad Row,not-an-address") {
		t.Errorf("the pasted list is not kept to fix: %q", kept)
	}
	b.look("raters-import-problems")
	b.fill("Or paste the list", good+"Bad Row,bad.row@client.example,peer\n")
	b.press("Import the raters", http.StatusOK)
	if raters, _ := env.store.Raters(context.Background(), env.coach, engagement); len(raters) != 10 {
		t.Fatalf("the fixed import added %d raters, want 10", len(raters))
	}
	b.look("engagement-with-raters")

	// The baseline round.
	b.press("Open the baseline round", http.StatusOK)
	b.fill("Last day to answer", time.Now().AddDate(0, 0, 14).Format("2006-01-02"))
	b.look("round-new")
	b.press("Open the round and send", http.StatusOK)
	if !strings.HasPrefix(b.location(), base+"/rounds/") {
		t.Fatalf("after opening the round the page is %s", b.location())
	}
	round := strings.TrimPrefix(b.location(), base+"/rounds/")
	progress := func() string { return b.text("ul.groups") }
	before := progress()
	if !strings.Contains(before, "0 of 3 answered") {
		t.Errorf("the new round's progress reads %q", before)
	}
	b.look("round-open")

	// Raters answer; the coach sees the counts rise, never who.
	links := env.linksOf(round)
	for group, tokens := range links {
		if group == threesixty.GroupSelf {
			continue
		}
		for _, token := range tokens {
			expectStatus(t, env.post("/s/"+token, env.fullForm("4")), http.StatusOK)
		}
	}
	b.navigate(base+"/rounds/"+round, http.StatusOK)
	if after := progress(); !strings.Contains(after, "3 of 3 answered") || strings.Contains(after, "Sam Superior") {
		t.Errorf("after every rater answered, progress reads %q", after)
	}
	b.look("round-answered")

	// Close and release, after a confirmation.
	b.press("Close and release", http.StatusOK)
	if !b.sees("cannot be undone") {
		t.Error("the confirmation does not say what cannot be undone")
	}
	b.look("round-close-confirm")
	b.press("Close and release now", http.StatusOK)
	if !b.sees("Summary by competency") {
		t.Fatalf("after the release the round's page is not its results: %s", b.location())
	}
	if n := evaluate[int](b, `document.querySelectorAll("svg[role=img]").length`); n < 9 {
		t.Errorf("the results page has %d charts", n)
	}
	b.look("results")
	if status, kind := b.fetchStatus("/rounds/" + round + "/report.pdf"); status != http.StatusOK || kind != "application/pdf" {
		t.Errorf("the PDF report: %d %s", status, kind)
	}

	// Goals, the account page.
	b.navigate(base+"/engagements/"+engagement+"/goals", http.StatusOK)
	b.look("goals")

	// A coaching session, recorded from the engagement's page, then edited and nearly deleted.
	b.navigate(base+"/engagements/"+engagement, http.StatusOK)
	if !b.sees("about 5 months") {
		t.Error("the engagement page does not say how long the engagement runs")
	}
	b.fill("Day held", time.Now().Format("2006-01-02"))
	b.fill("Length in minutes", "75")
	b.fill("Notes", "Read the baseline report together.")
	b.press("Record the session", http.StatusOK)
	if !b.sees("1 session, 1 hour 15 minutes in all") || !b.sees("Read the baseline report together.") {
		t.Error("the recorded coaching session is not listed")
	}
	b.look("engagement-coaching-sessions")
	b.press("Edit", http.StatusOK)
	b.look("coaching-session-edit")
	b.fill("Length in minutes", "90")
	b.press("Save the session", http.StatusOK)
	if !b.sees("1 hour 30 minutes in all") {
		t.Error("the edited coaching session is not listed as changed")
	}
	b.press("Delete", http.StatusOK)
	b.look("coaching-session-delete")
	b.press("Keep it", http.StatusOK)
	if sessions, _ := env.store.CoachingSessions(context.Background(), env.coach, engagement); len(sessions) != 1 {
		t.Errorf("%d coaching sessions after keeping the one", len(sessions))
	}
	b.navigate(base+"/account", http.StatusOK)
	b.look("account")

	// Signing out.
	b.press("Sign out", http.StatusOK)
	if !b.sees("You have signed out.") {
		t.Error("signing out does not say so")
	}
	b.expectQuietConsole()
	t.Logf("dashboard browser test took %s", time.Since(start).Round(time.Millisecond))
}

// linksOf mints a survey link for every invitation of a round, as the outbox would when it sends
// them, by rater group.
func (env *testEnv) linksOf(round string) map[threesixty.RaterGroup][]string {
	env.t.Helper()
	var invitations []struct {
		ID    string                `db:"id"`
		Group threesixty.RaterGroup `db:"rater_group"`
	}
	env.Select(&invitations, `SELECT id, rater_group FROM invitations WHERE round_id = $1 ORDER BY id`, round)
	out := map[threesixty.RaterGroup][]string{}
	for _, inv := range invitations {
		minted, err := env.store.MintTokens(context.Background(), []string{inv.ID})
		if err != nil {
			env.t.Fatal(err)
		}
		out[inv.Group] = append(out[inv.Group], minted[0])
	}
	return out
}
