package reports

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// word is one word as pdftotext -bbox places it, in points from the page's top left.
type word struct {
	page                   int
	text                   string
	xMin, yMin, xMax, yMax float64
}

var (
	pageTag = regexp.MustCompile(`<page width="([0-9.]+)" height="([0-9.]+)">`)
	wordTag = regexp.MustCompile(`<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>`)
)

// words reads every word's box, with the page size.
func (r rendered) words(t testing.TB) (words []word, width, height float64) {
	out := poppler(t, "pdftotext", "-bbox", r.path, "-")
	page := 0
	for _, line := range strings.Split(out, "\n") {
		if m := pageTag.FindStringSubmatch(line); m != nil {
			page++
			width, _ = strconv.ParseFloat(m[1], 64)
			height, _ = strconv.ParseFloat(m[2], 64)
			continue
		}
		if m := wordTag.FindStringSubmatch(line); m != nil {
			w := word{page: page, text: m[5]}
			w.xMin, _ = strconv.ParseFloat(m[1], 64)
			w.yMin, _ = strconv.ParseFloat(m[2], 64)
			w.xMax, _ = strconv.ParseFloat(m[3], 64)
			w.yMax, _ = strconv.ParseFloat(m[4], 64)
			words = append(words, w)
		}
	}
	return words, width, height
}

// checkLayout fails on any word outside the margins, any two words that overlap, any page whose
// body holds fewer than three lines of text, and any page whose body ends in a heading (a word
// at least as tall as 10 pt type: pdftotext gives no fonts, but box heights tell them apart).
func checkLayout(t *testing.T, r rendered, size PageSize) {
	t.Helper()
	words, width, height := r.words(t)
	g := geometry(size)
	const mm = 72 / 25.4
	const slack = 1.0
	lines := map[int]map[float64]bool{}
	last := map[int]word{} // per page, the lowest word of the body
	for i, w := range words {
		if w.xMin < g.left*mm-slack || w.xMax > width-g.right*mm+slack || w.yMax > height-slack || w.yMin < slack {
			t.Errorf("page %d: %q at x %.1f-%.1f y %.1f-%.1f is outside the margins", w.page, w.text, w.xMin, w.xMax, w.yMin, w.yMax)
		}
		footer := w.yMin > height-g.bottom*mm
		if !footer {
			if lines[w.page] == nil {
				lines[w.page] = map[float64]bool{}
			}
			lines[w.page][float64(int(w.yMin))] = true
			if l, ok := last[w.page]; !ok || w.yMin > l.yMin+0.5 || (w.yMin > l.yMin-0.5 && w.yMax-w.yMin > l.yMax-l.yMin) {
				last[w.page] = w
			}
		} else if w.yMax > height-g.bottom*mm+12*mm {
			t.Errorf("page %d: %q runs into the page's foot", w.page, w.text)
		}
		for _, o := range words[i+1:] {
			if o.page != w.page {
				break
			}
			// Boxes are the font's full height; a sliver of overlap between lines is normal.
			dx := min(w.xMax, o.xMax) - max(w.xMin, o.xMin)
			dy := min(w.yMax, o.yMax) - max(w.yMin, o.yMin)
			if dx > 0.5 && dy > 0.3*min(w.yMax-w.yMin, o.yMax-o.yMin) {
				t.Errorf("page %d: %q and %q overlap", w.page, w.text, o.text)
			}
		}
	}
	for p, w := range last {
		if w.yMax-w.yMin >= 11.5 {
			t.Errorf("page %d ends with a heading: %q", p, w.text)
		}
	}
	for p := 1; p <= len(lines); p++ {
		if len(lines[p]) < 3 {
			t.Errorf("page %d holds only %d line(s) of text", p, len(lines[p]))
		}
	}
}
