package reports

import (
	"strconv"
	"strings"
)

// axisLabels is how the scale's point labels fit over the bars: under each point, in up to two
// lines broken between words, or, when some label cannot fit so, only the two ends, anchored
// to the ends of the scale, as on a printed rating form.
type axisLabels struct {
	lines    [][]string // per point, lowest first; nil when only the ends are shown
	ends     [2]string
	maxLines int
}

var axisText = style{size: 6.5, colour: muted, leading: 1.3}

func planAxisLabels(v *view, step float64) axisLabels {
	var a axisLabels
	fits := true
	for p := 1; p <= v.max && fits; p++ {
		label := v.pointLabel(p)
		for _, w := range strings.Fields(label) {
			fits = fits && textWidth(w, false, axisText.size) <= step
		}
		ls := wrap(label, step, axisText)
		fits = fits && len(ls) <= 2
		a.lines = append(a.lines, ls)
		a.maxLines = max(a.maxLines, len(ls))
	}
	if fits {
		return a
	}
	return axisLabels{ends: [2]string{v.pointLabel(1), v.pointLabel(v.max)}, maxLines: 1}
}

// axisHeight is how tall drawAxis is.
func (g grid) axisHeight() float64 {
	return smallInk.lineHeight() + float64(max(1, g.labels.maxLines))*axisText.lineHeight() + 2.4
}

// drawAxis draws the scale over the bars, with each point's number and label, and the titles of
// the other columns; dist adds the key to the answers-per-point bars.
func (g grid) drawAxis(l *layout, v *view, dist bool) {
	top := l.y
	numStyle := style{bold: true, size: smallInk.size, colour: ink, leading: smallInk.leading}
	labelsTop := top + smallInk.lineHeight() - 0.4
	for p := 1; p <= g.max; p++ {
		x := g.x(float64(p))
		num := strconv.Itoa(p)
		l.textAt(x-textWidth(num, true, numStyle.size)/2, top, num, numStyle)
		if g.labels.lines == nil {
			continue
		}
		for i, s := range g.labels.lines[p-1] {
			w := textWidth(s, false, axisText.size)
			// Centred on its point, but held inside the scale's ends so it meets no column.
			left := max(g.barX-3, min(x-w/2, g.barX+g.barW+6-w))
			l.textAt(left, labelsTop+float64(i)*axisText.lineHeight(), s, axisText)
		}
	}
	if g.labels.lines == nil {
		half := g.barW*0.5 - 2
		l.textAt(g.barX-1, labelsTop, clip(g.labels.ends[0], half, axisText), axisText)
		last := clip(g.labels.ends[1], half, axisText)
		l.textRight(g.barX+g.barW+1, labelsTop, last, axisText)
	}
	l.textRight(g.meanR, top, "mean", small)
	l.textRight(g.nR, top, "raters", small)
	if dist {
		l.textAt(g.distX, top, "answers per point", small)
		sw := g.distW / float64(g.max)
		for p := 1; p <= g.max; p++ {
			x := g.distX + float64(p-1)*sw
			l.c.setFillColour(pointColour(p, g.max))
			l.c.rect(x, labelsTop+0.6, 2.6, 2.6, "F")
			l.textAt(x+3.2, labelsTop, strconv.Itoa(p), small)
		}
	}
	l.y = top + g.axisHeight()
	l.c.setDrawColour(rule)
	l.c.setLineWidth(0.2)
	l.c.line(g.barX, l.y-0.8, g.barX+g.barW, l.y-0.8)
}
