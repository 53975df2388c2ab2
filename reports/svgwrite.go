package reports

import (
	"fmt"
	"html/template"
	"math"
	"strconv"
)

// esc escapes text for an SVG element or a quoted attribute, read as XML or as HTML alike.
func esc(s string) string { return template.HTMLEscapeString(s) }

// svgNum writes a coordinate to two decimals at most.
func svgNum(f float64) string { return strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64) }

func (c rgb) hex() string { return fmt.Sprintf("#%02x%02x%02x", c.r, c.g, c.b) }

// text writes one line of text with its baseline at y; anchor is "" (starting at x), "middle"
// or "end".
func (c *svgChart) text(x, y, size float64, bold bool, fill rgb, anchor, s string) {
	if s == "" {
		return
	}
	c.b.WriteString(`<text x="` + svgNum(x) + `" y="` + svgNum(y) + `" font-size="` + svgNum(size) + `" fill="` + fill.hex() + `"`)
	if bold {
		c.b.WriteString(` font-weight="bold"`)
	}
	if anchor != "" {
		c.b.WriteString(` text-anchor="` + anchor + `"`)
	}
	c.b.WriteString(`>` + esc(s) + `</text>`)
}

// rect fills a rectangle, with an edge when edged, as the report edges light colours.
func (c *svgChart) rect(x, y, w, h float64, fill rgb, edged bool) {
	c.b.WriteString(`<rect x="` + svgNum(x) + `" y="` + svgNum(y) + `" width="` + svgNum(w) + `" height="` + svgNum(h) + `" fill="` + fill.hex() + `"`)
	if edged {
		c.b.WriteString(` stroke="` + muted.hex() + `" stroke-width="0.75"`)
	}
	c.b.WriteString(`/>`)
}

func (c *svgChart) line(x1, y1, x2, y2 float64, colour rgb) {
	c.b.WriteString(`<line x1="` + svgNum(x1) + `" y1="` + svgNum(y1) + `" x2="` + svgNum(x2) + `" y2="` + svgNum(y2) +
		`" stroke="` + colour.hex() + `" stroke-width="1"/>`)
}

// svgTextWidth estimates how wide showable text is at size, in the same units, from the
// report's font: DejaVu Sans is wider than most sans-serif fonts a page may use instead, so text
// measured to fit still fits.
func svgTextWidth(s string, bold bool, size float64) float64 {
	return textWidth(s, bold, size) / ptToMM
}

// svgWrap and svgClip are the report's wrap and clip with widths in the charts' units: a width
// there is the report's width in millimetres of text at a size in points.
func svgWrap(s string, width, size float64, bold bool) []string {
	return wrap(showable(s), width*ptToMM, style{size: size, bold: bold, leading: 1})
}

func svgClip(s string, width, size float64, bold bool) string {
	return clip(s, width*ptToMM, style{size: size, bold: bold, leading: 1})
}
