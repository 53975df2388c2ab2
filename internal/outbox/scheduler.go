package outbox

import (
	"context"
	"log/slog"
	"time"
)

// Schedule is what the scheduler asks of the store: queue the reminders that are due, and the
// notices of rounds that reached their threshold. Both are safe to run from every instance.
type Schedule interface {
	SendDueReminders(ctx context.Context) (int, error)
	NotifyThresholds(ctx context.Context) (int, error)
}

// Scheduler queues, every Every, what time alone causes.
type Scheduler struct {
	Store Schedule
	Every time.Duration
	Log   *slog.Logger
}

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

// Tick queues what is due now.
func (s *Scheduler) Tick(ctx context.Context) error {
	reminders, err := s.Store.SendDueReminders(ctx)
	if err != nil {
		return err
	}
	notices, err := s.Store.NotifyThresholds(ctx)
	if err != nil {
		return err
	}
	if reminders+notices > 0 {
		s.Log.Info("scheduler", slog.Int("reminders", reminders), slog.Int("threshold notices", notices))
	}
	return nil
}
