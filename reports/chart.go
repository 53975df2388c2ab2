package reports

import (
	"strconv"

	"threesixty/internal/results"
)

// series colours go from dark to light, so bars stay apart in greyscale print as well; every bar
// row is also labelled with its group, in the same order everywhere.
var series = []rgb{
	{28, 43, 76},    // self
	{38, 110, 150},  // all others
	{112, 166, 200}, // then each published group
	{238, 178, 88},
	{196, 222, 156},
	{238, 232, 212},
}

var gridline = rgb{218, 222, 228}

func seriesColour(i int) rgb { return series[min(i, len(series)-1)] }

// outlined says whether a colour is light enough to need an edge on white paper.
func outlined(c rgb) bool { return int(c.r)*299+int(c.g)*587+int(c.b)*114 > 150000 }

// cell is one published score as a bar row shows it.
type cell struct {
	mean float64
	n    int
	dist []int  // answers per scale point, lowest first; nil where no spread was published
	note string // what the mean stands on, when that is less than the whole
}

func itemCells(v *view, scores []results.Score) []*cell {
	out := make([]*cell, len(v.groups))
	for i, s := range byGroup(v, scores, func(s *results.Score) string { return s.Group }) {
		if s != nil {
			out[i] = &cell{mean: s.Mean, n: s.N, dist: s.Distribution}
		}
	}
	return out
}

func competencyCells(v *view, c results.CompetencyResult) []*cell {
	out := make([]*cell, len(v.groups))
	for i, s := range byGroup(v, c.Scores, func(s *results.CompetencyScore) string { return s.Group }) {
		if s == nil {
			continue
		}
		out[i] = &cell{mean: s.Mean, n: s.N}
		if s.Items < c.Items {
			out[i].note = "based on " + strconv.Itoa(s.Items) + " of " + strconv.Itoa(c.Items) + " items"
		}
	}
	return out
}

// grid is the columns of a bar chart: group label, bars on the scale, mean, raters, and the
// answers per point.
type grid struct {
	labelX, labelW float64
	barX, barW     float64
	meanR, nR      float64 // right edges of the mean and raters columns
	distX, distW   float64
	max            int
	rowH, barH     float64
	labels         axisLabels
}

func newGrid(l *layout, v *view) grid {
	g := grid{labelX: l.left(), labelW: 36, max: v.max, rowH: 4.2, barH: 3.0}
	g.distW = 38
	g.distX = l.right() - g.distW
	g.nR = g.distX - 4
	g.meanR = g.nR - 11
	g.barX = g.labelX + g.labelW + 2
	// Room after the scale's end for half of the top point's label, clear of the mean column.
	g.barW = g.meanR - 13 - g.barX
	g.labels = planAxisLabels(v, g.barW/float64(g.max-1)-1)
	return g
}

// x is where value sits on the scale, held inside it.
func (g grid) x(value float64) float64 {
	value = max(1, min(float64(g.max), value))
	return g.barX + (value-1)/float64(g.max-1)*g.barW
}

// drawGridlines draws the scale's points down a block of rows, behind the bars.
func (g grid) drawGridlines(l *layout, top, h float64) {
	l.c.setDrawColour(gridline)
	l.c.setLineWidth(0.2)
	for p := 1; p <= g.max; p++ {
		x := g.x(float64(p))
		l.c.line(x, top, x, top+h)
	}
}

// drawRow draws one group's bar with its numbers, or says there is nothing to show.
func (g grid) drawRow(l *layout, top float64, grp groupView, c *cell) {
	l.textAt(g.labelX, top+(g.rowH-smallInk.lineHeight())/2, clip(grp.label, g.labelW, smallInk), smallInk)
	textTop := top + (g.rowH-smallInk.lineHeight())/2
	if c == nil {
		// On white, so the scale's lines do not run through the words.
		msg := "not enough responses to show"
		l.c.setFillColour(white)
		l.c.rect(g.barX+0.6, top+0.4, textWidth(msg, false, small.size)+0.8, g.rowH-0.8, "F")
		l.textAt(g.barX+1, textTop, msg, small)
		return
	}
	barTop := top + (g.rowH-g.barH)/2
	w := max(0.6, g.x(c.mean)-g.barX)
	l.c.setFillColour(grp.colour)
	style := "F"
	if outlined(grp.colour) {
		l.c.setDrawColour(muted)
		l.c.setLineWidth(0.15)
		style = "FD"
	}
	l.c.rect(g.barX, barTop, w, g.barH, style)
	l.textRight(g.meanR, textTop, mean(c.mean), style2(smallInk, true))
	l.textRight(g.nR, textTop, strconv.Itoa(c.n), small)
	switch {
	case c.dist != nil:
		g.drawDistribution(l, barTop, c.dist)
	case c.note != "":
		l.textAt(g.distX, textTop, clip(c.note, g.distW, small), small)
	}
}

// drawDistribution draws the answers on each point as one stacked bar, lowest point first,
// with each count written in its segment where it fits.
func (g grid) drawDistribution(l *layout, top float64, dist []int) {
	total := 0
	for _, n := range dist {
		total += n
	}
	if total == 0 {
		return
	}
	x := g.distX
	for i, n := range dist {
		if n == 0 {
			continue
		}
		w := float64(n) / float64(total) * g.distW
		col := pointColour(i+1, len(dist))
		l.c.setFillColour(col)
		l.c.rect(x, top, w, g.barH, "F")
		s := strconv.Itoa(n)
		st := style{size: 6, colour: ink, leading: 1}
		if !outlined(col) {
			st.colour = white
		}
		if tw := textWidth(s, false, st.size); tw+0.8 <= w {
			l.textAt(x+(w-tw)/2, top+(g.barH-st.lineHeight())/2, s, st)
		}
		x += w
	}
}

// pointColour shades scale points from light (lowest) to dark (highest).
func pointColour(p, max int) rgb {
	t := 0.0
	if max > 1 {
		t = float64(p-1) / float64(max-1)
	}
	lerp := func(a, b uint8) uint8 { return uint8(float64(a) + (float64(b)-float64(a))*t + 0.5) }
	lo, hi := rgb{226, 232, 240}, rgb{30, 52, 88}
	return rgb{lerp(lo.r, hi.r), lerp(lo.g, hi.g), lerp(lo.b, hi.b)}
}

func style2(s style, bold bool) style { s.bold = bold; return s }

// drawLegend draws a swatch and label for every published group, wrapping as needed.
func drawLegend(l *layout, v *view) {
	x, top := l.left(), l.y
	for _, grp := range v.groups {
		w := 5 + textWidth(grp.label, false, smallInk.size) + 6
		if x+w > l.right() && x > l.left() {
			x, top = l.left(), top+smallInk.lineHeight()+1
		}
		l.c.setFillColour(grp.colour)
		style := "F"
		if outlined(grp.colour) {
			l.c.setDrawColour(muted)
			l.c.setLineWidth(0.15)
			style = "FD"
		}
		l.c.rect(x, top+0.6, 3.6, 2.6, style)
		l.textAt(x+5, top, grp.label, smallInk)
		x += w
	}
	l.y = top + smallInk.lineHeight() + 2
}

// legendHeight is how tall drawLegend will be.
func legendHeight(l *layout, v *view) float64 {
	x, rows := l.left(), 1
	for _, grp := range v.groups {
		w := 5 + textWidth(grp.label, false, smallInk.size) + 6
		if x+w > l.right() && x > l.left() {
			x, rows = l.left(), rows+1
		}
		x += w
	}
	return float64(rows)*(smallInk.lineHeight()+1) + 1
}
