package reports

import (
	"errors"
	"io"
	"time"

	"threesixty/internal/results"
	"threesixty/internal/threesixty"
)

// SponsorSummary is what a sponsor summary shows: one or two pages for the engagement's sponsor,
// drawn only with the leader's consent, and only what its scope allows. It holds no score, item,
// comment or group: the directions are words read from the published comparison, and the only
// numbers it prints are dates and the count of coaching sessions. NewSponsorSummary makes one
// from the engagement's records; the renderer draws the goals and the feedback's themes only
// when the scope shows them, whatever the fields hold.
type SponsorSummary struct {
	Leader, Coach, Sponsor string
	// Consent is the leader's consent in force: its scope decides the contents.
	Consent threesixty.SponsorConsent
	// Started and Ended are the engagement's dates; Ended is zero while it has not ended.
	Started, Ended time.Time
	// Sessions is how many coaching sessions were held; nil when the service does not know.
	Sessions *int
	// Themes are the competencies the leader's goals work on, each with its direction.
	Themes []SponsorTheme
	// Goals are each goal's title and latest check-in status, for scopes that show goals.
	Goals []SponsorGoal
	// Highest and Lowest name the competencies all others rated highest and lowest in the
	// baseline, for the scope that shows the feedback's themes.
	Highest, Lowest []string
}

// SponsorTheme is a competency a goal works on, and which way it moved.
type SponsorTheme struct {
	Title     string
	Direction results.Direction
}

// SponsorGoal is a goal as the sponsor may see it: its title, and its latest check-in status
// ("" before any check-in).
type SponsorGoal struct {
	Title  string
	Status threesixty.CheckInStatus
}

// RenderSponsorSummary writes the sponsor summary s to w as a PDF. It refuses a summary whose
// consent is not given for a known scope.
func RenderSponsorSummary(w io.Writer, s SponsorSummary, opt Options) error {
	if s.Consent.Decision != threesixty.ConsentGiven || !s.Consent.Scope.Valid() {
		return errors.New("reports: a sponsor summary needs the leader's consent, given for a known scope")
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
		title:   "Coaching summary for the sponsor: " + showable(s.Leader),
		author:  showable(s.Coach),
		subject: "Sponsor summary, shared with the leader's consent",
		created: opt.Created,
	})
	drawSponsorSummary(pdfCanvas{pdf}, g, s, opt)
	if err := pdf.Output(w); err != nil {
		return err
	}
	return pdf.Error()
}
