package outbox

import (
	"context"
	"errors"
	"log/slog"
	"time"
)

// Schedule is what the scheduler asks of the store: close the rounds whose time is up, queue the
// reminders that are due and the notices of rounds that reached their threshold, and forget what
// ended engagements keep no longer. Each is safe to run from every instance at once, and each
// returns how much it did.
type Schedule interface {
	// CloseDueRounds closes and releases every open round whose closing time has passed.
	CloseDueRounds(ctx context.Context) (int, error)
	SendDueReminders(ctx context.Context) (int, error)
	NotifyThresholds(ctx context.Context) (int, error)
	// ApplyRetention erases the raters, mail and link tokens of up to limit engagements that
	// ended more than after ago.
	ApplyRetention(ctx context.Context, after time.Duration, limit int) (int, error)
}

// Scheduler queues, every Every, what time alone causes.
type Scheduler struct {
	Store Schedule
	Every time.Duration
	Log   *slog.Logger
	// Retention is how long after an engagement ends its raters' names and addresses, its mail
	// and its link tokens are kept; zero keeps them.
	Retention time.Duration
}

// retentionBatch bounds the engagements one tick forgets, so that a first run over years of
// engagements does not hold up closing and reminders.
const retentionBatch = 20

// Run ticks until ctx ends.
func (s *Scheduler) Run(ctx context.Context) {
	if s.Every == 0 {
		s.Every = 30 * time.Second
	}
	for {
		if err := s.Tick(ctx); err != nil && ctx.Err() == nil {
			s.Log.Error("scheduler", slog.Any("err", err))
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(s.Every):
		}
	}
}

// Tick does what is due now: rounds close first, so no reminder goes to a round past its time.
// Each step runs whatever the others did; their errors come back together.
func (s *Scheduler) Tick(ctx context.Context) error {
	closed, closeErr := s.Store.CloseDueRounds(ctx)
	reminders, remindErr := s.Store.SendDueReminders(ctx)
	notices, noticeErr := s.Store.NotifyThresholds(ctx)
	retained, retainErr := 0, error(nil)
	if s.Retention > 0 {
		retained, retainErr = s.Store.ApplyRetention(ctx, s.Retention, retentionBatch)
	}
	if closed+reminders+notices+retained > 0 {
		s.Log.Info("scheduler", slog.Int("rounds closed", closed), slog.Int("reminders", reminders), slog.Int("threshold notices", notices), slog.Int("engagements past retention", retained))
	}
	return errors.Join(closeErr, remindErr, noticeErr, retainErr)
}
