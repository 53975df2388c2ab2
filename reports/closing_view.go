package reports

import (
	"slices"
	"strings"
	"time"

	"threesixty/internal/results"
)

// closingView is a closing report's input as the report reads it: the closing release seen as
// the baseline report sees a release (so comment pages and goal tables are the same), the groups
// the comparison covers in the order charts show them, and why any other group is not compared.
type closingView struct {
	c        Closing
	opt      Options
	rel      *view // the closing release
	compared []groupView
	// notCompared says, a sentence a group, why a published group has no change shown.
	notCompared []string
	changes     map[string]map[string]results.Change // competency id, then group key
	pulse       *view                                // the pulse's release; nil without a pulse
}

func newClosingView(c Closing, opt Options) *closingView {
	v := &closingView{c: c, opt: opt, changes: map[string]map[string]results.Change{}}
	v.rel = newView(Baseline{Leader: c.Leader, Coach: c.Coach, Instrument: c.Instrument, Opened: c.Closing.Opened,
		Closed: c.Closing.Closed, Results: c.Results, SuperiorIdentifiable: c.SuperiorIdentifiable, Goals: c.Goals}, opt)
	if c.Pulse != nil {
		v.pulse = newView(Baseline{Leader: c.Leader, Results: c.Pulse.Results, Instrument: c.Instrument}, opt)
	}
	inComparison := map[string]bool{}
	for _, cc := range c.Comparison.Competencies {
		v.changes[cc.ID] = map[string]results.Change{}
		for _, ch := range cc.Changes {
			v.changes[cc.ID][ch.Group] = ch
			inComparison[ch.Group] = true
		}
	}
	for _, it := range c.Comparison.Items {
		for _, ch := range it.Changes {
			inComparison[ch.Group] = true
		}
	}
	// All others first, the groups after it, the leader's own ratings last: the change most
	// people stand behind comes first.
	var self *groupView
	for _, g := range v.rel.groups {
		if !inComparison[g.key] {
			v.notCompared = append(v.notCompared, v.whyNotCompared(g))
			continue
		}
		g := g
		switch g.key {
		case results.KeySelf:
			self = &g
		case results.KeyAllOthers:
			v.compared = append([]groupView{g}, v.compared...)
		default:
			v.compared = append(v.compared, g)
		}
	}
	if self != nil {
		v.compared = append(v.compared, *self)
	}
	for i := range v.compared {
		v.compared[i].colour = seriesColour(1)
	}
	for _, b := range c.Baseline.Groups {
		if !v.overlapsClosing(b) {
			v.notCompared = append(v.notCompared, showable(b.Label)+" were shown only at the baseline, so their change is not shown.")
		}
	}
	return v
}

// members names the rater groups a published group is made of, in one order, All others apart
// from a group of the same members: as the comparison pairs groups.
func members(g results.PublishedGroup) string {
	keys := make([]string, len(g.Members))
	for i, m := range g.Members {
		keys[i] = string(m)
	}
	slices.Sort(keys)
	if g.Key == results.KeyAllOthers {
		return results.KeyAllOthers + ":" + strings.Join(keys, "+")
	}
	return strings.Join(keys, "+")
}

func sharesMember(a, b results.PublishedGroup) bool {
	if (a.Key == results.KeyAllOthers) != (b.Key == results.KeyAllOthers) {
		return false
	}
	for _, m := range a.Members {
		if slices.Contains(b.Members, m) {
			return true
		}
	}
	return false
}

// whyNotCompared says, in one sentence, why a closing group has no change shown.
func (v *closingView) whyNotCompared(g groupView) string {
	var pg results.PublishedGroup
	for _, p := range v.c.Results.Groups {
		if p.Key == g.key {
			pg = p
		}
	}
	var before []string
	for _, b := range v.c.Baseline.Groups {
		if members(b) == members(pg) {
			return g.label + " were shown in both rounds, but on too few of the same items for a change to be shown."
		}
		if sharesMember(b, pg) {
			before = append(before, showable(b.Label))
		}
	}
	if g.key == results.KeyAllOthers {
		return "All others were made up of different rater groups in the two rounds (a group shown in one round was too small in the other), so their change is not shown."
	}
	if len(before) > 0 {
		return g.label + " were grouped differently in the two rounds (at the baseline: " + strings.Join(before, ", ") + "), so their change is not shown."
	}
	return g.label + " were shown only in the closing round, so their change is not shown."
}

// overlapsClosing says whether a baseline group has raters of a kind the closing round published.
func (v *closingView) overlapsClosing(b results.PublishedGroup) bool {
	for _, g := range v.c.Results.Groups {
		if members(g) == members(b) || sharesMember(g, b) {
			return true
		}
	}
	return false
}

// change is a compared group's change on a competency, nil where there is none.
func (v *closingView) change(competency, group string) *results.Change {
	if ch, ok := v.changes[competency][group]; ok {
		return &ch
	}
	return nil
}

func (v *closingView) date(t time.Time) string { return v.rel.date(t) }

// othersCompared says whether All others is among the compared groups.
func (v *closingView) othersCompared() bool {
	return len(v.compared) > 0 && v.compared[0].key == results.KeyAllOthers
}
