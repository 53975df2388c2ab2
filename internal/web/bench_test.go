package web

// Load benchmarks of a survey link: the page (GET) and the submission (POST), each under concurrent
// load over real HTTP on loopback and each beside a floor measured in the same run, on the same
// database and the same HTTP setup. The machine is shared and noisy, so absolute numbers drift;
// the ratio to the floor is what counts.
//
// Each benchmark drives its own fixed, bounded load, so run them with -benchtime=1x (`make bench`
// does): go test -run '^$' -bench . -benchtime=1x ./internal/web/

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/labstack/echo/v4"
	"github.com/lib/pq"

	"threesixty/internal/pgtest"
	"threesixty/internal/postgres"
	"threesixty/internal/threesixty"
	"threesixty/surveys"
)

const (
	benchWorkers  = 32               // concurrent clients
	benchWarmup   = 200              // requests to each server before measuring, not counted
	benchPages    = 4000             // measured GETs, for the page and for its floor each
	benchSubmits  = 4000             // measured POSTs, each on its own unused link, for each side
	benchTurns    = 8                // each side's measured requests come in this many turns
	benchDeadline = 60 * time.Second // bound of any one measurement
)

// benchEnv is the product on a fresh database, served over loopback, with open rounds.
type benchEnv struct {
	b       *testing.B
	store   *postgres.Store
	db      *sqlx.DB
	in      *surveys.Instrument
	issued  []threesixty.Invitation // the rounds' invitations
	tokens  []string                // a survey-link token for each of them
	client  *http.Client
	product string // the product's base URL
}

// newBenchEnv serves the product on a fresh database, with engagements holding the given number
// of raters between them (an engagement takes at most threesixty.MaxRaters) and an open round
// each: an invitation, with its token, for each rater and for each leader.
func newBenchEnv(b *testing.B, raters int) *benchEnv {
	b.Helper()
	ctx := context.Background()
	db := pgtest.New(b)
	store := db.Store
	env := &benchEnv{b: b, store: store, db: db.DB, in: db.Instruments["leadership-360"]}

	account, _, err := store.CreateAccount(ctx, "coach@coaching.example.net", "Casey Coach", threesixty.RoleCoach)
	if err != nil {
		b.Fatal(err)
	}
	coach := threesixty.AccountActor(account)
	groups := []threesixty.RaterGroup{threesixty.GroupSuperior, threesixty.GroupPeer, threesixty.GroupDirectReport, threesixty.GroupOther}
	for first := 0; first < raters; first += threesixty.MaxRaters {
		eng, err := store.CreateEngagement(ctx, coach, &threesixty.Engagement{
			Leader:     threesixty.Person{Name: "Alex Morgan", Email: fmt.Sprintf("alex%d@example.com", first)},
			Instrument: env.in.ID,
			Anonymity:  threesixty.Anonymity{Threshold: 3},
		})
		if err != nil {
			b.Fatal(err)
		}
		list := make([]threesixty.Rater, min(threesixty.MaxRaters, raters-first))
		for i := range list {
			n := first + i
			list[i] = threesixty.Rater{Name: fmt.Sprintf("Rater %d", n), Email: fmt.Sprintf("rater%d@example.com", n), Group: groups[n%len(groups)]}
		}
		if _, _, err := store.AddRaters(ctx, coach, eng.ID, list); err != nil {
			b.Fatal(err)
		}
		_, issued, err := store.OpenRound(ctx, coach, eng.ID, threesixty.RoundPlan{
			Kind: threesixty.RoundKindBaseline, ClosesAt: time.Now().Add(72 * time.Hour), InstrumentVersion: env.in.Version, Reminders: threesixty.DefaultReminders,
		})
		if err != nil {
			b.Fatal(err)
		}
		env.issued = append(env.issued, issued...)
	}
	ids := make([]string, len(env.issued))
	for i, inv := range env.issued {
		ids[i] = inv.ID
	}
	if env.tokens, err = store.MintTokens(ctx, ids); err != nil {
		b.Fatal(err)
	}

	// One client for both servers; each server gets up to benchWorkers kept-alive connections. The
	// client shares the machine with the servers, so it reads in large gulps and keeps nothing.
	transport := &http.Transport{MaxIdleConnsPerHost: benchWorkers, IdleConnTimeout: time.Minute, ReadBufferSize: 64 << 10}
	b.Cleanup(transport.CloseIdleConnections)
	env.client = &http.Client{Transport: transport, Timeout: benchDeadline}

	env.product = env.serve(func(base *url.URL) http.Handler {
		return New(&Server{Store: store, Instruments: db.Instruments, BaseURL: base, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	})
	return env
}

// serve serves the handler that handlerFor makes for its base URL on a loopback port of its own,
// until the benchmark ends, and returns that base URL.
func (env *benchEnv) serve(handlerFor func(base *url.URL) http.Handler) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		env.b.Fatal(err)
	}
	base := &url.URL{Scheme: "http", Host: ln.Addr().String()}
	srv := &http.Server{Handler: handlerFor(base), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	env.b.Cleanup(func() { srv.Close() })
	return base.String()
}

// floor serves a bare Echo instance with the routes that add makes, and returns its base URL.
func (env *benchEnv) floor(add func(e *echo.Echo)) string {
	return env.serve(func(*url.URL) http.Handler {
		e := echo.New()
		add(e)
		return e
	})
}

// prepare prepares a floor's query once, on the product's own pool, as the product prepares its.
func (env *benchEnv) prepare(query string) *sqlx.Stmt {
	stmt, err := env.db.Preparex(query)
	if err != nil {
		env.b.Fatal(err)
	}
	env.b.Cleanup(func() { stmt.Close() })
	return stmt
}

// load is one kind of request: the i-th is build(ctx, i), and every answer must have status want.
// Requests are numbered across every drive of the load, so each can use its own link.
type load struct {
	build func(ctx context.Context, i int) (*http.Request, error)
	want  int
	sent  int
}

// result is what one or more drives of a load measured.
type result struct {
	elapsed   time.Duration
	latencies []time.Duration
}

func (r result) perSecond() float64 { return float64(len(r.latencies)) / r.elapsed.Seconds() }

// percentile is the latency that the fraction q of the requests did not exceed, in milliseconds.
func (r result) percentile(q float64) float64 {
	l := slices.Clone(r.latencies)
	slices.Sort(l)
	return float64(l[int(q*float64(len(l)-1))]) / float64(time.Millisecond)
}

func (r result) String() string {
	return fmt.Sprintf("%.0f req/s (p50 %.1f ms, p99 %.1f ms)", r.perSecond(), r.percentile(0.50), r.percentile(0.99))
}

// drive sends the next n requests of l from benchWorkers goroutines and waits for every answer. It
// fails on the first answer that is not l.want, and when the measurement takes longer than
// benchDeadline: a fast error is not a result.
func (env *benchEnv) drive(l *load, n int) (result, error) {
	ctx, cancel := context.WithTimeoutCause(context.Background(), benchDeadline,
		fmt.Errorf("%d requests took longer than %s", n, benchDeadline))
	defer cancel()
	ctx, fail := context.WithCancelCause(ctx)
	defer fail(nil)

	first := l.sent
	l.sent += n
	var next atomic.Int64
	latencies := make([][]time.Duration, benchWorkers)
	var wg sync.WaitGroup
	start := time.Now()
	for w := range benchWorkers {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n && ctx.Err() == nil; i = int(next.Add(1)) - 1 {
				sent := time.Now()
				if err := env.send(ctx, l, first+i); err != nil {
					fail(err)
					return
				}
				latencies[w] = append(latencies[w], time.Since(sent))
			}
		})
	}
	wg.Wait()
	r := result{elapsed: time.Since(start), latencies: slices.Concat(latencies...)}
	if err := context.Cause(ctx); err != nil {
		return r, err
	}
	if len(r.latencies) != n {
		return r, fmt.Errorf("%d of %d requests answered", len(r.latencies), n)
	}
	return r, nil
}

// send sends the i-th request of l and reads the whole answer, so the connection is kept.
func (env *benchEnv) send(ctx context.Context, l *load, i int) error {
	req, err := l.build(ctx, i)
	if err != nil {
		return err
	}
	resp, err := env.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != l.want {
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 300))
		return fmt.Errorf("%s %s: status %d, want %d; body: %s", req.Method, redactPath(req.URL.EscapedPath(), ""), resp.StatusCode, l.want, body)
	}
	_, err = io.Copy(io.Discard, resp.Body)
	return err
}

// compare warms both servers up, then measures n requests of each in benchTurns turns per side,
// floor and product alternating (floor, product, product, floor, floor, ...), so that the drift of
// a shared machine hits both alike. It prints and reports both, and the product's ratio to the
// floor.
func (env *benchEnv) compare(what, floorWhat string, target float64, n int, floor, product *load) {
	b := env.b
	for _, l := range []*load{floor, product} {
		if _, err := env.drive(l, benchWarmup); err != nil {
			b.Fatalf("%s, warming up: %v", what, err)
		}
	}
	var f, p result
	for turn := range benchTurns {
		order := []*load{floor, product}
		if turn%2 == 1 {
			order = []*load{product, floor}
		}
		for _, l := range order {
			r, err := env.drive(l, n/benchTurns)
			if err != nil {
				b.Fatalf("%s: %v", what, err)
			}
			side := &p
			if l == floor {
				side = &f
			}
			side.elapsed += r.elapsed
			side.latencies = append(side.latencies, r.latencies...)
		}
	}

	ratio := p.perSecond() / f.perSecond()
	verdict := "met"
	if ratio < target {
		verdict = "NOT met"
	}
	fmt.Printf("%s: %v, floor (%s): %v, ratio %.2f (target >= %.2f: %s)\n", what, p, floorWhat, f, ratio, target, verdict)
	b.ReportMetric(0, "ns/op") // the whole run is one op; its duration says nothing
	b.ReportMetric(p.perSecond(), "req/s")
	b.ReportMetric(f.perSecond(), "floor-req/s")
	b.ReportMetric(ratio, "ratio")
	b.ReportMetric(p.percentile(0.50), "p50-ms")
	b.ReportMetric(p.percentile(0.99), "p99-ms")
	b.ReportMetric(f.percentile(0.50), "floor-p50-ms")
	b.ReportMetric(f.percentile(0.99), "floor-p99-ms")
}

// BenchmarkSurveyPage measures GET /s/{token} beside a bare handler that looks the token up with
// one indexed SELECT and answers a few bytes.
func BenchmarkSurveyPage(b *testing.B) {
	env := newBenchEnv(b, 400)
	lookup := env.prepare(`SELECT invitation_id FROM invitation_tokens WHERE token_hash = $1`)
	floor := env.floor(func(e *echo.Echo) {
		e.GET("/floor/:token", func(c echo.Context) error {
			var id string
			if err := lookup.GetContext(c.Request().Context(), &id, threesixty.HashToken(c.Param("token"))); err != nil {
				return err
			}
			return c.String(http.StatusOK, id[:8])
		})
	})
	get := func(prefix string) *load {
		return &load{want: http.StatusOK, build: func(ctx context.Context, i int) (*http.Request, error) {
			return http.NewRequestWithContext(ctx, http.MethodGet, prefix+env.tokens[i%len(env.tokens)], nil)
		}}
	}
	env.compare("survey page", "one indexed SELECT", 0.50, benchPages, get(floor+"/floor/"), get(env.product+"/s/"))
}

// BenchmarkSurveySubmit measures POST /s/{token} with a complete form, each on an unused link,
// beside a bare handler that, for an unused invitation of its own, runs the same UPDATE and INSERT
// in one transaction.
func BenchmarkSurveySubmit(b *testing.B) {
	perSide := benchWarmup + benchSubmits
	env := newBenchEnv(b, 2*perSide)
	if len(env.issued) < 2*perSide {
		b.Fatalf("%d invitations, want %d", len(env.issued), 2*perSide)
	}
	mine, floors := env.issued[:perSide], env.issued[perSide:]

	// Every item answered and every question, as a person sends it; the floor stores the same
	// payload that the product makes of this form.
	form := url.Values{}
	for _, item := range env.in.Items {
		form.Set(item.ID, "4")
	}
	for _, q := range env.in.Questions {
		form.Set(q.ID, "Keeps the team focused on what matters.")
	}
	body := form.Encode()
	answers, problems := threesixty.ReadAnswers(env.in, form, true)
	if len(problems) > 0 {
		b.Fatalf("the form is not complete: %v", problems)
	}
	ratings, err := json.Marshal(answers.Ratings)
	if err != nil {
		b.Fatal(err)
	}
	comments, err := json.Marshal(answers.Comments)
	if err != nil {
		b.Fatal(err)
	}

	db := env.db
	use := env.prepare(`UPDATE invitations SET status = 'completed' WHERE id = $1 AND status = 'pending' RETURNING round_id, rater_group`)
	// The round keeps its held responses in a table of its own; the floor writes there directly.
	var table string
	if err := db.Get(&table, "SELECT round_table('held_responses', $1)", env.issued[0].RoundID); err != nil {
		b.Fatal(err)
	}
	hold := env.prepare(`INSERT INTO ` + pq.QuoteIdentifier(table) + ` (rater_group, submitted_on, ratings, comments)
VALUES ($1, (now() AT TIME ZONE 'UTC')::date, $2, $3)`)
	floor := env.floor(func(e *echo.Echo) {
		e.POST("/floor/:id", func(c echo.Context) error {
			ctx := c.Request().Context()
			if _, err := io.Copy(io.Discard, c.Request().Body); err != nil {
				return err
			}
			tx, err := db.BeginTxx(ctx, nil)
			if err != nil {
				return err
			}
			defer tx.Rollback()
			var roundID, group string
			if err := tx.StmtxContext(ctx, use).QueryRowxContext(ctx, c.Param("id")).Scan(&roundID, &group); err != nil {
				return err // sql.ErrNoRows for a used invitation: a 500, which fails the benchmark
			}
			if _, err := tx.StmtxContext(ctx, hold).ExecContext(ctx, group, ratings, comments); err != nil {
				return err
			}
			if err := tx.Commit(); err != nil {
				return err
			}
			return c.String(http.StatusOK, "stored")
		})
	})
	post := func(ctx context.Context, target string) (*http.Request, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, strings.NewReader(body))
		if err == nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		return req, err
	}
	product := &load{want: http.StatusOK, build: func(ctx context.Context, i int) (*http.Request, error) {
		if i >= len(mine) {
			return nil, errors.New("out of unused survey links")
		}
		return post(ctx, env.product+"/s/"+env.tokens[i])
	}}
	bare := &load{want: http.StatusOK, build: func(ctx context.Context, i int) (*http.Request, error) {
		if i >= len(floors) {
			return nil, errors.New("out of unused invitations")
		}
		return post(ctx, floor+"/floor/"+floors[i].ID)
	}}
	env.compare("survey submission", "same INSERT + UPDATE in a transaction", 0.60, benchSubmits, bare, product)
}
