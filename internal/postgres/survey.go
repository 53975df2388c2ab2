package postgres

import (
	"context"
	"encoding/json"

	"threesixty/internal/threesixty"
)

// SurveyAccess finds what a survey link opens, together with how many failed lookups client made
// in the last ten minutes. ENOTFOUND when no invitation has this token.
func (s *Store) SurveyAccess(ctx context.Context, token, client string) (*threesixty.SurveyAccess, int, error) {
	var row struct {
		threesixty.SurveyAccess
		RecentFailures int `db:"recent_failures"`
	}
	if err := s.q.SurveyAccess.GetContext(ctx, &row, threesixty.HashToken(token), client); err != nil {
		return nil, 0, notFound(err, "survey link")
	}
	return &row.SurveyAccess, row.RecentFailures, nil
}

// CountTokenGuess records a failed link lookup from client and returns its recent failures.
func (s *Store) CountTokenGuess(ctx context.Context, client string) (int, error) {
	var n int
	err := s.q.CountGuess.GetContext(ctx, &n, client)
	return n, storeError(err)
}

// SaveDraft keeps a draft for a pending invitation of an open round. It reports false when the
// invitation can no longer take one.
func (s *Store) SaveDraft(ctx context.Context, invitationID string, a threesixty.Answers) (bool, error) {
	draft, err := json.Marshal(a)
	if err != nil {
		return false, err
	}
	rows, err := s.q.SaveDraft.QueryContext(ctx, invitationID, draft)
	if err != nil {
		return false, storeError(err)
	}
	defer rows.Close()
	saved := rows.Next()
	return saved, storeError(rows.Err())
}

// SubmitResponse stores the answers and marks the invitation used, in one statement. It reports
// false, and stores nothing, when the invitation was already used or declined or the round no
// longer takes answers; of any number of concurrent submissions exactly one returns true.
func (s *Store) SubmitResponse(ctx context.Context, invitationID string, a threesixty.Answers) (bool, error) {
	ratings, err := json.Marshal(a.Ratings)
	if err != nil {
		return false, err
	}
	comments, err := json.Marshal(a.Comments)
	if err != nil {
		return false, err
	}
	var n int
	if err := s.q.SubmitResponse.GetContext(ctx, &n, invitationID, ratings, comments); err != nil {
		return false, storeError(err)
	}
	return n == 1, nil
}

// Decline records that the rater will not answer. It reports false when the invitation was
// already used or the round no longer takes answers.
func (s *Store) Decline(ctx context.Context, invitationID string) (bool, error) {
	var n int
	if err := s.q.Decline.GetContext(ctx, &n, invitationID); err != nil {
		return false, storeError(err)
	}
	return n == 1, nil
}

// StopReminders records that the person behind an invitation wants no more reminders.
func (s *Store) StopReminders(ctx context.Context, invitationID string) error {
	_, err := s.q.StopReminders.ExecContext(ctx, invitationID)
	return storeError(err)
}

// NewLink mints a token for one invitation and returns it: for the demo, which prints links, and
// for tests. Mail gets its tokens from MintTokens as it sends.
func (s *Store) NewLink(ctx context.Context, invitationID string) (string, error) {
	tokens, err := s.MintTokens(ctx, []string{invitationID})
	if err != nil {
		return "", err
	}
	return tokens[0], nil
}
