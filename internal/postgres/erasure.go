package postgres

import (
	"context"
	"database/sql"
	"errors"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"threesixty/internal/threesixty"
)

// EraseRater erases a rater of an engagement at their request: their name and address go from
// every table, their pending invitations are withdrawn (drafts dropped, links dead, queued mail
// cancelled), and the audit trail records that an erasure happened, naming nobody. Responses and
// releases are not touched, and nothing a reader of the engagement sees says whether the rater
// had answered (see migration 00004). ENOTFOUND for a rater the engagement does not have;
// erasing an erased rater again changes nothing and is not an error.
func (s *Store) EraseRater(ctx context.Context, actor threesixty.Actor, engagementID, raterID string) error {
	_, err := s.erase(ctx, actor, engagementID, raterID)
	return err
}

// erase is EraseRater, reporting whether this call erased the rater (false when they were
// erased already).
func (s *Store) erase(ctx context.Context, actor threesixty.Actor, engagementID, raterID string) (bool, error) {
	if err := actor.CheckManages(); err != nil {
		return false, err
	}
	var erased string
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		if _, err := s.lockEngagement(ctx, tx, actor, engagementID); err != nil {
			return err
		}
		var err error
		if erased, err = s.eraseRater(ctx, tx, engagementID, raterID); err != nil || erased == "" {
			return err
		}
		if _, err := s.scrubRemovals(ctx, tx, actor, &engagementID, threesixty.EmailKey(erased)); err != nil {
			return err
		}
		return s.record(ctx, tx, engagementID, actor, threesixty.AuditRaterErased, nil, nil)
	})
	return erased != "" && err == nil, err
}

// eraseRater erases one rater in tx, the engagement being locked, and returns the address they
// had; "" when they were erased already.
func (s *Store) eraseRater(ctx context.Context, tx *sqlx.Tx, engagementID, raterID string) (string, error) {
	var email string
	err := tx.StmtxContext(ctx, s.q.ScrubRater).GetContext(ctx, &email, engagementID, raterID)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		var erased bool
		if err := tx.StmtxContext(ctx, s.q.RaterErased).GetContext(ctx, &erased, engagementID, raterID); err != nil {
			return "", storeError(err)
		}
		if erased {
			return "", nil
		}
		return "", notFound(err, "rater")
	case err != nil: // a malformed id among them
		return "", notFound(err, "rater")
	}
	// In this order: the tokens go after the withdrawal and the kept mail after the cancelling,
	// so that a worker minting a token or keeping a message meanwhile is either seen here or
	// sees the withdrawal (mint-tokens and keep-in-mailbox lock the rows these change).
	for _, stmt := range []*sqlx.Stmt{s.q.WithdrawInvitations, s.q.DropRaterTokens, s.q.ScrubRaterMail, s.q.DropRaterKeptMail} {
		if _, err := tx.StmtxContext(ctx, stmt).ExecContext(ctx, raterID); err != nil {
			return "", storeError(err)
		}
	}
	// The leader's proposal of the rater, and any other of the same address, keep the name and
	// address too.
	return email, s.scrubNominations(ctx, tx, engagementID, raterID, threesixty.EmailKey(email))
}

// scrubRemovals takes the name and address out of the rater_removed entries of the audit trail
// that name an address with this EmailKey, in one engagement or, with a nil engagementID, in
// every engagement the actor may see; the entries stay, with the group. Addresses are compared
// in Go, by the one EmailKey the service compares them by everywhere. It returns the
// engagements whose audit trail changed.
func (s *Store) scrubRemovals(ctx context.Context, tx *sqlx.Tx, actor threesixty.Actor, engagementID *string, key string) (map[string]bool, error) {
	var rows []struct {
		ID           int64  `db:"id"`
		EngagementID string `db:"engagement_id"`
		Email        string `db:"email"`
	}
	if err := tx.StmtxContext(ctx, s.q.RemovedRaters).SelectContext(ctx, &rows, engagementID, actorArg(actor)); err != nil {
		return nil, storeError(err)
	}
	var ids []int64
	changed := map[string]bool{}
	for _, r := range rows {
		if r.Email != "" && threesixty.EmailKey(r.Email) == key {
			ids = append(ids, r.ID)
			changed[r.EngagementID] = true
		}
	}
	if len(ids) == 0 {
		return changed, nil
	}
	_, err := tx.StmtxContext(ctx, s.q.ScrubRemovedRaters).ExecContext(ctx, pq.Array(ids))
	return changed, storeError(err)
}

// EraseRatersByEmail erases, as EraseRater does, every rater with this address (compared by
// EmailKey) in every engagement the actor may see, each engagement in a transaction of its own,
// and takes the address out of the audit trail's removals of raters wherever it appears. It
// returns how many raters it erased. Running it again erases nothing more and is harmless.
func (s *Store) EraseRatersByEmail(ctx context.Context, actor threesixty.Actor, email string) (int, error) {
	if err := actor.CheckManages(); err != nil {
		return 0, err
	}
	key := threesixty.EmailKey(email)
	if key == "" {
		return 0, threesixty.Invalid("an address is needed", []threesixty.FieldError{{Field: "email", Message: "is required"}})
	}
	var found []struct {
		EngagementID string `db:"engagement_id"`
		ID           string `db:"id"`
	}
	if err := s.q.RatersWithKey.SelectContext(ctx, &found, key, actorArg(actor)); err != nil {
		return 0, storeError(err)
	}
	erased := 0
	for _, r := range found {
		done, err := s.erase(ctx, actor, r.EngagementID, r.ID)
		if err != nil && threesixty.ErrorCode(err) != threesixty.ENOTFOUND { // removed meanwhile
			return erased, err
		}
		if done {
			erased++
		}
	}
	// A rater removed before they were ever invited has no row left, only their removal in the
	// audit trail, in engagements where nobody was erased above; a nominee never approved has
	// only their nomination.
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		changed, err := s.scrubRemovals(ctx, tx, actor, nil, key)
		if err != nil {
			return err
		}
		var nominated []string
		if err := tx.StmtxContext(ctx, s.q.ScrubNominationsWithKey).SelectContext(ctx, &nominated, key, actorArg(actor)); err != nil {
			return storeError(err)
		}
		for _, id := range nominated {
			changed[id] = true
		}
		for id := range changed {
			if err := s.record(ctx, tx, id, actor, threesixty.AuditRaterErased, nil, nil); err != nil {
				return err
			}
		}
		return nil
	})
	return erased, err
}
