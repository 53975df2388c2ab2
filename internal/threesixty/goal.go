package threesixty

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Goal counts. Coaching practice agrees two or three development goals from the baseline report:
// more spreads a leader's attention thin, and the closing round can show change only where the
// leader worked on it. Up to MaxGoals are kept, so that a coach is warned past SuggestedGoals
// rather than stopped.
const (
	MaxGoals       = 5
	SuggestedGoals = 3
)

// Length limits of a goal's text, in characters: a title is a line, a description a paragraph or
// two, a key result one measurable sentence.
const (
	MaxGoalTitleRunes       = 200
	MaxGoalDescriptionRunes = 2000
	MaxKeyResults           = 5
	MaxKeyResultTextRunes   = 500
	MaxKeyResultFieldRunes  = 200 // measure and target
	MaxCheckInNoteRunes     = MaxCommentRunes
)

// Goal is a development goal agreed by coach and leader after the baseline: an objective, the
// competencies of the engagement's instrument it works on (the closing round measures change
// on those), and the key results that say it was reached.
type Goal struct {
	ID           string      `json:"id"`
	EngagementID string      `json:"engagement_id"`
	Title        string      `json:"title"`
	Description  string      `json:"description"`
	Competencies []string    `json:"competencies"`
	KeyResults   []KeyResult `json:"key_results"`
	CheckIns     []CheckIn   `json:"check_ins"`
	CreatedAt    time.Time   `json:"created_at"`
	UpdatedAt    time.Time   `json:"updated_at"`
}

// KeyResult is one measurable outcome of a goal: what will be true (Text), how it is measured,
// and the value aimed for.
type KeyResult struct {
	Text    string `json:"text"`
	Measure string `json:"measure"`
	Target  string `json:"target"`
}

// CheckInStatus is how a goal stands at a check-in.
type CheckInStatus string

// The check-in statuses.
const (
	CheckInOnTrack  CheckInStatus = "on_track"
	CheckInAtRisk   CheckInStatus = "at_risk"
	CheckInOffTrack CheckInStatus = "off_track"
	CheckInDone     CheckInStatus = "done"
)

// Valid reports whether s is a check-in status.
func (s CheckInStatus) Valid() bool {
	return s == CheckInOnTrack || s == CheckInAtRisk || s == CheckInOffTrack || s == CheckInDone
}

// CheckInStatuses are the check-in statuses, in the order a page offers them.
var CheckInStatuses = []CheckInStatus{CheckInOnTrack, CheckInAtRisk, CheckInOffTrack, CheckInDone}

// Label is how a page names the status.
func (s CheckInStatus) Label() string {
	switch s {
	case CheckInOnTrack:
		return "On track"
	case CheckInAtRisk:
		return "At risk"
	case CheckInOffTrack:
		return "Off track"
	case CheckInDone:
		return "Done"
	}
	return string(s)
}

// CheckIn is a note on a goal's progress, at a coaching session or between them.
type CheckIn struct {
	ID     string        `json:"id"`
	Note   string        `json:"note"`
	Status CheckInStatus `json:"status"`
	At     time.Time     `json:"at"`
}

// Validate checks the goal against the competency ids of the engagement's instrument and
// returns EINVALID naming the field of every problem, or nil. Lengths are those of the text as
// Cleaned keeps it.
func (g Goal) Validate(competencies []string) error {
	var problems []FieldError
	bad := func(field, format string, args ...any) {
		problems = append(problems, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	checkText("title", g.Title, true, true, MaxGoalTitleRunes, bad)
	checkText("description", g.Description, false, false, MaxGoalDescriptionRunes, bad)
	known := map[string]bool{}
	for _, id := range competencies {
		known[id] = true
	}
	if len(g.Competencies) == 0 {
		bad("competencies", "name at least one competency of the engagement's instrument: %s", strings.Join(competencies, ", "))
	}
	seen := map[string]int{}
	for i, id := range g.Competencies {
		field := fmt.Sprintf("competencies[%d]", i)
		first, dup := seen[id]
		switch {
		case !known[id]:
			bad(field, "%q is not a competency of the engagement's instrument; use one of: %s", id, strings.Join(competencies, ", "))
		case dup:
			bad(field, "%q is named twice (also at competencies[%d])", id, first)
		default:
			seen[id] = i
		}
	}
	if len(g.KeyResults) > MaxKeyResults {
		bad("key_results", "has %d key results; the limit is %d, since a goal with more has no focus", len(g.KeyResults), MaxKeyResults)
	}
	for i, kr := range g.KeyResults {
		field := fmt.Sprintf("key_results[%d].", i)
		checkText(field+"text", kr.Text, true, false, MaxKeyResultTextRunes, bad)
		checkText(field+"measure", kr.Measure, false, true, MaxKeyResultFieldRunes, bad)
		checkText(field+"target", kr.Target, false, true, MaxKeyResultFieldRunes, bad)
	}
	if len(problems) > 0 {
		return Invalid("the goal has invalid fields", problems)
	}
	return nil
}

// Cleaned returns the goal with its text as it is kept: cleaned like a comment (see
// CleanComment), without surrounding space, and one line where a line is meant.
func (g Goal) Cleaned() Goal {
	g.Title = cleanText(g.Title, true)
	g.Description = cleanText(g.Description, false)
	g.Competencies = append([]string{}, g.Competencies...)
	krs := make([]KeyResult, len(g.KeyResults))
	for i, kr := range g.KeyResults {
		krs[i] = KeyResult{Text: cleanText(kr.Text, false), Measure: cleanText(kr.Measure, true), Target: cleanText(kr.Target, true)}
	}
	g.KeyResults = krs
	return g
}

// Validate checks a new check-in and returns EINVALID naming the field of every problem, or nil.
func (c CheckIn) Validate() error {
	var problems []FieldError
	bad := func(field, format string, args ...any) {
		problems = append(problems, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	checkText("note", c.Note, false, false, MaxCheckInNoteRunes, bad)
	if !c.Status.Valid() {
		bad("status", "%q is not a check-in status; use on_track, at_risk, off_track or done", string(c.Status))
	}
	if len(problems) > 0 {
		return Invalid("the check-in has invalid fields", problems)
	}
	return nil
}

// Cleaned returns the check-in with its note as it is kept (see Goal.Cleaned).
func (c CheckIn) Cleaned() CheckIn {
	c.Note = cleanText(c.Note, false)
	return c
}

// GoalChange is what a PATCH of a goal changes; nil fields stay as they are.
type GoalChange struct {
	Title        *string
	Description  *string
	Competencies *[]string
	KeyResults   *[]KeyResult
}

// Empty reports whether the change changes nothing.
func (c GoalChange) Empty() bool {
	return c.Title == nil && c.Description == nil && c.Competencies == nil && c.KeyResults == nil
}

// Apply makes the change to g.
func (c GoalChange) Apply(g *Goal) {
	if c.Title != nil {
		g.Title = *c.Title
	}
	if c.Description != nil {
		g.Description = *c.Description
	}
	if c.Competencies != nil {
		g.Competencies = *c.Competencies
	}
	if c.KeyResults != nil {
		g.KeyResults = *c.KeyResults
	}
}

// GoalWarnings says what a coach should know about an engagement that has n goals: past
// SuggestedGoals, that practice recommends fewer. Nil when there is nothing to say.
func GoalWarnings(n int) []string {
	if n <= SuggestedGoals {
		return nil
	}
	return []string{fmt.Sprintf("the engagement now has %d goals; coaching practice recommends 2 to %d, "+
		"since a leader who works on a few goals changes more, and the closing round can show it", n, SuggestedGoals)}
}

// checkText reports, through bad, what is wrong with one text field: a NUL or bytes that are not
// UTF-8 (refused, not cleaned away, so that nothing a client sent is silently altered beyond
// the invisible characters CleanComment drops), a required field that is empty, or a text longer
// than limit characters once cleaned.
func checkText(field, value string, required, oneLine bool, limit int, bad func(field, format string, args ...any)) {
	text := cleanText(value, oneLine)
	n := utf8.RuneCountInString(text)
	switch {
	case !utf8.ValidString(value) || strings.ContainsRune(value, 0):
		bad(field, "contains characters that are not text (a NUL or bytes that are not UTF-8)")
	case required && text == "":
		bad(field, "is required")
	case n > limit:
		bad(field, "is %d characters long; the limit is %d", n, limit)
	}
}

// cleanText is value cleaned like a comment and trimmed; with oneLine, line breaks and tabs
// become spaces, since a title or a measure is shown on one line.
func cleanText(value string, oneLine bool) string {
	text := CleanComment(value)
	if oneLine {
		text = strings.Map(func(r rune) rune {
			if r == '\n' || r == '\t' {
				return ' '
			}
			return r
		}, text)
	}
	return strings.TrimSpace(text)
}
