package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"threesixty/internal/threesixty"
)

func TestSignInStartsASessionAndSignOutEndsIt(t *testing.T) {
	env := newEnv(t)
	_, b := env.coachWithPassword("dana@coaching.example.net", "Dana Coach", threesixty.RoleCoach)
	rec := b.get("/engagements")
	expectStatus(t, rec, http.StatusOK)
	if !strings.Contains(rec.Body.String(), "Signed in as Dana Coach.") {
		t.Error("the first page after signing in does not say who is signed in")
	}
	if rec := b.get("/engagements"); strings.Contains(rec.Body.String(), "Signed in as") {
		t.Error("the message after signing in is shown twice")
	}
	if rec := b.get("/"); rec.Code != http.StatusSeeOther || location(rec) != "/engagements" {
		t.Errorf("/ when signed in: %d to %q", rec.Code, location(rec))
	}
	session := b.cookies["threesixty_session"].Value

	rec = b.submit("/logout", nil)
	if rec.Code != http.StatusSeeOther || location(rec) != "/login" {
		t.Fatalf("sign out: %d to %q", rec.Code, location(rec))
	}
	if _, kept := b.cookies["threesixty_session"]; kept {
		t.Error("signing out leaves the session cookie")
	}
	// The session is over on the server too: its token, sent again, is refused.
	b.cookies["threesixty_session"] = &http.Cookie{Name: "threesixty_session", Value: session}
	if rec := b.get("/engagements"); rec.Code != http.StatusSeeOther || location(rec) != "/login?next=%2Fengagements" {
		t.Errorf("a signed-out session's token: %d to %q", rec.Code, location(rec))
	}
}

func TestSignedOutBrowsersAreSentToSignIn(t *testing.T) {
	env := newEnv(t)
	b := env.browser()
	if rec := b.get("/"); rec.Code != http.StatusSeeOther || location(rec) != "/login" {
		t.Errorf("/: %d to %q", rec.Code, location(rec))
	}
	rec := b.get("/engagements?x=1")
	if rec.Code != http.StatusSeeOther || location(rec) != "/login?next=%2Fengagements%3Fx%3D1" {
		t.Fatalf("/engagements: %d to %q", rec.Code, location(rec))
	}
	// After signing in, back where the browser was going; never to another site.
	env.coachWithPassword("dana@coaching.example.net", "Dana Coach", threesixty.RoleCoach)
	for next, want := range map[string]string{
		"/engagements?x=1":     "/engagements?x=1",
		"//evil.example/":      "/engagements",
		"/\\evil.example/":     "/engagements",
		"https://evil.example": "/engagements",
		"":                     "/engagements",
	} {
		b := env.browser()
		b.get("/login?next=" + url.QueryEscape(next))
		rec := b.submit("/login", url.Values{"email": {"dana@coaching.example.net"}, "password": {testPassword}, "next": {next}})
		if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != want {
			t.Errorf("next %q: %d to %q, want %q", next, rec.Code, rec.Header().Get("Location"), want)
		}
	}
	// Unknown paths are still the API's 404, not a redirect to sign in.
	if rec := b.get("/no-such-page"); rec.Code != http.StatusNotFound {
		t.Errorf("an unknown path: %d", rec.Code)
	}
}

// A wrong password and an address without an account get the same answer, word for word, and
// neither says which it was.
func TestSignInDoesNotTellWhichAddressesHaveAccounts(t *testing.T) {
	env := newEnv(t)
	env.coachWithPassword("dana@coaching.example.net", "Dana Coach", threesixty.RoleCoach)
	noPassword, _ := env.account("nopass@coaching.example.net", "Nia Nopass", threesixty.RoleCoach)
	_ = noPassword
	answer := func(email, password string) (int, string) {
		b := env.browser()
		b.client = "198.51.100." + string(rune('1'+len(email)%8))
		rec := b.signIn(email, password)
		body := strings.ReplaceAll(rec.Body.String(), email, "EMAIL")
		body = csrfInput.ReplaceAllString(body, "")
		return rec.Code, body
	}
	wrongCode, wrong := answer("dana@coaching.example.net", "not the password")
	for _, email := range []string{"nobody@coaching.example.net", "nopass@coaching.example.net"} {
		code, body := answer(email, "not the password")
		if code != wrongCode || body != wrong {
			t.Errorf("%s: %d, differs from a wrong password's %d:\n%s\n---\n%s", email, code, wrongCode, body, wrong)
		}
	}
	if wrongCode != http.StatusUnauthorized || !strings.Contains(wrong, "do not match an account") {
		t.Errorf("a wrong password: %d\n%s", wrongCode, wrong)
	}
}

// Both ways take one password hash's time: an address without an account is checked against a
// decoy hash. Measured as medians of many tries, so that a shared machine's noise evens out.
func TestSignInTakesAsLongForAnAddressWithoutAnAccount(t *testing.T) {
	if testing.Short() {
		t.Skip("timing")
	}
	env := newEnv(t)
	env.coachWithPassword("dana@coaching.example.net", "Dana Coach", threesixty.RoleCoach)
	// Interleaved, each first in turn, so that whatever the machine is doing meanwhile falls on
	// both alike.
	var took [2][]time.Duration
	emails := []string{"dana@coaching.example.net", "nobody@coaching.example.net"}
	for i := range 12 {
		for j := range 2 {
			k := (i + j) % 2
			email := emails[k]
			b := env.browser()
			b.client = fmt.Sprintf("203.0.113.%d", 2*i+j)
			b.get("/login")
			start := time.Now()
			b.submit("/login", url.Values{"email": {email}, "password": {"not the password"}})
			took[k] = append(took[k], time.Since(start))
		}
		env.Exec(`DELETE FROM sign_in_failures`)
	}
	median := func(d []time.Duration) time.Duration {
		slices.Sort(d)
		return d[len(d)/2]
	}
	known, unknown := median(took[0]), median(took[1])
	ratio := float64(unknown) / float64(known)
	t.Logf("median sign-in: known address %v, unknown %v (ratio %.2f)", known, unknown, ratio)
	if ratio < 0.5 || ratio > 2 {
		t.Errorf("an unknown address takes %v, a known one %v: the difference tells them apart", unknown, known)
	}
}

func TestSignInIsLimitedPerAddressAndPerClient(t *testing.T) {
	env := newEnv(t)
	env.coachWithPassword("dana@coaching.example.net", "Dana Coach", threesixty.RoleCoach)
	b := env.browser()
	for range threesixty.SignInFailuresPerAddressAndClient {
		if rec := b.signIn("dana@coaching.example.net", "guess"); rec.Code != http.StatusUnauthorized {
			t.Fatalf("a wrong password: %d", rec.Code)
		}
	}
	// Now even the right password, from that client, is refused until the window passes.
	rec := b.signIn("dana@coaching.example.net", testPassword)
	if rec.Code != http.StatusTooManyRequests || !strings.Contains(rec.Body.String(), "Too many failed sign-ins") {
		t.Fatalf("the right password after %d failures: %d %s", threesixty.SignInFailuresPerAddressAndClient, rec.Code, rec.Body.String())
	}
	// A stranger's wrong passwords do not lock the coach out of their own browser.
	own := env.browser()
	own.client = "192.0.2.99"
	if rec := own.signIn("dana@coaching.example.net", testPassword); rec.Code != http.StatusSeeOther {
		t.Fatalf("the coach, from their own browser, after a stranger's failures: %d", rec.Code)
	}
	// An address without an account is limited the same way, so the limit tells nothing.
	for range threesixty.SignInFailuresPerAddressAndClient {
		b.signIn("nobody@coaching.example.net", "guess")
	}
	if rec := b.signIn("nobody@coaching.example.net", "guess"); rec.Code != http.StatusTooManyRequests {
		t.Errorf("an address without an account after %d failures: %d", threesixty.SignInFailuresPerAddressAndClient, rec.Code)
	}
	// The window over, the right password signs in and clears the address's failures.
	env.Exec(`UPDATE sign_in_failures SET at = at - interval '16 minutes'`)
	if rec := b.signIn("dana@coaching.example.net", testPassword); rec.Code != http.StatusSeeOther {
		t.Fatalf("after the window: %d", rec.Code)
	}

	// Guesses at one address from many clients are limited too, if later.
	for i := range threesixty.SignInFailuresPerAddress {
		spread := env.browser()
		spread.client = fmt.Sprintf("198.18.%d.%d", i/250, i%250)
		spread.signIn("dana@coaching.example.net", "guess")
	}
	if rec := own.signIn("dana@coaching.example.net", testPassword); rec.Code != http.StatusTooManyRequests {
		t.Errorf("an address after %d failures from everywhere: %d", threesixty.SignInFailuresPerAddress, rec.Code)
	}

	// One client trying many addresses is limited too.
	spray := env.browser()
	spray.client = "192.0.2.200"
	for i := range threesixty.SignInFailuresPerClient {
		spray.signIn(fmt.Sprintf("user%d@example.com", i), "guess")
	}
	if rec := spray.signIn("olu@coaching.example.net", testPassword); rec.Code != http.StatusTooManyRequests {
		t.Errorf("a client after %d failures: %d", threesixty.SignInFailuresPerClient, rec.Code)
	}
}

// A coach locked out by guesses at their address gets back in by setting a new password: the
// failures counted against the address are forgotten.
func TestANewPasswordForgetsTheFailedSignIns(t *testing.T) {
	env := newEnv(t)
	coach, _ := env.coachWithPassword("dana@coaching.example.net", "Dana Coach", threesixty.RoleCoach)
	b := env.browser()
	for range threesixty.SignInFailuresPerAddressAndClient {
		b.signIn("dana@coaching.example.net", "guess")
	}
	if rec := b.signIn("dana@coaching.example.net", testPassword); rec.Code != http.StatusTooManyRequests {
		t.Fatalf("after the failures: %d", rec.Code)
	}
	if err := env.store.SetPassword(context.Background(), coach.AccountID(), "a brand new password"); err != nil {
		t.Fatal(err)
	}
	if rec := b.signIn("dana@coaching.example.net", "a brand new password"); rec.Code != http.StatusSeeOther {
		t.Errorf("the new password after a reset: %d", rec.Code)
	}
}

// A session token planted in a browser before sign-in (session fixation) is not the one the
// browser has after it, and is ended.
func TestSignInGivesANewSession(t *testing.T) {
	env := newEnv(t)
	_, first := env.coachWithPassword("dana@coaching.example.net", "Dana Coach", threesixty.RoleCoach)
	planted := first.cookies["threesixty_session"].Value
	victim := env.browser()
	victim.cookies["threesixty_session"] = &http.Cookie{Name: "threesixty_session", Value: planted}
	if rec := victim.signIn("dana@coaching.example.net", testPassword); rec.Code != http.StatusSeeOther {
		t.Fatalf("sign in: %d", rec.Code)
	}
	if got := victim.cookies["threesixty_session"].Value; got == planted {
		t.Fatal("signing in kept the session token the browser came with")
	}
	if rec := first.get("/engagements"); rec.Code != http.StatusSeeOther {
		t.Errorf("the planted session still works after the victim signed in: %d", rec.Code)
	}
}

func TestSessionCookieFlags(t *testing.T) {
	for _, base := range []string{"http://survey.test", "https://survey.test"} {
		env := newEnv(t)
		env.srv.BaseURL, _ = url.Parse(base)
		_, b := env.coachWithPassword("dana@coaching.example.net", "Dana Coach", threesixty.RoleCoach)
		name := "threesixty_session"
		if strings.HasPrefix(base, "https") {
			name = "__Host-threesixty_session"
		}
		c := b.cookies[name]
		if c == nil {
			t.Fatalf("%s: no cookie %s in %v", base, name, b.cookies)
		}
		if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != "/" || c.Domain != "" || c.Secure != strings.HasPrefix(base, "https") {
			t.Errorf("%s: cookie %+v", base, c)
		}
		if c.MaxAge != int(threesixty.SessionLifetime.Seconds()) {
			t.Errorf("%s: the cookie lasts %d s", base, c.MaxAge)
		}
	}
}

func TestSessionsEndWhenIdleOrOld(t *testing.T) {
	env := newEnv(t)
	_, b := env.coachWithPassword("dana@coaching.example.net", "Dana Coach", threesixty.RoleCoach)
	env.Exec(`UPDATE sessions SET last_seen_at = now() - interval '13 hours'`)
	if rec := b.get("/engagements"); rec.Code != http.StatusSeeOther {
		t.Errorf("a session idle 13 hours: %d", rec.Code)
	}
	_, b = env.coachWithPassword("dana2@coaching.example.net", "Dana Two", threesixty.RoleCoach)
	env.Exec(`UPDATE sessions SET expires_at = now() - interval '1 second'`)
	if rec := b.get("/engagements"); rec.Code != http.StatusSeeOther {
		t.Errorf("a session past its lifetime: %d", rec.Code)
	}
}

func TestSignOutEverywhereEndsEverySession(t *testing.T) {
	env := newEnv(t)
	_, laptop := env.coachWithPassword("dana@coaching.example.net", "Dana Coach", threesixty.RoleCoach)
	phone := env.browser()
	phone.signIn("dana@coaching.example.net", testPassword)
	_, other := env.coachWithPassword("olu@coaching.example.net", "Olu Other", threesixty.RoleCoach)
	laptop.get("/engagements")
	if rec := laptop.submit("/logout-everywhere", nil); rec.Code != http.StatusSeeOther {
		t.Fatalf("sign out everywhere: %d", rec.Code)
	}
	if rec := phone.get("/engagements"); rec.Code != http.StatusSeeOther {
		t.Errorf("the phone is still signed in: %d", rec.Code)
	}
	if rec := other.get("/engagements"); rec.Code != http.StatusOK {
		t.Errorf("another account was signed out: %d", rec.Code)
	}
}

// Every form of the dashboard needs the browser's CSRF token and, when the browser says where
// it comes from, this site.
func TestFormsRefuseCrossSiteRequests(t *testing.T) {
	env := newEnv(t)
	_, b := env.coachWithPassword("dana@coaching.example.net", "Dana Coach", threesixty.RoleCoach)
	b.get("/engagements")
	for name, rec := range map[string]func() int{
		"sign out without a token":    func() int { return b.submit("/logout", url.Values{csrfField: {""}}).Code },
		"sign out with another token": func() int { return b.submit("/logout", url.Values{csrfField: {derive("x", "csrf")}}).Code },
		"sign out from another site": func() int {
			return b.submit("/logout", nil, "Sec-Fetch-Site", "cross-site").Code
		},
		"sign in without a token": func() int {
			return env.browser().submit("/login", url.Values{"email": {"dana@coaching.example.net"}, "password": {testPassword}}).Code
		},
	} {
		if code := rec(); code != http.StatusForbidden {
			t.Errorf("%s: %d", name, code)
		}
	}
	if rec := b.get("/engagements"); rec.Code != http.StatusOK {
		t.Errorf("a refused sign-out signed out: %d", rec.Code)
	}
}

// A signed-in coach's error pages keep the dashboard around them; the 404 for what is not theirs
// reads as the 404 for what does not exist.
func TestDashboardErrorsAreDashboardPages(t *testing.T) {
	env := newEnv(t)
	_, b := env.coachWithPassword("dana@coaching.example.net", "Dana Coach", threesixty.RoleCoach)
	rec := b.get("/engagements/not-a-uuid")
	if rec.Code != http.StatusNotFound || !strings.Contains(rec.Body.String(), "There is no such page") ||
		!strings.Contains(rec.Body.String(), `action="/logout"`) {
		t.Errorf("a page that does not exist: %d\n%s", rec.Code, rec.Body.String())
	}
}
