package surveys

// Scale is the rating scale every item is answered on. The loader guarantees
// its point values are exactly 1..n in order, so a value doubles as an index
// and averages mean the same thing on every instrument with the same n.
type Scale struct {
	Points []ScalePoint

	// NotAbleToRate labels the choice a rater makes when they have not seen
	// the behaviour. It is not a point: such answers count towards no score,
	// which keeps guesses out of the averages.
	NotAbleToRate string
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
