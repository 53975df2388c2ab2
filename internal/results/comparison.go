package results

import (
	"math"
	"slices"
	"strings"
)

// Comparison is what changed between an engagement's baseline and its closing round, worked out
// from the two releases' published numbers alone, so it publishes nothing they do not. A group is
// compared only when both rounds published it with the same members: "Peers" in one round and
// "Peers and others" in the other measure different people and are not compared. An item is
// compared only when both rounds asked it, by id and wording.
type Comparison struct {
	BaselineRound string              `json:"baseline_round"`
	ClosingRound  string              `json:"closing_round"`
	Competencies  []CompetencyChanges `json:"competencies"`
	Items         []ItemChanges       `json:"items"`
}

// CompetencyChanges is one competency's changes, a group at a time.
type CompetencyChanges struct {
	ID      string   `json:"id"`
	Title   string   `json:"title"`
	Changes []Change `json:"changes"`
}

// ItemChanges is one item's changes, a group at a time.
type ItemChanges struct {
	ID         string   `json:"id"`
	Competency string   `json:"competency"`
	Text       string   `json:"text"`
	Changes    []Change `json:"changes"`
}

// Change is one group's scores in both rounds and the difference, closing less baseline.
// Meaningful says the difference passes the rule of MeaningfulChange.
type Change struct {
	Group      string  `json:"group"`
	Baseline   Side    `json:"baseline"`
	Closing    Side    `json:"closing"`
	Change     float64 `json:"change"`
	Meaningful bool    `json:"meaningful"`
}

// Side is a group's published score in one round.
type Side struct {
	N    int     `json:"n"`
	Mean float64 `json:"mean"`
}

// MinMeaningfulChange is the smallest change, in scale points, ever called meaningful: on a
// five-point scale, half a point is the difference between two neighbouring answers for half
// of the raters.
const MinMeaningfulChange = 0.5

// MeaningfulChange reports whether an item's change is meaningful. The rule: both rounds show
// the group's spread (so each has at least SpreadMinimum raters), the change is at least
// MinMeaningfulChange, and it is at least twice its standard error, the square root of
// sdBaseline²/nBaseline + sdClosing²/nClosing: roughly, a change that chance alone would give in
// fewer than one engagement in twenty, treating the rounds as independent samples. Where a round
// shows no spread, nothing is known of how far chance alone moves the mean, so no change is
// meaningful, however large.
func MeaningfulChange(baseline, closing Score) bool {
	if baseline.SD == nil || closing.SD == nil || baseline.N < SpreadMinimum || closing.N < SpreadMinimum {
		return false
	}
	change := math.Abs(closing.Mean - baseline.Mean)
	se := math.Sqrt(*baseline.SD**baseline.SD/float64(baseline.N) + *closing.SD**closing.SD/float64(closing.N))
	return change >= MinMeaningfulChange-1e-9 && change >= 2*se-1e-9
}

// Compare works out the comparison of two released rounds. A competency is compared for a group
// over the items compared for it, the mean of their published means in each round, where they
// are at least half of the competency's items both rounds asked; its change is meaningful when
// it is at least MinMeaningfulChange itself, at least half of those items changed meaningfully
// in its direction, and none moved by MinMeaningfulChange or more the other way.
func Compare(baselineRound string, baseline *Results, closingRound string, closing *Results) *Comparison {
	cmp := &Comparison{BaselineRound: baselineRound, ClosingRound: closingRound, Competencies: []CompetencyChanges{}, Items: []ItemChanges{}}
	pairs := comparedGroups(baseline, closing)
	before := map[string]ItemResult{}
	for _, it := range baseline.Items {
		before[it.ID] = it
	}
	byCompetency := map[string][]ItemChanges{}
	asked := map[string]int{}
	for _, after := range closing.Items {
		b, ok := before[after.ID]
		if !ok || b.Text != after.Text || b.Competency != after.Competency {
			continue
		}
		asked[after.Competency]++
		item := ItemChanges{ID: after.ID, Competency: after.Competency, Text: after.Text, Changes: []Change{}}
		for _, p := range pairs {
			bs, ok1 := scoreOf(b.Scores, p.baseline)
			cs, ok2 := scoreOf(after.Scores, p.closing)
			if !ok1 || !ok2 {
				continue
			}
			item.Changes = append(item.Changes, Change{
				Group:      p.closing,
				Baseline:   Side{N: bs.N, Mean: bs.Mean},
				Closing:    Side{N: cs.N, Mean: cs.Mean},
				Change:     round2(cs.Mean - bs.Mean),
				Meaningful: MeaningfulChange(bs, cs),
			})
		}
		cmp.Items = append(cmp.Items, item)
		byCompetency[after.Competency] = append(byCompetency[after.Competency], item)
	}
	for _, comp := range closing.Competencies {
		items := byCompetency[comp.ID]
		if len(items) == 0 {
			continue
		}
		cc := CompetencyChanges{ID: comp.ID, Title: comp.Title, Changes: []Change{}}
		for _, p := range pairs {
			if c, ok := competencyChange(p.closing, items, asked[comp.ID]); ok {
				cc.Changes = append(cc.Changes, c)
			}
		}
		cmp.Competencies = append(cmp.Competencies, cc)
	}
	return cmp
}

// competencyChange is a group's change on a competency from its items' changes, when they cover
// at least half of the asked items.
func competencyChange(group string, items []ItemChanges, asked int) (Change, bool) {
	var changes []Change
	for _, it := range items {
		for _, c := range it.Changes {
			if c.Group == group {
				changes = append(changes, c)
			}
		}
	}
	if len(changes) == 0 || 2*len(changes) < asked {
		return Change{}, false
	}
	out := Change{Group: group}
	var before, after float64
	for _, c := range changes {
		before += c.Baseline.Mean
		after += c.Closing.Mean
		out.Baseline.N = max(out.Baseline.N, c.Baseline.N)
		out.Closing.N = max(out.Closing.N, c.Closing.N)
	}
	out.Baseline.Mean = round2(before / float64(len(changes)))
	out.Closing.Mean = round2(after / float64(len(changes)))
	out.Change = round2(out.Closing.Mean - out.Baseline.Mean)
	meaningful, against := 0, false
	for _, c := range changes {
		with := (c.Change > 0) == (out.Change > 0) && out.Change != 0
		switch {
		case c.Meaningful && with:
			meaningful++
		case !with && math.Abs(c.Change) >= MinMeaningfulChange-1e-9:
			against = true // a large move the other way, meaningful or not
		}
	}
	out.Meaningful = !against && 2*meaningful >= len(changes) && meaningful > 0 && math.Abs(out.Change) >= MinMeaningfulChange-1e-9
	return out, true
}

// groupPair is a group published in both rounds, by its key in each.
type groupPair struct{ baseline, closing string }

// comparedGroups pairs the groups both rounds published with the same members, in the closing
// round's order.
func comparedGroups(baseline, closing *Results) []groupPair {
	members := func(g PublishedGroup) string {
		keys := make([]string, len(g.Members))
		for i, m := range g.Members {
			keys[i] = string(m)
		}
		slices.Sort(keys)
		if g.Key == KeyAllOthers {
			return KeyAllOthers + ":" + strings.Join(keys, "+")
		}
		return strings.Join(keys, "+")
	}
	before := map[string]string{}
	for _, g := range baseline.Groups {
		before[members(g)] = g.Key
	}
	var pairs []groupPair
	for _, g := range closing.Groups {
		if key, ok := before[members(g)]; ok {
			pairs = append(pairs, groupPair{baseline: key, closing: g.Key})
		}
	}
	return pairs
}

func scoreOf(scores []Score, group string) (Score, bool) {
	for _, s := range scores {
		if s.Group == group {
			return s, true
		}
	}
	return Score{}, false
}
