package results

import (
	"testing"

	"threesixty/internal/threesixty"
)

func changeOf(t *testing.T, changes []Change, group string) Change {
	t.Helper()
	for _, c := range changes {
		if c.Group == group {
			return c
		}
	}
	t.Fatalf("no change for %s in %+v", group, changes)
	return Change{}
}

func TestComparisonReadsBothReleasesPublishedNumbers(t *testing.T) {
	base := releaseOf(t, 3, false, many(6, threesixty.GroupPeer, 2), many(5, threesixty.GroupDirectReport, 3), many(1, threesixty.GroupSelf, 4))
	closed := computeChecked(t, Input{Instrument: smallInstrument(), Threshold: 3, Baseline: &BaselineGroups{Groups: base.Groups, Respondents: map[threesixty.RaterGroup]int{threesixty.GroupPeer: 6, threesixty.GroupDirectReport: 5}}},
		many(6, threesixty.GroupPeer, 4), many(5, threesixty.GroupDirectReport, 3), many(1, threesixty.GroupSelf, 3))
	cmp := Compare("b", base, "c", closed)
	if cmp.BaselineRound != "b" || cmp.ClosingRound != "c" || len(cmp.Items) != 5 || len(cmp.Competencies) != 2 {
		t.Fatalf("comparison %+v", cmp)
	}
	// Peers answered 2,3,2,3,2,3 and then 4,5,4,5,4,5 on every item: +2 on a spread of 0.55.
	peers := changeOf(t, cmp.Items[0].Changes, "peer")
	if peers.Baseline != (Side{N: 6, Mean: 2.5}) || peers.Closing != (Side{N: 6, Mean: 4.5}) || peers.Change != 2 || !peers.Meaningful {
		t.Errorf("peers' change %+v", peers)
	}
	// Direct reports answered the same both times.
	if dr := changeOf(t, cmp.Items[0].Changes, "direct_report"); dr.Change != 0 || dr.Meaningful {
		t.Errorf("direct reports' change %+v", dr)
	}
	// Self: 4 then 3; one rater has no spread, so no change of theirs is meaningful.
	if self := changeOf(t, cmp.Items[0].Changes, "self"); self.Change != -1 || self.Meaningful {
		t.Errorf("self change %+v", self)
	}
	comp := changeOf(t, cmp.Competencies[0].Changes, "peer")
	if comp.Baseline.Mean != 2.5 || comp.Closing.Mean != 4.5 || comp.Change != 2 || !comp.Meaningful {
		t.Errorf("peers' competency change %+v", comp)
	}
	all := changeOf(t, cmp.Competencies[1].Changes, KeyAllOthers)
	if all.Baseline.N != 11 || all.Closing.N != 11 {
		t.Errorf("all others' competency change %+v", all)
	}
	for _, it := range cmp.Items {
		for _, c := range it.Changes {
			b := mustScore(t, base, it.ID, c.Group)
			a := mustScore(t, closed, it.ID, c.Group)
			if c.Baseline.Mean != b.Mean || c.Closing.Mean != a.Mean || c.Baseline.N != b.N || c.Closing.N != a.N || c.Change != round2(a.Mean-b.Mean) {
				t.Errorf("%s %s: %+v is not the published %+v and %+v", it.ID, c.Group, c, b, a)
			}
		}
	}
}

func mustScore(t *testing.T, res *Results, item, group string) Score {
	t.Helper()
	for _, it := range res.Items {
		if it.ID == item {
			if s, ok := scoreOf(it.Scores, group); ok {
				return s
			}
		}
	}
	t.Fatalf("no published score for %s %s", item, group)
	return Score{}
}

func TestGroupsWithOtherMembersAreNotCompared(t *testing.T) {
	base := releaseOf(t, 3, false, many(3, threesixty.GroupPeer, 2), many(1, threesixty.GroupOther, 3), many(4, threesixty.GroupDirectReport, 3))
	closed := releaseOf(t, 3, false, many(3, threesixty.GroupPeer, 2), many(4, threesixty.GroupDirectReport, 3))
	if groupKeys(base) != "peer+other direct_report all_others" || groupKeys(closed) != "peer direct_report all_others" {
		t.Fatalf("groups %q and %q", groupKeys(base), groupKeys(closed))
	}
	cmp := Compare("b", base, "c", closed)
	for _, it := range cmp.Items {
		if got := scoreGroups(sidesOf(it.Changes)); got != "direct_report" {
			t.Errorf("%s compared for %q, want direct reports only", it.ID, got)
		}
	}
}

func sidesOf(changes []Change) []Score {
	var out []Score
	for _, c := range changes {
		out = append(out, Score{Group: c.Group})
	}
	return out
}

func TestOnlyItemsBothRoundsAskedAreCompared(t *testing.T) {
	base := releaseOf(t, 3, false, many(5, threesixty.GroupPeer, 2))
	other := smallInstrument()
	other.Items = other.Items[:4]          // b3 dropped
	other.Items[1].Others = "They a2, now" // a2 reworded
	closed := computeChecked(t, Input{Instrument: other, Threshold: 3}, many(5, threesixty.GroupPeer, 3))
	cmp := Compare("b", base, "c", closed)
	var ids []string
	for _, it := range cmp.Items {
		ids = append(ids, it.ID)
	}
	if got := ids; len(got) != 3 || got[0] != "a1" || got[1] != "b1" || got[2] != "b2" {
		t.Errorf("compared items %v, want a1 b1 b2", got)
	}
	// Competency a is compared over a1, the one item of it both rounds asked.
	if len(cmp.Competencies) != 2 || len(cmp.Competencies[0].Changes) != 2 {
		t.Errorf("competencies %+v", cmp.Competencies)
	}
}

func TestMeaningfulChangeNeedsSpreadSizeAndTwoStandardErrors(t *testing.T) {
	sd := func(x float64) *float64 { return &x }
	for _, c := range []struct {
		name       string
		b, a       Score
		meaningful bool
	}{
		{"large change, tight spreads", Score{N: 6, Mean: 2.5, SD: sd(0.5)}, Score{N: 6, Mean: 3.5, SD: sd(0.5)}, true},
		{"below half a point", Score{N: 40, Mean: 3, SD: sd(0.2)}, Score{N: 40, Mean: 3.4, SD: sd(0.2)}, false},
		{"within two standard errors", Score{N: 5, Mean: 3, SD: sd(1.4)}, Score{N: 5, Mean: 4.5, SD: sd(1.4)}, false},
		{"no spread at baseline", Score{N: 4, Mean: 1, SD: nil}, Score{N: 6, Mean: 5, SD: sd(0.1)}, false},
		{"no spread at closing", Score{N: 6, Mean: 1, SD: sd(0.1)}, Score{N: 4, Mean: 5, SD: nil}, false},
		{"decline counts too", Score{N: 8, Mean: 4, SD: sd(0.5)}, Score{N: 8, Mean: 3, SD: sd(0.5)}, true},
	} {
		if got := MeaningfulChange(c.b, c.a); got != c.meaningful {
			t.Errorf("%s: meaningful %v, want %v", c.name, got, c.meaningful)
		}
	}
}
