package web

import (
	"encoding/base64"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
)

// frame is what every page of the dashboard carries besides its own content: its title, who is
// signed in, the forms' CSRF token, the message left by the action before, and which part of the
// navigation it belongs to. Each page's data embeds it.
type frame struct {
	Title   string
	Account *threesixty.Account // nil on the pages of a browser not signed in
	CSRF    string
	Flash   string
	// Section is the navigation entry the page is under: "engagements", "account", "coaches",
	// "audit".
	Section string
}

// PageTitle is what the layout puts in <title>.
func (f frame) PageTitle() string { return f.Title }

// flashCookie carries a message from an action to the page it redirects to, once.
const flashCookie = "threesixty_flash"

// frameFor builds the frame of a page, and takes the message the action before left.
func (s *Server) frameFor(c echo.Context, title, section string) frame {
	f := frame{Title: title, CSRF: s.csrfToken(c), Section: section}
	if a, ok := c.Get(actorKey).(threesixty.Actor); ok {
		f.Account = a.Account
	}
	if ck, err := c.Cookie(flashCookie); err == nil {
		if b, err := base64.RawURLEncoding.DecodeString(ck.Value); err == nil && utf8.Valid(b) && threesixty.PlainText(string(b)) {
			f.Flash = string(b)
		}
		c.SetCookie(s.cookie(flashCookie, "", -1))
	}
	c.Response().Header().Add("Vary", "Cookie")
	return f
}

// redirectWith answers an action with a redirect to the page that shows its outcome, leaving a
// message for that page to show once (Post/Redirect/Get).
func (s *Server) redirectWith(c echo.Context, to, message string) error {
	if message != "" {
		c.SetCookie(s.cookie(flashCookie, base64.RawURLEncoding.EncodeToString([]byte(message)), 60))
	}
	return c.Redirect(http.StatusSeeOther, to)
}

// appMessagePage is a dashboard page that only says something: an error, within the navigation.
type appMessagePage struct {
	frame
	Title, Body string
}

// sentence is an error's message as a page shows it: capitalised, with a full stop.
func sentence(message string) string {
	r, size := utf8.DecodeRuneInString(message)
	if size == 0 {
		return message
	}
	s := string(unicode.ToUpper(r)) + message[size:]
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "?") && !strings.HasSuffix(s, "!") {
		s += "."
	}
	return s
}
