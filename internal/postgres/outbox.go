package postgres

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"threesixty/internal/threesixty"
)

// enqueue queues messages in tx: they exist only if tx commits.
func (s *Store) enqueue(ctx context.Context, tx *sqlx.Tx, msgs []threesixty.Message) error {
	if len(msgs) == 0 {
		return nil
	}
	purposes := make([]string, len(msgs))
	rounds := make([]string, len(msgs))
	invitations := make([]string, len(msgs))
	recipients := make([]string, len(msgs))
	names := make([]string, len(msgs))
	engagements := make([]string, len(msgs))
	for i, m := range msgs {
		purposes[i], rounds[i], invitations[i] = string(m.Purpose), m.RoundID, m.InvitationID
		recipients[i], names[i], engagements[i] = m.To.Email, m.To.Name, m.EngagementID
	}
	_, err := tx.StmtxContext(ctx, s.q.EnqueueMessages).ExecContext(ctx, s.MessageHost,
		pq.Array(purposes), pq.Array(rounds), pq.Array(invitations), pq.Array(recipients), pq.Array(names), pq.Array(engagements))
	return storeError(err)
}

// Enqueue queues messages in a transaction of their own. It is for messages no other change
// causes; a change that causes mail queues it in its own transaction.
func (s *Store) Enqueue(ctx context.Context, msgs []threesixty.Message) error {
	return s.inTx(ctx, func(tx *sqlx.Tx) error { return s.enqueue(ctx, tx, msgs) })
}

// outboxRow is a claimed message with what its text needs, as claim-messages returns it.
type outboxRow struct {
	ID                   string                      `db:"id"`
	MessageID            string                      `db:"message_id"`
	Purpose              threesixty.Purpose          `db:"purpose"`
	Recipient            string                      `db:"recipient"`
	RecipientName        string                      `db:"recipient_name"`
	Attempts             int                         `db:"attempts"`
	RoundID              string                      `db:"round_id"`
	InvitationID         string                      `db:"invitation_id"`
	RoundKind            threesixty.RoundKind        `db:"round_kind"`
	RoundStatus          threesixty.RoundStatus      `db:"round_status"`
	ClosesAt             time.Time                   `db:"closes_at"`
	LeaderName           string                      `db:"leader_name"`
	CoachName            string                      `db:"coach_name"`
	CoachEmail           string                      `db:"coach_email"`
	TimeZone             string                      `db:"time_zone"`
	Threshold            int                         `db:"threshold"`
	SuperiorIdentifiable bool                        `db:"superior_identifiable"`
	Group                threesixty.RaterGroup       `db:"rater_group"`
	InvitationStatus     threesixty.InvitationStatus `db:"invitation_status"`
	RemindersStopped     bool                        `db:"reminders_stopped"`
	EngagementID         string                      `db:"engagement_id"`
	Archived             bool                        `db:"archived"`
}

func (r *outboxRow) message() threesixty.OutboxMessage {
	m := threesixty.OutboxMessage{
		ID: r.ID, MessageID: r.MessageID, Purpose: r.Purpose, To: threesixty.Person{Name: r.RecipientName, Email: r.Recipient},
		Attempts: r.Attempts, RoundID: r.RoundID, InvitationID: r.InvitationID, RoundKind: r.RoundKind,
		RoundStatus: r.RoundStatus, ClosesAt: r.ClosesAt, LeaderName: r.LeaderName, CoachName: r.CoachName, CoachEmail: r.CoachEmail, TimeZone: r.TimeZone,
		Anonymity: threesixty.Anonymity{Threshold: r.Threshold, SuperiorIdentifiable: r.SuperiorIdentifiable},
		Group:     r.Group, InvitationStatus: r.InvitationStatus, RemindersStopped: r.RemindersStopped,
		EngagementID: r.EngagementID, Archived: r.Archived,
	}
	return m
}

// Claim takes up to n due messages for a lease of the given length. Until it runs out, no other
// worker gets them. It returns the claim's id, under which their outcomes are recorded.
func (s *Store) Claim(ctx context.Context, n int, lease time.Duration) (string, []threesixty.OutboxMessage, error) {
	claim := uuid()
	var rows []outboxRow
	if err := s.q.ClaimMessages.SelectContext(ctx, &rows, n, lease.Seconds(), claim); err != nil {
		return "", nil, storeError(err)
	}
	msgs := make([]threesixty.OutboxMessage, len(rows))
	asked := map[string][]threesixty.AskedRater{} // by round: a round's messages share the list
	for i := range rows {
		msgs[i] = rows[i].message()
		m := &msgs[i]
		if m.Purpose == threesixty.PurposeThresholdReached {
			var counted []byte
			if err := s.q.RoundProgressOf.GetContext(ctx, &counted, m.RoundID); err != nil {
				return "", nil, storeError(err)
			}
			var progress []threesixty.GroupProgress
			if err := json.Unmarshal(counted, &progress); err != nil {
				return "", nil, err
			}
			m.Progress = threesixty.FillProgress(progress)
		}
		if !m.TellsLeaderWhoWasAsked() {
			continue
		}
		list, ok := asked[m.RoundID]
		if !ok {
			var err error
			if list, err = s.askedInRound(ctx, m.RoundID); err != nil {
				return "", nil, err
			}
			asked[m.RoundID] = list
		}
		m.Asked = list
	}
	return claim, msgs, nil
}

// askedInRound is who was asked in a round, in the order the leader reads them: by group, then name.
func (s *Store) askedInRound(ctx context.Context, roundID string) ([]threesixty.AskedRater, error) {
	var rows []struct {
		Name  string                `db:"name"`
		Email string                `db:"email"`
		Group threesixty.RaterGroup `db:"rater_group"`
		Added bool                  `db:"added"`
	}
	if err := s.q.AskedInRound.SelectContext(ctx, &rows, roundID); err != nil {
		return nil, storeError(err)
	}
	list := make([]threesixty.AskedRater, len(rows))
	for i, r := range rows {
		list[i] = threesixty.AskedRater{Name: r.Name, Email: r.Email, Group: r.Group, Added: r.Added}
	}
	threesixty.SortAsked(list)
	return list, nil
}

// uuid is a random version 4 UUID.
func uuid() string {
	b := make([]byte, 16)
	rand.Read(b)
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// MintTokens makes a fresh token for each invitation, stores its hash and returns the tokens,
// which exist from then on only in the messages they are sent in; "" for an invitation withdrawn
// since its message was claimed (its rater erased), which gets no token and no message.
func (s *Store) MintTokens(ctx context.Context, invitationIDs []string) ([]string, error) {
	return mint(ctx, s.q.MintTokens, invitationIDs)
}

// MintLeaderTokens makes a fresh leader token for each engagement (one per message carrying
// the leader's link), stores its hash and returns the tokens, which exist from then on only in
// the messages they are sent in; "" for an engagement archived since its message was claimed,
// which gets no token.
func (s *Store) MintLeaderTokens(ctx context.Context, engagementIDs []string) ([]string, error) {
	return mint(ctx, s.q.MintLeaderTokens, engagementIDs)
}

// mint makes a fresh token for each of ids, has stmt store the hashes ($1) beside the ids ($2,
// then args), which returns the hashes it stored, and returns the tokens in order: "" for each
// the statement refused to store, whose message must not go out.
func mint(ctx context.Context, stmt *sqlx.Stmt, ids []string, args ...any) ([]string, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	tokens := make([]string, len(ids))
	hashes := make([][]byte, len(ids))
	for i := range ids {
		tokens[i], hashes[i] = threesixty.NewToken()
	}
	var stored [][]byte
	if err := stmt.SelectContext(ctx, &stored, append([]any{pq.ByteaArray(hashes), pq.Array(ids)}, args...)...); err != nil {
		return nil, storeError(err)
	}
	kept := make(map[string]bool, len(stored))
	for _, h := range stored {
		kept[string(h)] = true
	}
	for i := range tokens {
		if !kept[string(hashes[i])] {
			tokens[i] = ""
		}
	}
	return tokens, nil
}

// MarkSent records delivered messages of one claim (lease).
func (s *Store) MarkSent(ctx context.Context, lease string, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	_, err := s.q.MarkSent.ExecContext(ctx, pq.Array(ids), lease)
	return storeError(err)
}

// Retry puts a message of the claim lease back in the queue, due at at.
func (s *Store) Retry(ctx context.Context, lease, id string, at time.Time, reason string) error {
	_, err := s.q.RetryMessage.ExecContext(ctx, id, lease, at, reason)
	return storeError(err)
}

// End records that a message of the claim lease will not be sent, and why.
func (s *Store) End(ctx context.Context, lease, id, status, reason string) error {
	_, err := s.q.EndMessage.ExecContext(ctx, id, lease, status, reason)
	return storeError(err)
}
