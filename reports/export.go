package reports

import (
	"threesixty/internal/results"
	"threesixty/internal/threesixty"
)

// Export is what an engagement's export (the leader's copy of what the service holds about
// them) is drawn from: the engagement, its goals and rounds, each released round's results and,
// for a baseline and a closing round, what its report is drawn from.
type Export struct {
	Engagement *threesixty.Engagement
	Goals      []threesixty.Goal
	Rounds     []threesixty.Round
	// Results are the released rounds' results by round id, the baseline's included.
	Results map[string]*results.Results
	// Reports are what each released baseline's report is drawn from, by round id.
	Reports map[string]*Baseline
	// ClosingReports are what the released closing round's report is drawn from, by round id.
	ClosingReports map[string]*Closing
}
