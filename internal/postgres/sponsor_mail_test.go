package postgres_test

import (
	"testing"
	"time"

	"threesixty/internal/threesixty"
)

// closingAnswered makes an engagement, with a sponsor, whose baseline is released and whose
// closing round is open with answers; it returns the engagement's and the closing round's ids.
func closingAnswered(f *fixture) (string, string) {
	f.t.Helper()
	raters := append(people(threesixty.GroupPeer, "peer", 3), people(threesixty.GroupDirectReport, "report", 3)...)
	id := f.engagement(threesixty.Anonymity{Threshold: 3}, raters...)
	baseline, issued := f.open(id, threesixty.RoundKindBaseline)
	for i, inv := range issued {
		f.submit(inv, f.answers(1+i%5, ""))
	}
	f.close(baseline.ID)
	closing, issued := f.open(id, threesixty.RoundKindClosing)
	for i, inv := range issued {
		f.submit(inv, f.answers(2+i%4, ""))
	}
	return id, closing.ID
}

// TestAReleaseAndAConsentAtOnceQueueTheSponsorSummaryOnce: the leader gives consent while the
// closing round is being released, after the release has looked for a consent and before it
// commits (a trigger in this test's database holds the release there). Whichever commits second
// sees the other, so the sponsor's summary is queued, once, for the decision: never lost between
// the two, never twice.
func TestAReleaseAndAConsentAtOnceQueueTheSponsorSummaryOnce(t *testing.T) {
	f := newFixture(t)
	id, closingID := closingAnswered(f)
	// Keeping the responses for good comes after the release queued what it would.
	f.Exec(`CREATE FUNCTION hold_release() RETURNS trigger LANGUAGE plpgsql AS $$
		BEGIN PERFORM pg_sleep(2); RETURN NULL; END $$`)
	f.Exec(`CREATE TRIGGER hold_release BEFORE INSERT ON responses FOR EACH STATEMENT EXECUTE FUNCTION hold_release()`)

	released := make(chan error, 1)
	go func() {
		_, err := f.store.CloseRound(f.ctx, f.coach, closingID)
		released <- err
	}()
	time.Sleep(500 * time.Millisecond)
	if _, err := f.store.GiveSponsorConsent(f.ctx, threesixty.LeaderActor(id), id, threesixty.ConsentProgressByTheme); err != nil {
		t.Fatal(err)
	}
	if err := <-released; err != nil {
		t.Fatal(err)
	}
	var queued []struct {
		Consent int64  `db:"sponsor_consent_id"`
		Latest  int64  `db:"latest"`
		To      string `db:"recipient"`
	}
	f.Select(&queued, `SELECT o.sponsor_consent_id, o.recipient, (SELECT max(id) FROM sponsor_consents WHERE engagement_id = $1) AS latest
		FROM outbox o WHERE o.engagement_id = $1 AND o.purpose = 'sponsor_summary'`, id)
	if len(queued) != 1 || queued[0].Consent != queued[0].Latest || queued[0].To != "priya@example.com" {
		t.Fatalf("the sponsor summaries queued are %+v, want one, to the sponsor, for the decision", queued)
	}
	summary, why, err := f.store.SponsorSummaryToSend(f.ctx, queuedID(f, id))
	if err != nil || why != "" || summary == nil || summary.Consent.Scope != threesixty.ConsentProgressByTheme {
		t.Fatalf("the queued summary draws as %+v, %q, %v", summary, why, err)
	}
}

// TestASponsorSummaryForAnotherSponsorIsNotSent: were the engagement's sponsor address to change
// after a summary was queued (no store method changes it today, so the test does it in SQL), the
// summary would not go to the former sponsor's address.
func TestASponsorSummaryForAnotherSponsorIsNotSent(t *testing.T) {
	f := newFixture(t)
	id, closingID := closingAnswered(f)
	if _, err := f.store.GiveSponsorConsent(f.ctx, threesixty.LeaderActor(id), id, threesixty.ConsentGoalsAndProgress); err != nil {
		t.Fatal(err)
	}
	f.close(closingID)
	f.Exec("UPDATE engagements SET sponsor_email = 'quinn@example.com' WHERE id = $1", id)
	summary, why, err := f.store.SponsorSummaryToSend(f.ctx, queuedID(f, id))
	if err != nil || summary != nil || why == "" {
		t.Errorf("a summary queued for the former sponsor draws as %+v, %q, %v; want a reason not to send", summary, why, err)
	}
}

// queuedID is the outbox id of the engagement's one sponsor summary.
func queuedID(f *fixture, engagementID string) string {
	f.t.Helper()
	var id string
	f.Get(&id, "SELECT CAST(id AS text) FROM outbox WHERE engagement_id = $1 AND purpose = 'sponsor_summary'", engagementID)
	return id
}
