package postgres

import (
	"context"
	"strings"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"threesixty/internal/threesixty"
)

// accountRow is an accounts row as read.
type accountRow struct {
	ID    string          `db:"id"`
	Email string          `db:"email"`
	Name  string          `db:"name"`
	Role  threesixty.Role `db:"role"`
}

func (r accountRow) account() *threesixty.Account {
	return &threesixty.Account{ID: r.ID, Email: r.Email, Name: r.Name, Role: r.Role}
}

// AccountByToken finds the account an API token belongs to; EUNAUTH when none does.
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

// CreateAccount makes an account and returns it with its API token, which is shown this once.
// EINVALID for an address that is not one or a role that is not; ECONFLICT when the address
// (compared as EmailKey) already has an account.
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
	token, hash := threesixty.NewToken()
	var r accountRow
	err := s.q.CreateAccount.GetContext(ctx, &r, email, threesixty.EmailKey(email), name, role, hash)
	if err != nil {
		err = storeError(err)
		if threesixty.ErrorCode(err) == threesixty.ECONFLICT {
			return nil, "", threesixty.Errorf(threesixty.ECONFLICT, "an account with email %s already exists", email)
		}
		return nil, "", err
	}
	return r.account(), token, nil
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
