package web

import (
	"context"

	"threesixty/internal/results"
	"threesixty/internal/threesixty"
	"threesixty/reports"
	"threesixty/surveys"
)

// Store is what the web layer needs of the database, one interface per resource. Every method
// that reads or changes an engagement takes the actor asking and answers ENOTFOUND for anything
// the actor may not see, exactly as for what does not exist; EFORBIDDEN when the actor sees it
// but may not change it. Errors are threesixty errors whose messages are safe to show.
type Store interface {
	AccountStore
	AdminStore
	EngagementStore
	RoundStore
	GoalStore
	CoachingSessionStore
	SurveyStore
	LeaderStore
	// Mailbox lists the newest kept messages (the demo's stand-in for SMTP).
	Mailbox(ctx context.Context, limit int) ([]threesixty.KeptMessage, error)
	// Ready reports whether the database answers and its migrations are current.
	Ready(ctx context.Context) error
}

// AccountStore finds who is asking, and signs browsers in and out.
type AccountStore interface {
	// AccountByToken returns the active account of an API token; EUNAUTH when there is none.
	AccountByToken(ctx context.Context, token string) (*threesixty.Account, error)
	// SignIn checks an email and password and starts a session. EUNAUTH, with one message for
	// every reason, when they match no active account; ELIMITED after too many failures for
	// the address or the client.
	SignIn(ctx context.Context, in threesixty.SignIn) (*threesixty.Session, error)
	// AccountBySession returns the active account of a session in use, and marks it used;
	// EUNAUTH for a session that has ended.
	AccountBySession(ctx context.Context, token string) (*threesixty.Account, error)
	// EndSession signs one browser out; EndSessions every browser of an account.
	EndSession(ctx context.Context, token string) error
	EndSessions(ctx context.Context, accountID string) error
	// ChangePassword checks the account's current password and sets a new one, which ends
	// every session of the account, and starts a new one for the browser that asked. EINVALID
	// with a field error (current_password, new_password); ELIMITED after too many wrong
	// current passwords, counted with failed sign-ins.
	ChangePassword(ctx context.Context, account *threesixty.Account, change threesixty.PasswordChange) (*threesixty.Session, error)
	// CreateAPIToken makes an API token, returned this once, with how it is listed. EINVALID
	// for a name that is empty or not plain text.
	CreateAPIToken(ctx context.Context, accountID, name string) (string, *threesixty.APIToken, error)
	// APITokens lists an account's API tokens, never the tokens themselves.
	APITokens(ctx context.Context, accountID string) ([]threesixty.APIToken, error)
	// RevokeAPIToken deletes one of the account's tokens; ENOTFOUND for a token it does not have.
	RevokeAPIToken(ctx context.Context, accountID, tokenID string) error
	// RequestPasswordReset queues a reset link when an active account has the address and the
	// limits allow; it answers nil in every case, so nobody learns which addresses have one.
	RequestPasswordReset(ctx context.Context, email, client string) error
	// PasswordLink returns what a usable password link opens; ENOTFOUND for a link unknown,
	// used or expired, alike.
	PasswordLink(ctx context.Context, token string) (*threesixty.PasswordLink, error)
	// UsePasswordLink sets the password once: the link is used, the account's other links and
	// sessions end. EINVALID with a field error (password), the link left usable; ENOTFOUND
	// for a link that cannot be used.
	UsePasswordLink(ctx context.Context, token, password string) (*threesixty.Account, error)
}

// AdminStore is what only admins do: manage accounts and read the audit log. Every method
// answers ENOTFOUND to an actor who is not an admin.
type AdminStore interface {
	// Accounts lists every account with how many engagements it runs.
	Accounts(ctx context.Context, actor threesixty.Actor) ([]threesixty.AccountSummary, error)
	// AddAccount makes an account without a password and sends its set-up link. EINVALID with
	// field errors; ECONFLICT (with a field error on email) for an address that has an account.
	AddAccount(ctx context.Context, actor threesixty.Actor, in threesixty.NewAccount) (*threesixty.Account, error)
	// SendSetupLink sends a fresh set-up link; ECONFLICT for an account with a password or
	// deactivated.
	SendSetupLink(ctx context.Context, actor threesixty.Actor, accountID string) (*threesixty.Account, error)
	// DeactivateAccount signs an account out everywhere, deletes its API tokens and stops its
	// sign-in; its engagements stay. ECONFLICT for one's own account, or one deactivated.
	DeactivateAccount(ctx context.Context, actor threesixty.Actor, accountID string) (*threesixty.Account, error)
	// ReactivateAccount lets a deactivated account sign in again; ECONFLICT for an active one.
	ReactivateAccount(ctx context.Context, actor threesixty.Actor, accountID string) (*threesixty.Account, error)
	// AuditLog returns a page of results handed out and settings changed, newest first, of one
	// engagement or ("") all; before is the previous page's Next. EMALFORMED for a bad cursor.
	AuditLog(ctx context.Context, actor threesixty.Actor, engagementID, before string, limit int) (*threesixty.AuditLogPage, error)
}

// EngagementStore holds engagements, their raters and their audit trail.
type EngagementStore interface {
	// CreateEngagement stores an engagement run by the acting account. EINVALID with field
	// errors for settings that break a rule.
	CreateEngagement(ctx context.Context, actor threesixty.Actor, e *threesixty.Engagement) (*threesixty.Engagement, error)
	Engagement(ctx context.Context, actor threesixty.Actor, id string) (*threesixty.Engagement, error)
	Engagements(ctx context.Context, actor threesixty.Actor) ([]*threesixty.Engagement, error)
	// UpdateSettings changes anonymity settings, email domains, the time zone and whether the
	// leader may nominate raters. ECONFLICT for an archived engagement, and once a round has
	// opened for any change but the last; EINVALID with field errors.
	UpdateSettings(ctx context.Context, actor threesixty.Actor, id string, change threesixty.SettingsChange) (*threesixty.Engagement, error)
	// DeleteEngagement deletes an engagement and everything of it, releases included, and
	// records who did and when. EFORBIDDEN for anyone but an admin who may see it.
	DeleteEngagement(ctx context.Context, actor threesixty.Actor, id string) error
	// AddRaters adds raters, all or none. EINVALID with every row's errors; ECONFLICT when the
	// engagement's open round already has answers.
	AddRaters(ctx context.Context, actor threesixty.Actor, engagementID string, raters []threesixty.Rater) ([]threesixty.Rater, []threesixty.Invitation, error)
	Raters(ctx context.Context, actor threesixty.Actor, engagementID string) ([]threesixty.Rater, error)
	// RemoveRater takes off a rater never invited; ECONFLICT for one who was.
	RemoveRater(ctx context.Context, actor threesixty.Actor, engagementID, raterID string) error
	// EraseRater erases a rater at their request: name and address gone everywhere, pending
	// invitations withdrawn, responses untouched, an entry naming nobody in the audit trail.
	// ENOTFOUND for a rater the engagement does not have; a rater erased already is not an
	// error, and nothing changes.
	EraseRater(ctx context.Context, actor threesixty.Actor, engagementID, raterID string) error
	AuditTrail(ctx context.Context, actor threesixty.Actor, engagementID string) ([]threesixty.AuditEntry, error)
	// Export gathers what the engagement's export is drawn from, and records the download in
	// the access log.
	Export(ctx context.Context, actor threesixty.Actor, engagementID string) (*reports.Export, error)
}

// RoundStore holds rounds and their results.
type RoundStore interface {
	// OpenRound opens a round and invites everyone. EINVALID for a plan that breaks a rule;
	// ECONFLICT when the engagement's rounds so far allow none of this kind.
	OpenRound(ctx context.Context, actor threesixty.Actor, engagementID string, plan threesixty.RoundPlan) (*threesixty.Round, []threesixty.Invitation, error)
	Round(ctx context.Context, actor threesixty.Actor, id string) (*threesixty.Round, error)
	Rounds(ctx context.Context, actor threesixty.Actor, engagementID string) ([]threesixty.Round, error)
	// CloseRound closes and releases a round. ECONFLICT when it is already closed.
	CloseRound(ctx context.Context, actor threesixty.Actor, id string) (*threesixty.Round, error)
	// Results returns a released round's frozen results, and records the view in the access
	// log. ECONFLICT while it is open.
	Results(ctx context.Context, actor threesixty.Actor, roundID string) (*threesixty.Round, *results.Results, error)
	Comparison(ctx context.Context, actor threesixty.Actor, engagementID string) (*results.Comparison, error)
	// DeclineReasons returns how many raters of a released round gave each reason for
	// declining, labelled, in the order of threesixty.DeclineReasons; an empty list when fewer
	// than the round's k declined. EFORBIDDEN for the leader; ECONFLICT while the round is open.
	DeclineReasons(ctx context.Context, actor threesixty.Actor, roundID string) ([]threesixty.DeclineReasonCount, error)
	// Report returns what a released round's report is drawn from: its frozen results, its
	// instrument version, names and goals, and records the download in the access log.
	// ECONFLICT while it is open.
	Report(ctx context.Context, actor threesixty.Actor, roundID string) (*reports.Baseline, error)
	// ClosingReport is Report for a released closing round.
	ClosingReport(ctx context.Context, actor threesixty.Actor, roundID string) (*reports.Closing, error)
	// ResultsView is Report for the results page: recorded as the results viewed, not as a
	// download.
	ResultsView(ctx context.Context, actor threesixty.Actor, roundID string) (*reports.Baseline, error)
	// ClosingResultsView is ClosingReport for the results page, recorded as ResultsView is.
	ClosingResultsView(ctx context.Context, actor threesixty.Actor, roundID string) (*reports.Closing, error)
	// RemindNow queues a reminder to everyone who has not answered. ECONFLICT when closed.
	RemindNow(ctx context.Context, actor threesixty.Actor, roundID string) (int, error)
}

// GoalStore holds an engagement's development goals and their check-ins. A goal is the
// engagement's: whoever may not see the engagement gets ENOTFOUND for its goals.
type GoalStore interface {
	// CreateGoal adds a goal to an engagement and returns it with the number of goals the
	// engagement has now. EINVALID with field errors for a goal that breaks a rule, a
	// competency the engagement's instrument does not have among them; ECONFLICT when the
	// engagement already has threesixty.MaxGoals.
	CreateGoal(ctx context.Context, actor threesixty.Actor, engagementID string, g *threesixty.Goal) (*threesixty.Goal, int, error)
	// Goals lists an engagement's goals in the order they were set, each with its check-ins,
	// oldest first.
	Goals(ctx context.Context, actor threesixty.Actor, engagementID string) ([]threesixty.Goal, error)
	// Goal returns one goal with its check-ins, oldest first.
	Goal(ctx context.Context, actor threesixty.Actor, id string) (*threesixty.Goal, error)
	// UpdateGoal changes the fields the change names; the goal as changed is checked whole.
	// EINVALID with field errors.
	UpdateGoal(ctx context.Context, actor threesixty.Actor, id string, change threesixty.GoalChange) (*threesixty.Goal, error)
	// DeleteGoal deletes a goal and its check-ins.
	DeleteGoal(ctx context.Context, actor threesixty.Actor, id string) error
	// AddCheckIn records a check-in on a goal, now; the coach and the leader (the one change
	// to goals a leader may make) may. EINVALID with field errors for a status that is not one
	// of the four, or a note that breaks a rule.
	AddCheckIn(ctx context.Context, actor threesixty.Actor, goalID string, c threesixty.CheckIn) (*threesixty.CheckIn, error)
}

// CoachingSessionStore holds an engagement's coaching sessions: the meetings of coach and
// leader. A session is the engagement's: whoever may not see the engagement gets ENOTFOUND for
// its sessions. Their notes are read only by the engagement's coach ("" for anyone else).
type CoachingSessionStore interface {
	// CreateCoachingSession records a session. EINVALID with field errors for a session that
	// breaks a rule; ECONFLICT for an archived engagement or one with
	// threesixty.MaxCoachingSessions already.
	CreateCoachingSession(ctx context.Context, actor threesixty.Actor, engagementID string, cs threesixty.CoachingSession) (*threesixty.CoachingSession, error)
	// CoachingSessions lists an engagement's sessions in the order they were held.
	CoachingSessions(ctx context.Context, actor threesixty.Actor, engagementID string) ([]threesixty.CoachingSession, error)
	// CoachingSession returns one session.
	CoachingSession(ctx context.Context, actor threesixty.Actor, id string) (*threesixty.CoachingSession, error)
	// UpdateCoachingSession changes the fields the change names; the session as changed is
	// checked whole. EINVALID with field errors; ECONFLICT for an archived engagement.
	UpdateCoachingSession(ctx context.Context, actor threesixty.Actor, id string, change threesixty.CoachingSessionChange) (*threesixty.CoachingSession, error)
	// DeleteCoachingSession deletes a session; ECONFLICT for an archived engagement.
	DeleteCoachingSession(ctx context.Context, actor threesixty.Actor, id string) error
}

// SurveyStore is what a survey link opens and what its rater does there. Links are their own
// authority: whoever holds the token is the rater.
type SurveyStore interface {
	// SurveyAccess finds what a token opens. ENOTFOUND when no invitation has this token.
	SurveyAccess(ctx context.Context, token string) (*threesixty.SurveyAccess, error)
	// CountTokenGuess records a lookup that missed and returns the misses of the client and of
	// everyone in the current window.
	CountTokenGuess(ctx context.Context, client string) (threesixty.Misses, error)
	// InstrumentVersion returns the exact instrument version a round pinned.
	InstrumentVersion(ctx context.Context, version string) (*surveys.Instrument, error)
	// SaveDraft, SubmitResponse and Decline report false, and change nothing, when the
	// invitation can no longer take what they do (used, declined, closed, expired). Decline
	// holds the reason, when one is given, with nothing that says whose it is.
	SaveDraft(ctx context.Context, invitationID string, a threesixty.Answers) (bool, error)
	SubmitResponse(ctx context.Context, invitationID string, a threesixty.Answers) (bool, error)
	Decline(ctx context.Context, invitationID string, reason *threesixty.DeclineReason) (bool, error)
	StopReminders(ctx context.Context, invitationID string) error
}

// LeaderStore is the leader's page and the coach's side of it: the leader's link, the archive,
// shared reports, consent to a sponsor summary and nominations. What is the leader's own to
// decide (consent, nominations, their survey link) is refused to every other actor (EFORBIDDEN);
// what the coach decides is refused to the leader (EFORBIDDEN).
type LeaderStore interface {
	// LeaderAccess finds what a leader link opens. ENOTFOUND for an unknown token, one rotated
	// away and one of an archived engagement alike.
	LeaderAccess(ctx context.Context, token string) (*threesixty.LeaderAccess, error)
	// RotateLeaderLink revokes every leader link of the engagement and queues a fresh one to the
	// leader. ECONFLICT for an archived engagement.
	RotateLeaderLink(ctx context.Context, actor threesixty.Actor, engagementID string) error
	// ArchiveEngagement archives an ended engagement: its leader links stop working, and it
	// takes no new round, rater, nomination, setting, shared report or link. Archiving again
	// changes nothing. ECONFLICT while a round is open.
	ArchiveEngagement(ctx context.Context, actor threesixty.Actor, engagementID string) (*threesixty.Engagement, error)
	// SelfAssessment is the leader's invitation to the open round; ENOTFOUND when none is open.
	SelfAssessment(ctx context.Context, actor threesixty.Actor, engagementID string) (*threesixty.SelfAssessment, error)
	// SelfAssessmentLink mints a fresh survey token for the leader's self invitation to the open
	// round. The leader only; ENOTFOUND when no round is open; ECONFLICT once answered or declined.
	SelfAssessmentLink(ctx context.Context, actor threesixty.Actor, engagementID string) (string, error)
	// ShareReport shares a released baseline round's report with the leader, who is told, once.
	// ECONFLICT for an open round, a round without a report, an archived engagement.
	ShareReport(ctx context.Context, actor threesixty.Actor, roundID string) (*threesixty.SharedReport, error)
	// SharedReports lists the reports shared with the leader, oldest release first.
	SharedReports(ctx context.Context, actor threesixty.Actor, engagementID string) ([]threesixty.SharedReport, error)
	// SponsorConsent is the consent history, from which where it stands follows.
	SponsorConsent(ctx context.Context, actor threesixty.Actor, engagementID string) (*threesixty.ConsentState, error)
	// GiveSponsorConsent and WithdrawSponsorConsent append to the history when where it stands
	// changes, and return it. The leader only; EINVALID for an unknown scope.
	GiveSponsorConsent(ctx context.Context, actor threesixty.Actor, engagementID string, scope threesixty.ConsentScope) (*threesixty.ConsentState, error)
	WithdrawSponsorConsent(ctx context.Context, actor threesixty.Actor, engagementID string) (*threesixty.ConsentState, error)
	// SponsorSummary gathers the sponsor summary the consent in force allows, recording the
	// hand-out. ECONFLICT until the closing round is released; EFORBIDDEN while the leader's
	// consent is missing.
	SponsorSummary(ctx context.Context, actor threesixty.Actor, engagementID string) (*reports.SponsorSummary, error)
	// ProposeNomination records a rater the leader proposes; nothing is sent. The leader only;
	// ECONFLICT unless the engagement allows nominations; EINVALID with field errors, checked
	// as AddRaters checks a rater.
	ProposeNomination(ctx context.Context, actor threesixty.Actor, engagementID string, n threesixty.Nomination) (*threesixty.Nomination, error)
	// Nominations lists an engagement's nominations, oldest first, with where each stands.
	Nominations(ctx context.Context, actor threesixty.Actor, engagementID string) ([]threesixty.Nomination, error)
	// Nomination returns one nomination.
	Nomination(ctx context.Context, actor threesixty.Actor, id string) (*threesixty.Nomination, error)
	// DecideNomination approves (adding the rater as AddRaters does, with its errors) or rejects
	// a proposed rater. ECONFLICT for a nomination decided already or an archived engagement.
	DecideNomination(ctx context.Context, actor threesixty.Actor, nominationID string, approve bool) (*threesixty.Nomination, error)
}
