package reports

// drawBaseline lays the whole report out on c, in the order a coach walks a leader through it.
func drawBaseline(c canvas, g pageGeometry, b Baseline, opt Options) {
	v := newView(b, opt)
	l := newLayout(c, g, showable(b.Leader))
	drawCover(l, v)
	drawGuide(l, v)
	drawSummary(l, v)
	drawInsights(l, v)
	drawCompetencies(l, v)
	drawComments(l, v, "Comments")
	drawGoals(l, v)
	l.finish()
}
