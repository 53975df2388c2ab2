package postgres_test

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"threesixty/internal/results"
	"threesixty/internal/threesixty"
	"threesixty/surveys"
)

// pulsePlan is a midpoint plan closing in two days that leaves out the raters named.
func pulsePlan(leaveOut ...string) threesixty.RoundPlan {
	return threesixty.RoundPlan{Kind: threesixty.RoundKindMidpoint, ClosesAt: time.Now().Add(48 * time.Hour),
		Reminders: threesixty.DefaultReminders, LeaveOut: leaveOut}
}

// releasedBaseline makes an engagement with raters whose baseline everyone answered with 3, and
// released it.
func (f *fixture) releasedBaseline(raters ...threesixty.Rater) string {
	f.t.Helper()
	e := f.engagement(threesixty.Anonymity{Threshold: 3}, raters...)
	round, issued := f.open(e, threesixty.RoundKindBaseline)
	for _, inv := range issued {
		f.submit(inv, f.answers(3, ""))
	}
	f.close(round.ID)
	return e
}

// TestAPulseNeedsTheReleasedBaselineAndAGoal: the midpoint pulse opens once, after the released
// baseline and before the closing round, on an engagement with goals, and pins a goal-pulse
// version stored with the shipped ones.
func TestAPulseNeedsTheReleasedBaselineAndAGoal(t *testing.T) {
	f := newFixture(t)
	e := f.engagement(threesixty.Anonymity{Threshold: 3}, people(threesixty.GroupPeer, "peer", 3)...)
	conflict := func(what, want string) {
		t.Helper()
		_, _, err := f.store.OpenRound(f.ctx, f.coach, e, pulsePlan())
		if threesixty.ErrorCode(err) != threesixty.ECONFLICT || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want a conflict saying %q", what, err, want)
		}
	}
	conflict("before the baseline", "released baseline")
	baseline, _ := f.open(e, threesixty.RoundKindBaseline)
	conflict("while the baseline is open", "open round")
	f.close(baseline.ID)
	conflict("without goals", "set its goals first")

	if _, _, err := f.store.CreateGoal(f.ctx, f.coach, e, f.goal("Delegate decisions")); err != nil {
		t.Fatal(err)
	}
	pulse, issued, err := f.store.OpenRound(f.ctx, f.coach, e, pulsePlan())
	if err != nil {
		t.Fatalf("OpenRound: %v", err)
	}
	if pulse.Kind != threesixty.RoundKindMidpoint || pulse.Instrument != surveys.PulseID || pulse.InstrumentVersion == f.in.Version {
		t.Errorf("pulse round = %+v", pulse)
	}
	if len(issued) != 4 {
		t.Errorf("%d invitations, want the leader's and 3 raters'", len(issued))
	}
	var stored string
	f.Get(&stored, "SELECT instrument FROM instrument_versions WHERE version = $1", pulse.InstrumentVersion)
	if stored != surveys.PulseID {
		t.Errorf("the pinned version is stored as instrument %q", stored)
	}
	conflict("while the pulse is open", "open round")
	f.close(pulse.ID)
	conflict("after a pulse", "already has its midpoint pulse")

	// A goal set after the pulse still names the engagement's instrument's competencies.
	if _, _, err := f.store.CreateGoal(f.ctx, f.coach, e, f.goal("Listen")); err != nil {
		t.Errorf("a goal after the pulse: %v", err)
	}
	closing, _ := f.open(e, threesixty.RoundKindClosing)
	if closing.InstrumentVersion != f.in.Version {
		t.Errorf("the closing round pinned %s, want the engagement's instrument", closing.InstrumentVersion)
	}
	f.close(closing.ID)
	conflict("after the closing round", "no rounds after it")
}

// TestThePulseKeepsTheGoalWordingItAsked: the round reads, after its goals change, the wording
// its raters were asked.
func TestThePulseKeepsTheGoalWordingItAsked(t *testing.T) {
	f := newFixture(t)
	e := f.releasedBaseline(people(threesixty.GroupPeer, "peer", 3)...)
	g, _, err := f.store.CreateGoal(f.ctx, f.coach, e, f.goal(`Say "no": calmly #1`))
	if err != nil {
		t.Fatal(err)
	}
	pulse, _, err := f.store.OpenRound(f.ctx, f.coach, e, pulsePlan())
	if err != nil {
		t.Fatal(err)
	}
	renamed := "Something else entirely"
	if _, err := f.store.UpdateGoal(f.ctx, f.coach, g.ID, threesixty.GoalChange{Title: &renamed}); err != nil {
		t.Fatal(err)
	}
	round, err := f.store.Round(f.ctx, f.coach, pulse.ID)
	if err != nil {
		t.Fatal(err)
	}
	in, err := f.store.InstrumentVersion(f.ctx, round.InstrumentVersion)
	if err != nil {
		t.Fatal(err)
	}
	if want := `How much more (or less) effective has Alex become at Say "no": calmly #1?`; in.Items[0].Others != want {
		t.Errorf("the round asks %q, want %q", in.Items[0].Others, want)
	}
	// Read from the stored source, not from what the opening left in memory.
	var source []byte
	f.Get(&source, "SELECT source FROM instrument_versions WHERE version = $1", round.InstrumentVersion)
	again, err := surveys.Parse(surveys.PulseID+".yaml", source)
	if err != nil || again.Competencies[0].Title != `Say "no": calmly #1` {
		t.Errorf("stored source reads %v, %v", again, err)
	}
}

// TestACoachLeavesRatersOutOfAPulseAndAddsOthersBetweenRounds: the pulse invites the engagement's
// raters as they are (a rater added since the baseline included) but those left out, who are
// named in the audit trail; an unknown id is a field error naming it, and nothing opens.
func TestACoachLeavesRatersOutOfAPulseAndAddsOthersBetweenRounds(t *testing.T) {
	f := newFixture(t)
	e := f.releasedBaseline(people(threesixty.GroupPeer, "peer", 4)...)
	added, _, err := f.store.AddRaters(f.ctx, f.coach, e, people(threesixty.GroupDirectReport, "report", 1))
	if err != nil {
		t.Fatalf("adding a rater between rounds: %v", err)
	}
	if _, _, err := f.store.CreateGoal(f.ctx, f.coach, e, f.goal("Delegate")); err != nil {
		t.Fatal(err)
	}
	raters, err := f.store.Raters(f.ctx, f.coach, e)
	if err != nil {
		t.Fatal(err)
	}
	var leftOut string
	for _, r := range raters {
		if r.Email == "peer0@example.com" {
			leftOut = r.ID
		}
	}
	unknown := "7b0e7f5e-3f0e-4c8e-9a53-2f1f5f7f0000"
	for _, bad := range []string{unknown, "not-a-uuid", ""} {
		_, _, err := f.store.OpenRound(f.ctx, f.coach, e, pulsePlan(leftOut, bad))
		var fields []threesixty.FieldError
		if te, ok := err.(*threesixty.Error); ok {
			fields = te.Fields
		}
		if threesixty.ErrorCode(err) != threesixty.EINVALID || len(fields) != 1 || fields[0].Field != "leave_out" || !strings.Contains(fields[0].Message, fmt.Sprintf("%q", bad)) {
			t.Errorf("leaving out %q: %v %+v, want a leave_out error naming it", bad, err, fields)
		}
	}
	var rounds int
	f.Get(&rounds, "SELECT count(*) FROM rounds WHERE engagement_id = $1", e)
	if rounds != 1 {
		t.Fatalf("%d rounds after refused pulses, want the baseline alone", rounds)
	}

	pulse, issued, err := f.store.OpenRound(f.ctx, f.coach, e, pulsePlan(leftOut))
	if err != nil {
		t.Fatal(err)
	}
	var invited []string
	for _, inv := range issued {
		invited = append(invited, inv.To.Email)
	}
	slices.Sort(invited)
	want := []string{"alex@example.com", "peer1@example.com", "peer2@example.com", "peer3@example.com", added[0].Email}
	slices.Sort(want)
	if !slices.Equal(invited, want) {
		t.Errorf("invited %v, want %v", invited, want)
	}
	trail, err := f.store.AuditTrail(f.ctx, f.coach, e)
	if err != nil {
		t.Fatal(err)
	}
	last := trail[len(trail)-1]
	if last.Action != threesixty.AuditRoundOpened || last.Detail["round"] != pulse.ID || fmt.Sprint(last.Detail["left_out"]) != fmt.Sprint([]string{leftOut}) {
		t.Errorf("the opening is recorded as %+v", last)
	}
}

// TestAPulseIsReleasedLikeABaseline: a pulse's groups are merged or left out exactly as the
// baseline's were for the same raters, and its published means are those of the answers given,
// on the stored 1..7 values.
func TestAPulseIsReleasedLikeABaseline(t *testing.T) {
	f := newFixture(t)
	raters := append(people(threesixty.GroupPeer, "peer", 3), people(threesixty.GroupDirectReport, "report", 2)...)
	raters = append(raters, people(threesixty.GroupSuperior, "boss", 1)...)
	e := f.releasedBaseline(raters...)
	for _, title := range []string{"Delegate", "Listen"} {
		if _, _, err := f.store.CreateGoal(f.ctx, f.coach, e, f.goal(title)); err != nil {
			t.Fatal(err)
		}
	}
	rounds, err := f.store.Rounds(f.ctx, f.coach, e)
	if err != nil {
		t.Fatal(err)
	}
	_, baseline, err := f.store.Results(f.ctx, f.coach, rounds[0].ID)
	if err != nil {
		t.Fatal(err)
	}

	pulse, issued, err := f.store.OpenRound(f.ctx, f.coach, e, pulsePlan())
	if err != nil {
		t.Fatal(err)
	}
	in, err := f.store.InstrumentVersion(f.ctx, pulse.InstrumentVersion)
	if err != nil {
		t.Fatal(err)
	}
	// Each group's answers to the first goal; the second is answered 4, "no change", by all.
	given := map[threesixty.RaterGroup][]int{
		threesixty.GroupSelf: {5}, threesixty.GroupPeer: {5, 6, 7},
		threesixty.GroupDirectReport: {2, 3}, threesixty.GroupSuperior: {7},
	}
	next := map[threesixty.RaterGroup]int{}
	for _, inv := range issued {
		v := given[inv.Group][next[inv.Group]]
		next[inv.Group]++
		four := 4
		f.submit(inv, threesixty.Answers{
			Ratings:  map[string]*int{in.Items[0].ID: &v, in.Items[1].ID: &four},
			Comments: map[string]string{in.Questions[0].ID: fmt.Sprintf("comment from a %s", inv.Group)},
		})
	}
	f.close(pulse.ID)
	_, got, err := f.store.Results(f.ctx, f.coach, pulse.ID)
	if err != nil {
		t.Fatal(err)
	}

	type shape struct {
		key string
		n   int
	}
	shapes := func(r *results.Results) []shape {
		var out []shape
		for _, g := range r.Groups {
			out = append(out, shape{g.Key, g.Respondents})
		}
		return out
	}
	if !slices.Equal(shapes(got), shapes(baseline)) {
		t.Fatalf("pulse groups %v, baseline groups %v", shapes(got), shapes(baseline))
	}
	members := map[string][]threesixty.RaterGroup{}
	for _, g := range got.Groups {
		members[g.Key] = g.Members
	}
	for _, item := range got.Items {
		for _, s := range item.Scores {
			var sum, n int
			for _, m := range members[s.Group] {
				for _, v := range given[m] {
					if item.ID == in.Items[1].ID {
						v = 4
					}
					sum += v
					n++
				}
			}
			want := math.Round(float64(sum)/float64(n)*100) / 100
			if s.N != n || s.Mean != want {
				t.Errorf("%s, %s: n %d mean %v, want n %d mean %v", item.ID, s.Group, s.N, s.Mean, n, want)
			}
		}
	}
	if len(got.Items) != 2 || len(got.Items[0].Scores) != len(got.Groups) {
		t.Errorf("%d items with %d scores for %d groups", len(got.Items), len(got.Items[0].Scores), len(got.Groups))
	}
	for _, c := range got.Comments {
		if members[c.Group] == nil {
			t.Errorf("a comment of group %q, which is not published", c.Group)
		}
	}
	if len(got.Comments) == 0 {
		t.Error("no comments published")
	}
}

// TestDeletingAnEngagementTakesItsPulseText: the pulse's stored text holds the leader's name and
// goals, so it goes with the engagement; the shipped instrument stays.
func TestDeletingAnEngagementTakesItsPulseText(t *testing.T) {
	f := newFixture(t)
	e := f.releasedBaseline(people(threesixty.GroupPeer, "peer", 3)...)
	if _, _, err := f.store.CreateGoal(f.ctx, f.coach, e, f.goal("Delegate")); err != nil {
		t.Fatal(err)
	}
	pulse, _, err := f.store.OpenRound(f.ctx, f.coach, e, pulsePlan())
	if err != nil {
		t.Fatal(err)
	}
	admin, _, err := f.store.CreateAccount(f.ctx, "admin@coaching.example.net", "Ada Admin", threesixty.RoleAdmin)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.store.DeleteEngagement(f.ctx, threesixty.AccountActor(admin), e); err != nil {
		t.Fatal(err)
	}
	var pulses, shipped int
	f.Get(&pulses, "SELECT count(*) FROM instrument_versions WHERE version = $1", pulse.InstrumentVersion)
	f.Get(&shipped, "SELECT count(*) FROM instrument_versions WHERE version = $1", f.in.Version)
	if pulses != 0 || shipped != 1 {
		t.Errorf("after the deletion: %d pulse versions, %d shipped, want 0 and 1", pulses, shipped)
	}
}
