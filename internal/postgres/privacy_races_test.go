package postgres_test

import (
	"context"
	"io"
	"log/slog"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"threesixty/internal/mail"
	"threesixty/internal/outbox"
	"threesixty/internal/postgres"
	"threesixty/internal/threesixty"
	"threesixty/migrations"

	"github.com/pressly/goose/v3"
)

// waitForLockWaiters polls until n sessions of this database wait on a lock.
func (f *fixture) waitForLockWaiters(n int) {
	f.t.Helper()
	for i := 0; i < 200; i++ {
		var w int
		f.Get(&w, `SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`)
		if w >= n {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	f.t.Fatalf("never saw %d lock waiters", n)
}

// TestErasureAndACloseDoNotDeadlock: an erasure locks the engagement, then shares the round's
// lock; a close holds the round and then, through the audit trail's foreign key, shares a key
// lock on the engagement. The engagement's lock takes no key lock, so the two queue, not deadlock.
func TestErasureAndACloseDoNotDeadlock(t *testing.T) {
	f := newFixture(t)
	e := f.engagement(threesixty.Anonymity{Threshold: 3}, append(people(threesixty.GroupPeer, "peer", 3), quill)...)
	round, issued := f.open(e, threesixty.RoundKindBaseline)
	for _, inv := range issued {
		if inv.To.Email != quill.Email {
			f.submit(inv, f.answers(3, ""))
		}
	}
	var id string
	f.Get(&id, `SELECT id FROM raters WHERE email = $1`, quill.Email)
	// Hold the close just before its audit entry, as a slow release would.
	tx := f.DB.MustBegin()
	tx.MustExec(`LOCK TABLE audit_trail IN SHARE MODE`)
	closeErr := make(chan error, 1)
	go func() { _, err := f.store.CloseRound(f.ctx, f.coach, round.ID); closeErr <- err }()
	f.waitForLockWaiters(1)
	eraseErr := make(chan error, 1)
	go func() { eraseErr <- f.store.EraseRater(f.ctx, f.coach, e, id) }()
	f.waitForLockWaiters(2)
	tx.Rollback()
	c, er := <-closeErr, <-eraseErr
	if c != nil || er != nil {
		t.Errorf("close: %v; erase: %v", c, er)
	}
}

// TestDeletionAndACloseDoNotDeadlock: the same with an admin deleting the engagement.
func TestDeletionAndACloseDoNotDeadlock(t *testing.T) {
	f := newFixture(t)
	admin, _, err := f.store.CreateAccount(f.ctx, "ada@coaching.example.net", "Ada Admin", threesixty.RoleAdmin)
	if err != nil {
		t.Fatal(err)
	}
	e := f.engagement(threesixty.Anonymity{Threshold: 3}, people(threesixty.GroupPeer, "peer", 3)...)
	round, issued := f.open(e, threesixty.RoundKindBaseline)
	for _, inv := range issued {
		f.submit(inv, f.answers(3, ""))
	}
	tx := f.DB.MustBegin()
	tx.MustExec(`LOCK TABLE audit_trail IN SHARE MODE`)
	closeErr := make(chan error, 1)
	go func() { _, err := f.store.CloseRound(f.ctx, f.coach, round.ID); closeErr <- err }()
	f.waitForLockWaiters(1)
	delErr := make(chan error, 1)
	go func() { delErr <- f.store.DeleteEngagement(f.ctx, threesixty.AccountActor(admin), e) }()
	f.waitForLockWaiters(2)
	tx.Rollback()
	c, d := <-closeErr, <-delErr
	if c != nil || d != nil {
		t.Errorf("close: %v; delete: %v", c, d)
	}
}

// TestAReleaseCannotBeTruncated: no row trigger sees a TRUNCATE, so results and responses
// refuse it at the statement, as they refuse every change but an engagement's deletion.
func TestAReleaseCannotBeTruncated(t *testing.T) {
	f := newFixture(t)
	e := f.engagement(threesixty.Anonymity{Threshold: 3}, people(threesixty.GroupPeer, "peer", 3)...)
	round, issued := f.open(e, threesixty.RoundKindBaseline)
	for _, inv := range issued {
		f.submit(inv, f.answers(3, ""))
	}
	f.close(round.ID)
	for _, table := range []string{"results", "responses"} {
		if _, err := f.DB.Exec(`TRUNCATE ` + table + ` CASCADE`); err == nil || !strings.Contains(err.Error(), "never change") {
			t.Errorf("TRUNCATE %s: %v", table, err)
		}
	}
	var n int
	f.Get(&n, `SELECT count(*) FROM results WHERE round_id = $1`, round.ID)
	if n != 1 {
		t.Error("the release is gone")
	}
}

// TestRetentionReachesAnEngagementThatNeverOpenedARound: without a round, the engagement counts
// as ended a year after it was created, and retention forgets its raters after that.
func TestRetentionReachesAnEngagementThatNeverOpenedARound(t *testing.T) {
	f := newFixture(t)
	e := f.engagement(threesixty.Anonymity{Threshold: 3}, people(threesixty.GroupPeer, "ulrich", 3)...)
	f.Exec(`UPDATE engagements SET created_at = now() - interval '5 years' WHERE id = $1`, e)
	f.Exec(`UPDATE raters SET created_at = now() - interval '5 years' WHERE engagement_id = $1`, e)
	n, err := f.store.ApplyRetention(f.ctx, 90*24*time.Hour, 20)
	if err != nil {
		t.Fatal(err)
	}
	if traces := f.tracesOf("ulrich"); len(traces) > 0 {
		t.Errorf("five years on, never started, retention ran %d: %v", n, traces)
	}
}

// TestRetentionRunsAgainWhenAnEngagementGoesOn: an engagement forgotten after a year idle can go
// on, with new raters and a closing round; once that ends, they are forgotten too.
func TestRetentionRunsAgainWhenAnEngagementGoesOn(t *testing.T) {
	f := newFixture(t)
	e, _ := f.idleBaseline("wanda", 460)
	if n, err := f.store.ApplyRetention(f.ctx, 90*24*time.Hour, 20); err != nil || n != 1 {
		t.Fatalf("retention %d %v", n, err)
	}
	if _, _, err := f.store.AddRaters(f.ctx, f.coach, e, people(threesixty.GroupPeer, "violet", 3)); err != nil {
		t.Fatal(err)
	}
	closing, _ := f.open(e, threesixty.RoundKindClosing)
	f.close(closing.ID)
	f.backdate(closing.ID, 200)
	n, err := f.store.ApplyRetention(f.ctx, 90*24*time.Hour, 20)
	if err != nil {
		t.Fatal(err)
	}
	if traces := f.tracesOf("violet"); len(traces) > 0 {
		t.Errorf("closing round released 200 days ago, retention ran %d, names kept: %v", n, traces)
	}
}

// TestRetentionLeavesAnEngagementSomeoneIsWorkingOn: an engagement locked by the coach (opening
// a round, say) is skipped, not waited for; once the round is open, the engagement has not ended,
// and retention leaves it and the new round's invitations alone.
func TestRetentionLeavesAnEngagementSomeoneIsWorkingOn(t *testing.T) {
	f := newFixture(t)
	e, _ := f.idleBaseline("wanda", 460)

	tx := f.DB.MustBegin() // the coach's OpenRound, holding the engagement lock
	defer tx.Rollback()
	tx.MustExec(`SELECT 1 FROM engagements WHERE id = $1 FOR NO KEY UPDATE`, e)
	if n, err := f.store.ApplyRetention(f.ctx, 90*24*time.Hour, 20); err != nil || n != 0 {
		t.Fatalf("retention ran %d, %v on an engagement locked by the coach", n, err)
	}
	var open string
	if err := tx.Get(&open, `INSERT INTO rounds (engagement_id, kind, instrument_version, closes_at, threshold, superior_identifiable,
		reminder_after_days, reminder_before_close_days, reminder_limit)
		SELECT id, 'closing', $2, now() + interval '2 days', threshold, superior_identifiable, 4, 2, 2 FROM engagements WHERE id = $1
		RETURNING id`, e, f.in.Version); err != nil {
		t.Fatal(err)
	}
	tx.MustExec(`SELECT create_round_storage($1)`, open)
	tx.MustExec(`INSERT INTO invitations (round_id, rater_id, rater_group) SELECT $1, id, rater_group FROM raters WHERE engagement_id = $2`, open, e)
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if n, err := f.store.ApplyRetention(f.ctx, 90*24*time.Hour, 20); err != nil || n != 0 {
		t.Fatalf("retention ran %d, %v on an engagement with an open round", n, err)
	}
	var withdrawn int
	f.Get(&withdrawn, `SELECT count(*) FROM invitations WHERE round_id = $1 AND status = 'withdrawn'`, open)
	if withdrawn > 0 {
		t.Errorf("retention withdrew %d invitations of an open round", withdrawn)
	}
}

// TestRetentionRunsOnceForTwoInstances: two instances ticking at once forget an engagement once
// between them.
func TestRetentionRunsOnceForTwoInstances(t *testing.T) {
	f := newFixture(t)
	f.idleBaseline("wanda", 460)
	var wg sync.WaitGroup
	counts := make([]int, 2)
	for i := range counts {
		wg.Go(func() {
			n, err := f.store.ApplyRetention(f.ctx, 90*24*time.Hour, 20)
			if err != nil {
				t.Error(err)
			}
			counts[i] = n
		})
	}
	wg.Wait()
	if counts[0]+counts[1] != 1 {
		t.Errorf("two instances handled the one engagement %v times", counts)
	}
}

// eraseOnMint erases a rater at the moment the worker mints its links: after the claim.
type eraseOnMint struct {
	*postgres.Store
	erase func()
}

func (s *eraseOnMint) MintTokens(ctx context.Context, ids []string) ([]string, error) {
	if s.erase != nil {
		s.erase()
		s.erase = nil
	}
	return s.Store.MintTokens(ctx, ids)
}

type recording struct {
	to   []string
	next mail.Sender
	pre  func()
}

func (r *recording) Send(ctx context.Context, msgs []*mail.Rendered) []error {
	if r.pre != nil {
		r.pre()
		r.pre = nil
	}
	for _, m := range msgs {
		r.to = append(r.to, m.To.Email+" "+m.Text)
	}
	if r.next != nil {
		return r.next.Send(ctx, msgs)
	}
	return make([]error, len(msgs))
}
func (r *recording) Close() error { return nil }

// TestNoMailGoesToARaterErasedAfterTheClaim: an erasure that commits between a worker's claim
// and its minting of the links withdraws the invitation; the mint stores no token for it, and
// the worker sends nothing to the erased address.
func TestNoMailGoesToARaterErasedAfterTheClaim(t *testing.T) {
	f := newFixture(t)
	e := f.engagement(threesixty.Anonymity{Threshold: 3}, append(people(threesixty.GroupPeer, "peer", 3), quill)...)
	f.open(e, threesixty.RoundKindBaseline)
	var id string
	f.Get(&id, `SELECT id FROM raters WHERE email = $1`, quill.Email)
	base, _ := url.Parse("http://survey.test")
	composer, _ := mail.NewComposer(base)
	st := &eraseOnMint{Store: f.store, erase: func() {
		if err := f.store.EraseRater(f.ctx, f.coach, e, id); err != nil {
			t.Fatal(err)
		}
	}}
	rec := &recording{}
	w := &outbox.Worker{Store: st, Composer: composer, Sender: rec, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if _, err := w.Drain(f.ctx); err != nil {
		t.Fatal(err)
	}
	for _, to := range rec.to {
		if strings.HasPrefix(to, quill.Email+" ") {
			t.Errorf("mail went to the erased rater after the erasure committed and the mint saw it")
		}
	}
}

// TestDownMigrationsRefuseToLoseErasuresAndDeletions: undoing migrations would forget which
// engagements were deleted (what a restore must replay) and turn erased raters back into raters
// to invite; once either has happened, going down stops with a refusal, the record kept.
func TestDownMigrationsRefuseToLoseErasuresAndDeletions(t *testing.T) {
	for _, erase := range []bool{false, true} {
		f := newFixture(t)
		admin, _, _ := f.store.CreateAccount(f.ctx, "ada@coaching.example.net", "Ada Admin", threesixty.RoleAdmin)
		gone := f.engagement(threesixty.Anonymity{Threshold: 3}, people(threesixty.GroupPeer, "peer", 3)...)
		if err := f.store.DeleteEngagement(f.ctx, threesixty.AccountActor(admin), gone); err != nil {
			t.Fatal(err)
		}
		e := f.engagement(threesixty.Anonymity{Threshold: 3}, append(people(threesixty.GroupPeer, "peer", 3), quill)...)
		if erase {
			var id string
			f.Get(&id, `SELECT id FROM raters WHERE email = $1`, quill.Email)
			if err := f.store.EraseRater(f.ctx, f.coach, e, id); err != nil {
				t.Fatal(err)
			}
		}
		p, err := goose.NewProvider(goose.DialectPostgres, f.DB.DB, migrations.FS)
		if err != nil {
			t.Fatal(err)
		}
		res, err := p.DownTo(f.ctx, 3)
		var v int64
		f.Get(&v, `SELECT max(version_id) FROM goose_db_version`)
		var deletions bool
		f.Get(&deletions, `SELECT to_regclass('deletions') IS NOT NULL`)
		if err == nil || v < 5 || !deletions {
			t.Errorf("erased %v: down ran %d migrations (%v) to version %d, deletions kept: %v; want a refusal at 5, with the deletions kept", erase, len(res), err, v, deletions)
		}
	}
}
