package results

import "threesixty/internal/threesixty"

// A closing round's raters are mostly the baseline's, answering again, and whoever reads the
// closing report has read the baseline's. Suppose a reader takes some rater groups to have
// answered the same in both rounds. Then a group published alone in one round and merged in
// the other gives its neighbour away by subtraction. At baseline peers (3) and direct reports
// (4) stood apart; at closing one peer has left, and the two left are merged with the direct
// reports. Closing "peers and direct reports" minus baseline "direct reports" is then the two
// peers' closing answers, if the direct reports did not change their minds.
//
// So a closing release does not form its groups from its own sizes alone (formGroups). It looks
// at every way to publish its rater groups: each group alone, merged with others, or left out,
// every published group with k raters a reader does not know. It keeps the ways under which both
// releases' group sums together isolate nothing, and takes the one that publishes the most
// raters, then the most groups, then its own grouping.
//
// "Isolate nothing" is checked over unknowns per rater group and round: each published group
// is the sum of its rater groups' unknowns in its round. A reader may take any rater group's
// two unknowns as equal. A combination of published sums then reads as a sum over the rater
// groups it leaves standing, one round's unknowns for each; they must hold at least k raters a
// reader does not know. A rater group on both sides that the reader's assumption does not
// cancel is counted in the round where it has fewer raters. Those counts are what the coach saw
// as progress while each round ran: how many of each rater group answered.
//
// The model is of rater groups, not of single raters: it does not assume that one rater
// answered the same twice. A group whose membership changed (one rater left, one joined) moves
// like a group whose raters changed their minds, and a reader cannot tell the two apart without
// assuming which raters changed.

// BaselineGroups is what a closing release needs of the engagement's released baseline: the
// groups it published, all_others included, how many of each rater group answered it, and how
// many of its superior responses a reader knows the author of.
type BaselineGroups struct {
	Groups         []PublishedGroup
	Respondents    map[threesixty.RaterGroup]int
	KnownSuperiors int
	// Items are the baseline's published item scores, which the closing round's cells are
	// checked against item by item (alignment_cells.go).
	Items []ItemResult
}

// alignment is the working state of the choice: the protected rater groups ("blocks"), the
// baseline's published groups as rows over them, and both rounds' counts.
type alignment struct {
	k          int
	blocks     []threesixty.RaterGroup
	baseRows   [][]int64 // over 2 columns per block: baseline, closing
	before     []bool    // per block, whether the baseline published it, alone or merged
	baseline   []int     // per block, baseline respondents a reader does not know
	closing    []int     // per block, closing respondents a reader does not know
	respondent []bool    // per block, whether anyone in it answered the closing round
}

// alignGroups is formGroups for a closing round that must keep the baseline's promise too.
func alignGroups(groupOf []threesixty.RaterGroup, k int, superiorIdentifiable bool, knownSuperiors int, base *BaselineGroups) []plan {
	own := formGroups(groupOf, k, superiorIdentifiable, knownSuperiors)
	a := newAlignment(groupOf, k, superiorIdentifiable, knownSuperiors, base)
	ownParts := a.partsOf(own)
	var best [][]int
	bestRaters, bestOwn := -1, false
	a.eachCandidate(func(parts [][]int) {
		raters := 0
		for _, p := range parts {
			raters += a.closingCount(p)
		}
		isOwn := samePartition(parts, ownParts)
		better := raters > bestRaters ||
			(raters == bestRaters && len(parts) > len(best)) ||
			(raters == bestRaters && len(parts) == len(best) && isOwn && !bestOwn)
		if better && a.safe(parts) {
			best, bestRaters, bestOwn = clone(parts), raters, isOwn
		}
	})
	members := make([][]threesixty.RaterGroup, len(best))
	for i, p := range best {
		for _, b := range p {
			members[i] = append(members[i], a.blocks[b])
		}
	}
	return plansFor(groupOf, members, k, superiorIdentifiable, knownSuperiors)
}

func newAlignment(groupOf []threesixty.RaterGroup, k int, superiorIdentifiable bool, knownSuperiors int, base *BaselineGroups) *alignment {
	a := &alignment{k: k}
	index := map[threesixty.RaterGroup]int{}
	for _, g := range threesixty.OthersGroups {
		if g == threesixty.GroupSuperior && superiorIdentifiable {
			continue // known to a reader, like self: nothing of theirs to protect
		}
		index[g] = len(a.blocks)
		a.blocks = append(a.blocks, g)
	}
	a.closing = make([]int, len(a.blocks))
	a.respondent = make([]bool, len(a.blocks))
	for _, g := range groupOf {
		if b, ok := index[g]; ok {
			a.closing[b]++
			a.respondent[b] = true
		}
	}
	a.baseline = make([]int, len(a.blocks))
	for g, n := range base.Respondents {
		if b, ok := index[g]; ok {
			a.baseline[b] = n
		}
	}
	if b, ok := index[threesixty.GroupSuperior]; ok {
		a.closing[b] -= min(knownSuperiors, a.closing[b])
		a.baseline[b] -= min(base.KnownSuperiors, a.baseline[b])
	}
	a.before = make([]bool, len(a.blocks))
	for _, g := range base.Groups {
		if g.Key == KeySelf {
			continue
		}
		row := make([]int64, 2*len(a.blocks))
		for _, m := range g.Members {
			if b, ok := index[m]; ok {
				row[2*b] = 1
				a.before[b] = true
			}
		}
		if firstNonZero(row) >= 0 {
			a.baseRows = append(a.baseRows, row)
		}
	}
	return a
}

// partsOf is the protected parts of a grouping, as block indexes.
func (a *alignment) partsOf(plans []plan) [][]int {
	var parts [][]int
	for _, p := range plans {
		var part []int
		for _, m := range p.Members {
			for b, g := range a.blocks {
				if g == m {
					part = append(part, b)
				}
			}
		}
		if len(part) > 0 {
			parts = append(parts, part)
		}
	}
	return parts
}

// eachCandidate visits every way to publish the blocks that answered: each in a part or left
// out, every part holding k raters a reader does not know.
func (a *alignment) eachCandidate(visit func(parts [][]int)) {
	var present []int
	for b, ok := range a.respondent {
		if ok {
			present = append(present, b)
		}
	}
	var parts [][]int
	var place func(i int)
	place = func(i int) {
		if i == len(present) {
			for _, p := range parts {
				if a.closingCount(p) < a.k {
					return
				}
			}
			visit(parts)
			return
		}
		b := present[i]
		place(i + 1) // left out
		for j := range parts {
			parts[j] = append(parts[j], b)
			place(i + 1)
			parts[j] = parts[j][:len(parts[j])-1]
		}
		parts = append(parts, []int{b})
		place(i + 1)
		parts = parts[:len(parts)-1]
	}
	place(0)
}

// closingCount is how many closing raters a reader does not know are in the blocks.
func (a *alignment) closingCount(blocks []int) int {
	n := 0
	for _, b := range blocks {
		n += a.closing[b]
	}
	return n
}

// baselineCount is how many baseline raters a reader does not know are in the blocks the
// baseline published.
func (a *alignment) baselineCount(in []bool) int {
	n := 0
	for b, yes := range in {
		if yes && a.before[b] {
			n += a.baseline[b]
		}
	}
	return n
}

// blockState is what a reader's combination leaves of one rater group: nothing, its baseline
// unknown alone, its closing unknown alone, both cancelled by the reader's assumption, or both
// standing and read as one of them.
type blockState int

const (
	stateNone blockState = iota
	stateBaseline
	stateClosing
	stateCancelled
	stateBothAsBaseline
	stateBothAsClosing
	blockStates
)

// safe reports whether, with the closing published as parts, no combination of both releases'
// group sums reads as a sum over fewer than k raters a reader does not know.
func (a *alignment) safe(parts [][]int) bool {
	rows := append([][]int64(nil), a.baseRows...)
	published := make([]bool, len(a.blocks))
	if len(parts) > 0 {
		all := make([]int64, 2*len(a.blocks))
		for _, p := range parts {
			row := make([]int64, 2*len(a.blocks))
			for _, b := range p {
				row[2*b+1], all[2*b+1] = 1, 1
				published[b] = true
			}
			rows = append(rows, row)
		}
		rows = append(rows, all)
	}
	x := crossCheck{k: a.k, blocks: len(a.blocks), rows: rows, before: a.before, published: published,
		baselineCount: a.baselineCount, closingCount: a.closingCount}
	return x.safe()
}

// crossCheck is one question of the cross-release check: published sums of two rounds as rows
// over two unknowns per block (baseline, closing), which blocks each round's rows hold, and how
// many raters a reader does not know stand behind a set of blocks in each round.
type crossCheck struct {
	k, blocks         int
	rows              [][]int64
	before, published []bool
	unsure            []bool // per block, whether its baseline rows may hold nobody's answer
	baselineCount     func(in []bool) int
	closingCount      func(blocks []int) int
}

// safe reports whether no combination of the rows reads as a sum over fewer than k raters a
// reader does not know, taking any block's two unknowns as equal where that cancels it.
func (x crossCheck) safe() bool {
	column := func(c int) []int64 {
		v := make([]int64, len(x.rows))
		for i, row := range x.rows {
			v[i] = row[c]
		}
		return v
	}
	states := make([]blockState, x.blocks)
	for {
		if leaks, err := x.leaks(states, column); err != nil || leaks {
			return false
		}
		i := 0
		for i < x.blocks {
			states[i]++
			if states[i] < blockStates {
				break
			}
			states[i] = stateNone
			i++
		}
		if i == x.blocks {
			return true
		}
	}
}

// leaks reports whether some combination of the rows leaves the blocks in the given states, is
// not wholly cancelled by the reader's assumption, and stands on fewer than k raters.
func (x crossCheck) leaks(states []blockState, column func(int) []int64) (bool, error) {
	// A block read as one round's unknown is counted in that round; read as both rounds', in the
	// round it appears in when it appears in only one.
	asBaseline := make([]bool, x.blocks)
	var asClosing []int
	for b, s := range states {
		switch {
		case s == stateBaseline, s == stateBothAsBaseline && (x.before[b] || !x.published[b]), s == stateBothAsClosing && !x.published[b]:
			asBaseline[b] = true
		case s == stateClosing && x.published[b], s == stateBothAsClosing, s == stateBothAsBaseline:
			asClosing = append(asClosing, b)
		}
	}
	if x.baselineCount(asBaseline)+x.closingCount(asClosing) >= x.k {
		return false, nil
	}
	var zero echelon
	for b, s := range states {
		var constraints [][]int64
		switch s {
		case stateNone:
			constraints = [][]int64{column(2 * b), column(2*b + 1)}
		case stateBaseline:
			constraints = [][]int64{column(2*b + 1)}
		case stateClosing:
			constraints = [][]int64{column(2 * b)}
		case stateCancelled:
			constraints = [][]int64{sum(column(2*b), column(2*b+1))}
		}
		for _, c := range constraints {
			if _, err := zero.add(c); err != nil {
				return false, err
			}
		}
	}
	// A block read as both rounds' unknowns is counted in the smaller round, so the combination
	// must have both: some combination within the constraints does when neither unknown is held
	// at zero by them (a space is never the union of finitely many proper subspaces).
	for b, s := range states {
		if s != stateBothAsBaseline && s != stateBothAsClosing {
			continue
		}
		for _, c := range []int{2 * b, 2*b + 1} {
			if free, err := outside(&zero, column(c)); err != nil || !free {
				return false, err
			}
		}
	}
	for b := 0; b < x.blocks; b++ {
		if free, err := outside(&zero, sum(column(2*b), column(2*b+1))); err != nil || free {
			return free, err
		}
	}
	return false, nil
}

// outside reports whether v is not in the span of the basis.
func outside(basis *echelon, v []int64) (bool, error) {
	rest, err := basis.reduce(v)
	if err != nil {
		return false, err
	}
	return firstNonZero(rest) >= 0, nil
}

func sum(x, y []int64) []int64 {
	out := make([]int64, len(x))
	for i := range x {
		out[i] = x[i] + y[i]
	}
	return out
}

func clone(parts [][]int) [][]int {
	out := make([][]int, len(parts))
	for i, p := range parts {
		out[i] = append([]int(nil), p...)
	}
	return out
}

// samePartition reports whether two lists of parts hold the same parts, in any order.
func samePartition(x, y [][]int) bool {
	if len(x) != len(y) {
		return false
	}
	keys := map[string]bool{}
	for _, p := range x {
		keys[setKey(p)] = true
	}
	for _, p := range y {
		if !keys[setKey(p)] {
			return false
		}
	}
	return true
}
