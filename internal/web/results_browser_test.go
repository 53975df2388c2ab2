package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"threesixty/internal/threesixty"
	"threesixty/surveys"
)

// TestResultsPagesInBrowser opens a released pulse's and a released closing round's results in a
// real headless Chromium at 360 and 1280 px: axe-core finds nothing, neither page scrolls
// sideways, and both are kept as screenshots.
func TestResultsPagesInBrowser(t *testing.T) {
	env, base := newBrowserEnv(t)
	if err := env.store.SetPassword(context.Background(), env.coach.AccountID(), testPassword); err != nil {
		t.Fatal(err)
	}
	engagement, pulse := env.releasedPulse()
	closing, tokens := env.openClosingRound(engagement)
	env.answerAll(tokens, "4")
	if _, err := env.store.CloseRound(context.Background(), env.coach, closing.ID); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), browserTimeout)
	t.Cleanup(cancel)
	b := startBrowser(t, ctx)
	b.do("setting a narrow phone's viewport", chromedp.EmulateViewport(360, 844, chromedp.EmulateMobile, chromedp.EmulatePortrait))
	b.navigate(base+"/login", http.StatusOK)
	b.fill("Email address", "coach@coaching.example.net")
	b.fill("Password", testPassword)
	b.press("Sign in", http.StatusOK)

	b.navigate(base+"/rounds/"+pulse.ID, http.StatusOK)
	if !b.sees("Change by goal") || !b.sees("Self: +2.00, 1 rater") {
		t.Error("the pulse's page does not show the change by goal")
	}
	if n := evaluate[int](b, `document.querySelectorAll("svg[role=img]").length`); n != 2 {
		t.Errorf("the pulse's page has %d charts, want one a goal", n)
	}
	b.lookAt("results-pulse", 360)

	b.navigate(base+"/rounds/"+closing.ID, http.StatusOK)
	if !b.sees("What changed") || !b.sees("The closing round on its own") {
		t.Error("the closing round's page does not show what changed and its own results")
	}
	b.lookAt("results-closing", 360)
	b.expectQuietConsole()
}

// TestPulseSurveyInBrowser answers a midpoint pulse as a rater does, at 360 and 1280 px: the
// scale reads −3..+3 around no change, axe-core finds nothing, and the answers reach the store as
// the scale's values.
func TestPulseSurveyInBrowser(t *testing.T) {
	env, base := newBrowserEnv(t)
	id := env.engagement(3, false)
	env.releasedBaseline(id)
	env.createGoal(id, "Delegating decisions")
	env.createGoal(id, "Listening first")
	pulse, _, err := env.store.OpenRound(context.Background(), env.coach, id, threesixty.RoundPlan{
		Kind: threesixty.RoundKindMidpoint, ClosesAt: time.Now().Add(72 * time.Hour), Reminders: threesixty.DefaultReminders,
	})
	if err != nil {
		t.Fatal(err)
	}
	link := base + "/s/" + env.pulseTokens(pulse.ID)[threesixty.GroupPeer][0]

	ctx, cancel := context.WithTimeout(context.Background(), browserTimeout)
	t.Cleanup(cancel)
	b := startBrowser(t, ctx)
	b.do("setting a narrow phone's viewport", chromedp.EmulateViewport(360, 844, chromedp.EmulateMobile, chromedp.EmulatePortrait))
	b.navigate(link, http.StatusOK)
	order := evaluate[[]string](b, `[...document.querySelectorAll("fieldset.item")].map(f => f.id)`)
	if want := []string{surveys.PulseCompetencyID(0) + "-change", surveys.PulseCompetencyID(1) + "-change"}; strings.Join(order, " ") != strings.Join(want, " ") {
		t.Fatalf("the pulse asks %q, want %q", order, want)
	}
	for _, s := range []string{"Delegating decisions", "−3", "Much less effective", "0", "No change", "+3", "Much more effective", "Not able to rate"} {
		if !b.sees(s) {
			t.Errorf("the pulse does not say %q", s)
		}
	}
	b.lookAt("survey-pulse", 360)
	b.do("setting the phone's viewport again", chromedp.EmulateViewport(360, 844, chromedp.EmulateMobile, chromedp.EmulatePortrait))
	b.choose(order[0], "6")
	b.choose(order[1], threesixty.NotAbleToRate)
	b.submit("submitting the pulse", "button.primary", http.StatusOK)
	if h1 := b.text("h1"); h1 != "Thank you" {
		t.Errorf("after submitting the heading is %q", h1)
	}
	b.lookAt("survey-pulse-thanks", 360)
	b.expectQuietConsole()
	// Stored as the scale keeps it: +2 is 6; "not able to rate" is no answer.
	var answered int
	env.Get(&answered, `SELECT count(*) FROM invitations WHERE round_id = $1 AND status = 'completed'`, pulse.ID)
	if answered != 1 {
		t.Errorf("%d invitations completed, want 1", answered)
	}
}
