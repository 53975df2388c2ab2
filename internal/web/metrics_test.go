package web

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"threesixty/internal/metrics"
	"threesixty/internal/threesixty"
)

// TestMetricsCountByRouteNeverByToken: requests are counted under their route pattern, so a
// survey link's token never reaches the metrics, and refused guesses are counted by the limit
// they met.
func TestMetricsCountByRouteNeverByToken(t *testing.T) {
	env := newEnv(t)
	_, tokens := env.openRound(env.engagement(3, false))
	m := metrics.New(env.DB.DB, env.store)
	e := New(&Server{Store: env.store, Instruments: env.srv.Instruments, BaseURL: env.srv.BaseURL, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Metrics: m})
	token := tokens[threesixty.GroupPeer][0]
	get := func(path string) {
		e.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", path, nil))
	}
	get("/s/" + token)
	get("/s/" + token)
	for i := 0; i <= threesixty.GuessLimit; i++ {
		get("/s/" + strings.Repeat("A", tokenLen-1) + string(rune('a'+i%26)))
	}
	get("/no/such/page")
	e.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("BREW", "/healthz", nil))
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	expectStatus(t, rec, http.StatusOK)
	text := rec.Body.String()
	for _, want := range []string{
		`threesixty_http_requests_total{method="GET",route="/s/:token",status="200"} 2`,
		`threesixty_http_requests_total{method="GET",route="/s/:token",status="404"} 100`,
		`threesixty_http_requests_total{method="GET",route="/s/:token",status="429"} 1`,
		`threesixty_link_guess_refusals_total{limit="address"} 1`,
		`threesixty_http_request_duration_seconds_bucket{route="/s/:token"`,
		`threesixty_outbox_queued `,
		`threesixty_outbox_overdue_seconds `,
		`threesixty_releases_total 0`,
		`go_sql_max_open_connections{db_name="threesixty"} 32`,
		`go_goroutines `,
		`threesixty_http_requests_total{method="other",route="/healthz",status="405"} 1`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the metrics lack %q", want)
		}
	}
	if strings.Contains(text, token) || strings.Contains(text, strings.Repeat("A", tokenLen-1)) {
		t.Error("a token reached the metrics")
	}
}
