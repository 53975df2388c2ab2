package reports

import (
	"strconv"

	"threesixty/internal/results"
)

// The paired bars' colours: the baseline light and outlined, the closing round dark, so the two
// stay apart in greyscale print too.
var (
	baselineBar = rgb{190, 200, 214}
	closingBar  = series[1]
)

// changeGrid is the columns of a chart of change: group label, the baseline's and the closing
// round's bars on one scale, each round's mean, the change, and whether it is meaningful.
type changeGrid struct {
	labelX, labelW float64
	barX, barW     float64
	baseR, closeR  float64 // right edges of the means
	changeR        float64 // right edge of the change
	markX          float64
	max            int
	rowH, barH     float64
}

func newChangeGrid(l *layout, max int) changeGrid {
	g := changeGrid{labelX: l.left(), labelW: 34, max: max, rowH: 7.2, barH: 2.5}
	g.markX = l.right() - textWidth("meaningful", true, small.size)
	g.changeR = g.markX - 3
	g.closeR = g.changeR - 14
	g.baseR = g.closeR - 14
	g.barX = g.labelX + g.labelW + 2
	g.barW = g.baseR - 16 - g.barX
	return g
}

func (g changeGrid) x(value float64) float64 {
	value = max(1, min(float64(g.max), value))
	return g.barX + (value-1)/float64(g.max-1)*g.barW
}

// headerHeight is how tall drawHeader is.
func (g changeGrid) headerHeight() float64 { return 2*smallInk.lineHeight() + 3.4 }

// drawHeader draws the key to the bars, the scale's points and the columns' titles.
func (g changeGrid) drawHeader(l *layout) {
	top := l.y
	x := g.barX
	for _, k := range []struct {
		label  string
		colour rgb
	}{{"Baseline", baselineBar}, {"Closing", closingBar}} {
		g.bar(l, x, top+0.6, 3.6, 2.6, k.colour)
		l.textAt(x+5, top, k.label, smallInk)
		x += 5 + textWidth(k.label, false, smallInk.size) + 6
	}
	top += smallInk.lineHeight() + 1
	num := style{bold: true, size: smallInk.size, colour: ink, leading: smallInk.leading}
	for p := 1; p <= g.max; p++ {
		s := strconv.Itoa(p)
		l.textAt(g.x(float64(p))-textWidth(s, true, num.size)/2, top, s, num)
	}
	l.textRight(g.baseR, top, "Baseline", small)
	l.textRight(g.closeR, top, "Closing", small)
	l.textRight(g.changeR, top, "Change", small)
	l.y = top + smallInk.lineHeight() + 2.4
	l.c.setDrawColour(rule)
	l.c.setLineWidth(0.2)
	l.c.line(g.barX, l.y-0.8, l.right(), l.y-0.8)
}

func (g changeGrid) bar(l *layout, x, top, w, h float64, colour rgb) {
	l.c.setFillColour(colour)
	st := "F"
	if outlined(colour) {
		l.c.setDrawColour(muted)
		l.c.setLineWidth(0.15)
		st = "FD"
	}
	l.c.rect(x, top, w, h, st)
}

// drawRows draws one competency's rows, a compared group each, and returns their height.
func (g changeGrid) drawRows(l *layout, groups []groupView, change func(group string) *results.Change) float64 {
	top := l.y
	h := float64(len(groups)) * g.rowH
	l.c.setDrawColour(gridline)
	l.c.setLineWidth(0.2)
	for p := 1; p <= g.max; p++ {
		l.c.line(g.x(float64(p)), top, g.x(float64(p)), top+h)
	}
	for i, grp := range groups {
		g.drawRow(l, top+float64(i)*g.rowH, grp, change(grp.key))
	}
	return h
}

func (g changeGrid) drawRow(l *layout, top float64, grp groupView, ch *results.Change) {
	textTop := top + (g.rowH-smallInk.lineHeight())/2
	l.textAt(g.labelX, textTop, clip(grp.label, g.labelW, smallInk), smallInk)
	if ch == nil {
		msg := groupNotComparedOnThis
		l.c.setFillColour(white)
		l.c.rect(g.barX+0.6, top+0.4, textWidth(msg, false, small.size)+0.8, g.rowH-0.8, "F")
		l.textAt(g.barX+1, textTop, msg, small)
		return
	}
	mid := top + g.rowH/2
	g.bar(l, g.barX, mid-g.barH-0.2, max(0.6, g.x(ch.Baseline.Mean)-g.barX), g.barH, baselineBar)
	g.bar(l, g.barX, mid+0.2, max(0.6, g.x(ch.Closing.Mean)-g.barX), g.barH, closingBar)
	l.textRight(g.baseR, textTop, mean(ch.Baseline.Mean), smallInk)
	l.textRight(g.closeR, textTop, mean(ch.Closing.Mean), smallInk)
	l.textRight(g.changeR, textTop, signed(ch.Change), style2(smallInk, true))
	if ch.Meaningful {
		l.textAt(g.markX, textTop, "meaningful", style2(small, true))
	}
}
