package web

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
	"threesixty/reports"
)

// exportReadme opens the leader's export, so that the archive explains itself.
const exportReadme = `This archive holds what threesixty keeps about you as the leader of a coaching engagement:

  engagement.json            the engagement: you, your sponsor, the instrument and its anonymity settings
  goals.json                 your development goals, their key results and check-ins
  rounds.json                the engagement's survey rounds
  rounds/<id>/results.json   each released round's results, exactly as they were released
  rounds/<id>/report.pdf     the baseline's and the closing round's reports
  rounds/<id>/comparison.json  what changed between the baseline and the closing round

It holds nothing about any rater: their names and addresses are theirs, and their answers
are kept only as part of the results above.
`

// exportFile is one file of the export, written when the archive is.
type exportFile struct {
	name  string
	write func(*bytes.Buffer) error
}

// exportEngagement answers with a zip of everything the service holds about the engagement's
// leader: the leader's right to a copy of their data. Rater data is not theirs and is left out.
func (s *Server) exportEngagement(c echo.Context) error {
	ctx := c.Request().Context()
	x, err := s.Store.Export(ctx, actorOf(c), c.Param("id"))
	if err != nil {
		return err
	}
	e := x.Engagement
	var archive bytes.Buffer
	z := zip.NewWriter(&archive)
	add := func(name string, write func(w *bytes.Buffer) error) error {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			return err
		}
		f, err := z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: s.Now().UTC()})
		if err != nil {
			return err
		}
		_, err = f.Write(b.Bytes())
		return err
	}
	asJSON := func(v any) func(*bytes.Buffer) error {
		return func(b *bytes.Buffer) error {
			enc := json.NewEncoder(b)
			enc.SetIndent("", "  ")
			return enc.Encode(v)
		}
	}
	files := []exportFile{
		{"README.txt", func(b *bytes.Buffer) error { _, err := b.WriteString(exportReadme); return err }},
		{"engagement.json", asJSON(e)},
		{"goals.json", asJSON(map[string]any{"goals": x.Goals})},
		{"rounds.json", asJSON(map[string]any{"rounds": x.Rounds})},
	}
	for _, r := range x.Rounds {
		res, released := x.Results[r.ID]
		if !released {
			continue
		}
		dir := "rounds/" + r.ID + "/"
		files = append(files, exportFile{dir + "results.json", asJSON(res)})
		if b := x.Reports[r.ID]; b != nil {
			files = append(files, exportFile{dir + "report.pdf", func(w *bytes.Buffer) error {
				return s.render(ctx, w, func(w io.Writer) error { return reports.RenderBaseline(w, *b, reports.Options{Created: s.Now()}) })
			}})
		}
		if cl := x.ClosingReports[r.ID]; cl != nil {
			files = append(files, exportFile{dir + "comparison.json", asJSON(cl.Comparison)}, exportFile{dir + "report.pdf", func(w *bytes.Buffer) error {
				return s.render(ctx, w, func(w io.Writer) error { return reports.RenderClosing(w, *cl, reports.Options{Created: s.Now()}) })
			}})
		}
	}
	for _, f := range files {
		if err := add(f.name, f.write); err != nil {
			return &threesixty.Error{Code: threesixty.EINTERNAL, Message: "the export could not be written", Err: err}
		}
	}
	if err := z.Close(); err != nil {
		return &threesixty.Error{Code: threesixty.EINTERNAL, Message: "the export could not be written", Err: err}
	}
	h := c.Response().Header()
	h.Set("Content-Disposition", attachment(fmt.Sprintf("%s threesixty export %s.zip", e.Leader.Name, s.Now().UTC().Format(time.DateOnly))))
	h.Set("Cache-Control", "no-store")
	return c.Blob(http.StatusOK, "application/zip", archive.Bytes())
}
