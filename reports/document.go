package reports

import (
	"time"

	"github.com/jung-kurt/gofpdf"
)

// pageGeometry is a paper size and the report's margins on it, in millimetres.
type pageGeometry struct {
	name                     string // gofpdf's name for the size
	width, height            float64
	left, right, top, bottom float64 // margins
}

func geometry(size PageSize) pageGeometry {
	g := pageGeometry{name: "A4", width: 210, height: 297, left: 18, right: 18, top: 18, bottom: 22}
	if size == Letter {
		g.name, g.width, g.height = "Letter", 215.9, 279.4
	}
	return g
}

func (g pageGeometry) contentWidth() float64 { return g.width - g.left - g.right }

// metadata is what the PDF says about itself. It names the leader and the coach, never a rater.
type metadata struct {
	title, author, subject string
	created                time.Time
}

// pageCountAlias is where the footer's page total goes: gofpdf replaces it in every page when the
// document is written. gofpdf's own "{nb}" would be replaced in a comment or a name too, which
// must be quoted as written; this private-use rune is one the font cannot draw, so showable turns
// it into the placeholder wherever it arrives in text, and only the footer ever holds it.
const pageCountAlias = "\uE000"

// newPDF starts a document with the report's fonts and metadata. Everything the report draws is
// at explicit positions, so gofpdf's own page breaking stays off.
func newPDF(g pageGeometry, meta metadata) *gofpdf.Fpdf {
	pdf := gofpdf.NewCustom(&gofpdf.InitType{OrientationStr: "P", UnitStr: "mm", SizeStr: g.name})
	pdf.AliasNbPages(pageCountAlias)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(g.left, g.top, g.right)
	// Sorted catalog entries make the bytes depend on the content alone, so a report drawn
	// twice from the same release is the same file.
	pdf.SetCatalogSort(true)
	pdf.SetTitle(meta.title, true)
	pdf.SetAuthor(meta.author, true)
	pdf.SetSubject(meta.subject, true)
	pdf.SetCreator("threesixty", true)
	pdf.SetProducer("threesixty", true)
	pdf.SetCreationDate(meta.created)
	pdf.SetModificationDate(meta.created)
	addFonts(pdf)
	return pdf
}
