package postgres_test

import (
	"context"
	"io/fs"
	"sync"
	"testing"

	"github.com/pressly/goose/v3"

	"threesixty/internal/pgtest"
	"threesixty/internal/postgres"
	"threesixty/internal/threesixty"
	"threesixty/migrations"
)

// TestInstancesStartingTogetherMigrateOnce: several instances migrate one empty database at the
// same moment; they take turns under the advisory lock, so the schema is applied exactly once and
// every one of them ends with it current.
func TestInstancesStartingTogetherMigrateOnce(t *testing.T) {
	ctx := context.Background()
	url := pgtest.BlankURL(t)
	var wg sync.WaitGroup
	applied := make([]int, 4)
	for i := range applied {
		db, err := postgres.Connect(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		wg.Go(func() {
			n, err := postgres.Migrate(ctx, db)
			if err != nil {
				t.Errorf("instance %d: %v", i, err)
			}
			applied[i] = n
		})
	}
	wg.Wait()
	files, err := fs.Glob(migrations.FS, "*.sql")
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, n := range applied {
		total += n
	}
	if total != len(files) {
		t.Errorf("the instances applied %v migrations between them, want each of the %d once", applied, len(files))
	}
}

// TestTheLeaderMigrationGoesDownAndUpAgain: 00009 undoes itself on a database that has not used
// what it adds, and applies again, so an upgrade can be rolled back before anyone used the
// leader's page; once consent has been recorded, going down is refused rather than losing it.
func TestTheLeaderMigrationGoesDownAndUpAgain(t *testing.T) {
	ctx := context.Background()
	db, err := postgres.Connect(ctx, pgtest.BlankURL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := postgres.Migrate(ctx, db); err != nil {
		t.Fatal(err)
	}
	p, err := goose.NewProvider(goose.DialectPostgres, db.DB, migrations.FS)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.DownTo(ctx, 8); err != nil {
		t.Fatalf("down to 8: %v", err)
	}
	var exists bool
	if err := db.GetContext(ctx, &exists, "SELECT to_regclass('nominations') IS NOT NULL"); err != nil {
		t.Fatal(err)
	}
	if exists {
		t.Error("nominations is still there after going down")
	}
	pending, err := postgres.Pending(ctx, db)
	if err != nil || pending < 1 {
		t.Fatalf("after going down, %d pending: %v", pending, err)
	}
	if n, err := postgres.Migrate(ctx, db); err != nil || n != pending {
		t.Fatalf("up again: %d applied of %d pending, %v", n, pending, err)
	}
	// Consent recorded: the history must not be dropped by a rollback.
	var coach, engagement string
	if err := db.GetContext(ctx, &coach, `INSERT INTO accounts (email, email_key, name, role)
		VALUES ('c@example.net', 'c@example.net', 'C', 'coach') RETURNING id`); err != nil {
		t.Fatal(err)
	}
	if err := db.GetContext(ctx, &engagement, `INSERT INTO engagements (coach_id, leader_name, leader_email, instrument, threshold)
		VALUES ($1, 'L', 'l@example.com', 'leadership-360', 3) RETURNING id`, coach); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO sponsor_consents (engagement_id, decision, scope) VALUES ($1, 'given', 'goals_and_progress')`, engagement); err != nil {
		t.Fatal(err)
	}
	if _, err := p.DownTo(ctx, 8); err == nil {
		t.Error("going down dropped a recorded consent")
	}
	if _, err := db.ExecContext(ctx, `UPDATE sponsor_consents SET scope = 'themes_and_progress'`); err == nil {
		t.Error("a consent entry was changed")
	}
	if _, err := db.ExecContext(ctx, `DELETE FROM sponsor_consents`); err == nil {
		t.Error("a consent entry was deleted")
	}
}

// TestTheDeclineReasonsMigrationGoesDownAndUpAgain: 00016 gives every round open when it runs
// its table of held reasons, takes them away again going down, leaving the round's drafts and held
// responses, and gives them back going up, so the round closes as any other.
func TestTheDeclineReasonsMigrationGoesDownAndUpAgain(t *testing.T) {
	const before = 15 // the version before the migration that adds decline reasons
	f := newFixture(t)
	e := f.engagement(threesixty.Anonymity{Threshold: 3}, people(threesixty.GroupPeer, "peer", 3)...)
	round, issued := f.open(e, threesixty.RoundKindBaseline)
	f.submit(issued[0], f.answers(3, ""))
	tables := func() (held, reasons bool) {
		f.Get(&held, "SELECT to_regclass(round_table('held_responses', $1)) IS NOT NULL", round.ID)
		f.Get(&reasons, "SELECT to_regclass(round_table('held_decline_reasons', $1)) IS NOT NULL", round.ID)
		return held, reasons
	}
	p, err := goose.NewProvider(goose.DialectPostgres, f.DB.DB, migrations.FS)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.DownTo(f.ctx, before); err != nil {
		t.Fatalf("down to %d: %v", before, err)
	}
	if held, reasons := tables(); !held || reasons {
		t.Errorf("after going down: held responses %v (want kept), held reasons %v (want gone)", held, reasons)
	}
	if _, err := p.Up(f.ctx); err != nil {
		t.Fatalf("up again: %v", err)
	}
	if held, reasons := tables(); !held || !reasons {
		t.Errorf("after going up again: held responses %v, held reasons %v, want both", held, reasons)
	}
	f.decline(issued[1], threesixty.DeclineOther)
	f.close(round.ID)
	if held, reasons := tables(); held || reasons {
		t.Errorf("after close: held responses %v, held reasons %v, want neither", held, reasons)
	}
}
