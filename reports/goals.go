package reports

import (
	"sort"
	"strconv"
	"strings"

	"threesixty/internal/results"
)

// focusSize is how many entries each list of suggested focus areas holds.
const focusSize = 3

func drawGoals(l *layout, v *view) {
	l.section("From feedback to goals")
	intro := "With your coach, choose two or three development goals from this report: each an objective, tied to " +
		"competencies, with key results that show it is met. These are places to start the conversation, read straight " +
		"from the scores above."
	if len(v.b.Goals) > 0 {
		intro = "The areas this report suggested, and the development goals you and your coach set from it."
	}
	l.paragraph(intro, body, 0, 3)

	low, high := v.competenciesByOthers()
	l.heading("Suggested focus areas", h2, 1, h3.lineHeight()*1.6+body.lineHeight())
	v.focusList(l, "Lowest rated competencies (All others)", low, "No competency has an All others score to show.")
	var spots []string
	for _, b := range v.res.Insights.BlindSpots[:min(focusSize, len(v.res.Insights.BlindSpots))] {
		spots = append(spots, showable(b.Text)+" (you "+optional(b.Self, mean)+", All others "+mean(b.Mean)+")")
	}
	v.focusList(l, "Largest blind spots", spots, "No blind spots in this release.")
	strengths := high
	for _, h := range v.res.Insights.HiddenStrengths[:min(2, len(v.res.Insights.HiddenStrengths))] {
		strengths = append(strengths, showable(h.Text)+" (a hidden strength: you "+optional(h.Self, mean)+", All others "+mean(h.Mean)+")")
	}
	v.focusList(l, "Strengths to build on", strengths, "No competency has an All others score to show.")

	if len(v.b.Goals) > 0 {
		v.drawGoalList(l)
		return
	}
	v.drawWorksheet(l)
}

// competenciesByOthers ranks the competencies with a published All others score, lowest and
// highest first, as lines to show. Ranking orders published means; it computes none.
func (v *view) competenciesByOthers() (low, high []string) {
	type ranked struct {
		title string
		mean  float64
	}
	var rs []ranked
	for _, c := range v.res.Competencies {
		for _, s := range c.Scores {
			if s.Group == results.KeyAllOthers {
				rs = append(rs, ranked{showable(c.Title), s.Mean})
			}
		}
	}
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].mean < rs[j].mean })
	show := func(r ranked) string { return r.title + " (" + mean(r.mean) + ")" }
	for i := 0; i < min(focusSize, len(rs)); i++ {
		low = append(low, show(rs[i]))
	}
	for i := len(rs) - 1; i >= max(0, len(rs)-2) && i >= min(focusSize, len(rs)); i-- {
		high = append(high, show(rs[i]))
	}
	return low, high
}

func (v *view) focusList(l *layout, title string, entries []string, empty string) {
	if len(entries) == 0 {
		l.heading(title, h3, 2, l.firstBlock(empty, body, 0))
		l.paragraph(empty, style{size: body.size, colour: muted, leading: body.leading}, 0, 3)
		return
	}
	l.heading(title, h3, 2, l.firstBlock(entries[0], body, 6))
	for _, e := range entries {
		l.bullet(e)
	}
	l.y += 2
}

func (v *view) drawGoalList(l *layout) {
	l.heading("Development goals", h2, 1, h3.lineHeight()*1.6+small.lineHeight()+1.5+body.lineHeight()*2)
	for i, g := range v.b.Goals {
		follow := small.lineHeight() + 1.5 + body.lineHeight() // a key result's first line
		if strings.TrimSpace(g.Description) != "" {
			follow = l.firstBlock(g.Description, body, 0)
		}
		l.heading("Goal "+strconv.Itoa(i+1)+": "+showable(g.Title), h3, 2, follow)
		if strings.TrimSpace(g.Description) != "" {
			l.paragraph(g.Description, body, 0, 1.5)
		}
		if len(g.Competencies) > 0 {
			var titles []string
			for _, id := range g.Competencies {
				titles = append(titles, v.competencyTitle(id))
			}
			l.paragraph("Competencies: "+strings.Join(titles, ", "), style{size: body.size, colour: muted, leading: body.leading}, 0, 1.5)
		}
		v.keyResults(l, g.KeyResults)
		l.y += 4
	}
}

// keyResults draws a goal's key results as a table: what, measured how, to what target.
func (v *view) keyResults(l *layout, krs []KeyResult) {
	if len(krs) == 0 {
		return
	}
	textW := l.width() * 0.5
	measureW := l.width() * 0.28
	targetW := l.width() - textW - measureW
	xs := []float64{l.left(), l.left() + textW, l.left() + textW + measureW}
	ws := []float64{textW - 3, measureW - 3, targetW}
	header := func() {
		for i, t := range []string{"Key result", "Measure", "Target"} {
			l.textAt(xs[i], l.y, t, small)
		}
		l.y += small.lineHeight()
		l.c.setDrawColour(rule)
		l.c.setLineWidth(0.2)
		l.c.line(l.left(), l.y+0.3, l.right(), l.y+0.3)
		l.y += 1.2
	}
	rowLines := func(kr KeyResult) [3][]string {
		return [3][]string{wrap(showable(kr.Text), ws[0], body), wrap(showable(kr.Measure), ws[1], body), wrap(showable(kr.Target), ws[2], body)}
	}
	height := func(r [3][]string) float64 {
		return float64(max(len(r[0]), len(r[1]), len(r[2])))*body.lineHeight() + 1.8
	}
	l.ensure(small.lineHeight() + 1.5 + height(rowLines(krs[0])))
	header()
	for _, kr := range krs {
		r := rowLines(kr)
		if l.ensure(height(r)) {
			header()
		}
		for i := range r {
			l.lines(xs[i], l.y, r[i], body)
		}
		l.y += height(r) - 1.8
		l.c.setDrawColour(faint)
		l.c.line(l.left(), l.y+0.6, l.right(), l.y+0.6)
		l.y += 1.8
	}
}

// drawWorksheet draws room to write three goals by hand.
func (v *view) drawWorksheet(l *layout) {
	const writeLine = 7.0
	box := 8 + writeLine*2 + 4 + writeLine + 4 + small.lineHeight() + writeLine*3 + 9
	intro := "Write each goal as an objective, the competencies it builds on, and two or three key results you could " +
		"check at the midpoint and closing reviews."
	// The three goals belong together on one sheet, to print and fill in.
	if h2.lineHeight()*1.6+l.paragraphHeight(intro, body, 0)+3+3*box > l.room() {
		l.newPage()
	}
	l.heading("Goal worksheet", h2, 1, body.lineHeight()*2+box)
	l.paragraph(intro, body, 0, 3)
	for n := 1; n <= 3; n++ {
		l.ensure(box)
		top := l.y
		l.c.setDrawColour(rule)
		l.c.setLineWidth(0.3)
		l.c.rect(l.left(), top, l.width(), box-4, "D")
		x, w := l.left()+4, l.width()-8
		y := top + 3
		l.textAt(x, y, "Goal "+strconv.Itoa(n), h3)
		y += 5
		writeLines := func(label string, count int) {
			l.textAt(x, y+writeLine-small.lineHeight()-1, label, small)
			lx := x + 26
			for i := 0; i < count; i++ {
				y += writeLine
				l.c.setDrawColour(rule)
				l.c.setLineWidth(0.2)
				l.c.line(lx, y, x+w, y)
				lx = x
			}
			y += 4
		}
		writeLines("Objective", 2)
		writeLines("Competencies", 1)
		cols := []float64{x, x + w*0.5, x + w*0.78}
		for i, t := range []string{"Key result", "Measure", "Target"} {
			l.textAt(cols[i], y, t, small)
		}
		y += small.lineHeight()
		for i := 0; i < 3; i++ {
			y += writeLine
			for c := range cols {
				end := x + w
				if c+1 < len(cols) {
					end = cols[c+1] - 4
				}
				l.c.line(cols[c], y, end, y)
			}
		}
		l.y = top + box
	}
}
