package threesixty

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestDatesAreReadOnlyAsDays(t *testing.T) {
	for _, good := range []string{"2027-03-01", "2028-02-29", "1999-12-31"} {
		d, err := ParseDate(good)
		if err != nil || d.String() != good {
			t.Errorf("%q read as %q, %v", good, d, err)
		}
		b, err := json.Marshal(d)
		if err != nil || string(b) != `"`+good+`"` {
			t.Errorf("%q as JSON: %s, %v", good, b, err)
		}
		var back Date
		if err := json.Unmarshal(b, &back); err != nil || back != d {
			t.Errorf("%s read back as %v, %v", b, back, err)
		}
	}
	for _, bad := range []string{"", "2027-02-29", "2027-13-01", "2027-3-1", "01/03/2027", "2027-03-01T00:00:00Z", " 2027-03-01"} {
		if d, err := ParseDate(bad); err == nil {
			t.Errorf("%q read as %v", bad, d)
		}
	}
	if b, _ := json.Marshal(Date{}); string(b) != "null" {
		t.Errorf("no date as JSON: %s", b)
	}
	// The day it is where the engagement is, not where the server is.
	late := time.Date(2027, 3, 1, 23, 30, 0, 0, time.UTC)
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	if got := DateOf(late, tokyo).String(); got != "2027-03-02" {
		t.Errorf("in Tokyo at 23:30 UTC on 1 March it is %s", got)
	}
}

func TestEngagementDatesFollowTheRules(t *testing.T) {
	day := func(s string) Date { d, _ := ParseDate(s); return d }
	for _, c := range []struct {
		start, end string
		problem    string // "" when the dates are good
	}{
		{"", "", ""},
		{"2020-03-01", "", ""}, // a start in the past, no planned end
		{"2027-03-01", "2027-07-31", ""},
		{"2027-03-01", "2029-02-28", ""}, // 24 months
		{"2028-02-29", "2030-02-28", ""},
		{"", "2027-07-31", "needs a start"},
		{"2027-03-01", "2027-03-01", "after the start"},
		{"2027-03-01", "2027-02-01", "after the start"},
		{"2027-03-01", "2029-03-01", "24 months"},
	} {
		problems := checkEngagementDates(day(c.start), day(c.end))
		switch {
		case c.problem == "" && len(problems) > 0:
			t.Errorf("%s to %s: %+v", c.start, c.end, problems)
		case c.problem != "" && (len(problems) != 1 || problems[0].Field != "planned_end_on" || !strings.Contains(problems[0].Message, c.problem)):
			t.Errorf("%s to %s: %+v, want %q on planned_end_on", c.start, c.end, problems, c.problem)
		}
	}
}

func TestCoachingSessionRules(t *testing.T) {
	now := time.Date(2027, 3, 10, 20, 0, 0, 0, time.UTC) // 11 March already in Auckland
	e := &Engagement{TimeZone: "Pacific/Auckland", StartsOn: NewDate(2027, 3, 1)}
	fieldsOf := func(err error) string {
		if err == nil {
			return ""
		}
		var fields []string
		for _, f := range err.(*Error).Fields {
			fields = append(fields, f.Field)
		}
		return strings.Join(fields, ",")
	}
	for _, c := range []struct {
		name   string
		s      CoachingSession
		fields string
	}{
		{"an hour on the start", CoachingSession{HeldOn: NewDate(2027, 3, 1), Minutes: 60}, ""},
		{"tomorrow where the leader is", CoachingSession{HeldOn: NewDate(2027, 3, 12), Minutes: 480, Notes: "Planned."}, ""},
		{"the day after", CoachingSession{HeldOn: NewDate(2027, 3, 13), Minutes: 60}, "held_on"},
		{"before the start", CoachingSession{HeldOn: NewDate(2027, 2, 28), Minutes: 60}, "held_on"},
		{"no day", CoachingSession{Minutes: 60}, "held_on"},
		{"no minutes", CoachingSession{HeldOn: NewDate(2027, 3, 2)}, "minutes"},
		{"a long day", CoachingSession{HeldOn: NewDate(2027, 3, 2), Minutes: 481}, "minutes"},
		{"long notes", CoachingSession{HeldOn: NewDate(2027, 3, 2), Minutes: 1, Notes: strings.Repeat("é", MaxCommentRunes+1)}, "notes"},
		{"everything wrong", CoachingSession{Minutes: -1, Notes: "\x00"}, "held_on,minutes,notes"},
	} {
		if got := fieldsOf(c.s.Validate(e, now)); got != c.fields {
			t.Errorf("%s: problems on %q, want %q", c.name, got, c.fields)
		}
	}
	if got := (CoachingSession{Notes: " \u202eNotes\u200b kept \n"}).Cleaned().Notes; got != "Notes kept" {
		t.Errorf("cleaned notes %q", got)
	}
}
