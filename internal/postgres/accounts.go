package postgres

import (
	"context"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"threesixty/internal/threesixty"
)

// accountRow is an accounts row as read.
type accountRow struct {
	ID           string          `db:"id"`
	Email        string          `db:"email"`
	Name         string          `db:"name"`
	Role         threesixty.Role `db:"role"`
	Deactivated  *time.Time      `db:"deactivated_at"`
	HasPassword  bool            `db:"has_password"`
	PasswordHash string          `db:"password_hash"`
}

func (r accountRow) account() *threesixty.Account {
	return &threesixty.Account{ID: r.ID, Email: r.Email, Name: r.Name, Role: r.Role, Deactivated: r.Deactivated, HasPassword: r.HasPassword}
}

// AccountByToken finds the active account an API token belongs to; EUNAUTH when none does.
func (s *Store) AccountByToken(ctx context.Context, token string) (*threesixty.Account, error) {
	var r accountRow
	err := s.q.AccountByToken.GetContext(ctx, &r, threesixty.HashToken(token))
	if err != nil {
		if threesixty.ErrorCode(storeError(err)) == threesixty.ENOTFOUND {
			return nil, threesixty.Errorf(threesixty.EUNAUTH, "the API token is not valid")
		}
		return nil, storeError(err)
	}
	return r.account(), nil
}

// CreateAccount makes an account and returns it with its first API token, which is shown this
// once. EINVALID for an address that is not one or a role that is not; ECONFLICT when the
// address (compared as EmailKey) already has an account.
func (s *Store) CreateAccount(ctx context.Context, email, name string, role threesixty.Role) (*threesixty.Account, string, error) {
	email, name = strings.TrimSpace(email), strings.TrimSpace(name)
	switch {
	case !threesixty.ValidEmail(email):
		return nil, "", threesixty.Errorf(threesixty.EINVALID, "%q is not an email address", email)
	case name == "" || !threesixty.PlainText(name):
		return nil, "", threesixty.Errorf(threesixty.EINVALID, "an account needs a name in plain text")
	case role != threesixty.RoleCoach && role != threesixty.RoleAdmin:
		return nil, "", threesixty.Errorf(threesixty.EINVALID, "%q is not a role; use coach or admin", role)
	}
	var a *threesixty.Account
	var token string
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		var r accountRow
		if err := tx.StmtxContext(ctx, s.q.CreateAccount).GetContext(ctx, &r, email, threesixty.EmailKey(email), name, role); err != nil {
			err = storeError(err)
			if threesixty.ErrorCode(err) == threesixty.ECONFLICT {
				return threesixty.Errorf(threesixty.ECONFLICT, "an account with email %s already exists", email)
			}
			return err
		}
		a = r.account()
		var err error
		token, _, err = s.createAPIToken(ctx, tx, a.ID, "First token")
		return err
	})
	if err != nil {
		return nil, "", err
	}
	return a, token, nil
}

// accountKeys returns which of keys (EmailKey forms) belong to an account of the service.
func (s *Store) accountKeys(ctx context.Context, tx *sqlx.Tx, keys []string) (map[string]bool, error) {
	var found []string
	if err := tx.StmtxContext(ctx, s.q.AccountsWithKeys).SelectContext(ctx, &found, pq.Array(keys)); err != nil {
		return nil, storeError(err)
	}
	out := map[string]bool{}
	for _, k := range found {
		out[k] = true
	}
	return out, nil
}
