package mail

import (
	"strings"
	"testing"

	"threesixty/internal/threesixty"
)

// TestTheLeaderIsToldWhoWasAsked: the leader's invitation to the self-assessment, and the notice
// of raters added to an open round, list everyone asked (names, addresses and groups), so that
// nobody can be slipped into a group behind the leader's back, not even under a real colleague's
// name at an address that is not theirs. Raters' messages never carry the list.
func TestTheLeaderIsToldWhoWasAsked(t *testing.T) {
	c := newTestComposer(t, "https://feedback.example.com")
	asked := []threesixty.AskedRater{{Name: "Maria García", Email: "maria@example.com", Group: threesixty.GroupPeer}, {Name: "Aisha <Bello>", Email: "aisha@example.com", Group: threesixty.GroupDirectReport, Added: true}}
	for _, tt := range []struct {
		purpose threesixty.Purpose
		group   threesixty.RaterGroup
		listed  bool
	}{
		{threesixty.PurposeInvitation, threesixty.GroupSelf, true},
		{threesixty.PurposeRatersAdded, "", true},
		{threesixty.PurposeInvitation, threesixty.GroupPeer, false},
		{threesixty.PurposeReminder, threesixty.GroupSelf, false},
	} {
		m := outboxMessage(tt.purpose, tt.group)
		m.Asked = asked
		r := compose(t, c, m)
		checkWellFormed(t, r)
		text := oneLine(r.Text)
		listed := strings.Contains(oneLine(r.Text), "- Maria García (maria@example.com), peer - Aisha <Bello> (aisha@example.com), direct report (added since the round opened)") &&
			strings.Contains(r.HTML, "<li>Maria García (maria@example.com), peer</li>") && strings.Contains(r.HTML, "<li>Aisha &lt;Bello&gt; (aisha@example.com), direct report <strong>(added since the round opened)</strong></li>")
		if listed != tt.listed {
			t.Errorf("%s to %q lists who was asked: %v, want %v\n%s", tt.purpose, tt.group, listed, tt.listed, r.Text)
		}
		if tt.listed && !strings.Contains(text, "You will not be told who answered.") {
			t.Errorf("%s does not say the leader will not learn who answered:\n%s", tt.purpose, r.Text)
		}
	}
}
