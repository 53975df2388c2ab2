package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"threesixty/internal/mail"
	"threesixty/internal/outbox"
	"threesixty/internal/postgres"
	"threesixty/internal/threesixty"
)

// accountPageRequests are the page routes of dash_account.go, for TestEveryPageHidesWhatIsNotYours.
var accountPageRequests = map[string]pageRequest{
	"GET /account": {},
	"POST /account/password": {form: url.Values{"current_password": {"not the password at all"},
		"new_password": {"a brand new password"}, "new_password_again": {"a brand new password"}}},
	"POST /account/tokens":               {form: url.Values{"name": {"Walk"}}},
	"GET /account/tokens/:token/revoke":  {names: true},
	"POST /account/tokens/:token/revoke": {names: true},
	"GET /password/forgot":               {},
	"POST /password/forgot":              {form: url.Values{"email": {"coach@coaching.example.net"}}},
	"GET /password/:token":               {},
	"POST /password/:token":              {form: url.Values{"password": {"a brand new password"}, "password_again": {"a brand new password"}}},
}

// drainMail sends every queued message into the kept mailbox, as the service without SMTP does,
// and returns the kept messages, newest first.
func (env *testEnv) drainMail() []threesixty.KeptMessage {
	env.t.Helper()
	composer, err := mail.NewComposer(env.srv.BaseURL)
	if err != nil {
		env.t.Fatal(err)
	}
	w := &outbox.Worker{Store: env.store, Composer: composer, Sender: &postgres.KeptMail{Store: env.store}, Log: env.srv.Log}
	if _, err := w.Drain(context.Background()); err != nil {
		env.t.Fatal(err)
	}
	kept, err := env.store.Mailbox(context.Background(), 100)
	if err != nil {
		env.t.Fatal(err)
	}
	return kept
}

var passwordLinkPattern = regexp.MustCompile(`http://[^/\s]+/password/([A-Za-z0-9_-]{43})`)

// passwordLinkTo is the token of the password link in the newest message to email.
func passwordLinkTo(t *testing.T, kept []threesixty.KeptMessage, email string) string {
	t.Helper()
	for _, m := range kept {
		if m.Recipient == email {
			if found := passwordLinkPattern.FindStringSubmatch(m.Text); found != nil {
				if !strings.Contains(m.HTML, found[0]) {
					t.Errorf("the HTML part lacks the link of the text part")
				}
				return found[1]
			}
		}
	}
	t.Fatalf("no password link to %s", email)
	return ""
}

func TestTheAccountPageShowsWhoIsSignedIn(t *testing.T) {
	env := newEnv(t)
	_, b := env.coachWithPassword("dana@coaching.example.net", "Dana Coach", threesixty.RoleCoach)
	rec := b.get("/account")
	expectStatus(t, rec, http.StatusOK)
	body := rec.Body.String()
	for _, want := range []string{"Dana Coach", "dana@coaching.example.net", "Coach: sees the engagements they run",
		"First token", `action="/logout-everywhere"`, `autocomplete="current-password"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the account page lacks %q", want)
		}
	}
	if strings.Contains(body, "Casey Coach") {
		t.Error("the account page shows another account")
	}
}

func TestChangingThePasswordSignsOutEveryOtherBrowser(t *testing.T) {
	env := newEnv(t)
	_, b := env.coachWithPassword("dana@coaching.example.net", "Dana Coach", threesixty.RoleCoach)
	elsewhere := env.browser()
	expectStatus(t, elsewhere.signIn("dana@coaching.example.net", testPassword), http.StatusSeeOther)

	b.get("/account")
	rec := b.submit("/account/password", url.Values{"current_password": {"not my password"},
		"new_password": {"a new long password"}, "new_password_again": {"a new long password"}})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	body := rec.Body.String()
	if !strings.Contains(body, "This is not your current password.") || !strings.Contains(body, `id="current_password-problem"`) ||
		!regexp.MustCompile(`id="current_password"[^>]*aria-invalid="true"`).MatchString(body) || !strings.Contains(body, `href="#current_password"`) {
		t.Errorf("a wrong current password is not shown next to its field:\n%s", body)
	}

	rec = b.submit("/account/password", url.Values{"current_password": {testPassword},
		"new_password": {"a new long password"}, "new_password_again": {"another long password"}})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	if !strings.Contains(rec.Body.String(), `id="new_password_again-problem"`) {
		t.Error("two different new passwords are not shown on the second field")
	}
	rec = b.submit("/account/password", url.Values{"current_password": {testPassword},
		"new_password": {"short"}, "new_password_again": {"short"}})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	if !strings.Contains(rec.Body.String(), "A password needs at least 10 characters.") {
		t.Errorf("a short password is not refused by its rule:\n%s", rec.Body.String())
	}

	rec = b.submit("/account/password", url.Values{"current_password": {testPassword},
		"new_password": {"a new long password"}, "new_password_again": {"a new long password"}})
	expectStatus(t, rec, http.StatusSeeOther)
	if location(rec) != "/account" {
		t.Errorf("a changed password leads to %s", location(rec))
	}
	rec = b.get("/account")
	expectStatus(t, rec, http.StatusOK)
	if !strings.Contains(rec.Body.String(), "signed out on every other browser and device; this one stays signed in") {
		t.Error("the change is not said")
	}
	if rec := elsewhere.get("/account"); rec.Code != http.StatusSeeOther || !strings.HasPrefix(location(rec), "/login") {
		t.Errorf("the other browser is still signed in: %d", rec.Code)
	}
	if rec := env.browser().signIn("dana@coaching.example.net", testPassword); rec.Code == http.StatusSeeOther {
		t.Error("the old password still signs in")
	}
	expectStatus(t, env.browser().signIn("dana@coaching.example.net", "a new long password"), http.StatusSeeOther)
}

func TestWrongCurrentPasswordsAreLimitedLikeSignIn(t *testing.T) {
	env := newEnv(t)
	_, b := env.coachWithPassword("dana@coaching.example.net", "Dana Coach", threesixty.RoleCoach)
	b.get("/account")
	wrong := url.Values{"current_password": {"not my password"}, "new_password": {"a new long password"}, "new_password_again": {"a new long password"}}
	for range threesixty.SignInFailuresPerAddressAndClient {
		expectStatus(t, b.submit("/account/password", wrong), http.StatusUnprocessableEntity)
	}
	right := url.Values{"current_password": {testPassword}, "new_password": {"a new long password"}, "new_password_again": {"a new long password"}}
	rec := b.submit("/account/password", right)
	expectStatus(t, rec, http.StatusTooManyRequests)
	if !strings.Contains(rec.Body.String(), "Too many wrong passwords: wait 15 minutes") {
		t.Errorf("the limit is not said:\n%s", rec.Body.String())
	}
}

func TestAnAPITokenIsShownOnceWorksAndIsRevoked(t *testing.T) {
	env := newEnv(t)
	_, b := env.coachWithPassword("dana@coaching.example.net", "Dana Coach", threesixty.RoleCoach)
	b.get("/account")
	rec := b.submit("/account/tokens", url.Values{"name": {""}})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	if !strings.Contains(rec.Body.String(), `id="token_name-problem"`) {
		t.Error("a token without a name is not refused at its field")
	}
	rec = b.submit("/account/tokens", url.Values{"name": {"CRM sync"}})
	expectStatus(t, rec, http.StatusOK)
	if rec.Header().Get("Cache-Control") != "no-store" {
		t.Error("the page that shows a token may be cached")
	}
	m := regexp.MustCompile(`id="token" type="text" readonly value="([A-Za-z0-9_-]{43})"`).FindStringSubmatch(rec.Body.String())
	if m == nil || !strings.Contains(rec.Body.String(), "it will not be shown again") {
		t.Fatalf("the new token is not shown once, plainly:\n%s", rec.Body.String())
	}
	token := m[1]
	api := func() int {
		return env.do("GET", "/api/v1/engagements", "", "", "Authorization", "Bearer "+token).Code
	}
	if code := api(); code != http.StatusOK {
		t.Fatalf("the new token is refused by the API: %d", code)
	}
	page := b.get("/account").Body.String()
	if !strings.Contains(page, "CRM sync") || strings.Contains(page, token) {
		t.Error("the account page does not list the token by name alone")
	}
	var stored int
	env.Get(&stored, "SELECT count(*) FROM api_tokens WHERE token_hash = sha256(convert_to($1, 'UTF8'))", token)
	if stored != 1 {
		t.Errorf("the token is not stored as its hash: %d rows", stored)
	}
	tokens, err := env.store.APITokens(context.Background(), mustAccountID(t, env, "dana@coaching.example.net"))
	if err != nil {
		t.Fatal(err)
	}
	var id string
	for _, tk := range tokens {
		if tk.Name == "CRM sync" {
			id = tk.ID
		}
	}
	rec = b.get("/account/tokens/" + id + "/revoke")
	expectStatus(t, rec, http.StatusOK)
	if !strings.Contains(rec.Body.String(), "cannot be undone") {
		t.Error("the confirmation does not say what cannot be undone")
	}
	rec = b.submit("/account/tokens/"+id+"/revoke", nil)
	expectStatus(t, rec, http.StatusSeeOther)
	if code := api(); code != http.StatusUnauthorized {
		t.Errorf("a revoked token still reaches the API: %d", code)
	}
	if page := b.get("/account").Body.String(); strings.Contains(page, "CRM sync</th>") || !strings.Contains(page, "is revoked") {
		t.Error("the revoked token is still listed, or the revocation is not said")
	}
}

func mustAccountID(t *testing.T, env *testEnv, email string) string {
	t.Helper()
	var id string
	env.Get(&id, "SELECT CAST(id AS text) FROM accounts WHERE email = $1", email)
	return id
}

// normalised is a page with what differs by design between two requests taken out: the address
// typed and the CSRF token.
func normalised(body, email string) string {
	body = strings.ReplaceAll(body, email, "EMAIL")
	return csrfInput.ReplaceAllString(body, "CSRF")
}

func TestForgotPasswordAnswersTheSameForEveryAddress(t *testing.T) {
	env := newEnv(t)
	env.coachWithPassword("dana@coaching.example.net", "Dana Coach", threesixty.RoleCoach)
	b := env.browser()
	b.get("/password/forgot")
	known := b.submit("/password/forgot", url.Values{"email": {"Dana@Coaching.example.net"}})
	b.get("/password/forgot")
	unknown := b.submit("/password/forgot", url.Values{"email": {"nobody@coaching.example.net"}})
	if known.Code != http.StatusOK || unknown.Code != known.Code {
		t.Fatalf("statuses differ or fail: %d and %d", known.Code, unknown.Code)
	}
	if a, b := normalised(known.Body.String(), "Dana@Coaching.example.net"), normalised(unknown.Body.String(), "nobody@coaching.example.net"); a != b {
		t.Errorf("the answers differ:\n%s\n---\n%s", a, b)
	}
	if !strings.Contains(known.Body.String(), "If an account has the address") || !strings.Contains(known.Body.String(), "it works once, for an hour") {
		t.Errorf("the answer does not say what happens:\n%s", known.Body.String())
	}
	kept := env.drainMail()
	if len(kept) != 1 || kept[0].Recipient != "dana@coaching.example.net" || kept[0].Purpose != threesixty.PurposePasswordReset {
		t.Fatalf("want one reset message to the account, got %+v", kept)
	}
	token := passwordLinkTo(t, kept, "dana@coaching.example.net")
	if !strings.Contains(kept[0].Text, "works once, for 1 hour") {
		t.Errorf("the message does not say how long the link works:\n%s", kept[0].Text)
	}

	// The link's token is kept only as its hash, and never logged.
	var plain, hashed int
	env.Get(&plain, "SELECT count(*) FROM password_links WHERE position(convert_to($1, 'UTF8') IN token_hash) > 0", token)
	env.Get(&hashed, "SELECT count(*) FROM password_links WHERE token_hash = sha256(convert_to($1, 'UTF8')) AND purpose = 'reset' AND expires_at < now() + interval '61 minutes'", token)
	if plain != 0 || hashed != 1 {
		t.Errorf("password_links holds the token plain (%d) or not its hash (%d)", plain, hashed)
	}
	var inOutbox int
	env.Get(&inOutbox, "SELECT count(*) FROM outbox WHERE strpos(CAST(outbox AS text), $1) > 0", token)
	if inOutbox != 0 {
		t.Error("the outbox holds the token")
	}

	signedIn := env.browser()
	expectStatus(t, signedIn.signIn("dana@coaching.example.net", testPassword), http.StatusSeeOther)
	link := "/password/" + token
	rec := b.get(link)
	expectStatus(t, rec, http.StatusOK)
	if !strings.Contains(rec.Body.String(), "Set a new password") || !strings.Contains(rec.Body.String(), "Dana Coach") {
		t.Errorf("the link's page does not say whose password it sets:\n%s", rec.Body.String())
	}
	rec = b.submit(link, url.Values{"password": {"a fresh password"}, "password_again": {"a different one"}})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	if !strings.Contains(rec.Body.String(), `id="password_again-problem"`) {
		t.Error("two different passwords are not refused at the second field")
	}
	rec = b.submit(link, url.Values{"password": {"a fresh password"}, "password_again": {"a fresh password"}})
	expectStatus(t, rec, http.StatusSeeOther)
	if location(rec) != "/login" {
		t.Errorf("a set password leads to %s", location(rec))
	}
	if rec := b.get("/login"); !strings.Contains(rec.Body.String(), "Your password is set") {
		t.Error("the sign-in page does not say the password is set")
	}
	if rec := signedIn.get("/account"); rec.Code != http.StatusSeeOther {
		t.Error("a session from before the reset is still signed in")
	}
	expectStatus(t, env.browser().signIn("dana@coaching.example.net", "a fresh password"), http.StatusSeeOther)

	// Once used, the link is gone, as an unknown one is.
	used := b.get(link)
	unknownLink := b.get("/password/" + strings.Repeat("A", 43))
	if used.Code != http.StatusNotFound || unknownLink.Code != http.StatusNotFound ||
		normalised(used.Body.String(), "") != normalised(unknownLink.Body.String(), "") || !strings.Contains(used.Body.String(), "Email me a new link") {
		t.Errorf("a used link is not refused like an unknown one: %d %d\n%s", used.Code, unknownLink.Code, used.Body.String())
	}
	b.get("/password/forgot")
	if rec := b.submit(link, url.Values{"password": {"yet another password"}, "password_again": {"yet another password"}}); rec.Code != http.StatusNotFound {
		t.Errorf("a used link sets a password again: %d", rec.Code)
	}
	if strings.Contains(env.logged.String(), token) {
		t.Error("the link's token is in the log")
	}
	if !strings.Contains(env.logged.String(), "/password/[token]") {
		t.Error("the requests of the link are not logged with the token hidden")
	}
}

func TestAnExpiredPasswordLinkIsRefused(t *testing.T) {
	env := newEnv(t)
	env.coachWithPassword("dana@coaching.example.net", "Dana Coach", threesixty.RoleCoach)
	if err := env.store.RequestPasswordReset(context.Background(), "dana@coaching.example.net", "192.0.2.1"); err != nil {
		t.Fatal(err)
	}
	token := passwordLinkTo(t, env.drainMail(), "dana@coaching.example.net")
	env.Exec("UPDATE password_links SET expires_at = now() - interval '1 second'")
	b := env.browser()
	rec := b.get("/password/" + token)
	expectStatus(t, rec, http.StatusNotFound)
	if !strings.Contains(rec.Body.String(), "This link does not work") {
		t.Errorf("an expired link is not explained:\n%s", rec.Body.String())
	}
	b.get("/password/forgot")
	expectStatus(t, b.submit("/password/"+token, url.Values{"password": {"a fresh password"}, "password_again": {"a fresh password"}}), http.StatusNotFound)
}

func TestResetLinksAreLimitedPerAddressWithoutSaying(t *testing.T) {
	env := newEnv(t)
	env.coachWithPassword("dana@coaching.example.net", "Dana Coach", threesixty.RoleCoach)
	b := env.browser()
	var first string
	for i := range threesixty.PasswordRequestsPerAddress + 2 {
		b.get("/password/forgot")
		rec := b.submit("/password/forgot", url.Values{"email": {"dana@coaching.example.net"}})
		expectStatus(t, rec, http.StatusOK)
		if i == 0 {
			first = normalised(rec.Body.String(), "")
		} else if normalised(rec.Body.String(), "") != first {
			t.Errorf("request %d answers otherwise", i+1)
		}
	}
	if kept := env.drainMail(); len(kept) != threesixty.PasswordRequestsPerAddress {
		t.Errorf("%d reset messages sent, want %d", len(kept), threesixty.PasswordRequestsPerAddress)
	}
}

// A reset link asked for and left unused stops working once the password is changed another way:
// whoever asked for it with a stolen mailbox in mind gets nothing from it afterwards.
func TestChangingThePasswordEndsUnusedResetLinks(t *testing.T) {
	env := newEnv(t)
	_, b := env.coachWithPassword("dana@coaching.example.net", "Dana Coach", threesixty.RoleCoach)
	anon := env.browser()
	anon.get("/password/forgot")
	anon.submit("/password/forgot", url.Values{"email": {"dana@coaching.example.net"}})
	token := passwordLinkTo(t, env.drainMail(), "dana@coaching.example.net")
	expectStatus(t, env.browser().get("/password/"+token), http.StatusOK)

	b.get("/account")
	rec := b.submit("/account/password", url.Values{"current_password": {testPassword},
		"new_password": {"a new long password"}, "new_password_again": {"a new long password"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("changing the password: %d", rec.Code)
	}
	if rec := env.browser().get("/password/" + token); rec.Code == http.StatusOK {
		t.Error("the reset link still works after the password was changed")
	}
}
