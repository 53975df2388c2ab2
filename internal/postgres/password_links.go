package postgres

import (
	"context"
	"errors"
	"strings"

	"github.com/jmoiron/sqlx"

	"threesixty/internal/threesixty"
)

// ChangePassword changes a signed-in account's password after checking its current one, and
// starts a new session, since setting a password ends every session of the account. Wrong
// current passwords count as failed sign-ins of the account's address and of the client, under
// the same limits. EINVALID with a field error on current_password or new_password; ELIMITED
// after too many failures; ENOTFOUND for an account that is not active.
func (s *Store) ChangePassword(ctx context.Context, account *threesixty.Account, change threesixty.PasswordChange) (*threesixty.Session, error) {
	if err := threesixty.CheckPassword(change.New); err != nil {
		return nil, passwordProblem("new_password", err)
	}
	key := threesixty.EmailKey(account.Email)
	wrong := false
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		if limited, err := s.lockSignIn(ctx, tx, key, change.Client); err != nil || limited {
			if limited {
				return threesixty.Errorf(threesixty.ELIMITED, "too many wrong passwords: wait %d minutes and try again", int(threesixty.SignInWindow.Minutes()))
			}
			return err
		}
		var hash string
		if err := tx.StmtxContext(ctx, s.q.AccountPassword).GetContext(ctx, &hash, account.ID); err != nil {
			return notFound(err, "account")
		}
		if !threesixty.PasswordMatches(hash, change.Current) {
			if _, err := tx.StmtxContext(ctx, s.q.RecordSignInFailure).ExecContext(ctx, key, change.Client); err != nil {
				return storeError(err)
			}
			wrong = true // the failure is committed, and counts
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if wrong {
		return nil, threesixty.Invalid("the current password is not right", []threesixty.FieldError{{Field: "current_password", Message: "This is not your current password."}})
	}
	if err := s.SetPassword(ctx, account.ID, change.New); err != nil {
		return nil, err
	}
	return s.StartSession(ctx, account)
}

// RequestPasswordReset queues a reset link to the account that has the address, if an active one
// does and neither the address nor the client has asked too often. It answers the same, nil, in
// every case, and does the same work: the caller cannot tell whether a link is on its way.
func (s *Store) RequestPasswordReset(ctx context.Context, email, client string) error {
	key := threesixty.EmailKey(strings.TrimSpace(email))
	return s.inTx(ctx, func(tx *sqlx.Tx) error {
		if _, err := tx.StmtxContext(ctx, s.q.LockPasswordRequest).ExecContext(ctx, key); err != nil {
			return storeError(err)
		}
		_, err := tx.StmtxContext(ctx, s.q.RequestPasswordReset).ExecContext(ctx, s.MessageHost, key, client,
			threesixty.PasswordRequestWindow.Seconds(), threesixty.PasswordRequestsPerAddress, threesixty.PasswordRequestsPerClient)
		return storeError(err)
	})
}

// MintPasswordLinks makes a fresh password link for each claimed set-up or reset message (by its
// outbox id), stores its hash and returns the tokens, which exist from then on only in the
// messages they are sent in; "" for a message whose account was deactivated since, which must
// not go out.
func (s *Store) MintPasswordLinks(ctx context.Context, messageIDs []string) ([]string, error) {
	return mint(ctx, s.q.MintPasswordLinks, messageIDs, threesixty.SetupLinkLifetime.Seconds(), threesixty.ResetLinkLifetime.Seconds())
}

// linkGone is the one answer for a password link that cannot be used: unknown, used, expired, or
// its account deactivated.
var linkGone = threesixty.Errorf(threesixty.ENOTFOUND, "this link does not work: it was used already, it expired, or it was never sent")

// PasswordLink returns what a usable password link opens; ENOTFOUND for any link that cannot
// be used, whatever the reason.
func (s *Store) PasswordLink(ctx context.Context, token string) (*threesixty.PasswordLink, error) {
	var r struct {
		accountRow
		Purpose threesixty.PasswordLinkPurpose `db:"purpose"`
	}
	if err := s.q.PasswordLink.GetContext(ctx, &r, threesixty.HashToken(token)); err != nil {
		if threesixty.ErrorCode(storeError(err)) == threesixty.ENOTFOUND {
			return nil, linkGone
		}
		return nil, storeError(err)
	}
	return &threesixty.PasswordLink{Account: r.account(), Purpose: r.Purpose}, nil
}

// UsePasswordLink sets the password of the link's account, once: the link is used, the
// account's other unused links stop working, and every session of the account ends. EINVALID
// for a password that breaks a rule, and the link stays usable; ENOTFOUND for a link that
// cannot be used.
func (s *Store) UsePasswordLink(ctx context.Context, token, password string) (*threesixty.Account, error) {
	if err := threesixty.CheckPassword(password); err != nil {
		return nil, passwordProblem("password", err)
	}
	hash := threesixty.HashPassword(password)
	var a *threesixty.Account
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		var accountID string
		if err := tx.StmtxContext(ctx, s.q.UsePasswordLink).GetContext(ctx, &accountID, threesixty.HashToken(token)); err != nil {
			if threesixty.ErrorCode(storeError(err)) == threesixty.ENOTFOUND {
				return linkGone
			}
			return storeError(err)
		}
		if set, err := s.setPassword(ctx, tx, accountID, hash); err != nil || !set {
			if err == nil {
				err = linkGone // deactivated
			}
			return err
		}
		var r accountRow
		if err := tx.StmtxContext(ctx, s.q.Account).GetContext(ctx, &r, accountID); err != nil {
			return storeError(err)
		}
		a = r.account()
		return nil
	})
	return a, err
}

// passwordProblem is a password that breaks a rule (CheckPassword's error), as a field error.
func passwordProblem(field string, err error) error {
	message := "The password cannot be used."
	var te *threesixty.Error
	if errors.As(err, &te) {
		message = strings.ToUpper(te.Message[:1]) + te.Message[1:] + "."
	}
	return threesixty.Invalid("the password cannot be used", []threesixty.FieldError{{Field: field, Message: message}})
}
