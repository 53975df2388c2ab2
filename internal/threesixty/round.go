package threesixty

import "time"

// RoundKind is which survey wave of an engagement a round is.
type RoundKind string

// The round kinds.
const (
	RoundKindBaseline RoundKind = "baseline"
	RoundKindMidpoint RoundKind = "midpoint"
	RoundKindClosing  RoundKind = "closing"
)

// RoundStatus is where a round is in its life.
type RoundStatus string

// Round statuses. A closed round takes no more submissions and never opens again.
const (
	RoundStatusOpen   RoundStatus = "open"
	RoundStatusClosed RoundStatus = "closed"
)

// Round is one survey wave of an engagement. It pins the exact instrument version it used.
type Round struct {
	ID                string          `json:"id" db:"id"`
	EngagementID      string          `json:"engagement_id" db:"engagement_id"`
	Kind              RoundKind       `json:"kind" db:"kind"`
	Status            RoundStatus     `json:"status" db:"status"`
	Instrument        string          `json:"instrument" db:"instrument"`
	InstrumentVersion string          `json:"instrument_version" db:"instrument_version"`
	OpenedAt          time.Time       `json:"opened_at" db:"opened_at"`
	ClosesAt          time.Time       `json:"closes_at" db:"closes_at"`
	ClosedAt          *time.Time      `json:"closed_at" db:"closed_at"`
	ReleasedAt        *time.Time      `json:"released_at" db:"released_at"`
	Reminders         Reminders       `json:"reminders" db:"reminders"`
	Progress          []GroupProgress `json:"progress" db:"-"`
}

// Reminders is a round's reminder schedule. A day count of 0 turns that reminder off; Limit
// bounds the reminders any one person gets, those a coach sends by hand included.
type Reminders struct {
	AfterDays       int `json:"after_days" db:"after_days"`
	BeforeCloseDays int `json:"before_close_days" db:"before_close_days"`
	Limit           int `json:"limit" db:"limit"`
}

// DefaultReminders: four days after the invitation, two days before the round closes.
var DefaultReminders = Reminders{AfterDays: 4, BeforeCloseDays: 2, Limit: 2}

// GroupProgress is what a coach may know of a round while it runs: counts, never names. Bounced
// counts invitations whose mail the receiving server refused; Failed, those it could not be
// delivered to after every retry.
type GroupProgress struct {
	Group     RaterGroup `json:"group" db:"rater_group"`
	Invited   int        `json:"invited" db:"invited"`
	Completed int        `json:"completed" db:"completed"`
	Declined  int        `json:"declined" db:"declined"`
	Bounced   int        `json:"bounced" db:"bounced"`
	Failed    int        `json:"failed" db:"failed"`
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
