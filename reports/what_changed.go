package reports

import (
	"strconv"

	"threesixty/internal/results"
)

// meaningfulRule says in plain words what results.MeaningfulChange decides.
func meaningfulRule() string {
	return "A change is marked meaningful when it is at least " + mean(results.MinMeaningfulChange) +
		" points and at least twice what chance alone would move it, which needs both rounds to show the spread of answers (" +
		strconv.Itoa(results.SpreadMinimum) + " raters or more); a competency's change is meaningful when at least half of its items " +
		"changed meaningfully, all in the same direction."
}

// whatChangedIntro says what "What changed" shows, on a scale from 1 to max.
func whatChangedIntro(max int) string {
	return "Each competency's score at the baseline and at the closing round, on the rating scale from 1 to " +
		strconv.Itoa(max) + ", for every group made up of the same rater groups both times, and the change: closing less baseline. " +
		"A competency's score is the mean of the item means both rounds published for it."
}

// The words "What changed" uses where there is no change to show: for the whole comparison, for a
// competency, and for one group on a competency.
const (
	nothingCompared        = "No change can be shown: no group was shown in both rounds, made up of the same rater groups, on enough of the same items."
	competencyNotCompared  = "Not compared: the two rounds did not ask enough of the same items."
	groupNotComparedOnThis = "not compared: too few of the same items in both rounds"
)

func drawWhatChanged(l *layout, v *closingView) {
	l.section("What changed")
	l.paragraph(whatChangedIntro(v.rel.max), body, 0, 2)
	l.paragraph(meaningfulRule(), body, 0, 3)
	v.drawNotCompared(l)
	if len(v.compared) == 0 {
		l.paragraph(nothingCompared, strong, 0, 3)
		return
	}
	g := newChangeGrid(l, v.rel.max)
	l.ensure(g.headerHeight() + h3.lineHeight() + g.rowH*float64(len(v.compared)))
	g.drawHeader(l)
	l.onNewPage = func() {
		l.continued("What changed")
		g.drawHeader(l)
	}
	for _, comp := range v.rel.res.Competencies {
		titleLines := wrap(showable(comp.Title), l.width(), h3)
		if _, ok := v.changes[comp.ID]; !ok {
			note := competencyNotCompared
			l.ensure(float64(len(titleLines))*h3.lineHeight() + small.lineHeight() + 2)
			l.y += l.lines(l.left(), l.y, titleLines, h3)
			l.y += l.lines(l.left(), l.y, wrap(note, l.width(), small), small) + 2
			continue
		}
		l.ensure(float64(len(titleLines))*h3.lineHeight() + float64(len(v.compared))*g.rowH + 2)
		l.y += l.lines(l.left(), l.y, titleLines, h3)
		id := comp.ID
		l.y += g.drawRows(l, v.compared, func(group string) *results.Change { return v.change(id, group) }) + 2
	}
	l.onNewPage = nil
}

// drawNotCompared says plainly which published groups have no change shown, and why.
func (v *closingView) drawNotCompared(l *layout) {
	if len(v.notCompared) == 0 {
		return
	}
	l.heading("Groups without a change", h3, 1, l.firstBlock(v.notCompared[0], body, 6))
	for _, s := range v.notCompared {
		l.bullet(s)
	}
	l.y += 3
}
