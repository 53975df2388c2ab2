package threesixty

import "time"

// InvitationStatus is all an invitation records of what its rater did: never what they answered,
// never when.
type InvitationStatus string

// Invitation statuses.
const (
	InvitationPending   InvitationStatus = "pending"
	InvitationCompleted InvitationStatus = "completed"
	InvitationDeclined  InvitationStatus = "declined"
)

// Invitation is one rater's (or the leader's) access to one round. Its links carry tokens that
// are minted when a message is sent; the store keeps nothing of them but their hashes.
type Invitation struct {
	ID      string           `db:"id"`
	RoundID string           `db:"round_id"`
	RaterID *string          `db:"rater_id"` // nil for the leader's self-assessment
	Group   RaterGroup       `db:"rater_group"`
	Status  InvitationStatus `db:"status"`
	To      Person           `db:"-"`
}

// SurveyAccess is what a survey link opens: the invitation, its round and whose feedback it is.
type SurveyAccess struct {
	InvitationID         string           `db:"invitation_id"`
	Group                RaterGroup       `db:"rater_group"`
	Status               InvitationStatus `db:"status"`
	RoundID              string           `db:"round_id"`
	RoundKind            RoundKind        `db:"round_kind"`
	RoundStatus          RoundStatus      `db:"round_status"`
	ClosesAt             time.Time        `db:"closes_at"`
	InstrumentVersion    string           `db:"instrument_version"`
	LeaderName           string           `db:"leader_name"`
	Threshold            int              `db:"threshold"`
	SuperiorIdentifiable bool             `db:"superior_identifiable"`
	Draft                []byte           `db:"draft"` // JSON answers, when a draft was saved
}

// GoneReason says why a survey link that worked once can no longer be used. Each is shown to
// whoever opens the link, so none says whose link it was.
type GoneReason string

// Gone reasons, in the order Usable checks them.
const (
	GoneUsed     GoneReason = "used"     // the rater sent their feedback
	GoneDeclined GoneReason = "declined" // the rater declined
	GoneClosed   GoneReason = "closed"   // the coach closed the round
	GoneExpired  GoneReason = "expired"  // the round's closing time passed
)

// Usable says why a survey link can no longer be used, or "" when it can.
func (a *SurveyAccess) Usable(now time.Time) GoneReason {
	switch {
	case a.Status == InvitationCompleted:
		return GoneUsed
	case a.Status == InvitationDeclined:
		return GoneDeclined
	case a.RoundStatus == RoundStatusClosed:
		return GoneClosed
	case !now.Before(a.ClosesAt):
		return GoneExpired
	}
	return ""
}
