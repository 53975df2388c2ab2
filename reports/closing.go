package reports

import (
	"errors"
	"io"
	"time"

	"threesixty/internal/results"
	"threesixty/surveys"
)

// Closing is what a closing report is drawn from. Every score in it comes from the closing
// release, the comparison worked out from both releases' published numbers, and the pulse's
// release; the rest names and explains them.
type Closing struct {
	Leader string // the leader's name
	Coach  string // the coach's name
	// Started is when the engagement began; PlannedEnd when it was planned to end, zero when not
	// known.
	Started, PlannedEnd time.Time
	Instrument          *surveys.Instrument // the closing round's version: scale, titles, open questions
	Baseline            RoundSummary
	Closing             RoundSummary
	Results             *results.Results    // the closing release: the only source of closing scores and comments
	Comparison          *results.Comparison // baseline against closing, from the two releases
	// SuperiorIdentifiable is what the closing round's invitations told superiors.
	SuperiorIdentifiable bool
	Goals                []Goal
	Pulse                *Pulse    // the released midpoint pulse; nil when there is none
	Sessions             []Session // the coaching sessions held, oldest first
}

// RoundSummary is a released round as the closing report's cover names it: its dates and the
// groups it published, with their respondents.
type RoundSummary struct {
	Opened, Closed time.Time
	Groups         []results.PublishedGroup
}

// Pulse is a released midpoint pulse: one competency a goal, each asking how much the leader
// changed on a scale of change.
type Pulse struct {
	Closed  time.Time
	Results *results.Results
	// Zero is the scale value shown as 0: the pulse's scale keeps 1..7 and a reader sees v-Zero,
	// -3..+3.
	Zero int
	// GoalCompetencies names, for each of Closing.Goals in order, the pulse's competency that
	// asked about it; "" where the pulse did not ask about that goal.
	GoalCompetencies []string
}

// Session is a coaching session held: when, and for how long. What was said in it is the
// coach's and the leader's alone and is never part of a report, so a session carries no notes.
type Session struct {
	At      time.Time
	Minutes int
}

// RenderClosing writes the closing report of c to w as a PDF.
func RenderClosing(w io.Writer, c Closing, opt Options) error {
	if c.Results == nil || c.Instrument == nil || c.Comparison == nil {
		return errors.New("reports: a closing report needs the closing release, its instrument and the comparison")
	}
	if c.Pulse != nil && c.Pulse.Results == nil {
		return errors.New("reports: a pulse without its release")
	}
	if opt.PageSize != "" && opt.PageSize != A4 && opt.PageSize != Letter {
		return errors.New("reports: unknown page size " + string(opt.PageSize))
	}
	if opt.Created.IsZero() {
		opt.Created = time.Now()
	}
	if opt.Location == nil {
		opt.Location = time.UTC
	}
	g := geometry(opt.PageSize)
	pdf := newPDF(g, metadata{
		title:   "360-degree feedback: closing report for " + showable(c.Leader),
		author:  showable(c.Coach),
		subject: "Closing 360-degree feedback, " + c.Closing.Closed.In(opt.Location).Format("2 January 2006"),
		created: opt.Created,
	})
	drawClosing(pdfCanvas{pdf}, g, c, opt)
	if err := pdf.Output(w); err != nil {
		return err
	}
	return pdf.Error()
}

// drawClosing lays the closing report out on c: what changed overall, then goal by goal, then
// the detail, ending with the page to plan what comes next.
func drawClosing(c canvas, g pageGeometry, cl Closing, opt Options) {
	v := newClosingView(cl, opt)
	l := newLayout(c, g, showable(cl.Leader))
	drawClosingCover(l, v)
	drawWhatChanged(l, v)
	drawGoalProgress(l, v)
	drawItemsMoved(l, v)
	drawComments(l, v.rel, "Comments from the closing round")
	drawSessions(l, v)
	drawPlan(l, v)
	l.finish()
}
