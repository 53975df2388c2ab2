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
	// InvitationWithdrawn is a pending invitation whose rater asked to be erased: it takes
	// nothing more, and its links are gone.
	InvitationWithdrawn InvitationStatus = "withdrawn"
)

// Invitation is one rater's (or the leader's) access to one round. Its links carry tokens that
// are minted when a message is sent; the store keeps nothing of them but their hashes.
type Invitation struct {
	ID      string
	RoundID string
	RaterID *string // nil for the leader's self-assessment
	Group   RaterGroup
	Status  InvitationStatus
	To      Person
}

// SurveyAccess is what a survey link opens: the invitation, its round, whose feedback it is and
// what its invitation promised.
type SurveyAccess struct {
	InvitationID      string
	Group             RaterGroup
	Status            InvitationStatus
	RoundID           string
	RoundKind         RoundKind
	RoundStatus       RoundStatus
	ClosesAt          time.Time
	InstrumentVersion string
	LeaderName        string
	TimeZone          string // the engagement's, in which the deadline is named
	CoachName         string // who a rater with a question can reach, by replying to the email
	// Anonymity is what the round's invitations stated.
	Anonymity Anonymity
	// Draft is what the rater saved to finish later, nil when nothing was.
	Draft *Answers
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
	// GoneWithdrawn: the invitation was withdrawn when its rater was erased. Erasure deletes
	// the invitation's links, so none should reach this; if one does, it opens nothing.
	GoneWithdrawn GoneReason = "withdrawn"
)

// Usable says why a survey link can no longer be used, or "" when it can.
func (a *SurveyAccess) Usable(now time.Time) GoneReason {
	switch {
	case a.Status == InvitationCompleted:
		return GoneUsed
	case a.Status == InvitationDeclined:
		return GoneDeclined
	case a.Status == InvitationWithdrawn:
		return GoneWithdrawn
	case a.RoundStatus == RoundStatusClosed:
		return GoneClosed
	case !now.Before(a.ClosesAt):
		return GoneExpired
	}
	return ""
}
