package postgres

import (
	"bufio"
	"embed"
	"fmt"
	"io/fs"
	"reflect"
	"strings"

	"github.com/jmoiron/sqlx"
)

//go:embed queries/*.sql
var queryFiles embed.FS

// statements holds every named query, prepared. The tag is the block's name in queries/*.sql.
type statements struct {
	AccountByToken          *sqlx.Stmt `query:"account-by-token"`
	CreateAccount           *sqlx.Stmt `query:"create-account"`
	AccountsWithKeys        *sqlx.Stmt `query:"accounts-with-keys"`
	CreateAPIToken          *sqlx.Stmt `query:"create-api-token"`
	APITokens               *sqlx.Stmt `query:"list-api-tokens"`
	RevokeAPIToken          *sqlx.Stmt `query:"revoke-api-token"`
	AccountByEmail          *sqlx.Stmt `query:"account-by-email"`
	LockSignIn              *sqlx.Stmt `query:"lock-sign-in"`
	SignInFailures          *sqlx.Stmt `query:"sign-in-failures"`
	RecordSignInFailure     *sqlx.Stmt `query:"record-sign-in-failure"`
	ForgetSignInFailures    *sqlx.Stmt `query:"forget-sign-in-failures"`
	ForgetAccountFailures   *sqlx.Stmt `query:"forget-account-sign-in-failures"`
	CreateSession           *sqlx.Stmt `query:"create-session"`
	SessionAccount          *sqlx.Stmt `query:"session-account"`
	EndSession              *sqlx.Stmt `query:"end-session"`
	EndSessions             *sqlx.Stmt `query:"end-sessions"`
	SetPassword             *sqlx.Stmt `query:"set-password"`
	AccountPassword         *sqlx.Stmt `query:"account-password"`
	Account                 *sqlx.Stmt `query:"get-account"`
	Accounts                *sqlx.Stmt `query:"list-accounts"`
	DeactivateAccount       *sqlx.Stmt `query:"deactivate-account"`
	ReactivateAccount       *sqlx.Stmt `query:"reactivate-account"`
	EnqueuePasswordLink     *sqlx.Stmt `query:"enqueue-password-link"`
	LockPasswordRequest     *sqlx.Stmt `query:"lock-password-request"`
	RequestPasswordReset    *sqlx.Stmt `query:"request-password-reset"`
	MintPasswordLinks       *sqlx.Stmt `query:"mint-password-links"`
	PasswordLink            *sqlx.Stmt `query:"password-link"`
	UsePasswordLink         *sqlx.Stmt `query:"use-password-link"`
	EndPasswordLinks        *sqlx.Stmt `query:"end-password-links"`
	RecordAccess            *sqlx.Stmt `query:"record-access"`
	AuditLog                *sqlx.Stmt `query:"audit-log"`
	SaveInstrument          *sqlx.Stmt `query:"save-instrument-version"`
	InstrumentSource        *sqlx.Stmt `query:"instrument-source"`
	ForgetUnpinnedPulses    *sqlx.Stmt `query:"forget-unpinned-pulses"`
	CreateEngagement        *sqlx.Stmt `query:"create-engagement"`
	Engagement              *sqlx.Stmt `query:"get-engagement"`
	Engagements             *sqlx.Stmt `query:"list-engagements"`
	LockEngagement          *sqlx.Stmt `query:"lock-engagement"`
	EngagementHasRounds     *sqlx.Stmt `query:"engagement-has-rounds"`
	UpdateSettings          *sqlx.Stmt `query:"update-settings"`
	RecordChange            *sqlx.Stmt `query:"record-change"`
	AuditTrail              *sqlx.Stmt `query:"audit-trail"`
	DeleteEngagement        *sqlx.Stmt `query:"delete-engagement"`
	RecordDeletion          *sqlx.Stmt `query:"record-deletion"`
	RaterKeys               *sqlx.Stmt `query:"rater-keys"`
	CreateRater             *sqlx.Stmt `query:"create-rater"`
	Raters                  *sqlx.Stmt `query:"list-raters"`
	RemoveRater             *sqlx.Stmt `query:"remove-rater"`
	RaterInvited            *sqlx.Stmt `query:"rater-invited"`
	RatersWithKey           *sqlx.Stmt `query:"raters-with-key"`
	ScrubRater              *sqlx.Stmt `query:"scrub-rater"`
	RaterErased             *sqlx.Stmt `query:"rater-erased"`
	WithdrawInvitations     *sqlx.Stmt `query:"withdraw-invitations"`
	DropRaterTokens         *sqlx.Stmt `query:"drop-rater-tokens"`
	ScrubRaterMail          *sqlx.Stmt `query:"scrub-rater-mail"`
	DropRaterKeptMail       *sqlx.Stmt `query:"drop-rater-kept-mail"`
	RemovedRaters           *sqlx.Stmt `query:"removed-raters"`
	ScrubRemovedRaters      *sqlx.Stmt `query:"scrub-removed-raters"`
	OpenRoundOf             *sqlx.Stmt `query:"open-round-of"`
	CreateRound             *sqlx.Stmt `query:"create-round"`
	CreateRoundStorage      *sqlx.Stmt `query:"create-round-storage"`
	Round                   *sqlx.Stmt `query:"get-round"`
	Rounds                  *sqlx.Stmt `query:"list-rounds"`
	CloseRound              *sqlx.Stmt `query:"close-round"`
	HeldResponses           *sqlx.Stmt `query:"held-responses"`
	HeldDeclineReasons      *sqlx.Stmt `query:"held-decline-reasons"`
	RoundRatersDeclined     *sqlx.Stmt `query:"round-raters-declined"`
	SaveDeclineReasons      *sqlx.Stmt `query:"save-decline-reasons"`
	DeclineReasons          *sqlx.Stmt `query:"get-decline-reasons"`
	KnownSuperiors          *sqlx.Stmt `query:"known-superiors"`
	KeepResponses           *sqlx.Stmt `query:"keep-responses"`
	DropRoundStorage        *sqlx.Stmt `query:"drop-round-storage"`
	SaveResults             *sqlx.Stmt `query:"save-results"`
	Results                 *sqlx.Stmt `query:"get-results"`
	SaveComparison          *sqlx.Stmt `query:"save-comparison"`
	EngagementComparison    *sqlx.Stmt `query:"engagement-comparison"`
	RoundComparison         *sqlx.Stmt `query:"round-comparison"`
	ReleasedBaseline        *sqlx.Stmt `query:"released-baseline"`
	RoundRespondents        *sqlx.Stmt `query:"round-respondents"`
	ReportPeople            *sqlx.Stmt `query:"report-people"`
	ReleasedRounds          *sqlx.Stmt `query:"released-rounds"`
	DueRounds               *sqlx.Stmt `query:"due-rounds"`
	CreateInvitation        *sqlx.Stmt `query:"create-invitation"`
	MintTokens              *sqlx.Stmt `query:"mint-tokens"`
	MintLeaderTokens        *sqlx.Stmt `query:"mint-leader-tokens"`
	StopReminders           *sqlx.Stmt `query:"stop-reminders"`
	SurveyAccess            *sqlx.Stmt `query:"survey-access"`
	SaveDraft               *sqlx.Stmt `query:"save-draft"`
	SubmitResponse          *sqlx.Stmt `query:"submit-response"`
	Decline                 *sqlx.Stmt `query:"decline-invitation"`
	CountGuess              *sqlx.Stmt `query:"count-token-guess"`
	EnqueueMessages         *sqlx.Stmt `query:"enqueue-messages"`
	ClaimMessages           *sqlx.Stmt `query:"claim-messages"`
	AskedInRound            *sqlx.Stmt `query:"asked-in-round"`
	MarkSent                *sqlx.Stmt `query:"mark-sent"`
	EnqueueSponsorSummary   *sqlx.Stmt `query:"enqueue-sponsor-summary"`
	LockClosingRound        *sqlx.Stmt `query:"lock-closing-round"`
	SponsorSummaryMessage   *sqlx.Stmt `query:"sponsor-summary-message"`
	RetryMessage            *sqlx.Stmt `query:"retry-message"`
	EndMessage              *sqlx.Stmt `query:"end-message"`
	KeepInMailbox           *sqlx.Stmt `query:"keep-in-mailbox"`
	Mailbox                 *sqlx.Stmt `query:"list-mailbox"`
	DueReminderSlots        *sqlx.Stmt `query:"due-reminder-slots"`
	StartReminderRun        *sqlx.Stmt `query:"start-reminder-run"`
	EnqueueReminders        *sqlx.Stmt `query:"enqueue-reminders"`
	NotifyThreshold         *sqlx.Stmt `query:"notify-threshold"`
	CountGoals              *sqlx.Stmt `query:"count-goals"`
	GoalInstrument          *sqlx.Stmt `query:"goal-instrument-version"`
	CreateGoal              *sqlx.Stmt `query:"create-goal"`
	Goal                    *sqlx.Stmt `query:"get-goal"`
	Goals                   *sqlx.Stmt `query:"list-goals"`
	LockGoal                *sqlx.Stmt `query:"lock-goal"`
	UpdateGoal              *sqlx.Stmt `query:"update-goal"`
	DeleteGoal              *sqlx.Stmt `query:"delete-goal"`
	AddCheckIn              *sqlx.Stmt `query:"add-check-in"`
	CountCoachingSessions   *sqlx.Stmt `query:"count-coaching-sessions"`
	CreateCoachingSession   *sqlx.Stmt `query:"create-coaching-session"`
	CoachingSession         *sqlx.Stmt `query:"get-coaching-session"`
	CoachingSessions        *sqlx.Stmt `query:"list-coaching-sessions"`
	CoachingSessionParent   *sqlx.Stmt `query:"coaching-session-engagement"`
	LockCoachingSession     *sqlx.Stmt `query:"lock-coaching-session"`
	UpdateCoachingSession   *sqlx.Stmt `query:"update-coaching-session"`
	DeleteCoachingSession   *sqlx.Stmt `query:"delete-coaching-session"`
	FirstCoachingSession    *sqlx.Stmt `query:"first-coaching-session"`
	ForgetCoachingNotes     *sqlx.Stmt `query:"forget-coaching-session-notes"`
	Durability              *sqlx.Stmt `query:"durability"`
	OutboxBacklog           *sqlx.Stmt `query:"outbox-backlog"`
	CountReleases           *sqlx.Stmt `query:"count-releases"`
	RoundProgressOf         *sqlx.Stmt `query:"round-progress-of"`
	EndedEngagements        *sqlx.Stmt `query:"ended-engagements"`
	UnerasedRaters          *sqlx.Stmt `query:"unerased-raters"`
	DropEngagementKept      *sqlx.Stmt `query:"drop-engagement-kept-mail"`
	DropEngagementMail      *sqlx.Stmt `query:"drop-engagement-mail"`
	DropEngagementLinks     *sqlx.Stmt `query:"drop-engagement-tokens"`
	ScrubEngagementRemovals *sqlx.Stmt `query:"scrub-engagement-removals"`
	LockEndedEngagement     *sqlx.Stmt `query:"lock-ended-engagement"`
	ArchiveEngagement       *sqlx.Stmt `query:"archive-engagement"`
	LeaderAccess            *sqlx.Stmt `query:"leader-access"`
	DropLeaderTokens        *sqlx.Stmt `query:"drop-leader-tokens"`
	CancelLeaderMail        *sqlx.Stmt `query:"cancel-leader-mail"`
	SelfAssessment          *sqlx.Stmt `query:"self-assessment"`
	MintSelfToken           *sqlx.Stmt `query:"mint-self-token"`
	RoundShared             *sqlx.Stmt `query:"round-shared"`
	ShareReport             *sqlx.Stmt `query:"share-report"`
	SharedReports           *sqlx.Stmt `query:"shared-reports"`
	ConsentHistory          *sqlx.Stmt `query:"consent-history"`
	RecordConsent           *sqlx.Stmt `query:"record-consent"`
	Nominations             *sqlx.Stmt `query:"list-nominations"`
	Nomination              *sqlx.Stmt `query:"get-nomination"`
	LockNomination          *sqlx.Stmt `query:"lock-nomination"`
	ProposedKeys            *sqlx.Stmt `query:"proposed-keys"`
	CreateNomination        *sqlx.Stmt `query:"create-nomination"`
	DecideNomination        *sqlx.Stmt `query:"decide-nomination"`
	ScrubNominations        *sqlx.Stmt `query:"scrub-nominations"`
	ScrubNominationsWithKey *sqlx.Stmt `query:"scrub-nominations-with-key"`
	ScrubEngagementNoms     *sqlx.Stmt `query:"scrub-engagement-nominations"`
}

// readQueries parses every "-- name: x" block of the embedded files.
func readQueries(fsys fs.FS) (map[string]string, error) {
	files, err := fs.Glob(fsys, "queries/*.sql")
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, file := range files {
		b, err := fs.ReadFile(fsys, file)
		if err != nil {
			return nil, err
		}
		var name string
		var body strings.Builder
		flush := func() error {
			if name == "" {
				return nil
			}
			if _, dup := out[name]; dup {
				return fmt.Errorf("%s: query %q defined twice", file, name)
			}
			out[name] = strings.TrimSpace(body.String())
			body.Reset()
			return nil
		}
		sc := bufio.NewScanner(strings.NewReader(string(b)))
		for sc.Scan() {
			line := sc.Text()
			if rest, ok := strings.CutPrefix(line, "-- name:"); ok {
				if err := flush(); err != nil {
					return nil, err
				}
				name = strings.TrimSpace(rest)
				continue
			}
			if name != "" {
				body.WriteString(line)
				body.WriteByte('\n')
			}
		}
		if err := flush(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// prepare prepares every statement of s, and fails on any query that is missing, unused or wrong.
func prepare(db *sqlx.DB, s *statements) error {
	queries, err := readQueries(queryFiles)
	if err != nil {
		return err
	}
	v := reflect.ValueOf(s).Elem()
	t := v.Type()
	used := map[string]bool{}
	for i := 0; i < t.NumField(); i++ {
		name := t.Field(i).Tag.Get("query")
		q, ok := queries[name]
		if !ok {
			return fmt.Errorf("query %q not found in queries/*.sql", name)
		}
		stmt, err := db.Preparex(q)
		if err != nil {
			return fmt.Errorf("preparing query %q: %w", name, err)
		}
		v.Field(i).Set(reflect.ValueOf(stmt))
		used[name] = true
	}
	for name := range queries {
		if !used[name] {
			return fmt.Errorf("query %q in queries/*.sql is not used", name)
		}
	}
	return nil
}
