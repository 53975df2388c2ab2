package postgres

import (
	"context"

	"github.com/jmoiron/sqlx"

	"threesixty/internal/threesixty"
)

// SendDueReminders queues the scheduled reminders that are due, each run once across all
// instances, and returns how many invitations it reminded (those of erased raters counted, but
// not sent anything: see enqueue-reminders).
func (s *Store) SendDueReminders(ctx context.Context) (int, error) {
	var slots []struct {
		RoundID string `db:"round_id"`
		Slot    string `db:"slot"`
	}
	if err := s.q.DueReminderSlots.SelectContext(ctx, &slots); err != nil {
		return 0, storeError(err)
	}
	queued := 0
	for _, slot := range slots {
		n, err := s.remind(ctx, slot.RoundID, slot.Slot)
		if err != nil {
			return queued, err
		}
		queued += n
	}
	return queued, nil
}

// RemindNow queues a reminder, now, to everyone in an open round the actor runs who has not
// answered; it returns how many were reminded, counted as SendDueReminders counts them.
// ECONFLICT when the round is not open.
func (s *Store) RemindNow(ctx context.Context, actor threesixty.Actor, roundID string) (int, error) {
	if err := actor.CheckManages(); err != nil {
		return 0, err
	}
	r, err := s.Round(ctx, actor, roundID)
	if err != nil {
		return 0, err
	}
	if r.Status != threesixty.RoundStatusOpen || !s.Now().Before(r.ClosesAt) {
		return 0, threesixty.Errorf(threesixty.ECONFLICT, "the round is closed; reminders go only to open rounds")
	}
	token, _ := threesixty.NewToken()
	return s.remind(ctx, r.ID, "manual-"+token[:16])
}

// remind claims a reminder run and, if this call got it, queues its reminders in the same
// transaction: if anything fails, neither the run nor its messages exist.
func (s *Store) remind(ctx context.Context, roundID, slot string) (int, error) {
	var reminded []string
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		var started []string
		if err := tx.StmtxContext(ctx, s.q.StartReminderRun).SelectContext(ctx, &started, roundID, slot); err != nil {
			return storeError(err)
		}
		if len(started) == 0 {
			return nil // another instance ran it
		}
		return storeError(tx.StmtxContext(ctx, s.q.EnqueueReminders).SelectContext(ctx, &reminded, roundID, s.MessageHost))
	})
	return len(reminded), err
}

// NotifyThresholds queues a message to every coach whose open round has just reached the
// threshold in every group that can, once per round; it returns how many it queued.
func (s *Store) NotifyThresholds(ctx context.Context) (int, error) {
	var queued []string
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		return storeError(tx.StmtxContext(ctx, s.q.NotifyThreshold).SelectContext(ctx, &queued, s.MessageHost))
	})
	return len(queued), err
}
