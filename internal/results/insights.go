package results

import (
	"math"
	"sort"
)

// insightSize is how many items the highest and lowest lists hold.
const insightSize = 5

// insights reads the published item scores only: all_others for what raters see, self for the
// leader's own view. An item whose all_others score was withheld is on no list.
func insights(res *Results, gap float64) Insights {
	type row struct {
		item   ItemResult
		others Score
		self   *Score
	}
	var rows []row
	for _, item := range res.Items {
		var r row
		found := false
		for _, s := range item.Scores {
			switch s.Group {
			case KeyAllOthers:
				r.others, found = s, true
			case KeySelf:
				s := s
				r.self = &s
			}
		}
		if found {
			r.item = item
			rows = append(rows, r)
		}
	}
	ins := Insights{Highest: []ItemInsight{}, Lowest: []ItemInsight{}, BlindSpots: []ItemInsight{}, HiddenStrengths: []ItemInsight{}, Disagreement: []ItemInsight{}}
	base := func(r row) ItemInsight {
		return ItemInsight{Item: r.item.ID, Text: r.item.Text, Mean: r.others.Mean}
	}

	byMean := append([]row(nil), rows...)
	sort.SliceStable(byMean, func(i, j int) bool { return byMean[i].others.Mean > byMean[j].others.Mean })
	top := min(insightSize, len(byMean))
	for _, r := range byMean[:top] {
		ins.Highest = append(ins.Highest, base(r))
	}
	for i := len(byMean) - 1; i >= top && len(ins.Lowest) < insightSize; i-- {
		ins.Lowest = append(ins.Lowest, base(byMean[i]))
	}

	for _, r := range rows {
		if r.self == nil {
			continue
		}
		d := round2(r.self.Mean - r.others.Mean)
		in := base(r)
		self := r.self.Mean
		in.Self, in.Gap = &self, &d
		switch {
		case d >= gap-1e-9:
			ins.BlindSpots = append(ins.BlindSpots, in)
		case -d >= gap-1e-9:
			ins.HiddenStrengths = append(ins.HiddenStrengths, in)
		}
	}
	byGap := func(list []ItemInsight) {
		sort.SliceStable(list, func(i, j int) bool { return math.Abs(*list[i].Gap) > math.Abs(*list[j].Gap) })
	}
	byGap(ins.BlindSpots)
	byGap(ins.HiddenStrengths)

	for _, r := range rows {
		if r.others.SD != nil && *r.others.SD >= DisagreementSD {
			in := base(r)
			in.SD = r.others.SD
			ins.Disagreement = append(ins.Disagreement, in)
		}
	}
	sort.SliceStable(ins.Disagreement, func(i, j int) bool { return *ins.Disagreement[i].SD > *ins.Disagreement[j].SD })
	return ins
}
