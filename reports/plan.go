package reports

import (
	"sort"

	"threesixty/internal/results"
)

func drawPlan(l *layout, v *closingView) {
	l.section("Forward development plan")
	l.paragraph("For you and your coach to fill in together at the closing session: what to keep, what to work on next, "+
		"and the support that will help. The prompts below come from the closing round's published scores.", body, 0, 3)

	low, least := v.planPrompts()
	l.heading("Prompts", h2, 1, h3.lineHeight()*1.6+body.lineHeight())
	v.rel.focusList(l, "Lowest rated competencies at the closing round (All others)", low,
		"No competency has an All others score to show in the closing round.")
	v.rel.focusList(l, "Least improved competencies (All others)", least,
		"All others were not compared between the two rounds, so no competency's change can be ranked.")

	boxes := []struct {
		title, hint string
		lines       int
	}{
		{"What to keep doing", "The behaviours that changed for the better, and the strengths that held.", 3},
		{"Next development goals", "One to three goals, each with the competencies it builds on and a result you could check.", 5},
		{"Support: from whom, and how", "Your manager, peers, a mentor, training: who will help, and what you will ask of them.", 3},
		{"When to review this plan", "A date, and who will be there.", 1},
	}
	// The boxes are one sheet, to print and fill in together.
	total := 0.0
	for _, b := range boxes {
		total += writeBoxHeight(b.lines) + 4
	}
	l.heading("Your plan", h2, 1, total)
	for _, b := range boxes {
		writeBox(l, b.title, b.hint, b.lines)
	}
}

// planPrompts names the three competencies All others rated lowest in the closing round and the
// three whose All others score rose least, each with its published number.
func (v *closingView) planPrompts() (low, least []string) {
	low, _ = v.rel.competenciesByOthers()
	type ranked struct {
		title  string
		change float64
	}
	var rs []ranked
	for _, cc := range v.c.Comparison.Competencies {
		if ch := v.change(cc.ID, results.KeyAllOthers); ch != nil {
			rs = append(rs, ranked{v.rel.competencyTitle(cc.ID), ch.Change})
		}
	}
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].change < rs[j].change })
	for _, r := range rs[:min(focusSize, len(rs))] {
		least = append(least, r.title+" (change "+signed(r.change)+")")
	}
	return low, least
}

// writeBox draws a titled box with a one-line hint and lines to write on, kept whole on a page.
func writeBox(l *layout, title, hint string, lines int) {
	h := writeBoxHeight(lines)
	l.ensure(h + 4)
	top := l.y
	l.c.setDrawColour(rule)
	l.c.setLineWidth(0.3)
	l.c.rect(l.left(), top, l.width(), h, "D")
	l.textAt(l.left()+4, top+3, title, h3)
	l.textAt(l.left()+4, top+3+h3.lineHeight(), clip(hint, l.width()-8, small), small)
	y := top + 3 + h3.lineHeight() + small.lineHeight()
	l.c.setLineWidth(0.2)
	for range lines {
		y += writeLine
		l.c.line(l.left()+4, y, l.right()-4, y)
	}
	l.y = top + h + 4
}

// writeLine is the space between two lines to write on.
const writeLine = 6.5

func writeBoxHeight(lines int) float64 {
	return 3 + h3.lineHeight() + small.lineHeight() + float64(lines)*writeLine + 4
}
