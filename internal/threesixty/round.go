package threesixty

import (
	"fmt"
	"time"
)

// RoundKind is which survey wave of an engagement a round is.
type RoundKind string

// The round kinds.
const (
	RoundKindBaseline RoundKind = "baseline"
	RoundKindMidpoint RoundKind = "midpoint"
	RoundKindClosing  RoundKind = "closing"
)

// Valid reports whether k is a round kind.
func (k RoundKind) Valid() bool {
	return k == RoundKindBaseline || k == RoundKindMidpoint || k == RoundKindClosing
}

// RoundStatus is where a round is in its life.
type RoundStatus string

// Round statuses. A closed round takes no more submissions and never opens again.
const (
	RoundStatusOpen   RoundStatus = "open"
	RoundStatusClosed RoundStatus = "closed"
)

// Round is one survey wave of an engagement. It pins the exact instrument version it used, and
// the anonymity settings its invitations stated, which its release uses.
type Round struct {
	ID                string          `json:"id"`
	EngagementID      string          `json:"engagement_id"`
	Kind              RoundKind       `json:"kind"`
	Status            RoundStatus     `json:"status"`
	Instrument        string          `json:"instrument"`
	InstrumentVersion string          `json:"instrument_version"`
	Anonymity         Anonymity       `json:"anonymity"`
	OpenedAt          time.Time       `json:"opened_at"`
	ClosesAt          time.Time       `json:"closes_at"`
	ClosedAt          *time.Time      `json:"closed_at"`
	ReleasedAt        *time.Time      `json:"released_at"`
	Reminders         Reminders       `json:"reminders"`
	Progress          []GroupProgress `json:"progress,omitempty"`
}

// Released reports whether the round's results exist.
func (r *Round) Released() bool { return r.ReleasedAt != nil }

// Reminders is a round's reminder schedule. A day count of 0 turns that reminder off; Limit
// bounds the reminders any one person gets, those a coach sends by hand included.
type Reminders struct {
	AfterDays       int `json:"after_days"`
	BeforeCloseDays int `json:"before_close_days"`
	Limit           int `json:"limit"`
}

// DefaultReminders: four days after the invitation, two days before the round closes.
var DefaultReminders = Reminders{AfterDays: 4, BeforeCloseDays: 2, Limit: 2}

// Reminder bounds: two months either way, and at most ten reminders to one person.
const (
	MaxReminderDays  = 60
	MaxReminderLimit = 10
)

// Validate checks the schedule, naming the field of each problem.
func (r Reminders) Validate() []FieldError {
	var problems []FieldError
	days := func(field string, n int) {
		if n < 0 || n > MaxReminderDays {
			problems = append(problems, FieldError{Field: field, Message: fmt.Sprintf("must be from 0 (no such reminder) to %d days", MaxReminderDays)})
		}
	}
	days("after_days", r.AfterDays)
	days("before_close_days", r.BeforeCloseDays)
	if r.Limit < 0 || r.Limit > MaxReminderLimit {
		problems = append(problems, FieldError{Field: "limit", Message: fmt.Sprintf("must be from 0 to %d", MaxReminderLimit)})
	}
	return problems
}

// Round length: long enough for anyone to answer, short enough that links do not stay valid
// indefinitely.
const (
	MinRoundLength = time.Hour
	MaxRoundLength = 366 * 24 * time.Hour
)

// RoundPlan is what a coach decides when opening a round.
type RoundPlan struct {
	Kind     RoundKind
	ClosesAt time.Time
	// InstrumentVersion is the version a baseline or closing round pins; a midpoint pulse pins
	// the one generated from the engagement's goals as it opens, whatever this says.
	InstrumentVersion string
	Reminders         Reminders
	// LeaveOut names raters of the engagement (by id) not to invite to a midpoint pulse. A
	// baseline and a closing round invite every rater: leaving one rater out of the closing
	// round, which asks the baseline's questions again, would let the comparison of a group's
	// two sums say how that one rater answered.
	LeaveOut []string
}

// Validate checks the plan at now, naming the field of each problem.
func (p RoundPlan) Validate(now time.Time) []FieldError {
	var problems []FieldError
	if !p.Kind.Valid() {
		problems = append(problems, FieldError{Field: "kind", Message: fmt.Sprintf("%q is not a round kind; use baseline, midpoint or closing", p.Kind)})
	}
	switch {
	case p.ClosesAt.Before(now.Add(MinRoundLength)):
		problems = append(problems, FieldError{Field: "closes_at", Message: "must be at least an hour from now"})
	case p.ClosesAt.After(now.Add(MaxRoundLength)):
		problems = append(problems, FieldError{Field: "closes_at", Message: "must be within a year from now"})
	}
	for _, f := range p.Reminders.Validate() {
		f.Field = "reminders." + f.Field
		problems = append(problems, f)
	}
	if p.Kind != RoundKindMidpoint && len(p.LeaveOut) > 0 {
		problems = append(problems, FieldError{Field: "leave_out", Message: fmt.Sprintf("a %s round invites every rater; raters may be left out only of a midpoint pulse, whose questions the other rounds do not ask", p.Kind)})
	}
	return problems
}

// CheckNextRound says whether a round of kind may open after the engagement's rounds so far: one
// baseline; after it is released, one midpoint goal pulse and one closing round, the pulse only
// before the closing round; one round open at a time. A second baseline, or a second pulse over
// the same goals, would let the difference of two rounds give away a rater added or left out
// between them. ECONFLICT says which rule stands in the way.
func CheckNextRound(kind RoundKind, rounds []Round) error {
	var baseline, midpoint, closing *Round
	for i := range rounds {
		r := &rounds[i]
		if r.Status == RoundStatusOpen {
			return Errorf(ECONFLICT, "the engagement already has an open round; close it first")
		}
		switch r.Kind {
		case RoundKindBaseline:
			baseline = r
		case RoundKindMidpoint:
			midpoint = r
		case RoundKindClosing:
			closing = r
		}
	}
	switch {
	case closing != nil:
		return Errorf(ECONFLICT, "the engagement's closing round has run; an engagement has no rounds after it")
	case kind == RoundKindBaseline && baseline != nil:
		return Errorf(ECONFLICT, "the engagement already has its baseline round; an engagement has one")
	case kind != RoundKindBaseline && (baseline == nil || !baseline.Released()):
		return Errorf(ECONFLICT, "a %s round needs the released baseline; open and close the baseline first", kind)
	case kind == RoundKindMidpoint && midpoint != nil:
		return Errorf(ECONFLICT, "the engagement already has its midpoint pulse; an engagement has one, since the difference of two pulses over the same goals could tell how a rater who joined or was left out between them answered")
	}
	return nil
}

// CheckPulseGoals says whether a midpoint pulse may ask about an engagement's goals: it asks one
// question per goal, so it needs at least one. ECONFLICT otherwise.
func CheckPulseGoals(goals []Goal) error {
	if len(goals) == 0 {
		return Errorf(ECONFLICT, "the midpoint pulse asks about the engagement's goals, and it has none yet; set its goals first")
	}
	return nil
}

// GroupProgress is what a coach may know of a round while it runs: counts, never names. Bounced
// counts invitations whose mail the receiving server refused; Failed, those it could not be
// delivered to after every retry.
type GroupProgress struct {
	Group     RaterGroup `json:"group"`
	Invited   int        `json:"invited"`
	Completed int        `json:"completed"`
	Declined  int        `json:"declined"`
	Delayed   int        `json:"delayed"` // mail refused for now, waiting for a retry
	Bounced   int        `json:"bounced"`
	Failed    int        `json:"failed"`
}

// FillProgress returns counts for every group in display order, zeros where nobody was invited,
// so the shape of the answer does not itself tell which groups exist.
func FillProgress(counted []GroupProgress) []GroupProgress {
	out := make([]GroupProgress, len(RaterGroups))
	for i, g := range RaterGroups {
		out[i].Group = g
		for _, c := range counted {
			if c.Group == g {
				out[i] = c
			}
		}
	}
	return out
}
