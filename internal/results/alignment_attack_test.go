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
