package reports

import "github.com/jung-kurt/gofpdf"

// canvas is everything the report draws with. The layout talks to it alone, so one rendering can
// be recorded as a list of operations (record.go) and replayed straight into gofpdf: the floor
// the benchmark measures the renderer against.
type canvas interface {
	addPage()
	setFont(bold bool, size float64)
	setTextColour(c rgb)
	setFillColour(c rgb)
	setDrawColour(c rgb)
	setLineWidth(w float64)
	// text draws s with its baseline at y.
	text(x, y float64, s string)
	// rect draws a rectangle: style "F" fills, "D" outlines, "FD" does both.
	rect(x, y, w, h float64, style string)
	line(x1, y1, x2, y2 float64)
	// bookmark adds an entry to the PDF's outline, pointing at y on the current page.
	bookmark(title string, level int, y float64)
}

type rgb struct{ r, g, b uint8 }

// pdfCanvas draws into a gofpdf document.
type pdfCanvas struct{ pdf *gofpdf.Fpdf }

func (c pdfCanvas) addPage() { c.pdf.AddPage() }

func (c pdfCanvas) setFont(bold bool, size float64) {
	style := ""
	if bold {
		style = "B"
	}
	c.pdf.SetFont(fontFamily, style, size)
}

func (c pdfCanvas) setTextColour(k rgb)                   { c.pdf.SetTextColor(int(k.r), int(k.g), int(k.b)) }
func (c pdfCanvas) setFillColour(k rgb)                   { c.pdf.SetFillColor(int(k.r), int(k.g), int(k.b)) }
func (c pdfCanvas) setDrawColour(k rgb)                   { c.pdf.SetDrawColor(int(k.r), int(k.g), int(k.b)) }
func (c pdfCanvas) setLineWidth(w float64)                { c.pdf.SetLineWidth(w) }
func (c pdfCanvas) text(x, y float64, s string)           { c.pdf.Text(x, y, s) }
func (c pdfCanvas) rect(x, y, w, h float64, style string) { c.pdf.Rect(x, y, w, h, style) }
func (c pdfCanvas) line(x1, y1, x2, y2 float64)           { c.pdf.Line(x1, y1, x2, y2) }
func (c pdfCanvas) bookmark(title string, level int, y float64) {
	c.pdf.Bookmark(title, level, y)
}
