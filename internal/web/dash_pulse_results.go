package web

import (
	"context"

	"threesixty/internal/threesixty"
	"threesixty/reports"
)

// pulseView is a released midpoint pulse on its results page: each goal's change by group, on
// the pulse's scale of change, and the comments.
type pulseView struct {
	Charts    *reports.PulseCharts
	Questions []commentQuestion
}

// pulsePage puts a released pulse on the page, from its release and the instrument it pinned.
// Store.Results records the view in the access log.
func (s *Server) pulsePage(ctx context.Context, actor threesixty.Actor, page *resultsPage) error {
	_, res, err := s.Store.Results(ctx, actor, page.Round.ID)
	if err != nil {
		return err
	}
	in, err := s.Store.InstrumentVersion(ctx, page.Round.InstrumentVersion)
	if err != nil {
		return err
	}
	b := &reports.Baseline{Results: res, Instrument: in}
	p := &pulseView{Questions: commentQuestions(b)}
	if p.Charts, err = reports.WebPulseCharts(*b); err != nil {
		return &threesixty.Error{Code: threesixty.EINTERNAL, Message: "the charts could not be drawn", Err: err}
	}
	page.Pulse = p
	return nil
}
