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
