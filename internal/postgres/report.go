package postgres

import (
	"context"
	"fmt"

	"threesixty/internal/threesixty"
	"threesixty/reports"
	"threesixty/surveys"
)

// Report gathers what a released round's report is drawn from: the frozen results, the
// instrument version the round pinned, the names of the leader and the coach, and the
// engagement's goals. Nothing in it comes from responses. The download is recorded in the access
// log. ECONFLICT while the round is open, and for a round other than the baseline, whose report
// does not exist yet.
func (s *Store) Report(ctx context.Context, actor threesixty.Actor, roundID string) (*reports.Baseline, error) {
	round, b, err := s.report(ctx, actor, roundID)
	if err != nil {
		return nil, err
	}
	if err := s.recordAccess(ctx, actor, round.EngagementID, round.ID, threesixty.AccessReportDownloaded); err != nil {
		return nil, err
	}
	return b, nil
}

// ResultsView gathers what Report does, for the results page, which shows the report's numbers
// on screen: the access log records the results viewed, not a download.
func (s *Store) ResultsView(ctx context.Context, actor threesixty.Actor, roundID string) (*reports.Baseline, error) {
	round, b, err := s.report(ctx, actor, roundID)
	if err != nil {
		return nil, err
	}
	if err := s.recordAccess(ctx, actor, round.EngagementID, round.ID, threesixty.AccessResultsViewed); err != nil {
		return nil, err
	}
	return b, nil
}

// report gathers what a round's report is drawn from as Report does, recording nothing.
func (s *Store) report(ctx context.Context, actor threesixty.Actor, roundID string) (*threesixty.Round, *reports.Baseline, error) {
	round, res, err := s.results(ctx, actor, roundID)
	if err != nil {
		return nil, nil, err
	}
	if round.Kind == threesixty.RoundKindMidpoint {
		return nil, nil, threesixty.Errorf(threesixty.ECONFLICT, "the midpoint pulse has no PDF report of its own: its results are at GET /api/v1/rounds/{id}/results, and the closing report will include them")
	}
	if round.Kind != threesixty.RoundKindBaseline {
		return nil, nil, threesixty.Errorf(threesixty.ECONFLICT, "only a baseline round has a PDF report so far; this %s round's results are in its results", round.Kind)
	}
	basis, err := s.reportBasis(ctx, actor, round)
	if err != nil {
		return nil, nil, err
	}
	b := &reports.Baseline{
		Leader: basis.leader, Coach: basis.coach, Instrument: basis.instrument, Goals: basis.goals,
		Opened: round.OpenedAt, Closed: *round.ReleasedAt, Results: res,
		SuperiorIdentifiable: round.Anonymity.SuperiorIdentifiable,
	}
	return round, b, nil
}

// ReleasedRound names a released round for work over many of them.
type ReleasedRound struct {
	ID     string `db:"id"`
	Leader string `db:"leader_name"`
}

// ReleasedRounds lists every released round with a report (baselines, so far) the actor may
// see, oldest release first.
func (s *Store) ReleasedRounds(ctx context.Context, actor threesixty.Actor) ([]ReleasedRound, error) {
	var rounds []ReleasedRound
	if err := s.q.ReleasedRounds.SelectContext(ctx, &rounds, actorArg(actor)); err != nil {
		return nil, storeError(err)
	}
	return rounds, nil
}

// reportBasis is what every report of a released round is drawn from besides its results: the
// names of the leader and the coach, the instrument version the round pinned, and the
// engagement's goals as they are now, with their key results and check-ins.
type reportBasis struct {
	leader, coach string
	instrument    *surveys.Instrument
	goals         []reports.Goal
}

func (s *Store) reportBasis(ctx context.Context, actor threesixty.Actor, round *threesixty.Round) (*reportBasis, error) {
	var people struct {
		Leader string `db:"leader_name"`
		Coach  string `db:"coach_name"`
	}
	if err := s.q.ReportPeople.GetContext(ctx, &people, round.ID, actorArg(actor)); err != nil {
		return nil, notFound(err, "round")
	}
	in, err := s.InstrumentVersion(ctx, round.InstrumentVersion)
	if err != nil {
		return nil, fmt.Errorf("the instrument of round %s: %w", round.ID, err)
	}
	goals, err := s.Goals(ctx, actor, round.EngagementID)
	if err != nil {
		return nil, err
	}
	b := &reportBasis{leader: people.Leader, coach: people.Coach, instrument: in}
	for _, g := range goals {
		goal := reports.Goal{Title: g.Title, Description: g.Description, Competencies: g.Competencies}
		for _, kr := range g.KeyResults {
			goal.KeyResults = append(goal.KeyResults, reports.KeyResult{Text: kr.Text, Measure: kr.Measure, Target: kr.Target})
		}
		for _, ci := range g.CheckIns {
			goal.CheckIns = append(goal.CheckIns, reports.CheckIn{At: ci.At, Status: ci.Status.Label(), Note: ci.Note})
		}
		b.goals = append(b.goals, goal)
	}
	return b, nil
}
