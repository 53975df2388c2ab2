package results

import (
	"errors"
	"sort"
	"strconv"
	"strings"
)

// The audit works one competency at a time: every published sum covers the answers to one item,
// so a combination that isolated fewer than k raters anywhere would do so within one competency
// too. (Competency scores are means of published item means, so they are in the span of the item
// cells already and add nothing to audit.)
//
// Within a competency, the question is whether the span of the published sums (as vectors over
// the protected raters' answers) holds a non-zero vector that involves fewer than k raters. That
// is stricter than asking for an exact sub-k sum: a difference of two people's answers is
// refused too. For a set of raters U it holds exactly when some answer of U is not a combination
// of the answers outside U, column-wise. Answers whose column is the same (same item, same
// published group) are grouped in a class, and a set U
// can only matter if it removes whole classes, so the search runs over unions of small classes.
//
// Spreads are audited the same way, over the cells that show one, with SpreadMinimum in place
// of k; and since counts per scale point of answers that are all one point say what each of them
// is, whatever their number, no combination of those cells may cover only such answers either.

// answerClass is the answers to one item of raters who sit in the same cells.
type answerClass struct {
	raters []int
	item   int     // the item, and raters[0], stand for the class when its column is made
	column []int64 // 1 where a published cell's sum includes these answers
}

// pass is one of the audit's two questions. The first is about the sums: no combination of the
// published cells may involve fewer than k protected raters. The second is about the spreads
// (standard deviation and distribution), which amount to sums of squares and counts per scale
// point over the same answers: no combination of the cells that show a spread may involve fewer
// than SpreadMinimum protected raters, nor only answers on one scale point, or a subtraction
// would give what a spread is withheld for.
type pass struct {
	spread bool
	least  int
}

// shown is the flag of a cell this pass reads and withdraws.
func (p pass) shown(cl *cell) *bool {
	if p.spread {
		return &cl.spread
	}
	return &cl.published
}

// leak is a kind of answers the published cells isolate from everyone else's: inside says which
// classes it is made of, class is one of them.
type leak struct {
	inside func(answerClass) bool
	class  int
}

// auditCompetency withdraws cells of competency c, or their spreads, until no leak is left.
// Only a class of fewer than p.least raters can be isolated by size, so when there is none,
// which is the common case, the sums pass has nothing to search.
func (rel *release) auditCompetency(c int, p pass) {
	for {
		classes := rel.classes(c)
		if !p.spread && !rel.anySmall(classes, p.least) {
			return
		}
		rows := rel.rows(c, p)
		if len(rows) == 0 {
			return
		}
		rel.columns(classes, rows)
		l, err := rel.findLeak(classes, p.least)
		if err != nil {
			// Nothing proven, nothing published: every cell (or spread) with a protected answer
			// is withheld.
			for _, row := range rows {
				*p.shown(row) = false
			}
			return
		}
		if l == nil && p.spread {
			l = rel.onePoint(classes)
		}
		if l == nil {
			return
		}
		rel.suppress(c, p, rows, classes, l)
	}
}

// rows are the cells of competency c the pass sees that cover at least one protected answer.
func (rel *release) rows(c int, p pass) []*cell {
	var rows []*cell
	for _, cl := range rel.cells {
		if cl.published && *p.shown(cl) && cl.comp == c && rel.coversProtected(cl) {
			rows = append(rows, cl)
		}
	}
	return rows
}

func (rel *release) coversProtected(cl *cell) bool {
	for _, r := range cl.raters {
		if rel.protected[r] {
			return true
		}
	}
	return false
}

func (rel *release) anySmall(classes []answerClass, least int) bool {
	for _, cl := range classes {
		if len(cl.raters) < least {
			return true
		}
	}
	return false
}

// columns marks, for each class, the published cells whose sums include its answers.
func (rel *release) columns(classes []answerClass, rows []*cell) {
	for i := range classes {
		cl := &classes[i]
		cl.column = make([]int64, len(rows))
		for j, row := range rows {
			if row.covers(rel.t, cl.raters[0], cl.item) {
				cl.column[j] = 1
			}
		}
	}
}

// classes groups the protected answers of competency c by the cells that cover them.
func (rel *release) classes(c int) []answerClass {
	type classKey struct{ item, plan int }
	byKey := map[classKey]int{}
	var classes []answerClass
	for r := range rel.t.answers {
		if !rel.protected[r] {
			continue
		}
		for _, i := range rel.t.compItems[c] {
			if rel.t.answers[r][i] == 0 {
				continue
			}
			key := classKey{i, rel.planOf[r]}
			at, ok := byKey[key]
			if !ok {
				at = len(classes)
				byKey[key] = at
				classes = append(classes, answerClass{item: i})
			}
			classes[at].raters = appendUnique(classes[at].raters, r)
		}
	}
	return classes
}

// auditBudget bounds how many sets of raters the search may check in one competency. Realistic
// rounds need a handful; only a large k over many raters who each skipped different items comes
// near it, and then the audit gives up proving and withholds instead (see auditCompetency).
const auditBudget = 1000

// findLeak searches every set of fewer than least raters made of whole small classes, and returns
// the first whose answers the published sums isolate, or errOverBudget when there were too many
// sets to check.
func (rel *release) findLeak(classes []answerClass, least int) (*leak, error) {
	var found *leak
	err := rel.searchSmallSets(classes, least, func(inside func(answerClass) bool) bool {
		if class, isolated := rel.isolates(classes, inside); isolated {
			found = &leak{inside: inside, class: class}
			return true
		}
		return false
	})
	return found, err
}

// searchSmallSets visits every set of fewer than least raters made of whole small classes:
// breadth first over distinct unions of the small classes' rater sets, each once, until visit
// says to stop. errOverBudget when there were too many sets to visit.
func (rel *release) searchSmallSets(classes []answerClass, least int, visit func(inside func(answerClass) bool) (stop bool)) error {
	var sets [][]int
	known := map[string]bool{}
	for _, cl := range classes {
		if len(cl.raters) >= least {
			continue
		}
		if key := setKey(cl.raters); !known[key] {
			known[key] = true
			sets = append(sets, sortedCopy(cl.raters))
		}
	}
	seen := map[string]bool{}
	var queue [][]int
	for _, set := range sets {
		seen[setKey(set)] = true
		queue = append(queue, set)
	}
	for len(queue) > 0 {
		if len(seen) > auditBudget {
			return errOverBudget
		}
		union := queue[0]
		queue = queue[1:]
		if visit(within(union)) {
			return nil
		}
		for _, set := range sets {
			next := mergeSorted(union, set)
			if len(next) >= least || len(next) == len(union) {
				continue
			}
			if key := setKey(next); !seen[key] {
				seen[key] = true
				queue = append(queue, next)
			}
		}
	}
	return nil
}

// spreadsAgainstSums withdraws, in competency c, the spread of every cell that covers answers of
// fewer than SpreadMinimum protected raters whose sum the published sums isolate. Counts per
// scale point over a cell, beside the sum of a few raters inside it, pin those few's answers
// whenever the counts leave only one way to make that sum: all_others' distribution of an item
// with the mean of the three peers in it gave away which answers the peers chose. The sums pass
// lets such a sum stand (it has at least k raters); a spread over it may not.
func (rel *release) spreadsAgainstSums(c int) {
	classes := rel.classes(c)
	if !rel.anySmall(classes, SpreadMinimum) {
		return
	}
	rows := rel.rows(c, pass{least: rel.k})
	if len(rows) == 0 {
		return
	}
	rel.columns(classes, rows)
	var pinned []func(answerClass) bool
	err := rel.searchSmallSets(classes, SpreadMinimum, func(inside func(answerClass) bool) bool {
		if _, isolated := rel.isolates(classes, inside); isolated {
			pinned = append(pinned, inside)
		}
		return false
	})
	for _, cl := range rel.cells {
		if cl.comp != c || !cl.spread {
			continue
		}
		if err != nil {
			cl.spread = false // nothing proven, no spread
			continue
		}
		for _, inside := range pinned {
			if rel.coversAny(cl, classes, inside) {
				cl.spread = false
				break
			}
		}
	}
}

// coversAny reports whether the cell's sum includes answers of a class inside.
func (rel *release) coversAny(cl *cell, classes []answerClass, inside func(answerClass) bool) bool {
	for _, class := range classes {
		if inside(class) && cl.covers(rel.t, class.raters[0], class.item) {
			return true
		}
	}
	return false
}

// within is the classes whose raters are all among raters.
func within(raters []int) func(answerClass) bool {
	in := map[int]bool{}
	for _, r := range raters {
		in[r] = true
	}
	return func(cl answerClass) bool { return all(cl.raters, in) }
}

// onePoint finds answers that all sit on one scale point and that the cells isolate: their
// counts per point and sum of squares would say that each of them is that point, whatever their
// number.
func (rel *release) onePoint(classes []answerClass) *leak {
	for v := 1; v <= rel.t.in.Scale.Max(); v++ {
		inside := func(cl answerClass) bool {
			for _, r := range cl.raters {
				if rel.t.answers[r][cl.item] != v {
					return false
				}
			}
			return true
		}
		if class, isolated := rel.isolates(classes, inside); isolated {
			return &leak{inside: inside, class: class}
		}
	}
	return nil
}

var errOverBudget = errors.New("too many sets of raters to check")

func sortedCopy(a []int) []int {
	s := append([]int(nil), a...)
	sort.Ints(s)
	return s
}

// mergeSorted is the union of two sorted sets, sorted.
func mergeSorted(a, b []int) []int {
	out := make([]int, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case j == len(b) || (i < len(a) && a[i] < b[j]):
			out = append(out, a[i])
			i++
		case i == len(a) || b[j] < a[i]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i, j = i+1, j+1
		}
	}
	return out
}

// isolates reports whether the published sums isolate the answers of the classes inside from
// everyone else's: some class inside whose column is not a combination of the columns of the
// classes outside. It returns that class.
func (rel *release) isolates(classes []answerClass, inside func(answerClass) bool) (int, bool) {
	var basis echelon
	var in []int
	for i, cl := range classes {
		if inside(cl) {
			in = append(in, i)
			continue
		}
		if _, err := basis.add(cl.column); err != nil {
			return i, true
		}
	}
	for _, i := range in {
		rest, err := basis.reduce(classes[i].column)
		if err != nil || firstNonZero(rest) >= 0 {
			return i, true
		}
	}
	return -1, false
}

// suppress withdraws cells until the leak is gone: the first cell, in order of what a reader
// loses least by, whose withdrawal alone closes it; if none does (the same answers leak by
// several routes, one per item say), the first cell that takes part in some combination that
// isolates them, and the audit looks again.
func (rel *release) suppress(c int, p pass, rows []*cell, classes []answerClass, l *leak) {
	order := make([]int, len(rows))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return rel.cost(rows[order[a]]) < rel.cost(rows[order[b]]) })
	for _, j := range order {
		*p.shown(rows[j]) = false
		still := rel.classes(c)
		rel.columns(still, rel.rows(c, p))
		if _, isolated := rel.isolates(still, l.inside); !isolated {
			return
		}
		*p.shown(rows[j]) = true
	}
	part := rel.takingPart(rows, classes, l.inside)
	for _, j := range order {
		if part[j] {
			*p.shown(rows[j]) = false
			return
		}
	}
	*p.shown(rows[order[0]]) = false // nothing proven either way: withdraw rather than loop
}

// takingPart reports, for each row, whether it has a non-zero weight in some combination of the
// rows that isolates the classes inside. The combinations that cancel on every class outside
// form a space N; those that isolate are N less its subspace of combinations that also cancel
// inside, which is proper since a leak was found. A row has a non-zero weight in some member of
// N exactly when, restricted to the classes outside, it is a combination of the other rows; and
// then in some isolating one too, since no space is the union of two proper subspaces.
func (rel *release) takingPart(rows []*cell, classes []answerClass, inside func(answerClass) bool) []bool {
	outside := make([][]int64, len(rows))
	for j := range rows {
		for _, cl := range classes {
			if !inside(cl) {
				outside[j] = append(outside[j], cl.column[j])
			}
		}
	}
	part := make([]bool, len(rows))
	for j := range rows {
		var others echelon
		failed := false
		for i, v := range outside {
			if i == j {
				continue
			}
			if _, err := others.add(v); err != nil {
				failed = true
				break
			}
		}
		if failed {
			continue
		}
		if rest, err := others.reduce(outside[j]); err == nil && firstNonZero(rest) < 0 {
			part[j] = true
		}
	}
	return part
}

// cost orders cells by what withdrawing them takes from a reader: a group's item scores from the
// fewest raters up first, and an item's all_others score, which the highest and lowest lists and
// the all_others competency scores stand on, last.
func (rel *release) cost(cl *cell) int {
	base := 0
	if cl.plan == rel.allOthers {
		base = 1 << 20
	}
	return base + len(cl.raters)
}

func appendUnique(list []int, x int) []int {
	for _, y := range list {
		if y == x {
			return list
		}
	}
	return append(list, x)
}

func all(raters []int, in map[int]bool) bool {
	for _, r := range raters {
		if !in[r] {
			return false
		}
	}
	return true
}

func setKey(raters []int) string {
	s := sortedCopy(raters)
	parts := make([]string, len(s))
	for i, r := range s {
		parts[i] = strconv.Itoa(r)
	}
	return strings.Join(parts, ",")
}
