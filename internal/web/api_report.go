package web

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"unicode"

	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
	"threesixty/reports"
)

// getReport answers with a released round's PDF report, drawn from its frozen results: 409
// while the round is open. ?page_size=letter gives US Letter pages; A4 otherwise.
func (s *Server) getReport(c echo.Context) error {
	opt := reports.Options{PageSize: reports.A4, Created: s.Now()}
	switch size := c.QueryParam("page_size"); size {
	case "", string(reports.A4):
	case string(reports.Letter):
		opt.PageSize = reports.Letter
	default:
		return threesixty.Invalid("the page size is unknown", []threesixty.FieldError{{Field: "page_size", Message: "must be a4 or letter"}})
	}
	return s.sendReport(c, actorOf(c), c.Param("id"), opt)
}

// sendReport answers with the PDF report of a round as actor may see it, the baseline's or the
// closing round's: the coach's download and the leader's, from their page, are this one answer.
func (s *Server) sendReport(c echo.Context, actor threesixty.Actor, roundID string, opt reports.Options) error {
	ctx := c.Request().Context()
	round, err := s.Store.Round(ctx, actor, roundID)
	if err != nil {
		return err
	}
	var draw func(io.Writer) error
	var name string
	if round.Kind == threesixty.RoundKindClosing {
		cl, err := s.Store.ClosingReport(ctx, actor, round.ID)
		if err != nil {
			return err
		}
		draw = func(w io.Writer) error { return reports.RenderClosing(w, *cl, opt) }
		name = cl.Leader + " closing report.pdf"
	} else {
		b, err := s.Store.Report(ctx, actor, round.ID)
		if err != nil {
			return err
		}
		draw = func(w io.Writer) error { return reports.RenderBaseline(w, *b, opt) }
		name = b.Leader + " 360 report.pdf"
	}
	// Rendered whole before the first byte goes out, so that a failure is an error answer and
	// not a truncated PDF.
	var pdf bytes.Buffer
	if err := s.render(ctx, &pdf, draw); err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set("Content-Disposition", attachment(name))
	h.Set("Cache-Control", "no-store")
	return c.Blob(http.StatusOK, "application/pdf", pdf.Bytes())
}

// attachment is a Content-Disposition naming the download: a plain ASCII name for old clients
// and the full name, in any script, for the rest (RFC 6266, with RFC 5987's encoding, which
// leaves only letters, digits and !#$&+-.^_`|~ unescaped).
func attachment(name string) string {
	ascii := strings.Map(func(r rune) rune {
		switch {
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '-'):
			return r
		case r == ' ':
			return ' '
		}
		return '_'
	}, name)
	var encoded strings.Builder
	for _, b := range []byte(name) {
		if b < 0x80 && (b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || strings.IndexByte("!#$&+-.^_`|~", b) >= 0) {
			encoded.WriteByte(b)
		} else {
			fmt.Fprintf(&encoded, "%%%02X", b)
		}
	}
	return fmt.Sprintf(`attachment; filename="%s"; filename*=UTF-8''%s`, ascii, encoded.String())
}

// render draws a report once a place among the renders at once is free, or gives up when the
// request does.
func (s *Server) render(ctx context.Context, w io.Writer, draw func(io.Writer) error) error {
	select {
	case s.renders <- struct{}{}:
		defer func() { <-s.renders }()
	case <-ctx.Done():
		return ctx.Err()
	}
	if err := draw(w); err != nil {
		return &threesixty.Error{Code: threesixty.EINTERNAL, Message: "the report could not be drawn", Err: err}
	}
	return nil
}
