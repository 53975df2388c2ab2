package postgres_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"threesixty/internal/pgtest"
	"threesixty/internal/postgres"
	"threesixty/internal/threesixty"
	"threesixty/surveys"
)

// fixture is a store on a fresh database with one coach, and the pool under it for looking at
// the tables as a database administrator would.
type fixture struct {
	t     *testing.T
	ctx   context.Context
	store *postgres.Store
	pgtest.Tables
	in    *surveys.Instrument
	coach threesixty.Actor
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	env := pgtest.New(t)
	f := &fixture{t: t, ctx: context.Background(), store: env.Store, Tables: pgtest.Tables{T: t, DB: env.DB}, in: env.Instruments["leadership-360"]}
	account, _, err := f.store.CreateAccount(f.ctx, "casey@coaching.example.net", "Casey Coach", threesixty.RoleCoach)
	if err != nil {
		t.Fatal(err)
	}
	f.coach = threesixty.AccountActor(account)
	return f
}

// engagement creates an engagement for Alex with the given settings and raters.
func (f *fixture) engagement(a threesixty.Anonymity, raters ...threesixty.Rater) string {
	f.t.Helper()
	e, err := f.store.CreateEngagement(f.ctx, f.coach, &threesixty.Engagement{
		Leader: threesixty.Person{Name: "Alex", Email: "alex@example.com"}, Instrument: f.in.ID, Anonymity: a,
		Sponsor: &threesixty.Sponsor{Name: "Priya", Email: "priya@example.com", Organisation: "Northwind"},
	})
	if err != nil {
		f.t.Fatal(err)
	}
	if len(raters) > 0 {
		if _, _, err := f.store.AddRaters(f.ctx, f.coach, e.ID, raters); err != nil {
			f.t.Fatal(err)
		}
	}
	return e.ID
}

// open opens the engagement's next round of kind, closing in two days.
func (f *fixture) open(engagementID string, kind threesixty.RoundKind) (*threesixty.Round, []threesixty.Invitation) {
	f.t.Helper()
	round, issued, err := f.store.OpenRound(f.ctx, f.coach, engagementID, threesixty.RoundPlan{
		Kind: kind, ClosesAt: time.Now().Add(48 * time.Hour), InstrumentVersion: f.in.Version, Reminders: threesixty.DefaultReminders,
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return round, issued
}

// answers rates every item v and says comment to every open question.
func (f *fixture) answers(v int, comment string) threesixty.Answers {
	a := threesixty.Answers{Ratings: map[string]*int{}, Comments: map[string]string{}}
	for _, item := range f.in.Items {
		x := v
		a.Ratings[item.ID] = &x
	}
	if comment != "" {
		for _, q := range f.in.Questions {
			a.Comments[q.ID] = comment
		}
	}
	return a
}

func (f *fixture) submit(inv threesixty.Invitation, a threesixty.Answers) {
	f.t.Helper()
	if ok, err := f.store.SubmitResponse(f.ctx, inv.ID, a); err != nil || !ok {
		f.t.Fatalf("submit: %v %v", ok, err)
	}
}

// decline declines the invitation giving reason, or none when reason is "".
func (f *fixture) decline(inv threesixty.Invitation, reason threesixty.DeclineReason) {
	f.t.Helper()
	var given *threesixty.DeclineReason
	if reason != "" {
		given = &reason
	}
	if ok, err := f.store.Decline(f.ctx, inv.ID, given); err != nil || !ok {
		f.t.Fatalf("decline: %v %v", ok, err)
	}
}

func (f *fixture) close(roundID string) {
	f.t.Helper()
	if _, err := f.store.CloseRound(f.ctx, f.coach, roundID); err != nil {
		f.t.Fatal(err)
	}
}

// idleBaseline makes an engagement of three raters named after prefix whose baseline closed, and
// was released, days ago, with nothing since: a year-idle engagement once days passes 365 plus
// the retention period.
func (f *fixture) idleBaseline(prefix string, days int) (engagementID, roundID string) {
	f.t.Helper()
	e := f.engagement(threesixty.Anonymity{Threshold: 3}, people(threesixty.GroupPeer, prefix, 3)...)
	round, _ := f.open(e, threesixty.RoundKindBaseline)
	f.close(round.ID)
	f.backdate(round.ID, days)
	return e, round.ID
}

// backdate moves a closed round's close and release days into the past.
func (f *fixture) backdate(roundID string, days int) {
	f.t.Helper()
	f.Exec(`UPDATE rounds SET closed_at = now() - make_interval(days => $2), released_at = now() - make_interval(days => $2) WHERE id = $1`, roundID, days)
}

// people makes n raters of group g named after prefix.
func people(g threesixty.RaterGroup, prefix string, n int) []threesixty.Rater {
	var out []threesixty.Rater
	for i := 0; i < n; i++ {
		out = append(out, threesixty.Rater{Name: fmt.Sprintf("%s %d", prefix, i), Email: fmt.Sprintf("%s%d@example.com", prefix, i), Group: g})
	}
	return out
}
