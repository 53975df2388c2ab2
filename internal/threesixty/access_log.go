package threesixty

import "time"

// AccessAction is a way results left the service, as the access log records it.
type AccessAction string

// The actions the access log records: every time results are handed out.
const (
	AccessResultsViewed    AccessAction = "results_viewed"
	AccessReportDownloaded AccessAction = "report_downloaded"
	AccessExportDownloaded AccessAction = "export_downloaded"
	// AccessSponsorSummaryDownloaded: the sponsor summary, drawn from the comparison and the
	// baseline's release, was handed out.
	AccessSponsorSummaryDownloaded AccessAction = "sponsor_summary_downloaded"
	// AccessSponsorSummarySent: the sponsor summary was emailed to the sponsor, by the service.
	AccessSponsorSummarySent AccessAction = "sponsor_summary_sent"
)

// AuditLogEntry is one line of the admins' audit log: results handed out (Access), or an
// engagement's settings changed (Settings), with who, when and which engagement. It never
// names a rater.
type AuditLogEntry struct {
	// Cursor places the entry in the log, for the page of entries before it.
	Cursor string
	At     time.Time
	// ActorKind is who: an account (By), the leader through their link, or the service.
	ActorKind ActorKind
	By        *Account
	// EngagementID and Leader name the engagement; RoundID and RoundKind the round, if any.
	EngagementID string
	Leader       string
	RoundID      string
	RoundKind    RoundKind
	// Access is set for results handed out; Settings, the change's before and after, for a
	// change of settings.
	Access   AccessAction
	Settings map[string]any
}

// AuditLogPage is one page of the audit log, newest first, and the cursor of the next (older)
// page, "" for the last.
type AuditLogPage struct {
	Entries []AuditLogEntry
	Next    string
}
