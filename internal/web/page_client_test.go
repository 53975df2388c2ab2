package web

import (
	"context"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"

	"threesixty/internal/threesixty"
)

// pageClient is a browser, as far as the dashboard can tell: it keeps the cookies it is given,
// sends them back, and sends each form with the CSRF token of the page it was last shown.
type pageClient struct {
	env     *testEnv
	cookies map[string]*http.Cookie
	csrf    string // from the last page shown
	client  string // the address it connects from
}

func (env *testEnv) browser() *pageClient {
	return &pageClient{env: env, cookies: map[string]*http.Cookie{}, client: "192.0.2.10"}
}

var csrfInput = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

// send sends a request with the client's cookies and keeps the cookies and CSRF token answered.
func (b *pageClient) send(method, path, contentType, body string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	req.RemoteAddr = b.client + ":40000"
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for _, c := range b.cookies {
		req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	b.env.e.ServeHTTP(rec, req)
	for _, c := range rec.Result().Cookies() {
		if c.MaxAge < 0 {
			delete(b.cookies, c.Name)
		} else {
			b.cookies[c.Name] = c
		}
	}
	if m := csrfInput.FindStringSubmatch(rec.Body.String()); m != nil {
		b.csrf = html.UnescapeString(m[1])
	}
	return rec
}

// get opens a page.
func (b *pageClient) get(path string) *httptest.ResponseRecorder { return b.send("GET", path, "", "") }

// submit sends a form as the page last shown would, with its CSRF token.
func (b *pageClient) submit(path string, form url.Values, header ...string) *httptest.ResponseRecorder {
	if form == nil {
		form = url.Values{}
	}
	if _, set := form[csrfField]; !set {
		form.Set(csrfField, b.csrf)
	}
	return b.send("POST", path, "application/x-www-form-urlencoded", form.Encode(), header...)
}

// signIn signs the client in with email and password, from the sign-in page.
func (b *pageClient) signIn(email, password string) *httptest.ResponseRecorder {
	b.get("/login")
	return b.submit("/login", url.Values{"email": {email}, "password": {password}})
}

// coachWithPassword makes an account that signs in with a password, and a client signed in as it.
func (env *testEnv) coachWithPassword(email, name string, role threesixty.Role) (threesixty.Actor, *pageClient) {
	env.t.Helper()
	actor, _ := env.account(email, name, role)
	if err := env.store.SetPassword(context.Background(), actor.AccountID(), testPassword); err != nil {
		env.t.Fatal(err)
	}
	b := env.browser()
	rec := b.signIn(email, testPassword)
	if rec.Code != http.StatusSeeOther {
		env.t.Fatalf("signing in as %s: %d %s", email, rec.Code, rec.Body.String())
	}
	return actor, b
}

// testPassword is every test account's password.
const testPassword = "correct horse battery"

// location is where a redirect leads, as a path.
func location(rec *httptest.ResponseRecorder) string {
	u, err := url.Parse(rec.Header().Get("Location"))
	if err != nil {
		return ""
	}
	return u.RequestURI()
}
