package threesixty

import (
	"fmt"
	"sync"
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
	if loc, ok := locations.Load(name); ok {
		return loc.(*time.Location), nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("%q is not a time zone name, such as Europe/Paris or America/New_York", name)
	}
	locations.Store(name, loc)
	return loc, nil
}

// LocationOrUTC is Location for a zone stored with an engagement, which was checked when it was
// set: should it no longer load (a newer time zone database dropped it), UTC, which every
// deadline then names as such.
func LocationOrUTC(name string) *time.Location {
	loc, err := Location(name)
	if err != nil {
		return time.UTC
	}
	return loc
}

// locations keeps the zones loaded so far: time.LoadLocation reads and parses the zone's file
// each time, and every survey page and message names a deadline. Only names that load are kept,
// so the map holds at most the time zone database's few hundred zones.
var locations sync.Map
