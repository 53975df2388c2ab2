package threesixty

import (
	"testing"
	"time"
)

func TestDeadlineNeverNamesADayAfterTheClose(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Skip("no time zone database:", err)
	}
	for _, tt := range []struct {
		closes    time.Time
		loc       *time.Location
		full, day string
	}{
		// The case a rater met: a round closing at 2026-12-15 00:00 UTC takes its last answers on the 14th.
		{time.Date(2026, 12, 15, 0, 0, 0, 0, time.UTC), nil, "Monday 14 December 2026, 23:59 UTC", "14 December"},
		{time.Date(2026, 12, 15, 11, 0, 0, 0, time.UTC), nil, "Tuesday 15 December 2026, 11:00 UTC", "15 December"},
		{time.Date(2026, 12, 15, 0, 0, 0, 0, time.UTC), paris, "Tuesday 15 December 2026, 01:00 CET", "15 December"},
		{time.Date(2026, 12, 14, 23, 0, 0, 0, time.UTC), paris, "Monday 14 December 2026, 23:59 CET", "14 December"},
	} {
		full, day := Deadline(tt.closes, tt.loc)
		if full != tt.full || day != tt.day {
			t.Errorf("Deadline(%s, %v) = %q, %q; want %q, %q", tt.closes, tt.loc, full, day, tt.full, tt.day)
		}
	}
}

func TestLocationNamesWhatIsWrong(t *testing.T) {
	for _, good := range []string{"", "UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata"} {
		if _, err := Location(good); err != nil {
			t.Errorf("Location(%q): %v", good, err)
		}
	}
	for _, bad := range []string{"Local", "Mars/Olympus", "CET ", "../../etc/passwd", "Europe/Paris\x00"} {
		if _, err := Location(bad); err == nil {
			t.Errorf("Location(%q) accepted", bad)
		}
	}
}

func TestLocationIsLoadedOnceAndFallsBackToUTC(t *testing.T) {
	first, err := Location("Pacific/Auckland")
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := Location("Pacific/Auckland"); again != first {
		t.Error("a zone is read from the time zone database at every call")
	}
	if got := LocationOrUTC("Mars/Olympus_Mons"); got != time.UTC {
		t.Errorf("a zone that does not load: %v, want UTC", got)
	}
	if got := LocationOrUTC("Pacific/Auckland"); got != first {
		t.Errorf("LocationOrUTC of a real zone: %v", got)
	}
}
