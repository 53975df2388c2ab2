package postgres_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"threesixty/internal/pgtest"
	"threesixty/internal/threesixty"
	"threesixty/surveys"
)

// TestRoundsPinTheirInstrumentVersion checks that a changed instrument file becomes a new
// version, and that a round keeps the version it was opened with.
func TestRoundsPinTheirInstrumentVersion(t *testing.T) {
	ctx := context.Background()
	env := pgtest.New(t)
	store, db := env.Store, env.DB
	old := env.Instruments["leadership-360"]
	account, _, err := store.CreateAccount(ctx, "coach@coaching.example.net", "Casey", threesixty.RoleCoach)
	if err != nil {
		t.Fatal(err)
	}
	coach := threesixty.AccountActor(account)
	e, err := store.CreateEngagement(ctx, coach, &threesixty.Engagement{
		Leader: threesixty.Person{Name: "Alex", Email: "alex@example.com"}, Instrument: old.ID,
		Anonymity: threesixty.Anonymity{Threshold: 3},
	})
	if err != nil {
		t.Fatal(err)
	}
	baseline, _, err := store.OpenRound(ctx, coach, e.ID, threesixty.RoundPlan{Kind: threesixty.RoundKindBaseline, ClosesAt: time.Now().Add(48 * time.Hour), InstrumentVersion: old.Version, Reminders: threesixty.DefaultReminders})
	if err != nil {
		t.Fatal(err)
	}

	changedSource := bytes.Replace(old.Source, []byte(old.Items[0].Others), []byte("Reworded, "+old.Items[0].Others), 1)
	changed, err := surveys.Parse("leadership-360.yaml", changedSource)
	if err != nil {
		t.Fatal(err)
	}
	if changed.Version == old.Version {
		t.Fatal("a changed file kept its version")
	}
	if err := store.SaveInstruments(ctx, []*surveys.Instrument{changed}); err != nil {
		t.Fatal(err)
	}
	if err := store.SaveInstruments(ctx, []*surveys.Instrument{changed, old}); err != nil {
		t.Fatalf("saving known versions again: %v", err)
	}
	var versions int
	if err := db.Get(&versions, "SELECT count(*) FROM instrument_versions WHERE instrument = 'leadership-360'"); err != nil {
		t.Fatal(err)
	}
	if versions != 2 {
		t.Errorf("%d versions stored, want 2", versions)
	}

	if _, err := store.CloseRound(ctx, coach, baseline.ID); err != nil {
		t.Fatal(err)
	}
	closing, _, err := store.OpenRound(ctx, coach, e.ID, threesixty.RoundPlan{Kind: threesixty.RoundKindClosing, ClosesAt: time.Now().Add(48 * time.Hour), InstrumentVersion: changed.Version, Reminders: threesixty.DefaultReminders})
	if err != nil {
		t.Fatal(err)
	}
	if baseline, err = store.Round(ctx, coach, baseline.ID); err != nil {
		t.Fatal(err)
	}
	if baseline.InstrumentVersion != old.Version || closing.InstrumentVersion != changed.Version {
		t.Errorf("baseline pins %.8s, closing %.8s; want %.8s and %.8s", baseline.InstrumentVersion, closing.InstrumentVersion, old.Version, changed.Version)
	}
	var source []byte
	if err := db.Get(&source, "SELECT source FROM instrument_versions WHERE version = $1", old.Version); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(source, old.Source) {
		t.Error("the stored source of the old version is not the file it was parsed from")
	}
	pinned, err := store.InstrumentVersion(ctx, baseline.InstrumentVersion)
	if err != nil || pinned.Items[0].Others != old.Items[0].Others {
		t.Errorf("the baseline's instrument reads %q, %v", pinned.Items[0].Others, err)
	}
}
