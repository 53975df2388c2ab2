package reports

import "strconv"

var coverBand = rgb{28, 43, 76}

func drawCover(l *layout, v *view) {
	drawCoverHead(l, "Baseline report", v.in.Title, v.b.Leader, [][2]string{
		{"Coach", showable(v.b.Coach)},
		{"Feedback round", v.date(v.b.Opened) + " to " + v.date(v.b.Closed)},
		{"Report created", v.date(v.opt.Created)},
	})
	l.y += 8
	l.textAt(l.left(), l.y, "Who responded", h3)
	l.y += h3.lineHeight() + 1.5
	l.c.setDrawColour(rule)
	l.c.setLineWidth(0.2)
	colR := l.left() + 110
	l.textAt(l.left(), l.y, "Group", small)
	l.textRight(colR, l.y, "Respondents", small)
	l.y += small.lineHeight() + 0.5
	l.c.line(l.left(), l.y, colR, l.y)
	l.y += 1
	for _, grp := range v.groups {
		ls := wrap(grp.label, 80, body)
		l.lines(l.left(), l.y, ls, body)
		l.textRight(colR, l.y, strconv.Itoa(grp.respondents), body)
		l.y += float64(len(ls)) * body.lineHeight()
		l.c.line(l.left(), l.y+0.5, colR, l.y+0.5)
		l.y += 1.5
	}
	l.y += 8
	except := "the leader's own ratings"
	for _, g := range v.res.Groups {
		if v.identifiable(g) {
			except += " and those of " + showable(g.Label) + ", whose raters were told they could be identified"
		}
	}
	note := "This report is confidential to " + showable(v.b.Leader) + " and their coach. Raters answered anonymously: " +
		"no number or comment in it belongs to a group of fewer than " + strconv.Itoa(v.res.Threshold) +
		" people, except " + except + ". \"How to read this report\" on the next page explains the rules."
	l.flowLines(wrap(note, l.width(), small), l.left(), small)
}

// drawCoverHead starts a report's cover: the band with the report's kind and the instrument, the
// leader's name, and facts as label and value lines. Values arrive showable.
func drawCoverHead(l *layout, kind, instrument, leader string, facts [][2]string) {
	l.newPage()
	// gofpdf encodes an outline entry as UTF-16 only once a UTF-8 font is set.
	l.setStyle(body)
	l.c.setFillColour(coverBand)
	l.c.rect(0, 0, l.g.width, 62, "F")
	l.c.bookmark("Cover", 0, 0)
	onBand := style{size: 10, colour: rgb{214, 222, 235}, leading: 1.4}
	l.textAt(l.left(), 20, "360-DEGREE FEEDBACK", style2(onBand, true))
	titleOnBand := title
	titleOnBand.colour = white
	l.textAt(l.left(), 28, kind, titleOnBand)
	if t := showable(instrument); t != "" {
		l.textAt(l.left(), 28+title.lineHeight()+1, clip(t, l.width(), onBand), onBand)
	}

	l.y = 78
	l.textAt(l.left(), l.y, "Prepared for", small)
	l.y += small.lineHeight()
	for _, s := range wrap(showable(leader), l.width(), title) {
		l.textAt(l.left(), l.y, s, title)
		l.y += title.lineHeight()
	}
	l.y += 6
	for _, f := range facts {
		l.textAt(l.left(), l.y, f[0], small)
		ls := wrap(f[1], l.width()-40, body)
		l.lines(l.left()+40, l.y-0.6, ls, body)
		l.y += float64(len(ls))*body.lineHeight() + 1.5
	}
}
