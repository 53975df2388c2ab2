package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
)

// signInPage is the page where coaches and admins sign in.
type signInPage struct {
	frame
	Email string
	Next  string
	// Problem is why the last attempt failed, one message for every reason.
	Problem string
}

// home sends a signed-in browser to the dashboard and any other to the sign-in page.
func (s *Server) home(c echo.Context) error {
	if ck, err := c.Cookie(s.sessionCookie()); err == nil && threesixty.WellFormedToken(ck.Value) {
		if _, err := s.Store.AccountBySession(c.Request().Context(), ck.Value); err == nil {
			return c.Redirect(http.StatusSeeOther, "/engagements")
		}
	}
	return c.Redirect(http.StatusSeeOther, "/login")
}

func (s *Server) showSignIn(c echo.Context) error {
	return c.Render(http.StatusOK, "app/sign_in", signInPage{
		frame: s.frameFor(c, "Sign in", ""),
		Next:  localPath(c.QueryParam("next")),
	})
}

// signIn checks an email and password and, when they match an active account, starts a new
// session: a new token in a new cookie whatever the browser held before, so that a session id
// planted before signing in is worth nothing after.
func (s *Server) signIn(c echo.Context) error {
	email := strings.TrimSpace(c.Request().PostFormValue("email"))
	password := c.Request().PostFormValue("password")
	next := localPath(c.Request().PostFormValue("next"))
	fail := func(status int, problem string) error {
		return c.Render(status, "app/sign_in", signInPage{
			frame: s.frameFor(c, "Sign in", ""), Email: email, Next: next, Problem: problem,
		})
	}
	if email == "" || password == "" {
		return fail(http.StatusUnprocessableEntity, "Enter your email address and your password.")
	}
	s.hashing <- struct{}{}
	session, err := s.Store.SignIn(c.Request().Context(), threesixty.SignIn{Email: email, Password: password, Client: c.RealIP()})
	<-s.hashing
	if err != nil {
		switch te := toError(err); te.Code {
		case threesixty.EUNAUTH, threesixty.ELIMITED:
			return fail(statusOf(te.Code), sentence(te.Message))
		default:
			return err
		}
	}
	if old, err := c.Cookie(s.sessionCookie()); err == nil && threesixty.WellFormedToken(old.Value) {
		if err := s.Store.EndSession(c.Request().Context(), old.Value); err != nil {
			return err
		}
	}
	c.SetCookie(s.cookie(s.sessionCookie(), session.Token, int(threesixty.SessionLifetime.Seconds())))
	return s.redirectWith(c, next, "Signed in as "+session.Account.Name+".")
}

// signOut ends this browser's session.
func (s *Server) signOut(c echo.Context) error {
	if err := s.Store.EndSession(c.Request().Context(), c.Get(sessionTokenKey).(string)); err != nil {
		return err
	}
	c.SetCookie(s.cookie(s.sessionCookie(), "", -1))
	return s.redirectWith(c, "/login", "You have signed out.")
}

// signOutEverywhere ends every session of the account, this browser's included: for a
// computer left signed in somewhere else.
func (s *Server) signOutEverywhere(c echo.Context) error {
	if err := s.Store.EndSessions(c.Request().Context(), actorOf(c).AccountID()); err != nil {
		return err
	}
	c.SetCookie(s.cookie(s.sessionCookie(), "", -1))
	return s.redirectWith(c, "/login", "You have signed out on every browser and device.")
}
