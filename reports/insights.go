package reports

import (
	"strconv"

	"threesixty/internal/results"
)

// column is one numeric column of an insight table.
type column struct {
	title string
	value func(results.ItemInsight) string
}

func drawInsights(l *layout, v *view) {
	ins := v.res.Insights
	l.section("What stands out")
	l.paragraph("These lists come with the release: they are drawn from the published item scores of you and of All others only.", body, 0, 3)

	self := column{"You", func(i results.ItemInsight) string { return optional(i.Self, mean) }}
	others := column{"All others", func(i results.ItemInsight) string { return mean(i.Mean) }}
	gap := column{"Gap", func(i results.ItemInsight) string { return optional(i.Gap, signed) }}
	sd := column{"Spread (SD)", func(i results.ItemInsight) string { return optional(i.SD, mean) }}

	v.insightTable(l, "Blind spots", "Items you rated clearly higher than others did.", ins.BlindSpots,
		"None. On no item with both your rating and an All others score shown did you rate yourself clearly higher than others did.",
		self, others, gap)
	v.insightTable(l, "Hidden strengths", "Items others rated clearly higher than you did.", ins.HiddenStrengths,
		"None. On no item with both your rating and an All others score shown did others rate you clearly higher than you rated yourself.",
		self, others, gap)
	v.insightTable(l, "Highest rated items", "The items All others rated highest.", ins.Highest,
		"None. No item has an All others score to show, so nothing can be ranked.", others)
	v.insightTable(l, "Lowest rated items", "The items All others rated lowest.", ins.Lowest,
		"None. Too few items have an All others score to show for a separate lowest list.", others)
	v.insightTable(l, "Where raters disagree", "Items where All others' answers are spread wide (a standard deviation of "+
		mean(results.DisagreementSD)+" or more): people see this behaviour differently, which is worth a conversation.", ins.Disagreement,
		"None. Either raters broadly agreed on every item, or too few answered for a spread to be shown (it needs at least "+
			strconv.Itoa(results.SpreadMinimum)+" raters).",
		others, sd)
}

func optional(f *float64, show func(float64) string) string {
	if f == nil {
		return "-"
	}
	return show(*f)
}

// insightTable draws one list: the item, its competency, and the numbers that put it there.
func (v *view) insightTable(l *layout, heading, intro string, list []results.ItemInsight, empty string, cols ...column) {
	const colW = 19.0
	textW := l.width() - colW*float64(len(cols)) - 2
	introLines := wrap(showable(intro), l.width(), body)
	if len(list) == 0 {
		emptyLines := wrap(showable(empty), l.width(), body)
		l.heading(heading, h2, 1, float64(len(introLines)+len(emptyLines))*body.lineHeight())
		l.y += l.lines(l.left(), l.y, introLines, body)
		l.setStyle(body)
		l.y += l.lines(l.left(), l.y, emptyLines, style{size: body.size, colour: muted, leading: body.leading})
		l.y += 5
		return
	}
	first := v.insightRowHeight(list[0], textW)
	l.heading(heading, h2, 1, float64(len(introLines))*body.lineHeight()+small.lineHeight()+2+first)
	l.y += l.lines(l.left(), l.y, introLines, body) + 1
	header := func() {
		if l.y == l.g.top {
			l.continued(heading)
		}
		for i, c := range cols {
			l.textRight(l.right()-colW*float64(len(cols)-1-i), l.y, c.title, small)
		}
		l.textAt(l.left(), l.y, "Item", small)
		l.y += small.lineHeight()
		l.c.setDrawColour(rule)
		l.c.setLineWidth(0.2)
		l.c.line(l.left(), l.y+0.3, l.right(), l.y+0.3)
		l.y += 1.2
	}
	header()
	l.onNewPage = header
	for _, it := range list {
		h := v.insightRowHeight(it, textW)
		l.ensure(h)
		top := l.y
		ls := wrap(showable(it.Text), textW, body)
		l.y += l.lines(l.left(), l.y, ls, body)
		l.textAt(l.left(), l.y, clip(v.competencyOfItem(it.Item), textW, small), small)
		l.y += small.lineHeight()
		for i, c := range cols {
			st := body
			if i == len(cols)-1 {
				st = strong
			}
			l.textRight(l.right()-colW*float64(len(cols)-1-i), top, c.value(it), st)
		}
		l.c.setDrawColour(faint)
		l.c.line(l.left(), l.y+0.6, l.right(), l.y+0.6)
		l.y += 1.8
	}
	l.onNewPage = nil
	l.y += 4
}

func (v *view) insightRowHeight(it results.ItemInsight, textW float64) float64 {
	return float64(len(wrap(showable(it.Text), textW, body)))*body.lineHeight() + small.lineHeight() + 1.8
}

func (v *view) competencyOfItem(item string) string {
	for _, it := range v.res.Items {
		if it.ID == item {
			return v.competencyTitle(it.Competency)
		}
	}
	return ""
}
