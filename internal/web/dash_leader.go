package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
)

// The leader's side of an engagement, on the coach's engagement page: the leader's link and a
// new one, whether the leader may propose raters and the proposals to decide, the leader's
// consent to a sponsor summary, and the archive. Whatever cannot be undone is asked first, on a
// page of its own that says what it does.

// leaderPages registers the pages of the leader's side of an engagement.
func (s *Server) leaderPages(e *echo.Echo, app []echo.MiddlewareFunc) {
	e.GET("/engagements/:id/leader-link/rotate", s.confirmRotateLeaderLink, app...)
	e.POST("/engagements/:id/leader-link/rotate", s.rotateLeaderLinkForm, app...)
	e.POST("/engagements/:id/nomination", s.nominationSettingForm, app...)
	e.GET("/engagements/:id/nominations/:nomination/approve", s.confirmApproveNomination, app...)
	e.POST("/engagements/:id/nominations/:nomination/approve", s.approveNominationForm, app...)
	e.POST("/engagements/:id/nominations/:nomination/reject", s.rejectNominationForm, app...)
	e.GET("/engagements/:id/archive", s.confirmArchive, app...)
	e.POST("/engagements/:id/archive", s.archiveForm, app...)
}

// leaderSection is what the engagement page shows of the leader's side of the engagement.
type leaderSection struct {
	// Archived is the day the engagement was archived, "" while it runs.
	Archived string
	// LastSent says when a message last carried the leader's link, and which, "" when none has.
	LastSent string
	// RoundOpen: a round is open, so the engagement cannot be archived yet.
	RoundOpen         bool
	NominationAllowed bool
	Waiting, Decided  []nominationLine
	// Problem is why the last action on nominations was refused, shown in their section.
	Problem string
	// Sponsor: the engagement has a sponsor, for whom a summary needs the leader's consent.
	Sponsor bool
	// Consent says where the leader's consent stands, in a sentence.
	Consent        string
	ConsentHistory []consentLine
}

// nominationLine is one rater the leader proposed, as the page lists it.
type nominationLine struct {
	ID, Name, Email, Group string
	Proposed               string
	// Decision and Decided say what the coach decided and when, for a decided one.
	Decision, Decided string
}

type consentLine struct{ When, What string }

// leaderSectionOf reads the leader's side of an engagement through the store, as the actor.
func (s *Server) leaderSectionOf(ctx context.Context, actor threesixty.Actor, e *threesixty.Engagement, rounds []threesixty.Round, trail []threesixty.AuditEntry, loc *time.Location) (leaderSection, error) {
	sec := leaderSection{NominationAllowed: e.NominationAllowed, Sponsor: e.Sponsor != nil, LastSent: lastLeaderLink(trail, loc)}
	if e.ArchivedAt != nil {
		sec.Archived = e.ArchivedAt.In(loc).Format("2 January 2006")
	}
	for _, r := range rounds {
		if r.Status == threesixty.RoundStatusOpen {
			sec.RoundOpen = true
		}
	}
	nominations, err := s.Store.Nominations(ctx, actor, e.ID)
	if err != nil {
		return sec, err
	}
	for _, n := range nominations {
		line := nominationLine{ID: n.ID, Name: n.Name, Email: n.Email, Group: groupChoiceLabel(n.Group), Proposed: n.ProposedAt.In(loc).Format("2 Jan 2006, 15:04")}
		if n.Status == threesixty.NominationProposed {
			sec.Waiting = append(sec.Waiting, line)
			continue
		}
		line.Decision = "Approved: added as a rater"
		if n.Status == threesixty.NominationRejected {
			line.Decision = "Rejected"
		}
		if n.DecidedAt != nil {
			line.Decided = n.DecidedAt.In(loc).Format("2 Jan 2006, 15:04")
		}
		sec.Decided = append(sec.Decided, line)
	}
	if !sec.Sponsor {
		return sec, nil
	}
	consent, err := s.Store.SponsorConsent(ctx, actor, e.ID)
	if err != nil {
		return sec, err
	}
	sec.Consent = consentInWords(e.Leader.Name, consent, loc)
	for i := len(consent.History) - 1; i >= 0; i-- {
		entry := consent.History[i]
		what := "Agreed to a summary of " + consentScopeWords(entry.Scope)
		if entry.Decision == threesixty.ConsentWithdrawn {
			what = "Withdrew the consent to " + consentScopeWords(entry.Scope)
		}
		sec.ConsentHistory = append(sec.ConsentHistory, consentLine{When: entry.At.In(loc).Format("2 Jan 2006, 15:04"), What: what})
	}
	return sec, nil
}

// consentScopeWords names a scope of consent as the coach reads it.
func consentScopeWords(scope threesixty.ConsentScope) string {
	switch scope {
	case threesixty.ConsentProgressByTheme:
		return "progress by theme (the competencies their goals work on and whether each improved, held steady or declined, not the goals' wording)"
	case threesixty.ConsentGoalsAndProgress:
		return "goals and progress (their development goals and how they stand, and progress by theme)"
	case threesixty.ConsentThemesAndProgress:
		return "themes and progress (their goals, how they stand, and the main themes of the feedback, never item scores or comments)"
	}
	return string(scope)
}

// consentInWords says where the leader's consent to a sponsor summary stands.
func consentInWords(leader string, consent *threesixty.ConsentState, loc *time.Location) string {
	cur := consent.Current()
	switch {
	case cur == nil:
		return leader + " has not decided yet whether the sponsor may see a summary; until they agree, the sponsor sees nothing."
	case cur.Decision == threesixty.ConsentWithdrawn:
		return fmt.Sprintf("%s has withdrawn their consent, on %s: the sponsor may see no summary.", leader, cur.At.In(loc).Format("2 January 2006"))
	}
	return fmt.Sprintf("%s has agreed that the sponsor may see: %s, since %s.", leader, consentScopeWords(cur.Scope), cur.At.In(loc).Format("2 January 2006"))
}

// lastLeaderLink says when a message last carried the leader's link, from the audit trail: the
// invitation to a round's self-assessment, a shared report's notice, a new link.
func lastLeaderLink(trail []threesixty.AuditEntry, loc *time.Location) string {
	for i := len(trail) - 1; i >= 0; i-- {
		entry := trail[i]
		when := entry.At.In(loc).Format("2 January 2006, 15:04")
		switch entry.Action {
		case threesixty.AuditRoundOpened:
			return fmt.Sprintf("%s, with the invitation to the %s round's self-assessment", when, entry.Detail["kind"])
		case threesixty.AuditReportShared:
			return when + ", with the notice of a report you shared"
		case threesixty.AuditLeaderLinkRotated:
			return when + ", as a new link"
		}
	}
	return ""
}

// leaderAuditWords says an audit trail entry of the leader's side in words: what was done and,
// for what the leader did through their link, who. ok is false for other entries.
func leaderAuditWords(entry threesixty.AuditEntry) (what, who string, ok bool) {
	group := strings.ToLower(groupChoiceLabel(threesixty.RaterGroup(fmt.Sprint(entry.Detail["group"]))))
	switch entry.Action {
	case threesixty.AuditEngagementArchived:
		return "Archived the engagement", "", true
	case threesixty.AuditLeaderLinkRotated:
		return "Sent the leader a new link; the links before it stopped working", "", true
	case threesixty.AuditReportShared:
		return "Shared a report with the leader", "", true
	case threesixty.AuditNominationProposed:
		return "Proposed a rater (" + group + ")", "The leader, through their link", true
	case threesixty.AuditNominationApproved:
		if r := entry.Rater; r != nil && r.Email != "" {
			return fmt.Sprintf("Approved %s (%s), proposed by the leader, as %s", r.Name, r.Email, group), "", true
		}
		return "Approved a rater the leader proposed (" + group + ")", "", true
	case threesixty.AuditNominationRejected:
		return "Rejected a rater the leader proposed (" + group + ")", "", true
	}
	return "", "", false
}

// archivedRefusals takes out of an archived engagement's page what it no longer takes: a new
// round, raters, settings; each part says why instead.
func (p *engagementPage) archivedRefusals() {
	if p.Engagement.ArchivedAt == nil {
		return
	}
	p.NextRound = ""
	p.JoinsOpenRound = false
	p.AddBlocked = "The engagement is archived: it has ended, so no rater can be added."
	p.Locked = "The engagement is archived: its settings no longer change."
}

// leaderConfirmPage asks before an action of the leader's side that cannot be undone, or says
// why it cannot be done now.
type leaderConfirmPage struct {
	frame
	Engagement *threesixty.Engagement
	// Action is which: "rotate", "approve" or "archive".
	Action string
	// Blocked says why the action cannot be done now; the page then offers no button.
	Blocked string
	// Problem is why the action just sent was refused.
	Problem  string
	Problems []string
	// Nomination is the proposal to approve.
	Nomination *nominationLine
	// JoinsOpenRound: an approved rater is invited to the open round at once.
	JoinsOpenRound bool
	Back           string
}

// leaderConfirm builds the confirmation page of an action on the engagement of the path, through
// the store: ENOTFOUND for an engagement the actor may not see.
func (s *Server) leaderConfirm(c echo.Context, action, title, anchor string) (*leaderConfirmPage, *engagementPage, error) {
	view, err := s.engagementView(c)
	if err != nil {
		return nil, nil, err
	}
	e := view.Engagement
	page := &leaderConfirmPage{frame: s.frameFor(c, title, "engagements"), Engagement: e, Action: action,
		JoinsOpenRound: view.JoinsOpenRound, Back: "/engagements/" + e.ID + anchor}
	if err := e.CheckNotArchived(); err != nil && action != "archive" {
		page.Blocked = archivedSentence(action, e, engagementZone(e))
		if action == "rotate" {
			page.Title = "No new link can be sent"
		}
	}
	return page, view, nil
}

// archivedSentence says why an action is refused on an archived engagement.
func archivedSentence(action string, e *threesixty.Engagement, loc *time.Location) string {
	day := e.ArchivedAt.In(loc).Format("2 January 2006")
	switch action {
	case "rotate":
		return "The engagement was archived on " + day + ": the leader's link no longer opens anything, and no new link can be sent."
	case "approve":
		return "The engagement was archived on " + day + ": it takes no new raters, so no proposal can be approved."
	}
	return "The engagement was archived on " + day + "."
}

// renderLeaderConfirm shows a confirmation page again with what the store refused.
func (s *Server) renderLeaderConfirm(c echo.Context, page *leaderConfirmPage, err error) error {
	te := toError(err)
	switch te.Code {
	case threesixty.ECONFLICT, threesixty.EINVALID:
	default:
		return err
	}
	page.Problem = sentence(te.Message)
	for _, fe := range te.Fields {
		page.Problems = append(page.Problems, sentence(fe.Message))
	}
	if strings.HasSuffix(page.Title, "?") {
		page.Title = strings.TrimSuffix(page.Title, "?") + ": not done"
	}
	return c.Render(statusOfForm(err), "app/leader_confirm", page)
}

func (s *Server) confirmRotateLeaderLink(c echo.Context) error {
	page, _, err := s.leaderConfirm(c, "rotate", "Send the leader a new link?", "#leader")
	if err != nil {
		return err
	}
	return c.Render(http.StatusOK, "app/leader_confirm", page)
}

func (s *Server) rotateLeaderLinkForm(c echo.Context) error {
	page, _, err := s.leaderConfirm(c, "rotate", "Send the leader a new link?", "#leader")
	if err != nil {
		return err
	}
	if err := s.Store.RotateLeaderLink(c.Request().Context(), actorOf(c), page.Engagement.ID); err != nil {
		return s.renderLeaderConfirm(c, page, err)
	}
	return s.redirectWith(c, page.Back, "A new link is on its way to "+page.Engagement.Leader.Name+"; the links sent before no longer work.")
}

// nominationSettingForm lets the leader propose raters, or stops it.
func (s *Server) nominationSettingForm(c echo.Context) error {
	page, err := s.engagementView(c)
	if err != nil {
		return err
	}
	e := page.Engagement
	allowed := c.FormValue("nomination_allowed") == "on"
	back := "/engagements/" + e.ID + "#nominations"
	if allowed == e.NominationAllowed {
		return s.redirectWith(c, back, "The setting was already so; nothing changed.")
	}
	if _, err := s.Store.UpdateSettings(c.Request().Context(), actorOf(c), e.ID, threesixty.SettingsChange{NominationAllowed: &allowed}); err != nil {
		return s.renderNominationsRefused(c, page, err)
	}
	message := e.Leader.Name + " can now propose raters from their page; nobody is contacted until you approve."
	if !allowed {
		message = e.Leader.Name + " can no longer propose raters. Proposals already made stay here for you to decide."
	}
	return s.redirectWith(c, back, message)
}

// renderNominationsRefused shows the engagement page again with why an action on nominations
// was refused, in their section.
func (s *Server) renderNominationsRefused(c echo.Context, page *engagementPage, err error) error {
	if code := threesixty.ErrorCode(err); code != threesixty.ECONFLICT && code != threesixty.EINVALID {
		return err
	}
	page.Leader.Problem = sentence(toError(err).Message)
	return s.renderRefused(c, page, statusOfForm(err))
}

// nominationOf finds the nomination of the path among the engagement's, through the store:
// ENOTFOUND for one of another engagement, or that the actor may not see.
func (s *Server) nominationOf(c echo.Context, engagementID string) (*threesixty.Nomination, error) {
	n, err := s.Store.Nomination(c.Request().Context(), actorOf(c), c.Param("nomination"))
	if err != nil {
		return nil, err
	}
	if n.EngagementID != engagementID {
		return nil, threesixty.Errorf(threesixty.ENOTFOUND, "The engagement has no such nomination.")
	}
	return n, nil
}

// approvePage is the page that asks before a proposal is approved.
func (s *Server) approvePage(c echo.Context) (*leaderConfirmPage, *threesixty.Nomination, error) {
	page, view, err := s.leaderConfirm(c, "approve", "", "#nominations")
	if err != nil {
		return nil, nil, err
	}
	n, err := s.nominationOf(c, page.Engagement.ID)
	if err != nil {
		return nil, nil, err
	}
	loc := engagementZone(page.Engagement)
	page.Title = "Approve " + n.Name + "?"
	page.Nomination = &nominationLine{ID: n.ID, Name: n.Name, Email: n.Email, Group: groupChoiceLabel(n.Group), Proposed: n.ProposedAt.In(loc).Format("2 January 2006, 15:04")}
	switch {
	case page.Blocked != "":
	case n.Status != threesixty.NominationProposed:
		page.Blocked = fmt.Sprintf("You decided this proposal already: %s.", map[threesixty.NominationStatus]string{
			threesixty.NominationApproved: "approved", threesixty.NominationRejected: "rejected"}[n.Status])
	case view.AddBlocked != "":
		page.Blocked = view.AddBlocked + " You can reject the proposal instead, or leave it waiting until then."
	}
	if page.Blocked != "" {
		page.Title = n.Name + " cannot be approved"
	}
	return page, n, nil
}

func (s *Server) confirmApproveNomination(c echo.Context) error {
	page, _, err := s.approvePage(c)
	if err != nil {
		return err
	}
	return c.Render(http.StatusOK, "app/leader_confirm", page)
}

func (s *Server) approveNominationForm(c echo.Context) error {
	page, n, err := s.approvePage(c)
	if err != nil {
		return err
	}
	decided, err := s.Store.DecideNomination(c.Request().Context(), actorOf(c), n.ID, true)
	if err != nil {
		return s.renderLeaderConfirm(c, page, err)
	}
	message := decided.Name + " is approved and added as " + strings.ToLower(groupChoiceLabel(decided.Group)) + "."
	if page.JoinsOpenRound {
		message += " Their invitation to the open round is on its way, and the leader is told."
	}
	return s.redirectWith(c, "/engagements/"+page.Engagement.ID+"#nominations", message)
}

func (s *Server) rejectNominationForm(c echo.Context) error {
	page, err := s.engagementView(c)
	if err != nil {
		return err
	}
	n, err := s.nominationOf(c, page.Engagement.ID)
	if err != nil {
		return err
	}
	if _, err := s.Store.DecideNomination(c.Request().Context(), actorOf(c), n.ID, false); err != nil {
		return s.renderNominationsRefused(c, page, err)
	}
	return s.redirectWith(c, "/engagements/"+page.Engagement.ID+"#nominations",
		n.Name+" is rejected: nobody was contacted. The leader sees the proposal as not approved, and may propose them again.")
}

func (s *Server) archivePage(c echo.Context) (*leaderConfirmPage, error) {
	page, view, err := s.leaderConfirm(c, "archive", "Archive this engagement?", "#archive")
	if err != nil {
		return nil, err
	}
	switch {
	case view.Leader.Archived != "":
		page.Title = "The engagement is archived"
		page.Blocked = "The engagement was archived on " + view.Leader.Archived + " already."
	case view.Leader.RoundOpen:
		page.Title = "The engagement cannot be archived yet"
		page.Blocked = "A round is open: close it before archiving, so that no invitation is left half-used."
	}
	return page, nil
}

func (s *Server) confirmArchive(c echo.Context) error {
	page, err := s.archivePage(c)
	if err != nil {
		return err
	}
	return c.Render(http.StatusOK, "app/leader_confirm", page)
}

func (s *Server) archiveForm(c echo.Context) error {
	page, err := s.archivePage(c)
	if err != nil {
		return err
	}
	if _, err := s.Store.ArchiveEngagement(c.Request().Context(), actorOf(c), page.Engagement.ID); err != nil {
		return s.renderLeaderConfirm(c, page, err)
	}
	return s.redirectWith(c, "/engagements/"+page.Engagement.ID, "The engagement is archived. Its results, reports and goals stay here to read; the leader's link no longer works.")
}
