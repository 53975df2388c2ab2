package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
)

// auditLogPageSize is how many entries a page of the audit log shows.
const auditLogPageSize = 50

// auditLogPage is a page of the admins' audit log: who was handed which results, and who
// changed which engagement's anonymity settings, newest first.
type auditLogPage struct {
	frame
	Engagements []*threesixty.Engagement
	// Engagement is the one engagement shown, "" for all.
	Engagement string
	Entries    []accessLogLine
	// Older is the address of the next page, "" on the last; Newest whether this is the first.
	Older  string
	Newest bool
}

// accessLogLine is one entry as the page says it.
type accessLogLine struct {
	threesixty.AuditLogEntry
	Who, What string
}

func (s *Server) showAuditLog(c echo.Context) error {
	ctx, actor := c.Request().Context(), actorOf(c)
	engagement, before := c.QueryParam("engagement"), c.QueryParam("before")
	if engagement != "" && !uuidPattern.MatchString(engagement) {
		return threesixty.Errorf(threesixty.ENOTFOUND, "engagement not found")
	}
	engagements, err := s.Store.Engagements(ctx, actor)
	if err != nil {
		return err
	}
	log, err := s.Store.AuditLog(ctx, actor, engagement, before, auditLogPageSize)
	if err != nil {
		return err
	}
	page := auditLogPage{frame: s.frameFor(c, "Audit log", "audit"), Engagements: engagements, Engagement: engagement, Newest: before == ""}
	for _, e := range log.Entries {
		page.Entries = append(page.Entries, accessLogLine{AuditLogEntry: e, Who: who(e), What: what(e)})
	}
	if log.Next != "" {
		q := url.Values{"before": {log.Next}}
		if engagement != "" {
			q.Set("engagement", engagement)
		}
		page.Older = "/admin/audit-log?" + q.Encode()
	}
	return c.Render(http.StatusOK, "app/admin_audit_log", page)
}

// who says who acted.
func who(e threesixty.AuditLogEntry) string {
	switch {
	case e.By != nil:
		return e.By.Name + " (" + e.By.Email + ")"
	case e.ActorKind == threesixty.ActorLeader:
		return "The leader, through their link"
	case e.Access == threesixty.AccessSponsorSummarySent:
		return "The service, with the leader's consent"
	default:
		return "The service (a command-line report)"
	}
}

// what says what was done: results handed out, or settings changed from what to what.
func what(e threesixty.AuditLogEntry) string {
	round := string(e.RoundKind) + " round"
	switch e.Access {
	case threesixty.AccessResultsViewed:
		return "Viewed the results of the " + round
	case threesixty.AccessReportDownloaded:
		return "Downloaded the report of the " + round
	case threesixty.AccessExportDownloaded:
		return "Downloaded the engagement's export"
	case threesixty.AccessSponsorSummaryDownloaded:
		return "Downloaded the sponsor summary"
	case threesixty.AccessSponsorSummarySent:
		return "Emailed the sponsor summary to the sponsor"
	}
	changes := settingsChanges(e.Settings)
	if len(changes) == 0 {
		return "Saved the settings, unchanged"
	}
	return "Changed the settings: " + strings.Join(changes, "; ")
}
