package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"threesixty/internal/results"
	"threesixty/internal/threesixty"
)

// resultsBody is a released round's results with the round they belong to. The round comes
// without its progress counts: beside results, a count of answers in a group that was left out
// would tell "not enough responses" from "no responses".
type resultsBody struct {
	Round *threesixty.Round `json:"round"`
	*results.Results
}

// getResults answers with the frozen results: 409 while the round is open.
func (s *Server) getResults(c echo.Context) error {
	round, res, err := s.Store.Results(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	round.Progress = nil
	return c.JSON(http.StatusOK, resultsBody{Round: round, Results: res})
}

// getComparison answers with what changed between the engagement's baseline and its released
// closing round: 409 until the closing round is released.
func (s *Server) getComparison(c echo.Context) error {
	cmp, err := s.Store.Comparison(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, cmp)
}
