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
	Scale scaleBody         `json:"scale"`
	*results.Results
}

// scaleBody is the scale of the round's instrument, so a client can read the means, which are on
// its values (1..n). On a scale of change (the midpoint pulse's), zero is the value shown as 0: a
// client shows a mean m as m - zero, with a sign. Zero is absent on other scales.
type scaleBody struct {
	Points        []scalePointBody `json:"points"`
	NotAbleToRate string           `json:"not_able_to_rate"`
	Zero          int              `json:"zero,omitempty"`
}

type scalePointBody struct {
	Value int    `json:"value"`
	Label string `json:"label"`
}

// getResults answers with the frozen results: 409 while the round is open.
func (s *Server) getResults(c echo.Context) error {
	round, res, err := s.Store.Results(c.Request().Context(), actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	round.Progress = nil
	in, err := s.Store.InstrumentVersion(c.Request().Context(), round.InstrumentVersion)
	if err != nil {
		return err
	}
	body := resultsBody{Round: round, Results: res, Scale: scaleBody{NotAbleToRate: in.Scale.NotAbleToRate, Zero: in.Scale.Zero}}
	for _, p := range in.Scale.Points {
		body.Scale.Points = append(body.Scale.Points, scalePointBody{Value: p.Value, Label: p.Label})
	}
	return c.JSON(http.StatusOK, body)
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
