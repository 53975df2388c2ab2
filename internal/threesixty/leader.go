package threesixty

import (
	"strings"
	"time"
)

// LeaderAccess is what a leader link opens: one engagement, not archived, seen as its leader
// sees it.
type LeaderAccess struct {
	EngagementID string
	LeaderName   string
	CoachName    string
	TimeZone     string // the engagement's, in which dates are named
	// NominationAllowed is the coach's setting: the leader may propose raters.
	NominationAllowed bool
}

// Actor is the leader acting through the link.
func (a *LeaderAccess) Actor() Actor { return LeaderActor(a.EngagementID) }

// IsLeader reports whether the actor is a leader, through their link.
func (a Actor) IsLeader() bool { return a.Kind == ActorLeader && a.EngagementID != "" }

// mayNotCheckIn is the error for an actor that sees a goal but may not add to it.
var mayNotCheckIn = Errorf(EFORBIDDEN, "only the engagement's coach or its leader can add a check-in")

// CheckMayCheckIn returns EFORBIDDEN unless the actor may record a check-in on the goals it
// sees: whoever runs the engagement, and its leader, who works on the goals. A check-in is the
// one change to goals a leader may make.
func (a Actor) CheckMayCheckIn() error {
	if a.Manages() || a.IsLeader() {
		return nil
	}
	return mayNotCheckIn
}

// CheckIsLeader returns EFORBIDDEN unless the actor is the leader: what is the leader's own to
// decide (consent, nominations) is decided by nobody else, the coach included.
func (a Actor) CheckIsLeader(what string) error {
	if a.IsLeader() {
		return nil
	}
	return Errorf(EFORBIDDEN, "only the leader, through their link, can %s", what)
}

// SelfAssessment is the leader's invitation to the round open now, as their page shows it.
type SelfAssessment struct {
	RoundKind RoundKind
	ClosesAt  time.Time
	Status    InvitationStatus
}

// ConsentScope is what a sponsor summary may include. The scopes nest, narrowest first: each
// includes everything the one before it does. None ever includes a score, an item or a comment.
type ConsentScope string

// The scopes of consent to a sponsor summary.
const (
	// ConsentProgressByTheme: the competencies the leader's goals work on, and whether each
	// improved, held steady or declined; not the goals' wording.
	ConsentProgressByTheme ConsentScope = "progress_by_theme"
	// ConsentGoalsAndProgress: that, and each goal's wording with its latest check-in status.
	ConsentGoalsAndProgress ConsentScope = "goals_and_progress"
	// ConsentThemesAndProgress: that, and the main themes of the baseline feedback: the names of
	// the competencies all others rated highest and lowest, without their numbers.
	ConsentThemesAndProgress ConsentScope = "themes_and_progress"
)

// ConsentScopes are the scopes, narrowest first.
var ConsentScopes = []ConsentScope{ConsentProgressByTheme, ConsentGoalsAndProgress, ConsentThemesAndProgress}

// Valid reports whether s is a scope.
func (s ConsentScope) Valid() bool {
	return s == ConsentProgressByTheme || s == ConsentGoalsAndProgress || s == ConsentThemesAndProgress
}

// Label is how a page names what the scope lets the sponsor see, in the leader's words.
func (s ConsentScope) Label() string {
	switch s {
	case ConsentProgressByTheme:
		return "the competencies my goals work on, and whether each improved, held steady or declined; not the wording of my goals"
	case ConsentGoalsAndProgress:
		return "my development goals in my words, how each stands, and whether the competencies they work on improved, held steady or declined"
	case ConsentThemesAndProgress:
		return "my development goals, how they stand, and the main themes of the feedback"
	}
	return string(s)
}

// SponsorLabel is Label in the words of the summary the sponsor reads, about the leader.
func (s ConsentScope) SponsorLabel() string {
	switch s {
	case ConsentProgressByTheme:
		return "the competencies their goals work on, and whether each improved, held steady or declined; not the wording of their goals"
	case ConsentGoalsAndProgress:
		return "their development goals in their words, how each stands, and whether the competencies they work on improved, held steady or declined"
	case ConsentThemesAndProgress:
		return "their development goals, how they stand, and the main themes of the feedback"
	}
	return string(s)
}

// Description says plainly, in the leader's words, exactly what the sponsor's summary shows
// under the scope.
func (s ConsentScope) Description() string {
	const always = "The engagement's dates, how many coaching sessions we had, and, for each competency my goals work on, its name and whether it improved, held steady or declined between my first and last feedback."
	const never = " Never a score, a question, a comment or who said what."
	switch s {
	case ConsentProgressByTheme:
		return always + " Not the wording of my goals." + never
	case ConsentGoalsAndProgress:
		return always + " Also each goal's title as written and how it stood at its latest check-in (on track, at risk, off track or done)." + never
	case ConsentThemesAndProgress:
		return always + " Also each goal's title and latest check-in status, and the names of the competencies my raters rated highest and lowest at the start, without numbers." + never
	}
	return ""
}

// ShowsGoals reports whether the summary under s shows each goal's wording and latest status.
func (s ConsentScope) ShowsGoals() bool {
	return s == ConsentGoalsAndProgress || s == ConsentThemesAndProgress
}

// ShowsFeedbackThemes reports whether the summary under s names the main themes of the baseline
// feedback.
func (s ConsentScope) ShowsFeedbackThemes() bool { return s == ConsentThemesAndProgress }

// ConsentDecision is one entry of the consent history: consent given, or withdrawn.
type ConsentDecision string

// The consent decisions.
const (
	ConsentGiven     ConsentDecision = "given"
	ConsentWithdrawn ConsentDecision = "withdrawn"
)

// SponsorConsent is one entry of the history of the leader's consent to a sponsor summary: the
// decision, the scope it gave or withdrew, and when.
type SponsorConsent struct {
	Decision ConsentDecision `json:"decision"`
	Scope    ConsentScope    `json:"scope"`
	At       time.Time       `json:"at"`
}

// ConsentState is the leader's consent to a sponsor summary: its history, oldest first, and
// what it comes to now.
type ConsentState struct {
	History []SponsorConsent `json:"history"`
}

// Current is the latest entry, nil when the leader has never decided.
func (c ConsentState) Current() *SponsorConsent {
	if len(c.History) == 0 {
		return nil
	}
	return &c.History[len(c.History)-1]
}

// Given is the scope consent is given for now, "" when it is not given.
func (c ConsentState) Given() ConsentScope {
	if cur := c.Current(); cur != nil && cur.Decision == ConsentGiven {
		return cur.Scope
	}
	return ""
}

// Next is the entry that takes the consent from where it stands to scope ("" withdraws), or nil
// when it is there already: the history records changes only. EINVALID for a scope that is
// not one.
func (c ConsentState) Next(scope ConsentScope) (*SponsorConsent, error) {
	given := c.Given()
	switch {
	case scope == given:
		return nil, nil
	case scope == "":
		return &SponsorConsent{Decision: ConsentWithdrawn, Scope: given}, nil
	case !scope.Valid():
		return nil, Invalid("the scope is unknown", []FieldError{{Field: "scope", Message: "choose what your sponsor's summary may include"}})
	}
	return &SponsorConsent{Decision: ConsentGiven, Scope: scope}, nil
}

// NominationStatus is where a nomination stands: the coach decides each one.
type NominationStatus string

// The nomination statuses.
const (
	NominationProposed NominationStatus = "proposed"
	NominationApproved NominationStatus = "approved"
	NominationRejected NominationStatus = "rejected"
)

// Nomination is a rater the leader proposes. Nothing is sent to the nominee until the coach
// approves, and then they are added as any rater is. It says where the proposal stands, and
// nothing ever about whether the rater answered.
type Nomination struct {
	ID           string           `json:"id"`
	EngagementID string           `json:"engagement_id"`
	Name         string           `json:"name"`
	Email        string           `json:"email"`
	Group        RaterGroup       `json:"group"`
	Status       NominationStatus `json:"status"`
	ProposedAt   time.Time        `json:"proposed_at"`
	DecidedAt    *time.Time       `json:"decided_at"`
	// RaterID is the rater an approval made.
	RaterID *string `json:"rater_id,omitempty"`
}

// Rater is the rater an approval adds.
func (n Nomination) Rater() Rater {
	return Rater{Name: strings.TrimSpace(n.Name), Email: strings.TrimSpace(n.Email), Group: n.Group}
}

// CheckNomination checks a proposed rater as a rater added by the coach is checked (CheckRaters:
// a valid address, not the leader or the coach, inside the organisation's domains, not a rater
// already), and also against the nominations still waiting for the coach, whose keys are in
// proposed. Problems name their field, without a row.
//
// Whether the address belongs to an account of the service is not checked here: a leader's link
// must not tell which addresses have accounts. Such a proposal waits like any other, and the
// coach's approval refuses it with the reason.
func CheckNomination(n Nomination, rules RaterRules, proposed map[string]bool) []FieldError {
	rules.Accounts = nil
	r := n.Rater()
	if proposed[EmailKey(r.Email)] && ValidEmail(r.Email) {
		return []FieldError{{Field: "email", Message: r.Email + " has been proposed already; your coach has not decided yet"}}
	}
	existing := make(map[string]bool, len(rules.Existing)+len(proposed))
	for k := range rules.Existing {
		existing[k] = true
	}
	for k := range proposed { // waiting nominations count towards the most raters there may be
		existing[k] = true
	}
	rules.Existing = existing
	problems := CheckRaters([]Rater{r}, rules)
	for i := range problems {
		problems[i].Row = 0
	}
	return problems
}

// SharedReport is a released round whose report the coach has shared with the leader.
type SharedReport struct {
	RoundID    string    `json:"round_id"`
	RoundKind  RoundKind `json:"kind"`
	ReleasedAt time.Time `json:"released_at"`
	SharedAt   time.Time `json:"shared_at"`
}
