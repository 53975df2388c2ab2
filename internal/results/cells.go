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
	compItems [][]int  // item indexes of each competency, in instrument order
	counting  [][]bool // counting[r][c]: rater r counts towards competency c
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
	// Only a rater who rated at least half of a competency's items counts towards it, so one
	// stray answer does not stand for a whole competency.
	t.counting = make([][]bool, len(responses))
	for r := range responses {
		t.counting[r] = make([]bool, len(in.Competencies))
		for c, items := range t.compItems {
			rated := 0
			for _, i := range items {
				if t.answers[r][i] > 0 {
					rated++
				}
			}
			t.counting[r][c] = rated > 0 && 2*rated >= len(items)
		}
	}
	return t
}

// counts reports whether rater r counts towards competency c.
func (t *table) counts(r, c int) bool { return t.counting[r][c] }

// cell is one group's score on one item (item >= 0) or one competency (item < 0). Its value is a
// sum over a set of (rater, item) answers; raters lists who stands behind it.
type cell struct {
	plan      int // index into the plans; the last is all_others
	comp      int
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

// newCell gathers the answers of the plan's raters to an item, or to a competency's items from
// the raters who count towards it.
func (t *table) newCell(planIndex int, raters []int, comp, item int) *cell {
	c := &cell{plan: planIndex, comp: comp, item: item, members: make([]bool, len(t.answers)), dist: make([]int, t.in.Scale.Max())}
	add := func(r, i int) {
		v := t.answers[r][i]
		if v == 0 {
			return
		}
		c.sum += v
		c.sumSquare += v * v
		c.answers++
		c.dist[v-1]++
		if !c.members[r] {
			c.members[r] = true
			c.raters = append(c.raters, r)
		}
	}
	for _, r := range raters {
		if item >= 0 {
			add(r, item)
			continue
		}
		if !t.counts(r, comp) {
			continue
		}
		for _, i := range t.compItems[comp] {
			add(r, i)
		}
	}
	return c
}

// covers reports whether the cell's sum includes rater r's answer to item i.
func (c *cell) covers(t *table, r, i int) bool {
	if !c.members[r] || t.answers[r][i] == 0 {
		return false
	}
	return c.item == i || (c.item < 0 && t.counts(r, c.comp))
}

// SpreadMinimum is how many raters a reader does not know a cell needs before its spread
// (standard deviation and distribution) is published. With means and standard deviations to two
// places, three raters' answers are identified by the pair in 33 of 35 possible sets, and two
// raters' in all 15.
const SpreadMinimum = 5

// spreadAllowed reports whether the cell's own numbers allow a spread: at least SpreadMinimum
// raters, counted as raters and not answers, whose answers sit on more than one scale point; and
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
