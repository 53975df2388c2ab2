package web

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
)

// sessionTokenKey is where requireSession leaves the session's token, from which the forms'
// CSRF token is derived and with which signing out ends the session.
const sessionTokenKey = "threesixty.session"

// formCookie holds a random value for the forms of a browser that is not signed in (signing in,
// asking for a password link), so that they too carry a token another site cannot know.
const formCookie = "threesixty_form"

// csrfField is the name of every form's hidden CSRF token.
const csrfField = "csrf_token"

// sessionCookie is the name of the cookie that holds a session's token. Over HTTPS it has the
// __Host- prefix, which browsers accept only from this host, over HTTPS, for the whole site: no
// subdomain can plant one.
func (s *Server) sessionCookie() string {
	if s.secureCookies() {
		return "__Host-threesixty_session"
	}
	return "threesixty_session"
}

func (s *Server) secureCookies() bool { return s.BaseURL.Scheme == "https" }

// cookie is a cookie as this service sets every one: the whole site, never readable by script,
// not sent with another site's requests but with links followed to it, Secure over HTTPS.
func (s *Server) cookie(name, value string, maxAge int) *http.Cookie {
	return &http.Cookie{Name: name, Value: value, Path: "/", MaxAge: maxAge, HttpOnly: true,
		Secure: s.secureCookies(), SameSite: http.SameSiteLaxMode}
}

// requireSession lets a page request through only from a signed-in browser, and puts its
// account, as the actor, on the context. A browser that is not signed in is sent to sign in, and
// back here afterwards.
func (s *Server) requireSession(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		ck, err := c.Cookie(s.sessionCookie())
		if err == nil && threesixty.WellFormedToken(ck.Value) {
			account, err := s.Store.AccountBySession(c.Request().Context(), ck.Value)
			if err == nil {
				c.Set(actorKey, threesixty.AccountActor(account))
				c.Set(sessionTokenKey, ck.Value)
				return next(c)
			}
			if threesixty.ErrorCode(err) != threesixty.EUNAUTH {
				return err
			}
		}
		target := "/login"
		if r := c.Request(); r.Method == http.MethodGet && r.URL.Path != "/" {
			target += "?next=" + url.QueryEscape(r.URL.RequestURI())
		}
		return c.Redirect(http.StatusSeeOther, target)
	}
}

// requireAdmin answers 404, as for a page that does not exist, to anyone but an admin.
func requireAdmin(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if actorOf(c).Role() != threesixty.RoleAdmin {
			return threesixty.Errorf(threesixty.ENOTFOUND, "there is no such page")
		}
		return next(c)
	}
}

// csrfToken is the token this browser's forms carry: derived from the session's token when
// signed in, from the form cookie otherwise, which it sets when the browser has none yet.
func (s *Server) csrfToken(c echo.Context) string {
	if session, ok := c.Get(sessionTokenKey).(string); ok {
		return derive(session, "csrf")
	}
	if ck, err := c.Cookie(formCookie); err == nil && threesixty.WellFormedToken(ck.Value) {
		return derive(ck.Value, "csrf")
	}
	value, _ := threesixty.NewToken()
	c.SetCookie(s.cookie(formCookie, value, 0))
	c.Set(formCookie, value)
	return derive(value, "csrf")
}

// derive is an HMAC of purpose under a secret the browser holds in an HttpOnly cookie: a page of
// another site can neither read the cookie nor compute the value.
func derive(secret, purpose string) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(purpose))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// checkForms refuses a POST to a page unless it carries this browser's CSRF token and, when the
// browser says where it comes from, comes from this site.
func (s *Server) checkForms(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		if r.Method == http.MethodGet || r.Method == http.MethodHead {
			return next(c)
		}
		if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" && site != "none" {
			return formRefused(c)
		}
		var expected string
		if session, ok := c.Get(sessionTokenKey).(string); ok {
			expected = derive(session, "csrf")
		} else if ck, err := c.Cookie(formCookie); err == nil && threesixty.WellFormedToken(ck.Value) {
			expected = derive(ck.Value, "csrf")
		}
		got := r.PostFormValue(csrfField)
		if expected == "" || subtle.ConstantTimeCompare([]byte(got), []byte(expected)) != 1 {
			return formRefused(c)
		}
		return next(c)
	}
}

func formRefused(c echo.Context) error {
	return c.Render(http.StatusForbidden, "message", messagePage{
		Title: "This form could not be accepted",
		Body:  "It was sent from another site, or from a page opened before you last signed in or out. Go back, reload the page and send the form again.",
	})
}

// localPath is where to go after signing in: a path on this site, or the dashboard. Anything
// that could lead elsewhere ("//host", "/\host", a scheme) is refused.
func localPath(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") ||
		strings.ContainsAny(next, "\r\n\t") {
		return "/engagements"
	}
	return next
}
