package postgres

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"

	"threesixty/internal/threesixty"
)

// ShareReport shares a released baseline round's report with the leader: from then on their
// page lists it and their link downloads it. The first share queues a message telling the leader,
// with their link, and goes to the audit trail; sharing again changes nothing and returns the
// first share. ECONFLICT for a round that is open or has no report (not a baseline), and for an
// archived engagement.
func (s *Store) ShareReport(ctx context.Context, actor threesixty.Actor, roundID string) (*threesixty.SharedReport, error) {
	if err := actor.CheckManages(); err != nil {
		return nil, err
	}
	round, err := s.Round(ctx, actor, roundID)
	if err != nil {
		return nil, err
	}
	err = s.inTx(ctx, func(tx *sqlx.Tx) error {
		e, err := s.lockEngagement(ctx, tx, actor, round.EngagementID)
		if err != nil {
			return err
		}
		if err := e.engagement().CheckNotArchived(); err != nil {
			return err
		}
		switch {
		case round.ReleasedAt == nil:
			return threesixty.Errorf(threesixty.ECONFLICT, "the round is open; its report can be shared once it is closed and released")
		case round.Kind == threesixty.RoundKindMidpoint:
			return threesixty.Errorf(threesixty.ECONFLICT, "a midpoint pulse has no report of its own to share; its results are in the closing report")
		}
		var sharedAt time.Time
		err = tx.StmtxContext(ctx, s.q.ShareReport).GetContext(ctx, &sharedAt, round.ID, accountArg(actor))
		if threesixty.ErrorCode(storeError(err)) == threesixty.ENOTFOUND {
			return nil // shared before
		}
		if err != nil {
			return storeError(err)
		}
		leader := threesixty.Person{Name: e.LeaderName, Email: e.LeaderEmail}
		msg := threesixty.Message{Purpose: threesixty.PurposeReportShared, To: leader, RoundID: round.ID, EngagementID: e.ID}
		if err := s.enqueue(ctx, tx, []threesixty.Message{msg}); err != nil {
			return err
		}
		return s.record(ctx, tx, e.ID, actor, threesixty.AuditReportShared, nil, map[string]any{"round": round.ID})
	})
	if err != nil {
		return nil, err
	}
	shared, err := s.SharedReports(ctx, actor, round.EngagementID)
	if err != nil {
		return nil, err
	}
	for i := range shared {
		if shared[i].RoundID == round.ID {
			return &shared[i], nil
		}
	}
	return nil, threesixty.Errorf(threesixty.ENOTFOUND, "round not found") // deleted meanwhile
}

// SharedReports lists the reports shared with the engagement's leader, oldest release first.
func (s *Store) SharedReports(ctx context.Context, actor threesixty.Actor, engagementID string) ([]threesixty.SharedReport, error) {
	e, err := s.Engagement(ctx, actor, engagementID)
	if err != nil {
		return nil, err
	}
	var rows []struct {
		RoundID    string               `db:"round_id"`
		RoundKind  threesixty.RoundKind `db:"round_kind"`
		ReleasedAt time.Time            `db:"released_at"`
		SharedAt   time.Time            `db:"shared_at"`
	}
	if err := s.q.SharedReports.SelectContext(ctx, &rows, e.ID, actorArg(actor)); err != nil {
		return nil, storeError(err)
	}
	shared := make([]threesixty.SharedReport, len(rows))
	for i, r := range rows {
		shared[i] = threesixty.SharedReport{RoundID: r.RoundID, RoundKind: r.RoundKind, ReleasedAt: r.ReleasedAt, SharedAt: r.SharedAt}
	}
	return shared, nil
}

// roundSharedWithLeader hides from a leader every round whose report was not shared with them:
// the leader sees a round, its results and its report only from the share on, and never a
// round's progress counts.
func (s *Store) roundSharedWithLeader(ctx context.Context, actor threesixty.Actor, r *threesixty.Round) error {
	if !actor.IsLeader() {
		return nil
	}
	r.Progress = nil
	var shared bool
	if err := s.q.RoundShared.GetContext(ctx, &shared, r.ID); err != nil {
		return storeError(err)
	}
	if !shared {
		return threesixty.Errorf(threesixty.ENOTFOUND, "round not found")
	}
	return nil
}
