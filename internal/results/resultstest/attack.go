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
	var rows []row
	for r, res := range []*results.Results{earlier, later} {
		for _, g := range res.Groups {
			if g.Key != results.KeySelf {
				rows = append(rows, row{r, g.Members, g.Key})
			}
		}
	}
	return attack(rows, sizes, k)
}

// IsolateAcrossItem is IsolateAcross over the cells both releases published on one item, with
// counts[r] the true number of each rater group's raters who rated it in each release.
func IsolateAcrossItem(earlier, later *results.Results, item string, counts [2]map[threesixty.RaterGroup]int, k int) (string, int, bool) {
	var rows []row
	for r, res := range []*results.Results{earlier, later} {
		members := map[string][]threesixty.RaterGroup{}
		for _, g := range res.Groups {
			members[g.Key] = g.Members
		}
		for _, it := range res.Items {
			if it.ID != item {
				continue
			}
			for _, sc := range it.Scores {
				if sc.Group != results.KeySelf {
					rows = append(rows, row{r, members[sc.Group], sc.Group})
				}
			}
		}
	}
	return attack(rows, counts, k)
}

// row is one published sum: its round and the rater groups in it.
type row struct {
	round   int
	members []threesixty.RaterGroup
	key     string
}

func attack(rows []row, sizes [2]map[threesixty.RaterGroup]int, k int) (string, int, bool) {
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
			// A group nobody of which is counted in a round adds nothing to that round's sums.
			if sizes[0][og] == 0 {
				b = 0
			}
			if sizes[1][og] == 0 {
				c = 0
			}
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
