package reports

import (
	"bytes"
	"sync"
	"testing"

	"github.com/jung-kurt/gofpdf"
)

// TestFontsAreShared proves the fast path is in use: if gofpdf's internals ever differ from
// what fonts.go expects, documents silently parse the font again, and this test says so.
func TestFontsAreShared(t *testing.T) {
	if _, err := sharedFonts(); err != nil {
		t.Fatalf("the parsed fonts cannot be shared: %v", err)
	}
}

// TestSharedFontsDrawTheSameDocument draws one page both ways, with the shared parse and with
// gofpdf parsing the font itself, and wants the same bytes.
func TestSharedFontsDrawTheSameDocument(t *testing.T) {
	draw := func(shared bool) []byte {
		pdf := gofpdf.New("P", "mm", "A4", "")
		pdf.AliasNbPages(pageCountAlias)
		pdf.SetCatalogSort(true)
		pdf.SetCreationDate(fixedCreated)
		pdf.SetModificationDate(fixedCreated)
		if shared {
			addFonts(pdf)
		} else {
			pdf.AddUTF8FontFromBytes(fontFamily, "", bytes.Clone(regularTTF))
			pdf.AddUTF8FontFromBytes(fontFamily, "B", bytes.Clone(boldTTF))
		}
		pdf.AddPage()
		pdf.SetFont(fontFamily, "", 11)
		pdf.Text(20, 20, "Zoë Łukasiewicz, Nguyễn Thị Minh Khai, Αλέξανδρος, page 1 of "+pageCountAlias)
		pdf.SetFont(fontFamily, "B", 14)
		pdf.Text(20, 40, "Søren Ørsted, José Núñez")
		var buf bytes.Buffer
		if err := pdf.Output(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	if a, b := draw(true), draw(false); !bytes.Equal(a, b) {
		t.Errorf("a document with the shared fonts (%d bytes) differs from one that parsed them (%d bytes)", len(a), len(b))
	}
}

// TestConcurrentReportsShareFontsSafely renders reports at once; run with -race.
func TestConcurrentReportsShareFontsSafely(t *testing.T) {
	b := testBaseline("Zoë Łukasiewicz")
	want := render(t, b, Options{}).pdf
	var wg sync.WaitGroup
	outs := make([][]byte, 4)
	for i := range outs {
		wg.Go(func() {
			var buf bytes.Buffer
			if err := RenderBaseline(&buf, b, Options{Created: fixedCreated}); err != nil {
				t.Error(err)
			}
			outs[i] = buf.Bytes()
		})
	}
	wg.Wait()
	for i, out := range outs {
		if !bytes.Equal(out, want) {
			t.Errorf("report %d drawn concurrently differs from one drawn alone", i)
		}
	}
	for i := range regularTTF {
		if regularTTF[i] != fontBytesAtStart[i] {
			t.Fatalf("the embedded font changed at byte %d", i)
		}
	}
}

var fontBytesAtStart = bytes.Clone(regularTTF)
