package reports

import (
	"strconv"

	"threesixty/internal/results"
)

func drawCompetencies(l *layout, v *view) {
	for i, comp := range v.res.Competencies {
		v.drawCompetency(l, comp, i+1, len(v.res.Competencies))
	}
}

// drawCompetency gives a competency a page of its own, or more: its description, its scores,
// then every item's scores by group on the same scale.
func (v *view) drawCompetency(l *layout, comp results.CompetencyResult, n, of int) {
	l.onNewPage = nil
	l.newPage()
	l.textAt(l.left(), l.y, "COMPETENCY "+strconv.Itoa(n)+" OF "+strconv.Itoa(of), style2(small, true))
	l.y += small.lineHeight()
	l.heading(showable(comp.Title), h1, 0, 0)
	if c, ok := v.in.Competency(comp.ID); ok && c.Description != "" {
		l.paragraph(c.Description, body, 0, 3)
	}

	g := newGrid(l, v)
	items := v.itemsOf(comp.ID)
	spread := false
	for _, it := range items {
		for _, s := range it.Scores {
			spread = spread || s.Distribution != nil
		}
	}
	cells := competencyCells(v, comp)
	rows := float64(len(v.groups)) * g.rowH
	// One scale heads the competency's score and its items alike, and heads every page they
	// continue on.
	l.heading("Competency score", h3, 1, g.axisHeight()+rows)
	g.drawAxis(l, v, spread)
	g.drawGridlines(l, l.y, rows)
	for i, grp := range v.groups {
		g.drawRow(l, l.y, grp, cells[i])
		l.y += g.rowH
	}
	l.y += 4
	if len(items) == 0 {
		return
	}
	l.onNewPage = func() {
		l.continued(showable(comp.Title))
		g.drawAxis(l, v, spread)
	}
	l.heading("Items", h3, 1, v.itemBlockHeight(l, g, items[0]))
	for _, it := range items {
		l.ensure(v.itemBlockHeight(l, g, it))
		ls := wrap(showable(it.Text), l.width(), strong)
		l.y += l.lines(l.left(), l.y, ls, strong) + 0.4
		cells := itemCells(v, it.Scores)
		rows := float64(len(v.groups)) * g.rowH
		g.drawGridlines(l, l.y, rows)
		for i, grp := range v.groups {
			g.drawRow(l, l.y, grp, cells[i])
			l.y += g.rowH
		}
		l.y += 3.5
	}
	l.onNewPage = nil
}

func (v *view) itemBlockHeight(l *layout, g grid, it results.ItemResult) float64 {
	return float64(len(wrap(showable(it.Text), l.width(), strong)))*strong.lineHeight() + 0.4 + float64(len(v.groups))*g.rowH + 3.5
}
