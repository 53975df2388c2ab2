package reports

import (
	"errors"
	"html/template"
	"math"

	"threesixty/internal/results"
	"threesixty/surveys"
)

// PulseCharts are a midpoint pulse's results for a web page: for each goal it asked about, each
// published group's change on the pulse's scale of change, written out and drawn as a bar from 0
// on a −3..+3 axis. Groups have the colours, order and labels of Charts, and the charts follow
// the rules Charts documents (inline SVG that scales with its container, no script or style,
// an accessible name and every number in words).
type PulseCharts struct {
	// Legend is every published group, in the order every chart shows them.
	Legend []LegendEntry
	// Scale is the scale's points, lowest first, as a person reads them ("−3 Much less effective").
	Scale []string
	Goals []PulseGoalChart
}

// PulseGoalChart is one goal of the pulse: a competency of its instrument.
type PulseGoalChart struct {
	ID, Title string
	Rows      []PulseRow
	Chart     template.HTML
}

// PulseRow is one published group's change on a goal: Change is its mean as read on the scale of
// change ("+1.33"), with the raters behind it; "" where the release shows none for the group.
type PulseRow struct {
	Group  string
	Change string
	N      int
}

// WebPulseCharts draws the charts of a released pulse, b.Results on b.Instrument, whose scale
// must be one of change (Scale.Zero set). Values stay as released; only what is read is
// shifted, v − Zero.
func WebPulseCharts(b Baseline) (*PulseCharts, error) {
	if b.Results == nil || b.Instrument == nil {
		return nil, errors.New("reports: charts need the release and its instrument")
	}
	scale := b.Instrument.Scale
	if !scale.Centred() {
		return nil, errors.New("reports: a pulse's charts need a scale of change")
	}
	v := newView(Baseline{Results: b.Results, Instrument: b.Instrument}, Options{})
	ids := svgIDs{}
	ch := &PulseCharts{}
	for _, g := range v.groups {
		ch.Legend = append(ch.Legend, LegendEntry{Label: g.label, Respondents: g.respondents, Colour: g.colour.hex()})
	}
	for _, p := range scale.Points {
		ch.Scale = append(ch.Scale, showable(scale.PointLabel(p)))
	}
	for _, comp := range v.res.Competencies {
		title := v.competencyTitle(comp.ID)
		goal := PulseGoalChart{ID: comp.ID, Title: title}
		scores := byGroup(v, comp.Scores, func(s *results.CompetencyScore) string { return s.Group })
		c := newPulseChart(v, scale)
		c.axis()
		for i, grp := range v.groups {
			row, change := PulseRow{Group: grp.label}, 0.0
			if s := scores[i]; s != nil {
				change = scale.Shown(s.Mean)
				row.Change, row.N = surveys.Signed(change, 2), s.N
			}
			c.row(grp, row, change)
			goal.Rows = append(goal.Rows, row)
		}
		goal.Chart = c.svg(ids.unique("chart-pulse-"+comp.ID), title+": change by group")
		ch.Goals = append(ch.Goals, goal)
	}
	return ch, nil
}

// pulseChart draws one goal's chart: the scale of change on top, centred on 0, then a row a group.
type pulseChart struct {
	svgChart
	low, high float64 // the scale's ends as read, -3 and +3
	lowLabel  string
	highLabel string
}

func newPulseChart(v *view, scale surveys.Scale) *pulseChart {
	first, last := scale.Points[0], scale.Points[len(scale.Points)-1]
	return &pulseChart{svgChart: svgChart{v: v},
		low: scale.Shown(float64(first.Value)), high: scale.Shown(float64(last.Value)),
		lowLabel: showable(scale.PointLabel(first)), highLabel: showable(scale.PointLabel(last))}
}

// x is where a change sits on the axis, held inside it.
func (c *pulseChart) x(change float64) float64 {
	change = max(c.low, min(c.high, change))
	return svgX0 + (change-c.low)/(c.high-c.low)*(svgX1-svgX0)
}

// axis draws the scale's points as read, −3 to +3, and names its two ends.
func (c *pulseChart) axis() {
	c.b.WriteString("<g>")
	numbers := c.y + 13
	for p := c.low; p <= c.high; p++ {
		c.text(c.x(p), numbers, svgSmall+0.5, true, ink, "middle", surveys.Signed(p, 0))
	}
	half := (svgX1-svgX0)/2 - 4
	c.text(svgX0-4, numbers+svgLine, svgSmall, false, muted, "", svgClip(c.lowLabel, half, svgSmall, false))
	c.text(svgX1+4, numbers+svgLine, svgSmall, false, muted, "end", svgClip(c.highLabel, half, svgSmall, false))
	c.text(svgRight, numbers, svgSmall, false, muted, "end", "change")
	c.y = numbers + svgLine + 6
	c.line(svgX0, c.y, svgX1, c.y, rule)
	c.y += 4
	c.b.WriteString("</g>")
}

// row draws one group's bar from 0 to its change, with the change and its raters written, or
// says there is nothing to show, in the report's words.
func (c *pulseChart) row(grp groupView, r PulseRow, change float64) {
	top := c.y
	c.b.WriteString("<g>")
	defer c.b.WriteString("</g>")
	raters := ""
	if r.Change != "" {
		raters = plural(r.N, "rater")
	}
	labelW := svgRight - svgX0 - svgTextWidth(raters, false, svgSmall) - 8
	c.text(svgX0, top+svgLabel, svgLabel, false, ink, "", svgClip(grp.label, labelW, svgLabel, false))
	if r.Change == "" {
		msg := "not enough responses to show"
		c.text(svgX0, top+32, svgSmall, false, muted, "", msg)
		c.desc = append(c.desc, grp.label+": "+msg+".")
		c.y = top + 36 + svgRowGap
		return
	}
	c.text(svgRight, top+svgLabel, svgSmall, false, muted, "end", raters)
	band := top + 18
	for p := c.low; p <= c.high; p++ {
		colour := gridline
		if p == 0 {
			colour = muted
		}
		c.line(c.x(p), band, c.x(p), band+16, colour)
	}
	from, to := c.x(0), c.x(change)
	c.rect(min(from, to), band+2, max(1, math.Abs(to-from)), 12, grp.colour, outlined(grp.colour))
	c.text(svgRight, band+13, svgLabel, true, ink, "end", r.Change)
	c.desc = append(c.desc, grp.label+": "+r.Change+" ("+raters+").")
	c.y = band + 18 + svgRowGap
}

// svg wraps the body in its <svg> element, named by its title and described by its numbers.
func (c *pulseChart) svg(id, title string) template.HTML {
	return c.svgChart.svgTitled(id, title+", on the scale of change from "+c.lowLabel+" through 0 No change to "+c.highLabel)
}
