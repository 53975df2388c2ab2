package threesixty

import (
	"fmt"
	"time"
	_ "time/tzdata" // zones load the same on every machine, with or without a system database
)

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

// Location is the time zone of an engagement, by its IANA name ("Europe/Paris"); "" is UTC. A
// name the time zone database does not have is an error that says so; so is "Local", which
// would mean wherever the service happens to run.
func Location(name string) (*time.Location, error) {
	if name == "" || name == "UTC" {
		return time.UTC, nil
	}
	if name == "Local" {
		return nil, fmt.Errorf("%q is the server's own zone; name the zone, such as Europe/Paris", name)
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("%q is not a time zone name, such as Europe/Paris or America/New_York", name)
	}
	return loc, nil
}
