package postgres

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"

	"threesixty/internal/threesixty"
)

// OpenRound opens a round of the engagement on the given instrument version: every rater gets an
// invitation, and so does the leader for the self-assessment. The tokens exist only in the
// returned invitations. ECONFLICT when the engagement already has an open round.
func (s *Store) OpenRound(ctx context.Context, coach *threesixty.Coach, engagementID string, kind threesixty.RoundKind, closesAt time.Time, version string) (*threesixty.Round, []threesixty.IssuedInvitation, error) {
	e, err := s.Engagement(ctx, coach, engagementID)
	if err != nil {
		return nil, nil, err
	}
	var roundID string
	var issued []threesixty.IssuedInvitation
	err = s.inTx(ctx, func(tx *sqlx.Tx) error {
		err := tx.StmtxContext(ctx, s.q.CreateRound).GetContext(ctx, &roundID, e.ID, kind, version, closesAt)
		if err != nil {
			if err = storeError(err); threesixty.ErrorCode(err) == threesixty.ECONFLICT {
				return threesixty.Errorf(threesixty.ECONFLICT, "the engagement already has an open round; close it first")
			}
			return err
		}
		var raters []threesixty.Rater
		if err := tx.StmtxContext(ctx, s.q.Raters).SelectContext(ctx, &raters, e.ID); err != nil {
			return storeError(err)
		}
		self := threesixty.Rater{Name: e.Leader.Name, Email: e.Leader.Email, Group: threesixty.GroupSelf}
		for _, r := range append([]threesixty.Rater{self}, raters...) {
			inv, err := s.invite(ctx, tx, roundID, &r)
			if err != nil {
				return err
			}
			issued = append(issued, *inv)
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	round, err := s.Round(ctx, coach, roundID)
	return round, issued, err
}

// invite makes one invitation with a fresh token. The leader's own (group self) has no rater.
func (s *Store) invite(ctx context.Context, tx *sqlx.Tx, roundID string, r *threesixty.Rater) (*threesixty.IssuedInvitation, error) {
	token, hash := threesixty.NewToken()
	inv := &threesixty.IssuedInvitation{Token: token, To: threesixty.Person{Name: r.Name, Email: r.Email}}
	inv.RoundID, inv.Group, inv.Status = roundID, r.Group, threesixty.InvitationPending
	if r.Group != threesixty.GroupSelf {
		inv.RaterID = &r.ID
	}
	if err := tx.StmtxContext(ctx, s.q.CreateInvitation).GetContext(ctx, &inv.ID, roundID, inv.RaterID, inv.Group, hash); err != nil {
		return nil, storeError(err)
	}
	return inv, nil
}

// Round returns a round the coach may see, with its progress counts.
func (s *Store) Round(ctx context.Context, coach *threesixty.Coach, id string) (*threesixty.Round, error) {
	var r threesixty.Round
	if err := s.q.Round.GetContext(ctx, &r, id, coach.ID, coach.IsAdmin); err != nil {
		return nil, notFound(err, "round")
	}
	var counted []threesixty.GroupProgress
	if err := s.q.RoundProgress.SelectContext(ctx, &counted, id); err != nil {
		return nil, storeError(err)
	}
	r.Progress = threesixty.FillProgress(counted)
	return &r, nil
}

// Rounds lists an engagement's rounds, oldest first, without progress.
func (s *Store) Rounds(ctx context.Context, coach *threesixty.Coach, engagementID string) ([]threesixty.Round, error) {
	e, err := s.Engagement(ctx, coach, engagementID)
	if err != nil {
		return nil, err
	}
	rounds := []threesixty.Round{}
	if err := s.q.Rounds.SelectContext(ctx, &rounds, e.ID); err != nil {
		return nil, storeError(err)
	}
	return rounds, nil
}

// CloseRound closes a round: no more submissions, drafts deleted, and every held response moved
// to responses in random order with new ids, in one transaction. ECONFLICT when already closed.
func (s *Store) CloseRound(ctx context.Context, coach *threesixty.Coach, id string) (*threesixty.Round, error) {
	r, err := s.Round(ctx, coach, id)
	if err != nil {
		return nil, err
	}
	err = s.inTx(ctx, func(tx *sqlx.Tx) error {
		var closed string
		if err := tx.StmtxContext(ctx, s.q.CloseRound).GetContext(ctx, &closed, r.ID); err != nil {
			if threesixty.ErrorCode(storeError(err)) == threesixty.ENOTFOUND {
				return threesixty.Errorf(threesixty.ECONFLICT, "the round is already closed")
			}
			return storeError(err)
		}
		for _, stmt := range []*sqlx.Stmt{s.q.ReleaseHeld, s.q.DropHeld, s.q.DropDrafts} {
			if _, err := tx.StmtxContext(ctx, stmt).ExecContext(ctx, r.ID); err != nil {
				return storeError(err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.Round(ctx, coach, id)
}
