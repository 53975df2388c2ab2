package postgres

import (
	"context"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"threesixty/internal/threesixty"
)

// nominationRow is a nominations row as read.
type nominationRow struct {
	ID           string                      `db:"id"`
	EngagementID string                      `db:"engagement_id"`
	Name         string                      `db:"name"`
	Email        string                      `db:"email"`
	Group        threesixty.RaterGroup       `db:"rater_group"`
	Status       threesixty.NominationStatus `db:"status"`
	ProposedAt   time.Time                   `db:"proposed_at"`
	DecidedAt    *time.Time                  `db:"decided_at"`
	RaterID      *string                     `db:"rater_id"`
}

func (r nominationRow) nomination() threesixty.Nomination {
	return threesixty.Nomination{
		ID: r.ID, EngagementID: r.EngagementID, Name: r.Name, Email: r.Email, Group: r.Group,
		Status: r.Status, ProposedAt: r.ProposedAt, DecidedAt: r.DecidedAt, RaterID: r.RaterID,
	}
}

// ProposeNomination records a rater the leader proposes, for the coach to approve or reject;
// nothing is sent to anyone. Only the leader may (EFORBIDDEN otherwise), and only while the
// engagement allows nominations (ECONFLICT otherwise, and for an archived engagement). The
// nominee is checked as a rater added by the coach is (EINVALID with field errors), and against
// the nominations still waiting.
func (s *Store) ProposeNomination(ctx context.Context, actor threesixty.Actor, engagementID string, n threesixty.Nomination) (*threesixty.Nomination, error) {
	if err := actor.CheckIsLeader("propose raters"); err != nil {
		return nil, err
	}
	var id string
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		e, err := s.lockEngagement(ctx, tx, actor, engagementID)
		if err != nil {
			return err
		}
		if err := e.engagement().CheckNotArchived(); err != nil {
			return err
		}
		if !e.NominationAllowed {
			return threesixty.Errorf(threesixty.ECONFLICT, "your coach has not asked you to propose raters for this engagement")
		}
		r := n.Rater()
		rules, err := s.raterRules(ctx, tx, e, []threesixty.Rater{r}, true)
		if err != nil {
			return err
		}
		var keys []string
		if err := tx.StmtxContext(ctx, s.q.ProposedKeys).SelectContext(ctx, &keys, e.ID); err != nil {
			return storeError(err)
		}
		proposed := make(map[string]bool, len(keys))
		for _, k := range keys {
			proposed[k] = true
		}
		if problems := threesixty.CheckNomination(n, rules, proposed); len(problems) > 0 {
			return threesixty.Invalid("the proposal has errors; nothing was proposed", problems)
		}
		if err := tx.StmtxContext(ctx, s.q.CreateNomination).GetContext(ctx, &id, e.ID, r.Name, r.Email, threesixty.EmailKey(r.Email), r.Group); err != nil {
			return storeError(err)
		}
		return s.record(ctx, tx, e.ID, actor, threesixty.AuditNominationProposed, nil, map[string]any{"nomination": id, "group": r.Group, "by": "leader"})
	})
	if isUniqueViolation(err, "nominations_one_proposed") {
		err = threesixty.Invalid("the proposal has errors; nothing was proposed", []threesixty.FieldError{{Field: "email", Message: strings.TrimSpace(n.Email) + " has been proposed already; your coach has not decided yet"}})
	}
	if err != nil {
		return nil, err
	}
	return s.Nomination(ctx, actor, id)
}

// Nomination returns one nomination the actor may see.
func (s *Store) Nomination(ctx context.Context, actor threesixty.Actor, id string) (*threesixty.Nomination, error) {
	var row nominationRow
	if err := s.q.Nomination.GetContext(ctx, &row, id, actorArg(actor)); err != nil {
		return nil, notFound(err, "nomination")
	}
	n := row.nomination()
	return &n, nil
}

// Nominations lists an engagement's nominations in the order they were proposed, each with
// where it stands.
func (s *Store) Nominations(ctx context.Context, actor threesixty.Actor, engagementID string) ([]threesixty.Nomination, error) {
	e, err := s.Engagement(ctx, actor, engagementID)
	if err != nil {
		return nil, err
	}
	var rows []nominationRow
	if err := s.q.Nominations.SelectContext(ctx, &rows, e.ID, actorArg(actor)); err != nil {
		return nil, storeError(err)
	}
	list := make([]threesixty.Nomination, len(rows))
	for i, r := range rows {
		list[i] = r.nomination()
	}
	return list, nil
}

// DecideNomination approves or rejects a proposed rater. An approval adds the rater exactly as
// AddRaters does, in the same transaction: the same checks (EINVALID with field errors, as the
// rules stand now), and when a round is open, an invitation and the notice to the leader
// (ECONFLICT when someone has already answered it); if the rater cannot be added, the
// nomination stays proposed. ECONFLICT for a nomination decided already, and for an archived
// engagement. The decision goes to the audit trail.
func (s *Store) DecideNomination(ctx context.Context, actor threesixty.Actor, nominationID string, approve bool) (*threesixty.Nomination, error) {
	if err := actor.CheckManages(); err != nil {
		return nil, err
	}
	found, err := s.Nomination(ctx, actor, nominationID)
	if err != nil {
		return nil, err
	}
	err = s.inTx(ctx, func(tx *sqlx.Tx) error {
		e, err := s.lockEngagement(ctx, tx, actor, found.EngagementID)
		if err != nil {
			return err
		}
		if err := e.engagement().CheckNotArchived(); err != nil {
			return err
		}
		var row nominationRow
		if err := tx.StmtxContext(ctx, s.q.LockNomination).GetContext(ctx, &row, found.ID, e.ID); err != nil {
			return notFound(err, "nomination")
		}
		if row.Status != threesixty.NominationProposed {
			return threesixty.Errorf(threesixty.ECONFLICT, "the nomination was %s already", row.Status)
		}
		status, action := threesixty.NominationRejected, threesixty.AuditNominationRejected
		var raterID *string
		if approve {
			status, action = threesixty.NominationApproved, threesixty.AuditNominationApproved
			raters := []threesixty.Rater{row.nomination().Rater()}
			if _, err := s.addRaters(ctx, tx, actor, e, raters); err != nil {
				return err
			}
			raterID = &raters[0].ID
		}
		if _, err := tx.StmtxContext(ctx, s.q.DecideNomination).ExecContext(ctx, row.ID, status, accountArg(actor), raterID); err != nil {
			return storeError(err)
		}
		return s.record(ctx, tx, e.ID, actor, action, raterID, map[string]any{"nomination": row.ID, "group": row.Group})
	})
	if err != nil {
		return nil, addRatersError(err)
	}
	return s.Nomination(ctx, actor, nominationID)
}

// scrubNominations takes the name and address out of the nominations of an erased rater, or of
// their address, in tx, the engagement being locked.
func (s *Store) scrubNominations(ctx context.Context, tx *sqlx.Tx, engagementID, raterID, key string) error {
	_, err := tx.StmtxContext(ctx, s.q.ScrubNominations).ExecContext(ctx, engagementID, raterID, key)
	return storeError(err)
}
