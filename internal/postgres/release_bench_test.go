package postgres_test

import (
	"context"
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"threesixty/internal/pgtest"
	"threesixty/internal/postgres"
	"threesixty/internal/threesixty"
	"threesixty/surveys"
)

// floorQuery is the plain SQL a release is measured against: per group and item, n, mean and
// standard deviation of one round's answers, straight from the responses table.
const floorQuery = `SELECT published_group, a.key, count(*), avg(a.value::int), stddev_samp(a.value::int)
FROM responses, jsonb_each_text(ratings) AS a(key, value)
WHERE round_id = $1 AND a.value IS NOT NULL
GROUP BY published_group, a.key`

// releaseFixture makes engagements of 14 raters and the leader: 15 respondents on the shipped
// instrument (42 items), each with a baseline round to answer.
type releaseFixture struct {
	store *postgres.Store
	db    *sqlx.DB
	in    *surveys.Instrument
	coach threesixty.Actor
}

func newReleaseFixture(b *testing.B, env *pgtest.Env) *releaseFixture {
	account, _, err := env.Store.CreateAccount(context.Background(), fmt.Sprintf("bench-%d@coaching.example.net", time.Now().UnixNano()), "Bench", threesixty.RoleCoach)
	if err != nil {
		b.Fatal(err)
	}
	return &releaseFixture{store: env.Store, db: env.DB, in: env.Instruments["leadership-360"], coach: threesixty.AccountActor(account)}
}

// answeredRound makes an engagement, opens its baseline and has all 15 respondents answer, one
// item in twenty "not able to rate", with a comment each.
func (f *releaseFixture) answeredRound(b *testing.B, seed int) string {
	ctx := context.Background()
	e, err := f.store.CreateEngagement(ctx, f.coach, &threesixty.Engagement{Leader: threesixty.Person{Name: "Lee", Email: "lee@example.com"}, Instrument: f.in.ID, Anonymity: threesixty.Anonymity{Threshold: 3}})
	if err != nil {
		b.Fatal(err)
	}
	var raters []threesixty.Rater
	for i, g := range []threesixty.RaterGroup{"superior", "superior", "peer", "peer", "peer", "peer", "direct_report", "direct_report", "direct_report", "direct_report", "direct_report", "direct_report", "other", "other"} {
		raters = append(raters, threesixty.Rater{Name: fmt.Sprintf("Rater %d", i), Email: fmt.Sprintf("r%d@example.com", i), Group: g})
	}
	if _, _, err := f.store.AddRaters(ctx, f.coach, e.ID, raters); err != nil {
		b.Fatal(err)
	}
	round, issued, err := f.store.OpenRound(ctx, f.coach, e.ID, threesixty.RoundPlan{Kind: threesixty.RoundKindBaseline, ClosesAt: time.Now().Add(48 * time.Hour), InstrumentVersion: f.in.Version, Reminders: threesixty.DefaultReminders})
	if err != nil {
		b.Fatal(err)
	}
	for r, inv := range issued {
		a := threesixty.Answers{Ratings: map[string]*int{}, Comments: map[string]string{"keep-doing": "Keeps the weekly priorities clear."}}
		for i, item := range f.in.Items {
			if (i+r+seed)%20 == 0 {
				a.Ratings[item.ID] = nil
				continue
			}
			v := 1 + (i*7+r*3+seed)%5
			a.Ratings[item.ID] = &v
		}
		if ok, err := f.store.SubmitResponse(ctx, inv.ID, a); err != nil || !ok {
			b.Fatalf("submit: %v %v", ok, err)
		}
	}
	return round.ID
}

// measureReleases closes `runs` answered rounds and times each release, and the floor query on
// the same rows right after it, returning both medians.
func measureReleases(b *testing.B, f *releaseFixture, runs int) (release, floor time.Duration) {
	ctx := context.Background()
	stmt, err := f.db.PreparexContext(ctx, floorQuery)
	if err != nil {
		b.Fatal(err)
	}
	defer stmt.Close()
	var releases, floors []time.Duration
	for i := 0; i <= runs; i++ {
		id := f.answeredRound(b, i)
		start := time.Now()
		if _, err := f.store.CloseRound(ctx, f.coach, id); err != nil {
			b.Fatal(err)
		}
		took := time.Since(start)
		start = time.Now()
		rows, err := stmt.QueryContext(ctx, id)
		if err != nil {
			b.Fatal(err)
		}
		cells := 0
		for rows.Next() {
			var group, key string
			var n int
			var mean float64
			var sd *float64
			if err := rows.Scan(&group, &key, &n, &mean, &sd); err != nil {
				b.Fatal(err)
			}
			cells++
		}
		rows.Close()
		floorTook := time.Since(start)
		if cells == 0 {
			b.Fatal("the floor query found no answers")
		}
		if i > 0 { // the first run warms caches and prepared statements
			releases = append(releases, took)
			floors = append(floors, floorTook)
		}
	}
	return median(releases), median(floors)
}

func median(d []time.Duration) time.Duration {
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	return d[len(d)/2]
}

func report(b *testing.B, what string, release, floor time.Duration) {
	ratio := float64(release) / float64(floor)
	b.ReportMetric(float64(release.Microseconds())/1000, "release-ms")
	b.ReportMetric(float64(floor.Microseconds())/1000, "floor-ms")
	b.ReportMetric(ratio, "x-floor")
	fmt.Printf("%s: release %.2f ms (median), plain SQL GROUP BY over the same rows %.2f ms, ratio %.2fx (target <= 3x, and well under 100 ms)\n",
		what, float64(release.Microseconds())/1000, float64(floor.Microseconds())/1000, ratio)
}

// BenchmarkRelease closes and releases rounds of 42 items and 15 respondents.
func BenchmarkRelease(b *testing.B) {
	f := newReleaseFixture(b, pgtest.New(b))
	for i := 0; i < b.N; i++ {
		release, floor := measureReleases(b, f, 25)
		report(b, "release, 42 items x 15 respondents", release, floor)
	}
}

// BenchmarkReleaseAmongMillion does the same while the database holds one million responses
// across 10,000 other engagements.
func BenchmarkReleaseAmongMillion(b *testing.B) {
	env := pgtest.New(b)
	fill(b, env.DB, env.Instruments["leadership-360"], 10000, 100)
	f := newReleaseFixture(b, env)
	for i := 0; i < b.N; i++ {
		release, floor := measureReleases(b, f, 25)
		report(b, "release among 1,000,000 responses of 10,000 engagements", release, floor)
	}
}

// fill writes engagements x perEngagement released responses straight in SQL.
func fill(b *testing.B, db *sqlx.DB, in *surveys.Instrument, engagements, perEngagement int) {
	start := time.Now()
	items := make([]string, len(in.Items))
	for i, item := range in.Items {
		items[i] = item.ID
	}
	steps := []struct {
		sql  string
		args []any
	}{
		{`INSERT INTO accounts (email, email_key, name, role) VALUES ('bulk@example.com', 'bulk@example.com', 'Bulk', 'coach')`, nil},
		{`INSERT INTO engagements (coach_id, leader_name, leader_email, instrument, threshold)
		  SELECT (SELECT id FROM accounts WHERE email = 'bulk@example.com'), 'Leader ' || i, 'l' || i || '@example.com', $1, 3
		  FROM generate_series(1, $2) i`, []any{in.ID, engagements}},
		{`INSERT INTO rounds (engagement_id, kind, instrument_version, status, threshold, superior_identifiable,
		                    closes_at, closed_at, released_at, reminder_after_days, reminder_before_close_days, reminder_limit)
		  SELECT id, 'baseline', $1, 'closed', 3, false, now(), now(), now(), 4, 2, 2 FROM engagements`, []any{in.Version}},
		{`CREATE TEMP TABLE docs AS
		  SELECT s, (SELECT jsonb_object_agg(item, CASE WHEN random() < 0.05 THEN NULL ELSE 1 + floor(random() * 5)::int END)
		             FROM unnest($1::text[]) AS item WHERE s >= 0) AS ratings
		  FROM generate_series(0, $2 - 1) s`, []any{pq.Array(items), perEngagement}},
		{`INSERT INTO responses (round_id, published_group, submitted_on, ratings, comments)
		  SELECT r.id, (ARRAY['superior', 'peer', 'direct_report', 'other'])[1 + d.s % 4], current_date, d.ratings, '{}'
		  FROM rounds r CROSS JOIN docs d`, nil},
		{`ANALYZE`, nil},
	}
	for _, step := range steps {
		if _, err := db.Exec(step.sql, step.args...); err != nil {
			b.Fatalf("%s: %v", step.sql, err)
		}
	}
	var n int
	if err := db.Get(&n, "SELECT count(*) FROM responses"); err != nil {
		b.Fatal(err)
	}
	fmt.Printf("filled %d responses across %d engagements in %s\n", n, engagements, time.Since(start).Round(time.Second))
}
