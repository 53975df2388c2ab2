package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"threesixty/internal/results"
	"threesixty/internal/threesixty"
)

// resultsBody is a released round's results with the round they belong to.
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
	return c.JSON(http.StatusOK, resultsBody{Round: round, Results: res})
}
