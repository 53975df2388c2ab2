package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	_ "github.com/lib/pq"

	"threesixty/internal/pgtest"
	"threesixty/internal/results"
	"threesixty/internal/threesixty"
)

func runCommand(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := run(context.Background(), args, strings.NewReader(""), &out)
	return out.String(), err
}

func TestServeRefusesPendingMigrations(t *testing.T) {
	t.Setenv("DATABASE_URL", pgtest.BlankURL(t))
	_, err := runCommand(t, "serve")
	if err == nil || !strings.Contains(err.Error(), "pending migration") || !strings.Contains(err.Error(), "threesixty migrate") {
		t.Fatalf("serve on an unmigrated database: %v", err)
	}
	out, err := runCommand(t, "migrate")
	if err != nil || strings.Contains(out, "applied 0") || !strings.Contains(out, "the schema is current") {
		t.Fatalf("migrate: %q, %v", out, err)
	}
	out, err = runCommand(t, "migrate")
	if err != nil || !strings.Contains(out, "applied 0 migration") {
		t.Fatalf("second migrate: %q, %v", out, err)
	}
}

// TestServeAnswersUntilStopped: serve answers on its address, and its metrics on theirs alone,
// until its context ends.
func TestServeAnswersUntilStopped(t *testing.T) {
	t.Setenv("DATABASE_URL", pgtest.URL(t))
	addr, metricsAddr := freeAddress(t), freeAddress(t)
	t.Setenv("LISTEN_ADDR", addr)
	t.Setenv("METRICS_ADDR", metricsAddr)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve(ctx, nil) }()
	client := &http.Client{Timeout: 2 * time.Second}
	get := func(url string) (int, string) {
		resp, err := client.Get(url)
		if err != nil {
			return 0, err.Error()
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	var status int
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline) && status == 0; time.Sleep(50 * time.Millisecond) {
		status, _ = get("http://" + addr + "/readyz")
	}
	if status != http.StatusOK {
		t.Errorf("/readyz answered %d", status)
	}
	if status, body := get("http://" + metricsAddr + "/metrics"); status != http.StatusOK || !strings.Contains(body, `route="/readyz"`) {
		t.Errorf("/metrics on METRICS_ADDR answered %d:\n%.300s", status, body)
	}
	if status, _ := get("http://" + addr + "/metrics"); status != http.StatusNotFound {
		t.Errorf("/metrics on the public address answered %d", status)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve stopped with %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop")
	}
}

// freeAddress is a loopback address nothing listens on just now.
func freeAddress(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

func TestCoachAddPrintsTokenLast(t *testing.T) {
	t.Setenv("DATABASE_URL", pgtest.URL(t))
	out, err := runCommand(t, "coach", "add", "--email", "dana@example.com", "--name", "Dana", "--admin")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if token := lines[len(lines)-1]; !threesixty.WellFormedToken(token) {
		t.Errorf("last line %q is not a token", token)
	}
	if _, err := runCommand(t, "coach", "add", "--email", "dana@example.com", "--name", "Dana"); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("a second account for one email: %v", err)
	}
	for _, args := range [][]string{{"coach", "add", "--email", "nope", "--name", "X"}, {"coach", "add", "--email", "x@example.com"}, {"coach"}} {
		if _, err := runCommand(t, args...); err == nil {
			t.Errorf("%v was accepted", args)
		}
	}
}

func TestDemoCanRunTwice(t *testing.T) {
	t.Setenv("DATABASE_URL", pgtest.URL(t))
	t.Setenv("BASE_URL", "http://demo.test")
	for i := 0; i < 2; i++ {
		out, err := runCommand(t, "demo")
		if err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(out, "http://demo.test/s/"); n != 13-5 {
			t.Errorf("demo printed %d links, want 8 (13 invitations, 5 already answered)", n)
		}
		if !strings.Contains(out, "/results") {
			t.Error("demo does not point at the released results")
		}
		if !strings.Contains(out, "Authorization: Bearer ") {
			t.Error("demo does not say how to reach the API")
		}
	}
}

func TestInstrumentsCommand(t *testing.T) {
	out, err := runCommand(t, "instruments")
	if err != nil || !strings.Contains(out, "leadership-360") || !strings.Contains(out, "all valid") {
		t.Fatalf("instruments: %q, %v", out, err)
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "broken.yaml"), []byte("id: broken\ntitel: Broken\n"), 0o644)
	_, err = runCommand(t, "instruments", "--dir", dir)
	if err == nil || !strings.Contains(err.Error(), "broken.yaml:2") {
		t.Errorf("a broken file: %v", err)
	}
}

func TestUnknownCommand(t *testing.T) {
	out, err := runCommand(t, "frobnicate")
	if err == nil || !strings.Contains(out, "Usage") {
		t.Errorf("unknown command: %q, %v", out, err)
	}
}

// TestDemoBaselineScoresEveryCompetency: the demo's released baseline has "not able to rate"
// answers and a merged group of three, which once left half its competency scores blank. A
// competency score is now the mean of published item means, so none is missing.
func TestDemoBaselineScoresEveryCompetency(t *testing.T) {
	url := pgtest.URL(t)
	t.Setenv("DATABASE_URL", url)
	if _, err := runCommand(t, "demo"); err != nil {
		t.Fatal(err)
	}
	db, err := sqlx.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var snapshots [][]byte
	if err := db.Select(&snapshots, `SELECT snapshot FROM results`); err != nil {
		t.Fatal(err)
	}
	if len(snapshots) != 1 {
		t.Fatalf("%d released rounds, want the demo's one", len(snapshots))
	}
	res, err := results.Decode(snapshots[0])
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range res.Groups {
		for _, c := range res.Competencies {
			found := false
			for _, s := range c.Scores {
				found = found || s.Group == g.Key
			}
			if !found {
				t.Errorf("%s has no %s score", c.Title, g.Label)
			}
		}
	}
}

// TestReportCommand writes one released round's report to a file, and every released round's
// into a directory with a line per report when the output is not a terminal.
func TestReportCommand(t *testing.T) {
	t.Setenv("DATABASE_URL", pgtest.URL(t))
	if _, err := runCommand(t, "demo"); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	out, err := runCommand(t, "report", "--all-released", "--out", dir)
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	if len(files) != 1 || !strings.Contains(out, "1/1 wrote "+files[0]) || !strings.Contains(out, "1 reports in") {
		t.Fatalf("files %v, output:\n%s", files, out)
	}
	if hidden, _ := filepath.Glob(filepath.Join(dir, ".report-*")); len(hidden) > 0 {
		t.Errorf("temporary files left behind: %v", hidden)
	}
	pdf, err := os.ReadFile(files[0])
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("%s is not a PDF (%v)", files[0], err)
	}
	round := strings.TrimSuffix(filepath.Base(files[0]), ".pdf")
	round = round[len(round)-36:]
	single := filepath.Join(t.TempDir(), "one.pdf")
	if _, err := runCommand(t, "report", "--round", round, "--out", single, "--page-size", "letter"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(single); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"report", "--out", dir},
		{"report", "--round", round},
		{"report", "--round", round, "--all-released", "--out", dir},
		{"report", "--round", round, "--out", single, "--page-size", "a3"},
		{"report", "--round", "00000000-0000-0000-0000-000000000000", "--out", single},
	} {
		if _, err := runCommand(t, args...); err == nil {
			t.Errorf("%v was accepted", args)
		}
	}
}
