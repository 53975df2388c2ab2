package results

import "threesixty/internal/threesixty"

// alignCells is the cross-release check at the level of items. "Not able to rate" makes an
// item's cells smaller than their groups, and each release's audit withholds cells of its own,
// so the two releases' cells on one item can differ where their groups do not: at baseline only
// all_others on an item one peer could not rate, at closing the direct reports alone; all_others
// less the direct reports, taken as unchanged, is then the two peers. Item by item, the closing
// cells are withheld, those a reader loses least by first, until no combination of both
// releases' cells on the item reads as fewer than k raters a reader does not know. Baseline
// counts per rater group on an item are what its published cells allow to be sure of: a cell of
// that group alone gives them; in a merge, the cell's n less the other groups' respondents.
func (rel *release) alignCells(base *BaselineGroups, superiorIdentifiable bool, knownSuperiors int) {
	a := newAlignment(rel.t.groupOf, rel.k, superiorIdentifiable, knownSuperiors, base)
	index := map[threesixty.RaterGroup]int{}
	for b, g := range a.blocks {
		index[g] = b
	}
	members := map[string][]int{}
	for _, g := range base.Groups {
		for _, m := range g.Members {
			if b, ok := index[m]; ok {
				members[g.Key] = append(members[g.Key], b)
			}
		}
	}
	before := map[string]ItemResult{}
	for _, it := range base.Items {
		before[it.ID] = it
	}
	for i, item := range rel.t.in.Items {
		b, ok := before[item.ID]
		if !ok || b.Text != item.Others {
			continue
		}
		for {
			x, cells := rel.itemCheck(i, a, index, members, b, base, knownSuperiors)
			if len(cells) == 0 || x.safeWhicheverRated() {
				break
			}
			cheapest := cells[0]
			for _, cl := range cells[1:] {
				if rel.cost(cl) < rel.cost(cheapest) {
					cheapest = cl
				}
			}
			cheapest.published, cheapest.spread = false, false
		}
	}
}

// itemCheck is the cross-release check of item i as the cells stand, and the closing cells on it
// that cover a protected rater, which are the ones it may withhold.
func (rel *release) itemCheck(i int, a *alignment, index map[threesixty.RaterGroup]int, members map[string][]int, b ItemResult, base *BaselineGroups, knownSuperiors int) (crossCheck, []*cell) {
	n := len(a.blocks)
	x := crossCheck{k: rel.k, blocks: n, before: make([]bool, n), published: make([]bool, n)}
	baseline := make([]int, n) // what the baseline's cells on the item allow to be sure of
	for _, sc := range b.Scores {
		blocks := members[sc.Group]
		if sc.Group == KeySelf || len(blocks) == 0 {
			continue
		}
		row := make([]int64, 2*n)
		for _, bl := range blocks {
			row[2*bl] = 1
			x.before[bl] = true
		}
		x.rows = append(x.rows, row)
		for _, bl := range blocks {
			sure := sc.N
			for _, other := range blocks {
				if other != bl {
					sure -= base.Respondents[a.blocks[other]]
				}
			}
			if a.blocks[bl] == threesixty.GroupSuperior {
				sure -= base.KnownSuperiors
			}
			baseline[bl] = max(baseline[bl], sure)
		}
	}
	closing, rated := make([]int, n), make([]bool, n)
	for r, g := range rel.t.groupOf {
		if bl, ok := index[g]; ok && rel.t.answers[r][i] != 0 {
			closing[bl]++
			rated[bl] = true
		}
	}
	if bl, ok := index[threesixty.GroupSuperior]; ok {
		closing[bl] -= min(knownSuperiors, closing[bl])
	}
	var cells []*cell
	for _, cl := range rel.cells {
		if cl.item != i || !cl.published || !rel.coversProtected(cl) {
			continue
		}
		row := make([]int64, 2*n)
		for _, m := range rel.plans[cl.plan].Members {
			// A group none of whom rated the item adds nothing to the cell's sum: nothing of it
			// can cancel anything of the baseline's.
			if bl, ok := index[m]; ok && rated[bl] {
				row[2*bl+1] = 1
				x.published[bl] = true
			}
		}
		x.rows = append(x.rows, row)
		cells = append(cells, cl)
	}
	x.unsure = make([]bool, n)
	for bl := range baseline {
		x.unsure[bl] = x.before[bl] && baseline[bl] <= 0
	}
	x.baselineCount = func(in []bool) int {
		total := 0
		for bl, yes := range in {
			if yes && x.before[bl] {
				total += max(baseline[bl], 0)
			}
		}
		return total
	}
	x.closingCount = func(blocks []int) int {
		total := 0
		for _, bl := range blocks {
			total += closing[bl]
		}
		return total
	}
	return x, cells
}

// safeWhicheverRated is safe for every way the baseline's unsure groups may have rated the item:
// a group of a merged baseline cell that the cell's n does not show to have rated it may have
// had nobody who did, and then adds nothing to the baseline's sums.
func (x crossCheck) safeWhicheverRated() bool {
	var unsure []int
	for bl, u := range x.unsure {
		if u {
			unsure = append(unsure, bl)
		}
	}
	for mask := 0; mask < 1<<len(unsure); mask++ {
		y := x
		y.rows = make([][]int64, len(x.rows))
		y.before = append([]bool(nil), x.before...)
		for r, row := range x.rows {
			y.rows[r] = append([]int64(nil), row...)
		}
		for j, bl := range unsure {
			if mask&(1<<j) == 0 {
				continue
			}
			y.before[bl] = false
			for r := range y.rows {
				y.rows[r][2*bl] = 0
			}
		}
		if !y.safe() {
			return false
		}
	}
	return true
}
