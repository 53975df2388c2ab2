package postgres

import (
	"context"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"threesixty/internal/threesixty"
)

// noSuchAccount is the answer to anyone but an admin, and for an account that does not exist.
var noSuchAccount = threesixty.Errorf(threesixty.ENOTFOUND, "account not found")

// Accounts lists every account, active ones first, with how many engagements each runs. Only
// an admin may: ENOTFOUND for anyone else.
func (s *Store) Accounts(ctx context.Context, actor threesixty.Actor) ([]threesixty.AccountSummary, error) {
	if actor.Role() != threesixty.RoleAdmin {
		return nil, noSuchAccount
	}
	var rows []struct {
		accountRow
		Created     time.Time `db:"created_at"`
		Engagements int       `db:"engagements"`
	}
	if err := s.q.Accounts.SelectContext(ctx, &rows); err != nil {
		return nil, storeError(err)
	}
	out := make([]threesixty.AccountSummary, len(rows))
	for i, r := range rows {
		out[i] = threesixty.AccountSummary{Account: *r.account(), Engagements: r.Engagements, CreatedAt: r.Created}
	}
	return out, nil
}

// AddAccount makes an account without a password and queues its set-up link, in one
// transaction. Only an admin may: ENOTFOUND for anyone else. EINVALID with field errors;
// ECONFLICT, with a field error on email, when the address already has an account.
func (s *Store) AddAccount(ctx context.Context, actor threesixty.Actor, in threesixty.NewAccount) (*threesixty.Account, error) {
	if actor.Role() != threesixty.RoleAdmin {
		return nil, noSuchAccount
	}
	in.Email, in.Name = strings.TrimSpace(in.Email), strings.TrimSpace(in.Name)
	if problems := checkAccount(in); len(problems) > 0 {
		return nil, threesixty.Invalid("the account has invalid fields", problems)
	}
	var a *threesixty.Account
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		var err error
		if a, err = s.createAccount(ctx, tx, in); err != nil {
			return err
		}
		_, err = tx.StmtxContext(ctx, s.q.EnqueuePasswordLink).ExecContext(ctx, s.MessageHost, threesixty.PurposePasswordSetup, a.ID)
		return storeError(err)
	})
	return a, err
}

// SendSetupLink queues a fresh set-up link to an active account that has no password yet; the
// links sent before keep working until one is used or they expire. ENOTFOUND for anyone but an
// admin; ECONFLICT for an account that has a password (it can ask for a reset link) or is
// deactivated.
func (s *Store) SendSetupLink(ctx context.Context, actor threesixty.Actor, accountID string) (*threesixty.Account, error) {
	if actor.Role() != threesixty.RoleAdmin && actor.Kind != threesixty.ActorService {
		return nil, noSuchAccount
	}
	var a *threesixty.Account
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		var r accountRow
		if err := tx.StmtxContext(ctx, s.q.Account).GetContext(ctx, &r, accountID); err != nil {
			return notFound(err, "account")
		}
		a = r.account()
		switch {
		case a.Deactivated != nil:
			return threesixty.Errorf(threesixty.ECONFLICT, "%s is deactivated: reactivate the account first", a.Name)
		case a.HasPassword:
			return threesixty.Errorf(threesixty.ECONFLICT, "%s has set a password already; if it is forgotten, they can ask for a reset link on the sign-in page", a.Name)
		}
		_, err := tx.StmtxContext(ctx, s.q.EnqueuePasswordLink).ExecContext(ctx, s.MessageHost, threesixty.PurposePasswordSetup, a.ID)
		return storeError(err)
	})
	return a, err
}

// DeactivateAccount stops an account: it is signed out everywhere, its API tokens and unused
// password links are deleted, and it cannot sign in; its engagements stay, and admins still see
// them. ENOTFOUND for anyone but an admin; ECONFLICT for an admin's own account (which would
// leave them locked out) and for an account deactivated already.
func (s *Store) DeactivateAccount(ctx context.Context, actor threesixty.Actor, accountID string) (*threesixty.Account, error) {
	if actor.Role() != threesixty.RoleAdmin {
		return nil, noSuchAccount
	}
	if accountID == actor.AccountID() {
		return nil, threesixty.Errorf(threesixty.ECONFLICT, "you cannot deactivate your own account: ask another admin")
	}
	return s.changeActive(ctx, s.q.DeactivateAccount, accountID, "is deactivated already")
}

// ReactivateAccount lets a deactivated account sign in again with its password; it makes new
// API tokens, since its old ones were deleted. ENOTFOUND for anyone but an admin; ECONFLICT for
// an account that is active.
func (s *Store) ReactivateAccount(ctx context.Context, actor threesixty.Actor, accountID string) (*threesixty.Account, error) {
	if actor.Role() != threesixty.RoleAdmin {
		return nil, noSuchAccount
	}
	return s.changeActive(ctx, s.q.ReactivateAccount, accountID, "is active already")
}

func (s *Store) changeActive(ctx context.Context, stmt *sqlx.Stmt, accountID, already string) (*threesixty.Account, error) {
	var a *threesixty.Account
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		res, err := tx.StmtxContext(ctx, stmt).ExecContext(ctx, accountID)
		if err != nil {
			return notFound(err, "account")
		}
		var r accountRow
		if err := tx.StmtxContext(ctx, s.q.Account).GetContext(ctx, &r, accountID); err != nil {
			return notFound(err, "account")
		}
		a = r.account()
		if n, _ := res.RowsAffected(); n == 0 {
			return threesixty.Errorf(threesixty.ECONFLICT, "%s %s", a.Name, already)
		}
		return nil
	})
	return a, err
}
