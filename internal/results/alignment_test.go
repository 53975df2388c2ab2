package results

import (
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
