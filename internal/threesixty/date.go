package threesixty

import (
	"encoding/json"
	"fmt"
	"time"
)

// DateLayout is how a date is written in the API and stored: "2027-03-01".
const DateLayout = "2006-01-02"

// Date is a day of the calendar, without a time or a zone: the day a coaching session was held,
// the day an engagement starts. Whoever reads it takes it as a day where they are, so it is kept
// as the day's midnight in UTC and never converted. The zero Date is no date.
type Date struct{ t time.Time }

// NewDate is the date of year, month and day, normalised as time.Date normalises them.
func NewDate(year int, month time.Month, day int) Date {
	return Date{time.Date(year, month, day, 0, 0, 0, 0, time.UTC)}
}

// DateOf is the day it is in loc at the moment t.
func DateOf(t time.Time, loc *time.Location) Date {
	y, m, d := t.In(loc).Date()
	return NewDate(y, m, d)
}

// ParseDate reads a date written as DateLayout, refusing anything else (a time, a day that the
// month does not have) with a message that can follow a field's name.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(DateLayout, s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date; write it as YYYY-MM-DD, such as 2027-03-01", s)
	}
	return Date{t}, nil
}

// IsZero reports whether d is no date.
func (d Date) IsZero() bool { return d.t.IsZero() }

// Time is the date's midnight in UTC, as it is stored.
func (d Date) Time() time.Time { return d.t }

// String is the date as DateLayout writes it, "" for no date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format(DateLayout)
}

// Format writes the date with a time layout ("2 January 2006").
func (d Date) Format(layout string) string { return d.t.Format(layout) }

// Before reports whether d is an earlier day than e.
func (d Date) Before(e Date) bool { return d.t.Before(e.t) }

// After reports whether d is a later day than e.
func (d Date) After(e Date) bool { return d.t.After(e.t) }

// AddDate is the date years, months and days later, normalised as time.Time.AddDate does.
func (d Date) AddDate(years, months, days int) Date { return Date{d.t.AddDate(years, months, days)} }

// MarshalJSON writes the date as DateLayout, and no date as null.
func (d Date) MarshalJSON() ([]byte, error) {
	if d.IsZero() {
		return []byte("null"), nil
	}
	return json.Marshal(d.String())
}

// UnmarshalJSON reads a date written as DateLayout, or null for no date.
func (d *Date) UnmarshalJSON(b []byte) error {
	if string(b) == "null" {
		*d = Date{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	parsed, err := ParseDate(s)
	if err != nil {
		return err
	}
	*d = parsed
	return nil
}
