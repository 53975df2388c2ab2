package outbox

import (
	"testing"
	"time"

	"threesixty/internal/mail"
	"threesixty/internal/postgres"
	"threesixty/internal/threesixty"
)

// TestAnErasedRatersInvitationIsNeverSent: a rater erased before their invitation went out gets
// nothing; everyone else gets theirs.
func TestAnErasedRatersInvitationIsNeverSent(t *testing.T) {
	e := newEnv(t)
	round, invitations := e.round(raters(threesixty.GroupPeer, "pat", "pia", "pete")...)
	erased := invitations[1]
	if err := e.store.EraseRater(e.ctx, e.coach, round.EngagementID, *erased.RaterID); err != nil {
		t.Fatal(err)
	}
	e.drain(e.worker(e.store))
	got := e.byRecipient()
	if got[erased.To.Email] != 0 {
		t.Errorf("the erased rater was sent %d messages", got[erased.To.Email])
	}
	if len(got) != len(invitations)-1 {
		t.Errorf("messages went to %v, want everyone but the erased rater", got)
	}
	var row struct {
		Status    string  `db:"status"`
		Recipient string  `db:"recipient"`
		Name      string  `db:"recipient_name"`
		LastError *string `db:"last_error"`
	}
	e.Get(&row, "SELECT status, recipient, recipient_name, last_error FROM outbox WHERE invitation_id = $1", erased.ID)
	if row.Status != Cancelled || row.Recipient != "" || row.Name != "" || row.LastError != nil {
		t.Errorf("the erased rater's invitation is %+v, want cancelled with no address, name or error", row)
	}
}

// TestAWorkerSendingDuringAnErasureRecordsNothing: a worker has claimed the rater's invitation
// and is sending it when the rater is erased. The message may already be on its way, but the
// worker stores no token for it, keeps no copy, and records no outcome: the message stays
// cancelled, with no address, name or server reply.
func TestAWorkerSendingDuringAnErasureRecordsNothing(t *testing.T) {
	for _, outcome := range []string{"sent", "retry", Bounced} {
		t.Run(outcome, func(t *testing.T) {
			e := newEnv(t)
			round, invitations := e.round(raters(threesixty.GroupPeer, "pat")...)
			claim, claimed, err := e.store.Claim(e.ctx, 10, 3*time.Minute)
			if err != nil || len(claimed) != len(invitations) {
				t.Fatalf("claimed %d, %v", len(claimed), err)
			}
			var m threesixty.OutboxMessage
			for _, c := range claimed {
				if c.To.Email == "pat@example.com" {
					m = c
				}
			}
			if err := e.store.EraseRater(e.ctx, e.coach, round.EngagementID, *invitations[1].RaterID); err != nil {
				t.Fatal(err)
			}
			tokens, err := e.store.MintTokens(e.ctx, []string{m.InvitationID})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := e.store.SurveyAccess(e.ctx, tokens[0]); threesixty.ErrorCode(err) != threesixty.ENOTFOUND {
				t.Errorf("a link minted after the erasure opens something: %v", err)
			}
			kept := &postgres.KeptMail{Store: e.store}
			if errs := kept.Send(e.ctx, []*mail.Rendered{{MessageID: m.MessageID, To: m.To, Subject: "Feedback for Alex", Text: "pat", HTML: "pat"}}); errs[0] != nil {
				t.Fatal(errs[0])
			}
			switch outcome {
			case "sent":
				err = e.store.MarkSent(e.ctx, claim, []string{m.ID})
			case "retry":
				err = e.store.Retry(e.ctx, claim, m.ID, time.Now(), "450 pat@example.com: mailbox busy")
			default:
				err = e.store.End(e.ctx, claim, m.ID, outcome, "550 pat@example.com: no such user")
			}
			if err != nil {
				t.Fatal(err)
			}
			var row struct {
				Status    string  `db:"status"`
				Recipient string  `db:"recipient"`
				LastError *string `db:"last_error"`
				Lease     *string `db:"lease"`
			}
			e.Get(&row, "SELECT status, recipient, last_error, CAST(lease AS text) AS lease FROM outbox WHERE id = $1", m.ID)
			if row.Status != Cancelled || row.Recipient != "" || row.LastError != nil || row.Lease != nil {
				t.Errorf("after the worker recorded %s the message is %+v, want cancelled and scrubbed", outcome, row)
			}
			var copies int
			e.Get(&copies, "SELECT count(*) FROM mailbox WHERE message_id = $1", m.MessageID)
			if copies != 0 {
				t.Error("a copy of the cancelled message was kept")
			}
		})
	}
}
