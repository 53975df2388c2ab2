package reports

import (
	"strings"
	"testing"

	"threesixty/internal/results"
	"threesixty/internal/threesixty"
	"threesixty/surveys"
)

// TestLayoutHoldsForOtherShapes renders releases unlike the usual one: every rater group
// published on its own, a seven-point scale with long labels, one to twelve items a competency,
// and checks each for text outside the margins, overlaps, stranded headings and empty pages.
func TestLayoutHoldsForOtherShapes(t *testing.T) {
	allGroups := []results.PublishedGroup{
		{Key: "self", Label: "Self", Members: []threesixty.RaterGroup{"self"}, Respondents: 1},
		{Key: "superior", Label: "Superiors", Members: []threesixty.RaterGroup{"superior"}, Respondents: 2},
		{Key: "peer", Label: "Peers", Members: []threesixty.RaterGroup{"peer"}, Respondents: 6},
		{Key: "direct_report", Label: "Direct reports", Members: []threesixty.RaterGroup{"direct_report"}, Respondents: 9},
		{Key: "other", Label: "Others, such as clients and partners from outside the organisation", Members: []threesixty.RaterGroup{"other"}, Respondents: 5},
		{Key: "all_others", Label: "All others", Members: []threesixty.RaterGroup{"superior", "peer", "direct_report", "other"}, Respondents: 22},
	}
	sevenPoints := []string{"Almost never", "Very rarely", "Rarely", "Sometimes", "Frequently", "Very frequently", "Almost always, in every situation"}
	for _, c := range []struct {
		name     string
		items    int
		points   []string
		size     PageSize
		comments int
	}{
		{"one item, five points", 1, nil, A4, 3},
		{"twelve items, seven points", 12, sevenPoints, Letter, 45},
		{"seven items, seven points", 7, sevenPoints, A4, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := testBaseline("Nguyễn Thị Minh Khai")
			b.Instrument = testInstrument(c.items, nil)
			if c.points != nil {
				b.Instrument.Scale.Points = nil
				for i, p := range c.points {
					b.Instrument.Scale.Points = append(b.Instrument.Scale.Points, surveys.ScalePoint{Value: i + 1, Label: p})
				}
			}
			rel := release{groups: allGroups, comments: c.comments}
			b.Results = rel.build(b.Instrument)
			if c.points != nil {
				for i := range b.Results.Items {
					for j := range b.Results.Items[i].Scores {
						s := &b.Results.Items[i].Scores[j]
						if s.Distribution != nil {
							s.Distribution = append(s.Distribution, 1, 0)
						}
					}
				}
			}
			r := render(t, b, Options{PageSize: c.size})
			checkLayout(t, r, c.size)
			if c.comments == 0 && !strings.Contains(r.text(t), "No comments to show for this question.") {
				t.Error("a question without comments does not say so")
			}
		})
	}
}
