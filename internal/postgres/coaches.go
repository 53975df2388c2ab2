package postgres

import (
	"context"
	"strings"

	"threesixty/internal/threesixty"
)

// CoachByToken finds the account an API token belongs to; EUNAUTH when none does.
func (s *Store) CoachByToken(ctx context.Context, token string) (*threesixty.Account, error) {
	var c threesixty.Account
	err := s.q.CoachByToken.GetContext(ctx, &c, threesixty.HashToken(token))
	if err != nil {
		if threesixty.ErrorCode(storeError(err)) == threesixty.ENOTFOUND {
			return nil, threesixty.Errorf(threesixty.EUNAUTH, "the API token is not valid")
		}
		return nil, storeError(err)
	}
	return &c, nil
}

// CreateCoach makes an account and returns it with its API token, which is shown this once.
// ECONFLICT when the email already has an account.
func (s *Store) CreateCoach(ctx context.Context, email, name string, admin bool) (*threesixty.Account, string, error) {
	token, hash := threesixty.NewToken()
	var c threesixty.Account
	err := s.q.CreateCoach.GetContext(ctx, &c, strings.TrimSpace(email), strings.TrimSpace(name), admin, hash)
	if err != nil {
		err = storeError(err)
		if threesixty.ErrorCode(err) == threesixty.ECONFLICT {
			return nil, "", threesixty.Errorf(threesixty.ECONFLICT, "a coach with email %s already exists", email)
		}
		return nil, "", err
	}
	return &c, token, nil
}
