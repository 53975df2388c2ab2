package links

import (
	"net/url"
	"testing"
)

const token = "q8Jx3kP_-Zr0aVb9cD1eF2gH3iJ4kL5mN6oP7qR8sT0"
const round = "5f0c9a2b-0000-4000-8000-000000000002"

func newLinks(t *testing.T, base string) *Links {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	l, err := New(u)
	if err != nil {
		t.Fatalf("New(%q): %v", base, err)
	}
	return l
}

func TestEveryAddress(t *testing.T) {
	for _, base := range []string{"https://feedback.example.com", "https://feedback.example.com/"} {
		l := newLinks(t, base)
		for _, tt := range []struct{ got, want string }{
			{l.Survey(token), "https://feedback.example.com/s/" + token},
			{l.SurveySaved(token), "https://feedback.example.com/s/" + token + "?saved=1"},
			{l.StopReminders(token), "https://feedback.example.com/s/" + token + "/stop-reminders"},
			{l.Engagements(), "https://feedback.example.com/api/v1/engagements"},
			{l.Round(round), "https://feedback.example.com/api/v1/rounds/" + round},
			{l.Results(round), "https://feedback.example.com/api/v1/rounds/" + round + "/results"},
			{l.Report(round), "https://feedback.example.com/api/v1/rounds/" + round + "/report.pdf"},
			{l.RoundPage(round), "https://feedback.example.com/rounds/" + round},
			{l.ReportPage(round), "https://feedback.example.com/rounds/" + round + "/report.pdf"},
			{l.Mailbox(), "https://feedback.example.com/mailbox"},
		} {
			if tt.got != tt.want {
				t.Errorf("base %s: %s, want %s", base, tt.got, tt.want)
			}
		}
	}
}

// TestBaseWithAPath: behind a proxy that serves the service under a path, every address keeps it.
func TestBaseWithAPath(t *testing.T) {
	for _, base := range []string{"http://127.0.0.1:8080/feedback/", "http://127.0.0.1:8080/feedback"} {
		l := newLinks(t, base)
		if got, want := l.Survey(token), "http://127.0.0.1:8080/feedback/s/"+token; got != want {
			t.Errorf("base %s: %s, want %s", base, got, want)
		}
		if got, want := l.Results(round), "http://127.0.0.1:8080/feedback/api/v1/rounds/"+round+"/results"; got != want {
			t.Errorf("base %s: %s, want %s", base, got, want)
		}
	}
}

// TestSegmentsAreEscaped: whatever a caller passes stays one segment of the path.
func TestSegmentsAreEscaped(t *testing.T) {
	l := newLinks(t, "https://feedback.example.com")
	if got, want := l.Round("a/../b?c"), "https://feedback.example.com/api/v1/rounds/a%2F..%2Fb%3Fc"; got != want {
		t.Errorf("%s, want %s", got, want)
	}
}

func TestNewRefusesABadBase(t *testing.T) {
	for _, base := range []string{"", "feedback.example.com", "ftp://feedback.example.com", "https://x.example.com/?a=b",
		"https://x.example.com/#top", "https://user:secret@x.example.com"} {
		u, _ := url.Parse(base)
		if _, err := New(u); err == nil {
			t.Errorf("New(%q) accepted it", base)
		}
	}
	if _, err := New(nil); err == nil {
		t.Error("New(nil) accepted it")
	}
}

// TestNewKeepsItsOwnCopy: changing the URL New was given changes no address.
func TestNewKeepsItsOwnCopy(t *testing.T) {
	u, _ := url.Parse("https://feedback.example.com")
	l, err := New(u)
	if err != nil {
		t.Fatal(err)
	}
	u.Host = "evil.example"
	if got := l.Survey(token); got != "https://feedback.example.com/s/"+token {
		t.Errorf("%s after the caller's URL changed", got)
	}
}
