package reports

import (
	"errors"
	"io"
	"time"

	"threesixty/internal/results"
	"threesixty/surveys"
)

// PageSize is the paper a report is laid out for.
type PageSize string

// The paper sizes a report can be laid out for.
const (
	A4     PageSize = "a4"
	Letter PageSize = "letter"
)

// Baseline is what a baseline report is drawn from. Every number and comment in the report comes
// from Results, the frozen release; the rest only names and explains them.
type Baseline struct {
	Leader     string              // the leader's name
	Coach      string              // the coach's name
	Instrument *surveys.Instrument // scale labels, competency titles and descriptions, open questions' texts
	Opened     time.Time           // round opened
	Closed     time.Time           // round closed (released)
	Results    *results.Results    // the frozen release: the only source of numbers and comments
	// SuperiorIdentifiable is what the round's invitations told superiors: that their group is
	// shown on its own whatever its size, so its cells may stand on fewer than the threshold.
	SuperiorIdentifiable bool
	Goals                []Goal // once goals exist the last section shows them instead of the blank worksheet
}

// Goal is a development goal the leader and coach set from the baseline.
type Goal struct {
	Title, Description string
	Competencies       []string // competency ids
	KeyResults         []KeyResult
	CheckIns           []CheckIn // oldest first; only the closing report shows them
}

// KeyResult is one measurable result that says a goal is met.
type KeyResult struct{ Text, Measure, Target string }

// Options are choices about the document rather than its content.
type Options struct {
	PageSize PageSize       // "" means A4
	Created  time.Time      // the document's date; zero means now (tests fix it, so output is reproducible)
	Location *time.Location // the time zone dates are shown in; nil means UTC
}

// RenderBaseline writes the baseline report of b to w as a PDF.
func RenderBaseline(w io.Writer, b Baseline, opt Options) error {
	if b.Results == nil || b.Instrument == nil {
		return errors.New("reports: a baseline report needs the release and its instrument")
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
	pdf := newPDF(g, baselineMetadata(b, opt))
	drawBaseline(pdfCanvas{pdf}, g, b, opt)
	if err := pdf.Output(w); err != nil {
		return err
	}
	return pdf.Error()
}

func baselineMetadata(b Baseline, opt Options) metadata {
	return metadata{
		title:   "360-degree feedback: baseline report for " + showable(b.Leader),
		author:  showable(b.Coach),
		subject: "Baseline 360-degree feedback, " + b.Closed.In(opt.Location).Format("2 January 2006"),
		created: opt.Created,
	}
}
