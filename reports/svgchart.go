package reports

import (
	"html/template"
	"strconv"
	"strings"
)

// The web charts' geometry, in viewBox units. The box is as wide as a small phone's screen in
// CSS pixels, so on a phone text shows at about the sizes given here, and grows with a wider
// column. Each group takes a row: its label and raters on one line, its bar and mean below, and
// below those, where the release has them, the answers per point or what a competency score
// covers.
const (
	svgW     = 360.0
	svgX0    = 10.0  // where the scale's first point sits, and labels start
	svgX1    = 290.0 // where the scale's top point sits
	svgRight = 356.0 // right edge of the means, the raters and the axis
	svgLabel = 13.0  // group labels and means
	svgSmall = 11.5  // raters, notes, the scale's labels
	svgTitle = 13.5  // competency titles in the summary

	svgLine   = 14.0 // height of one line of small text
	svgRowGap = 8.0
)

// svgChart draws one chart: the scale on top, then rows of groups.
type svgChart struct {
	v      *view
	b      strings.Builder // the chart's body, after its title and description
	desc   []string        // the chart in words, sentence by sentence
	y      float64
	labels axisLabels
}

func newSVGChart(v *view) *svgChart {
	// planAxisLabels measures in the report's units at the axis's own size; text width grows
	// with its size, so a step of the web scale converts to the width the same labels take there.
	step := (svgX1-svgX0)/float64(v.max-1) - 2
	return &svgChart{v: v, labels: planAxisLabels(v, step*ptToMM*axisText.size/svgSmall)}
}

// svgBlock is a chart of one set of cells, a competency's score or an item's, one row per group.
func svgBlock(v *view, id, title string, cells []*cell) template.HTML {
	c := newSVGChart(v)
	dist := false
	for _, cl := range cells {
		dist = dist || (cl != nil && cl.dist != nil)
	}
	c.axis(dist)
	for i, grp := range v.groups {
		c.row(grp, cells[i])
	}
	return c.svg(id, title)
}

// svgSummary is every competency's score by group in one chart, under one scale.
func svgSummary(v *view, id string) template.HTML {
	c := newSVGChart(v)
	c.axis(false)
	for _, comp := range v.res.Competencies {
		title := v.competencyTitle(comp.ID)
		c.desc = append(c.desc, title+".")
		c.b.WriteString("<g>")
		c.y += 6
		for _, line := range svgWrap(title, svgRight-2, svgTitle, true) {
			c.y += svgTitle + 3
			c.text(2, c.y, svgTitle, true, ink, "", line)
		}
		c.y += 6
		cells := competencyCells(v, comp)
		for i, grp := range v.groups {
			c.row(grp, cells[i])
		}
		c.b.WriteString("</g>")
		c.y += 4
	}
	return c.svg(id, "Summary of competencies: each competency's score by group")
}

// svg wraps the body in its <svg> element, named by its title and described by its numbers.
func (c *svgChart) svg(id, title string) template.HTML {
	return c.svgTitled(id, title+", on the rating scale from 1 ("+c.v.pointLabel(1)+") to "+strconv.Itoa(c.v.max)+" ("+c.v.pointLabel(c.v.max)+")")
}

// svgTitled is svg with the whole title given, scale and all.
func (c *svgChart) svgTitled(id, title string) template.HTML {
	var s strings.Builder
	s.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ` + svgNum(svgW) + ` ` + svgNum(c.y+4) +
		`" width="100%" role="img" id="` + id + `" aria-labelledby="` + id + `-title" aria-describedby="` + id + `-desc">`)
	s.WriteString(`<title id="` + id + `-title">` + esc(title) + `</title>`)
	s.WriteString(`<desc id="` + id + `-desc">` + esc(strings.Join(c.desc, " ")) + `</desc>`)
	s.WriteString(c.b.String())
	s.WriteString(`</svg>`)
	return template.HTML(s.String())
}

// x is where value sits on the scale, held inside it.
func (c *svgChart) x(value float64) float64 {
	value = max(1, min(float64(c.v.max), value))
	return svgX0 + (value-1)/float64(c.v.max-1)*(svgX1-svgX0)
}

// axis draws the scale's points with their numbers and labels, as the report's axis does; dist
// says that rows below show the answers per point.
func (c *svgChart) axis(dist bool) {
	c.b.WriteString("<g>")
	top := c.y
	numbers := top + 13
	for p := 1; p <= c.v.max; p++ {
		c.text(c.x(float64(p)), numbers, svgSmall+0.5, true, ink, "middle", strconv.Itoa(p))
		if c.labels.lines == nil {
			continue
		}
		for i, s := range c.labels.lines[p-1] {
			w := svgTextWidth(s, false, svgSmall)
			// Centred on its point, but held inside the box.
			left := max(0, min(c.x(float64(p))-w/2, svgRight-w))
			c.text(left, numbers+float64(i+1)*svgLine, svgSmall, false, muted, "", s)
		}
	}
	if c.labels.lines == nil {
		half := (svgX1-svgX0)/2 - 4
		c.text(svgX0-4, numbers+svgLine, svgSmall, false, muted, "", svgClip(c.labels.ends[0], half, svgSmall, false))
		c.text(svgX1+4, numbers+svgLine, svgSmall, false, muted, "end", svgClip(c.labels.ends[1], half, svgSmall, false))
	}
	c.text(svgRight, numbers, svgSmall, false, muted, "end", "mean")
	c.y = numbers + float64(max(1, c.labels.maxLines))*svgLine
	if dist {
		c.y += svgLine + 6
		x := svgX0 + 10
		c.countBox(x, c.y-11, ink, "n")
		c.text(x+14, c.y, svgSmall, false, muted, "", svgClip("answers per point (raters who chose it)", svgRight-x-14, svgSmall, false))
		c.desc = append(c.desc, "Answers per point are counted from point 1 to point "+strconv.Itoa(c.v.max)+".")
	}
	c.y += 6
	c.line(svgX0, c.y, svgX1, c.y, rule)
	c.y += 4
	c.b.WriteString("</g>")
}

// row draws one group's bar with its numbers, or says there is nothing to show, in the report's
// words.
func (c *svgChart) row(grp groupView, cl *cell) {
	top := c.y
	c.b.WriteString("<g>")
	defer c.b.WriteString("</g>")
	raters := ""
	if cl != nil {
		raters = plural(cl.n, "rater")
	}
	labelW := svgRight - svgX0 - svgTextWidth(raters, false, svgSmall) - 8
	c.text(svgX0, top+svgLabel, svgLabel, false, ink, "", svgClip(grp.label, labelW, svgLabel, false))
	if cl == nil {
		msg := "not enough responses to show"
		c.text(svgX0, top+32, svgSmall, false, muted, "", msg)
		c.desc = append(c.desc, grp.label+": "+msg+".")
		c.y = top + 36 + svgRowGap
		return
	}
	c.text(svgRight, top+svgLabel, svgSmall, false, muted, "end", raters)
	band := top + 18
	for p := 1; p <= c.v.max; p++ {
		x := c.x(float64(p))
		c.line(x, band, x, band+16, gridline)
	}
	w := max(1, c.x(cl.mean)-svgX0)
	c.rect(svgX0, band+2, w, 12, grp.colour, outlined(grp.colour))
	c.text(svgRight, band+13, svgLabel, true, ink, "end", mean(cl.mean))
	said := grp.label + ": " + mean(cl.mean) + " (" + raters
	c.y = band + 18
	switch {
	case cl.dist != nil:
		c.distribution(c.y+1, cl.dist)
		counts := make([]string, len(cl.dist))
		for i, n := range cl.dist {
			counts[i] = strconv.Itoa(n)
		}
		said += "; answers per point: " + strings.Join(counts, ", ")
		c.y += 17
	case cl.note != "":
		c.text(svgX0, c.y+10, svgSmall, false, muted, "", cl.note)
		said += ", " + cl.note
		c.y += 14
	}
	c.desc = append(c.desc, said+").")
	c.y += svgRowGap
}

// distribution writes how many raters chose each point in a box under the point on the scale.
func (c *svgChart) distribution(top float64, dist []int) {
	for i, n := range dist {
		fill := ink
		if n == 0 {
			fill = muted
		}
		c.countBox(c.x(float64(i+1)), top, fill, strconv.Itoa(n))
	}
}

// countBox is one count of answers, boxed so that it does not read as part of the scale's
// labels, centred on x.
func (c *svgChart) countBox(x, top float64, fill rgb, s string) {
	w := max(20, svgTextWidth(s, false, svgSmall)+8)
	c.b.WriteString(`<rect x="` + svgNum(x-w/2) + `" y="` + svgNum(top) + `" width="` + svgNum(w) + `" height="14" rx="3" fill="` + faint.hex() + `"/>`)
	c.text(x, top+11, svgSmall, false, fill, "middle", s)
}
