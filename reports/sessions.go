package reports

import "strconv"

// drawSessions follows the comments on their last page where there is room: a short list, or
// a sentence that there is none, needs no page of its own.
func drawSessions(l *layout, v *closingView) {
	l.onNewPage = nil
	ss := v.c.Sessions
	none := "No coaching sessions were recorded for this engagement."
	if l.y > l.g.top {
		l.y += 6
	}
	if len(ss) == 0 {
		l.heading("Coaching sessions", h1, 0, l.firstBlock(none, body, 0))
		l.paragraph(none, mutedBody, 0, 3)
		return
	}
	total := 0
	for _, s := range ss {
		total += s.Minutes
	}
	intro := plural(len(ss), "session") + " held, " + duration(total) + " in total, from " + v.date(ss[0].At) + " to " +
		v.date(ss[len(ss)-1].At) + ". What was said in them stays between you and your coach: this report lists only when they were held and for how long."
	l.heading("Coaching sessions", h1, 0, l.paragraphHeight(intro, body, 0)+3+small.lineHeight()+1.5+body.lineHeight())
	l.paragraph(intro, body, 0, 3)
	lenR := l.left() + 110
	header := func() {
		l.textAt(l.left(), l.y, "Session", small)
		l.textAt(l.left()+22, l.y, "Date", small)
		l.textRight(lenR, l.y, "Length", small)
		l.y += small.lineHeight()
		l.c.setDrawColour(rule)
		l.c.setLineWidth(0.2)
		l.c.line(l.left(), l.y+0.3, lenR, l.y+0.3)
		l.y += 1.2
	}
	l.ensure(small.lineHeight() + 1.5 + body.lineHeight())
	header()
	l.onNewPage = func() {
		l.continued("Coaching sessions")
		header()
	}
	for i, s := range ss {
		l.ensure(body.lineHeight() + 1.2)
		l.textAt(l.left(), l.y, strconv.Itoa(i+1), body)
		l.textAt(l.left()+22, l.y, v.date(s.At), body)
		l.textRight(lenR, l.y, duration(s.Minutes), body)
		l.y += body.lineHeight() + 1.2
	}
	l.onNewPage = nil
}

// duration shows minutes as hours and minutes: "1 hour 30 minutes", "45 minutes".
func duration(minutes int) string {
	h, m := minutes/60, minutes%60
	switch {
	case h == 0:
		return plural(m, "minute")
	case m == 0:
		return plural(h, "hour")
	}
	return plural(h, "hour") + " " + plural(m, "minute")
}
