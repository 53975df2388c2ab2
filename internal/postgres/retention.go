package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// RetentionIdle is how long after its last round closes an engagement that never ran its closing
// round counts as ended, on top of the retention period: a year with no round is an engagement
// nobody will finish.
const RetentionIdle = 365 * 24 * time.Hour

// ApplyRetention runs retention for engagements that ended more than after ago (their closing
// round released, or their last round closed, or they were created without one, RetentionIdle
// before that, with none open since) and still hold something it takes: every rater is erased as
// EraseRater erases one, the engagement's kept mail, outbox rows and link tokens go, and so do
// its coaching sessions' notes. The engagement, its goals, its sessions' days and lengths and
// its releases stay until it is deleted. Each engagement is handled
// in a transaction of its own, under its lock, after checking again that it has ended; one that
// fails does not stop the others, and their errors come back together. It returns how many
// engagements it handled, at most limit.
func (s *Store) ApplyRetention(ctx context.Context, after time.Duration, limit int) (int, error) {
	var due []string
	if err := s.q.EndedEngagements.SelectContext(ctx, &due, after.Seconds(), RetentionIdle.Seconds(), limit); err != nil {
		return 0, storeError(err)
	}
	done := 0
	var failed []error
	for _, id := range due {
		handled := false
		err := s.inTx(ctx, func(tx *sqlx.Tx) error {
			var locked []string
			if err := tx.StmtxContext(ctx, s.q.LockEndedEngagement).SelectContext(ctx, &locked, id, after.Seconds(), RetentionIdle.Seconds()); err != nil {
				return storeError(err)
			}
			if len(locked) == 0 {
				return nil // a round opened meanwhile, or another instance has it
			}
			var raters []string
			if err := tx.StmtxContext(ctx, s.q.UnerasedRaters).SelectContext(ctx, &raters, id); err != nil {
				return storeError(err)
			}
			for _, r := range raters {
				if _, err := s.eraseRater(ctx, tx, id, r); err != nil {
					return err
				}
			}
			for _, stmt := range []*sqlx.Stmt{s.q.ScrubEngagementRemovals, s.q.ScrubEngagementNoms, s.q.DropEngagementKept, s.q.DropEngagementMail, s.q.DropEngagementLinks, s.q.ForgetCoachingNotes} {
				if _, err := tx.StmtxContext(ctx, stmt).ExecContext(ctx, id); err != nil {
					return storeError(err)
				}
			}
			handled = true
			return nil
		})
		switch {
		case err != nil:
			failed = append(failed, fmt.Errorf("retention of engagement %s: %w", id, err))
		case handled:
			done++
		}
	}
	return done, errors.Join(failed...)
}
