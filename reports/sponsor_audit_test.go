package reports

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"

	"threesixty/internal/results"
	"threesixty/internal/threesixty"
	"threesixty/surveys"
)

// answering gives n raters of a group answers to every item: competency c's items get
// value(c)+i%2 from rater i (so groups of five or more show a spread), and a comment with digits
// in it, which the summary must never carry.
func answering(in *surveys.Instrument, g threesixty.RaterGroup, n int, value func(c int) int) []threesixty.Response {
	var out []threesixty.Response
	for i := range n {
		a := threesixty.Answers{Ratings: map[string]*int{}, Comments: map[string]string{}}
		for c, comp := range in.Competencies {
			for _, it := range in.ItemsOf(comp.ID) {
				v := min(5, max(1, value(c)+i%2))
				a.Ratings[it.ID] = &v
			}
		}
		a.Comments[in.Questions[0].ID] = "Rated them 4 out of 5 in the meeting of 12 May"
		out = append(out, threesixty.Response{Group: g, Answers: a})
	}
	return out
}

// TestTheSummaryIsAFunctionOfThePublishedComparisonAlone: known answers go through a baseline
// and a closing release; the comparison, as the JSON the leader's reports carry, is all the
// directions are made from, and each direction the summary prints is the one recomputed from
// that JSON by the rule, independently of the code under test. Nothing else of the answers can
// reach it, and it prints no number but dates and the session count.
func TestTheSummaryIsAFunctionOfThePublishedComparisonAlone(t *testing.T) {
	in := testInstrument(3, nil)
	// Competency 0 rises two points, 1 falls two, 2 stays, the rest move by one point for
	// direct reports only.
	before := func(c int) int { return 2 + c%2 }
	after := func(c int) int {
		switch c {
		case 0:
			return before(c) + 2
		case 1:
			return before(c) - 1
		}
		return before(c)
	}
	release := func(value func(int) int, drValue func(int) int, baseline *results.Results) *results.Results {
		var responses []threesixty.Response
		responses = append(responses, answering(in, threesixty.GroupSelf, 1, func(int) int { return 5 })...)
		responses = append(responses, answering(in, threesixty.GroupPeer, 6, value)...)
		responses = append(responses, answering(in, threesixty.GroupDirectReport, 5, drValue)...)
		responses = append(responses, answering(in, threesixty.GroupSuperior, 2, value)...)
		input := results.Input{Instrument: in, Threshold: 3, Responses: responses, Shuffle: func(int, func(int, int)) {}}
		if baseline != nil {
			input.Baseline = &results.BaselineGroups{Groups: baseline.Groups, Respondents: map[threesixty.RaterGroup]int{
				threesixty.GroupSelf: 1, threesixty.GroupPeer: 6, threesixty.GroupDirectReport: 5, threesixty.GroupSuperior: 2,
			}}
		}
		res, _, err := results.Compute(input)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	base := release(before, before, nil)
	closing := release(after, func(c int) int {
		if c >= 2 {
			return before(c) + 1
		}
		return after(c)
	}, base)
	published, err := json.Marshal(results.Compare("baseline", base, "closing", closing))
	if err != nil {
		t.Fatal(err)
	}
	var cmp results.Comparison
	if err := json.Unmarshal(published, &cmp); err != nil {
		t.Fatal(err)
	}

	src := sponsorSources(threesixty.ConsentThemesAndProgress)
	src.Instrument, src.Baseline, src.Comparison = in, base, &cmp
	src.Goals = []threesixty.Goal{
		{Title: "Set direction", Competencies: []string{in.Competencies[0].ID, in.Competencies[1].ID}},
		{Title: "Grow the team", Competencies: []string{in.Competencies[2].ID, in.Competencies[3].ID}},
	}
	summary := NewSponsorSummary(src)
	text := squash(renderSponsor(t, summary).text(t))

	want := map[string]results.Direction{}
	for _, id := range []string{in.Competencies[0].ID, in.Competencies[1].ID, in.Competencies[2].ID, in.Competencies[3].ID} {
		want[id] = directionFromJSON(t, published, id)
	}
	// The known answers: up, down, steady for all others (direct reports alone moved).
	if want[in.Competencies[0].ID] != results.DirectionImproved || want[in.Competencies[1].ID] != results.DirectionDeclined ||
		want[in.Competencies[2].ID] != results.DirectionSteady || want[in.Competencies[3].ID] != results.DirectionSteady {
		t.Fatalf("the fixture's directions are %v; the answers were chosen to improve, decline and hold steady", want)
	}
	for i, theme := range summary.Themes {
		id := in.Competencies[i].ID
		if theme.Direction != want[id] || !strings.Contains(text, theme.Title+" "+want[id].Label()) {
			t.Errorf("%s: the summary says %s, the published comparison %s", theme.Title, theme.Direction, want[id])
		}
	}
	// The same published comparison gives the same summary, whatever the answers behind it.
	src.Baseline = nil
	again := NewSponsorSummary(src)
	for i := range summary.Themes {
		if again.Themes[i] != summary.Themes[i] {
			t.Errorf("theme %d depends on more than the comparison: %+v, then %+v", i, summary.Themes[i], again.Themes[i])
		}
	}

	// Group labels are looked for outside the competencies' names ("Self" in "Self-awareness").
	outsideNames := text
	for _, c := range in.Competencies {
		outsideNames = strings.ReplaceAll(outsideNames, c.Title, "")
	}
	for _, g := range append(base.Groups, closing.Groups...) {
		if strings.Contains(outsideNames, g.Label) {
			t.Errorf("the summary names the group %q", g.Label)
		}
	}
	for _, it := range in.Items {
		if strings.Contains(text, it.Others) {
			t.Errorf("the summary quotes the item %q", it.Others)
		}
	}
	if strings.Contains(text, "out of") || strings.Contains(text, "12 May") {
		t.Error("the summary quotes a comment")
	}
	if rest := numbersAllowed.ReplaceAllString(text, ""); regexp.MustCompile(`\d`).MatchString(rest) {
		t.Errorf("a number beyond dates and the session count: %q", regexp.MustCompile(`\S*\d\S*`).FindAllString(rest, -1))
	}
}

// directionFromJSON applies the direction rule to the comparison's JSON itself, written apart
// from results.DirectionOf so that the test checks the rule, not the code against itself.
func directionFromJSON(t *testing.T, published []byte, competency string) results.Direction {
	t.Helper()
	var doc struct {
		Competencies []struct {
			ID      string `json:"id"`
			Changes []struct {
				Group      string  `json:"group"`
				Change     float64 `json:"change"`
				Meaningful bool    `json:"meaningful"`
				Baseline   struct {
					N int `json:"n"`
				} `json:"baseline"`
				Closing struct {
					N int `json:"n"`
				} `json:"closing"`
			} `json:"changes"`
		} `json:"competencies"`
	}
	if err := json.Unmarshal(published, &doc); err != nil {
		t.Fatal(err)
	}
	for _, c := range doc.Competencies {
		if c.ID != competency {
			continue
		}
		pick := -1
		for i, ch := range c.Changes {
			if ch.Group == "self" {
				continue
			}
			if ch.Group == "all_others" {
				pick = i
				break
			}
			if pick < 0 || ch.Closing.N > c.Changes[pick].Closing.N ||
				(ch.Closing.N == c.Changes[pick].Closing.N && ch.Baseline.N > c.Changes[pick].Baseline.N) {
				pick = i
			}
		}
		switch {
		case pick < 0:
			return results.DirectionNotMeasured
		case c.Changes[pick].Meaningful && c.Changes[pick].Change > 0:
			return results.DirectionImproved
		case c.Changes[pick].Meaningful && c.Changes[pick].Change < 0:
			return results.DirectionDeclined
		case c.Changes[pick].Change >= 0.5 || c.Changes[pick].Change <= -0.5:
			return results.DirectionNotMeasured // as large as a meaningful move, too few raters to tell
		}
		return results.DirectionSteady
	}
	return results.DirectionNotMeasured
}
