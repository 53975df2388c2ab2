package reports

import (
	"errors"
	"html/template"
	"strconv"
	"strings"
)

// Charts are a baseline's charts for a web page: the PDF report's charts drawn as inline SVG,
// from the same view of the release, so they show the same groups in the same order and
// colours, the same numbers rounded the same way, and the same wording where a score is
// withheld or covers fewer items.
//
// Each chart is one <svg> element that scales to the width of its container (viewBox and
// width="100%", no fixed size) and is laid out to stay readable from a 360 px phone up. Its
// text grows with its width, so the page decides how wide the column holding it is: about
// 30rem at most keeps the text near the size of the page's own. The markup holds no script, no style attribute and
// no external reference, so it passes a Content-Security-Policy without 'unsafe-inline': colours
// and sizes are presentation attributes, and text takes the page's font. Every chart is an image
// with an accessible name (role="img", aria-labelledby its <title>) and a <desc> that says every
// number it shows in words; the numbers are also written on the chart, so no bar is read by
// colour alone.
type Charts struct {
	// Legend is every published group, in the order every chart shows them.
	Legend []LegendEntry
	// Scale is the rating scale's points, lowest first, as the charts' axis labels them.
	Scale []ScalePoint
	// Summary is one chart of every competency, one bar per published group.
	Summary template.HTML
	// Competencies are the competencies in the release's order, each with its items.
	Competencies []CompetencyChart
}

// LegendEntry is one published group as the charts show it.
type LegendEntry struct {
	Label       string // the group's label, as the report shows it
	Respondents int    // how many answered in the group, as published
	Colour      string // its bars' colour, "#rrggbb"
}

// ScalePoint is one point of the rating scale.
type ScalePoint struct {
	Value int
	Label string
}

// CompetencyChart is one competency: its score by group, then each of its items.
type CompetencyChart struct {
	ID          string        // the competency's id in the instrument
	Title       string        // its title, as the report shows it
	Description string        // the instrument's description of it; may be empty
	Score       template.HTML // its score by group
	Items       []ItemChart
}

// ItemChart is one item's scores by group.
type ItemChart struct {
	ID    string        // the item's id in the instrument
	Text  string        // the item, in the others phrasing, as the report shows it
	Chart template.HTML // its scores by group
}

// WebCharts draws the charts of b for a web page. Like the report, it reads only b.Results and
// b.Instrument, so it can show nothing the release does not publish. Titles, labels and item
// texts are the report's (made showable as the report makes them); the strings in Charts are
// plain text for the page to escape, and the SVG escapes everything it holds.
func WebCharts(b Baseline) (*Charts, error) {
	if b.Results == nil || b.Instrument == nil {
		return nil, errors.New("reports: charts need the release and its instrument")
	}
	v := newView(Baseline{Results: b.Results, Instrument: b.Instrument}, Options{})
	ids := svgIDs{}
	ch := &Charts{}
	for _, g := range v.groups {
		ch.Legend = append(ch.Legend, LegendEntry{Label: g.label, Respondents: g.respondents, Colour: g.colour.hex()})
	}
	for p := 1; p <= v.max; p++ {
		ch.Scale = append(ch.Scale, ScalePoint{Value: p, Label: v.pointLabel(p)})
	}
	ch.Summary = svgSummary(v, ids.unique("chart-summary"))
	for _, comp := range v.res.Competencies {
		title := v.competencyTitle(comp.ID)
		cc := CompetencyChart{ID: comp.ID, Title: title,
			Score: svgBlock(v, ids.unique("chart-competency-"+comp.ID), title+": competency score by group",
				competencyCells(v, comp))}
		if c, ok := v.in.Competency(comp.ID); ok {
			cc.Description = showable(c.Description)
		}
		for _, it := range v.itemsOf(comp.ID) {
			text := showable(it.Text)
			cc.Items = append(cc.Items, ItemChart{ID: it.ID, Text: text,
				Chart: svgBlock(v, ids.unique("chart-item-"+it.ID), text+": scores by group", itemCells(v, it.Scores))})
		}
		ch.Competencies = append(ch.Competencies, cc)
	}
	return ch, nil
}

// svgIDs hands out chart ids that are valid and unique on one page, with the ids of their
// <title> and <desc> (the chart's id with "-title" and "-desc"): ids from the instrument are kept
// to letters, digits, '-' and '_', and one that is already taken, in any of the three, gets a
// number.
type svgIDs map[string]bool

func (s svgIDs) unique(raw string) string {
	var b strings.Builder
	for _, r := range raw {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	id := b.String()
	for n := 2; s[id] || s[id+"-title"] || s[id+"-desc"]; n++ {
		id = b.String() + "-" + strconv.Itoa(n)
	}
	s[id], s[id+"-title"], s[id+"-desc"] = true, true, true
	return id
}
