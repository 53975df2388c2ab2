package threesixty

import (
	"fmt"
	"time"
)

// Coaching session limits. A session is an hour or two, a day's workshop at the most (480
// minutes); an engagement of four to six months has eight or so, and a hundred is more than any
// engagement of MaxEngagementMonths holds.
const (
	MaxCoachingSessions          = 100
	MaxCoachingSessionMinutes    = 480
	MaxCoachingSessionNotesRunes = MaxCommentRunes
)

// CoachingSession is one meeting of coach and leader: the day it was held, how long it lasted,
// and the coach's notes. ("Session" alone is a signed-in browser in this code base.) The notes
// are the coach's alone: the store reads them only to the coach who runs the engagement (not to
// admins, the leader or the service), and they are in no report, results, export, leader's
// page, message or audit trail entry.
type CoachingSession struct {
	ID           string    `json:"id"`
	EngagementID string    `json:"engagement_id"`
	HeldOn       Date      `json:"held_on"`
	Minutes      int       `json:"minutes"`
	Notes        string    `json:"notes"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// Validate checks the session against its engagement at the moment now and returns EINVALID
// naming the field of every problem, or nil: held on a day no later than tomorrow in the
// engagement's time zone (a session entered the evening before, or across a date line, is not
// refused) and not before the engagement's start; from 1 to MaxCoachingSessionMinutes minutes;
// notes within their limit, as Cleaned keeps them.
func (s CoachingSession) Validate(e *Engagement, now time.Time) error {
	var problems []FieldError
	bad := func(field, format string, args ...any) {
		problems = append(problems, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	latest := DateOf(now, LocationOrUTC(e.TimeZone)).AddDate(0, 0, 1)
	switch {
	case s.HeldOn.IsZero():
		bad("held_on", "is required: the day the session was held, as YYYY-MM-DD")
	case s.HeldOn.After(latest):
		bad("held_on", "is %s, in the future; record a session once it is held (%s at the latest)", s.HeldOn, latest)
	case !e.StartsOn.IsZero() && s.HeldOn.Before(e.StartsOn):
		bad("held_on", "is %s, before the engagement starts on %s", s.HeldOn, e.StartsOn)
	}
	if s.Minutes < 1 || s.Minutes > MaxCoachingSessionMinutes {
		bad("minutes", "must be a whole number of minutes from 1 to %d", MaxCoachingSessionMinutes)
	}
	checkText("notes", s.Notes, false, false, MaxCoachingSessionNotesRunes, bad)
	if len(problems) > 0 {
		return Invalid("the coaching session has invalid fields", problems)
	}
	return nil
}

// Cleaned returns the session with its notes as they are kept: cleaned like a comment (see
// CleanComment) and trimmed.
func (s CoachingSession) Cleaned() CoachingSession {
	s.Notes = cleanText(s.Notes, false)
	return s
}

// CoachingSessionChange is what a PATCH of a coaching session changes; nil fields stay as they
// are.
type CoachingSessionChange struct {
	HeldOn  *Date
	Minutes *int
	Notes   *string
}

// Empty reports whether the change changes nothing.
func (c CoachingSessionChange) Empty() bool {
	return c.HeldOn == nil && c.Minutes == nil && c.Notes == nil
}

// Apply makes the change to s.
func (c CoachingSessionChange) Apply(s *CoachingSession) {
	if c.HeldOn != nil {
		s.HeldOn = *c.HeldOn
	}
	if c.Minutes != nil {
		s.Minutes = *c.Minutes
	}
	if c.Notes != nil {
		s.Notes = *c.Notes
	}
}
