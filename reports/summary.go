package reports

import "strconv"

func drawSummary(l *layout, v *view) {
	l.section("Summary of competencies")
	l.paragraph("Each competency's score for you and for every group shown, on the rating scale from 1 to "+strconv.Itoa(v.max)+
		". Differences of a few tenths of a point are seldom worth much; look for patterns across competencies "+
		"and groups. Later sections take each competency item by item.", body, 0, 3)
	g := newGrid(l, v)
	// A little tighter than elsewhere, so that eight competencies of five groups fit one page.
	g.rowH, g.barH = 3.8, 2.7
	header := func() {
		drawLegend(l, v)
		g.drawAxis(l, v, false)
	}
	l.ensure(legendHeight(l, v) + g.axisHeight())
	header()
	l.onNewPage = func() {
		l.continued("Summary of competencies")
		header()
	}
	for _, comp := range v.res.Competencies {
		cells := competencyCells(v, comp)
		titleLines := wrap(showable(comp.Title), l.width(), h3)
		h := float64(len(titleLines))*h3.lineHeight() + float64(len(v.groups))*g.rowH + 3
		l.ensure(h)
		l.lines(l.left(), l.y, titleLines, h3)
		l.y += float64(len(titleLines)) * h3.lineHeight()
		rows := float64(len(v.groups)) * g.rowH
		g.drawGridlines(l, l.y, rows)
		for i, grp := range v.groups {
			g.drawRow(l, l.y, grp, cells[i])
			l.y += g.rowH
		}
		l.y += 3
	}
	l.onNewPage = nil
}
