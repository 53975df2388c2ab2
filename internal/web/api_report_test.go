package web

import (
	"archive/zip"
	"bytes"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"threesixty/internal/threesixty"
)

// pdfText is the text of a PDF as pdftotext reads it, and its page size as pdfinfo does.
func pdfText(t *testing.T, pdf []byte) (text, pageSize string) {
	t.Helper()
	file := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(file, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", file, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	info, err := exec.Command("pdfinfo", file).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	for _, line := range strings.Split(string(info), "\n") {
		if strings.HasPrefix(line, "Page size:") {
			pageSize = strings.TrimSpace(strings.TrimPrefix(line, "Page size:"))
		}
	}
	return string(out), pageSize
}

// TestReportShowsOnlyTheRelease: the report of a round is drawn from its frozen release. Two
// peers are fewer than the threshold and have no group to merge with, so what they wrote is
// nowhere in the report, though the leader's own comment is.
func TestReportShowsOnlyTheRelease(t *testing.T) {
	env := newEnv(t)
	rec := env.api("POST", "/api/v1/engagements", map[string]any{
		"leader":     map[string]string{"name": "Zoë Łukasiewicz", "email": "zoe@example.com"},
		"instrument": "leadership-360",
		"anonymity":  map[string]any{"threshold": 3},
	})
	expectStatus(t, rec, http.StatusCreated)
	id := decode[map[string]any](t, rec)["id"].(string)
	expectStatus(t, env.api("POST", "/api/v1/engagements/"+id+"/raters", map[string]any{"raters": []map[string]string{
		{"name": "Pat Peer", "email": "pat@example.com", "group": "peer"},
		{"name": "Pia Peer", "email": "pia@example.com", "group": "peer"},
	}}), http.StatusCreated)
	round, tokens := env.openRound(id)
	report := "/api/v1/rounds/" + round.ID + "/report.pdf"
	expectStatus(t, env.api("GET", report, nil), http.StatusConflict)
	for group, list := range tokens {
		for _, token := range list {
			form := env.fullForm("4")
			form.Set("keep-doing", "Written by the "+string(group)+" rater.")
			expectStatus(t, env.post("/s/"+token, form), http.StatusOK)
		}
	}
	expectStatus(t, env.api("POST", "/api/v1/rounds/"+round.ID+"/close", nil), http.StatusOK)

	rec = env.api("GET", report, nil)
	expectStatus(t, rec, http.StatusOK)
	if ct := rec.Header().Get("Content-Type"); ct != "application/pdf" {
		t.Errorf("Content-Type %q", ct)
	}
	if cd := rec.Header().Get("Content-Disposition"); !strings.HasPrefix(cd, `attachment; filename="Zo_ _ukasiewicz 360 report.pdf"`) || !strings.Contains(cd, "filename*=UTF-8''Zo%C3%AB%20%C5%81ukasiewicz") {
		t.Errorf("Content-Disposition %q", cd)
	}
	if cc := rec.Header().Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control %q: a confidential report must not be kept by caches", cc)
	}
	text, size := pdfText(t, rec.Body.Bytes())
	if !strings.Contains(size, "(A4)") {
		t.Errorf("page size %q, want A4", size)
	}
	for _, want := range []string{"Zoë Łukasiewicz", "Casey Coach", "Written by the self rater."} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	if strings.Contains(text, "Written by the peer rater.") {
		t.Error("the report quotes a peer whose group was left out of the release")
	}

	rec = env.api("GET", report+"?page_size=letter", nil)
	expectStatus(t, rec, http.StatusOK)
	if _, size := pdfText(t, rec.Body.Bytes()); !strings.Contains(size, "612 x 792 pts (letter)") {
		t.Errorf("page size %q, want US Letter", size)
	}
	rec = env.api("GET", report+"?page_size=a3", nil)
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	if !strings.Contains(rec.Body.String(), "page_size") {
		t.Errorf("the error does not name page_size: %s", rec.Body.String())
	}
}

func TestReportIsTheCoachsAlone(t *testing.T) {
	env := newEnv(t)
	id := env.engagement(3, false)
	round, _ := env.openRound(id)
	if _, err := env.store.CloseRound(t.Context(), env.coach, round.ID); err != nil {
		t.Fatal(err)
	}
	report := "/api/v1/rounds/" + round.ID + "/report.pdf"
	expectStatus(t, env.api("GET", report, nil), http.StatusOK)
	_, other := env.account("other@coaching.example.net", "Other Coach", threesixty.RoleCoach)
	for _, path := range []string{report, "/api/v1/rounds/not-a-uuid/report.pdf", "/api/v1/rounds/00000000-0000-0000-0000-000000000000/report.pdf"} {
		rec := env.do("GET", path, "", "", "Authorization", "Bearer "+other)
		expectStatus(t, rec, http.StatusNotFound)
	}
	expectStatus(t, env.do("GET", report, "", "", ""), http.StatusUnauthorized)
}

// TestReportShowsTheGoals: once coach and leader have set goals, the report's last section shows
// them, with their key results, in place of the blank worksheet.
func TestReportShowsTheGoals(t *testing.T) {
	env := newEnv(t)
	id := env.engagement(3, false)
	round, _ := env.openRound(id)
	expectStatus(t, env.api("POST", "/api/v1/rounds/"+round.ID+"/close", nil), http.StatusOK)
	report := "/api/v1/rounds/" + round.ID + "/report.pdf"
	before, _ := pdfText(t, env.api("GET", report, nil).Body.Bytes())
	expectStatus(t, env.api("POST", "/api/v1/engagements/"+id+"/goals", map[string]any{
		"title": "Listen before deciding", "competencies": []string{"communication"},
		"key_results": []map[string]string{{"text": "Team says it is heard", "measure": "pulse question", "target": "4 of 5"}},
	}), http.StatusCreated)
	rec := env.api("GET", report, nil)
	expectStatus(t, rec, http.StatusOK)
	after, _ := pdfText(t, rec.Body.Bytes())
	for _, want := range []string{"Listen before deciding", "Team says it is heard", "4 of 5"} {
		if !strings.Contains(after, want) {
			t.Errorf("the report lacks the goal's %q", want)
		}
		if strings.Contains(before, want) {
			t.Errorf("the report showed %q before the goal was set", want)
		}
	}
}

// TestOnlyABaselineHasAReport: the report is the baseline's; a closing round's results are not
// dressed up as a baseline report, and its release mail does not point at one.
func TestAClosingRoundHasTheClosingReport(t *testing.T) {
	env := newEnv(t)
	id := env.engagement(3, false)
	baseline, _ := env.openRound(id)
	expectStatus(t, env.api("POST", "/api/v1/rounds/"+baseline.ID+"/close", nil), http.StatusOK)
	rec := env.api("POST", "/api/v1/engagements/"+id+"/rounds", map[string]any{"kind": "closing", "closes_at": time.Now().Add(72 * time.Hour).UTC().Format(time.RFC3339)})
	expectStatus(t, rec, http.StatusCreated)
	closing := decode[threesixty.Round](t, rec)
	expectStatus(t, env.api("GET", "/api/v1/rounds/"+closing.ID+"/report.pdf", nil), http.StatusConflict)
	expectStatus(t, env.api("POST", "/api/v1/rounds/"+closing.ID+"/close", nil), http.StatusOK)
	rec = env.api("GET", "/api/v1/rounds/"+closing.ID+"/report.pdf", nil)
	expectStatus(t, rec, http.StatusOK)
	if !bytes.HasPrefix(rec.Body.Bytes(), []byte("%PDF-")) || !strings.Contains(rec.Header().Get("Content-Disposition"), "closing report") {
		t.Errorf("the closing round's report is not a closing report PDF: %s", rec.Header().Get("Content-Disposition"))
	}
	expectStatus(t, env.api("GET", "/api/v1/rounds/"+baseline.ID+"/report.pdf", nil), http.StatusOK)
	rec = env.api("GET", "/api/v1/engagements/"+id+"/export", nil)
	expectStatus(t, rec, http.StatusOK)
	z, err := zip.NewReader(bytes.NewReader(rec.Body.Bytes()), int64(rec.Body.Len()))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]bool{}
	for _, f := range z.File {
		files[f.Name] = true
	}
	for name, want := range map[string]bool{
		"rounds/" + baseline.ID + "/results.json": true, "rounds/" + baseline.ID + "/report.pdf": true, "rounds/" + baseline.ID + "/comparison.json": false,
		"rounds/" + closing.ID + "/results.json": true, "rounds/" + closing.ID + "/report.pdf": true, "rounds/" + closing.ID + "/comparison.json": true,
	} {
		if files[name] != want {
			t.Errorf("the export holds %s: %v, want %v", name, files[name], want)
		}
	}
}

// TestTheReportSaysWhenSuperiorsAreIdentifiable: with superiors shown as a group of their own,
// the report says so wherever it explains anonymity, even when enough superiors answered.
func TestTheReportSaysWhenSuperiorsAreIdentifiable(t *testing.T) {
	env := newEnv(t)
	id := env.engagement(3, true)
	round, tokens := env.openRound(id)
	env.answerAll(tokens, "4")
	expectStatus(t, env.api("POST", "/api/v1/rounds/"+round.ID+"/close", nil), http.StatusOK)
	text, _ := pdfText(t, env.api("GET", "/api/v1/rounds/"+round.ID+"/report.pdf", nil).Body.Bytes())
	if !strings.Contains(strings.Join(strings.Fields(text), " "), "whose raters were told they could be identified") {
		t.Error("the report does not say that superiors were told they could be identified")
	}
}

// TestABurstOfDownloadsWaitsItsTurn: reports are drawn a few at a time; a burst of downloads
// waits for its turn and every one gets its report.
func TestABurstOfDownloadsWaitsItsTurn(t *testing.T) {
	env := newEnv(t)
	round, _ := env.openRound(env.engagement(3, false))
	expectStatus(t, env.api("POST", "/api/v1/rounds/"+round.ID+"/close", nil), http.StatusOK)
	codes := make(chan int, 8)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() { codes <- env.api("GET", "/api/v1/rounds/"+round.ID+"/report.pdf", nil).Code })
	}
	wg.Wait()
	close(codes)
	for code := range codes {
		if code != http.StatusOK {
			t.Errorf("a download in a burst answered %d", code)
		}
	}
	if n := len(env.srv.renders); n != 0 {
		t.Errorf("%d places among the renders still taken after the burst", n)
	}
}
