package outbox

import (
	"net/http/httptest"
	"strings"
	"testing"

	"threesixty/internal/metrics"
	"threesixty/internal/smtptest"
	"threesixty/internal/threesixty"
)

// TestMailOutcomesAreCounted: what the worker does with each message shows in the metrics, by
// outcome, and the backlog reads the queue.
func TestMailOutcomesAreCounted(t *testing.T) {
	e := newEnv(t)
	e.round(raters(threesixty.GroupPeer, "good", "gone")...)
	e.smtp.Refuse = func(rcpt string) error {
		if strings.HasPrefix(rcpt, "gone@") {
			return smtptest.Permanent
		}
		return nil
	}
	m := metrics.New(e.DB.DB, e.store)
	w := e.worker(e.store)
	w.Metrics = m
	e.drain(w)
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	for _, want := range []string{
		`threesixty_mail_outcomes_total{outcome="bounced"} 1`,
		`threesixty_mail_outcomes_total{outcome="sent"} `,
		"threesixty_outbox_queued 0",
		"threesixty_outbox_overdue_seconds 0",
	} {
		if !strings.Contains(rec.Body.String(), want) {
			t.Errorf("the metrics lack %q:\n%s", want, grepLines(rec.Body.String(), "threesixty_"))
		}
	}
}

func grepLines(text, prefix string) string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, prefix) {
			out = append(out, line)
		}
	}
	return strings.Join(out, "\n")
}
