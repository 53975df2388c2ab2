package results

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"threesixty/internal/threesixty"
)

// sizes is a round's respondents per rater group, self included.
type sizes map[threesixty.RaterGroup]int

// respondents is the sizes of the rater groups a rater can be in.
func (s sizes) respondents() map[threesixty.RaterGroup]int {
	out := map[threesixty.RaterGroup]int{}
	for _, g := range threesixty.OthersGroups {
		out[g] = s[g]
	}
	return out
}

func (s sizes) responses() []threesixty.Response {
	var out []threesixty.Response
	for _, g := range threesixty.RaterGroups {
		out = append(out, many(s[g], g, 2)...)
	}
	return out
}

// closingAfter releases the baseline and then the closing round against it, both through
// computeChecked, and returns both.
func closingAfter(t *testing.T, k int, identifiable bool, baseline, closing sizes) (*Results, *Results) {
	t.Helper()
	base := computeChecked(t, Input{Instrument: smallInstrument(), Threshold: k, SuperiorIdentifiable: identifiable}, baseline.responses())
	closed := computeChecked(t, Input{
		Instrument: smallInstrument(), Threshold: k, SuperiorIdentifiable: identifiable,
		Baseline: &BaselineGroups{Groups: base.Groups, Respondents: baseline.respondents()},
	}, closing.responses())
	return base, closed
}

func TestAClosingRoundLikeItsBaselineKeepsItsOwnGroups(t *testing.T) {
	base, closed := closingAfter(t, 3, false,
		sizes{threesixty.GroupSelf: 1, threesixty.GroupPeer: 3, threesixty.GroupDirectReport: 4},
		sizes{threesixty.GroupSelf: 1, threesixty.GroupPeer: 4, threesixty.GroupDirectReport: 5})
	if got, want := groupKeys(closed), groupKeys(base); got != want {
		t.Errorf("closing groups %q, want the baseline's %q", got, want)
	}
}

func TestAClosingRoundDoesNotMergeAGroupTheBaselinePublishedAlone(t *testing.T) {
	// Baseline peers (3) and direct reports (4) apart. At closing one peer is gone: merging the
	// two left with the direct reports would let closing "peers and direct reports" minus
	// baseline "direct reports" read as the two peers' answers, so they are left out.
	_, closed := closingAfter(t, 3, false,
		sizes{threesixty.GroupSelf: 1, threesixty.GroupPeer: 3, threesixty.GroupDirectReport: 4},
		sizes{threesixty.GroupSelf: 1, threesixty.GroupPeer: 2, threesixty.GroupDirectReport: 4})
	if got, want := groupKeys(closed), "self direct_report all_others"; got != want {
		t.Errorf("closing groups %q, want %q", got, want)
	}
	if own := groupKeys(releaseOf(t, 3, false, sizes{threesixty.GroupSelf: 1, threesixty.GroupPeer: 2, threesixty.GroupDirectReport: 4}.responses())); own != "self peer+direct_report all_others" {
		t.Fatalf("without a baseline the closing round would publish %q; the test expects a merge", own)
	}
}

func TestAClosingRoundKeepsAMergeTheBaselineMade(t *testing.T) {
	// Baseline peers (2) merged with direct reports (2). At closing both groups have 3: apart,
	// baseline "peers and direct reports" minus closing "direct reports" would read as the two
	// baseline peers.
	_, closed := closingAfter(t, 3, false,
		sizes{threesixty.GroupSelf: 1, threesixty.GroupPeer: 2, threesixty.GroupDirectReport: 2},
		sizes{threesixty.GroupSelf: 1, threesixty.GroupPeer: 3, threesixty.GroupDirectReport: 3})
	if got, want := groupKeys(closed), "self peer+direct_report all_others"; got != want {
		t.Errorf("closing groups %q, want %q", got, want)
	}
}

func TestAClosingRoundPublishesAGroupNewSinceTheBaseline(t *testing.T) {
	// Nobody in the "other" group answered the baseline: nothing of it stands on them.
	_, closed := closingAfter(t, 3, false,
		sizes{threesixty.GroupPeer: 3, threesixty.GroupDirectReport: 3},
		sizes{threesixty.GroupPeer: 3, threesixty.GroupDirectReport: 3, threesixty.GroupOther: 3})
	if got, want := groupKeys(closed), "peer direct_report other all_others"; got != want {
		t.Errorf("closing groups %q, want %q", got, want)
	}
}

func TestAnIdentifiableSuperiorStandsAloneInBothRounds(t *testing.T) {
	_, closed := closingAfter(t, 3, true,
		sizes{threesixty.GroupSuperior: 1, threesixty.GroupPeer: 3, threesixty.GroupDirectReport: 3},
		sizes{threesixty.GroupSuperior: 2, threesixty.GroupPeer: 3, threesixty.GroupDirectReport: 3})
	if got, want := groupKeys(closed), "superior peer direct_report all_others"; got != want {
		t.Errorf("closing groups %q, want %q", got, want)
	}
}

// TestNoCombinationOfBothReleasesIsolatesFewerThanK attacks random pairs of rounds the way a
// reader holding both reports would: every combination of both releases' group sums with
// weights -1, 0 and 1, taking any rater group's answers as unchanged where that cancels it,
// must stand on at least k raters, counted with the true baseline sizes the release no longer
// knows.
func TestNoCombinationOfBothReleasesIsolatesFewerThanK(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 30))
	for run := 0; run < 400; run++ {
		k := 3 + rng.IntN(2)
		base, closing := sizes{}, sizes{}
		for _, g := range threesixty.OthersGroups {
			base[g], closing[g] = rng.IntN(7), rng.IntN(7)
			if rng.IntN(3) == 0 {
				closing[g] = max(0, base[g]+rng.IntN(3)-1) // mostly the same people
			}
		}
		label := fmt.Sprintf("k=%d baseline %v closing %v", k, base, closing)
		baseRes, _, err := Compute(Input{Instrument: smallInstrument(), Threshold: k, Responses: base.responses()})
		if err != nil {
			t.Fatal(err)
		}
		closed, _, err := Compute(Input{Instrument: smallInstrument(), Threshold: k, Responses: closing.responses(), Baseline: &BaselineGroups{Groups: baseRes.Groups, Respondents: base.respondents()}})
		if err != nil {
			t.Fatal(err)
		}
		if combo, raters, ok := isolateAcross(baseRes, closed, base, closing, k); !ok {
			t.Fatalf("%s: baseline %q, closing %q: %s stands on %d raters", label, groupKeys(baseRes), groupKeys(closed), combo, raters)
		}
	}
}

// isolateAcross tries every combination; it returns the first that stands on fewer than k
// raters, and false, or true when there is none.
func isolateAcross(base, closing *Results, baseSizes, closingSizes sizes, k int) (string, int, bool) {
	type row struct {
		round   int
		members []threesixty.RaterGroup
		key     string
	}
	var rows []row
	for r, res := range []*Results{base, closing} {
		for _, g := range res.Groups {
			if g.Key != KeySelf {
				rows = append(rows, row{r, g.Members, g.Key})
			}
		}
	}
	weights := make([]int, len(rows))
	for i := range weights {
		weights[i] = -1
	}
	for {
		var w [2]map[threesixty.RaterGroup]int
		w[0], w[1] = map[threesixty.RaterGroup]int{}, map[threesixty.RaterGroup]int{}
		combo := ""
		for i, r := range rows {
			if weights[i] == 0 {
				continue
			}
			combo += fmt.Sprintf(" %+d %s(%s)", weights[i], []string{"baseline", "closing"}[r.round], r.key)
			for _, m := range r.members {
				w[r.round][m] += weights[i]
			}
		}
		raters, standing := 0, false
		for _, g := range threesixty.OthersGroups {
			b, c := w[0][g], w[1][g]
			switch {
			case b == 0 && c == 0, b == -c:
				// nothing, or cancelled by taking the group as unchanged
			case b != 0 && c != 0:
				standing = true
				raters += min(baseSizes[g], closingSizes[g])
			case b != 0:
				standing = true
				raters += baseSizes[g]
			default:
				standing = true
				raters += closingSizes[g]
			}
		}
		if standing && raters < k {
			return combo, raters, false
		}
		i := 0
		for i < len(weights) {
			weights[i]++
			if weights[i] <= 1 {
				break
			}
			weights[i] = -1
			i++
		}
		if i == len(weights) {
			return "", 0, true
		}
	}
}

func TestAClosingRoundKeepsAMergeWhosePartnerShrank(t *testing.T) {
	// Baseline: the superior merged with three peers, direct reports (3) alone. At closing only
	// two direct reports answer: alone they are too few, and merged with anyone they would be
	// the difference against the baseline, so they are left out while the merge stands.
	_, closed := closingAfter(t, 3, false,
		sizes{threesixty.GroupSelf: 1, threesixty.GroupSuperior: 1, threesixty.GroupPeer: 3, threesixty.GroupDirectReport: 3},
		sizes{threesixty.GroupSelf: 1, threesixty.GroupSuperior: 1, threesixty.GroupPeer: 4, threesixty.GroupDirectReport: 2})
	if got, want := groupKeys(closed), "self superior+peer all_others"; got != want {
		t.Errorf("closing groups %q, want %q", got, want)
	}
}
