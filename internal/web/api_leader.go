package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
)

// The coach's side of the leader's page: the leader's link, the archive, nominations, shared
// reports and the sponsor-summary consent. Whether the leader may nominate is a setting, changed
// with PATCH /engagements/{id} (nomination_allowed).

// rotateLeaderLink revokes every leader link of the engagement and queues a fresh one.
func (s *Server) rotateLeaderLink(c echo.Context) error {
	if err := s.Store.RotateLeaderLink(c.Request().Context(), actorOf(c), c.Param("id")); err != nil {
		return err
	}
	return c.JSON(http.StatusAccepted, map[string]int{"queued": 1})
}

// archiveEngagement archives an engagement that has ended.
func (s *Server) archiveEngagement(c echo.Context) error {
	e, err := s.Store.ArchiveEngagement(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, e)
}

// listNominations lists the raters the leader proposed, with where each proposal stands.
func (s *Server) listNominations(c echo.Context) error {
	list, err := s.Store.Nominations(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	if list == nil {
		list = []threesixty.Nomination{}
	}
	return c.JSON(http.StatusOK, map[string]any{"nominations": list})
}

// approveNomination adds a proposed rater, as adding raters does.
func (s *Server) approveNomination(c echo.Context) error { return s.decideNomination(c, true) }

// rejectNomination turns a proposed rater down; nobody is contacted.
func (s *Server) rejectNomination(c echo.Context) error { return s.decideNomination(c, false) }

func (s *Server) decideNomination(c echo.Context, approve bool) error {
	n, err := s.Store.DecideNomination(c.Request().Context(), actorOf(c), c.Param("id"), approve)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, n)
}

// shareReport shares a released baseline round's report with the leader.
func (s *Server) shareReport(c echo.Context) error {
	shared, err := s.Store.ShareReport(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, shared)
}

// getSponsorConsent answers where the leader's consent to a sponsor summary stands (given, the
// scope consented to, or null) and its history, oldest first.
func (s *Server) getSponsorConsent(c echo.Context) error {
	state, err := s.Store.SponsorConsent(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	var given *threesixty.ConsentScope
	if scope := state.Given(); scope != "" {
		given = &scope
	}
	return c.JSON(http.StatusOK, map[string]any{"given": given, "history": state.History})
}
