package postgres_test

import (
	"testing"
	"time"

	"threesixty/internal/threesixty"
)

// TestAChangeThatRollsBackQueuesNoMail: messages are queued in the transaction of the change
// that causes them. Opening a round queues every invitation before it records itself in the
// audit trail; when that last write fails, the round does not exist and neither does any of its
// mail.
func TestAChangeThatRollsBackQueuesNoMail(t *testing.T) {
	f := newFixture(t)
	e := f.engagement(threesixty.Anonymity{Threshold: 3}, people(threesixty.GroupPeer, "peer", 3)...)
	f.Exec(`CREATE FUNCTION fail_audit() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN IF NEW.action = 'round_opened' THEN RAISE EXCEPTION 'the change fails after queueing its mail'; END IF; RETURN NEW; END $$`)
	f.Exec("CREATE TRIGGER fail_audit BEFORE INSERT ON audit_trail FOR EACH ROW EXECUTE FUNCTION fail_audit()")
	_, _, err := f.store.OpenRound(f.ctx, f.coach, e, threesixty.RoundPlan{Kind: threesixty.RoundKindBaseline,
		ClosesAt: f.store.Now().Add(48 * time.Hour), InstrumentVersion: f.in.Version, Reminders: threesixty.DefaultReminders})
	if err == nil {
		t.Fatal("the failing change succeeded")
	}
	var left struct {
		Rounds   int `db:"rounds"`
		Messages int `db:"messages"`
	}
	f.Get(&left, "SELECT (SELECT count(*) FROM rounds) AS rounds, (SELECT count(*) FROM outbox) AS messages")
	if left.Rounds != 0 || left.Messages != 0 {
		t.Errorf("a change that rolled back left %d rounds and %d queued messages", left.Rounds, left.Messages)
	}
	f.Exec("DROP TRIGGER fail_audit ON audit_trail")
	f.open(e, threesixty.RoundKindBaseline)
	f.Get(&left, "SELECT (SELECT count(*) FROM rounds) AS rounds, (SELECT count(*) FROM outbox) AS messages")
	if left.Rounds != 1 || left.Messages != 4 {
		t.Errorf("the same change, committed, left %d rounds and %d messages; want 1 and 4", left.Rounds, left.Messages)
	}
}
