package threesixty

import (
	"sort"
	"time"
)

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
	// PurposeRatersAdded tells the leader who was asked, when raters join an open round, so
	// that nobody can be added behind the leader's back.
	PurposeRatersAdded Purpose = "raters_added"
	// PurposeReportShared tells the leader the coach has shared a round's report with them,
	// with their leader link.
	PurposeReportShared Purpose = "report_shared"
	// PurposeLeaderLink brings the leader a fresh leader link, after the coach rotated it.
	PurposeLeaderLink Purpose = "leader_link"
	// PurposePasswordSetup brings a new account the link that sets its first password.
	PurposePasswordSetup Purpose = "password_setup"
	// PurposePasswordReset brings the link that sets a new password to someone who asked.
	PurposePasswordReset Purpose = "password_reset"
	// PurposeSponsorSummary brings the sponsor the sponsor summary, as a PDF, once the closing
	// round is released with the leader's consent. The summary is drawn when the message is
	// sent, from the consent in force then; the message is dropped if none is.
	PurposeSponsorSummary Purpose = "sponsor_summary"
)

// CarriesLink reports whether a message of this purpose holds a survey link, and so needs a
// token minted when it is sent.
func (p Purpose) CarriesLink() bool { return p == PurposeInvitation || p == PurposeReminder }

// CarriesPasswordLink reports whether a message of this purpose holds a password link, and so
// needs one minted when it is sent.
func (p Purpose) CarriesPasswordLink() bool {
	return p == PurposePasswordSetup || p == PurposePasswordReset
}

// Message is a message to enqueue: what it is for, to whom, and what it is about. Its text is
// rendered only when it is sent.
type Message struct {
	Purpose      Purpose
	To           Person
	RoundID      string
	InvitationID string // for messages that carry a survey link
	// EngagementID names the engagement of a message to the leader that carries their leader
	// link; the others reach it through their round.
	EngagementID string
}

// OutboxMessage is a queued message claimed for sending, with everything its text needs, read
// at the moment it was claimed.
type OutboxMessage struct {
	ID           string
	MessageID    string
	Purpose      Purpose
	To           Person
	Attempts     int
	RoundID      string
	InvitationID string
	// EngagementID is the engagement the message is about, through its round or named itself.
	EngagementID string

	RoundKind        RoundKind
	RoundStatus      RoundStatus
	ClosesAt         time.Time
	LeaderName       string
	CoachName        string
	CoachEmail       string    // where a rater's reply goes
	TimeZone         string    // the engagement's, in which the deadline is named
	Anonymity        Anonymity // as the round's invitations state it
	Group            RaterGroup
	InvitationStatus InvitationStatus
	RemindersStopped bool
	// Archived is true once the engagement is archived: no leader link goes out for it.
	Archived bool
	// Asked lists who was asked for feedback in the round, for the messages that tell the
	// leader: their invitation to the self-assessment, and the notice of raters added.
	Asked []AskedRater
	// Progress is the round's counts per group, for the notice that the threshold is reached,
	// which says which groups are ready and which can never be shown on their own.
	Progress []GroupProgress
}

// AskedRater is someone asked for feedback, as the leader is told: name, address and group, and
// whether they were added after the round opened; never whether they answered.
type AskedRater struct {
	Name  string
	Email string
	Group RaterGroup
	Added bool
}

// SortAsked puts a list of people asked in the order the leader reads it: by rater group, then
// by name.
func SortAsked(list []AskedRater) {
	sort.SliceStable(list, func(i, j int) bool {
		if list[i].Group != list[j].Group {
			return list[i].Group.Order() < list[j].Group.Order()
		}
		return list[i].Name < list[j].Name
	})
}

// TellsLeaderWhoWasAsked reports whether a message lists the raters asked, for the leader.
func (m *OutboxMessage) TellsLeaderWhoWasAsked() bool {
	return m.Purpose == PurposeRatersAdded || (m.Purpose == PurposeInvitation && m.Group == GroupSelf)
}

// CarriesLeaderLink reports whether the message holds the leader's link, and so needs a leader
// token minted when it is sent: the leader's invitation to their self-assessment, the notice of a
// shared report, and a fresh link. For the invitation the link is a courtesy beside the survey
// link; the others are nothing without it.
func (m *OutboxMessage) CarriesLeaderLink() bool {
	return m.NeedsLeaderLink() || (m.Purpose == PurposeInvitation && m.Group == GroupSelf)
}

// NeedsLeaderLink reports whether the message is sent only with the leader's link.
func (m *OutboxMessage) NeedsLeaderLink() bool {
	return m.Purpose == PurposeReportShared || m.Purpose == PurposeLeaderLink
}

// Stale says why a claimed message should no longer be sent, or "" when it should: no survey
// link after its round has closed, no reminder to someone who has answered, declined or asked
// for no more, no leader link of an archived engagement.
func (m *OutboxMessage) Stale(now time.Time) string {
	if m.NeedsLeaderLink() && m.Archived {
		return "the engagement is archived"
	}
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

// KeptMessage is a message kept instead of sent, when no SMTP server is configured (the demo).
type KeptMessage struct {
	MessageID string
	Purpose   Purpose
	Recipient string
	Subject   string
	Text      string
	HTML      string
	KeptAt    time.Time
}
