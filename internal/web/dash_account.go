package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
)

// accountPages registers the pages of one's own account, and those that set a password from an
// emailed link, for a browser not signed in.
func (s *Server) accountPages(e *echo.Echo, signedOut, app []echo.MiddlewareFunc) {
	e.GET("/account", s.showAccount, app...)
	e.POST("/account/password", s.changePassword, app...)
	e.POST("/account/tokens", s.createToken, app...)
	e.GET("/account/tokens/:token/revoke", s.askRevokeToken, app...)
	e.POST("/account/tokens/:token/revoke", s.revokeToken, app...)
	s.passwordPages(e, signedOut)
}

// accountPage is one's own account: who, the password, the API tokens.
type accountPage struct {
	frame
	Tokens []threesixty.APIToken
	// Problems are the password form's, or the token form's, when one was sent back.
	Problems  formProblems
	TokenName string
}

func (s *Server) accountPageFor(c echo.Context) (accountPage, error) {
	tokens, err := s.Store.APITokens(c.Request().Context(), actorOf(c).AccountID())
	return accountPage{frame: s.frameFor(c, "Your account", "account"), Tokens: tokens}, err
}

func (s *Server) showAccount(c echo.Context) error {
	page, err := s.accountPageFor(c)
	if err != nil {
		return err
	}
	return c.Render(http.StatusOK, "app/account", page)
}

// changePassword changes the password after checking the current one. Setting a password ends
// every session of the account, so this browser gets a new one, and is told that the others
// were signed out.
func (s *Server) changePassword(c echo.Context) error {
	r := c.Request()
	current, next, again := r.PostFormValue("current_password"), r.PostFormValue("new_password"), r.PostFormValue("new_password_again")
	var err error
	switch {
	case current == "":
		err = threesixty.Invalid("no current password", []threesixty.FieldError{{Field: "current_password", Message: "Enter your current password."}})
	case next != again:
		err = threesixty.Invalid("the new passwords differ", []threesixty.FieldError{{Field: "new_password_again", Message: "The two new passwords are not the same: type the new password twice."}})
	default:
		s.hashing <- struct{}{}
		var session *threesixty.Session
		session, err = s.Store.ChangePassword(r.Context(), actorOf(c).Account, threesixty.PasswordChange{Current: current, New: next, Client: c.RealIP()})
		<-s.hashing
		if err == nil {
			c.SetCookie(s.cookie(s.sessionCookie(), session.Token, int(threesixty.SessionLifetime.Seconds())))
			return s.redirectWith(c, "/account", "Your password is changed. You were signed out on every other browser and device; this one stays signed in.")
		}
	}
	switch threesixty.ErrorCode(err) {
	case threesixty.EINVALID, threesixty.ELIMITED:
	default:
		return err
	}
	page, lerr := s.accountPageFor(c)
	if lerr != nil {
		return lerr
	}
	page.Problems = problemsOf(err, "current_password")
	page.Title = "Not changed: " + page.Title
	return c.Render(statusOf(threesixty.ErrorCode(err)), "app/account", page)
}

// newTokenPage shows a new API token, this once.
type newTokenPage struct {
	frame
	Token string
	Name  string
}

// createToken makes an API token and shows it on the page that answers, the one time it is
// shown: it is not kept anywhere it could be shown from again.
func (s *Server) createToken(c echo.Context) error {
	name := strings.TrimSpace(c.Request().PostFormValue("name"))
	token, listed, err := s.Store.CreateAPIToken(c.Request().Context(), actorOf(c).AccountID(), name)
	if err != nil {
		if threesixty.ErrorCode(err) != threesixty.EINVALID {
			return err
		}
		page, lerr := s.accountPageFor(c)
		if lerr != nil {
			return lerr
		}
		page.Problems = problemsOf(err, "token_name")
		page.TokenName = name
		page.Title = "Not created: " + page.Title
		return c.Render(http.StatusUnprocessableEntity, "app/account", page)
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.Render(http.StatusOK, "app/account_token", newTokenPage{
		frame: s.frameFor(c, "Your new API token", "account"), Token: token, Name: listed.Name,
	})
}

// revokeTokenPage asks to confirm revoking a token.
type revokeTokenPage struct {
	frame
	Token threesixty.APIToken
}

// ownToken finds one of the signed-in account's tokens; ENOTFOUND for any other.
func (s *Server) ownToken(c echo.Context) (*threesixty.APIToken, error) {
	tokens, err := s.Store.APITokens(c.Request().Context(), actorOf(c).AccountID())
	if err != nil {
		return nil, err
	}
	for _, t := range tokens {
		if t.ID == c.Param("token") {
			return &t, nil
		}
	}
	return nil, threesixty.Errorf(threesixty.ENOTFOUND, "there is no such token")
}

func (s *Server) askRevokeToken(c echo.Context) error {
	t, err := s.ownToken(c)
	if err != nil {
		return err
	}
	return c.Render(http.StatusOK, "app/account_revoke", revokeTokenPage{frame: s.frameFor(c, "Revoke the token "+t.Name, "account"), Token: *t})
}

func (s *Server) revokeToken(c echo.Context) error {
	t, err := s.ownToken(c)
	if err != nil {
		return err
	}
	if err := s.Store.RevokeAPIToken(c.Request().Context(), actorOf(c).AccountID(), t.ID); err != nil {
		return err
	}
	return s.redirectWith(c, "/account", "The token “"+t.Name+"” is revoked: whatever used it can no longer reach the API.")
}
