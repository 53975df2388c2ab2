package reports

import (
	"strconv"
	"strings"
	"testing"

	"threesixty/internal/results"
	"threesixty/surveys"
)

// testPulseRelease is testPulse's release on the pulse generated for two goals, with one group
// the release withholds on the second goal.
func testPulseRelease(t *testing.T) Baseline {
	t.Helper()
	in, err := surveys.Pulse("Alex Morgan", []surveys.PulseGoal{{Title: "Decide & delegate"}, {Title: "Listen <first>"}})
	if err != nil {
		t.Fatal(err)
	}
	res := testPulse().Results
	res.Groups = append(res.Groups, results.PublishedGroup{Key: "peer", Label: "Peers", Respondents: 3})
	res.Competencies[0].Scores = append(res.Competencies[0].Scores, results.CompetencyScore{Group: "peer", N: 3, Mean: 2.67, Items: 1})
	res.Competencies[1].Title = "Listen <first>"
	return Baseline{Results: res, Instrument: in}
}

// TestPulseChartsShowTheChangeAroundZero: every published score is shown as its change, v − 4,
// with its raters, in the rows, the chart and its description; a withheld one says so; the axis
// reads −3..+3 with 0 in the middle, and a bar runs from 0 to the change, left for a negative one.
func TestPulseChartsShowTheChangeAroundZero(t *testing.T) {
	b := testPulseRelease(t)
	ch, err := WebPulseCharts(b)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(ch.Scale, "|"); got != "−3 Much less effective|−2 Less effective|−1 Slightly less effective|0 No change|+1 Slightly more effective|+2 More effective|+3 Much more effective" {
		t.Errorf("the scale reads %q", got)
	}
	if len(ch.Legend) != 3 || ch.Legend[0].Label != "Self" || ch.Legend[1].Label != "All others" || ch.Legend[2].Respondents != 3 {
		t.Errorf("legend %+v", ch.Legend)
	}
	want := [][]PulseRow{
		{{"Self", "+2.00", 1}, {"All others", "+1.33", 6}, {"Peers", "−1.33", 3}},
		{{"Self", "−1.00", 1}, {"All others", "−0.40", 5}, {"Peers", "", 0}},
	}
	if len(ch.Goals) != 2 {
		t.Fatalf("%d goals", len(ch.Goals))
	}
	for g, goal := range ch.Goals {
		if goal.ID != surveys.PulseCompetencyID(g) {
			t.Errorf("goal %d is %s", g, goal.ID)
		}
		for i, r := range goal.Rows {
			if r != want[g][i] {
				t.Errorf("goal %d row %d: %+v, want %+v", g, i, r, want[g][i])
			}
		}
		svg := parseSVG(t, goal.Chart)
		axis := svg.groups()[0].texts()
		if got := strings.Join(axis[:7], " "); got != "−3 −2 −1 0 +1 +2 +3" {
			t.Errorf("goal %d: the axis reads %q", g, got)
		}
		rowsOf := rows(t, svg)
		for i, r := range want[g] {
			got := strings.Join(rowsOf[i].texts(), "|")
			w := r.Group + "|" + plural(r.N, "rater") + "|" + r.Change
			if r.Change == "" {
				w = r.Group + "|not enough responses to show"
			}
			if got != w {
				t.Errorf("goal %d row %d shows %q, want %q", g, i, got, w)
			}
		}
		desc := string(goal.Chart)
		for _, r := range want[g] {
			if r.Change != "" && !strings.Contains(desc, r.Group+": "+r.Change+" ("+plural(r.N, "rater")+").") {
				t.Errorf("goal %d: the description lacks %s", g, r.Group)
			}
		}
	}
	// All others' +1.33 runs right from 0; Peers' −1.33 left to it, as long.
	zero := svgX0 + 3.0/6*(svgX1-svgX0)
	bars := map[string][2]float64{}
	for i, row := range rows(t, parseSVG(t, ch.Goals[0].Chart)) {
		for _, n := range row.children {
			if n.name == "rect" {
				x, _ := strconv.ParseFloat(n.attrs["x"], 64)
				w, _ := strconv.ParseFloat(n.attrs["width"], 64)
				bars[want[0][i].Group] = [2]float64{x, w}
			}
		}
	}
	if o, p := bars["All others"], bars["Peers"]; o[0] < zero-0.01 || o[0] > zero+0.01 || p[0]+p[1] < zero-0.01 || p[0]+p[1] > zero+0.01 || o[1]-p[1] > 0.02 || p[1]-o[1] > 0.02 {
		t.Errorf("bars from 0: all others %v, peers %v, 0 at %.2f", o, p, zero)
	}
	if strings.Contains(string(ch.Goals[1].Chart), "<first>") {
		t.Error("a goal's title reached the chart unescaped")
	}
}

func TestPulseChartsNeedAScaleOfChange(t *testing.T) {
	if _, err := WebPulseCharts(testBaseline("Alex Morgan")); err == nil {
		t.Error("pulse charts drawn on a scale that is not one of change")
	}
	if _, err := WebPulseCharts(Baseline{}); err == nil {
		t.Error("pulse charts drawn without a release")
	}
}
