package web

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"fmt"
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
  rounds/<id>/report.pdf     the baseline round's report

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
	ctx, actor := c.Request().Context(), actorOf(c)
	e, err := s.Store.Engagement(ctx, actor, c.Param("id"))
	if err != nil {
		return err
	}
	goals, err := s.Store.Goals(ctx, actor, e.ID)
	if err != nil {
		return err
	}
	rounds, err := s.Store.Rounds(ctx, actor, e.ID)
	if err != nil {
		return err
	}
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
		{"goals.json", asJSON(map[string]any{"goals": goals})},
		{"rounds.json", asJSON(map[string]any{"rounds": rounds})},
	}
	for _, r := range rounds {
		if !r.Released() {
			continue
		}
		dir := "rounds/" + r.ID + "/"
		if r.Kind != threesixty.RoundKindBaseline { // only a baseline has a report so far
			_, res, err := s.Store.Results(ctx, actor, r.ID)
			if err != nil {
				return err
			}
			files = append(files, exportFile{dir + "results.json", asJSON(res)})
			continue
		}
		b, err := s.Store.Report(ctx, actor, r.ID) // the release, with what its report needs
		if err != nil {
			return err
		}
		files = append(files, exportFile{dir + "results.json", asJSON(b.Results)}, exportFile{dir + "report.pdf", func(w *bytes.Buffer) error {
			return s.render(ctx, w, b, reports.Options{Created: s.Now()})
		}})
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
