package postgres

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"threesixty/internal/threesixty"
)

// engagementRow is an engagements row with its coach's address and name; the sponsor is optional, so its
// columns are nullable.
type engagementRow struct {
	ID                   string         `db:"id"`
	CoachID              string         `db:"coach_id"`
	CoachEmail           string         `db:"coach_email"`
	CoachName            string         `db:"coach_name"`
	LeaderName           string         `db:"leader_name"`
	LeaderEmail          string         `db:"leader_email"`
	SponsorName          sql.NullString `db:"sponsor_name"`
	SponsorEmail         sql.NullString `db:"sponsor_email"`
	SponsorOrganisation  sql.NullString `db:"sponsor_organisation"`
	Instrument           string         `db:"instrument"`
	Threshold            int            `db:"threshold"`
	SuperiorIdentifiable bool           `db:"superior_identifiable"`
	RaterDomains         pq.StringArray `db:"rater_domains"`
	TimeZone             string         `db:"time_zone"`
	StartsOn             sql.NullTime   `db:"starts_on"`
	PlannedEndOn         sql.NullTime   `db:"planned_end_on"`
	NominationAllowed    bool           `db:"nomination_allowed"`
	ArchivedAt           *time.Time     `db:"archived_at"`
	CreatedAt            time.Time      `db:"created_at"`
}

func (r engagementRow) engagement() *threesixty.Engagement {
	e := &threesixty.Engagement{
		ID:           r.ID,
		CoachID:      r.CoachID,
		CoachName:    r.CoachName,
		Leader:       threesixty.Person{Name: r.LeaderName, Email: r.LeaderEmail},
		Instrument:   r.Instrument,
		Anonymity:    threesixty.Anonymity{Threshold: r.Threshold, SuperiorIdentifiable: r.SuperiorIdentifiable},
		RaterDomains: append([]string{}, r.RaterDomains...),
		TimeZone:     r.TimeZone,
		StartsOn:     dateOf(r.StartsOn),
		PlannedEndOn: dateOf(r.PlannedEndOn),
		CreatedAt:    r.CreatedAt,

		NominationAllowed: r.NominationAllowed,
		ArchivedAt:        r.ArchivedAt,
	}
	if r.SponsorEmail.Valid {
		e.Sponsor = &threesixty.Sponsor{Name: r.SponsorName.String, Email: r.SponsorEmail.String, Organisation: r.SponsorOrganisation.String}
	}
	return e
}

// CreateEngagement stores a new engagement run by the acting account and returns it as stored.
// EFORBIDDEN for an actor that is not an account; EINVALID with field errors for settings that
// break a rule.
func (s *Store) CreateEngagement(ctx context.Context, actor threesixty.Actor, e *threesixty.Engagement) (*threesixty.Engagement, error) {
	if actor.AccountID() == "" {
		return nil, threesixty.Errorf(threesixty.EFORBIDDEN, "only a coach can create an engagement")
	}
	if problems := e.Validate(); len(problems) > 0 {
		return nil, threesixty.Invalid("the engagement has invalid fields", problems)
	}
	if e.TimeZone == "" {
		e.TimeZone = "UTC"
	}
	var sponsorName, sponsorEmail, sponsorOrg sql.NullString
	if e.Sponsor != nil {
		sponsorName = sql.NullString{String: e.Sponsor.Name, Valid: true}
		sponsorEmail = sql.NullString{String: e.Sponsor.Email, Valid: true}
		sponsorOrg = sql.NullString{String: e.Sponsor.Organisation, Valid: true}
	}
	var id string
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		err := tx.StmtxContext(ctx, s.q.CreateEngagement).GetContext(ctx, &id, actor.AccountID(), e.Leader.Name, e.Leader.Email,
			sponsorName, sponsorEmail, sponsorOrg, e.Instrument, e.Anonymity.Threshold, e.Anonymity.SuperiorIdentifiable,
			pq.StringArray(append([]string{}, e.RaterDomains...)), e.TimeZone, dateArg(e.StartsOn), dateArg(e.PlannedEndOn))
		if err != nil {
			return storeError(err)
		}
		return s.record(ctx, tx, id, actor, threesixty.AuditEngagementCreated, nil, map[string]any{
			"anonymity": e.Anonymity, "rater_domains": e.RaterDomains, "starts_on": e.StartsOn, "planned_end_on": e.PlannedEndOn,
		})
	})
	if err != nil {
		return nil, err
	}
	return s.Engagement(ctx, actor, id)
}

// Engagement returns one engagement the actor may see; ENOTFOUND otherwise, whether it exists or not.
func (s *Store) Engagement(ctx context.Context, actor threesixty.Actor, id string) (*threesixty.Engagement, error) {
	row, err := s.engagementRow(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	return row.engagement(), nil
}

func (s *Store) engagementRow(ctx context.Context, actor threesixty.Actor, id string) (*engagementRow, error) {
	var row engagementRow
	if err := s.q.Engagement.GetContext(ctx, &row, id, actorArg(actor)); err != nil {
		return nil, notFound(err, "engagement")
	}
	return &row, nil
}

// Engagements lists the engagements the actor may see, newest first.
func (s *Store) Engagements(ctx context.Context, actor threesixty.Actor) ([]*threesixty.Engagement, error) {
	var rows []engagementRow
	if err := s.q.Engagements.SelectContext(ctx, &rows, actorArg(actor)); err != nil {
		return nil, storeError(err)
	}
	out := make([]*threesixty.Engagement, len(rows))
	for i, r := range rows {
		out[i] = r.engagement()
	}
	return out, nil
}

// UpdateSettings changes an engagement's anonymity settings, email domains, time zone, whether
// the leader may nominate raters, and its start and planned end. ECONFLICT for an archived
// engagement, and once a round has opened for a change to the anonymity settings, domains or
// time zone: its raters were told them when they were invited, and a release uses what they
// were told. EINVALID with field errors for settings that break a rule, among them domains that
// raters already added are outside of, and a start after a coaching session already held.
func (s *Store) UpdateSettings(ctx context.Context, actor threesixty.Actor, id string, change threesixty.SettingsChange) (*threesixty.Engagement, error) {
	if err := actor.CheckManages(); err != nil {
		return nil, err
	}
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		row, err := s.lockEngagement(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		e := row.engagement()
		if err := e.CheckNotArchived(); err != nil {
			return err
		}
		var opened bool
		if err := tx.StmtxContext(ctx, s.q.EngagementHasRounds).GetContext(ctx, &opened, id); err != nil {
			return storeError(err)
		}
		if opened && change.Locked() {
			return threesixty.Errorf(threesixty.ECONFLICT, "the anonymity settings and email domains are locked: raters were told them when the first round opened")
		}
		before := auditedSettings(e)
		change.Apply(e)
		if problems := e.Validate(); len(problems) > 0 {
			return threesixty.Invalid("the engagement has invalid fields", problems)
		}
		if change.StartsOn != nil {
			if err := s.checkStartAfterSessions(ctx, tx, e); err != nil {
				return err
			}
		}
		row.RaterDomains = e.RaterDomains
		row.TimeZone = e.TimeZone
		if change.Locked() {
			if _, err := s.checkRaters(ctx, tx, row, nil); err != nil {
				return err
			}
		}
		_, err = tx.StmtxContext(ctx, s.q.UpdateSettings).ExecContext(ctx, id, e.Anonymity.Threshold, e.Anonymity.SuperiorIdentifiable,
			pq.StringArray(e.RaterDomains), e.TimeZone, e.NominationAllowed, dateArg(e.StartsOn), dateArg(e.PlannedEndOn))
		if err != nil {
			return storeError(err)
		}
		return s.record(ctx, tx, id, actor, threesixty.AuditSettingsChanged, nil, map[string]any{
			"before": before, "after": auditedSettings(e),
		})
	})
	if err != nil {
		return nil, err
	}
	return s.Engagement(ctx, actor, id)
}

// auditedSettings are the settings a settings_changed entry of the audit trail holds, before and
// after the change.
func auditedSettings(e *threesixty.Engagement) map[string]any {
	return map[string]any{"anonymity": e.Anonymity, "rater_domains": e.RaterDomains, "time_zone": e.TimeZone,
		"nomination_allowed": e.NominationAllowed, "starts_on": e.StartsOn, "planned_end_on": e.PlannedEndOn}
}

// DeleteEngagement deletes an engagement and everything of it: raters, rounds, invitations and
// their links, mail, goals, the audit trail, the releases and responses (the one change a
// frozen release allows), and its goal pulse's instrument version, whose text holds its leader's
// name and goals (an instance that read it keeps it in memory until it restarts). The deletion is recorded, with who made it and when, in a record that
// outlives the engagement. Only an admin may: EFORBIDDEN for the coach who runs it, ENOTFOUND
// for anyone who may not see it.
func (s *Store) DeleteEngagement(ctx context.Context, actor threesixty.Actor, id string) error {
	return s.inTx(ctx, func(tx *sqlx.Tx) error {
		e, err := s.lockEngagement(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if actor.Role() != threesixty.RoleAdmin {
			return threesixty.Errorf(threesixty.EFORBIDDEN, "only an admin can delete an engagement")
		}
		if _, err := tx.StmtxContext(ctx, s.q.DeleteEngagement).ExecContext(ctx, e.ID); err != nil {
			return storeError(err)
		}
		if _, err := tx.StmtxContext(ctx, s.q.ForgetUnpinnedPulses).ExecContext(ctx); err != nil {
			return storeError(err)
		}
		_, err = tx.StmtxContext(ctx, s.q.RecordDeletion).ExecContext(ctx, e.ID, accountArg(actor))
		return storeError(err)
	})
}

// lockEngagement reads the engagement and takes its row lock, which orders every change to its
// raters, rounds and settings; ENOTFOUND when the actor may not see it.
func (s *Store) lockEngagement(ctx context.Context, tx *sqlx.Tx, actor threesixty.Actor, id string) (*engagementRow, error) {
	var row engagementRow
	if err := tx.StmtxContext(ctx, s.q.LockEngagement).GetContext(ctx, &row, id, actorArg(actor)); err != nil {
		return nil, notFound(err, "engagement")
	}
	return &row, nil
}

// record writes one entry of the engagement's audit trail in tx, so the entry exists exactly
// when the change does.
func (s *Store) record(ctx context.Context, tx *sqlx.Tx, engagementID string, actor threesixty.Actor, action threesixty.AuditAction, raterID *string, detail map[string]any) error {
	if detail == nil {
		detail = map[string]any{}
	}
	b, err := json.Marshal(detail)
	if err != nil {
		return err
	}
	_, err = tx.StmtxContext(ctx, s.q.RecordChange).ExecContext(ctx, engagementID, accountArg(actor), action, raterID, b)
	return storeError(err)
}

// notFound names what was not found, so the client reads "engagement not found".
func notFound(err error, what string) error {
	err = storeError(err)
	if threesixty.ErrorCode(err) == threesixty.ENOTFOUND {
		return &threesixty.Error{Code: threesixty.ENOTFOUND, Message: what + " not found", Err: err}
	}
	return err
}
