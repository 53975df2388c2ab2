package postgres

import (
	"context"
	"time"
)

// OutboxBacklog is how many messages wait to be sent, and how long the one most overdue has been
// due.
func (s *Store) OutboxBacklog(ctx context.Context) (int, time.Duration, error) {
	var row struct {
		Queued  int     `db:"queued"`
		Overdue float64 `db:"overdue"`
	}
	if err := s.q.OutboxBacklog.GetContext(ctx, &row); err != nil {
		return 0, 0, storeError(err)
	}
	return row.Queued, time.Duration(row.Overdue * float64(time.Second)), nil
}

// Releases is how many rounds have been released.
func (s *Store) Releases(ctx context.Context) (int, error) {
	var n int
	err := s.q.CountReleases.GetContext(ctx, &n)
	return n, storeError(err)
}
