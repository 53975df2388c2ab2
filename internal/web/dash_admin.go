package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
)

// adminPages registers the pages only admins see: the coaches, and the audit log.
func (s *Server) adminPages(e *echo.Echo, admin []echo.MiddlewareFunc) {
	e.GET("/admin/coaches", s.showCoaches, admin...)
	e.POST("/admin/coaches", s.addCoach, admin...)
	e.POST("/admin/coaches/:account/setup-link", s.sendSetupLink, admin...)
	e.GET("/admin/coaches/:account/deactivate", s.askDeactivate, admin...)
	e.POST("/admin/coaches/:account/deactivate", s.deactivate, admin...)
	e.POST("/admin/coaches/:account/reactivate", s.reactivate, admin...)
	e.GET("/admin/audit-log", s.showAuditLog, admin...)
}

// coachesPage lists every account, with the form that adds one.
type coachesPage struct {
	frame
	Accounts []threesixty.AccountSummary
	New      threesixty.NewAccount
	Problems formProblems
}

func (s *Server) coachesPageFor(c echo.Context) (coachesPage, error) {
	accounts, err := s.Store.Accounts(c.Request().Context(), actorOf(c))
	return coachesPage{frame: s.frameFor(c, "Coaches", "coaches"), Accounts: accounts, New: threesixty.NewAccount{Role: threesixty.RoleCoach}}, err
}

func (s *Server) showCoaches(c echo.Context) error {
	page, err := s.coachesPageFor(c)
	if err != nil {
		return err
	}
	return c.Render(http.StatusOK, "app/admin_coaches", page)
}

// addCoach adds an account and sends it a set-up link.
func (s *Server) addCoach(c echo.Context) error {
	r := c.Request()
	in := threesixty.NewAccount{Name: strings.TrimSpace(r.PostFormValue("name")), Email: strings.TrimSpace(r.PostFormValue("email")),
		Role: threesixty.Role(r.PostFormValue("role"))}
	a, err := s.Store.AddAccount(r.Context(), actorOf(c), in)
	if err == nil {
		return s.redirectWith(c, "/admin/coaches", a.Name+" is added as "+roleNoun(a.Role)+". A link to set their password is on its way to "+a.Email+"; it works once, for 7 days.")
	}
	switch threesixty.ErrorCode(err) {
	case threesixty.EINVALID, threesixty.ECONFLICT:
	default:
		return err
	}
	page, lerr := s.coachesPageFor(c)
	if lerr != nil {
		return lerr
	}
	page.New, page.Problems = in, problemsOf(err, "email")
	page.Title = "Not added: " + page.Title
	return c.Render(statusOf(threesixty.ErrorCode(err)), "app/admin_coaches", page)
}

func (s *Server) sendSetupLink(c echo.Context) error {
	a, err := s.Store.SendSetupLink(c.Request().Context(), actorOf(c), c.Param("account"))
	if err != nil {
		if threesixty.ErrorCode(err) == threesixty.ECONFLICT {
			return s.redirectWith(c, "/admin/coaches", sentence(toError(err).Message))
		}
		return err
	}
	return s.redirectWith(c, "/admin/coaches", "A new link to set a password is on its way to "+a.Email+"; it works once, for 7 days.")
}

// deactivatePage asks to confirm a deactivation, saying what it does.
type deactivatePage struct {
	frame
	Account threesixty.AccountSummary
}

// accountFor finds the account of the request's :account among those the admin sees.
func (s *Server) accountFor(c echo.Context) (*threesixty.AccountSummary, error) {
	accounts, err := s.Store.Accounts(c.Request().Context(), actorOf(c))
	if err != nil {
		return nil, err
	}
	for _, a := range accounts {
		if a.ID == c.Param("account") {
			return &a, nil
		}
	}
	return nil, threesixty.Errorf(threesixty.ENOTFOUND, "account not found")
}

func (s *Server) askDeactivate(c echo.Context) error {
	a, err := s.accountFor(c)
	if err != nil {
		return err
	}
	if a.ID == actorOf(c).AccountID() || a.Deactivated != nil {
		return c.Redirect(http.StatusSeeOther, "/admin/coaches")
	}
	return c.Render(http.StatusOK, "app/admin_deactivate", deactivatePage{frame: s.frameFor(c, "Deactivate "+a.Name, "coaches"), Account: *a})
}

func (s *Server) deactivate(c echo.Context) error {
	a, err := s.Store.DeactivateAccount(c.Request().Context(), actorOf(c), c.Param("account"))
	if err != nil {
		if threesixty.ErrorCode(err) == threesixty.ECONFLICT {
			return s.redirectWith(c, "/admin/coaches", sentence(toError(err).Message))
		}
		return err
	}
	return s.redirectWith(c, "/admin/coaches", a.Name+" is deactivated: signed out everywhere, their API tokens revoked. Their engagements stay.")
}

func (s *Server) reactivate(c echo.Context) error {
	a, err := s.Store.ReactivateAccount(c.Request().Context(), actorOf(c), c.Param("account"))
	if err != nil {
		if threesixty.ErrorCode(err) == threesixty.ECONFLICT {
			return s.redirectWith(c, "/admin/coaches", sentence(toError(err).Message))
		}
		return err
	}
	return s.redirectWith(c, "/admin/coaches", a.Name+" is active again and can sign in with their password. They need new API tokens.")
}

// roleNoun is a role as a sentence says it: "a coach", "an admin".
func roleNoun(r threesixty.Role) string {
	if r == threesixty.RoleAdmin {
		return "an admin"
	}
	return "a coach"
}
