package threesixty

import "time"

// Deadline is how every page and message names the moment a round stops taking answers, in loc
// (nil means UTC): the day, the time and the zone, as "Monday 14 December 2026, 23:59 UTC", and
// the day alone, as "14 December", for a subject line. A round that closes at midnight takes no
// answers on the day that midnight begins, so it is named as the last minute of the day before:
// naming a later day than the real one would cost people their answers.
func Deadline(closesAt time.Time, loc *time.Location) (full, day string) {
	if loc == nil {
		loc = time.UTC
	}
	t := closesAt.In(loc)
	if h, m, s := t.Clock(); h == 0 && m == 0 && s == 0 && t.Nanosecond() == 0 {
		t = t.Add(-time.Minute)
	}
	return t.Format("Monday 2 January 2006, 15:04 MST"), t.Format("2 January")
}
