package results

import (
	"strings"
	"testing"

	"threesixty/internal/threesixty"
)

// releaseKnowing is releaseOf with known superiors among the responses.
func releaseKnowing(t *testing.T, k, known int, responses ...[]threesixty.Response) *Results {
	t.Helper()
	return computeChecked(t, Input{Instrument: smallInstrument(), Threshold: k, KnownSuperiors: known}, responses...)
}

// TestAGroupHoldingTheSponsorNeedsKOthers: three superiors, one of them the sponsor, are two a
// reader does not know; they are merged as a group of two would be.
func TestAGroupHoldingTheSponsorNeedsKOthers(t *testing.T) {
	superiors, peers := many(3, threesixty.GroupSuperior, 4), many(3, threesixty.GroupPeer, 2)
	superiors[0].Answers.Comments["keep"] = "a superior says"
	if got := groupKeys(releaseKnowing(t, 3, 0, superiors, peers)); got != "superior peer all_others" {
		t.Errorf("without the sponsor, groups %q", got)
	}
	res := releaseKnowing(t, 3, 1, superiors, peers)
	if got := groupKeys(res); got != "superior+peer all_others" {
		t.Errorf("with the sponsor among the superiors, groups %q", got)
	}
	for _, c := range res.Comments {
		if c.Text == "a superior says" && c.Group != "superior+peer" {
			t.Errorf("a superior's comment published under %q", c.Group)
		}
	}
	// Four superiors with the sponsor are three others: a group of their own.
	if got := groupKeys(releaseKnowing(t, 3, 1, many(4, threesixty.GroupSuperior, 4), peers)); got != "superior peer all_others" {
		t.Errorf("with four superiors, groups %q", got)
	}
}

// TestACellHoldingTheSponsorNeedsKOthers: of four superiors one could not rate a1, so three rated
// it, and one of those may be the sponsor.
func TestACellHoldingTheSponsorNeedsKOthers(t *testing.T) {
	superiors := append(many(3, threesixty.GroupSuperior, 4), respond(threesixty.GroupSuperior, 2, "a1"))
	res := releaseKnowing(t, 3, 1, superiors, many(3, threesixty.GroupPeer, 2))
	if strings.Contains(scoreGroups(res.Items[0].Scores), "superior") {
		t.Errorf("a1 shows superiors from three raters, one of them perhaps the sponsor: %q", scoreGroups(res.Items[0].Scores))
	}
	if got := scoreGroups(res.Items[1].Scores); got != "superior peer all_others" {
		t.Errorf("a2, rated by all four superiors, shows %q", got)
	}
}

// TestTheAuditHoldsWhicheverSuperiorIsTheSponsor: three superiors rated a1 (the fourth could
// not). all_others minus the peers and the direct reports is those three; if one is the sponsor,
// the sponsor subtracts their own answer and has two people's.
func TestTheAuditHoldsWhicheverSuperiorIsTheSponsor(t *testing.T) {
	superiors := append(many(3, threesixty.GroupSuperior, 4), respond(threesixty.GroupSuperior, 2, "a1"))
	res := releaseKnowing(t, 3, 1, superiors, many(3, threesixty.GroupPeer, 2), many(3, threesixty.GroupDirectReport, 3))
	if got := scoreGroups(res.Items[0].Scores); strings.Contains(got, "peer") && strings.Contains(got, "direct_report") && strings.Contains(got, "all_others") {
		t.Errorf("a1 shows %q: all_others minus the rest is three superiors", got)
	}
	if got := scoreGroups(res.Items[1].Scores); got != "superior peer direct_report all_others" {
		t.Errorf("a2, rated by everyone, shows %q", got)
	}
}

// TestSpreadHoldsWhicheverSuperiorIsTheSponsor: six superiors, five of whom answered 4 and one 2.
// If the one who answered 2 is the sponsor, the spread of the other five says they all answered 4.
func TestSpreadHoldsWhicheverSuperiorIsTheSponsor(t *testing.T) {
	superiors := append(answering(5, threesixty.GroupSuperior, 4), respond(threesixty.GroupSuperior, 2))
	if spread := spreadOf(t, releaseKnowing(t, 3, 0, superiors)); !spread["a1/superior"] {
		t.Errorf("no spread from six superiors on two points when none is known")
	}
	for at, shown := range spreadOf(t, releaseKnowing(t, 3, 1, superiors)) {
		if shown {
			t.Errorf("%s: a spread that, less the sponsor's 2, says five superiors answered 4", at)
		}
	}
	mixed := answering(6, threesixty.GroupSuperior, 2, 4)
	if spread := spreadOf(t, releaseKnowing(t, 3, 1, mixed)); !spread["a1/superior"] {
		t.Errorf("no spread from six superiors who stay on two points whoever the sponsor is")
	}
}

func TestKnownSuperiorsMustBeSuperiorResponses(t *testing.T) {
	responses := append(many(3, threesixty.GroupSuperior, 4), many(3, threesixty.GroupPeer, 2)...)
	for _, known := range []int{-1, 4} {
		if _, _, err := Compute(Input{Instrument: smallInstrument(), Threshold: 3, KnownSuperiors: known, Responses: responses}); err == nil {
			t.Errorf("%d known superiors among three accepted", known)
		}
	}
}
