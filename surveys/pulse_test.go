package surveys

import (
	"strings"
	"testing"
)

func TestPulseAsksAboutEachGoal(t *testing.T) {
	in, err := Pulse("Alex Morgan", []PulseGoal{{Title: "delegating decisions"}, {Title: "listening in meetings"}})
	if err != nil {
		t.Fatalf("Pulse: %v", err)
	}
	if in.ID != PulseID {
		t.Errorf("ID = %q, want %q", in.ID, PulseID)
	}
	if len(in.Competencies) != 2 || len(in.Items) != 2 || len(in.Questions) != 1 {
		t.Fatalf("competencies %d, items %d, questions %d; want 2, 2, 1", len(in.Competencies), len(in.Items), len(in.Questions))
	}
	if c := in.Competencies[1]; c.ID != "goal-2" || c.Title != "listening in meetings" {
		t.Errorf("second competency = %+v", c)
	}
	it := in.Items[0]
	if it.ID != "goal-1-change" || it.Competency != "goal-1" {
		t.Errorf("first item ids = %q, %q", it.ID, it.Competency)
	}
	if want := "How much more (or less) effective has Alex Morgan become at delegating decisions?"; it.Others != want {
		t.Errorf("others = %q, want %q", it.Others, want)
	}
	if want := "How much more (or less) effective have I become at delegating decisions?"; it.Self != want {
		t.Errorf("self = %q, want %q", it.Self, want)
	}
	q := in.Questions[0]
	if want := "What has Alex Morgan done differently since the coaching began, and what would help most from here?"; q.Others != want {
		t.Errorf("question others = %q", q.Others)
	}
	if !strings.HasPrefix(q.Self, "What have I done differently") {
		t.Errorf("question self = %q", q.Self)
	}
	s := in.Scale
	if len(s.Points) != 7 || s.Zero != 4 || s.NotAbleToRate != "Not able to rate" {
		t.Fatalf("scale = %+v", s)
	}
	for v, want := range map[int]string{1: "−3 Much less effective", 4: "0 No change", 7: "+3 Much more effective"} {
		if got := s.PointLabel(s.Points[v-1]); got != want {
			t.Errorf("point %d reads %q, want %q", v, got, want)
		}
	}
}

// TestPulseKeepsAnyTitle writes titles that would break a hand-written YAML file and checks that
// every one comes back exactly, in the competency and inside both phrasings.
func TestPulseKeepsAnyTitle(t *testing.T) {
	titles := []string{
		`say "no" to 'urgent' requests`,
		"priorities: people first, then tasks",
		"first line\nsecond line",
		"celebrate wins 🎉 with the team",
		"# not a comment",
		"- not a list",
		"yes",
		"{braces} [brackets] & *stars* | pipes > folds %percent @at `ticks`",
		"tab\tand line separator\u2028and byte order mark\ufeff",
		`back\slash \n not a newline`,
	}
	goals := make([]PulseGoal, len(titles))
	for i, title := range titles {
		goals[i] = PulseGoal{Title: title}
	}
	leader := `Zoë "Z" O'Neil: CEO # 1`
	in, err := Pulse(leader, goals[:5])
	if err != nil {
		t.Fatalf("Pulse: %v", err)
	}
	rest, err := Pulse(leader, goals[5:])
	if err != nil {
		t.Fatalf("Pulse: %v", err)
	}
	competencies := append(in.Competencies, rest.Competencies...)
	items := append(in.Items, rest.Items...)
	for i, title := range titles {
		if competencies[i].Title != title {
			t.Errorf("title %d = %q, want %q", i, competencies[i].Title, title)
		}
		if want := "How much more (or less) effective has " + leader + " become at " + title + "?"; items[i].Others != want {
			t.Errorf("others %d = %q, want %q", i, items[i].Others, want)
		}
		if !strings.HasSuffix(items[i].Self, " become at "+title+"?") {
			t.Errorf("self %d = %q", i, items[i].Self)
		}
	}
	if !strings.Contains(in.Questions[0].Others, leader) {
		t.Errorf("question others = %q", in.Questions[0].Others)
	}
}

func TestPulseVersion(t *testing.T) {
	goals := []PulseGoal{{Title: "delegating decisions"}, {Title: "listening"}}
	first, err := Pulse("Alex Morgan", goals)
	if err != nil {
		t.Fatalf("Pulse: %v", err)
	}
	again, err := Pulse("Alex Morgan", []PulseGoal{{Title: "delegating decisions"}, {Title: "listening"}})
	if err != nil {
		t.Fatalf("Pulse: %v", err)
	}
	if again.Version != first.Version || string(again.Source) != string(first.Source) {
		t.Errorf("the same goals gave two versions: %s and %s", first.Version, again.Version)
	}
	reparsed, err := Parse(PulseID+".yaml", first.Source)
	if err != nil {
		t.Fatalf("Parse of the generated source: %v", err)
	}
	if reparsed.Version != first.Version {
		t.Errorf("the stored source reads as version %s, generated %s", reparsed.Version, first.Version)
	}
	for name, other := range map[string][]PulseGoal{
		"a title changed":    {{Title: "delegating decisions!"}, {Title: "listening"}},
		"the order changed":  {{Title: "listening"}, {Title: "delegating decisions"}},
		"a goal added":       {{Title: "delegating decisions"}, {Title: "listening"}, {Title: "coaching"}},
		"a goal taken away":  {{Title: "delegating decisions"}},
		"a space at the end": {{Title: "delegating decisions"}, {Title: "listening "}},
	} {
		in, err := Pulse("Alex Morgan", other)
		if err != nil {
			t.Fatalf("%s: Pulse: %v", name, err)
		}
		if in.Version == first.Version {
			t.Errorf("%s: the version did not change", name)
		}
	}
	renamed, err := Pulse("Alex Morgan-Lee", goals)
	if err != nil {
		t.Fatalf("Pulse: %v", err)
	}
	if renamed.Version == first.Version {
		t.Errorf("another leader's name gave the same version")
	}
}

func TestPulseNeedsAGoal(t *testing.T) {
	if in, err := Pulse("Alex Morgan", nil); err == nil || in != nil {
		t.Errorf("Pulse without goals = %v, %v; want an error", in, err)
	}
}
