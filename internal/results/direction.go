package results

import "math"

// Direction is which way a competency moved between the baseline and the closing round, as a
// sponsor summary names it: never a number.
type Direction string

// The directions of a competency.
const (
	DirectionImproved    Direction = "improved"
	DirectionSteady      Direction = "steady"
	DirectionDeclined    Direction = "declined"
	DirectionNotMeasured Direction = "not_measured"
)

// Label is how a summary names the direction.
func (d Direction) Label() string {
	switch d {
	case DirectionImproved:
		return "Improved"
	case DirectionSteady:
		return "Held steady"
	case DirectionDeclined:
		return "Declined"
	}
	return "Not measured"
}

// DirectionOf is the direction of a competency, from the comparison alone, so that it says
// nothing the two releases did not publish. It reads one compared group's change on the
// competency: all others together when they were compared, else the compared group with the
// most raters (in the closing round, then in the baseline; then the first in the comparison's
// order). The leader's own ratings never count: a direction is what others saw. Improved when
// that change is meaningful and positive, declined when meaningful and negative, steady when it
// is smaller than MinMeaningfulChange; not measured when no group was compared on the
// competency, or it was not compared at all, and when the change is as large as a meaningful
// one would be but the rounds do not show enough to call it meaningful (too few raters for a
// spread): a large move that cannot be told from chance is not "steady".
func DirectionOf(cmp *Comparison, competency string) Direction {
	if cmp == nil {
		return DirectionNotMeasured
	}
	for _, cc := range cmp.Competencies {
		if cc.ID != competency {
			continue
		}
		c, ok := directionGroup(cc.Changes)
		switch {
		case !ok:
			return DirectionNotMeasured
		case c.Meaningful && c.Change > 0:
			return DirectionImproved
		case c.Meaningful && c.Change < 0:
			return DirectionDeclined
		case math.Abs(c.Change) >= MinMeaningfulChange-1e-9:
			return DirectionNotMeasured
		}
		return DirectionSteady
	}
	return DirectionNotMeasured
}

// directionGroup picks the change a direction is read from, by the rule of DirectionOf.
func directionGroup(changes []Change) (Change, bool) {
	var best Change
	found := false
	for _, c := range changes {
		switch {
		case c.Group == KeySelf:
			continue
		case c.Group == KeyAllOthers:
			return c, true
		case !found || c.Closing.N > best.Closing.N || (c.Closing.N == best.Closing.N && c.Baseline.N > best.Baseline.N):
			best, found = c, true
		}
	}
	return best, found
}
