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

// bruteForceSpreadOverSmallSum reports a spread cell over whose answers a combination of the
// published sums gives the sum of fewer than SpreadMinimum unknown raters' answers: beside the
// cell's counts per scale point, that sum can leave only one way for those raters to have
// answered. For every choice of known responses, every spread set C and every set U of one to
// four of C's unknown protected raters, it asks whether the indicator of U's answers in C lies
// in the span of the published sums (the rank does not grow when it is added).
func bruteForceSpreadOverSmallSum(in Input, sets, spreads []answerSet) ([]int, bool) {
	for _, known := range knownChoices(in) {
		m := newSumMatrix(in, known, sets)
		basis := newFloatBasis(m.rows)
		for _, c := range spreads {
			in := map[int]bool{}
			for coord := range c {
				if j := m.column(coord); j >= 0 {
					in[coord[0]] = true
				}
			}
			var raters []int
			for r := range in {
				raters = append(raters, r)
			}
			sort.Ints(raters)
			var found []int
			var choose func(from int, picked []int) bool
			choose = func(from int, picked []int) bool {
				if len(picked) > 0 {
					u := map[int]bool{}
					for _, r := range picked {
						u[r] = true
					}
					v := make([]float64, len(m.coords))
					for j, coord := range m.coords {
						if c[coord] && u[coord[0]] {
							v[j] = 1
						}
					}
					if basis.spans(v) {
						found = append([]int(nil), picked...)
						return true
					}
				}
				if len(picked) == SpreadMinimum-1 {
					return false
				}
				for j := from; j < len(raters); j++ {
					if choose(j+1, append(picked, raters[j])) {
						return true
					}
				}
				return false
			}
			if len(raters) > 0 && choose(0, nil) {
				return found, true
			}
		}
	}
	return nil, false
}

// column is the index of an answer among the matrix's columns, -1 for a known answer.
func (m sumMatrix) column(coord [2]int) int {
	for j, c := range m.coords {
		if c == coord {
			return j
		}
	}
	return -1
}

// floatBasis is the row space of a matrix in reduced echelon form, in floating point with partial
// pivoting, so that whether a vector lies in it is one pass of elimination.
type floatBasis struct {
	rows   [][]float64
	pivots []int
}

func newFloatBasis(m [][]float64) floatBasis {
	var b floatBasis
	if len(m) == 0 {
		return b
	}
	a := make([][]float64, len(m))
	for i := range m {
		a[i] = append([]float64(nil), m[i]...)
	}
	rank := 0
	for c := 0; c < len(a[0]) && rank < len(a); c++ {
		best := rank
		for r := rank + 1; r < len(a); r++ {
			if math.Abs(a[r][c]) > math.Abs(a[best][c]) {
				best = r
			}
		}
		if math.Abs(a[best][c]) < 1e-9 {
			continue
		}
		a[rank], a[best] = a[best], a[rank]
		for r := range a {
			if r != rank && a[r][c] != 0 {
				f := a[r][c] / a[rank][c]
				for j := c; j < len(a[r]); j++ {
					a[r][j] -= f * a[rank][j]
				}
			}
		}
		b.rows = append(b.rows, a[rank])
		b.pivots = append(b.pivots, c)
		rank++
	}
	return b
}

// spans reports whether v is a combination of the basis.
func (b floatBasis) spans(v []float64) bool {
	v = append([]float64(nil), v...)
	for i, row := range b.rows {
		p := b.pivots[i]
		if v[p] == 0 {
			continue
		}
		f := v[p] / row[p]
		for j := range v {
			v[j] -= f * row[j]
		}
	}
	for _, x := range v {
		if math.Abs(x) > 1e-6 {
			return false
		}
	}
	return true
}
