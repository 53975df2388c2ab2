package threesixty

import (
	"strings"
	"testing"
	"time"
)

// TestOneBaselineMidpointsAfterItOneClosing: the round sequence an engagement may run. Two
// baselines, with the other raters answering alike, would give an added rater's answers away by
// difference.
func TestOneBaselineMidpointsAfterItOneClosing(t *testing.T) {
	released := time.Now()
	open := Round{Kind: RoundKindBaseline, Status: RoundStatusOpen}
	baseline := Round{Kind: RoundKindBaseline, Status: RoundStatusClosed, ReleasedAt: &released}
	closing := Round{Kind: RoundKindClosing, Status: RoundStatusClosed, ReleasedAt: &released}
	midpoint := Round{Kind: RoundKindMidpoint, Status: RoundStatusClosed, ReleasedAt: &released}
	openMidpoint := Round{Kind: RoundKindMidpoint, Status: RoundStatusOpen}
	unreleased := Round{Kind: RoundKindBaseline, Status: RoundStatusClosed}
	cases := []struct {
		kind   RoundKind
		before []Round
		refuse string // "" when allowed
	}{
		{RoundKindBaseline, nil, ""},
		{RoundKindClosing, nil, "released baseline"},
		{RoundKindMidpoint, nil, "released baseline"},
		{RoundKindBaseline, []Round{open}, "open round"},
		{RoundKindClosing, []Round{open}, "open round"},
		{RoundKindBaseline, []Round{baseline}, "already has its baseline"},
		{RoundKindClosing, []Round{baseline}, ""},
		{RoundKindMidpoint, []Round{baseline}, ""},
		{RoundKindMidpoint, []Round{unreleased}, "released baseline"},
		{RoundKindMidpoint, []Round{baseline, openMidpoint}, "open round"},
		{RoundKindClosing, []Round{baseline, openMidpoint}, "open round"},
		{RoundKindMidpoint, []Round{baseline, midpoint}, "already has its midpoint pulse"},
		{RoundKindClosing, []Round{baseline, midpoint}, ""},
		{RoundKindMidpoint, []Round{baseline, midpoint, closing}, "no rounds after it"},
		{RoundKindClosing, []Round{baseline, closing}, "no rounds after it"},
		{RoundKindBaseline, []Round{baseline, closing}, "no rounds after it"},
		{RoundKindMidpoint, []Round{baseline, closing}, "no rounds after it"},
	}
	for _, c := range cases {
		err := CheckNextRound(c.kind, c.before)
		switch {
		case c.refuse == "" && err != nil:
			t.Errorf("%s after %d rounds refused: %v", c.kind, len(c.before), err)
		case c.refuse != "" && (err == nil || ErrorCode(err) != ECONFLICT || !strings.Contains(err.Error(), c.refuse)):
			t.Errorf("%s after %d rounds: %v, want a conflict saying %q", c.kind, len(c.before), err, c.refuse)
		}
	}
}

func TestAPulseNeedsAGoal(t *testing.T) {
	if err := CheckPulseGoals(nil); ErrorCode(err) != ECONFLICT || !strings.Contains(err.Error(), "set its goals first") {
		t.Errorf("no goals: %v", err)
	}
	if err := CheckPulseGoals([]Goal{{Title: "Delegate"}}); err != nil {
		t.Errorf("one goal: %v", err)
	}
}

func TestRoundPlanValidate(t *testing.T) {
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	ok := RoundPlan{Kind: RoundKindBaseline, ClosesAt: now.Add(48 * time.Hour), Reminders: DefaultReminders}
	if p := ok.Validate(now); len(p) > 0 {
		t.Fatal(p)
	}
	fields := func(p RoundPlan) string {
		var out []string
		for _, f := range p.Validate(now) {
			out = append(out, f.Field)
		}
		return strings.Join(out, ",")
	}
	bad := ok
	bad.Kind = "annual"
	bad.ClosesAt = now.Add(time.Minute)
	bad.Reminders = Reminders{AfterDays: -1, BeforeCloseDays: 61, Limit: 11}
	if got := fields(bad); got != "kind,closes_at,reminders.after_days,reminders.before_close_days,reminders.limit" {
		t.Errorf("problems on %s", got)
	}
	bad = ok
	bad.ClosesAt = now.Add(MaxRoundLength + time.Hour)
	if got := fields(bad); got != "closes_at" {
		t.Errorf("a round open past a year: problems on %q", got)
	}
	bad = ok
	bad.LeaveOut = []string{"r1"}
	if got := fields(bad); got != "leave_out" {
		t.Errorf("a baseline leaving raters out: problems on %q", got)
	}
	pulse := bad
	pulse.Kind = RoundKindMidpoint
	if got := fields(pulse); got != "" {
		t.Errorf("a midpoint pulse leaving raters out: problems on %q", got)
	}
	// The closing round asks the baseline's questions again: one rater left out of a group
	// would be the difference of the group's two sums.
	closing := bad
	closing.Kind = RoundKindClosing
	if got := fields(closing); got != "leave_out" {
		t.Errorf("a closing round leaving raters out: problems on %q", got)
	}
}

func TestThresholdIsNeverBelowThree(t *testing.T) {
	for k, valid := range map[int]bool{2: false, 3: true, 10: true, 11: false} {
		if got := len(Anonymity{Threshold: k}.Validate()) == 0; got != valid {
			t.Errorf("threshold %d valid = %v", k, got)
		}
	}
}

func TestWhatActorsMayChange(t *testing.T) {
	coach := AccountActor(&Account{ID: "a", Role: RoleCoach})
	for _, c := range []struct {
		actor   Actor
		manages bool
	}{{coach, true}, {Service, true}, {LeaderActor("e"), false}, {Actor{Kind: ActorAccount}, false}} {
		if c.actor.Manages() != c.manages || (c.actor.CheckManages() == nil) != c.manages {
			t.Errorf("%+v manages = %v", c.actor, c.actor.Manages())
		}
	}
	if coach.AccountID() != "a" || coach.Role() != RoleCoach || Service.AccountID() != "" || LeaderActor("e").Role() != "" {
		t.Error("an actor's account and role are not what it was made with")
	}
}
