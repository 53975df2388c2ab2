package reports

import (
	"strconv"
	"time"

	"threesixty/internal/results"
	"threesixty/surveys"
)

// view is a baseline as the report reads it: the published groups in the order charts show
// them, and lookups by id. It holds no number of its own.
type view struct {
	b      Baseline
	opt    Options
	res    *results.Results
	in     *surveys.Instrument
	groups []groupView
	byKey  map[string]int // group key to index in groups
	max    int            // top of the scale
}

type groupView struct {
	key, label  string
	respondents int
	colour      rgb
}

func newView(b Baseline, opt Options) *view {
	v := &view{b: b, opt: opt, res: b.Results, in: b.Instrument, byKey: map[string]int{}, max: b.Instrument.Scale.Max()}
	if v.max < 2 {
		v.max = 2
	}
	// Self first, then everyone else together, then each published group: the order a reader
	// compares in.
	var rest []results.PublishedGroup
	var self, others *results.PublishedGroup
	for i := range v.res.Groups {
		g := &v.res.Groups[i]
		switch g.Key {
		case results.KeySelf:
			self = g
		case results.KeyAllOthers:
			others = g
		default:
			rest = append(rest, *g)
		}
	}
	ordered := make([]results.PublishedGroup, 0, len(v.res.Groups))
	if self != nil {
		ordered = append(ordered, *self)
	}
	if others != nil {
		ordered = append(ordered, *others)
	}
	ordered = append(ordered, rest...)
	for i, g := range ordered {
		v.byKey[g.Key] = len(v.groups)
		v.groups = append(v.groups, groupView{key: g.Key, label: showable(g.Label), respondents: g.Respondents, colour: seriesColour(i)})
	}
	return v
}

// byGroup lines scores up with the published groups; a group without a published score gets
// nil, and a score of a group that is not published is ignored, never shown.
func byGroup[S any](v *view, scores []S, group func(*S) string) []*S {
	out := make([]*S, len(v.groups))
	for i := range scores {
		if k, ok := v.byKey[group(&scores[i])]; ok {
			out[k] = &scores[i]
		}
	}
	return out
}

// anySpread says whether the release published the answers per point anywhere.
func (v *view) anySpread() bool {
	for _, it := range v.res.Items {
		for _, s := range it.Scores {
			if s.Distribution != nil {
				return true
			}
		}
	}
	return false
}

func (v *view) groupLabel(key string) (string, bool) {
	if k, ok := v.byKey[key]; ok {
		return v.groups[k].label, true
	}
	return "", false
}

func (v *view) competencyTitle(id string) string {
	for _, c := range v.res.Competencies {
		if c.ID == id {
			return showable(c.Title)
		}
	}
	if c, ok := v.in.Competency(id); ok {
		return showable(c.Title)
	}
	return showable(id)
}

func (v *view) itemsOf(competency string) []results.ItemResult {
	var items []results.ItemResult
	for _, it := range v.res.Items {
		if it.Competency == competency {
			items = append(items, it)
		}
	}
	return items
}

func (v *view) date(t time.Time) string {
	return t.In(v.opt.Location).Format("2 January 2006")
}

func (v *view) pointLabel(value int) string {
	for _, p := range v.in.Scale.Points {
		if p.Value == value {
			return showable(p.Label)
		}
	}
	return strconv.Itoa(value)
}

// mean shows a published mean as the release rounded it, to two decimals.
func mean(m float64) string { return strconv.FormatFloat(m, 'f', 2, 64) }

// signed shows a published difference with its sign.
func signed(d float64) string {
	if d > 0 {
		return "+" + mean(d)
	}
	if d < 0 {
		return "-" + mean(-d)
	}
	return mean(d)
}
