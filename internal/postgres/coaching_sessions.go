package postgres

import (
	"context"
	"database/sql"
	"time"

	"github.com/jmoiron/sqlx"

	"threesixty/internal/threesixty"
)

// coachingSessionRow is a coaching_sessions row as read; notes are "" for anyone but the
// engagement's coach (see queries/coaching_sessions.sql).
type coachingSessionRow struct {
	ID           string    `db:"id"`
	EngagementID string    `db:"engagement_id"`
	HeldOn       time.Time `db:"held_on"`
	Minutes      int       `db:"minutes"`
	Notes        string    `db:"notes"`
	CreatedAt    time.Time `db:"created_at"`
	UpdatedAt    time.Time `db:"updated_at"`
}

func (r coachingSessionRow) coachingSession() threesixty.CoachingSession {
	return threesixty.CoachingSession{
		ID: r.ID, EngagementID: r.EngagementID, HeldOn: dateOf(sql.NullTime{Time: r.HeldOn, Valid: true}),
		Minutes: r.Minutes, Notes: r.Notes, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
	}
}

// CreateCoachingSession records a coaching session of the engagement and returns it as stored.
// EINVALID with field errors for a session that breaks a rule (see
// threesixty.CoachingSession.Validate); ECONFLICT for an archived engagement, or one that has
// threesixty.MaxCoachingSessions already.
func (s *Store) CreateCoachingSession(ctx context.Context, actor threesixty.Actor, engagementID string, cs threesixty.CoachingSession) (*threesixty.CoachingSession, error) {
	if err := actor.CheckManages(); err != nil {
		return nil, err
	}
	var id string
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		// The engagement's lock makes concurrent creates count one after the other, so no
		// two of them both see room for the last session.
		row, err := s.lockEngagement(ctx, tx, actor, engagementID)
		if err != nil {
			return err
		}
		e := row.engagement()
		if err := checkSessionsOpen(e); err != nil {
			return err
		}
		var sessions int
		if err := tx.StmtxContext(ctx, s.q.CountCoachingSessions).GetContext(ctx, &sessions, e.ID); err != nil {
			return storeError(err)
		}
		if sessions >= threesixty.MaxCoachingSessions {
			return threesixty.Errorf(threesixty.ECONFLICT, "the engagement already has %d coaching sessions, the most it may have", threesixty.MaxCoachingSessions)
		}
		if err := cs.Validate(e, time.Now()); err != nil {
			return err
		}
		cs = cs.Cleaned()
		err = tx.StmtxContext(ctx, s.q.CreateCoachingSession).GetContext(ctx, &id, e.ID, dateArg(cs.HeldOn), cs.Minutes, cs.Notes)
		if err != nil {
			return storeError(err)
		}
		return s.recordCoachingSession(ctx, tx, e.ID, actor, threesixty.AuditCoachingSessionAdded, id, cs)
	})
	if err != nil {
		return nil, err
	}
	return s.CoachingSession(ctx, actor, id)
}

// CoachingSession returns a coaching session the actor may see; ENOTFOUND otherwise, whether it
// exists or not. Its notes are there only for the engagement's coach.
func (s *Store) CoachingSession(ctx context.Context, actor threesixty.Actor, id string) (*threesixty.CoachingSession, error) {
	var row coachingSessionRow
	if err := s.q.CoachingSession.GetContext(ctx, &row, id, actorArg(actor)); err != nil {
		return nil, notFound(err, "coaching session")
	}
	cs := row.coachingSession()
	return &cs, nil
}

// CoachingSessions lists an engagement's coaching sessions in the order they were held, those
// of one day in the order they were recorded; ENOTFOUND for an engagement the actor may not
// see. Their notes are there only for the engagement's coach: a report or a page for anyone
// else may count and date them, and finds no notes to leak.
func (s *Store) CoachingSessions(ctx context.Context, actor threesixty.Actor, engagementID string) ([]threesixty.CoachingSession, error) {
	e, err := s.Engagement(ctx, actor, engagementID)
	if err != nil {
		return nil, err
	}
	var rows []coachingSessionRow
	if err := s.q.CoachingSessions.SelectContext(ctx, &rows, e.ID, actorArg(actor)); err != nil {
		return nil, storeError(err)
	}
	out := make([]threesixty.CoachingSession, len(rows))
	for i, r := range rows {
		out[i] = r.coachingSession()
	}
	return out, nil
}

// UpdateCoachingSession changes the fields of a coaching session that change names and returns
// the session as stored. The session as changed is checked whole, as a new one is: EINVALID
// with field errors; ECONFLICT for an archived engagement.
func (s *Store) UpdateCoachingSession(ctx context.Context, actor threesixty.Actor, id string, change threesixty.CoachingSessionChange) (*threesixty.CoachingSession, error) {
	if err := actor.CheckManages(); err != nil {
		return nil, err
	}
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		e, row, err := s.lockCoachingSession(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		cs := row.coachingSession()
		change.Apply(&cs)
		if err := cs.Validate(e, time.Now()); err != nil {
			return err
		}
		cs = cs.Cleaned()
		_, err = tx.StmtxContext(ctx, s.q.UpdateCoachingSession).ExecContext(ctx, row.ID, dateArg(cs.HeldOn), cs.Minutes, cs.Notes)
		if err != nil {
			return storeError(err)
		}
		return s.recordCoachingSession(ctx, tx, e.ID, actor, threesixty.AuditCoachingSessionChanged, row.ID, cs)
	})
	if err != nil {
		return nil, err
	}
	return s.CoachingSession(ctx, actor, id)
}

// DeleteCoachingSession deletes a coaching session; ECONFLICT for an archived engagement.
func (s *Store) DeleteCoachingSession(ctx context.Context, actor threesixty.Actor, id string) error {
	if err := actor.CheckManages(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sqlx.Tx) error {
		e, row, err := s.lockCoachingSession(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if _, err := tx.StmtxContext(ctx, s.q.DeleteCoachingSession).ExecContext(ctx, row.ID); err != nil {
			return storeError(err)
		}
		return s.recordCoachingSession(ctx, tx, e.ID, actor, threesixty.AuditCoachingSessionDeleted, row.ID, row.coachingSession())
	})
}

// lockCoachingSession takes the lock of the session's engagement, then of the session, and
// returns both as they stand, the notes included; ENOTFOUND for a session the actor may not
// see, or one deleted meanwhile, and ECONFLICT when the engagement is archived.
func (s *Store) lockCoachingSession(ctx context.Context, tx *sqlx.Tx, actor threesixty.Actor, id string) (*threesixty.Engagement, *coachingSessionRow, error) {
	var engagementID string
	if err := tx.StmtxContext(ctx, s.q.CoachingSessionParent).GetContext(ctx, &engagementID, id, actorArg(actor)); err != nil {
		return nil, nil, notFound(err, "coaching session")
	}
	locked, err := s.lockEngagement(ctx, tx, actor, engagementID)
	if err != nil {
		return nil, nil, err
	}
	e := locked.engagement()
	if err := checkSessionsOpen(e); err != nil {
		return nil, nil, err
	}
	var row coachingSessionRow
	if err := tx.StmtxContext(ctx, s.q.LockCoachingSession).GetContext(ctx, &row, id, e.ID); err != nil {
		return nil, nil, notFound(err, "coaching session")
	}
	return e, &row, nil
}

// checkSessionsOpen refuses a change to the coaching sessions of an archived engagement: it
// has ended, and its record of sessions is what the closing report counted.
func checkSessionsOpen(e *threesixty.Engagement) error {
	if e.ArchivedAt != nil {
		return threesixty.Errorf(threesixty.ECONFLICT, "the engagement is archived: it has ended, and its coaching sessions no longer change")
	}
	return nil
}

// recordCoachingSession writes the audit trail's entry for a change to a session: which
// session, its day and its minutes. Never its notes, which are the coach's alone, where the
// audit trail is read by admins.
func (s *Store) recordCoachingSession(ctx context.Context, tx *sqlx.Tx, engagementID string, actor threesixty.Actor, action threesixty.AuditAction, id string, cs threesixty.CoachingSession) error {
	return s.record(ctx, tx, engagementID, actor, action, nil, map[string]any{
		"coaching_session": id, "held_on": cs.HeldOn, "minutes": cs.Minutes,
	})
}

// checkStartAfterSessions refuses a start that would come after a coaching session already
// held: EINVALID naming starts_on. Run under the engagement's lock.
func (s *Store) checkStartAfterSessions(ctx context.Context, tx *sqlx.Tx, e *threesixty.Engagement) error {
	if e.StartsOn.IsZero() {
		return nil
	}
	var first sql.NullTime
	if err := tx.StmtxContext(ctx, s.q.FirstCoachingSession).GetContext(ctx, &first, e.ID); err != nil {
		return storeError(err)
	}
	if held := dateOf(first); !held.IsZero() && held.Before(e.StartsOn) {
		return threesixty.Invalid("the engagement has invalid fields", []threesixty.FieldError{{
			Field: "starts_on", Message: "is after the first coaching session, held on " + held.String() + "; the engagement starts on that day or before",
		}})
	}
	return nil
}

// dateOf is a date column as read (lib/pq reads a date as its midnight in UTC); no date for NULL.
func dateOf(t sql.NullTime) threesixty.Date {
	if !t.Valid {
		return threesixty.Date{}
	}
	y, m, d := t.Time.Date()
	return threesixty.NewDate(y, m, d)
}

// dateArg is a date as a query parameter: NULL for no date.
func dateArg(d threesixty.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}
