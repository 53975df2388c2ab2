package surveys

import (
	"math"
	"strconv"
	"strings"
)

// Scale is the rating scale every item is answered on. The loader guarantees
// its point values are exactly 1..n in order, so a value doubles as an index
// and averages mean the same thing on every instrument with the same n.
type Scale struct {
	Points []ScalePoint

	// NotAbleToRate labels the choice a rater makes when they have not seen
	// the behaviour. It is not a point: such answers count towards no score,
	// which keeps guesses out of the averages.
	NotAbleToRate string

	// Zero is the value shown as 0 on a scale of change (a pulse's "no change" in the middle of
	// -3..+3), or 0 when the scale is not one. Values stay 1..n wherever they are kept or
	// computed; only what a person reads is shifted, v-Zero, so every average, threshold and
	// audit works on a change scale exactly as on any other.
	Zero int
}

// ScalePoint is one answer on the scale, such as 4 "Often".
type ScalePoint struct {
	Value int
	Label string
}

// Max returns the highest point value, the top of every chart and the
// denominator when scores are shown as a share of the scale.
func (s Scale) Max() int {
	highest := 0
	for _, p := range s.Points {
		highest = max(highest, p.Value)
	}
	return highest
}

// Valid reports whether v is one of the point values, so a submitted
// answer can be checked before it is stored.
func (s Scale) Valid(v int) bool {
	for _, p := range s.Points {
		if p.Value == v {
			return true
		}
	}
	return false
}

// Centred reports whether the scale is one of change, shown around its Zero.
func (s Scale) Centred() bool { return s.Zero != 0 }

// Shown returns the number a person reads for value v: v itself, or v-Zero on a scale of change.
func (s Scale) Shown(v float64) float64 {
	if s.Centred() {
		return v - float64(s.Zero)
	}
	return v
}

// Signed writes a number read on a scale of change as a person reads it: "+1.3", "−0.5", "0"
// (one decimal, a true minus sign, no sign on a change that rounds to nothing). decimals is 0
// for a scale point, 1 for a mean.
func Signed(v float64, decimals int) string {
	s := strconv.FormatFloat(math.Abs(v), 'f', decimals, 64)
	if strings.Trim(s, "0.") == "" {
		return "0"
	}
	if v < 0 {
		return "−" + s
	}
	return "+" + s
}

// PointLabel names one point as a page shows it: its label alone, or on a scale of change its
// signed value first ("−3 Much less effective", "0 No change").
func (s Scale) PointLabel(p ScalePoint) string {
	if !s.Centred() {
		return p.Label
	}
	return Signed(s.Shown(float64(p.Value)), 0) + " " + p.Label
}
