package reports

import (
	"sort"

	"threesixty/internal/results"
)

// movedSize is how many items each direction of "Items that moved most" lists.
const movedSize = 5

// movedItem is an item's All others change, with what names it.
type movedItem struct {
	text, competency string
	change           results.Change
}

func drawItemsMoved(l *layout, v *closingView) {
	l.section("Items that moved most")
	if !v.othersCompared() {
		l.paragraph("All others were not compared between the two rounds (see \"Groups without a change\"), so no item's change can be ranked.", mutedBody, 0, 3)
		return
	}
	l.paragraph("The items whose All others score changed most from the baseline to the closing round, in each direction. "+
		meaningfulRule(), body, 0, 3)
	var up, down []movedItem
	for _, it := range v.c.Comparison.Items {
		for _, ch := range it.Changes {
			if ch.Group != results.KeyAllOthers {
				continue
			}
			m := movedItem{text: showable(it.Text), competency: v.rel.competencyTitle(it.Competency), change: ch}
			switch {
			case ch.Change > 0:
				up = append(up, m)
			case ch.Change < 0:
				down = append(down, m)
			}
		}
	}
	sort.SliceStable(up, func(i, j int) bool { return up[i].change.Change > up[j].change.Change })
	sort.SliceStable(down, func(i, j int) bool { return down[i].change.Change < down[j].change.Change })
	v.movedTable(l, "Risen most", up[:min(movedSize, len(up))], "No item's All others score rose.")
	v.movedTable(l, "Fallen most", down[:min(movedSize, len(down))], "No item's All others score fell.")
}

// movedTable lists items with their All others baseline and closing means and the change.
func (v *closingView) movedTable(l *layout, heading string, items []movedItem, empty string) {
	if len(items) == 0 {
		l.heading(heading, h2, 1, body.lineHeight())
		l.paragraph(empty, mutedBody, 0, 4)
		return
	}
	const colW = 17.0
	markW := textWidth("meaningful", true, small.size) + 2
	textW := l.width() - 3*colW - markW - 2
	cols := []string{"Baseline", "Closing", "Change"}
	right := func(i int) float64 { return l.right() - markW - colW*float64(len(cols)-1-i) }
	rowH := func(m movedItem) float64 {
		return float64(len(wrap(m.text, textW, body)))*body.lineHeight() + small.lineHeight() + 1.8
	}
	header := func() {
		if l.y == l.g.top {
			l.continued(heading)
		}
		l.textAt(l.left(), l.y, "Item", small)
		for i, c := range cols {
			l.textRight(right(i), l.y, c, small)
		}
		l.y += small.lineHeight()
		l.c.setDrawColour(rule)
		l.c.setLineWidth(0.2)
		l.c.line(l.left(), l.y+0.3, l.right(), l.y+0.3)
		l.y += 1.2
	}
	l.heading(heading, h2, 1, small.lineHeight()+1.5+rowH(items[0]))
	header()
	l.onNewPage = header
	for _, m := range items {
		l.ensure(rowH(m))
		top := l.y
		l.y += l.lines(l.left(), l.y, wrap(m.text, textW, body), body)
		l.textAt(l.left(), l.y, clip(m.competency, textW, small), small)
		l.y += small.lineHeight()
		l.textRight(right(0), top, mean(m.change.Baseline.Mean), body)
		l.textRight(right(1), top, mean(m.change.Closing.Mean), body)
		l.textRight(right(2), top, signed(m.change.Change), strong)
		if m.change.Meaningful {
			l.textAt(l.right()-markW+2, top+0.3, "meaningful", style2(small, true))
		}
		l.c.setDrawColour(faint)
		l.c.line(l.left(), l.y+0.6, l.right(), l.y+0.6)
		l.y += 1.8
	}
	l.onNewPage = nil
	l.y += 4
}
