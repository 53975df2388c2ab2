package results

import (
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"threesixty/internal/threesixty"
	"threesixty/surveys"
)

// smallInstrument has two competencies, of two and three items, on a five-point scale: small
// enough for the brute-force checker, shaped like the real thing.
func smallInstrument() *surveys.Instrument {
	in := &surveys.Instrument{ID: "small", Title: "Small"}
	for v, label := range []string{"Never", "Rarely", "Sometimes", "Often", "Always"} {
		in.Scale.Points = append(in.Scale.Points, surveys.ScalePoint{Value: v + 1, Label: label})
	}
	in.Scale.NotAbleToRate = "Not able to rate"
	in.Competencies = []surveys.Competency{{ID: "a", Title: "A"}, {ID: "b", Title: "B"}}
	for _, it := range []struct{ id, comp string }{{"a1", "a"}, {"a2", "a"}, {"b1", "b"}, {"b2", "b"}, {"b3", "b"}} {
		in.Items = append(in.Items, surveys.Item{ID: it.id, Competency: it.comp, Self: "I " + it.id, Others: "They " + it.id})
	}
	in.Questions = []surveys.Question{{ID: "keep", Self: "Keep?", Others: "Keep?"}}
	return in
}

// randomEngagement draws group sizes 0..8, a self-assessment or not, and answers with a random
// share of "not able to rate".
func randomEngagement(rng *rand.Rand, in *surveys.Instrument) ([]threesixty.Response, float64) {
	na := rng.Float64() * 0.45
	var responses []threesixty.Response
	add := func(g threesixty.RaterGroup) {
		a := threesixty.Answers{Ratings: map[string]*int{}, Comments: map[string]string{}}
		for _, item := range in.Items {
			if rng.Float64() < na {
				a.Ratings[item.ID] = nil
				continue
			}
			v := 1 + rng.IntN(5)
			a.Ratings[item.ID] = &v
		}
		if rng.IntN(2) == 0 {
			a.Comments["keep"] = fmt.Sprintf("comment from a %s", g)
		}
		responses = append(responses, threesixty.Response{Group: g, Answers: a})
	}
	if rng.IntN(4) > 0 {
		add(threesixty.GroupSelf)
	}
	for _, g := range threesixty.OthersGroups {
		for n := rng.IntN(9); n > 0; n-- {
			add(g)
		}
	}
	rng.Shuffle(len(responses), func(i, j int) { responses[i], responses[j] = responses[j], responses[i] })
	return responses, na
}

// TestReleasesKeepThePromise runs thousands of random engagements through the release and checks
// every published number against the raw answers; on the smaller ones, an independent
// brute-force search confirms that no set of fewer than k protected raters can be isolated, and
// that the published spreads isolate no set of fewer than SpreadMinimum, nor answers on one point,
// whichever superior response is the sponsor's when the sponsor rated.
func TestReleasesKeepThePromise(t *testing.T) {
	in := smallInstrument()
	rng := rand.New(rand.NewPCG(2026, 11))
	runs, bruteForced, withSponsor := 3000, 0, 0
	if testing.Short() {
		runs = 300
	}
	for run := 0; run < runs; run++ {
		responses, _ := randomEngagement(rng, in)
		input := Input{Instrument: in, Threshold: 3 + rng.IntN(3), SuperiorIdentifiable: rng.IntN(3) == 0, Responses: responses}
		if !input.SuperiorIdentifiable && countGroup(responses, threesixty.GroupSuperior) > 0 && rng.IntN(2) == 0 {
			input.KnownSuperiors = 1
			withSponsor++
		}
		res, countedIn, err := Compute(input)
		if err != nil {
			t.Fatal(err)
		}
		label := fmt.Sprintf("run %d (k=%d, superior identifiable %v, %d known superiors, %d responses)", run, input.Threshold, input.SuperiorIdentifiable, input.KnownSuperiors, len(responses))
		sets, spreads := checkPublishedNumbers(t, label, input, res)
		checkCountedIn(t, label, input, res, countedIn)
		checkLeftOutChangesNothing(t, label, input)
		if countProtected(responses, input.SuperiorIdentifiable) <= 12 {
			bruteForced++
			if raters, ok := bruteForceLeak(input, input.Threshold, sets); ok {
				t.Fatalf("%s: the published sums isolate raters %v\n%s", label, raters, describe(responses))
			}
			if raters, ok := bruteForceLeak(input, SpreadMinimum, spreads); ok {
				t.Fatalf("%s: the published spreads isolate raters %v\n%s", label, raters, describe(responses))
			}
			if v, ok := bruteForceOnePoint(input, spreads); ok {
				t.Fatalf("%s: the published spreads isolate answers that are all %d\n%s", label, v, describe(responses))
			}
			if raters, ok := bruteForceSpreadOverSmallSum(input, sets, spreads); ok {
				t.Fatalf("%s: a spread is shown over the derivable sum of raters %v\n%s", label, raters, describe(responses))
			}
		}
	}
	t.Logf("%d releases checked, %d with the sponsor among the superiors, %d by brute force", runs, withSponsor, bruteForced)
}

// answerSet is the (response, item) answers behind one published score, derived from the raw
// answers independently of the package's own bookkeeping.
type answerSet map[[2]int]bool

// checkPublishedNumbers rebuilds every published score from the raw answers and checks its n,
// mean and spread, the thresholds and the comments. It returns the answer sets of the published
// scores, and of those that show a spread.
func checkPublishedNumbers(t *testing.T, label string, input Input, res *Results) (sets, spreads []answerSet) {
	t.Helper()
	in, k, identifiable, responses := input.Instrument, input.Threshold, input.SuperiorIdentifiable, input.Responses
	choices := knownChoices(input)
	members := map[string]map[threesixty.RaterGroup]bool{}
	seen := map[threesixty.RaterGroup]string{}
	for _, g := range res.Groups {
		members[g.Key] = map[threesixty.RaterGroup]bool{}
		for _, m := range g.Members {
			members[g.Key][m] = true
			if g.Key != KeyAllOthers {
				if other, dup := seen[m]; dup {
					t.Fatalf("%s: group %s is published in both %s and %s", label, m, other, g.Key)
				}
				seen[m] = g.Key
			}
		}
	}
	alone := func(key string) bool {
		return key == KeySelf || (key == string(threesixty.GroupSuperior) && identifiable)
	}
	// unknownIn is how many of raters a reader does not know, in the worst choice of known ones.
	unknownIn := func(raters map[int]bool) int {
		least := len(raters)
		for _, known := range choices {
			n := 0
			for r := range raters {
				if !known[r] {
					n++
				}
			}
			least = min(least, n)
		}
		return least
	}
	respondents := map[string]map[int]bool{}
	for _, g := range res.Groups {
		respondents[g.Key] = map[int]bool{}
		for r, resp := range responses {
			if members[g.Key][resp.Group] {
				respondents[g.Key][r] = true
			}
		}
		if len(respondents[g.Key]) != g.Respondents {
			t.Fatalf("%s: group %s has %d respondents, the responses give %d", label, g.Key, g.Respondents, len(respondents[g.Key]))
		}
		if !alone(g.Key) && unknownIn(respondents[g.Key]) < k {
			t.Fatalf("%s: group %s published with %d respondents a reader does not know", label, g.Key, unknownIn(respondents[g.Key]))
		}
	}
	value := func(r, i int) int {
		if v := responses[r].Answers.Ratings[in.Items[i].ID]; v != nil {
			return *v
		}
		return 0
	}
	// all_others is the raters of the published groups other than self, and nobody else.
	var others []threesixty.RaterGroup
	for _, g := range threesixty.OthersGroups {
		if _, ok := seen[g]; ok {
			others = append(others, g)
		}
	}
	for _, g := range res.Groups {
		if g.Key == KeyAllOthers && fmt.Sprint(g.Members) != fmt.Sprint(others) {
			t.Fatalf("%s: all_others has members %v, the published groups %v", label, g.Members, others)
		}
	}
	inGroup := func(key string, r int) bool {
		return members[key][responses[r].Group]
	}
	check := func(what string, s Score, set answerSet, raters map[int]bool) {
		if s.N != len(raters) {
			t.Fatalf("%s: %s %s has n %d, the raw answers give %d", label, what, s.Group, s.N, len(raters))
		}
		if !alone(s.Group) && unknownIn(raters) < k {
			t.Fatalf("%s: %s %s published with %d raters a reader does not know", label, what, s.Group, unknownIn(raters))
		}
		sum, squares, dist := 0, 0, make([]int, 5)
		for a := range set {
			v := value(a[0], a[1])
			sum += v
			squares += v * v
			dist[v-1]++
		}
		n := float64(len(set))
		if want := float64(sum) / n; math.Abs(want-s.Mean) > 0.005+1e-9 {
			t.Fatalf("%s: %s %s mean %.2f, the raw answers give %.4f", label, what, s.Group, s.Mean, want)
		}
		sets = append(sets, set)
		if (s.SD == nil) != (s.Distribution == nil) {
			t.Fatalf("%s: %s %s shows sd %v and distribution %v", label, what, s.Group, s.SD, s.Distribution)
		}
		if s.SD == nil {
			return
		}
		if fmt.Sprint(s.Distribution) != fmt.Sprint(dist) {
			t.Fatalf("%s: %s %s distribution %v, raw %v", label, what, s.Group, s.Distribution, dist)
		}
		if want := math.Sqrt((float64(squares) - float64(sum*sum)/n) / (n - 1)); math.Abs(want-*s.SD) > 0.005+1e-9 {
			t.Fatalf("%s: %s %s sd %.2f, the raw answers give %.4f", label, what, s.Group, *s.SD, want)
		}
		if s.N < SpreadMinimum || pointsUsed(dist) < 2 {
			t.Fatalf("%s: %s %s shows a spread with n %d on %d points", label, what, s.Group, s.N, pointsUsed(dist))
		}
		for _, known := range choices {
			protected, protectedDist := map[int]bool{}, make([]int, 5)
			for a := range set {
				if isProtected(responses[a[0]].Group, identifiable) && !known[a[0]] {
					protected[a[0]] = true
					protectedDist[value(a[0], a[1])-1]++
				}
			}
			if len(protected) > 0 && (len(protected) < SpreadMinimum || pointsUsed(protectedDist) < 2) {
				t.Fatalf("%s: %s %s shows a spread of %d protected raters on %d points", label, what, s.Group, len(protected), pointsUsed(protectedDist))
			}
		}
		spreads = append(spreads, set)
	}
	itemIndex := map[string]int{}
	for i, item := range in.Items {
		itemIndex[item.ID] = i
	}
	for _, item := range res.Items {
		i := itemIndex[item.ID]
		for _, s := range item.Scores {
			set, raters := answerSet{}, map[int]bool{}
			for r := range responses {
				if inGroup(s.Group, r) && value(r, i) > 0 {
					set[[2]int{r, i}] = true
					raters[r] = true
				}
			}
			check("item "+item.ID, s, set, raters)
		}
	}
	// A competency score is the mean of the group's published item means, present exactly where
	// at least half of the competency's items are published for the group, its n the largest of
	// theirs; it is no new cell, and every figure of it comes from published ones.
	itemScore := map[[2]string]Score{}
	for _, item := range res.Items {
		for _, s := range item.Scores {
			itemScore[[2]string{item.ID, s.Group}] = s
		}
	}
	for _, comp := range res.Competencies {
		var items []string
		for _, item := range in.Items {
			if item.Competency == comp.ID {
				items = append(items, item.ID)
			}
		}
		if comp.Items != len(items) {
			t.Fatalf("%s: competency %s says %d items, the instrument has %d", label, comp.ID, comp.Items, len(items))
		}
		scored := map[string]CompetencyScore{}
		for _, s := range comp.Scores {
			scored[s.Group] = s
		}
		for _, g := range res.Groups {
			var means []float64
			var covers []string
			most := 0
			for _, id := range items {
				if s, ok := itemScore[[2]string{id, g.Key}]; ok {
					means = append(means, s.Mean)
					covers = append(covers, id)
					most = max(most, s.N)
				}
			}
			s, ok := scored[g.Key]
			if want := len(means) > 0 && 2*len(means) >= len(items); ok != want {
				t.Fatalf("%s: competency %s %s published %v with %d of %d items published", label, comp.ID, g.Key, ok, len(means), len(items))
			}
			if !ok {
				continue
			}
			total := 0.0
			for _, m := range means {
				total += m
			}
			if want := math.Round(total/float64(len(means))*100) / 100; s.Mean != want {
				t.Fatalf("%s: competency %s %s mean %.2f, the published item means give %.2f", label, comp.ID, g.Key, s.Mean, want)
			}
			if s.N != most || s.Items != len(covers) {
				t.Fatalf("%s: competency %s %s has n %d over %d items, the published item scores give %d over %d", label, comp.ID, g.Key, s.N, s.Items, most, len(covers))
			}
			if len(covers) == len(items) {
				covers = nil
			}
			if fmt.Sprint(s.Covers) != fmt.Sprint(covers) {
				t.Fatalf("%s: competency %s %s covers %v, published items %v", label, comp.ID, g.Key, s.Covers, covers)
			}
		}
	}
	published := map[string]bool{}
	for _, g := range res.Groups {
		published[g.Key] = true
	}
	for _, c := range res.Comments {
		if !published[c.Group] || c.Group == KeyAllOthers {
			t.Fatalf("%s: a comment is labelled %q, which is not a published rater group", label, c.Group)
		}
		if !alone(c.Group) && unknownIn(respondents[c.Group]) < k {
			t.Fatalf("%s: a comment is published under %s, with fewer than k writers a reader does not know", label, c.Group)
		}
	}
	return sets, spreads
}

func pointsUsed(dist []int) int {
	n := 0
	for _, x := range dist {
		if x > 0 {
			n++
		}
	}
	return n
}

// checkCountedIn checks that each response is reported as counted in the published group that
// holds its rater group, or in none when no published group does.
func checkCountedIn(t *testing.T, label string, in Input, res *Results, countedIn []string) {
	t.Helper()
	if len(countedIn) != len(in.Responses) {
		t.Fatalf("%s: %d keys for %d responses", label, len(countedIn), len(in.Responses))
	}
	for r, resp := range in.Responses {
		want := ""
		for _, g := range res.Groups {
			if g.Key != KeyAllOthers && slices.Contains(g.Members, resp.Group) {
				want = g.Key
			}
		}
		if countedIn[r] != want {
			t.Fatalf("%s: response %d (%s) counted in %q, published in %q", label, r, resp.Group, countedIn[r], want)
		}
	}
}

// checkLeftOutChangesNothing computes the release again with only the responses the store keeps
// after close: "not enough responses" must look exactly like "no responses".
func checkLeftOutChangesNothing(t *testing.T, label string, in Input) {
	t.Helper()
	in.Shuffle = func(int, func(int, int)) {}
	res, countedIn, err := Compute(in)
	if err != nil {
		t.Fatal(err)
	}
	without := in
	without.Responses = nil
	for r, resp := range in.Responses {
		if countedIn[r] != "" {
			without.Responses = append(without.Responses, resp)
		}
	}
	if countGroup(without.Responses, threesixty.GroupSuperior) == 0 {
		without.KnownSuperiors = 0
	}
	if len(without.Responses) == len(in.Responses) {
		return
	}
	again, _, err := Compute(without)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(res, again) {
		t.Fatalf("%s: the responses of left-out groups changed the release\nwith:    %+v\nwithout: %+v", label, res, again)
	}
}
