package postgres

import (
	"context"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"threesixty/internal/threesixty"
)

// keepDeclineReasons turns the reasons held for a round just closed in tx into counts per reason,
// kept only when at least k raters declined (threesixty.DeclineReasonCounts). The reasons
// themselves go with the round's tables.
func (s *Store) keepDeclineReasons(ctx context.Context, tx *sqlx.Tx, round *roundRow) error {
	var held []threesixty.DeclineReason
	if err := tx.StmtxContext(ctx, s.q.HeldDeclineReasons).SelectContext(ctx, &held, round.ID); err != nil {
		return storeError(err)
	}
	var declined int
	if err := tx.StmtxContext(ctx, s.q.RoundRatersDeclined).GetContext(ctx, &declined, round.ID); err != nil {
		return storeError(err)
	}
	counts := threesixty.DeclineReasonCounts(held, declined, round.Threshold)
	if counts == nil {
		return nil
	}
	reasons, numbers := make([]string, len(counts)), make([]int64, len(counts))
	for i, c := range counts {
		reasons[i], numbers[i] = string(c.Reason), int64(c.Count)
	}
	_, err := tx.StmtxContext(ctx, s.q.SaveDeclineReasons).ExecContext(ctx, round.ID, pq.Array(reasons), pq.Array(numbers))
	return storeError(err)
}

// DeclineReasons returns how many raters of a released round gave each reason for declining,
// labelled about its leader, in the order of threesixty.DeclineReasons: empty, not nil, when
// fewer than k raters declined (nobody included, which reads the same). Only those who manage
// the engagement see them (EFORBIDDEN for the leader); ENOTFOUND for a round the actor may not
// see; ECONFLICT while the round is open, since reasons become counts only at release.
func (s *Store) DeclineReasons(ctx context.Context, actor threesixty.Actor, roundID string) ([]threesixty.DeclineReasonCount, error) {
	if err := actor.CheckManages(); err != nil {
		return nil, err
	}
	r, err := s.Round(ctx, actor, roundID)
	if err != nil {
		return nil, err
	}
	if !r.Released() {
		return nil, threesixty.Errorf(threesixty.ECONFLICT, "the round is %s; reasons for declining are counted only once it is closed and released", r.Status)
	}
	e, err := s.Engagement(ctx, actor, r.EngagementID)
	if err != nil {
		return nil, err
	}
	var rows []struct {
		Reason threesixty.DeclineReason `db:"reason"`
		Count  int                      `db:"count"`
	}
	if err := s.q.DeclineReasons.SelectContext(ctx, &rows, r.ID); err != nil {
		return nil, storeError(err)
	}
	stored := map[threesixty.DeclineReason]int{}
	for _, row := range rows {
		stored[row.Reason] = row.Count
	}
	counts := []threesixty.DeclineReasonCount{}
	if len(rows) == 0 {
		return counts, nil
	}
	for _, reason := range threesixty.DeclineReasons {
		counts = append(counts, threesixty.DeclineReasonCount{Reason: reason, Label: reason.Label(e.Leader.Name), Count: stored[reason]})
	}
	return counts, nil
}
