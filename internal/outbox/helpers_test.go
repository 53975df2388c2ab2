package outbox

import (
	"context"
	"io"
	"log/slog"
	"net/url"
	"regexp"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"

	"threesixty/internal/mail"
	"threesixty/internal/pgtest"
	"threesixty/internal/postgres"
	"threesixty/internal/smtptest"
	"threesixty/internal/threesixty"
	"threesixty/surveys"
)

var base, _ = url.Parse("http://survey.test")

// env is a store on a fresh database, a coach, and an SMTP server to send to.
type env struct {
	t             testing.TB
	ctx           context.Context
	url           string
	store         *postgres.Store
	pgtest.Tables // the pool under store, for looking at the tables
	instruments   map[string]*surveys.Instrument
	in            *surveys.Instrument
	coach         threesixty.Actor
	smtp          *smtptest.Server
}

func newEnv(t testing.TB) *env {
	t.Helper()
	e := &env{t: t, ctx: context.Background(), url: pgtest.URL(t), smtp: smtptest.Start(t)}
	e.store, e.DB = e.openStore()
	e.T = t
	list, err := surveys.Load()
	if err != nil {
		t.Fatal(err)
	}
	if err := e.store.SaveInstruments(e.ctx, list); err != nil {
		t.Fatal(err)
	}
	e.instruments = map[string]*surveys.Instrument{}
	for _, in := range list {
		e.instruments[in.ID] = in
	}
	e.in = e.instruments["leadership-360"]
	account, _, err := e.store.CreateAccount(e.ctx, "coach@coaching.example.net", "Casey Coach", threesixty.RoleCoach)
	if err != nil {
		t.Fatal(err)
	}
	e.coach = threesixty.AccountActor(account)
	return e
}

// openStore opens a store with a pool of its own on the env's database: a second one is what a
// second instance of the service would have.
func (e *env) openStore() (*postgres.Store, *sqlx.DB) {
	db, err := postgres.Connect(e.ctx, e.url)
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { db.Close() })
	store, err := postgres.New(db)
	if err != nil {
		e.t.Fatal(err)
	}
	store.MessageHost = "survey.test"
	return store, db
}

// sender is an SMTP connection of its own to the env's server.
func (e *env) sender() mail.Sender {
	e.t.Helper()
	cfg, err := mail.ParseSMTP(e.smtp.URL(), "threesixty <feedback@survey.test>", "")
	if err != nil {
		e.t.Fatal(err)
	}
	sender, err := mail.NewSMTPSender(cfg)
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { sender.Close() })
	return sender
}

// worker sends through its own SMTP connection to the env's server, retrying fast.
func (e *env) worker(store Store) *Worker {
	e.t.Helper()
	sender := e.sender()
	composer, err := mail.NewComposer(base)
	if err != nil {
		e.t.Fatal(err)
	}
	return &Worker{Store: store, Composer: composer, Sender: sender, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Backoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond, Batch: 20}
}

// round makes an engagement with the given raters and opens its baseline round.
func (e *env) round(raters ...threesixty.Rater) (*threesixty.Round, []threesixty.Invitation) {
	e.t.Helper()
	eng, err := e.store.CreateEngagement(e.ctx, e.coach, &threesixty.Engagement{
		Leader: threesixty.Person{Name: "Alex Morgan", Email: "alex@example.com"}, Instrument: e.in.ID, Anonymity: threesixty.Anonymity{Threshold: 3},
	})
	if err != nil {
		e.t.Fatal(err)
	}
	if len(raters) > 0 {
		if _, _, err := e.store.AddRaters(e.ctx, e.coach, eng.ID, raters); err != nil {
			e.t.Fatal(err)
		}
	}
	r, invitations, err := e.store.OpenRound(e.ctx, e.coach, eng.ID, threesixty.RoundPlan{
		Kind: threesixty.RoundKindBaseline, ClosesAt: time.Now().Add(7 * 24 * time.Hour), InstrumentVersion: e.in.Version, Reminders: threesixty.DefaultReminders,
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return r, invitations
}

func raters(group threesixty.RaterGroup, names ...string) []threesixty.Rater {
	var out []threesixty.Rater
	for _, n := range names {
		out = append(out, threesixty.Rater{Name: n, Email: n + "@example.com", Group: group})
	}
	return out
}

// drain runs w until nothing is due and nothing is waiting for a retry, bounded in time.
func (e *env) drain(w *Worker) {
	e.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if _, err := w.Drain(e.ctx); err != nil {
			e.t.Fatal(err)
		}
		var waiting int
		e.Get(&waiting, "SELECT count(*) FROM outbox WHERE status = 'queued'")
		if waiting == 0 {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	e.t.Fatal("the outbox did not drain in 20 s")
}

// byRecipient counts the arrived messages per recipient address.
func (e *env) byRecipient() map[string]int {
	got := map[string]int{}
	for _, m := range e.smtp.Messages() {
		for _, to := range m.To {
			got[to]++
		}
	}
	return got
}

var linkPattern = regexp.MustCompile(`http://survey\.test/s/([A-Za-z0-9_-]{43})`)

// statuses counts outbox rows by status.
func (e *env) statuses() map[string]int {
	var rows []struct {
		Status string `db:"status"`
		N      int    `db:"n"`
	}
	e.Select(&rows, "SELECT status, count(*) AS n FROM outbox GROUP BY status")
	out := map[string]int{}
	for _, r := range rows {
		out[r.Status] = r.N
	}
	return out
}

// newBenchEnv is newEnv for a benchmark: an SMTP server that counts messages without keeping them.
func newBenchEnv(b *testing.B) *env {
	e := newEnv(b)
	e.smtp.Keep = false
	return e
}

// benchWorker is a worker as serve runs it: batches of 50, the real backoff.
func (e *env) benchWorker() *Worker {
	w := e.worker(e.store)
	w.Batch, w.Backoff, w.MaxBackoff = 50, 0, 0
	return w
}
