package reports

import (
	"strconv"
	"strings"
	"time"

	"threesixty/internal/results"
)

// CheckIn is a note on a goal's progress, as the closing report lists it.
type CheckIn struct {
	At     time.Time
	Status string // the status as a page names it, such as "On track"
	Note   string
}

var mutedBody = style{size: body.size, colour: muted, leading: body.leading}

func drawGoalProgress(l *layout, v *closingView) {
	if len(v.c.Goals) == 0 {
		l.section("Development goals")
		l.paragraph("No development goals were recorded for this engagement, so there is no progress on goals to show.", mutedBody, 0, 3)
		return
	}
	for i, goal := range v.c.Goals {
		v.drawGoal(l, i, goal)
	}
}

// drawGoal gives a goal a section: what it is, how its competencies changed, what the midpoint
// pulse said about it, and its check-ins.
func (v *closingView) drawGoal(l *layout, i int, goal Goal) {
	l.section("Goal " + strconv.Itoa(i+1) + ": " + showable(goal.Title))
	if strings.TrimSpace(goal.Description) != "" {
		l.paragraph(goal.Description, body, 0, 2)
	}
	v.rel.keyResults(l, goal.KeyResults)
	l.y += 3

	intro := "How the scores of the competencies this goal works on changed from the baseline to the closing round."
	g := newChangeGrid(l, v.rel.max)
	l.heading("Change in its competencies", h2, 1, l.firstBlock(intro, body, 0))
	l.paragraph(intro, body, 0, 2)
	var missing []string
	shown := false
	for _, id := range goal.Competencies {
		title := v.rel.competencyTitle(id)
		if _, ok := v.changes[id]; !ok || len(v.compared) == 0 {
			missing = append(missing, title)
			continue
		}
		titleLines := wrap(title, l.width(), h3)
		need := float64(len(titleLines))*h3.lineHeight() + float64(len(v.compared))*g.rowH + 2
		if !shown || l.ensure(need) {
			l.ensure(g.headerHeight() + need)
			g.drawHeader(l)
			shown = true
		}
		l.y += l.lines(l.left(), l.y, titleLines, h3)
		l.y += g.drawRows(l, v.compared, func(group string) *results.Change { return v.change(id, group) }) + 2
	}
	if len(missing) > 0 {
		l.paragraph("No change to show for "+strings.Join(missing, ", ")+": no group was compared on it.", mutedBody, 0, 2)
	}
	l.y += 2
	v.drawGoalPulse(l, i)
	v.drawCheckIns(l, goal.CheckIns)
}

// drawGoalPulse shows what the midpoint pulse's raters said about the goal, on its scale of change.
func (v *closingView) drawGoalPulse(l *layout, i int) {
	p := v.c.Pulse
	if p == nil {
		l.heading("Midpoint pulse", h2, 1, body.lineHeight())
		l.paragraph("There was no midpoint pulse in this engagement.", mutedBody, 0, 3)
		return
	}
	var comp *results.CompetencyResult
	if i < len(p.GoalCompetencies) && p.GoalCompetencies[i] != "" {
		for j := range p.Results.Competencies {
			if p.Results.Competencies[j].ID == p.GoalCompetencies[i] {
				comp = &p.Results.Competencies[j]
			}
		}
	}
	intro := "On " + v.date(p.Closed) + ", the midpoint pulse asked how much more (or less) effective you had become at this goal, " +
		"on a scale of change where 0 is no change, a value below it less effective and one above it more effective. " +
		"Each figure is a group's mean on that scale."
	l.heading("Midpoint pulse", h2, 1, l.firstBlock(intro, body, 0)+body.lineHeight())
	l.paragraph(intro, body, 0, 1.5)
	var rows [][2]string
	if comp != nil {
		for _, grp := range v.pulse.groups {
			for _, s := range comp.Scores {
				if s.Group == grp.key {
					rows = append(rows, [2]string{grp.label, signed(s.Mean-float64(p.Zero)) + "  (" + plural(s.N, "rater") + ")"})
				}
			}
		}
	}
	if len(rows) == 0 {
		l.paragraph("The pulse has no result to show for this goal.", mutedBody, 0, 3)
		return
	}
	for _, r := range rows {
		l.ensure(body.lineHeight())
		l.textAt(l.left()+4, l.y, clip(r[0], 50, body), body)
		l.textAt(l.left()+56, l.y, r[1], strong)
		l.y += body.lineHeight()
	}
	l.y += 4
}

// drawCheckIns lists a goal's check-ins: date, status and note.
func (v *closingView) drawCheckIns(l *layout, checkIns []CheckIn) {
	if len(checkIns) == 0 {
		l.heading("Check-ins", h2, 1, body.lineHeight())
		l.paragraph("No check-ins were recorded for this goal.", mutedBody, 0, 3)
		return
	}
	dateW, statusW := 35.0, 24.0
	noteX := l.left() + dateW + statusW
	rowLines := func(c CheckIn) []string { return wrap(showable(c.Note), l.right()-noteX, body) }
	header := func() {
		l.textAt(l.left(), l.y, "Date", small)
		l.textAt(l.left()+dateW, l.y, "Status", small)
		l.textAt(noteX, l.y, "Note", small)
		l.y += small.lineHeight()
		l.c.setDrawColour(rule)
		l.c.setLineWidth(0.2)
		l.c.line(l.left(), l.y+0.3, l.right(), l.y+0.3)
		l.y += 1.2
	}
	first := rowLines(checkIns[0])
	l.heading("Check-ins", h2, 1, small.lineHeight()+1.5+float64(keepTogether(first))*body.lineHeight())
	header()
	l.onNewPage = func() {
		l.continued("Check-ins")
		header()
	}
	for _, c := range checkIns {
		ls := rowLines(c)
		l.ensure(float64(keepTogether(ls)) * body.lineHeight())
		l.textAt(l.left(), l.y, v.date(c.At), body)
		l.textAt(l.left()+dateW, l.y, clip(c.Status, statusW-2, strong), strong)
		l.flowLines(ls, noteX, body)
		l.c.setDrawColour(faint)
		l.c.line(l.left(), l.y+0.6, l.right(), l.y+0.6)
		l.y += 1.8
	}
	l.onNewPage = nil
	l.y += 3
}
