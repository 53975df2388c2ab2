package web

import (
	"context"
	"net/http"
	"testing"

	"github.com/chromedp/chromedp"

	"threesixty/internal/threesixty"
)

// TestAccountAndAdminPagesInBrowser opens every page of accounts, password links and admins in
// a real headless Chromium, at a phone's width and a desktop's, runs axe-core on each, checks
// none scrolls sideways on the phone, and keeps a screenshot of each for a person to look at.
func TestAccountAndAdminPagesInBrowser(t *testing.T) {
	env, base := newBrowserEnv(t)
	ctx := context.Background()
	admin, _ := env.account("ada@coaching.example.net", "Ada Admin", threesixty.RoleAdmin)
	if err := env.store.SetPassword(ctx, admin.AccountID(), testPassword); err != nil {
		t.Fatal(err)
	}
	if _, err := env.store.AddAccount(ctx, admin, threesixty.NewAccount{Name: "Noor Newcomer", Email: "noor.newcomer@coaching.example.net", Role: threesixty.RoleCoach}); err != nil {
		t.Fatal(err)
	}
	engagement := env.engagement(3, false)
	expectStatus(t, env.api("PATCH", "/api/v1/engagements/"+engagement, map[string]any{"anonymity": map[string]any{"threshold": 4}}), http.StatusOK)
	round, tokens := env.openRound(engagement)
	env.answerAll(tokens, "4")
	if _, err := env.store.CloseRound(ctx, env.coach, round.ID); err != nil {
		t.Fatal(err)
	}
	expectStatus(t, env.api("GET", "/api/v1/rounds/"+round.ID+"/results", nil), http.StatusOK)
	if _, err := env.store.ShareReport(ctx, env.coach, round.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := env.store.Report(ctx, threesixty.LeaderActor(engagement), round.ID); err != nil {
		t.Fatal(err)
	}

	bctx, cancel := context.WithTimeout(ctx, 3*browserTimeout)
	t.Cleanup(cancel)
	b := startBrowser(t, bctx)
	look := func(name string) {
		t.Helper()
		b.do("setting a phone's viewport", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulatePortrait))
		if evaluate[bool](b, `document.documentElement.scrollWidth > innerWidth`) {
			t.Errorf("%s scrolls sideways at 390 px", name)
		}
		b.screenshot(name+"-mobile.png", true)
		b.accessible(name + "-mobile")
		b.do("setting a desktop viewport", chromedp.EmulateViewport(1280, 900))
		b.screenshot(name+"-desktop.png", true)
		b.accessible(name + "-desktop")
	}

	b.navigate(base+"/login", http.StatusOK)
	b.do("typing the email", chromedp.SendKeys(chromedp.ID("email"), "ada@coaching.example.net"))
	b.do("typing the password", chromedp.SendKeys(chromedp.ID("password"), testPassword))
	b.submit("signing in", "form.card button.primary", http.StatusOK)

	b.navigate(base+"/account", http.StatusOK)
	look("account")
	b.do("typing a wrong current password", chromedp.SendKeys(chromedp.ID("current_password"), "not my password"))
	b.do("typing a new password", chromedp.SendKeys(chromedp.ID("new_password"), "a new long password"))
	b.do("typing it again", chromedp.SendKeys(chromedp.ID("new_password_again"), "a new long password"))
	b.submit("changing the password", `form[action="/account/password"] button`, http.StatusUnprocessableEntity)
	look("account-problems")
	b.do("naming a token", chromedp.SendKeys(chromedp.ID("token_name"), "CRM sync"))
	b.submit("creating a token", `form[action="/account/tokens"] button`, http.StatusOK)
	look("account-token")
	tokens2, err := env.store.APITokens(ctx, admin.AccountID())
	if err != nil {
		t.Fatal(err)
	}
	b.navigate(base+"/account/tokens/"+tokens2[0].ID+"/revoke", http.StatusOK)
	look("account-revoke")

	b.navigate(base+"/admin/coaches", http.StatusOK)
	look("admin-coaches")
	b.navigate(base+"/admin/coaches/"+env.coach.AccountID()+"/deactivate", http.StatusOK)
	look("admin-deactivate")
	b.navigate(base+"/admin/audit-log", http.StatusOK)
	look("admin-audit-log")

	b.submit("signing out", "form.sign-out button", http.StatusOK)
	b.navigate(base+"/password/forgot", http.StatusOK)
	look("password-forgot")
	b.do("typing the address", chromedp.SendKeys(chromedp.ID("email"), "ada@coaching.example.net"))
	b.submit("asking for a link", "form.card button.primary", http.StatusOK)
	look("password-forgot-sent")
	token := passwordLinkTo(t, env.drainMail(), "ada@coaching.example.net")
	b.navigate(base+"/password/"+token, http.StatusOK)
	look("password-set")
	b.do("typing a short password", chromedp.SendKeys(chromedp.ID("password"), "short"))
	b.do("typing it again", chromedp.SendKeys(chromedp.ID("password_again"), "short"))
	b.submit("setting a short password", "form.card button.primary", http.StatusUnprocessableEntity)
	look("password-set-problems")
	b.navigate(base+"/password/"+token+"x", http.StatusNotFound)
	look("password-gone")
	b.expectQuietConsole()
}
