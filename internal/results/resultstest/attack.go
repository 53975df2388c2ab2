// Package resultstest attacks releases the way a reader holding several of them would, for the
// tests of every package that releases rounds.
package resultstest

import (
	"fmt"

	"threesixty/internal/results"
	"threesixty/internal/threesixty"
)

// IsolateAcross tries every combination of two releases' group sums, each published group but
// self weighted -1, 0 or 1, the way a reader holding both reports would, taking any rater
// group's answers as unchanged between the rounds where that cancels it. What a combination
// leaves standing is counted with the true respondents of each rater group in each round
// (sizes[0] for the earlier release, sizes[1] for the later), which the releases themselves do
// not say. It returns the first combination that stands on fewer than k raters, with their
// number and false; or true when there is none.
func IsolateAcross(earlier, later *results.Results, sizes [2]map[threesixty.RaterGroup]int, k int) (string, int, bool) {
	type row struct {
		round   int
		members []threesixty.RaterGroup
		key     string
	}
	var rows []row
	for r, res := range []*results.Results{earlier, later} {
		for _, g := range res.Groups {
			if g.Key != results.KeySelf {
				rows = append(rows, row{r, g.Members, g.Key})
			}
		}
	}
	weights := make([]int, len(rows))
	for i := range weights {
		weights[i] = -1
	}
	describe := func() string {
		combo := ""
		for i, r := range rows {
			if weights[i] != 0 {
				combo += fmt.Sprintf(" %+d %s(%s)", weights[i], []string{"earlier", "later"}[r.round], r.key)
			}
		}
		return combo
	}
	groups := threesixty.OthersGroups
	for {
		var w [2][8]int // per round, per rater group that is not self
		for i, r := range rows {
			if weights[i] == 0 {
				continue
			}
			for _, m := range r.members {
				for g, og := range groups {
					if og == m {
						w[r.round][g] += weights[i]
					}
				}
			}
		}
		raters, standing := 0, false
		for g, og := range groups {
			b, c := w[0][g], w[1][g]
			switch {
			case b == 0 && c == 0, b == -c:
				// nothing, or cancelled by taking the group as unchanged
			case b != 0 && c != 0:
				standing = true
				raters += min(sizes[0][og], sizes[1][og])
			case b != 0:
				standing = true
				raters += sizes[0][og]
			default:
				standing = true
				raters += sizes[1][og]
			}
		}
		if standing && raters < k {
			return describe(), raters, false
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
