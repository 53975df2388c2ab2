package results

import (
	"math"

	"threesixty/internal/threesixty"
	"threesixty/surveys"
)

// table is a round's raw answers in the shape the computation needs: answers[r][i] is response
// r's rating of item i, 0 where it has none ("not able to rate" or not answered).
type table struct {
	in        *surveys.Instrument
	groupOf   []threesixty.RaterGroup
	answers   [][]int
	compItems [][]int // item indexes of each competency, in instrument order
}

func newTable(in *surveys.Instrument, responses []threesixty.Response) *table {
	t := &table{in: in, groupOf: make([]threesixty.RaterGroup, len(responses)), answers: make([][]int, len(responses))}
	for r, resp := range responses {
		t.groupOf[r] = resp.Group
		t.answers[r] = make([]int, len(in.Items))
		for i, item := range in.Items {
			if v := resp.Answers.Ratings[item.ID]; v != nil && in.Scale.Valid(*v) {
				t.answers[r][i] = *v
			}
		}
	}
	index := map[string]int{}
	for i, item := range in.Items {
		index[item.ID] = i
	}
	t.compItems = make([][]int, len(in.Competencies))
	for c, comp := range in.Competencies {
		for _, item := range in.ItemsOf(comp.ID) {
			t.compItems[c] = append(t.compItems[c], index[item.ID])
		}
	}
	return t
}

// cell is one group's score on one item. Its value is a sum over the answers of the group's
// raters to the item; raters lists who stands behind it. Competency scores are not cells: they
// are computed from published cells only (competencyScores), so the audit has nothing of theirs
// to protect.
type cell struct {
	plan      int // index into the plans; the last is all_others
	comp      int // the item's competency, the unit the audit works in
	item      int
	raters    []int
	members   []bool // by response index
	sum       int
	sumSquare int
	answers   int
	dist      []int
	published bool
	spread    bool // the standard deviation and distribution are published too
}

// newCell gathers the answers of the plan's raters to an item of competency comp.
func (t *table) newCell(planIndex int, raters []int, comp, item int) *cell {
	c := &cell{plan: planIndex, comp: comp, item: item, members: make([]bool, len(t.answers)), dist: make([]int, t.in.Scale.Max())}
	for _, r := range raters {
		v := t.answers[r][item]
		if v == 0 {
			continue
		}
		c.sum += v
		c.sumSquare += v * v
		c.answers++
		c.dist[v-1]++
		c.members[r] = true
		c.raters = append(c.raters, r)
	}
	return c
}

// covers reports whether the cell's sum includes rater r's answer to item i.
func (c *cell) covers(t *table, r, i int) bool {
	return c.item == i && c.members[r] && t.answers[r][i] != 0
}

// SpreadMinimum is how many raters a reader does not know a cell needs before its spread
// (standard deviation and distribution) is published. With means and standard deviations to two
// places, three raters' answers are identified by the pair in 33 of 35 possible sets, and two
// raters' in all 15.
const SpreadMinimum = 5

// spreadAllowed reports whether the cell's own numbers allow a spread: at least SpreadMinimum
// raters whose answers sit on more than one scale point; and
// where some of them are protected, the same of the protected raters alone, since a reader can
// take the answers they know out of the sums. A spread on one point says what everyone answered.
func (c *cell) spreadAllowed(t *table, protected []bool) bool {
	if len(c.raters) < SpreadMinimum || points(c.dist) < 2 {
		return false
	}
	dist := make([]int, len(c.dist))
	raters := 0
	for _, r := range c.raters {
		if !protected[r] {
			continue
		}
		raters++
		for i, v := range t.answers[r] {
			if v > 0 && c.covers(t, r, i) {
				dist[v-1]++
			}
		}
	}
	return raters == 0 || (raters >= SpreadMinimum && points(dist) >= 2)
}

// points is how many scale points a distribution uses.
func points(dist []int) int {
	n := 0
	for _, x := range dist {
		if x > 0 {
			n++
		}
	}
	return n
}

// score is the published form of the cell, means and standard deviations rounded to two places.
func (c *cell) score(key string) Score {
	s := Score{Group: key, N: len(c.raters), Mean: round2(float64(c.sum) / float64(c.answers))}
	if c.spread {
		n := float64(c.answers)
		variance := (float64(c.sumSquare) - float64(c.sum)*float64(c.sum)/n) / (n - 1)
		sd := round2(math.Sqrt(math.Max(variance, 0)))
		s.SD = &sd
		s.Distribution = append([]int(nil), c.dist...)
	}
	return s
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }
