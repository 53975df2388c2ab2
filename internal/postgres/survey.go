package postgres

import (
	"context"
	"encoding/json"
	"time"

	"threesixty/internal/threesixty"
)

// SurveyAccess finds what a survey link opens. ENOTFOUND when no invitation has this token.
func (s *Store) SurveyAccess(ctx context.Context, token string) (*threesixty.SurveyAccess, error) {
	var row surveyAccessRow
	if err := s.q.SurveyAccess.GetContext(ctx, &row, threesixty.HashToken(token)); err != nil {
		return nil, notFound(err, "survey link")
	}
	a := &threesixty.SurveyAccess{
		InvitationID: row.InvitationID, Group: row.Group, Status: row.Status, RoundID: row.RoundID,
		RoundKind: row.RoundKind, RoundStatus: row.RoundStatus, ClosesAt: row.ClosesAt,
		InstrumentVersion: row.InstrumentVersion, LeaderName: row.LeaderName, TimeZone: row.TimeZone, CoachName: row.CoachName,
		Anonymity: threesixty.Anonymity{Threshold: row.Threshold, SuperiorIdentifiable: row.SuperiorIdentifiable},
	}
	if row.Draft != nil {
		// A draft that cannot be read is treated as none: the rater starts again.
		var draft threesixty.Answers
		if json.Unmarshal(row.Draft, &draft) == nil {
			a.Draft = &draft
		}
	}
	return a, nil
}

// surveyAccessRow is what survey-access reads.
type surveyAccessRow struct {
	InvitationID         string                      `db:"invitation_id"`
	Group                threesixty.RaterGroup       `db:"rater_group"`
	Status               threesixty.InvitationStatus `db:"status"`
	RoundID              string                      `db:"round_id"`
	RoundKind            threesixty.RoundKind        `db:"round_kind"`
	RoundStatus          threesixty.RoundStatus      `db:"round_status"`
	ClosesAt             time.Time                   `db:"closes_at"`
	InstrumentVersion    string                      `db:"instrument_version"`
	LeaderName           string                      `db:"leader_name"`
	Threshold            int                         `db:"threshold"`
	SuperiorIdentifiable bool                        `db:"superior_identifiable"`
	Draft                []byte                      `db:"draft"`
	TimeZone             string                      `db:"time_zone"`
	CoachName            string                      `db:"coach_name"`
}

// CountTokenGuess records a link lookup from client that missed, and returns the misses of the
// client and of everyone in the current window (threesixty.GuessWindow).
func (s *Store) CountTokenGuess(ctx context.Context, client string) (threesixty.Misses, error) {
	if client == "*" { // the key of everyone's count; no address looks like it
		client = "[*]"
	}
	var m struct {
		Client int `db:"client"`
		All    int `db:"all"`
	}
	err := s.q.CountGuess.GetContext(ctx, &m, client, threesixty.GuessWindow.Seconds(), threesixty.GuessLimit)
	return threesixty.Misses{Client: m.Client, All: m.All}, storeError(err)
}

// SaveDraft keeps a draft for a pending invitation of an open round. It reports false when the
// invitation can no longer take one.
func (s *Store) SaveDraft(ctx context.Context, invitationID string, a threesixty.Answers) (bool, error) {
	draft, err := json.Marshal(a)
	if err != nil {
		return false, err
	}
	var saved bool
	err = s.q.SaveDraft.GetContext(ctx, &saved, invitationID, draft)
	return saved, storeError(err)
}

// SubmitResponse stores the answers and marks the invitation used, in one transaction. It reports
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
	var stored bool
	err = s.q.SubmitResponse.GetContext(ctx, &stored, invitationID, ratings, comments)
	return stored, storeError(err)
}

// Decline records that the rater will not answer, and holds the reason they gave, if any, in the
// round's own table, with nothing that says whose it is. It reports false, and records nothing,
// when the invitation was already used or declined or the round no longer takes answers.
func (s *Store) Decline(ctx context.Context, invitationID string, reason *threesixty.DeclineReason) (bool, error) {
	var declined bool
	if err := s.q.Decline.GetContext(ctx, &declined, invitationID, reason); err != nil {
		return false, storeError(err)
	}
	return declined, nil
}

// StopReminders records that the person behind an invitation wants no more reminders.
func (s *Store) StopReminders(ctx context.Context, invitationID string) error {
	_, err := s.q.StopReminders.ExecContext(ctx, invitationID)
	return storeError(err)
}
