package results

import "threesixty/internal/threesixty"

// A reader may know who wrote some responses: the sponsor, invited as a superior, reads what is
// derived from the release and knows their own answers. Which superior response is theirs is
// recorded nowhere, so the release must be safe whichever it is. Groups count only the others
// towards k (formGroups), cells need k others behind them (unknown), and the audit runs once for
// every choice of the known responses, each taken as unprotected, keeping only the cells that
// survive every run. That is safe for every choice at once: each run leaves a set of sums whose
// span isolates nothing under its choice, and a subset of such a set spans less, so it isolates
// nothing either.

// chooseKnown lists the choices: every way to pick knownSuperiors of the promised superior
// responses that were counted in a published group. A superior response that was left out is in
// no cell, so whether it is known changes nothing.
func (rel *release) chooseKnown() {
	rel.candidates = make([]bool, len(rel.promised))
	var pool []int
	for r, g := range rel.t.groupOf {
		if g == threesixty.GroupSuperior && rel.promised[r] && rel.planOf[r] >= 0 {
			rel.candidates[r] = true
			pool = append(pool, r)
		}
	}
	rel.choices = subsets(pool, min(rel.knownSuperiors, len(pool)))
	rel.know(nil)
}

// subsets lists every subset of size n of list, in order; the one empty subset when n is 0.
func subsets(list []int, n int) [][]int {
	if n == 0 {
		return [][]int{nil}
	}
	var out [][]int
	for i := 0; i+n <= len(list); i++ {
		for _, rest := range subsets(list[i+1:], n-1) {
			out = append(out, append([]int{list[i]}, rest...))
		}
	}
	return out
}

// know makes protected the promised responses less those in known.
func (rel *release) know(known []int) {
	rel.protected = append(rel.protected[:0], rel.promised...)
	for _, r := range known {
		rel.protected[r] = false
	}
}

// unknown is how many of raters a reader does not know, whichever responses are the known ones.
func (rel *release) unknown(raters []int) int {
	candidates := 0
	for _, r := range raters {
		if rel.candidates[r] {
			candidates++
		}
	}
	return len(raters) - min(rel.knownSuperiors, candidates)
}

// audit runs each pass of the audit, sums first, once for every choice of known responses, all
// from the same start, and keeps what survives every run; then, for every choice again, withdraws
// the spreads that the published sums would let a reader pin down (spreadsAgainstSums).
func (rel *release) audit() {
	for _, p := range []pass{{least: rel.k}, {spread: true, least: SpreadMinimum}} {
		start := make([]bool, len(rel.cells))
		for i, cl := range rel.cells {
			start[i] = *p.shown(cl)
		}
		keep := append([]bool(nil), start...)
		for _, known := range rel.choices {
			rel.know(known)
			for i, cl := range rel.cells {
				*p.shown(cl) = start[i]
			}
			for c := range rel.t.compItems {
				rel.auditCompetency(c, p)
			}
			for i, cl := range rel.cells {
				keep[i] = keep[i] && *p.shown(cl)
			}
		}
		for i, cl := range rel.cells {
			*p.shown(cl) = keep[i]
		}
	}
	for _, known := range rel.choices {
		rel.know(known)
		for c := range rel.t.compItems {
			rel.spreadsAgainstSums(c)
		}
	}
	rel.know(nil)
}
