package postgres

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"threesixty/internal/threesixty"
)

// auditRow is an audit trail entry with who made it and which rater it concerns, both optional.
type auditRow struct {
	Action threesixty.AuditAction `db:"action"`
	At     time.Time              `db:"at"`
	Detail []byte                 `db:"detail"`
	By     struct {
		ID    sql.NullString `db:"id"`
		Email sql.NullString `db:"email"`
		Name  sql.NullString `db:"name"`
		Role  sql.NullString `db:"role"`
	} `db:"by"`
	Rater struct {
		ID      sql.NullString `db:"id"`
		Name    sql.NullString `db:"name"`
		Email   sql.NullString `db:"email"`
		Group   sql.NullString `db:"rater_group"`
		Sponsor sql.NullBool   `db:"sponsor"`
	} `db:"rater"`
}

// AuditTrail lists the changes made to an engagement the actor may see, oldest first.
func (s *Store) AuditTrail(ctx context.Context, actor threesixty.Actor, engagementID string) ([]threesixty.AuditEntry, error) {
	e, err := s.Engagement(ctx, actor, engagementID)
	if err != nil {
		return nil, err
	}
	var rows []auditRow
	if err := s.q.AuditTrail.SelectContext(ctx, &rows, e.ID); err != nil {
		return nil, storeError(err)
	}
	out := make([]threesixty.AuditEntry, len(rows))
	for i, r := range rows {
		entry := threesixty.AuditEntry{Action: r.Action, At: r.At}
		if err := json.Unmarshal(r.Detail, &entry.Detail); err != nil {
			return nil, err
		}
		if r.By.ID.Valid {
			entry.By = &threesixty.Account{ID: r.By.ID.String, Email: r.By.Email.String, Name: r.By.Name.String, Role: threesixty.Role(r.By.Role.String)}
		}
		if r.Rater.ID.Valid {
			entry.Rater = &threesixty.Rater{ID: r.Rater.ID.String, Name: r.Rater.Name.String, Email: r.Rater.Email.String,
				Group: threesixty.RaterGroup(r.Rater.Group.String), Sponsor: r.Rater.Sponsor.Bool}
		}
		out[i] = entry
	}
	return out, nil
}
