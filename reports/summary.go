package reports

import "strconv"

func drawSummary(l *layout, v *view) {
	l.section("Summary of competencies")
	l.paragraph("Each competency's score for you and for every group shown, on the rating scale from 1 to "+strconv.Itoa(v.max)+
		". Differences of a few tenths of a point are seldom worth much; look for patterns across competencies "+
		"and groups. Later sections take each competency item by item.", body, 0, 3)
	g := newGrid(l, v)
	header := func() {
		drawLegend(l, v)
		g.drawAxis(l, v, false)
	}
	l.ensure(legendHeight(l, v) + g.axisHeight())
	header()
	// Tighter than elsewhere, as far as the labels allow, so that the whole chart fits the page
	// it starts on where it can: a summary read across two pages is no summary.
	titles := 0.0
	for _, comp := range v.res.Competencies {
		titles += float64(len(wrap(showable(comp.Title), l.width(), h3))) * h3.lineHeight()
	}
	rows := float64(len(v.res.Competencies) * len(v.groups))
	n := float64(len(v.res.Competencies))
	gap := 3.0
	g.rowH = 3.8
	if titles+rows*g.rowH+n*gap > l.room() {
		gap = 1.5
		g.rowH = max(smallInk.lineHeight()+0.1, min(g.rowH, (l.room()-titles-n*gap)/rows))
	}
	g.barH = g.rowH * 0.7
	l.onNewPage = func() {
		l.continued("Summary of competencies")
		header()
	}
	for _, comp := range v.res.Competencies {
		cells := competencyCells(v, comp)
		titleLines := wrap(showable(comp.Title), l.width(), h3)
		h := float64(len(titleLines))*h3.lineHeight() + float64(len(v.groups))*g.rowH + gap
		l.ensure(h)
		l.lines(l.left(), l.y, titleLines, h3)
		l.y += float64(len(titleLines)) * h3.lineHeight()
		rows := float64(len(v.groups)) * g.rowH
		g.drawGridlines(l, l.y, rows)
		for i, grp := range v.groups {
			g.drawRow(l, l.y, grp, cells[i])
			l.y += g.rowH
		}
		l.y += gap
	}
	l.onNewPage = nil
}
