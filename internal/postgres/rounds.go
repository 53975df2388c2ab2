package postgres

import (
	"context"
	"encoding/json"
	"time"

	"github.com/jmoiron/sqlx"

	"threesixty/internal/threesixty"
)

// OpenRound opens a round of the engagement: every rater gets an invitation (but those the plan
// leaves out of a midpoint or closing round), and so does the leader for the self-assessment,
// and a message bringing each their link is queued in the same transaction. The round keeps the
// engagement's anonymity settings, which lock from then on. A midpoint pulse pins an instrument
// generated from the engagement's goals as they are now (surveys.Pulse), stored like a shipped
// version, so the round keeps the wording it asked whatever becomes of the goals.
// EINVALID for a plan that breaks a rule, naming an unknown rater it leaves out; ECONFLICT when
// the engagement's rounds so far do not allow one of this kind (threesixty.CheckNextRound), for a
// pulse of an engagement with no goals, and for an archived engagement.
func (s *Store) OpenRound(ctx context.Context, actor threesixty.Actor, engagementID string, plan threesixty.RoundPlan) (*threesixty.Round, []threesixty.Invitation, error) {
	if err := actor.CheckManages(); err != nil {
		return nil, nil, err
	}
	if problems := plan.Validate(s.Now()); len(problems) > 0 {
		return nil, nil, threesixty.Invalid("the round has invalid fields", problems)
	}
	var roundID string
	var invitations []threesixty.Invitation
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		e, err := s.lockEngagement(ctx, tx, actor, engagementID)
		if err != nil {
			return err
		}
		if err := e.engagement().CheckNotArchived(); err != nil {
			return err
		}
		rounds, err := s.rounds(ctx, tx, e.ID)
		if err != nil {
			return err
		}
		if err := threesixty.CheckNextRound(plan.Kind, rounds); err != nil {
			return err
		}
		if plan.Kind == threesixty.RoundKindClosing {
			if plan.InstrumentVersion, err = s.closingInstrument(ctx, tx, e.ID, plan.InstrumentVersion); err != nil {
				return err
			}
		}
		// Accounts made and domains set since a rater was added are checked now, before
		// anyone is invited.
		raters, err := s.checkRaters(ctx, tx, e, plan.LeaveOut)
		if err != nil {
			return err
		}
		if plan.Kind == threesixty.RoundKindMidpoint {
			if plan.InstrumentVersion, err = s.savePulse(ctx, tx, actor, e); err != nil {
				return err
			}
		}
		err = tx.StmtxContext(ctx, s.q.CreateRound).GetContext(ctx, &roundID, e.ID, plan.Kind, plan.InstrumentVersion, plan.ClosesAt,
			plan.Reminders.AfterDays, plan.Reminders.BeforeCloseDays, plan.Reminders.Limit)
		if err != nil {
			if err = storeError(err); threesixty.ErrorCode(err) == threesixty.ECONFLICT {
				return threesixty.Errorf(threesixty.ECONFLICT, "the engagement already has a round like this one")
			}
			return err
		}
		if _, err := tx.StmtxContext(ctx, s.q.CreateRoundStorage).ExecContext(ctx, roundID); err != nil {
			return storeError(err)
		}
		self := threesixty.Rater{Name: e.LeaderName, Email: e.LeaderEmail, Group: threesixty.GroupSelf}
		if invitations, err = s.invite(ctx, tx, roundID, append([]threesixty.Rater{self}, raters...)); err != nil {
			return err
		}
		detail := map[string]any{
			"round": roundID, "kind": plan.Kind, "closes_at": plan.ClosesAt, "anonymity": threesixty.Anonymity{Threshold: e.Threshold, SuperiorIdentifiable: e.SuperiorIdentifiable},
		}
		if len(plan.LeaveOut) > 0 {
			detail["left_out"] = plan.LeaveOut
		}
		return s.record(ctx, tx, e.ID, actor, threesixty.AuditRoundOpened, nil, detail)
	})
	if err != nil {
		return nil, nil, err
	}
	round, err := s.Round(ctx, actor, roundID)
	return round, invitations, err
}

// invite makes an invitation to the round for each rater (the leader's own, group self, has no
// rater) and queues the message that will bring its link.
func (s *Store) invite(ctx context.Context, tx *sqlx.Tx, roundID string, raters []threesixty.Rater) ([]threesixty.Invitation, error) {
	invitations := make([]threesixty.Invitation, len(raters))
	msgs := make([]threesixty.Message, len(raters))
	for i, r := range raters {
		inv := &invitations[i]
		inv.RoundID, inv.Group, inv.Status = roundID, r.Group, threesixty.InvitationPending
		inv.To = threesixty.Person{Name: r.Name, Email: r.Email}
		if r.Group != threesixty.GroupSelf {
			inv.RaterID = &raters[i].ID
		}
		if err := tx.StmtxContext(ctx, s.q.CreateInvitation).GetContext(ctx, &inv.ID, roundID, inv.RaterID, inv.Group); err != nil {
			return nil, storeError(err)
		}
		msgs[i] = threesixty.Message{Purpose: threesixty.PurposeInvitation, To: inv.To, RoundID: roundID, InvitationID: inv.ID}
	}
	return invitations, s.enqueue(ctx, tx, msgs)
}

// roundRow is a rounds row as read, with its instrument and, where asked for, its progress
// counts as JSON.
type roundRow struct {
	ID                      string                 `db:"id"`
	EngagementID            string                 `db:"engagement_id"`
	Kind                    threesixty.RoundKind   `db:"kind"`
	Status                  threesixty.RoundStatus `db:"status"`
	Instrument              string                 `db:"instrument"`
	InstrumentVersion       string                 `db:"instrument_version"`
	Threshold               int                    `db:"threshold"`
	SuperiorIdentifiable    bool                   `db:"superior_identifiable"`
	OpenedAt                time.Time              `db:"opened_at"`
	ClosesAt                time.Time              `db:"closes_at"`
	ClosedAt                *time.Time             `db:"closed_at"`
	ReleasedAt              *time.Time             `db:"released_at"`
	ReminderAfterDays       int                    `db:"reminder_after_days"`
	ReminderBeforeCloseDays int                    `db:"reminder_before_close_days"`
	ReminderLimit           int                    `db:"reminder_limit"`
	Progress                []byte                 `db:"progress"`
}

func (r *roundRow) round() (*threesixty.Round, error) {
	round := &threesixty.Round{
		ID: r.ID, EngagementID: r.EngagementID, Kind: r.Kind, Status: r.Status,
		Instrument: r.Instrument, InstrumentVersion: r.InstrumentVersion,
		Anonymity: threesixty.Anonymity{Threshold: r.Threshold, SuperiorIdentifiable: r.SuperiorIdentifiable},
		OpenedAt:  r.OpenedAt, ClosesAt: r.ClosesAt, ClosedAt: r.ClosedAt, ReleasedAt: r.ReleasedAt,
		Reminders: threesixty.Reminders{AfterDays: r.ReminderAfterDays, BeforeCloseDays: r.ReminderBeforeCloseDays, Limit: r.ReminderLimit},
	}
	if r.Progress != nil {
		var counted []threesixty.GroupProgress
		if err := json.Unmarshal(r.Progress, &counted); err != nil {
			return nil, err
		}
		round.Progress = threesixty.FillProgress(counted)
	}
	return round, nil
}

// Round returns a round the actor may see, with its progress counts. A leader sees a round only
// once its report is shared with them, and never its progress counts.
func (s *Store) Round(ctx context.Context, actor threesixty.Actor, id string) (*threesixty.Round, error) {
	var r roundRow
	if err := s.q.Round.GetContext(ctx, &r, id, actorArg(actor)); err != nil {
		return nil, notFound(err, "round")
	}
	round, err := r.round()
	if err != nil {
		return nil, err
	}
	if err := s.roundSharedWithLeader(ctx, actor, round); err != nil {
		return nil, err
	}
	return round, nil
}

// Rounds lists an engagement's rounds, oldest first, without progress.
func (s *Store) Rounds(ctx context.Context, actor threesixty.Actor, engagementID string) ([]threesixty.Round, error) {
	e, err := s.Engagement(ctx, actor, engagementID)
	if err != nil {
		return nil, err
	}
	return s.rounds(ctx, nil, e.ID)
}

// rounds reads an engagement's rounds, in tx when there is one.
func (s *Store) rounds(ctx context.Context, tx *sqlx.Tx, engagementID string) ([]threesixty.Round, error) {
	stmt := s.q.Rounds
	if tx != nil {
		stmt = tx.StmtxContext(ctx, stmt)
	}
	var rows []roundRow
	if err := stmt.SelectContext(ctx, &rows, engagementID); err != nil {
		return nil, storeError(err)
	}
	rounds := make([]threesixty.Round, len(rows))
	for i := range rows {
		r, err := rows[i].round()
		if err != nil {
			return nil, err
		}
		rounds[i] = *r
	}
	return rounds, nil
}
