package mail

import (
	"html"
	"strings"
	"testing"

	"threesixty/internal/threesixty"
)

// TestAPulseSaysItIsAShortCheckOnProgress: a midpoint round's invitation and reminders, to the
// leader and to a rater, say it is a short check on progress, not the full survey, and never
// promise the full survey's 15 minutes.
func TestAPulseSaysItIsAShortCheckOnProgress(t *testing.T) {
	c := newTestComposer(t, "https://feedback.example.com")
	for _, p := range []threesixty.Purpose{threesixty.PurposeInvitation, threesixty.PurposeReminder} {
		for _, g := range []threesixty.RaterGroup{threesixty.GroupSelf, threesixty.GroupPeer} {
			m := outboxMessage(p, g)
			m.RoundKind = threesixty.RoundKindMidpoint
			r := compose(t, c, m)
			checkWellFormed(t, r)
			for name, part := range map[string]string{"text": oneLine(r.Text), "html": oneLine(html.UnescapeString(r.HTML))} {
				if !strings.Contains(part, "not the full survey") || !strings.Contains(part, "a few minutes") || strings.Contains(part, "15 minutes") {
					t.Errorf("%s to %s, %s:\n%s", p, g, name, part)
				}
			}
			if !strings.Contains(r.Subject, "short check on") {
				t.Errorf("%s to %s: subject %q", p, g, r.Subject)
			}
		}
	}
}
