package postgres

import (
	"context"
	"fmt"
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
	in := threesixty.NewAccount{Email: strings.TrimSpace(email), Name: strings.TrimSpace(name), Role: role}
	if problems := checkAccount(in); len(problems) > 0 {
		return nil, "", threesixty.Errorf(threesixty.EINVALID, "%s", problems[0].Message)
	}
	var a *threesixty.Account
	var token string
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		var err error
		if a, err = s.createAccount(ctx, tx, in); err != nil {
			return err
		}
		token, _, err = s.createAPIToken(ctx, tx, a.ID, "First token")
		return err
	})
	if err != nil {
		return nil, "", err
	}
	return a, token, nil
}

// checkAccount says what is wrong with a new account, field by field.
func checkAccount(in threesixty.NewAccount) []threesixty.FieldError {
	var problems []threesixty.FieldError
	if in.Name == "" || !threesixty.PlainText(in.Name) || len([]rune(in.Name)) > 200 {
		problems = append(problems, threesixty.FieldError{Field: "name", Message: "An account needs a name in plain text, at most 200 characters."})
	}
	if !threesixty.ValidEmail(in.Email) {
		problems = append(problems, threesixty.FieldError{Field: "email", Message: fmt.Sprintf("%q is not an email address.", in.Email)})
	}
	if in.Role != threesixty.RoleCoach && in.Role != threesixty.RoleAdmin {
		problems = append(problems, threesixty.FieldError{Field: "role", Message: fmt.Sprintf("%q is not a role; use coach or admin.", in.Role)})
	}
	return problems
}

// createAccount stores a checked account in tx; ECONFLICT, with a field error on email, when the
// address already has one.
func (s *Store) createAccount(ctx context.Context, tx *sqlx.Tx, in threesixty.NewAccount) (*threesixty.Account, error) {
	var r accountRow
	if err := tx.StmtxContext(ctx, s.q.CreateAccount).GetContext(ctx, &r, in.Email, threesixty.EmailKey(in.Email), in.Name, in.Role); err != nil {
		err = storeError(err)
		if threesixty.ErrorCode(err) == threesixty.ECONFLICT {
			return nil, &threesixty.Error{Code: threesixty.ECONFLICT, Message: fmt.Sprintf("an account with email %s already exists", in.Email),
				Fields: []threesixty.FieldError{{Field: "email", Message: "An account with this address already exists."}}}
		}
		return nil, err
	}
	return r.account(), nil
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
