package postgres

import (
	"context"
	"encoding/json"
	"time"

	"github.com/jmoiron/sqlx"

	"threesixty/internal/results"
	"threesixty/internal/threesixty"
)

// RoundPlan is what a coach decides when opening a round.
type RoundPlan struct {
	Kind              threesixty.RoundKind
	ClosesAt          time.Time
	InstrumentVersion string
	Reminders         threesixty.Reminders
}

// OpenRound opens a round of the engagement: every rater gets an invitation, and so does the
// leader for the self-assessment, and a message bringing each their link is queued in the same
// transaction. ECONFLICT when the engagement already has an open round.
func (s *Store) OpenRound(ctx context.Context, coach *threesixty.Account, engagementID string, plan RoundPlan) (*threesixty.Round, []threesixty.Invitation, error) {
	e, err := s.Engagement(ctx, coach, engagementID)
	if err != nil {
		return nil, nil, err
	}
	var roundID string
	var invitations []threesixty.Invitation
	err = s.inTx(ctx, func(tx *sqlx.Tx) error {
		var locked string
		if err := tx.StmtxContext(ctx, s.q.LockEngagement).GetContext(ctx, &locked, e.ID, coach.ID, coach.IsAdmin); err != nil {
			return notFound(err, "engagement")
		}
		err := tx.StmtxContext(ctx, s.q.CreateRound).GetContext(ctx, &roundID, e.ID, plan.Kind, plan.InstrumentVersion, plan.ClosesAt,
			plan.Reminders.AfterDays, plan.Reminders.BeforeCloseDays, plan.Reminders.Limit)
		if err != nil {
			if err = storeError(err); threesixty.ErrorCode(err) == threesixty.ECONFLICT {
				return threesixty.Errorf(threesixty.ECONFLICT, "the engagement already has an open round; close it first")
			}
			return err
		}
		var raters []threesixty.Rater
		if err := tx.StmtxContext(ctx, s.q.Raters).SelectContext(ctx, &raters, e.ID); err != nil {
			return storeError(err)
		}
		self := threesixty.Rater{Name: e.Leader.Name, Email: e.Leader.Email, Group: threesixty.GroupSelf}
		invitations, err = s.invite(ctx, tx, roundID, append([]threesixty.Rater{self}, raters...))
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	round, err := s.Round(ctx, coach, roundID)
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

// roundRow is a round as read with its progress counts, which come as JSON.
type roundRow struct {
	threesixty.Round
	ProgressJSON []byte `db:"progress"`
}

func (r *roundRow) round() (*threesixty.Round, error) {
	var counted []threesixty.GroupProgress
	if err := json.Unmarshal(r.ProgressJSON, &counted); err != nil {
		return nil, err
	}
	r.Progress = threesixty.FillProgress(counted)
	return &r.Round, nil
}

// Round returns a round the coach may see, with its progress counts.
func (s *Store) Round(ctx context.Context, coach *threesixty.Account, id string) (*threesixty.Round, error) {
	var r roundRow
	if err := s.q.Round.GetContext(ctx, &r, id, coach.ID, coach.IsAdmin); err != nil {
		return nil, notFound(err, "round")
	}
	return r.round()
}

// Rounds lists an engagement's rounds, oldest first, without progress.
func (s *Store) Rounds(ctx context.Context, coach *threesixty.Account, engagementID string) ([]threesixty.Round, error) {
	e, err := s.Engagement(ctx, coach, engagementID)
	if err != nil {
		return nil, err
	}
	rounds := []threesixty.Round{}
	if err := s.q.Rounds.SelectContext(ctx, &rounds, e.ID); err != nil {
		return nil, storeError(err)
	}
	return rounds, nil
}

// CloseRound closes a round and releases it, in one transaction: no more submissions, drafts
// deleted, every held response moved to responses in random order with new ids, and the release
// computed from them, audited and stored, frozen. ECONFLICT when already closed.
func (s *Store) CloseRound(ctx context.Context, coach *threesixty.Account, id string) (*threesixty.Round, error) {
	var closed struct {
		roundRow
		Threshold            int  `db:"threshold"`
		SuperiorIdentifiable bool `db:"superior_identifiable"`
	}
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		if err := tx.StmtxContext(ctx, s.q.CloseRound).GetContext(ctx, &closed, id, coach.ID, coach.IsAdmin, s.MessageHost); err != nil {
			if threesixty.ErrorCode(storeError(err)) != threesixty.ENOTFOUND {
				return storeError(err)
			}
			if _, err := s.Round(ctx, coach, id); err != nil {
				return err
			}
			return threesixty.Errorf(threesixty.ECONFLICT, "the round is already closed")
		}
		in, err := s.InstrumentVersion(ctx, closed.InstrumentVersion)
		if err != nil {
			return err
		}
		var rows []responseRow
		if err := tx.StmtxContext(ctx, s.q.ReleaseHeld).SelectContext(ctx, &rows, closed.ID); err != nil {
			return storeError(err)
		}
		responses, err := readResponses(rows)
		if err != nil {
			return err
		}
		released, _, err := results.Compute(results.Input{
			Instrument:           in,
			Threshold:            closed.Threshold,
			SuperiorIdentifiable: closed.SuperiorIdentifiable,
			Responses:            responses,
		})
		if err != nil {
			return &threesixty.Error{Code: threesixty.EINTERNAL, Message: "the release could not be computed", Err: err}
		}
		frozen, err := json.Marshal(released)
		if err != nil {
			return err
		}
		if _, err := tx.StmtxContext(ctx, s.q.SaveRelease).ExecContext(ctx, closed.ID, frozen); err != nil {
			return storeError(err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return closed.round()
}

// responseRow is a response as stored: its group and its answers as JSON.
type responseRow struct {
	Group    threesixty.RaterGroup `db:"rater_group"`
	Ratings  []byte                `db:"ratings"`
	Comments []byte                `db:"comments"`
}

func readResponses(rows []responseRow) ([]threesixty.Response, error) {
	out := make([]threesixty.Response, len(rows))
	for i, row := range rows {
		out[i].Group = row.Group
		var err error
		if out[i].Answers.Ratings, err = readRatings(row.Ratings); err != nil {
			return nil, err
		}
		if err := json.Unmarshal(row.Comments, &out[i].Answers.Comments); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Results returns the frozen results of a round the coach may see. ECONFLICT while the round is
// open: no results exist before release.
func (s *Store) Results(ctx context.Context, coach *threesixty.Account, roundID string) (*threesixty.Round, []byte, error) {
	r, err := s.Round(ctx, coach, roundID)
	if err != nil {
		return nil, nil, err
	}
	var results []byte
	if err := s.q.Release.GetContext(ctx, &results, r.ID); err != nil {
		if threesixty.ErrorCode(storeError(err)) == threesixty.ENOTFOUND {
			return nil, nil, threesixty.Errorf(threesixty.ECONFLICT, "the round is %s; results exist only once it is closed and released", r.Status)
		}
		return nil, nil, storeError(err)
	}
	return r, results, nil
}
