package web

import (
	"bytes"
	"net/http"

	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
	"threesixty/reports"
)

// getSponsorSummary answers with the sponsor summary's PDF: 409 until the closing round is
// released, 403 while the leader's consent is missing (the coach runs the engagement, but only
// the leader can agree), and otherwise what the scope of their consent allows.
func (s *Server) getSponsorSummary(c echo.Context) error {
	ctx := c.Request().Context()
	summary, err := s.Store.SponsorSummary(ctx, actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	select {
	case s.renders <- struct{}{}:
		defer func() { <-s.renders }()
	case <-ctx.Done():
		return ctx.Err()
	}
	var pdf bytes.Buffer
	if err := reports.RenderSponsorSummary(&pdf, *summary, reports.Options{PageSize: reports.A4, Created: s.Now()}); err != nil {
		return &threesixty.Error{Code: threesixty.EINTERNAL, Message: "the sponsor summary could not be drawn", Err: err}
	}
	h := c.Response().Header()
	h.Set("Content-Disposition", attachment(summary.Leader+" sponsor summary.pdf"))
	h.Set("Cache-Control", "no-store")
	return c.Blob(http.StatusOK, "application/pdf", pdf.Bytes())
}
