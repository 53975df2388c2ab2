package postgres

import (
	"context"
	"strings"

	"github.com/jmoiron/sqlx"

	"threesixty/internal/threesixty"
)

// AddRaters adds raters to an engagement, all or none. Every bad row is reported (EINVALID with
// field errors). When the engagement has an open round, each new rater is invited to it at once,
// and their invitation messages are queued.
func (s *Store) AddRaters(ctx context.Context, coach *threesixty.Account, engagementID string, raters []threesixty.Rater) ([]threesixty.Rater, []threesixty.Invitation, error) {
	e, err := s.Engagement(ctx, coach, engagementID)
	if err != nil {
		return nil, nil, err
	}
	for i := range raters {
		raters[i].Name = strings.TrimSpace(raters[i].Name)
		raters[i].Email = strings.TrimSpace(raters[i].Email)
	}
	var issued []threesixty.Invitation
	err = s.inTx(ctx, func(tx *sqlx.Tx) error {
		// The engagement's lock orders adding raters and opening a round: a rater added while
		// a round opens is either in the round's list of raters or invited to it here.
		var locked string
		if err := tx.StmtxContext(ctx, s.q.LockEngagement).GetContext(ctx, &locked, e.ID, coach.ID, coach.IsAdmin); err != nil {
			return notFound(err, "engagement")
		}
		var existing []string
		if err := tx.StmtxContext(ctx, s.q.RaterEmails).SelectContext(ctx, &existing, e.ID); err != nil {
			return storeError(err)
		}
		if problems := threesixty.CheckRaters(raters, e.Leader.Email, existing); len(problems) > 0 {
			return threesixty.Invalid("the rater list has errors; nothing was added", problems)
		}
		var openRound string
		err := tx.StmtxContext(ctx, s.q.OpenRoundOf).GetContext(ctx, &openRound, e.ID)
		if err != nil && threesixty.ErrorCode(storeError(err)) != threesixty.ENOTFOUND {
			return storeError(err)
		}
		for i := range raters {
			if err := tx.StmtxContext(ctx, s.q.CreateRater).GetContext(ctx, &raters[i].ID, e.ID, raters[i].Name, raters[i].Email, raters[i].Group); err != nil {
				return storeError(err)
			}
		}
		if openRound == "" {
			return nil
		}
		issued, err = s.invite(ctx, tx, openRound, raters)
		return err
	})
	if threesixty.ErrorCode(err) == threesixty.ECONFLICT {
		err = threesixty.Errorf(threesixty.ECONFLICT, "a rater with one of these emails was added at the same time; list the raters and try again")
	}
	if err != nil {
		return nil, nil, err
	}
	return raters, issued, nil
}

// Raters lists an engagement's raters. Only the coach sees them, and never beside any answer.
func (s *Store) Raters(ctx context.Context, coach *threesixty.Account, engagementID string) ([]threesixty.Rater, error) {
	e, err := s.Engagement(ctx, coach, engagementID)
	if err != nil {
		return nil, err
	}
	raters := []threesixty.Rater{}
	if err := s.q.Raters.SelectContext(ctx, &raters, e.ID); err != nil {
		return nil, storeError(err)
	}
	return raters, nil
}
