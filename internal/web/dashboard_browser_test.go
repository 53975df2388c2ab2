package web

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
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

	// Signing out.
	b.press("Sign out", http.StatusOK)
	if !b.sees("You have signed out.") {
		t.Error("signing out does not say so")
	}
	b.expectQuietConsole()
	t.Logf("dashboard browser test took %s", time.Since(start).Round(time.Millisecond))
}
