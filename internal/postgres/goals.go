package postgres

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"threesixty/internal/threesixty"
	"threesixty/surveys"
)

// goalRow is a goals row as read; check_ins is the goal's check-ins as JSON, where asked for.
type goalRow struct {
	ID           string         `db:"id"`
	EngagementID string         `db:"engagement_id"`
	Title        string         `db:"title"`
	Description  string         `db:"description"`
	Competencies pq.StringArray `db:"competencies"`
	KeyResults   []byte         `db:"key_results"`
	CheckIns     []byte         `db:"check_ins"`
	CreatedAt    time.Time      `db:"created_at"`
	UpdatedAt    time.Time      `db:"updated_at"`
}

func (r *goalRow) goal() (*threesixty.Goal, error) {
	g := &threesixty.Goal{
		ID: r.ID, EngagementID: r.EngagementID, Title: r.Title, Description: r.Description,
		Competencies: append([]string{}, r.Competencies...), KeyResults: []threesixty.KeyResult{},
		CheckIns: []threesixty.CheckIn{}, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt,
	}
	if err := json.Unmarshal(r.KeyResults, &g.KeyResults); err != nil {
		return nil, storeError(fmt.Errorf("goal %s: key results: %w", r.ID, err))
	}
	if r.CheckIns != nil {
		if err := json.Unmarshal(r.CheckIns, &g.CheckIns); err != nil {
			return nil, storeError(fmt.Errorf("goal %s: check-ins: %w", r.ID, err))
		}
	}
	return g, nil
}

// CreateGoal adds a development goal to the engagement and returns it as stored, with the
// number of goals the engagement has now. EINVALID with field errors for a goal that breaks a
// rule, a competency its instrument does not have among them; ECONFLICT when the engagement
// already has threesixty.MaxGoals.
func (s *Store) CreateGoal(ctx context.Context, actor threesixty.Actor, engagementID string, g *threesixty.Goal) (*threesixty.Goal, int, error) {
	if err := actor.CheckManages(); err != nil {
		return nil, 0, err
	}
	var id string
	var goals int
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		// The engagement's lock makes concurrent creates count one after the other, so no
		// two of them both see room for the last goal.
		e, err := s.lockEngagement(ctx, tx, actor, engagementID)
		if err != nil {
			return err
		}
		if err := tx.StmtxContext(ctx, s.q.CountGoals).GetContext(ctx, &goals, e.ID); err != nil {
			return storeError(err)
		}
		if goals >= threesixty.MaxGoals {
			return threesixty.Errorf(threesixty.ECONFLICT, "the engagement already has %d goals, the most it may have; delete or change one instead", threesixty.MaxGoals)
		}
		goal := *g
		goal.EngagementID = e.ID
		clean, err := s.checkGoal(ctx, tx, goal)
		if err != nil {
			return err
		}
		keyResults, err := json.Marshal(clean.KeyResults)
		if err != nil {
			return err
		}
		err = tx.StmtxContext(ctx, s.q.CreateGoal).GetContext(ctx, &id, e.ID, clean.Title, clean.Description,
			pq.StringArray(clean.Competencies), keyResults)
		if err != nil {
			return storeError(err)
		}
		goals++
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	created, err := s.Goal(ctx, actor, id)
	return created, goals, err
}

// Goal returns a goal the actor may see, with its check-ins, oldest first; ENOTFOUND otherwise,
// whether it exists or not.
func (s *Store) Goal(ctx context.Context, actor threesixty.Actor, id string) (*threesixty.Goal, error) {
	var row goalRow
	if err := s.q.Goal.GetContext(ctx, &row, id, actorArg(actor)); err != nil {
		return nil, notFound(err, "goal")
	}
	return row.goal()
}

// Goals lists an engagement's goals in the order they were set, each with its check-ins,
// oldest first.
func (s *Store) Goals(ctx context.Context, actor threesixty.Actor, engagementID string) ([]threesixty.Goal, error) {
	e, err := s.Engagement(ctx, actor, engagementID)
	if err != nil {
		return nil, err
	}
	var rows []goalRow
	if err := s.q.Goals.SelectContext(ctx, &rows, e.ID, actorArg(actor)); err != nil {
		return nil, storeError(err)
	}
	goals := make([]threesixty.Goal, len(rows))
	for i := range rows {
		g, err := rows[i].goal()
		if err != nil {
			return nil, err
		}
		goals[i] = *g
	}
	return goals, nil
}

// UpdateGoal changes the fields of a goal that change names and returns the goal as stored. The
// goal as changed is checked whole, as a new one is: EINVALID with field errors.
func (s *Store) UpdateGoal(ctx context.Context, actor threesixty.Actor, id string, change threesixty.GoalChange) (*threesixty.Goal, error) {
	if err := actor.CheckManages(); err != nil {
		return nil, err
	}
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		var row goalRow
		if err := tx.StmtxContext(ctx, s.q.LockGoal).GetContext(ctx, &row, id, actorArg(actor)); err != nil {
			return notFound(err, "goal")
		}
		g, err := row.goal()
		if err != nil {
			return err
		}
		change.Apply(g)
		clean, err := s.checkGoal(ctx, tx, *g)
		if err != nil {
			return err
		}
		keyResults, err := json.Marshal(clean.KeyResults)
		if err != nil {
			return err
		}
		_, err = tx.StmtxContext(ctx, s.q.UpdateGoal).ExecContext(ctx, row.ID, clean.Title, clean.Description,
			pq.StringArray(clean.Competencies), keyResults)
		return storeError(err)
	})
	if err != nil {
		return nil, err
	}
	return s.Goal(ctx, actor, id)
}

// DeleteGoal deletes a goal and its check-ins.
func (s *Store) DeleteGoal(ctx context.Context, actor threesixty.Actor, id string) error {
	if err := actor.CheckManages(); err != nil {
		return err
	}
	var deleted string
	if err := s.q.DeleteGoal.GetContext(ctx, &deleted, id, actorArg(actor)); err != nil {
		return notFound(err, "goal")
	}
	return nil
}

// AddCheckIn records a check-in on a goal, now, and returns it as stored. The coach and the
// leader may: a check-in is the one change to goals a leader makes. EINVALID with field errors
// for a status that is not one of the four, or a note that breaks a rule.
func (s *Store) AddCheckIn(ctx context.Context, actor threesixty.Actor, goalID string, c threesixty.CheckIn) (*threesixty.CheckIn, error) {
	if err := actor.CheckMayCheckIn(); err != nil {
		return nil, err
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	c = c.Cleaned()
	var row struct {
		ID     string                   `db:"id"`
		Note   string                   `db:"note"`
		Status threesixty.CheckInStatus `db:"status"`
		At     time.Time                `db:"at"`
	}
	if err := s.q.AddCheckIn.GetContext(ctx, &row, goalID, c.Note, c.Status, actorArg(actor)); err != nil {
		// A goal deleted while the check-in was being added fails the foreign key: gone, as
		// far as the caller can tell, like any goal that is not there.
		if pe := (*pq.Error)(nil); errors.As(err, &pe) && pe.Code == "23503" {
			err = sql.ErrNoRows
		}
		return nil, notFound(err, "goal")
	}
	return &threesixty.CheckIn{ID: row.ID, Note: row.Note, Status: row.Status, At: row.At}, nil
}

// checkGoal checks g against the competencies of its engagement's instrument (see
// goal-instrument-version) and returns it cleaned, as it is kept.
func (s *Store) checkGoal(ctx context.Context, tx *sqlx.Tx, g threesixty.Goal) (threesixty.Goal, error) {
	in, err := s.goalInstrument(ctx, tx, g.EngagementID)
	if err != nil {
		return g, err
	}
	ids := make([]string, len(in.Competencies))
	for i, c := range in.Competencies {
		ids[i] = c.ID
	}
	if err := g.Validate(ids); err != nil {
		return g, err
	}
	return g.Cleaned(), nil
}

// goalInstrument is the instrument version whose competencies an engagement's goals name.
func (s *Store) goalInstrument(ctx context.Context, tx *sqlx.Tx, engagementID string) (*surveys.Instrument, error) {
	var version sql.NullString
	if err := tx.StmtxContext(ctx, s.q.GoalInstrument).GetContext(ctx, &version, engagementID); err != nil {
		return nil, storeError(err)
	}
	if !version.Valid {
		return nil, storeError(fmt.Errorf("engagement %s: no version of its instrument is stored", engagementID))
	}
	return s.InstrumentVersion(ctx, version.String)
}
