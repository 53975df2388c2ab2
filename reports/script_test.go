package reports

import (
	"strings"
	"testing"
)

func TestShowableKeepsWhatTheFontDraws(t *testing.T) {
	for _, s := range []string{"Zoë Łukasiewicz", "Nguyễn Thị Minh Khai", "Søren Ørsted", "José Núñez", "Αλέξανδρος", "Иван Петров", "plain ASCII, 3.75"} {
		if got := showable(s); got != s {
			t.Errorf("showable(%q) = %q", s, got)
		}
	}
}

func TestShowableComposesAccents(t *testing.T) {
	decomposed := "Nguye\u0302\u0303n Zoe\u0308"
	if got := showable(decomposed); got != "Nguyễn Zoë" {
		t.Errorf("showable(%q) = %q, want the precomposed letters", decomposed, got)
	}
}

func TestShowableMarksWhatItCannotDraw(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"张伟", unshowable},
		{"Great work, 张伟 and 李娜!", "Great work, " + unshowable + " and " + unshowable + "!"},
		{"مرحبا بالعالم", unshowable},
		{"Thanks שלום עליכם team", "Thanks " + unshowable + " team"},
		{"Great 👍🏽 work", "Great " + unshowable + " work"},
		{"Family 👨‍👩‍👧 photo", "Family " + unshowable + " photo"},
		{"tab\there", "tab here"},
	} {
		if got := showable(c.in); got != c.want {
			t.Errorf("showable(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestWrapKeepsLinesWithinWidth(t *testing.T) {
	text := showable("Zoë Łukasiewicz " + strings.Repeat("Supercalifragilisticexpialidocious", 4) + " and a few more words that go on for a while")
	for _, w := range []float64{20, 60, 150} {
		lines := wrap(text, w, body)
		if strings.Join(strings.Fields(strings.Join(lines, "")), "") != strings.Join(strings.Fields(text), "") {
			t.Errorf("wrapping at %v lost text: %q", w, lines)
		}
		for _, l := range lines {
			if textWidth(l, false, body.size) > w+1e-9 {
				t.Errorf("line %q is %.1f mm wide, more than %v", l, textWidth(l, false, body.size), w)
			}
		}
	}
}

// TestShowableLeavesOnlyDrawableRunes runs every rune of every plane in use through showable:
// what comes out is drawable by both fonts, and so safe to hand to gofpdf, whose width table
// would index out of range above U+FFFF.
func TestShowableLeavesOnlyDrawableRunes(t *testing.T) {
	cov := drawable()
	var b strings.Builder
	for r := rune(0); r < 0x20000; r++ {
		b.WriteRune(r)
		if r%64 == 63 {
			for _, got := range showable(b.String()) {
				if !cov.has(got) && got != ' ' {
					t.Fatalf("showable let %U through", got)
				}
			}
			b.Reset()
		}
	}
}
