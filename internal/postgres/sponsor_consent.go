package postgres

import (
	"context"

	"github.com/jmoiron/sqlx"

	"threesixty/internal/threesixty"
)

// SponsorConsent is the leader's consent to a sponsor summary: its whole history, oldest first,
// from which where it stands follows (threesixty.ConsentState).
func (s *Store) SponsorConsent(ctx context.Context, actor threesixty.Actor, engagementID string) (*threesixty.ConsentState, error) {
	e, err := s.Engagement(ctx, actor, engagementID)
	if err != nil {
		return nil, err
	}
	return s.consentState(ctx, nil, e.ID)
}

func (s *Store) consentState(ctx context.Context, tx *sqlx.Tx, engagementID string) (*threesixty.ConsentState, error) {
	stmt := s.q.ConsentHistory
	if tx != nil {
		stmt = tx.StmtxContext(ctx, stmt)
	}
	state := &threesixty.ConsentState{History: []threesixty.SponsorConsent{}}
	if err := stmt.SelectContext(ctx, &state.History, engagementID); err != nil {
		return nil, storeError(err)
	}
	return state, nil
}

// GiveSponsorConsent records the leader's consent to a sponsor summary of the given scope, and
// returns the consent as it stands. Only the leader may (EFORBIDDEN otherwise); EINVALID for a
// scope that is not one. Giving the consent that stands already records nothing. Once the
// closing round is released, each decision recorded queues the summary to the sponsor.
func (s *Store) GiveSponsorConsent(ctx context.Context, actor threesixty.Actor, engagementID string, scope threesixty.ConsentScope) (*threesixty.ConsentState, error) {
	if scope == "" {
		return nil, threesixty.Invalid("the scope is unknown", []threesixty.FieldError{{Field: "scope", Message: "choose what your sponsor's summary may include"}})
	}
	return s.decideConsent(ctx, actor, engagementID, scope)
}

// WithdrawSponsorConsent records that the leader withdraws the consent they gave, and returns the
// consent as it stands. Only the leader may (EFORBIDDEN otherwise); withdrawing when no consent
// stands records nothing. A sponsor summary queued but not yet sent is then not sent.
func (s *Store) WithdrawSponsorConsent(ctx context.Context, actor threesixty.Actor, engagementID string) (*threesixty.ConsentState, error) {
	return s.decideConsent(ctx, actor, engagementID, "")
}

// decideConsent takes the consent to scope ("" withdraws), appending to the history only when
// that changes where it stands.
func (s *Store) decideConsent(ctx context.Context, actor threesixty.Actor, engagementID string, scope threesixty.ConsentScope) (*threesixty.ConsentState, error) {
	if err := actor.CheckIsLeader("decide what the sponsor may see"); err != nil {
		return nil, err
	}
	var state *threesixty.ConsentState
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		e, err := s.lockEngagement(ctx, tx, actor, engagementID)
		if err != nil {
			return err
		}
		if state, err = s.consentState(ctx, tx, e.ID); err != nil {
			return err
		}
		next, err := state.Next(scope)
		if err != nil || next == nil {
			return err
		}
		if _, err := tx.StmtxContext(ctx, s.q.RecordConsent).ExecContext(ctx, e.ID, next.Decision, next.Scope); err != nil {
			return storeError(err)
		}
		if next.Decision == threesixty.ConsentGiven {
			if err := s.queueSponsorSummaryOnDecision(ctx, tx, e.ID); err != nil {
				return err
			}
		}
		state, err = s.consentState(ctx, tx, e.ID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return state, nil
}
