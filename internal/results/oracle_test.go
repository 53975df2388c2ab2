package results

import (
	"fmt"
	"maps"
	"math"
	"sort"

	"threesixty/internal/threesixty"
)

func countProtected(responses []threesixty.Response, identifiable bool) int {
	n := 0
	for _, r := range responses {
		if isProtected(r.Group, identifiable) {
			n++
		}
	}
	return n
}

func countGroup(responses []threesixty.Response, g threesixty.RaterGroup) int {
	n := 0
	for _, r := range responses {
		if r.Group == g {
			n++
		}
	}
	return n
}

func isProtected(g threesixty.RaterGroup, identifiable bool) bool {
	return g != threesixty.GroupSelf && !(g == threesixty.GroupSuperior && identifiable)
}

// knownChoices lists every set of responses a reader may know: each way to pick KnownSuperiors
// of the superior responses (they are all protected, or KnownSuperiors would add nothing).
func knownChoices(in Input) []map[int]bool {
	if in.SuperiorIdentifiable || in.KnownSuperiors == 0 {
		return []map[int]bool{{}}
	}
	var superiors []int
	for r, resp := range in.Responses {
		if resp.Group == threesixty.GroupSuperior {
			superiors = append(superiors, r)
		}
	}
	var out []map[int]bool
	var pick func(from int, picked map[int]bool)
	pick = func(from int, picked map[int]bool) {
		if len(picked) == in.KnownSuperiors {
			out = append(out, maps.Clone(picked))
			return
		}
		for j := from; j < len(superiors); j++ {
			picked[superiors[j]] = true
			pick(j+1, picked)
			delete(picked, superiors[j])
		}
	}
	pick(0, map[int]bool{})
	return out
}

// bruteForceLeak tries, for every choice of the responses a reader knows, every set U of
// least-1 of the other protected raters (fewer if there are fewer): the published sums isolate
// something of U exactly when dropping U's answers from every sum lowers the rank of the sums.
// Self, identifiable superiors and the known responses are taken as known to the reader. Rank
// is computed in floating point with partial pivoting, a method the audit does not use.
func bruteForceLeak(in Input, least int, sets []answerSet) ([]int, bool) {
	for _, known := range knownChoices(in) {
		var protected []int
		for r, resp := range in.Responses {
			if isProtected(resp.Group, in.SuperiorIdentifiable) && !known[r] {
				protected = append(protected, r)
			}
		}
		m := newSumMatrix(in, known, sets)
		full := floatRank(m.without(nil))
		size := min(least-1, len(protected))
		var found []int
		var choose func(from int, picked []int) bool
		choose = func(from int, picked []int) bool {
			if len(picked) == size {
				drop := map[int]bool{}
				for _, r := range picked {
					drop[r] = true
				}
				if floatRank(m.without(func(r, i int) bool { return drop[r] })) < full {
					found = append([]int(nil), picked...)
					return true
				}
				return false
			}
			for j := from; j < len(protected); j++ {
				if choose(j+1, append(picked, protected[j])) {
					return true
				}
			}
			return false
		}
		if size > 0 && choose(0, nil) {
			return found, true
		}
	}
	return nil, false
}

// bruteForceOnePoint reports a scale point v such that, for some choice of the responses a
// reader knows, a combination of the sums covers only unknown protected answers equal to v:
// dropping those answers lowers the rank.
func bruteForceOnePoint(in Input, sets []answerSet) (int, bool) {
	for _, known := range knownChoices(in) {
		m := newSumMatrix(in, known, sets)
		full := floatRank(m.without(nil))
		for v := 1; v <= 5; v++ {
			if floatRank(m.without(func(r, i int) bool { return *in.Responses[r].Answers.Ratings[in.Instrument.Items[i].ID] == v })) < full {
				return v, true
			}
		}
	}
	return 0, false
}

// sumMatrix has a row per published sum and a column per answer a reader does not know.
type sumMatrix struct {
	coords [][2]int
	rows   [][]float64
}

func newSumMatrix(in Input, known map[int]bool, sets []answerSet) sumMatrix {
	var m sumMatrix
	for r, resp := range in.Responses {
		if !isProtected(resp.Group, in.SuperiorIdentifiable) || known[r] {
			continue
		}
		for i, item := range in.Instrument.Items {
			if v := resp.Answers.Ratings[item.ID]; v != nil {
				m.coords = append(m.coords, [2]int{r, i})
			}
		}
	}
	for _, set := range sets {
		row := make([]float64, len(m.coords))
		for j, c := range m.coords {
			if set[c] {
				row[j] = 1
			}
		}
		m.rows = append(m.rows, row)
	}
	return m
}

// without is the matrix with the columns of the answers drop names removed.
func (m sumMatrix) without(drop func(r, i int) bool) [][]float64 {
	var keep []int
	for j, c := range m.coords {
		if drop == nil || !drop(c[0], c[1]) {
			keep = append(keep, j)
		}
	}
	cells := make([]float64, len(m.rows)*len(keep))
	out := make([][]float64, len(m.rows))
	for i, row := range m.rows {
		out[i] = cells[i*len(keep) : (i+1)*len(keep)]
		for j, c := range keep {
			out[i][j] = row[c]
		}
	}
	return out
}

func floatRank(m [][]float64) int {
	if len(m) == 0 || len(m[0]) == 0 {
		return 0
	}
	rows, cols := len(m), len(m[0])
	a := make([][]float64, rows)
	for i := range m {
		a[i] = append([]float64(nil), m[i]...)
	}
	rank := 0
	for c := 0; c < cols && rank < rows; c++ {
		best := rank
		for r := rank + 1; r < rows; r++ {
			if math.Abs(a[r][c]) > math.Abs(a[best][c]) {
				best = r
			}
		}
		if math.Abs(a[best][c]) < 1e-9 {
			continue
		}
		a[rank], a[best] = a[best], a[rank]
		for r := 0; r < rows; r++ {
			if r != rank && a[r][c] != 0 {
				f := a[r][c] / a[rank][c]
				for j := c; j < cols; j++ {
					a[r][j] -= f * a[rank][j]
				}
			}
		}
		rank++
	}
	return rank
}

func describe(responses []threesixty.Response) string {
	var lines []string
	for r, resp := range responses {
		var keys []string
		for k := range resp.Answers.Ratings {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		line := fmt.Sprintf("%d %s:", r, resp.Group)
		for _, k := range keys {
			if v := resp.Answers.Ratings[k]; v != nil {
				line += fmt.Sprintf(" %s=%d", k, *v)
			} else {
				line += " " + k + "=na"
			}
		}
		lines = append(lines, line)
	}
	return fmt.Sprint(lines)
}
