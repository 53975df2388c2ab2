package main

import (
	"context"
	"strings"
	"testing"

	"threesixty/internal/pgtest"
	"threesixty/internal/postgres"
	"threesixty/internal/threesixty"
	"threesixty/surveys"
)

// TestRaterEraseErasesEveryEngagement: one person rates in two engagements of two coaches,
// under two spellings of their address; "rater erase" erases both, as the service, and says so.
// Run again, it finds nobody left.
func TestRaterEraseErasesEveryEngagement(t *testing.T) {
	url := pgtest.URL(t)
	t.Setenv("DATABASE_URL", url)
	ctx := context.Background()
	db, err := postgres.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	store, err := postgres.New(db)
	if err != nil {
		t.Fatal(err)
	}
	list, err := surveys.Load()
	if err != nil {
		t.Fatal(err)
	}
	if err := store.SaveInstruments(ctx, list); err != nil {
		t.Fatal(err)
	}
	for i, address := range []string{"robin@example.com", "Robin+work@Example.com"} {
		account, _, err := store.CreateAccount(ctx, []string{"casey@coaching.test", "cory@coaching.test"}[i], "Coach", threesixty.RoleCoach)
		if err != nil {
			t.Fatal(err)
		}
		coach := threesixty.AccountActor(account)
		e, err := store.CreateEngagement(ctx, coach, &threesixty.Engagement{
			Leader: threesixty.Person{Name: "Alex", Email: "alex@example.com"}, Instrument: "leadership-360", Anonymity: threesixty.Anonymity{Threshold: 3},
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := store.AddRaters(ctx, coach, e.ID, []threesixty.Rater{
			{Name: "Robin Rater", Email: address, Group: threesixty.GroupPeer},
			{Name: "Kim Kept", Email: "kim@example.com", Group: threesixty.GroupPeer},
		}); err != nil {
			t.Fatal(err)
		}
	}

	out, err := runCommand(t, "rater", "erase", "--email", "ROBIN@example.com")
	if err != nil || !strings.Contains(out, "erased 2 rater(s)") {
		t.Fatalf("rater erase: %q, %v", out, err)
	}
	var left []string
	if err := db.Select(&left, `SELECT email FROM raters WHERE erased_at IS NULL ORDER BY email`); err != nil {
		t.Fatal(err)
	}
	if strings.Join(left, ",") != "kim@example.com,kim@example.com" {
		t.Errorf("raters left: %v", left)
	}
	var entries int
	if err := db.Get(&entries, `SELECT count(*) FROM audit_trail WHERE action = 'rater_erased' AND account_id IS NULL AND rater_id IS NULL`); err != nil {
		t.Fatal(err)
	}
	if entries != 2 {
		t.Errorf("%d erasures by the service in the audit trails, want one in each engagement", entries)
	}
	out, err = runCommand(t, "rater", "erase", "--email", "robin@example.com")
	if err != nil || !strings.Contains(out, "erased 0 rater(s)") {
		t.Errorf("erasing again: %q, %v", out, err)
	}
	for _, args := range [][]string{{"rater", "erase"}, {"rater"}, {"rater", "forget", "--email", "robin@example.com"}} {
		if _, err := runCommand(t, args...); err == nil {
			t.Errorf("%v was accepted", args)
		}
	}
}
