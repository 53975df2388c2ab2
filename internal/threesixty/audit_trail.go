package threesixty

import "time"

// AuditAction is a kind of change recorded in an engagement's audit trail.
type AuditAction string

// The changes the audit trail records.
const (
	AuditEngagementCreated AuditAction = "engagement_created"
	AuditSettingsChanged   AuditAction = "settings_changed"
	AuditRaterAdded        AuditAction = "rater_added"
	AuditRaterRemoved      AuditAction = "rater_removed"
	// AuditRaterErased records that a rater was erased at their request, and names nobody:
	// neither a rater nor anything in its detail.
	AuditRaterErased AuditAction = "rater_erased"
	AuditRoundOpened AuditAction = "round_opened"
	AuditRoundClosed AuditAction = "round_closed"
	// AuditEngagementArchived records that the coach archived the engagement.
	AuditEngagementArchived AuditAction = "engagement_archived"
	// AuditLeaderLinkRotated records that every leader link was revoked and a fresh one sent.
	AuditLeaderLinkRotated AuditAction = "leader_link_rotated"
	// AuditReportShared records that a round's report was shared with the leader.
	AuditReportShared AuditAction = "report_shared"
	// The leader proposed a rater, and the coach approved or rejected the proposal. Their
	// detail names the nomination and group, never the person, who may ask to be erased; an
	// approval's rater_added entry names the rater.
	AuditNominationProposed AuditAction = "nomination_proposed"
	AuditNominationApproved AuditAction = "nomination_approved"
	AuditNominationRejected AuditAction = "nomination_rejected"
	// A coaching session was recorded, changed or deleted. Their detail names the session, its
	// day (held_on) and its minutes, never its notes, which are the coach's alone.
	AuditCoachingSessionAdded   AuditAction = "coaching_session_added"
	AuditCoachingSessionChanged AuditAction = "coaching_session_changed"
	AuditCoachingSessionDeleted AuditAction = "coaching_session_deleted"
)

// AuditEntry is one change to an engagement: what, when, and by whom (nil for the service
// itself). Rater is set for changes to the rater list; Detail holds what else the change was.
type AuditEntry struct {
	Action AuditAction    `json:"action"`
	At     time.Time      `json:"at"`
	By     *Account       `json:"by"`
	Rater  *Rater         `json:"rater,omitempty"`
	Detail map[string]any `json:"detail,omitempty"`
}
