package threesixty

import (
	"fmt"
	"strings"
	"time"
)

// Threshold bounds. Below 3, a rater who reads the report could subtract their own answers from
// a group of two and read the other's; above 10 a normal team could never be shown.
const (
	DefaultThreshold = 3
	MinThreshold     = 3
	MaxThreshold     = 10
)

// Person is someone the service writes to: a leader or a rater.
type Person struct {
	Name  string `json:"name"`
	Email string `json:"email"`
}

// Sponsor is who pays for the engagement. Sponsors only ever see themes and progress.
type Sponsor struct {
	Name         string `json:"name"`
	Email        string `json:"email"`
	Organisation string `json:"organisation"`
}

// Anonymity is the engagement's part of the anonymity promise. It locks when the first round
// opens: its raters have been told it.
type Anonymity struct {
	// Threshold is k: a rater group is reported only when at least k of its raters answered.
	Threshold int `json:"threshold"`
	// SuperiorIdentifiable lets the superior group be shown below k; superiors are told so.
	SuperiorIdentifiable bool `json:"superior_identifiable"`
}

// Validate checks the settings, naming the field of each problem.
func (a Anonymity) Validate() []FieldError {
	if a.Threshold < MinThreshold || a.Threshold > MaxThreshold {
		return []FieldError{{Field: "threshold", Message: fmt.Sprintf("must be from %d to %d", MinThreshold, MaxThreshold)}}
	}
	return nil
}

// Engagement is one leader's coaching engagement.
type Engagement struct {
	ID      string `json:"id"`
	CoachID string `json:"-"`
	// CoachName is the name of the coach who runs it, as read; empty on an engagement not read
	// from the store.
	CoachName  string    `json:"-"`
	Leader     Person    `json:"leader"`
	Sponsor    *Sponsor  `json:"sponsor"`
	Instrument string    `json:"instrument"`
	Anonymity  Anonymity `json:"anonymity"`
	// RaterDomains, when set, are the organisation's email domains: raters outside them are
	// refused, so that nobody can be added from an address the organisation does not own.
	RaterDomains []string `json:"rater_domains"`
	// TimeZone is where the leader and raters are (an IANA name, such as Europe/Paris): every
	// deadline is named in it.
	TimeZone string `json:"time_zone"`
	// StartsOn is the day the engagement starts and PlannedEndOn the day it is planned to end,
	// each no date until the coach sets it. No coaching session is held before the start.
	StartsOn     Date `json:"starts_on"`
	PlannedEndOn Date `json:"planned_end_on"`
	// NominationAllowed lets the leader propose raters, each for the coach to approve.
	NominationAllowed bool `json:"nomination_allowed"`
	// ArchivedAt is when the coach archived the engagement, once it ended: its leader link
	// opens nothing from then on, and no round opens (see Archived).
	ArchivedAt *time.Time `json:"archived_at"`
	CreatedAt  time.Time  `json:"created_at"`
}

// errArchived refuses a change that only an engagement still running can take.
var errArchived = Errorf(ECONFLICT, "the engagement is archived: it has ended, and takes no new rounds, raters, nominations, shared reports or leader links")

// CheckNotArchived returns ECONFLICT for an archived engagement. Archiving is for an engagement
// that has ended: it refuses opening rounds, adding raters (and so approving nominations),
// nominations themselves, changing settings, sharing reports and sending the leader a link.
// Goals, check-ins, reading, exports and deletion stay as they were.
func (e *Engagement) CheckNotArchived() error {
	if e.ArchivedAt != nil {
		return errArchived
	}
	return nil
}

// Validate checks what a coach chooses for an engagement, naming the field of each problem.
func (e *Engagement) Validate() []FieldError {
	var problems []FieldError
	for _, f := range e.Anonymity.Validate() {
		f.Field = "anonymity." + f.Field
		problems = append(problems, f)
	}
	check := func(field, value string, required bool) {
		switch {
		case !PlainText(value):
			problems = append(problems, FieldError{Field: field, Message: "must be plain text, without control characters"})
		case required && strings.TrimSpace(value) == "":
			problems = append(problems, FieldError{Field: field, Message: "is required"})
		case len(value) > 200:
			problems = append(problems, FieldError{Field: field, Message: "must be at most 200 characters"})
		}
	}
	checkEmail := func(field, value string) {
		if !ValidEmail(value) {
			problems = append(problems, FieldError{Field: field, Message: fmt.Sprintf("%q is not an email address", value)})
		}
	}
	check("leader.name", e.Leader.Name, true)
	checkEmail("leader.email", e.Leader.Email)
	if e.Sponsor != nil {
		check("sponsor.name", e.Sponsor.Name, true)
		checkEmail("sponsor.email", e.Sponsor.Email)
		check("sponsor.organisation", e.Sponsor.Organisation, false)
		if EmailKey(e.Sponsor.Email) == EmailKey(e.Leader.Email) {
			problems = append(problems, FieldError{Field: "sponsor.email", Message: "is the leader's address; the sponsor is someone else"})
		}
	}
	if _, err := Location(e.TimeZone); err != nil {
		problems = append(problems, FieldError{Field: "time_zone", Message: err.Error()})
	}
	problems = append(problems, checkEngagementDates(e.StartsOn, e.PlannedEndOn)...)
	for i, d := range e.RaterDomains {
		if !ValidDomain(d) {
			problems = append(problems, FieldError{Field: fmt.Sprintf("rater_domains[%d]", i), Message: fmt.Sprintf("%q is not a domain name in lower case, such as example.com", d)})
		}
	}
	return problems
}

// MaxEngagementMonths is the longest an engagement may be planned to run: coaching engagements
// run four to six months, a year at the most, and a plan beyond two years is a typing mistake.
const MaxEngagementMonths = 24

// checkEngagementDates names what is wrong with an engagement's start and planned end. A start
// may lie in the past (an engagement entered once it has begun); a planned end needs a start,
// and comes after it, within MaxEngagementMonths.
func checkEngagementDates(start, end Date) []FieldError {
	switch {
	case end.IsZero():
		return nil
	case start.IsZero():
		return []FieldError{{Field: "planned_end_on", Message: "needs a start (starts_on) to end after"}}
	case !end.After(start):
		return []FieldError{{Field: "planned_end_on", Message: fmt.Sprintf("must be after the start, %s", start)}}
	case !end.Before(start.AddDate(0, MaxEngagementMonths, 0)):
		return []FieldError{{Field: "planned_end_on", Message: fmt.Sprintf("is more than %d months after the start, %s; an engagement spans at most %d months", MaxEngagementMonths, start, MaxEngagementMonths)}}
	}
	return nil
}

// SettingsChange is what may change of an engagement after it is created, until its first round
// opens; nil fields stay as they are.
type SettingsChange struct {
	Threshold            *int
	SuperiorIdentifiable *bool
	RaterDomains         *[]string
	TimeZone             *string
	// NominationAllowed changes whether the leader may propose raters; unlike the others, it
	// may change at any time, since no rater was told anything about it.
	NominationAllowed *bool
	// StartsOn and PlannedEndOn change the engagement's dates (the zero Date clears one); they
	// may change at any time, since no rater was told them.
	StartsOn, PlannedEndOn *Date
}

// Locked reports whether the change touches a setting that locks when the first round opens:
// the anonymity settings, the email domains and the time zone, which invitations state.
func (c SettingsChange) Locked() bool {
	return c.Threshold != nil || c.SuperiorIdentifiable != nil || c.RaterDomains != nil || c.TimeZone != nil
}

// Apply makes the change to e.
func (c SettingsChange) Apply(e *Engagement) {
	if c.Threshold != nil {
		e.Anonymity.Threshold = *c.Threshold
	}
	if c.SuperiorIdentifiable != nil {
		e.Anonymity.SuperiorIdentifiable = *c.SuperiorIdentifiable
	}
	if c.RaterDomains != nil {
		e.RaterDomains = *c.RaterDomains
	}
	if c.TimeZone != nil {
		e.TimeZone = *c.TimeZone
	}
	if c.NominationAllowed != nil {
		e.NominationAllowed = *c.NominationAllowed
	}
	if c.StartsOn != nil {
		e.StartsOn = *c.StartsOn
	}
	if c.PlannedEndOn != nil {
		e.PlannedEndOn = *c.PlannedEndOn
	}
}
