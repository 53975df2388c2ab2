package reports

import (
	"strconv"

	"threesixty/internal/results"
)

func drawClosingCover(l *layout, v *closingView) {
	c := v.c
	engagement := "from " + v.date(c.Started)
	if !c.Started.IsZero() && !c.PlannedEnd.IsZero() {
		engagement = v.date(c.Started) + " to " + v.date(c.PlannedEnd) + " (planned)"
	}
	facts := [][2]string{{"Coach", showable(c.Coach)}}
	if !c.Started.IsZero() {
		facts = append(facts, [2]string{"Engagement", engagement})
	}
	facts = append(facts,
		[2]string{"Baseline round", v.date(c.Baseline.Opened) + " to " + v.date(c.Baseline.Closed)},
		[2]string{"Closing round", v.date(c.Closing.Opened) + " to " + v.date(c.Closing.Closed)},
		[2]string{"Report created", v.date(v.opt.Created)},
	)
	drawCoverHead(l, "Closing report", c.Instrument.Title, c.Leader, facts)

	l.y += 8
	l.textAt(l.left(), l.y, "Who responded", h3)
	l.y += h3.lineHeight() + 1.5
	l.c.setDrawColour(rule)
	l.c.setLineWidth(0.2)
	baseR, closeR := l.left()+100, l.left()+130
	l.textAt(l.left(), l.y, "Group", small)
	l.textRight(baseR, l.y, "Baseline", small)
	l.textRight(closeR, l.y, "Closing", small)
	l.y += small.lineHeight() + 0.5
	l.c.line(l.left(), l.y, closeR, l.y)
	l.y += 1
	for _, r := range respondentRows(c.Baseline.Groups, c.Results.Groups) {
		ls := wrap(r.label, 75, body)
		l.lines(l.left(), l.y, ls, body)
		l.textRight(baseR, l.y, r.baseline, body)
		l.textRight(closeR, l.y, r.closing, body)
		l.y += float64(len(ls)) * body.lineHeight()
		l.c.line(l.left(), l.y+0.5, closeR, l.y+0.5)
		l.y += 1.5
	}
	l.y += 8
	except := "the leader's own ratings"
	for _, g := range c.Results.Groups {
		if v.rel.identifiable(g) {
			except += " and those of " + showable(g.Label) + ", whose raters were told they could be identified"
		}
	}
	note := "This report is confidential to " + showable(c.Leader) + " and their coach. Raters answered anonymously: " +
		"no number or comment in it belongs to a group of fewer than " + strconv.Itoa(c.Results.Threshold) +
		" people, except " + except + ". A change is shown only for a group made up of the same rater groups in both rounds, " +
		"from the scores each round published; \"-\" above means the group was not shown in that round."
	l.flowLines(wrap(note, l.width(), small), l.left(), small)
}

// respondentRow is one published group's respondents in each round, "-" where that round did
// not publish it.
type respondentRow struct{ label, baseline, closing string }

// respondentRows lines up the groups both rounds published, by key, in the closing round's order
// with the groups only the baseline published after them.
func respondentRows(baseline, closing []results.PublishedGroup) []respondentRow {
	var rows []respondentRow
	at := map[string]int{}
	for _, g := range closing {
		at[g.Key] = len(rows)
		rows = append(rows, respondentRow{label: showable(g.Label), baseline: "-", closing: strconv.Itoa(g.Respondents)})
	}
	for _, g := range baseline {
		if i, ok := at[g.Key]; ok {
			rows[i].baseline = strconv.Itoa(g.Respondents)
			continue
		}
		rows = append(rows, respondentRow{label: showable(g.Label), baseline: strconv.Itoa(g.Respondents), closing: "-"})
	}
	return rows
}
