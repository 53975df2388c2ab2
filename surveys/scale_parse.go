package surveys

import (
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Bounds on the number of scale points: fewer than two is not a rating,
// and more than eleven (0-10 style) is more than a rater can tell apart.
const (
	minPoints = 2
	maxPoints = 11
)

// scale reads the rating scale (line is where its key is) and checks that
// its values are 1..n in order. Reports, averages and the comparison of a
// baseline with a closing round all rely on that, so it is checked here
// once rather than everywhere a value is used.
func (c *checker) scale(n *yaml.Node, line int) Scale {
	m := c.fields(n, line, `"scale"`, "points", "not_able_to_rate", "zero")
	if m == nil {
		return Scale{}
	}
	c.require(m, "scale", "points", "not_able_to_rate")
	s := Scale{NotAbleToRate: c.phrase(m, "not_able_to_rate")}
	elems, ok := c.list(m, "points")
	if !ok {
		return s
	}
	if len(elems) == 0 {
		c.add(m.at("points"), "scale has no points")
		return s
	}
	lines := make([]int, 0, len(elems))
	complete := true
	for i, e := range elems {
		where := fmt.Sprintf("scale point %d", i+1)
		pv := c.fields(e, e.Line, where, "value", "label")
		if pv == nil {
			complete = false
			continue
		}
		c.require(pv, where, "value", "label")
		label := c.phrase(pv, "label")
		v, ok := c.integer(pv, "value")
		if !ok {
			complete = false
			continue
		}
		s.Points = append(s.Points, ScalePoint{Value: v, Label: label})
		lines = append(lines, pv.at("value"))
	}
	// With a value missing, any judgement about order or gaps would
	// only echo the problem already reported.
	if complete {
		c.checkValues(m.at("points"), s.Points, lines)
	}
	if m.values["zero"] != nil {
		if z, ok := c.integer(m, "zero"); ok {
			s.Zero = z
			// Checked against the points only once they are whole, so a broken list is one
			// problem rather than two.
			if complete && !s.Valid(z) {
				c.add(m.at("zero"), "zero %d is not one of the scale's values; it is the value shown as 0, so it must be one of 1 to %d", z, s.Max())
			}
		}
	}
	return s
}

// checkValues checks that the values are unique, run 1..n in file order,
// and that n is within bounds. line is where the list starts; lines holds
// each value's line.
func (c *checker) checkValues(line int, points []ScalePoint, lines []int) {
	first := make(map[int]int)
	unique := true
	for i, p := range points {
		if l, seen := first[p.Value]; seen {
			c.add(lines[i], "duplicate scale value %d (first on line %d)", p.Value, l)
			unique = false
			continue
		}
		first[p.Value] = lines[i]
	}
	if n := len(points); n < minPoints || n > maxPoints {
		c.add(line, "scale has %d point%s; it needs %d to %d", n, plural(n), minPoints, maxPoints)
	}
	if !unique {
		return
	}
	for i, p := range points {
		if p.Value != i+1 {
			got := make([]string, len(points))
			for j, p := range points {
				got[j] = strconv.Itoa(p.Value)
			}
			c.add(line, "scale values must count up from 1 without gaps (1, 2, 3, …); got %s", strings.Join(got, ", "))
			return
		}
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
