package results_test

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"threesixty/internal/results"
	"threesixty/internal/results/resultstest"
	"threesixty/internal/threesixty"
	"threesixty/surveys"
)

// TestNoCombinationOfBothReleasesIsolatesFewerThanK attacks random pairs of baseline and closing
// rounds the way a reader holding both reports would (resultstest.IsolateAcross), counting with
// the true baseline sizes, which the store keeps only as the progress counts. Without the
// alignment most of these pairs leak; with it, none may.
func TestNoCombinationOfBothReleasesIsolatesFewerThanK(t *testing.T) {
	in := &surveys.Instrument{ID: "one", Title: "One", Competencies: []surveys.Competency{{ID: "a", Title: "A"}},
		Items: []surveys.Item{{ID: "a1", Competency: "a", Self: "I a1", Others: "They a1"}}}
	for v := 1; v <= 5; v++ {
		in.Scale.Points = append(in.Scale.Points, surveys.ScalePoint{Value: v, Label: fmt.Sprint(v)})
	}
	in.Scale.NotAbleToRate = "Not able to rate"
	responses := func(sizes map[threesixty.RaterGroup]int) []threesixty.Response {
		var out []threesixty.Response
		for _, g := range threesixty.OthersGroups {
			for i := 0; i < sizes[g]; i++ {
				v := 2 + i%2
				out = append(out, threesixty.Response{Group: g, Answers: threesixty.Answers{Ratings: map[string]*int{"a1": &v}}})
			}
		}
		return out
	}
	rng := rand.New(rand.NewPCG(11, 30))
	leaky := 0
	for run := 0; run < 400; run++ {
		k := 3 + rng.IntN(2)
		base, closing := map[threesixty.RaterGroup]int{}, map[threesixty.RaterGroup]int{}
		for _, g := range threesixty.OthersGroups {
			base[g], closing[g] = rng.IntN(7), rng.IntN(7)
			if rng.IntN(3) > 0 {
				closing[g] = max(0, base[g]+rng.IntN(3)-1) // mostly the same people
			}
		}
		label := fmt.Sprintf("k=%d baseline %v closing %v", k, base, closing)
		before, _, err := results.Compute(results.Input{Instrument: in, Threshold: k, Responses: responses(base)})
		if err != nil {
			t.Fatal(err)
		}
		after, _, err := results.Compute(results.Input{Instrument: in, Threshold: k, Responses: responses(closing),
			Baseline: &results.BaselineGroups{Groups: before.Groups, Respondents: base}})
		if err != nil {
			t.Fatal(err)
		}
		sizes := [2]map[threesixty.RaterGroup]int{base, closing}
		if combo, raters, ok := resultstest.IsolateAcross(before, after, sizes, k); !ok {
			t.Fatalf("%s: %s stands on %d raters", label, combo, raters)
		}
		alone, _, _ := results.Compute(results.Input{Instrument: in, Threshold: k, Responses: responses(closing)})
		if _, _, ok := resultstest.IsolateAcross(before, alone, sizes, k); !ok {
			leaky++
		}
	}
	if leaky < 100 {
		t.Errorf("only %d of 400 closing rounds formed on their own leak: the attack has lost its teeth", leaky)
	}
	t.Logf("%d of 400 closing rounds formed on their own sizes would leak", leaky)
}

// TestNoCombinationOfTwoReleasesCellsIsolatesFewerThanK attacks item by item: "not able to rate"
// makes cells smaller than their groups, and each release withholds cells of its own, so both
// releases' cells on one item are combined with the true counts of who rated it.
func TestNoCombinationOfTwoReleasesCellsIsolatesFewerThanK(t *testing.T) {
	in := &surveys.Instrument{ID: "two", Title: "Two", Competencies: []surveys.Competency{{ID: "a", Title: "A"}},
		Items: []surveys.Item{{ID: "a1", Competency: "a", Self: "I a1", Others: "They a1"}, {ID: "a2", Competency: "a", Self: "I a2", Others: "They a2"}}}
	for v := 1; v <= 5; v++ {
		in.Scale.Points = append(in.Scale.Points, surveys.ScalePoint{Value: v, Label: fmt.Sprint(v)})
	}
	in.Scale.NotAbleToRate = "Not able to rate"
	rng := rand.New(rand.NewPCG(3, 12))
	for run := 0; run < 300; run++ {
		k := 3
		var given [2][]threesixty.Response
		var sizes, counts [2]map[threesixty.RaterGroup]int
		for round := range 2 {
			sizes[round], counts[round] = map[threesixty.RaterGroup]int{}, map[threesixty.RaterGroup]int{}
			for _, g := range threesixty.OthersGroups[1:] {
				n := 2 + rng.IntN(4)
				for i := 0; i < n; i++ {
					v1, v2 := 1+rng.IntN(5), 1+rng.IntN(5)
					r := threesixty.Response{Group: g, Answers: threesixty.Answers{Ratings: map[string]*int{"a1": &v1, "a2": &v2}}}
					if rng.IntN(4) == 0 {
						r.Answers.Ratings["a1"] = nil
					} else {
						counts[round][g]++
					}
					sizes[round][g]++
					given[round] = append(given[round], r)
				}
			}
		}
		before, _, err := results.Compute(results.Input{Instrument: in, Threshold: k, Responses: given[0]})
		if err != nil {
			t.Fatal(err)
		}
		after, _, err := results.Compute(results.Input{Instrument: in, Threshold: k, Responses: given[1],
			Baseline: &results.BaselineGroups{Groups: before.Groups, Items: before.Items, Respondents: sizes[0]}})
		if err != nil {
			t.Fatal(err)
		}
		if combo, raters, ok := resultstest.IsolateAcrossItem(before, after, "a1", counts, k); !ok {
			t.Fatalf("run %d, sizes %v, who rated a1 %v: %s stands on %d raters", run, sizes, counts, combo, raters)
		}
	}
}

func TestTheReviewersCaseIsClosed(t *testing.T) {
	in := &surveys.Instrument{ID: "one", Title: "One", Competencies: []surveys.Competency{{ID: "a", Title: "A"}},
		Items: []surveys.Item{{ID: "a1", Competency: "a", Self: "I a1", Others: "They a1"}}}
	for v := 1; v <= 5; v++ {
		in.Scale.Points = append(in.Scale.Points, surveys.ScalePoint{Value: v, Label: fmt.Sprint(v)})
	}
	in.Scale.NotAbleToRate = "Not able to rate"
	answer := func(g threesixty.RaterGroup, v int, skip bool) threesixty.Response {
		r := threesixty.Response{Group: g, Answers: threesixty.Answers{Ratings: map[string]*int{"a1": &v}}}
		if skip {
			r.Answers.Ratings["a1"] = nil
		}
		return r
	}
	peer, dr := threesixty.GroupPeer, threesixty.GroupDirectReport
	for _, c := range []struct {
		name     string
		before   []threesixty.Response
		after    []threesixty.Response
		counts   [2]map[threesixty.RaterGroup]int
		respond0 map[threesixty.RaterGroup]int
	}{
		{"a peer skips at baseline",
			[]threesixty.Response{answer(peer, 2, true), answer(peer, 3, false), answer(peer, 2, false), answer(dr, 4, false), answer(dr, 5, false), answer(dr, 4, false)},
			[]threesixty.Response{answer(peer, 2, false), answer(peer, 3, false), answer(peer, 2, false), answer(dr, 4, false), answer(dr, 5, false), answer(dr, 4, false)},
			[2]map[threesixty.RaterGroup]int{{peer: 2, dr: 3}, {peer: 3, dr: 3}}, map[threesixty.RaterGroup]int{peer: 3, dr: 3}},
		{"a peer skips at closing",
			[]threesixty.Response{answer(peer, 2, false), answer(peer, 3, false), answer(peer, 2, false), answer(dr, 4, false), answer(dr, 5, false), answer(dr, 4, false)},
			[]threesixty.Response{answer(peer, 2, true), answer(peer, 3, false), answer(peer, 2, false), answer(dr, 4, false), answer(dr, 5, false), answer(dr, 4, false)},
			[2]map[threesixty.RaterGroup]int{{peer: 3, dr: 3}, {peer: 2, dr: 3}}, map[threesixty.RaterGroup]int{peer: 3, dr: 3}},
	} {
		before, _, err := results.Compute(results.Input{Instrument: in, Threshold: 3, Responses: c.before})
		if err != nil {
			t.Fatal(err)
		}
		after, _, err := results.Compute(results.Input{Instrument: in, Threshold: 3, Responses: c.after,
			Baseline: &results.BaselineGroups{Groups: before.Groups, Items: before.Items, Respondents: c.respond0}})
		if err != nil {
			t.Fatal(err)
		}
		if combo, raters, ok := resultstest.IsolateAcrossItem(before, after, "a1", c.counts, 3); !ok {
			t.Errorf("%s: %s stands on %d raters", c.name, combo, raters)
		}
	}
}
