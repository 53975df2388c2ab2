package postgres

import (
	"context"
	"encoding/json"

	"threesixty/internal/results"
	"threesixty/internal/threesixty"
	"threesixty/reports"
)

// ClosingReport gathers what a released closing round's report is drawn from: the frozen closing
// results and comparison, the baseline's dates and groups, the instrument version the closing
// round pinned, the names of the leader and the coach, and the engagement's goals with their
// check-ins. Nothing in it comes from responses. The download is recorded in the access log.
// ECONFLICT while the round is open, and for a round that is not a closing round.
func (s *Store) ClosingReport(ctx context.Context, actor threesixty.Actor, roundID string) (*reports.Closing, error) {
	round, c, err := s.closingReport(ctx, actor, roundID)
	if err != nil {
		return nil, err
	}
	if err := s.recordAccess(ctx, actor, round.EngagementID, round.ID, threesixty.AccessReportDownloaded); err != nil {
		return nil, err
	}
	return c, nil
}

// ClosingResultsView gathers what ClosingReport does, for the closing round's results page, which
// shows the report's numbers on screen: the access log records the results viewed, not a
// download.
func (s *Store) ClosingResultsView(ctx context.Context, actor threesixty.Actor, roundID string) (*reports.Closing, error) {
	round, c, err := s.closingReport(ctx, actor, roundID)
	if err != nil {
		return nil, err
	}
	if err := s.recordAccess(ctx, actor, round.EngagementID, round.ID, threesixty.AccessResultsViewed); err != nil {
		return nil, err
	}
	return c, nil
}

// closingReport gathers what ClosingReport does, recording nothing.
func (s *Store) closingReport(ctx context.Context, actor threesixty.Actor, roundID string) (*threesixty.Round, *reports.Closing, error) {
	round, res, err := s.results(ctx, actor, roundID)
	if err != nil {
		return nil, nil, err
	}
	if round.Kind != threesixty.RoundKindClosing {
		return nil, nil, threesixty.Errorf(threesixty.ECONFLICT, "this is a %s round; the closing report is drawn from a closing round", round.Kind)
	}
	basis, err := s.reportBasis(ctx, actor, round)
	if err != nil {
		return nil, nil, err
	}
	cmp, err := s.comparisonOf(ctx, round.ID)
	if err != nil {
		return nil, nil, err
	}
	// The baseline's dates and groups are part of the closing report, whoever reads it: the
	// leader may be shown the closing report and not the baseline's.
	baseline, baseRes, err := s.results(ctx, threesixty.Service, cmp.BaselineRound)
	if err != nil {
		return nil, nil, err
	}
	c := &reports.Closing{
		Leader: basis.leader, Coach: basis.coach, Instrument: basis.instrument, Goals: basis.goals,
		Baseline:             reports.RoundSummary{Opened: baseline.OpenedAt, Closed: *baseline.ReleasedAt, Groups: baseRes.Groups},
		Closing:              reports.RoundSummary{Opened: round.OpenedAt, Closed: *round.ReleasedAt, Groups: res.Groups},
		Results:              res,
		Comparison:           cmp,
		SuperiorIdentifiable: round.Anonymity.SuperiorIdentifiable,
	}
	if c.Pulse, err = s.pulseFor(ctx, round.EngagementID, c.Goals); err != nil {
		return nil, nil, err
	}
	e, err := s.Engagement(ctx, actor, round.EngagementID)
	if err != nil {
		return nil, nil, err
	}
	c.Started, c.PlannedEnd = e.StartsOn.Time(), e.PlannedEndOn.Time()
	// Dates and lengths only: what was said in a session is the coach's alone.
	sessions, err := s.CoachingSessions(ctx, threesixty.Service, round.EngagementID)
	if err != nil {
		return nil, nil, err
	}
	for _, cs := range sessions {
		c.Sessions = append(c.Sessions, reports.Session{At: cs.HeldOn.Time(), Minutes: cs.Minutes})
	}
	return round, c, nil
}

// pulseFor is the engagement's released midpoint pulse as the closing report shows it, nil when
// there is none. A goal is matched to the pulse's question about it by its title, as the pulse
// asked it: a goal renamed since, or added after, has no pulse result.
func (s *Store) pulseFor(ctx context.Context, engagementID string, goals []reports.Goal) (*reports.Pulse, error) {
	rounds, err := s.Rounds(ctx, threesixty.Service, engagementID)
	if err != nil {
		return nil, err
	}
	for _, r := range rounds {
		if r.Kind != threesixty.RoundKindMidpoint || !r.Released() {
			continue
		}
		_, res, err := s.results(ctx, threesixty.Service, r.ID)
		if err != nil {
			return nil, err
		}
		in, err := s.InstrumentVersion(ctx, r.InstrumentVersion)
		if err != nil {
			return nil, err
		}
		p := &reports.Pulse{Closed: *r.ReleasedAt, Results: res, Zero: in.Scale.Zero, GoalCompetencies: make([]string, len(goals))}
		for i, g := range goals {
			for _, comp := range in.Competencies {
				if comp.Title == g.Title {
					p.GoalCompetencies[i] = comp.ID
				}
			}
		}
		return p, nil
	}
	return nil, nil
}

// comparisonOf reads the comparison frozen with a closing round's release.
func (s *Store) comparisonOf(ctx context.Context, closingRoundID string) (*results.Comparison, error) {
	var snapshot []byte
	if err := s.q.RoundComparison.GetContext(ctx, &snapshot, closingRoundID); err != nil {
		return nil, storeError(err)
	}
	return decodeComparison(snapshot)
}

func decodeComparison(snapshot []byte) (*results.Comparison, error) {
	var cmp results.Comparison
	if err := json.Unmarshal(snapshot, &cmp); err != nil {
		return nil, &threesixty.Error{Code: threesixty.EINTERNAL, Message: "the stored comparison could not be read", Err: err}
	}
	return &cmp, nil
}
