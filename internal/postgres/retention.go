package postgres

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"

	"threesixty/internal/threesixty"
)

// RetentionIdle is how long after its last round closes an engagement that never ran its closing
// round counts as ended, on top of the retention period: a year with no round is an engagement
// nobody will finish.
const RetentionIdle = 365 * 24 * time.Hour

// ApplyRetention runs retention for engagements that ended more than after ago (their closing
// round released, or their last round closed RetentionIdle before that with none open since):
// every rater is erased as EraseRater erases one, and the engagement's kept mail, outbox rows
// and survey link tokens go. The engagement, its goals and releases stay until it is deleted.
// It returns how many engagements it handled, each in a transaction of its own, at most limit.
func (s *Store) ApplyRetention(ctx context.Context, after time.Duration, limit int) (int, error) {
	var due []string
	if err := s.q.EndedEngagements.SelectContext(ctx, &due, after.Seconds(), RetentionIdle.Seconds(), limit); err != nil {
		return 0, storeError(err)
	}
	done := 0
	for _, id := range due {
		err := s.inTx(ctx, func(tx *sqlx.Tx) error {
			if _, err := s.lockEngagement(ctx, tx, threesixty.Service, id); err != nil {
				return err
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
			for _, stmt := range []*sqlx.Stmt{s.q.ScrubEngagementRemovals, s.q.DropEngagementKept, s.q.DropEngagementMail, s.q.DropEngagementLinks} {
				if _, err := tx.StmtxContext(ctx, stmt).ExecContext(ctx, id); err != nil {
					return storeError(err)
				}
			}
			return nil
		})
		if err != nil {
			return done, err
		}
		done++
	}
	return done, nil
}
