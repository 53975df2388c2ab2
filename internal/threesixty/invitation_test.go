package threesixty

import (
	"testing"
	"time"
)

func TestSurveyAccessUsable(t *testing.T) {
	now := time.Date(2026, 11, 21, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		status InvitationStatus
		round  RoundStatus
		closes time.Time
		want   GoneReason
	}{
		{InvitationPending, RoundStatusOpen, now.Add(time.Hour), ""},
		{InvitationCompleted, RoundStatusOpen, now.Add(time.Hour), GoneUsed},
		{InvitationDeclined, RoundStatusOpen, now.Add(time.Hour), GoneDeclined},
		{InvitationWithdrawn, RoundStatusOpen, now.Add(time.Hour), GoneWithdrawn},
		{InvitationPending, RoundStatusClosed, now.Add(time.Hour), GoneClosed},
		{InvitationPending, RoundStatusOpen, now, GoneExpired},
		// A used link stays used after the round closes: the rater is thanked, not told it closed.
		{InvitationCompleted, RoundStatusClosed, now.Add(-time.Hour), GoneUsed},
	}
	for _, c := range cases {
		a := &SurveyAccess{Status: c.status, RoundStatus: c.round, ClosesAt: c.closes}
		if got := a.Usable(now); got != c.want {
			t.Errorf("%s/%s: %q, want %q", c.status, c.round, got, c.want)
		}
	}
}
