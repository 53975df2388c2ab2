package reports

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/bidi"
	"golang.org/x/text/unicode/norm"
)

// unshowable replaces each stretch of text the report cannot draw faithfully. It reads as a
// notice, not as text, so nobody mistakes it for what the rater wrote.
const unshowable = "[text in a script this report cannot show]"

// drawable is the runes both report fonts have glyphs for. If the embedded fonts ever failed
// to parse, the report would fail on its first text anyway; here that shows as every
// non-ASCII rune being replaced, never as a crash.
var drawable = sync.OnceValue(func() *coverage {
	c, err := readCoverage(regularTTF)
	if err != nil {
		c = asciiOnly()
	}
	if b, err := readCoverage(boldTTF); err == nil {
		c.intersect(b)
	} else {
		c.intersect(asciiOnly())
	}
	return c
})

func asciiOnly() *coverage {
	c := new(coverage)
	for r := 0x20; r < 0x7F; r++ {
		c.add(r)
	}
	return c
}

// showable returns s as the report can draw it: in NFC, so that a letter typed as a base and a
// combining accent meets the font's precomposed glyph; with control characters as spaces; and
// with every stretch of runes the font lacks, or of right-to-left script (which gofpdf would
// lay out backwards), replaced by unshowable. Spaces, punctuation and joiners between two such
// runes belong to the stretch, so one foreign sentence gives one notice.
func showable(s string) string {
	if isPlain(s) {
		return s
	}
	s = norm.NFC.String(s)
	cov := drawable()
	var b strings.Builder
	b.Grow(len(s))
	var pending strings.Builder // neutral runes after a bad stretch, not yet known to be inside it
	inBad := false
	for _, r := range s {
		switch {
		case isIgnorable(r):
			if inBad {
				pending.WriteRune(r)
			}
		case r == '\t' || r == '\n' || r == '\r' || unicode.IsControl(r):
			flushNeutral(&b, &pending, inBad, ' ')
			inBad = false
		case !cov.has(r) || isRightToLeft(r):
			if !inBad {
				b.WriteString(unshowable)
				inBad = true
			}
			pending.Reset()
		case inBad && (unicode.IsSpace(r) || unicode.IsPunct(r)):
			pending.WriteRune(r)
		default:
			if inBad {
				flushNeutral(&b, &pending, true, 0)
				inBad = false
			}
			b.WriteRune(r)
		}
	}
	if inBad {
		flushNeutral(&b, &pending, true, 0)
	}
	return b.String()
}

// flushNeutral writes the neutral runes that turned out to follow a bad stretch rather than sit
// inside one, dropping the invisible ones, then extra unless it is zero.
func flushNeutral(b *strings.Builder, pending *strings.Builder, afterBad bool, extra rune) {
	if afterBad {
		for _, r := range pending.String() {
			if !isIgnorable(r) {
				b.WriteRune(r)
			}
		}
	}
	pending.Reset()
	if extra != 0 {
		b.WriteRune(extra)
	}
}

// isPlain spares the common case, printable ASCII, all the work.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] >= 0x7F {
			return false
		}
	}
	return true
}

// isIgnorable is a rune that draws nothing on its own: joiners and variation selectors, which
// emoji sequences are full of.
func isIgnorable(r rune) bool {
	return r == 0x200B || r == 0x200C || r == 0x200D || r == 0x2060 || r == 0xFEFF ||
		(r >= 0xFE00 && r <= 0xFE0F) || (r >= 0xE0100 && r <= 0xE01EF) || r == 0x200E || r == 0x200F
}

func isRightToLeft(r rune) bool {
	p, _ := bidi.LookupRune(r)
	switch p.Class() {
	case bidi.R, bidi.AL, bidi.AN, bidi.RLE, bidi.RLO, bidi.RLI:
		return true
	}
	return false
}
