package results

import "testing"

func change(group string, nBefore, nAfter int, delta float64, meaningful bool) Change {
	return Change{Group: group, Baseline: Side{N: nBefore, Mean: 3}, Closing: Side{N: nAfter, Mean: 3 + delta}, Change: delta, Meaningful: meaningful}
}

// TestADirectionReadsAllOthersElseTheLargestGroup walks the rule: all others when compared,
// else the compared group with the most raters, never self; meaningful and signed for a move.
func TestADirectionReadsAllOthersElseTheLargestGroup(t *testing.T) {
	cases := []struct {
		name    string
		changes []Change
		want    Direction
	}{
		{"all others, meaningful up", []Change{change(KeyAllOthers, 8, 9, 0.8, true)}, DirectionImproved},
		{"all others, meaningful down", []Change{change(KeyAllOthers, 8, 9, -0.7, true)}, DirectionDeclined},
		{"all others, large but too few to tell", []Change{change(KeyAllOthers, 4, 4, 1.5, false)}, DirectionNotMeasured},
		{"all others, small and not meaningful", []Change{change(KeyAllOthers, 8, 8, 0.3, false)}, DirectionSteady},
		{"all others, meaningful but no change", []Change{change(KeyAllOthers, 8, 8, 0, true)}, DirectionSteady},
		{"all others wins over a larger group listed first",
			[]Change{change("peer", 12, 12, 0.9, true), change(KeyAllOthers, 6, 6, 0.1, false)}, DirectionSteady},
		{"without all others, the group with most closing raters",
			[]Change{change("peer", 9, 5, -0.9, true), change("direct_report", 5, 7, 0.9, true)}, DirectionImproved},
		{"ties on closing raters go to the baseline's count",
			[]Change{change("peer", 5, 6, -0.9, true), change("direct_report", 7, 6, 0.6, false)}, DirectionNotMeasured},
		{"self never counts", []Change{change(KeySelf, 1, 1, 2, true)}, DirectionNotMeasured},
		{"self beside a group", []Change{change(KeySelf, 1, 1, 2, true), change("superior", 1, 1, -1, false)}, DirectionNotMeasured},
		{"self beside a group that held", []Change{change(KeySelf, 1, 1, 2, true), change("superior", 1, 1, 0.2, false)}, DirectionSteady},
		{"no group compared", []Change{}, DirectionNotMeasured},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cmp := &Comparison{Competencies: []CompetencyChanges{{ID: "comm", Title: "Communication", Changes: c.changes}}}
			if got := DirectionOf(cmp, "comm"); got != c.want {
				t.Errorf("%s, want %s", got, c.want)
			}
		})
	}
	cmp := &Comparison{Competencies: []CompetencyChanges{{ID: "comm", Changes: []Change{change(KeyAllOthers, 8, 8, 1, true)}}}}
	if got := DirectionOf(cmp, "vision"); got != DirectionNotMeasured {
		t.Errorf("a competency not compared: %s", got)
	}
	if got := DirectionOf(nil, "comm"); got != DirectionNotMeasured {
		t.Errorf("no comparison: %s", got)
	}
}

// TestEveryDirectionHasALabelWithoutANumber: the words a summary prints.
func TestEveryDirectionHasALabelWithoutANumber(t *testing.T) {
	for _, d := range []Direction{DirectionImproved, DirectionSteady, DirectionDeclined, DirectionNotMeasured} {
		l := d.Label()
		if l == "" {
			t.Errorf("%s has no label", d)
		}
		for _, r := range l {
			if r >= '0' && r <= '9' {
				t.Errorf("%s's label %q holds a digit", d, l)
			}
		}
	}
}
