package reports

import (
	"bytes"
	"testing"
	"time"

	"threesixty/internal/results"
	"threesixty/internal/threesixty"
)

// testClosing is a realistic closing report's input: the usual release at the baseline, the same
// groups with other scores at the closing round, two goals with check-ins, a pulse and sessions.
func testClosing(leader string) Closing {
	in := testInstrument(5, nil)
	baseline := realisticRelease().build(in)
	rel := realisticRelease()
	rel.seed = 10
	closing := rel.build(in)
	goals := testGoals()
	goals[0].CheckIns = []CheckIn{
		{At: time.Date(2026, 10, 20, 15, 0, 0, 0, time.UTC), Status: "On track", Note: "Wrote the first three decision notes; the team asked for more of them."},
		{At: time.Date(2026, 12, 1, 15, 0, 0, 0, time.UTC), Status: "At risk", Note: "The reorganisation left no time for notes in November."},
	}
	goals[1].CheckIns = []CheckIn{{At: time.Date(2027, 1, 12, 15, 0, 0, 0, time.UTC), Status: "Done", Note: "Team leads presented the Q1 plan."}}
	return Closing{
		Leader: leader, Coach: "Ruth Okafor", Instrument: in,
		Started:    time.Date(2026, 8, 20, 9, 0, 0, 0, time.UTC),
		PlannedEnd: time.Date(2027, 2, 28, 9, 0, 0, 0, time.UTC),
		Baseline: RoundSummary{Opened: time.Date(2026, 9, 1, 9, 0, 0, 0, time.UTC), Closed: time.Date(2026, 9, 15, 17, 0, 0, 0, time.UTC),
			Groups: baseline.Groups},
		Closing: RoundSummary{Opened: time.Date(2027, 2, 1, 9, 0, 0, 0, time.UTC), Closed: time.Date(2027, 2, 14, 17, 0, 0, 0, time.UTC),
			Groups: closing.Groups},
		Results:    closing,
		Comparison: results.Compare("baseline", baseline, "closing", closing),
		Goals:      goals,
		Pulse:      testPulse(),
		Sessions: []Session{
			{At: time.Date(2026, 9, 22, 10, 0, 0, 0, time.UTC), Minutes: 90},
			{At: time.Date(2026, 10, 20, 10, 0, 0, 0, time.UTC), Minutes: 60},
			{At: time.Date(2026, 11, 17, 10, 0, 0, 0, time.UTC), Minutes: 60},
			{At: time.Date(2026, 12, 15, 10, 0, 0, 0, time.UTC), Minutes: 45},
			{At: time.Date(2027, 1, 12, 10, 0, 0, 0, time.UTC), Minutes: 60},
		},
	}
}

// testPulse is a released midpoint pulse on the two test goals: the scale keeps 1..7 and shows
// v-4, so 5.33 reads +1.33.
func testPulse() *Pulse {
	groups := []results.PublishedGroup{
		{Key: "self", Label: "Self", Members: []threesixty.RaterGroup{"self"}, Respondents: 1},
		{Key: "all_others", Label: "All others", Members: []threesixty.RaterGroup{"superior", "peer", "direct_report"}, Respondents: 6},
	}
	comp := func(id string, self, others float64, n int) results.CompetencyResult {
		return results.CompetencyResult{ID: id, Title: id, Items: 1, Scores: []results.CompetencyScore{
			{Group: "self", N: 1, Mean: self, Items: 1}, {Group: "all_others", N: n, Mean: others, Items: 1}}}
	}
	return &Pulse{
		Closed: time.Date(2026, 11, 30, 17, 0, 0, 0, time.UTC),
		Zero:   4,
		Results: &results.Results{Threshold: 3, Groups: groups, Competencies: []results.CompetencyResult{
			comp("goal-1", 6, 5.33, 6), comp("goal-2", 3, 3.6, 5)}},
		GoalCompetencies: []string{"goal-1", "goal-2"},
	}
}

// closingCreated is the closing test reports' date, fixed so output is reproducible.
var closingCreated = time.Date(2027, 2, 20, 10, 0, 0, 0, time.UTC)

func renderClosing(t testing.TB, c Closing, opt Options) rendered {
	t.Helper()
	if opt.Created.IsZero() {
		opt.Created = closingCreated
	}
	var buf bytes.Buffer
	if err := RenderClosing(&buf, c, opt); err != nil {
		t.Fatalf("RenderClosing: %v", err)
	}
	return save(t, buf.Bytes())
}
