// Package reports renders the PDF report of a released baseline round: released results in, PDF
// bytes out. It never touches the database or HTTP, so a report is a pure function of the frozen
// release it is drawn from (and of the goals it is given for its last page).
//
// A baseline report is drawn from the release and the instrument version the round pinned:
//
//	var buf bytes.Buffer
//	err := reports.RenderBaseline(&buf, reports.Baseline{
//		Leader:     engagement.Leader.Name,
//		Coach:      coach.Name,
//		Instrument: instrument, // the version the round pinned
//		Opened:     round.OpenedAt,
//		Closed:     round.ClosedAt,
//		Results:    release, // results.Decode of the frozen snapshot
//		Goals:      goals,   // nil until goals are set: the last page is then a worksheet
//	}, reports.Options{PageSize: reports.Letter, Location: coachLocation})
//
// A closing report (RenderClosing) is drawn the same way from the closing release, the
// results.Comparison of the baseline and closing releases, the goals with their check-ins, the
// midpoint pulse's release when there is one, and the dates and lengths of the coaching sessions.
//
// Every number and comment in a report comes from the release as published; the report only
// orders and shows them, so it can reveal nothing the release does not. Text arrives in any
// script: the embedded DejaVu Sans (fonts/, with its licence) draws Latin, Greek and Cyrillic;
// anything it cannot draw, and right-to-left text, shows as a visible notice instead.
//
// The same reading of a release draws the charts of the coach's web page: WebCharts turns a
// Baseline into inline SVG, with the report's groups, order, colours, rounding and wording, so
// the page and the PDF cannot disagree.
//
// RenderSponsorSummary draws the one or two pages a sponsor may see with the leader's consent:
// the engagement's dates and session count, each goal competency's direction (improved, held
// steady, declined) read from the published comparison, and what else the consent's scope shows.
// It prints no score, item, comment or group; NewSponsorSummary keeps back what the scope does not
// allow, and the renderer draws goals and feedback themes only under a scope that shows them.
//
// The fonts are parsed once per process and shared by every document (fonts.go explains how
// and why that is safe). The layout draws through a small canvas interface, so one rendering
// can be recorded and replayed into gofpdf: the floor bench_test.go measures the report against.
package reports
