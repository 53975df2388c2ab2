package reports

import (
	"fmt"
	"strings"
	"testing"

	"threesixty/internal/results"
	"threesixty/internal/threesixty"
)

// selfAndOneMergedGroup is a small release: the leader, and four raters of all kinds merged into
// one group, too few for any spread.
func selfAndOneMergedGroup() Baseline {
	b := testBaseline("Αλέξανδρος")
	rel := release{groups: []results.PublishedGroup{
		{Key: "self", Label: "Self", Members: []threesixty.RaterGroup{"self"}, Respondents: 1},
		{Key: "peer+direct_report", Label: "Peers and direct reports", Members: []threesixty.RaterGroup{"peer", "direct_report"}, Respondents: 4},
		{Key: "all_others", Label: "All others", Members: []threesixty.RaterGroup{"peer", "direct_report"}, Respondents: 4},
	}, comments: 8}
	b.Results = rel.build(b.Instrument)
	return b
}

func TestOnlySelfAndOneMergedGroup(t *testing.T) {
	b := selfAndOneMergedGroup()
	r := render(t, b, Options{})
	text := squash(r.text(t))
	for _, want := range []string{"Peers and direct reports (4 respondents)", "\"Peers and direct reports\" is such a merge",
		"None. Either raters broadly agreed on every item, or too few answered"} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	for _, absent := range []string{"Superiors", "Direct reports (", "answers per point"} {
		if strings.Contains(text, absent) {
			t.Errorf("the report shows %q, which this release does not publish", absent)
		}
	}
	checkLayout(t, r, A4)
}

func TestSixtyCommentsAllShowInReleasedOrder(t *testing.T) {
	b := testBaseline("Zoë Łukasiewicz")
	res := *b.Results
	res.Comments = nil
	for i := range 60 {
		g := []string{"peer", "direct_report", "superior+other"}[i%3]
		res.Comments = append(res.Comments, results.Comment{Question: b.Instrument.Questions[i%3].ID, Group: g,
			Text: fmt.Sprintf("Comment number %02d: %s", i, strings.Repeat("more detail on the point, ", i%7))})
	}
	b.Results = &res
	r := render(t, b, Options{})
	text := squash(r.text(t))
	for q := range 3 {
		at := strings.Index(text, b.Instrument.Questions[q].Others)
		for i := q; i < 60; i += 3 {
			j := strings.Index(text[at:], fmt.Sprintf("Comment number %02d:", i))
			if j < 0 {
				t.Fatalf("comment %d is missing or out of the released order", i)
			}
			at += j
		}
	}
	checkLayout(t, r, A4)
}

func TestVeryLongItemTextsWrap(t *testing.T) {
	long := func(c, i int) string {
		return fmt.Sprintf("Item %d.%d: ", c+1, i+1) + strings.Repeat("Takes the time to explain to every stakeholder, internal and external, ", 3+i%3) +
			"and checks their understanding before moving on to the next decision."
	}
	b := testBaseline("Zoë Łukasiewicz")
	b.Instrument = testInstrument(5, long)
	b.Results = realisticRelease().build(b.Instrument)
	b.Results.Competencies[2].Title = "Collaboration across teams, functions, regions and partner organisations, including the ones that report elsewhere"
	r := render(t, b, Options{PageSize: Letter})
	text := squash(r.text(t))
	for _, it := range b.Results.Items {
		if !strings.Contains(text, it.Text) {
			t.Errorf("item %s is not shown whole", it.ID)
		}
	}
	checkLayout(t, r, Letter)
}

func testGoals() []Goal {
	return []Goal{
		{Title: "Share the reasoning behind decisions", Description: "Explain the why before the what, in every team meeting.",
			Competencies: []string{"strategic", "communication"},
			KeyResults: []KeyResult{
				{Text: "Write a decision note for each major decision", Measure: "notes written", Target: "10 by March"},
				{Text: "Direct reports say they understand priorities", Measure: "pulse survey item", Target: "4.00 or more"},
			}},
		{Title: "Let the team own the quarterly plan", Competencies: []string{"delegation"},
			KeyResults: []KeyResult{{Text: "Team leads present the plan", Measure: "plan reviews led by others", Target: "3 of 3"}}},
	}
}

func TestGoalsReplaceTheWorksheet(t *testing.T) {
	b := testBaseline("Zoë Łukasiewicz")
	b.Goals = testGoals()
	r := render(t, b, Options{})
	text := squash(r.text(t))
	for _, want := range []string{"Development goals", "Goal 1: Share the reasoning behind decisions",
		"Competencies: Strategic thinking and decisions, Communication", "Write a decision note for each major decision",
		"notes written", "10 by March", "4.00 or more", "Goal 2: Let the team own the quarterly plan",
		"Competencies: Delegation and accountability", "3 of 3"} {
		if !strings.Contains(text, want) {
			t.Errorf("the goals page lacks %q", want)
		}
	}
	if strings.Contains(text, "Goal worksheet") {
		t.Error("the blank worksheet shows although goals exist")
	}
	checkLayout(t, r, A4)
}

func TestEmptyInsightsSayWhy(t *testing.T) {
	b := testBaseline("Zoë Łukasiewicz")
	res := *b.Results
	res.Insights = results.Insights{}
	b.Results = &res
	r := render(t, b, Options{})
	text := squash(r.text(t))
	for _, want := range []string{
		"Blind spots Items you rated clearly higher than others did. None.",
		"Hidden strengths Items others rated clearly higher than you did. None.",
		"Highest rated items The items All others rated highest. None.",
		"Lowest rated items The items All others rated lowest. None.",
		"Where raters disagree",
		"No blind spots in this release.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	checkLayout(t, r, A4)
}

// TestAnIdentifiableSuperiorGroupIsExplained publishes superiors on their own, as a release does
// only when their invitations said they are identifiable: with two of them, and with five, since
// even a group over the threshold has cells of fewer raters when some could not rate an item.
func TestAnIdentifiableSuperiorGroupIsExplained(t *testing.T) {
	for _, superiors := range []int{2, 5} {
		identifiableSuperiors(t, superiors)
	}
}

func identifiableSuperiors(t *testing.T, superiors int) {
	b := testBaseline("José Núñez")
	b.SuperiorIdentifiable = true
	rel := realisticRelease()
	rel.groups = []results.PublishedGroup{
		{Key: "self", Label: "Self", Members: []threesixty.RaterGroup{"self"}, Respondents: 1},
		{Key: "superior", Label: "Superiors", Members: []threesixty.RaterGroup{"superior"}, Respondents: superiors},
		{Key: "peer", Label: "Peers", Members: []threesixty.RaterGroup{"peer"}, Respondents: 5},
		{Key: "all_others", Label: "All others", Members: []threesixty.RaterGroup{"superior", "peer"}, Respondents: superiors + 5},
	}
	b.Results = rel.build(b.Instrument)
	r := render(t, b, Options{})
	text := squash(r.text(t))
	for _, want := range []string{
		"except the leader's own ratings and those of Superiors, whose raters were told they could be identified",
		fmt.Sprintf("Superiors (%d respondents): superiors; this group was named to its raters as identifiable", superiors),
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	checkLayout(t, r, A4)
}
