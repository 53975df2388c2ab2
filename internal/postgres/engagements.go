package postgres

import (
	"context"
	"database/sql"
	"time"

	"github.com/jmoiron/sqlx"

	"threesixty/internal/threesixty"
)

// engagementRow is an engagements row; the sponsor is optional, so its columns are nullable.
type engagementRow struct {
	ID                   string         `db:"id"`
	CoachID              string         `db:"coach_id"`
	LeaderName           string         `db:"leader_name"`
	LeaderEmail          string         `db:"leader_email"`
	SponsorName          sql.NullString `db:"sponsor_name"`
	SponsorEmail         sql.NullString `db:"sponsor_email"`
	SponsorOrganisation  sql.NullString `db:"sponsor_organisation"`
	Instrument           string         `db:"instrument"`
	Threshold            int            `db:"threshold"`
	SuperiorIdentifiable bool           `db:"superior_identifiable"`
	CreatedAt            time.Time      `db:"created_at"`
}

func (r engagementRow) engagement() *threesixty.Engagement {
	e := &threesixty.Engagement{
		ID:         r.ID,
		CoachID:    r.CoachID,
		Leader:     threesixty.Person{Name: r.LeaderName, Email: r.LeaderEmail},
		Instrument: r.Instrument,
		Anonymity:  threesixty.Anonymity{Threshold: r.Threshold, SuperiorIdentifiable: r.SuperiorIdentifiable},
		CreatedAt:  r.CreatedAt,
	}
	if r.SponsorEmail.Valid {
		e.Sponsor = &threesixty.Sponsor{Name: r.SponsorName.String, Email: r.SponsorEmail.String, Organisation: r.SponsorOrganisation.String}
	}
	return e
}

// CreateEngagement stores a new engagement for coach and returns it as stored.
func (s *Store) CreateEngagement(ctx context.Context, coach *threesixty.Account, e *threesixty.Engagement) (*threesixty.Engagement, error) {
	var sponsorName, sponsorEmail, sponsorOrg sql.NullString
	if e.Sponsor != nil {
		sponsorName = sql.NullString{String: e.Sponsor.Name, Valid: true}
		sponsorEmail = sql.NullString{String: e.Sponsor.Email, Valid: true}
		sponsorOrg = sql.NullString{String: e.Sponsor.Organisation, Valid: true}
	}
	var id string
	err := s.q.CreateEngagement.GetContext(ctx, &id, coach.ID, e.Leader.Name, e.Leader.Email,
		sponsorName, sponsorEmail, sponsorOrg, e.Instrument, e.Anonymity.Threshold, e.Anonymity.SuperiorIdentifiable)
	if err != nil {
		return nil, storeError(err)
	}
	return s.Engagement(ctx, coach, id)
}

// Engagement returns one engagement the coach may see; ENOTFOUND otherwise, whether it exists or not.
func (s *Store) Engagement(ctx context.Context, coach *threesixty.Account, id string) (*threesixty.Engagement, error) {
	var row engagementRow
	if err := s.q.Engagement.GetContext(ctx, &row, id, coach.ID, coach.IsAdmin); err != nil {
		return nil, notFound(err, "engagement")
	}
	return row.engagement(), nil
}

// Engagements lists the coach's engagements, newest first (every engagement for an admin).
func (s *Store) Engagements(ctx context.Context, coach *threesixty.Account) ([]*threesixty.Engagement, error) {
	var rows []engagementRow
	if err := s.q.Engagements.SelectContext(ctx, &rows, coach.ID, coach.IsAdmin); err != nil {
		return nil, storeError(err)
	}
	out := make([]*threesixty.Engagement, len(rows))
	for i, r := range rows {
		out[i] = r.engagement()
	}
	return out, nil
}

// UpdateAnonymity changes an engagement's anonymity settings. ECONFLICT once any round of the
// engagement has a response: the raters answered under the promise they were given.
func (s *Store) UpdateAnonymity(ctx context.Context, coach *threesixty.Account, id string, a threesixty.Anonymity) (*threesixty.Engagement, error) {
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		var locked string
		if err := tx.StmtxContext(ctx, s.q.LockEngagement).GetContext(ctx, &locked, id, coach.ID, coach.IsAdmin); err != nil {
			return notFound(err, "engagement")
		}
		var answered bool
		if err := tx.StmtxContext(ctx, s.q.EngagementHasAnswers).GetContext(ctx, &answered, id); err != nil {
			return storeError(err)
		}
		if answered {
			return threesixty.Errorf(threesixty.ECONFLICT, "anonymity settings cannot change once a round has a response")
		}
		_, err := tx.StmtxContext(ctx, s.q.UpdateAnonymity).ExecContext(ctx, id, a.Threshold, a.SuperiorIdentifiable)
		return storeError(err)
	})
	if err != nil {
		return nil, err
	}
	return s.Engagement(ctx, coach, id)
}

// notFound names what was not found, so the client reads "engagement not found".
func notFound(err error, what string) error {
	err = storeError(err)
	if threesixty.ErrorCode(err) == threesixty.ENOTFOUND {
		return &threesixty.Error{Code: threesixty.ENOTFOUND, Message: what + " not found", Err: err}
	}
	return err
}
