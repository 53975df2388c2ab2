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
		want   string
	}{
		{InvitationPending, RoundStatusOpen, now.Add(time.Hour), ""},
		{InvitationCompleted, RoundStatusOpen, now.Add(time.Hour), "used"},
		{InvitationDeclined, RoundStatusOpen, now.Add(time.Hour), "declined"},
		{InvitationPending, RoundStatusClosed, now.Add(time.Hour), "closed"},
		{InvitationPending, RoundStatusOpen, now, "expired"},
	}
	for _, c := range cases {
		a := &SurveyAccess{Status: c.status, RoundStatus: c.round, ClosesAt: c.closes}
		err := a.Usable(now)
		got := ""
		if err != nil {
			got = err.(*Error).Message
			if err.(*Error).Code != EGONE {
				t.Errorf("code %s", err.(*Error).Code)
			}
		}
		if got != c.want {
			t.Errorf("%s/%s: %q, want %q", c.status, c.round, got, c.want)
		}
	}
}
