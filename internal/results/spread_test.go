package results

import (
	"strings"
	"testing"

	"threesixty/internal/threesixty"
)

// answering builds n responses of group g, the i-th rating every item values[i%len(values)].
func answering(n int, g threesixty.RaterGroup, values ...int) []threesixty.Response {
	var out []threesixty.Response
	for i := 0; i < n; i++ {
		out = append(out, respond(g, values[i%len(values)]))
	}
	return out
}

// spreadOf lists, for every published item score, whether it shows a spread, keyed "item/group".
// Competency scores have no spread to show.
func spreadOf(t *testing.T, res *Results) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	add := func(at string, scores []Score) {
		for _, s := range scores {
			if (s.SD == nil) != (s.Distribution == nil) {
				t.Errorf("%s/%s shows one of sd %v and distribution %v without the other", at, s.Group, s.SD, s.Distribution)
			}
			out[at+"/"+s.Group] = s.SD != nil
		}
	}
	for _, item := range res.Items {
		add(item.ID, item.Scores)
	}
	return out
}

// TestNoSpreadBelowFiveRaters: with two decimals, a mean and a standard deviation from three
// raters identify the whole set of answers in 33 of 35 cases; from two, always.
func TestNoSpreadBelowFiveRaters(t *testing.T) {
	four := releaseOf(t, 3, false, answering(4, threesixty.GroupPeer, 1, 5))
	for at, shown := range spreadOf(t, four) {
		if shown {
			t.Errorf("%s: a spread from four raters", at)
		}
	}
	six := releaseOf(t, 3, false, answering(6, threesixty.GroupPeer, 1, 5))
	for at, shown := range spreadOf(t, six) {
		if !shown {
			t.Errorf("%s: no spread from six raters on two points", at)
		}
	}
}

// TestNoSpreadOverTheMeanOfFewerThanFive is the attack on a released round: all_others' counts
// per scale point on an item, beside the mean of the three raters of a group inside it, left
// one way for the three to make their sum, so the report said what each of them chose. A spread
// is not shown over the published mean of fewer than five raters, whoever adds them up.
func TestNoSpreadOverTheMeanOfFewerThanFive(t *testing.T) {
	res := releaseOf(t, 3, false, answering(4, threesixty.GroupPeer, 1, 5), answering(3, threesixty.GroupDirectReport, 2, 4))
	for at, shown := range spreadOf(t, res) {
		if shown {
			t.Errorf("%s: a spread over groups of four and three", at)
		}
	}
	// The attack's own numbers: eleven raters on one item, [0,0,3,6,2] in all_others, and the three
	// of superiors and others with a mean of 3.33: only {3,3,4} makes 10 from those counts.
	var responses []threesixty.Response
	for _, v := range []int{3, 3, 4} {
		responses = append(responses, respond(threesixty.GroupSuperior, v))
	}
	for _, v := range []int{3, 4, 4, 4, 5} {
		responses = append(responses, respond(threesixty.GroupPeer, v))
	}
	for _, v := range []int{4, 4, 5} {
		responses = append(responses, respond(threesixty.GroupOther, v))
	}
	res = releaseOf(t, 3, false, responses)
	for at, shown := range spreadOf(t, res) {
		if shown && strings.HasSuffix(at, "/"+KeyAllOthers) {
			t.Errorf("%s: all_others shows its spread beside the means of groups of three", at)
		}
	}
}

// TestNoSpreadOnOnePoint: five raters who all answered 4 have a standard deviation of 0, which
// publishes every one of their answers.
func TestNoSpreadOnOnePoint(t *testing.T) {
	res := releaseOf(t, 3, false, answering(5, threesixty.GroupPeer, 4))
	for at, shown := range spreadOf(t, res) {
		if shown {
			t.Errorf("%s: a spread where everyone answered 4", at)
		}
	}
	mixed := releaseOf(t, 3, false, answering(5, threesixty.GroupPeer, 3, 4, 4))
	for at, shown := range spreadOf(t, mixed) {
		if !shown {
			t.Errorf("%s: no spread from five raters on two points", at)
		}
	}
	a1 := mixed.Items[0].Scores[0]
	if *a1.SD != 0.55 || a1.Distribution[2] != 2 || a1.Distribution[3] != 3 {
		t.Errorf("a1 sd %v, distribution %v; want 0.55 and two 3s, three 4s", *a1.SD, a1.Distribution)
	}
}

// TestNoSpreadBySubtraction: five peers and three direct reports each have a group of their own.
// The peers' spread and all_others' would give, subtracted, the three direct reports' sum of
// squares, and with their sum their mean and standard deviation: as good as the answers.
func TestNoSpreadBySubtraction(t *testing.T) {
	res := releaseOf(t, 3, false, answering(5, threesixty.GroupPeer, 2, 4), answering(3, threesixty.GroupDirectReport, 1, 5))
	spread := spreadOf(t, res)
	for _, at := range []string{"a", "a1", "a2", "b", "b1", "b2", "b3"} {
		if spread[at+"/peer"] && spread[at+"/all_others"] {
			t.Errorf("%s: spreads of the peers and all_others give the direct reports'", at)
		}
	}
	// Five direct reports who all answered 4: subtracting would say so.
	same := releaseOf(t, 3, false, answering(5, threesixty.GroupPeer, 2, 4), answering(5, threesixty.GroupDirectReport, 4))
	spread = spreadOf(t, same)
	for _, at := range []string{"a", "a1", "a2", "b", "b1", "b2", "b3"} {
		if spread[at+"/peer"] && spread[at+"/all_others"] {
			t.Errorf("%s: spreads of the peers and all_others say every direct report answered 4", at)
		}
	}
	// Five and five, both on two points: everything may be shown.
	both := releaseOf(t, 3, false, answering(5, threesixty.GroupPeer, 2, 4), answering(5, threesixty.GroupDirectReport, 1, 5))
	for at, shown := range spreadOf(t, both) {
		if !shown {
			t.Errorf("%s: spread withheld from two groups of five on two points", at)
		}
	}
}

// TestDisagreementReadsOnlyPublishedSpread: four raters split between 1 and 5 disagree, but their
// standard deviation is not published, so neither is their disagreement; six are.
func TestDisagreementReadsOnlyPublishedSpread(t *testing.T) {
	four := releaseOf(t, 3, false, answering(4, threesixty.GroupPeer, 1, 5))
	if n := len(four.Insights.Disagreement); n != 0 {
		t.Errorf("disagreement on %d items from four raters: %+v", n, four.Insights.Disagreement)
	}
	six := releaseOf(t, 3, false, answering(6, threesixty.GroupPeer, 1, 5))
	if n := len(six.Insights.Disagreement); n != 5 {
		t.Errorf("disagreement on %d items from six raters split 1 and 5, want 5", n)
	}
}

// TestAllOthersKeepsItsSpreadBeforeGroups: five peers, six direct reports and five superiors
// may each show spreads, and so may all_others; with every group at five or more nothing inside
// it is pinned, and the disagreement insight, which stands on all_others' spread, has its items.
func TestAllOthersKeepsItsSpreadBeforeGroups(t *testing.T) {
	res := releaseOf(t, 3, false, answering(5, threesixty.GroupPeer, 1, 5), answering(6, threesixty.GroupDirectReport, 2, 4), answering(5, threesixty.GroupSuperior, 1, 4))
	spread := spreadOf(t, res)
	for _, item := range res.Items {
		if !spread[item.ID+"/all_others"] {
			t.Errorf("%s: all_others' spread withdrawn", item.ID)
		}
	}
	if n := len(res.Insights.Disagreement); n != 5 {
		t.Errorf("disagreement on %d items, want 5", n)
	}
}
