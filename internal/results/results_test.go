package results

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"threesixty/internal/threesixty"
	"threesixty/surveys"
)

// respond builds a response of group g rating every item of the small instrument v, except the
// items listed in na.
func respond(g threesixty.RaterGroup, v int, na ...string) threesixty.Response {
	in := smallInstrument()
	a := threesixty.Answers{Ratings: map[string]*int{}, Comments: map[string]string{}}
	for _, item := range in.Items {
		x := v
		a.Ratings[item.ID] = &x
	}
	for _, id := range na {
		a.Ratings[id] = nil
	}
	return threesixty.Response{Group: g, Answers: a}
}

func many(n int, g threesixty.RaterGroup, v int, na ...string) []threesixty.Response {
	var out []threesixty.Response
	for i := 0; i < n; i++ {
		out = append(out, respond(g, v+i%2, na...))
	}
	return out
}

func releaseOf(t *testing.T, k int, identifiable bool, responses ...[]threesixty.Response) *Results {
	t.Helper()
	return computeChecked(t, Input{Instrument: smallInstrument(), Threshold: k, SuperiorIdentifiable: identifiable}, responses...)
}

// computeChecked computes the release of in with the responses added, and checks every published
// number and the groups the responses were counted in against the raw answers.
func computeChecked(t *testing.T, in Input, responses ...[]threesixty.Response) *Results {
	t.Helper()
	for _, r := range responses {
		in.Responses = append(in.Responses, r...)
	}
	res, countedIn, err := Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	checkPublishedNumbers(t, t.Name(), in, res)
	checkCountedIn(t, t.Name(), in, res, countedIn)
	return res
}

func groupKeys(res *Results) string {
	var keys []string
	for _, g := range res.Groups {
		keys = append(keys, g.Key)
	}
	return strings.Join(keys, " ")
}

func scoreGroups(scores []Score) string {
	var keys []string
	for _, s := range scores {
		keys = append(keys, s.Group)
	}
	return strings.Join(keys, " ")
}

func TestGroupsAtOrAboveThresholdArePublished(t *testing.T) {
	res := releaseOf(t, 3, false, many(1, threesixty.GroupSelf, 4), many(3, threesixty.GroupSuperior, 3), many(4, threesixty.GroupPeer, 2), many(5, threesixty.GroupDirectReport, 4))
	if got := groupKeys(res); got != "self superior peer direct_report all_others" {
		t.Errorf("groups %q", got)
	}
	for _, item := range res.Items {
		if got := scoreGroups(item.Scores); got != "self superior peer direct_report all_others" {
			t.Errorf("item %s scores %q", item.ID, got)
		}
	}
	if all := res.Groups[len(res.Groups)-1]; all.Respondents != 12 || len(all.Members) != 3 {
		t.Errorf("all_others = %+v", all)
	}
}

func TestSmallGroupIsMergedWithTheSmallestThatReachesK(t *testing.T) {
	res := releaseOf(t, 3, false, many(2, threesixty.GroupPeer, 3), many(4, threesixty.GroupDirectReport, 4), many(6, threesixty.GroupOther, 2))
	if got := groupKeys(res); got != "peer+direct_report other all_others" {
		t.Fatalf("groups %q", got)
	}
	if res.Groups[0].Label != "Peers and direct reports" || res.Groups[0].Respondents != 6 {
		t.Errorf("merged group %+v", res.Groups[0])
	}
}

func TestGroupsTooSmallToMergeAreLeftOut(t *testing.T) {
	// Peers and others, two and one, make three together only with a second merge.
	res := releaseOf(t, 4, false, many(2, threesixty.GroupPeer, 3), many(1, threesixty.GroupOther, 2), many(1, threesixty.GroupSelf, 5))
	if got := groupKeys(res); got != "self" {
		t.Fatalf("groups %q, want only self", got)
	}
	for _, item := range res.Items {
		if got := scoreGroups(item.Scores); got != "self" {
			t.Errorf("item %s: %q", item.ID, got)
		}
	}
}

func TestIdentifiableSuperiorDoesNotExposeOthers(t *testing.T) {
	// One superior shown alone; two peers cannot reach k: all_others (3) minus the superior would
	// be the two peers, so all_others must not be published.
	res := releaseOf(t, 3, true, many(1, threesixty.GroupSuperior, 5), many(2, threesixty.GroupPeer, 2))
	if got := groupKeys(res); got != "superior" {
		t.Fatalf("groups %q, want superior alone", got)
	}
	for _, item := range res.Items {
		if got := scoreGroups(item.Scores); got != "superior" {
			t.Errorf("item %s: %q", item.ID, got)
		}
	}
}

// TestAllOthersHoldsOnlyPublishedGroups: three identifiable superiors and one direct report who
// could not rate a1. Were the direct report in all_others, the audit would withhold all_others
// wherever it held their answer, and the items where it appeared would be the ones they skipped.
func TestAllOthersHoldsOnlyPublishedGroups(t *testing.T) {
	report := respond(threesixty.GroupDirectReport, 2, "a1")
	res := releaseOf(t, 3, true, many(3, threesixty.GroupSuperior, 4), []threesixty.Response{report})
	if got := groupKeys(res); got != "superior all_others" {
		t.Fatalf("groups %q, want superior and all_others", got)
	}
	all := res.Groups[1]
	if fmt.Sprint(all.Members) != "[superior]" || all.Respondents != 3 {
		t.Errorf("all_others = %+v, want the three superiors only", all)
	}
	for _, item := range res.Items {
		if got := scoreGroups(item.Scores); got != "superior all_others" {
			t.Errorf("item %s: %q", item.ID, got)
		}
	}
	alone, _, err := Compute(Input{Instrument: smallInstrument(), Threshold: 3, SuperiorIdentifiable: true, Responses: many(3, threesixty.GroupSuperior, 4)})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(res, alone) {
		t.Errorf("the left-out direct report changed the release:\nwith:    %+v\nwithout: %+v", res, alone)
	}
}

// TestCountedInNamesThePublishedGroup: the store keeps each response under the group it was
// counted in, so that is the published group, in the order the responses came, and nothing for
// a group that was left out.
func TestCountedInNamesThePublishedGroup(t *testing.T) {
	var responses []threesixty.Response
	for _, g := range []threesixty.RaterGroup{"other", "peer", "self", "direct_report", "peer", "direct_report", "other", "peer", "direct_report", "direct_report"} {
		responses = append(responses, respond(g, 3))
	}
	_, countedIn, err := Compute(Input{Instrument: smallInstrument(), Threshold: 3, Responses: responses})
	if err != nil {
		t.Fatal(err)
	}
	want := "peer+other peer+other self direct_report peer+other direct_report peer+other peer+other direct_report direct_report"
	if got := strings.Join(countedIn, " "); got != want {
		t.Errorf("counted in %q, want %q", got, want)
	}
	// Two peers beside identifiable superiors are left out.
	responses = []threesixty.Response{respond("peer", 3), respond("superior", 4), respond("peer", 2), respond("superior", 5)}
	_, countedIn, err = Compute(Input{Instrument: smallInstrument(), Threshold: 3, SuperiorIdentifiable: true, Responses: responses})
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprintf("%q", countedIn); got != `["" "superior" "" "superior"]` {
		t.Errorf("counted in %s", got)
	}
}

func TestNotAbleToRateShrinksCellsAndTheAuditFollows(t *testing.T) {
	// Three peers, one of whom could not rate a1: the peer cell for a1 has two raters and is
	// withheld, and all_others for a1 minus direct reports would give those two away.
	peers := append(many(2, threesixty.GroupPeer, 3), respond(threesixty.GroupPeer, 2, "a1"))
	res := releaseOf(t, 3, false, peers, many(3, threesixty.GroupDirectReport, 4))
	a1 := res.Items[0]
	if strings.Contains(scoreGroups(a1.Scores), "peer") {
		t.Errorf("a1 publishes a peer score from two raters: %q", scoreGroups(a1.Scores))
	}
	if strings.Contains(scoreGroups(a1.Scores), "all_others") && strings.Contains(scoreGroups(a1.Scores), "direct_report") {
		t.Errorf("a1 publishes both all_others and direct reports: %q", scoreGroups(a1.Scores))
	}
	if got := scoreGroups(res.Items[2].Scores); got != "peer direct_report all_others" {
		t.Errorf("b1, answered by everyone, publishes %q", got)
	}
}

func TestCommentsFollowTheGroups(t *testing.T) {
	peers := many(2, threesixty.GroupPeer, 3)
	reports := many(4, threesixty.GroupDirectReport, 4)
	other := many(1, threesixty.GroupOther, 4)
	self := many(1, threesixty.GroupSelf, 4)
	for i := range peers {
		peers[i].Answers.Comments["keep"] = "peer says"
	}
	reports[0].Answers.Comments["keep"] = "report says"
	other[0].Answers.Comments["keep"] = "other says"
	self[0].Answers.Comments["keep"] = "self says"
	// k=5: peers (2) merge with reports (4); the lone other merges in as well (7).
	res := releaseOf(t, 5, false, peers, reports, other, self)
	labels := map[string]string{}
	for _, c := range res.Comments {
		labels[c.Text] = c.Group
	}
	if labels["peer says"] != "peer+direct_report+other" || labels["report says"] != "peer+direct_report+other" || labels["self says"] != "self" {
		t.Errorf("comment groups %v", labels)
	}
	left := releaseOf(t, 3, false, many(2, threesixty.GroupPeer, 3), self)
	for _, c := range left.Comments {
		if c.Group != "self" {
			t.Errorf("a comment of a left-out group was published: %+v", c)
		}
	}
}

func TestInsights(t *testing.T) {
	self := respond(threesixty.GroupSelf, 5)
	low := 1
	self.Answers.Ratings["b3"] = &low
	res := releaseOf(t, 3, false, []threesixty.Response{self}, many(4, threesixty.GroupPeer, 3))
	if len(res.Insights.Highest) != 5 || len(res.Insights.Lowest) != 0 {
		t.Errorf("with five items, highest %d and lowest %d", len(res.Insights.Highest), len(res.Insights.Lowest))
	}
	blind := map[string]bool{}
	for _, b := range res.Insights.BlindSpots {
		blind[b.Item] = true
		if *b.Gap < 1 {
			t.Errorf("blind spot %s with gap %.2f", b.Item, *b.Gap)
		}
	}
	if !blind["a1"] || blind["b3"] {
		t.Errorf("blind spots %v", blind)
	}
	if len(res.Insights.HiddenStrengths) != 1 || res.Insights.HiddenStrengths[0].Item != "b3" {
		t.Errorf("hidden strengths %+v", res.Insights.HiddenStrengths)
	}
}

// TestThresholdBelowThreeIsRefused: with k=2, a rater who reads the report subtracts their own
// answers from a group's and has the other rater's.
func TestThresholdBelowThreeIsRefused(t *testing.T) {
	for _, k := range []int{0, 1, 2} {
		if _, _, err := Compute(Input{Instrument: smallInstrument(), Threshold: k, Responses: many(4, threesixty.GroupPeer, 3)}); err == nil {
			t.Errorf("k=%d accepted", k)
		}
	}
}

// TestAuditOfAWorstCaseTerminates: a large k over many raters who each skipped different items
// has more sets of raters than the audit will check one by one; it must still finish, and
// publish nothing it could not prove.
func TestAuditOfAWorstCaseTerminates(t *testing.T) {
	in := smallInstrument()
	rng := rand.New(rand.NewPCG(40, 10))
	var responses []threesixty.Response
	for r := 0; r < 40; r++ {
		a := threesixty.Answers{Ratings: map[string]*int{}}
		for _, item := range in.Items {
			if rng.IntN(2) == 0 {
				a.Ratings[item.ID] = nil
				continue
			}
			v := 1 + rng.IntN(5)
			a.Ratings[item.ID] = &v
		}
		responses = append(responses, threesixty.Response{Group: threesixty.OthersGroups[r%4], Answers: a})
	}
	input := Input{Instrument: in, Threshold: 10, Responses: responses}
	res, _, err := Compute(input)
	if err != nil {
		t.Fatal(err)
	}
	checkPublishedNumbers(t, t.Name(), input, res)
}

// TestCommentsAreNotInTheOrderTheyCameIn: comments are shuffled, so their order says nothing
// about who answered when. Twelve comments keep their order by chance once in 479 million.
func TestCommentsAreNotInTheOrderTheyCameIn(t *testing.T) {
	responses := many(12, threesixty.GroupPeer, 3)
	var order []string
	for i := range responses {
		text := fmt.Sprint("comment ", i)
		responses[i].Answers.Comments["keep"] = text
		order = append(order, text)
	}
	res := releaseOf(t, 3, false, responses)
	var published []string
	for _, c := range res.Comments {
		published = append(published, c.Text)
	}
	if len(published) != 12 {
		t.Fatalf("%d comments published, want 12", len(published))
	}
	if strings.Join(published, "|") == strings.Join(order, "|") {
		t.Error("the comments were published in the order they came in")
	}
}

// TestACompetencyScoreSaysNothingOfHowNotAbleToRateFalls: five peers on a two-item competency,
// with two "not able to rate" answers: one peer skipping both items, or two peers skipping one
// each. Every item score is the same either way, so every competency figure must be too.
func TestACompetencyScoreSaysNothingOfHowNotAbleToRateFalls(t *testing.T) {
	in := &surveys.Instrument{ID: "two", Title: "Two"}
	for v, label := range []string{"Never", "Rarely", "Sometimes", "Often", "Always"} {
		in.Scale.Points = append(in.Scale.Points, surveys.ScalePoint{Value: v + 1, Label: label})
	}
	in.Competencies = []surveys.Competency{{ID: "c", Title: "C"}}
	in.Items = []surveys.Item{{ID: "a1", Competency: "c", Self: "I a1", Others: "They a1"}, {ID: "a2", Competency: "c", Self: "I a2", Others: "They a2"}}
	release := func(skips [][2]bool) *Results {
		var responses []threesixty.Response
		for _, skip := range skips {
			a := threesixty.Answers{Ratings: map[string]*int{}, Comments: map[string]string{}}
			for i, id := range []string{"a1", "a2"} {
				v := 4
				if skip[i] {
					a.Ratings[id] = nil
				} else {
					a.Ratings[id] = &v
				}
			}
			responses = append(responses, threesixty.Response{Group: threesixty.GroupPeer, Answers: a})
		}
		res, _, err := Compute(Input{Instrument: in, Threshold: 3, Responses: responses})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	oneSkipsBoth := release([][2]bool{{true, true}, {false, false}, {false, false}, {false, false}, {false, false}})
	twoSkipOne := release([][2]bool{{true, false}, {false, true}, {false, false}, {false, false}, {false, false}})
	if a, b := fmt.Sprint(oneSkipsBoth.Items), fmt.Sprint(twoSkipOne.Items); a != b {
		t.Fatalf("the item scores differ, so the case proves nothing:\n%s\n%s", a, b)
	}
	if a, b := fmt.Sprint(oneSkipsBoth.Competencies), fmt.Sprint(twoSkipOne.Competencies); a != b {
		t.Errorf("the competency scores tell the two apart:\n%s\n%s", a, b)
	}
}
