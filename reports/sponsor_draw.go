package reports

import (
	"strconv"
	"strings"
	"time"

	"threesixty/internal/results"
)

// drawSponsorSummary lays the sponsor summary out on c: a band naming it, the engagement's facts,
// each theme's direction, and what else the consent's scope shows, then whose consent it is.
func drawSponsorSummary(c canvas, g pageGeometry, s SponsorSummary, opt Options) {
	day := func(t time.Time) string { return t.In(opt.Location).Format("2 January 2006") }
	sponsor := strings.TrimSpace(s.Sponsor)
	if sponsor == "" {
		sponsor = "the engagement's sponsor"
	}
	l := newLayout(c, g, showable(sponsor))
	l.newPage()
	l.setStyle(body)
	l.c.setFillColour(coverBand)
	l.c.rect(0, 0, l.g.width, 48, "F")
	l.c.bookmark("Sponsor summary", 0, 0)
	onBand := style{size: 10, colour: rgb{214, 222, 235}, leading: 1.4}
	l.textAt(l.left(), 16, "COACHING ENGAGEMENT", style2(onBand, true))
	titleOnBand := title
	titleOnBand.colour = white
	l.textAt(l.left(), 24, "Sponsor summary", titleOnBand)
	l.textAt(l.left(), 24+title.lineHeight()+1, clip(showable(s.Leader), l.width(), onBand), onBand)

	l.y = 60
	l.textAt(l.left(), l.y, "Prepared for", small)
	l.y += small.lineHeight()
	for _, line := range wrap(showable(sponsor), l.width(), h2) {
		l.textAt(l.left(), l.y, line, h2)
		l.y += h2.lineHeight()
	}
	l.y += 4
	engagement := "From " + day(s.Started) + ", ongoing"
	if !s.Ended.IsZero() {
		engagement = day(s.Started) + " to " + day(s.Ended)
	}
	sessions := "Not recorded"
	if s.Sessions != nil {
		sessions = strconv.Itoa(*s.Sessions)
	}
	facts := [][2]string{
		{"Leader", showable(s.Leader)},
		{"Coach", showable(s.Coach)},
		{"Engagement", engagement},
		{"Coaching sessions", sessions},
		{"Summary created", day(opt.Created)},
	}
	for _, f := range facts {
		l.textAt(l.left(), l.y, f[0], small)
		ls := wrap(f[1], l.width()-40, body)
		l.lines(l.left()+40, l.y-0.6, ls, body)
		l.y += float64(len(ls))*body.lineHeight() + 1.5
	}

	l.y += 4
	l.heading("Progress on the development themes", h2, 1, l.firstBlock(themesIntro, body, 0))
	l.paragraph(themesIntro, body, 0, 2)
	if len(s.Themes) == 0 {
		l.paragraph("No development goals were set, so there are no themes to report.", style{size: body.size, colour: muted, leading: body.leading}, 0, 2)
	}
	colR := l.left() + l.width() - 38
	for _, t := range s.Themes {
		ls := wrap(showable(t.Title), colR-l.left()-4, body)
		h := float64(len(ls))*body.lineHeight() + 2
		l.ensure(h)
		l.lines(l.left(), l.y, ls, body)
		l.textAt(colR, l.y, t.Direction.Label(), directionStyle(t.Direction))
		l.y += h - 1
		l.c.setDrawColour(rule)
		l.c.setLineWidth(0.2)
		l.c.line(l.left(), l.y, l.right(), l.y)
		l.y += 1
	}

	scope := s.Consent.Scope
	if scope.ShowsGoals() {
		l.y += 4
		l.heading("Development goals", h2, 1, body.lineHeight()*2)
		if len(s.Goals) == 0 {
			l.paragraph("No development goals were set.", body, 0, 2)
		}
		for _, goal := range s.Goals {
			status := "No check-in yet"
			if goal.Status != "" {
				status = "Latest check-in: " + goal.Status.Label()
			}
			ls := wrap(showable(goal.Title), l.width(), strong)
			l.ensure(float64(len(ls))*strong.lineHeight() + small.lineHeight() + 2)
			l.y += l.lines(l.left(), l.y, ls, strong)
			l.textAt(l.left(), l.y, status, small)
			l.y += small.lineHeight() + 2
		}
	}
	if scope.ShowsFeedbackThemes() {
		l.y += 4
		l.heading("Main themes of the first feedback", h2, 1, body.lineHeight()*2)
		if len(s.Highest) == 0 {
			l.paragraph("The first feedback round gave no clear highest and lowest rated competencies.", body, 0, 2)
		} else {
			l.paragraph("Rated highest by colleagues: "+joinShowable(s.Highest)+".", body, 0, 1)
			l.paragraph("Rated lowest by colleagues: "+joinShowable(s.Lowest)+".", body, 0, 2)
		}
	}

	l.y += 4
	note := showable(s.Leader) + " agreed on " + day(s.Consent.At) + " that you may see this summary, and may withdraw that consent at any time. " +
		"By their choice it shows " + s.Consent.Scope.SponsorLabel() + ". It holds no ratings, questions or comments, and nothing any one colleague said: " +
		"those stay between " + showable(s.Leader) + " and their coach."
	l.heading("Shared with consent", h3, 1, l.firstBlock(note, small, 0))
	l.flowLines(wrap(note, l.width(), small), l.left(), small)
	l.finish()
}

// themesIntro explains the directions, in words a sponsor reads without the reports.
const themesIntro = "For each competency the development goals work on: whether colleagues' ratings improved, held steady " +
	"or declined between the first and the closing feedback round. A move counts only when it is large and clear enough " +
	"not to be chance, and a small one reads as held steady. Not measured means too few colleagues answered in both " +
	"rounds to tell, whichever way their ratings moved."

func directionStyle(d results.Direction) style {
	st := strong
	switch d {
	case results.DirectionImproved:
		st.colour = rgb{25, 110, 60}
	case results.DirectionDeclined:
		st.colour = rgb{160, 45, 40}
	case results.DirectionNotMeasured:
		st.colour = muted
	}
	return st
}

func joinShowable(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = showable(n)
	}
	return strings.Join(out, ", ")
}
