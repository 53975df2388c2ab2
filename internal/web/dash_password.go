package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
)

// passwordPages registers the pages that set a password without signing in: asking for a reset
// link, and the emailed link itself. A link's token is in the path as :token, which the logs
// never show (see loggedPath).
func (s *Server) passwordPages(e *echo.Echo, signedOut []echo.MiddlewareFunc) {
	e.GET("/password/forgot", s.showForgotPassword, signedOut...)
	e.POST("/password/forgot", s.forgotPassword, signedOut...)
	e.GET("/password/:token", s.showSetPassword, signedOut...)
	e.POST("/password/:token", s.setPassword, signedOut...)
}

// forgotPasswordPage asks for the address a reset link goes to, and, once asked, says the one
// thing it says whatever the address.
type forgotPasswordPage struct {
	frame
	Email    string
	Sent     bool
	Problems formProblems
}

func (s *Server) showForgotPassword(c echo.Context) error {
	return c.Render(http.StatusOK, "app/password_forgot", forgotPasswordPage{frame: s.frameFor(c, "Forgot your password?", "")})
}

// forgotPassword queues a reset link when an account has the address, and answers the same
// whether or not one does, and whether or not the limits let a link go: the request only
// queues work, which the outbox does later.
func (s *Server) forgotPassword(c echo.Context) error {
	email := strings.TrimSpace(c.Request().PostFormValue("email"))
	page := forgotPasswordPage{frame: s.frameFor(c, "Forgot your password?", ""), Email: email}
	if !threesixty.ValidEmail(email) {
		page.Problems = formProblems{List: []threesixty.FieldError{{Field: "email", Message: "Enter the email address you sign in with, like name@example.com."}}}
		page.Title = "Not sent: " + page.Title
		return c.Render(http.StatusUnprocessableEntity, "app/password_forgot", page)
	}
	if err := s.Store.RequestPasswordReset(c.Request().Context(), email, c.RealIP()); err != nil {
		return err
	}
	page.Sent = true
	page.Title = "Check your email"
	return c.Render(http.StatusOK, "app/password_forgot", page)
}

// setPasswordPage is an emailed link's form: a new password, twice.
type setPasswordPage struct {
	frame
	Link     *threesixty.PasswordLink
	Problems formProblems
}

// passwordLink finds what the request's link opens. A link that cannot be used, whatever the
// reason, and a client over the guess limit, get a page and no lookup result.
func (s *Server) passwordLink(c echo.Context) (*threesixty.PasswordLink, bool, error) {
	var link *threesixty.PasswordLink
	_, found, err := s.findLinkWith(c, func(ctx context.Context, token string) error {
		var err error
		link, err = s.Store.PasswordLink(ctx, token)
		return err
	}, func() error {
		c.Response().Header().Set("Cache-Control", "no-store")
		return c.Render(http.StatusNotFound, "app/password_gone", setPasswordPage{frame: s.frameFor(c, "This link does not work", "")})
	})
	return link, found, err
}

func (s *Server) showSetPassword(c echo.Context) error {
	link, found, err := s.passwordLink(c)
	if !found {
		return err
	}
	return c.Render(http.StatusOK, "app/password_set", setPasswordPage{frame: s.frameFor(c, titleOf(link), ""), Link: link})
}

// setPassword sets the password from a link, once, and sends the browser to sign in with it.
func (s *Server) setPassword(c echo.Context) error {
	link, found, err := s.passwordLink(c)
	if !found {
		return err
	}
	password, again := c.Request().PostFormValue("password"), c.Request().PostFormValue("password_again")
	if password != again {
		err = threesixty.Invalid("the passwords differ", []threesixty.FieldError{{Field: "password_again", Message: "The two passwords are not the same: type the new password twice."}})
	} else {
		s.hashing <- struct{}{}
		_, err = s.Store.UsePasswordLink(c.Request().Context(), c.Param("token"), password)
		<-s.hashing
		if err == nil {
			if ck, cerr := c.Cookie(s.sessionCookie()); cerr == nil {
				c.SetCookie(s.cookie(ck.Name, "", -1)) // its session ended with the others
			}
			return s.redirectWith(c, "/login", "Your password is set. Sign in with it; any browser that was signed in to your account has been signed out.")
		}
	}
	switch threesixty.ErrorCode(err) {
	case threesixty.EINVALID:
	case threesixty.ENOTFOUND: // used by another request meanwhile
		return c.Render(http.StatusNotFound, "app/password_gone", setPasswordPage{frame: s.frameFor(c, "This link does not work", "")})
	default:
		return err
	}
	page := setPasswordPage{frame: s.frameFor(c, "Not set: "+titleOf(link), ""), Link: link, Problems: problemsOf(err, "password")}
	return c.Render(http.StatusUnprocessableEntity, "app/password_set", page)
}

func titleOf(link *threesixty.PasswordLink) string {
	if link.Purpose == threesixty.PasswordSetup {
		return "Set your password"
	}
	return "Set a new password"
}
