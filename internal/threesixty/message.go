package threesixty

import "time"

// Purpose says what a message is for; each has a template of the same name.
type Purpose string

// The messages the service sends.
const (
	// PurposeInvitation brings a rater, or the leader, their link to a round.
	PurposeInvitation Purpose = "invitation"
	// PurposeReminder reminds someone who has neither answered nor declined.
	PurposeReminder Purpose = "reminder"
	// PurposeThresholdReached tells the coach every group has enough answers to be shown.
	PurposeThresholdReached Purpose = "threshold_reached"
	// PurposeRoundReleased tells the coach a round has closed and its results are ready.
	PurposeRoundReleased Purpose = "round_released"
)

// CarriesLink reports whether a message of this purpose holds a survey link, and so needs a
// token minted when it is sent.
func (p Purpose) CarriesLink() bool { return p == PurposeInvitation || p == PurposeReminder }

// Message is a message to enqueue: what it is for, to whom, and what it is about. Its text is
// rendered only when it is sent.
type Message struct {
	Purpose      Purpose
	To           Person
	RoundID      string
	InvitationID string // for messages that carry a survey link
}

// OutboxMessage is a queued message claimed for sending, with everything its text needs, read
// at the moment it was claimed.
type OutboxMessage struct {
	ID           string  `db:"id"`
	Lease        string  `db:"lease"` // the claim that holds it
	MessageID    string  `db:"message_id"`
	Purpose      Purpose `db:"purpose"`
	To           Person  `db:"to"`
	Attempts     int     `db:"attempts"`
	RoundID      string  `db:"round_id"`
	InvitationID string  `db:"invitation_id"`

	RoundKind            RoundKind        `db:"round_kind"`
	RoundStatus          RoundStatus      `db:"round_status"`
	ClosesAt             time.Time        `db:"closes_at"`
	LeaderName           string           `db:"leader_name"`
	CoachName            string           `db:"coach_name"`
	Threshold            int              `db:"threshold"`
	SuperiorIdentifiable bool             `db:"superior_identifiable"`
	Group                RaterGroup       `db:"rater_group"`
	InvitationStatus     InvitationStatus `db:"invitation_status"`
	RemindersStopped     bool             `db:"reminders_stopped"`
}

// Stale says why a claimed message should no longer be sent, or "" when it should: no survey
// link after its round has closed, no reminder to someone who has answered, declined or asked
// for no more.
func (m *OutboxMessage) Stale(now time.Time) string {
	if !m.Purpose.CarriesLink() {
		return ""
	}
	switch {
	case m.RoundStatus != RoundStatusOpen || !now.Before(m.ClosesAt):
		return "the round has closed"
	case m.InvitationStatus != InvitationPending:
		return "the invitation is " + string(m.InvitationStatus)
	case m.Purpose == PurposeReminder && m.RemindersStopped:
		return "reminders were stopped"
	}
	return ""
}
