package web

import (
	"net/http"
	"strconv"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"threesixty/internal/results"
	"threesixty/internal/threesixty"
	"threesixty/reports"
)

// resultsPage is a released round's results, drawn from what its PDF report is drawn from
// (RoundStore.ResultsView, ClosingResultsView), or for a pulse from its release and instrument,
// so the page and the reports show the same numbers; nothing of the round's progress, whose
// counts beside the results would tell "not enough responses" from "no responses".
type resultsPage struct {
	frame
	Engagement *threesixty.Engagement
	Round      *threesixty.Round
	Heading    string
	Released   string
	// Report is whether the round has a PDF report of its own: a baseline and a closing round.
	Report    bool
	Charts    *reports.Charts
	Threshold int
	Insights  []insightList
	Questions []commentQuestion
	// Changes is a closing round's change since the baseline, nil for any other round.
	Changes *reports.Changes
	// Pulse is a midpoint pulse's change by goal, nil for any other round.
	Pulse *pulseView
	// Shared is when the coach shared the report with the leader, nil until then.
	Shared *time.Time
	// DeclineReasons are how many raters gave each reason for declining; empty when fewer than
	// Threshold declined, which the page says in words that fit no one declining as well.
	DeclineReasons []threesixty.DeclineReasonCount
}

// insightList is one list of "what stands out", with the report's wording.
type insightList struct {
	Heading, Intro, Empty string
	Columns               []string
	Rows                  []insightRow
}

// insightRow is one item of a list, with the numbers that put it there, as the report shows them.
type insightRow struct {
	Text, Competency string
	Values           []string
}

// commentQuestion is one open question with its comments in their released order.
type commentQuestion struct {
	Question string
	Comments []shownComment
}

// shownComment is one comment under the published group of its writer.
type shownComment struct{ Group, Text string }

func (s *Server) showResults(c echo.Context, e *threesixty.Engagement, r *threesixty.Round) error {
	page := resultsPage{
		frame:      s.frameFor(c, "Results of the "+lower(roundTitle(r.Kind))+" · "+e.Leader.Name, "engagements"),
		Engagement: e, Round: r, Heading: roundTitle(r.Kind) + " results",
		Released: r.ReleasedAt.In(engagementZone(e)).Format("2 January 2006"), Threshold: r.Anonymity.Threshold,
	}
	ctx, actor := c.Request().Context(), actorOf(c)
	reasons, err := s.Store.DeclineReasons(ctx, actor, r.ID)
	if err != nil {
		return err
	}
	page.DeclineReasons = reasons
	switch r.Kind {
	case threesixty.RoundKindMidpoint:
		if err := s.pulsePage(ctx, actor, &page); err != nil {
			return err
		}
		return c.Render(http.StatusOK, "app/results", page)
	case threesixty.RoundKindClosing:
		cl, err := s.Store.ClosingResultsView(ctx, actor, r.ID)
		if err != nil {
			return err
		}
		if page.Changes, err = reports.WebChanges(*cl); err != nil {
			return &threesixty.Error{Code: threesixty.EINTERNAL, Message: "what changed could not be worked out", Err: err}
		}
		if err := page.showRelease(&reports.Baseline{Results: cl.Results, Instrument: cl.Instrument}); err != nil {
			return err
		}
	default:
		b, err := s.Store.ResultsView(ctx, actor, r.ID)
		if err != nil {
			return err
		}
		if err := page.showRelease(b); err != nil {
			return err
		}
	}
	page.Report = true
	shared, err := s.Store.SharedReports(ctx, actor, e.ID)
	if err != nil {
		return err
	}
	for _, sr := range shared {
		if sr.RoundID == r.ID {
			at := sr.SharedAt.In(engagementZone(e))
			page.Shared = &at
		}
	}
	return c.Render(http.StatusOK, "app/results", page)
}

// showRelease puts a release on the page as the baseline report shows it: charts, what stands
// out and the comments.
func (p *resultsPage) showRelease(b *reports.Baseline) error {
	var err error
	if p.Charts, err = reports.WebCharts(*b); err != nil {
		return &threesixty.Error{Code: threesixty.EINTERNAL, Message: "the charts could not be drawn", Err: err}
	}
	p.Insights = insightLists(b.Results, p.Charts)
	p.Questions = commentQuestions(b)
	return nil
}

// shareReportForm shares a released baseline's or closing round's report with the leader, who is emailed their
// link and downloads it from their page.
func (s *Server) shareReportForm(c echo.Context) error {
	r, e, err := s.roundOf(c)
	if err != nil {
		return err
	}
	if _, err := s.Store.ShareReport(c.Request().Context(), actorOf(c), r.ID); err != nil {
		return err
	}
	return s.redirectWith(c, "/rounds/"+r.ID, "The report is shared: "+e.Leader.Name+" is emailed a link to their page, where they can download it.")
}

// insightLists are the release's insights as the report lists them: blind spots, hidden
// strengths, highest and lowest items, where raters disagree.
func insightLists(res *results.Results, charts *reports.Charts) []insightList {
	competency := map[string]string{}
	for _, cc := range charts.Competencies {
		for _, it := range cc.Items {
			competency[it.ID] = cc.Title
		}
	}
	number := func(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) }
	optional := func(f *float64, show func(float64) string) string {
		if f == nil {
			return "-"
		}
		return show(*f)
	}
	signed := func(f float64) string {
		switch {
		case f > 0:
			return "+" + number(f)
		case f < 0:
			return "-" + number(-f)
		}
		return number(f)
	}
	type column struct {
		title string
		value func(results.ItemInsight) string
	}
	self := column{"Self", func(i results.ItemInsight) string { return optional(i.Self, number) }}
	others := column{"All others", func(i results.ItemInsight) string { return number(i.Mean) }}
	gap := column{"Gap", func(i results.ItemInsight) string { return optional(i.Gap, signed) }}
	sd := column{"Spread (SD)", func(i results.ItemInsight) string { return optional(i.SD, number) }}
	list := func(heading, intro string, items []results.ItemInsight, empty string, cols ...column) insightList {
		l := insightList{Heading: heading, Intro: intro, Empty: empty}
		for _, c := range cols {
			l.Columns = append(l.Columns, c.title)
		}
		for _, it := range items {
			row := insightRow{Text: it.Text, Competency: competency[it.Item]}
			for _, c := range cols {
				row.Values = append(row.Values, c.value(it))
			}
			l.Rows = append(l.Rows, row)
		}
		return l
	}
	ins := res.Insights
	return []insightList{
		list("Blind spots", "Items the leader rated clearly higher than others did.", ins.BlindSpots,
			"None. On no item with both the leader's rating and an All others score shown did the leader rate themself clearly higher than others did.",
			self, others, gap),
		list("Hidden strengths", "Items others rated clearly higher than the leader did.", ins.HiddenStrengths,
			"None. On no item with both the leader's rating and an All others score shown did others rate the leader clearly higher than the leader did.",
			self, others, gap),
		list("Highest rated items", "The items All others rated highest.", ins.Highest,
			"None. No item has an All others score to show, so nothing can be ranked.", others),
		list("Lowest rated items", "The items All others rated lowest.", ins.Lowest,
			"None. Too few items have an All others score to show for a separate lowest list.", others),
		list("Where raters disagree", "Items where All others' answers are spread wide (a standard deviation of "+
			number(results.DisagreementSD)+" or more): people see this behaviour differently, which is worth a conversation.", ins.Disagreement,
			"None. Either raters broadly agreed on every item, or too few answered for a spread to be shown (it needs at least "+
				strconv.Itoa(results.SpreadMinimum)+" raters).", others, sd),
	}
}

// commentQuestions are the comments by open question, in the instrument's order of questions and
// the release's order of comments, each under its writer's published group; as in the report, a
// comment under a group that is not published is never shown.
func commentQuestions(b *reports.Baseline) []commentQuestion {
	labels := map[string]string{}
	for _, g := range b.Results.Groups {
		labels[g.Key] = g.Label
	}
	byQuestion := map[string][]shownComment{}
	var unknown []string
	for _, c := range b.Results.Comments {
		label, ok := labels[c.Group]
		if !ok {
			continue
		}
		if _, known := b.Instrument.Question(c.Question); !known && len(byQuestion[c.Question]) == 0 {
			unknown = append(unknown, c.Question)
		}
		byQuestion[c.Question] = append(byQuestion[c.Question], shownComment{Group: label, Text: c.Text})
	}
	var out []commentQuestion
	for _, q := range b.Instrument.Questions {
		out = append(out, commentQuestion{Question: q.Others, Comments: byQuestion[q.ID]})
	}
	for _, id := range unknown {
		out = append(out, commentQuestion{Question: id, Comments: byQuestion[id]})
	}
	return out
}

// lower is a title as it reads inside a sentence: "baseline round".
func lower(title string) string {
	if title == "" {
		return title
	}
	r, size := utf8.DecodeRuneInString(title)
	return string(unicode.ToLower(r)) + title[size:]
}
