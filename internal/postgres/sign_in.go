package postgres

import (
	"context"
	"strings"

	"github.com/jmoiron/sqlx"

	"threesixty/internal/threesixty"
)

// notSignedIn is the one answer to every sign-in that fails, whatever the reason: no such
// account, no password set, a deactivated account or a wrong password look the same.
var notSignedIn = threesixty.Errorf(threesixty.EUNAUTH, "that email address and password do not match an account")

// SignIn checks a sign-in and starts a session for it. The password is checked against a hash
// in every case, an account or not, so that the answer takes as long for an address that has no
// account. ELIMITED when the address or the client has failed too often within the window, before
// the password is looked at; EUNAUTH for everything else that fails, with one message.
func (s *Store) SignIn(ctx context.Context, in threesixty.SignIn) (*threesixty.Session, error) {
	key := threesixty.EmailKey(strings.TrimSpace(in.Email))
	var a *threesixty.Account
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		if limited, err := s.lockSignIn(ctx, tx, key, in.Client); err != nil || limited {
			if err != nil {
				return err
			}
			return threesixty.Errorf(threesixty.ELIMITED, "too many failed sign-ins: wait %d minutes and try again, or reset your password",
				int(threesixty.SignInWindow.Minutes()))
		}
		var r accountRow
		err := tx.StmtxContext(ctx, s.q.AccountByEmail).GetContext(ctx, &r, key)
		if err != nil && threesixty.ErrorCode(storeError(err)) != threesixty.ENOTFOUND {
			return storeError(err)
		}
		matches := threesixty.PasswordMatches(r.PasswordHash, in.Password)
		if err != nil || !matches || r.Deactivated != nil {
			if _, err := tx.StmtxContext(ctx, s.q.RecordSignInFailure).ExecContext(ctx, key, in.Client); err != nil {
				return storeError(err)
			}
			return nil
		}
		if _, err := tx.StmtxContext(ctx, s.q.ForgetSignInFailures).ExecContext(ctx, key); err != nil {
			return storeError(err)
		}
		a = r.account()
		return nil
	})
	if err != nil {
		return nil, err
	}
	if a == nil {
		return nil, notSignedIn
	}
	return s.StartSession(ctx, a)
}

// lockSignIn takes the address's sign-in lock for the transaction, so that attempts sent at
// once cannot all pass the count before any failure is recorded, and reports whether the address
// or the client has failed too often within the window (see threesixty.SignInWindow).
func (s *Store) lockSignIn(ctx context.Context, tx *sqlx.Tx, key, client string) (bool, error) {
	if _, err := tx.StmtxContext(ctx, s.q.LockSignIn).ExecContext(ctx, key); err != nil {
		return false, storeError(err)
	}
	var failures struct {
		Pair    int `db:"pair"`
		Address int `db:"address"`
		Client  int `db:"client"`
	}
	if err := tx.StmtxContext(ctx, s.q.SignInFailures).GetContext(ctx, &failures, key, client, threesixty.SignInWindow.Seconds()); err != nil {
		return false, storeError(err)
	}
	return failures.Pair >= threesixty.SignInFailuresPerAddressAndClient || failures.Address >= threesixty.SignInFailuresPerAddress ||
		failures.Client >= threesixty.SignInFailuresPerClient, nil
}

// StartSession makes a new session for an account: at sign-in, and after a password is set.
func (s *Store) StartSession(ctx context.Context, a *threesixty.Account) (*threesixty.Session, error) {
	token, hash := threesixty.NewToken()
	if _, err := s.q.CreateSession.ExecContext(ctx, hash, a.ID, threesixty.SessionLifetime.Seconds()); err != nil {
		return nil, storeError(err)
	}
	return &threesixty.Session{Token: token, Account: a}, nil
}

// AccountBySession returns the active account of a session still in use, and marks it used;
// EUNAUTH for a session that has ended, or never was.
func (s *Store) AccountBySession(ctx context.Context, token string) (*threesixty.Account, error) {
	var r accountRow
	if err := s.q.SessionAccount.GetContext(ctx, &r, threesixty.HashToken(token), threesixty.SessionIdle.Seconds()); err != nil {
		if threesixty.ErrorCode(storeError(err)) == threesixty.ENOTFOUND {
			return nil, threesixty.Errorf(threesixty.EUNAUTH, "not signed in")
		}
		return nil, storeError(err)
	}
	return r.account(), nil
}

// EndSession signs one browser out.
func (s *Store) EndSession(ctx context.Context, token string) error {
	_, err := s.q.EndSession.ExecContext(ctx, threesixty.HashToken(token))
	return storeError(err)
}

// EndSessions signs an account out everywhere: every browser it is signed in on.
func (s *Store) EndSessions(ctx context.Context, accountID string) error {
	_, err := s.q.EndSessions.ExecContext(ctx, accountID)
	return storeError(err)
}

// SetPassword sets an account's password and signs it out everywhere, so a password changed
// because it was known to someone else leaves them no session; a reset link still unused stops
// working, and the failed sign-ins counted against its address are forgotten. EINVALID for a password that
// breaks a rule; ENOTFOUND for an account that is not active.
func (s *Store) SetPassword(ctx context.Context, accountID, password string) error {
	if err := threesixty.CheckPassword(password); err != nil {
		return err
	}
	hash := threesixty.HashPassword(password)
	return s.inTx(ctx, func(tx *sqlx.Tx) error {
		set, err := s.setPassword(ctx, tx, accountID, hash)
		if err == nil && !set {
			err = threesixty.Errorf(threesixty.ENOTFOUND, "no such active account")
		}
		return err
	})
}

// setPassword stores an active account's new password hash and ends what the old password
// opened or could be reset through: every session, every unused password link, and the failed
// sign-ins counted against its address. It reports false, changing nothing, for an account that
// is not active.
func (s *Store) setPassword(ctx context.Context, tx *sqlx.Tx, accountID, hash string) (bool, error) {
	res, err := tx.StmtxContext(ctx, s.q.SetPassword).ExecContext(ctx, accountID, hash)
	if err != nil {
		return false, storeError(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return false, nil
	}
	for _, stmt := range []*sqlx.Stmt{s.q.EndPasswordLinks, s.q.EndSessions, s.q.ForgetAccountFailures} {
		if _, err := tx.StmtxContext(ctx, stmt).ExecContext(ctx, accountID); err != nil {
			return false, storeError(err)
		}
	}
	return true, nil
}

// CreateAPIToken makes an API token for an account and returns it, shown this once, with how it
// is listed. EINVALID for a name that is empty or not plain text.
func (s *Store) CreateAPIToken(ctx context.Context, accountID, name string) (string, *threesixty.APIToken, error) {
	var token string
	var listed *threesixty.APIToken
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		var err error
		token, listed, err = s.createAPIToken(ctx, tx, accountID, name)
		return err
	})
	return token, listed, err
}

func (s *Store) createAPIToken(ctx context.Context, tx *sqlx.Tx, accountID, name string) (string, *threesixty.APIToken, error) {
	name = strings.TrimSpace(name)
	if name == "" || !threesixty.PlainText(name) || len([]rune(name)) > 100 {
		return "", nil, threesixty.Errorf(threesixty.EINVALID, "a token needs a name in plain text, at most 100 characters, saying where it is used")
	}
	token, hash := threesixty.NewToken()
	var t threesixty.APIToken
	if err := tx.StmtxContext(ctx, s.q.CreateAPIToken).QueryRowxContext(ctx, accountID, name, hash).Scan(&t.ID, &t.Name, &t.CreatedAt); err != nil {
		return "", nil, storeError(err)
	}
	return token, &t, nil
}

// APITokens lists an account's API tokens, oldest first.
func (s *Store) APITokens(ctx context.Context, accountID string) ([]threesixty.APIToken, error) {
	var out []threesixty.APIToken
	rows, err := s.q.APITokens.QueryxContext(ctx, accountID)
	if err != nil {
		return nil, storeError(err)
	}
	defer rows.Close()
	for rows.Next() {
		var t threesixty.APIToken
		if err := rows.Scan(&t.ID, &t.Name, &t.CreatedAt); err != nil {
			return nil, storeError(err)
		}
		out = append(out, t)
	}
	return out, storeError(rows.Err())
}

// RevokeAPIToken deletes one of an account's API tokens; ENOTFOUND for a token the account does
// not have.
func (s *Store) RevokeAPIToken(ctx context.Context, accountID, tokenID string) error {
	res, err := s.q.RevokeAPIToken.ExecContext(ctx, tokenID, accountID)
	if err != nil {
		return storeError(err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return threesixty.Errorf(threesixty.ENOTFOUND, "no such token")
	}
	return nil
}
