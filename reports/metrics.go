package reports

import (
	"sync"

	"github.com/jung-kurt/gofpdf"
)

// ptToMM converts a font size in points to millimetres, the report's unit.
const ptToMM = 25.4 / 72

// advances holds, per font, every drawable rune's advance width in thousandths of the font
// size: the very numbers gofpdf lays text out with, read once through its public API so the
// layout can measure text without a document, from any goroutine.
var advances = sync.OnceValue(func() *[2][]uint16 {
	var a [2][]uint16
	pdf := gofpdf.New("P", "pt", "A4", "")
	addFonts(pdf)
	cov := drawable()
	for i, style := range []string{"", "B"} {
		// At 1000 pt in a document measured in points, a width is the font's own figure.
		pdf.SetFont(fontFamily, style, 1000)
		a[i] = make([]uint16, 0x10000)
		for r := rune(0x20); r < 0x10000; r++ {
			if cov.has(r) {
				a[i][r] = uint16(pdf.GetStringWidth(string(r)) + 0.5)
			}
		}
	}
	return &a
})

// textWidth is how wide s, already made showable, is in millimetres.
func textWidth(s string, bold bool, size float64) float64 {
	table := advances()[0]
	if bold {
		table = advances()[1]
	}
	units := 0
	for _, r := range s {
		if r < 0x10000 {
			units += int(table[r])
		}
	}
	return float64(units) * size / 1000 * ptToMM
}
