package web

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"sort"
	"strings"
	"testing"

	"threesixty/internal/results"
)

// TestTheLeadersExportHoldsTheirDataAndNoRaters: the export is everything kept about the leader
// (the engagement, goals with check-ins, rounds, each release as released and its report) and
// nothing about any rater.
func TestTheLeadersExportHoldsTheirDataAndNoRaters(t *testing.T) {
	env := newEnv(t)
	id := env.engagement(3, false)
	round, tokens := env.openRound(id)
	env.answerAll(tokens, "4")
	expectStatus(t, env.api("POST", "/api/v1/rounds/"+round.ID+"/close", nil), http.StatusOK)
	rec := env.api("POST", "/api/v1/engagements/"+id+"/goals", map[string]any{"title": "Listen before deciding", "competencies": []string{"communication"}})
	expectStatus(t, rec, http.StatusCreated)
	goal := decode[map[string]any](t, rec)["id"].(string)
	expectStatus(t, env.api("POST", "/api/v1/goals/"+goal+"/checkins", map[string]any{"note": "Held back twice in meetings", "status": "on_track"}), http.StatusCreated)

	rec = env.api("GET", "/api/v1/engagements/"+id+"/export", nil)
	expectStatus(t, rec, http.StatusOK)
	if ct, cd := rec.Header().Get("Content-Type"), rec.Header().Get("Content-Disposition"); ct != "application/zip" || !strings.Contains(cd, "Alex Morgan threesixty export") {
		t.Errorf("Content-Type %q, Content-Disposition %q", ct, cd)
	}
	z, err := zip.NewReader(bytes.NewReader(rec.Body.Bytes()), int64(rec.Body.Len()))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	var names []string
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name], _ = io.ReadAll(r)
		r.Close()
		names = append(names, f.Name)
	}
	sort.Strings(names)
	dir := "rounds/" + round.ID + "/"
	if got, want := strings.Join(names, " "), "README.txt engagement.json goals.json rounds.json "+dir+"report.pdf "+dir+"results.json"; got != want {
		t.Fatalf("files %s, want %s", got, want)
	}
	for name, want := range map[string]string{"engagement.json": "Alex Morgan", "goals.json": "Held back twice in meetings", "rounds.json": round.ID} {
		if !bytes.Contains(files[name], []byte(want)) {
			t.Errorf("%s lacks %q", name, want)
		}
	}
	var snapshot results.Results
	if err := json.Unmarshal(files[dir+"results.json"], &snapshot); err != nil || len(snapshot.Items) == 0 {
		t.Errorf("results.json: %v", err)
	}
	report, _ := pdfText(t, files[dir+"report.pdf"])
	if !strings.Contains(report, "Alex Morgan") {
		t.Error("the report in the export is not the leader's")
	}
	everything := report
	for _, b := range files {
		everything += string(b)
	}
	for _, rater := range []string{"Sam Superior", "sam@example.com", "Pat Peer", "pat@example.com", "Pia Peer", "Dee Report", "dee@example.com"} {
		if strings.Contains(everything, rater) {
			t.Errorf("the export holds rater data: %q", rater)
		}
	}
}
