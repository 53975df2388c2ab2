package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"threesixty/internal/results"
	"threesixty/internal/threesixty"
)

// CloseRound closes a round and releases it, in one transaction: no more submissions; the results
// computed from the held responses, audited and stored, frozen; each response kept for good only
// under the published group it was counted in (not at all when its group was left out), in
// random order with new ids; the reasons given for declining counted, when at least k raters
// declined; and the round's drafts, held responses and held reasons dropped, files and all.
// ECONFLICT when already closed.
func (s *Store) CloseRound(ctx context.Context, actor threesixty.Actor, id string) (*threesixty.Round, error) {
	if err := actor.CheckManages(); err != nil {
		return nil, err
	}
	var closed roundRow
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		if err := tx.StmtxContext(ctx, s.q.CloseRound).GetContext(ctx, &closed, id, actorArg(actor), s.MessageHost); err != nil {
			if threesixty.ErrorCode(storeError(err)) != threesixty.ENOTFOUND {
				return storeError(err)
			}
			var seen roundRow
			if err := tx.StmtxContext(ctx, s.q.Round).GetContext(ctx, &seen, id, actorArg(actor)); err != nil {
				return notFound(err, "round")
			}
			return errAlreadyClosed
		}
		if err := s.release(ctx, tx, &closed); err != nil {
			return err
		}
		return s.record(ctx, tx, closed.EngagementID, actor, threesixty.AuditRoundClosed, nil, map[string]any{"round": closed.ID})
	})
	if err != nil {
		return nil, err
	}
	return closed.round()
}

// release computes the results of a round just closed in tx, stores them, the responses as they
// are kept for good and the counts of decline reasons, and drops what the round held while open.
func (s *Store) release(ctx context.Context, tx *sqlx.Tx, round *roundRow) error {
	in, err := s.InstrumentVersion(ctx, round.InstrumentVersion)
	if err != nil {
		return err
	}
	var rows []responseRow
	if err := tx.StmtxContext(ctx, s.q.HeldResponses).SelectContext(ctx, &rows, round.ID); err != nil {
		return storeError(err)
	}
	responses, err := readResponses(rows)
	if err != nil {
		return err
	}
	var known int
	if err := tx.StmtxContext(ctx, s.q.KnownSuperiors).GetContext(ctx, &known, round.ID); err != nil {
		return storeError(err)
	}
	input := results.Input{
		Instrument:           in,
		Threshold:            round.Threshold,
		SuperiorIdentifiable: round.SuperiorIdentifiable,
		KnownSuperiors:       known,
		Responses:            responses,
	}
	var baselineID string
	var baseline *results.Results
	if round.Kind == threesixty.RoundKindClosing {
		if baselineID, baseline, input.Baseline, err = s.baselineOf(ctx, tx, round.EngagementID); err != nil {
			return err
		}
	}
	released, countedIn, err := results.Compute(input)
	if err != nil {
		return &threesixty.Error{Code: threesixty.EINTERNAL, Message: "the results could not be computed", Err: err}
	}
	if baseline != nil {
		if err := s.saveComparison(ctx, tx, results.Compare(baselineID, baseline, round.ID, released)); err != nil {
			return err
		}
	}
	snapshot, err := results.Encode(released)
	if err != nil {
		return err
	}
	if _, err := tx.StmtxContext(ctx, s.q.SaveResults).ExecContext(ctx, round.ID, snapshot); err != nil {
		return storeError(err)
	}
	if round.Kind == threesixty.RoundKindClosing {
		// With the leader's consent in force now, the sponsor's summary goes out; a decision
		// made while this release commits waits for it (see queueSponsorSummaryOnDecision).
		if err := s.queueSponsorSummary(ctx, tx, round.EngagementID); err != nil {
			return err
		}
	}
	if err := s.keepResponses(ctx, tx, round.ID, rows, countedIn); err != nil {
		return err
	}
	if err := s.keepDeclineReasons(ctx, tx, round); err != nil {
		return err
	}
	_, err = tx.StmtxContext(ctx, s.q.DropRoundStorage).ExecContext(ctx, round.ID)
	return storeError(err)
}

// keepResponses stores the responses of a round for good, each under the published group it was
// counted in, leaving out those whose group was left out. A published group is made of whole
// rater groups, so the store is told which rater group went where, and moves the answers itself.
func (s *Store) keepResponses(ctx context.Context, tx *sqlx.Tx, roundID string, rows []responseRow, countedIn []string) error {
	where := map[threesixty.RaterGroup]string{}
	for i, row := range rows {
		if to, seen := where[row.Group]; seen && to != countedIn[i] {
			return fmt.Errorf("responses of the %s group were counted in both %q and %q", row.Group, to, countedIn[i])
		}
		where[row.Group] = countedIn[i]
	}
	var groups, keys []string
	for g, key := range where {
		if key != "" {
			groups, keys = append(groups, string(g)), append(keys, key)
		}
	}
	_, err := tx.StmtxContext(ctx, s.q.KeepResponses).ExecContext(ctx, roundID, pq.Array(groups), pq.Array(keys))
	return storeError(err)
}

// errAlreadyClosed is CloseRound's answer for a round that is closed: by hand, on time, or by
// another instance a moment ago.
var errAlreadyClosed = threesixty.Errorf(threesixty.ECONFLICT, "the round is already closed")

// CloseDueRounds closes and releases, on behalf of the service, every open round whose closing
// time has passed, so that the window in which the database holds answers beside invitations
// ends when raters were told it would. Any number of instances may run it at once: a round is
// closed by exactly one. A round that fails to close does not hold up the others; its error is
// among those returned, and the next run tries it again. It returns how many rounds it closed.
func (s *Store) CloseDueRounds(ctx context.Context) (int, error) {
	const batch = 100
	closed := 0
	failed := []string{} // never NULL: id <> ALL (NULL) would match nothing
	var errs []error
	for {
		var due []string
		if err := s.q.DueRounds.SelectContext(ctx, &due, batch, pq.Array(failed)); err != nil {
			return closed, errors.Join(append(errs, storeError(err))...)
		}
		for _, id := range due {
			_, err := s.CloseRound(ctx, threesixty.Service, id)
			switch {
			case err == nil:
				closed++
			case errors.Is(err, errAlreadyClosed):
			default:
				failed = append(failed, id)
				errs = append(errs, fmt.Errorf("closing round %s: %w", id, err))
			}
		}
		if len(due) < batch || ctx.Err() != nil {
			return closed, errors.Join(errs...)
		}
	}
}

// responseRow is a held response: its rater group and its answers as JSON.
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

// Results returns the frozen results of a round the actor may see, with the round, and records
// the view in the access log. ECONFLICT while the round is open: no results exist before release.
func (s *Store) Results(ctx context.Context, actor threesixty.Actor, roundID string) (*threesixty.Round, *results.Results, error) {
	r, res, err := s.results(ctx, actor, roundID)
	if err != nil {
		return nil, nil, err
	}
	if err := s.recordAccess(ctx, actor, r.EngagementID, r.ID, threesixty.AccessResultsViewed); err != nil {
		return nil, nil, err
	}
	return r, res, nil
}

// results reads a round's frozen results as Results does, recording nothing.
func (s *Store) results(ctx context.Context, actor threesixty.Actor, roundID string) (*threesixty.Round, *results.Results, error) {
	r, err := s.Round(ctx, actor, roundID)
	if err != nil {
		return nil, nil, err
	}
	var snapshot []byte
	if err := s.q.Results.GetContext(ctx, &snapshot, r.ID); err != nil {
		if threesixty.ErrorCode(storeError(err)) == threesixty.ENOTFOUND {
			return nil, nil, threesixty.Errorf(threesixty.ECONFLICT, "the round is %s; results exist only once it is closed and released", r.Status)
		}
		return nil, nil, storeError(err)
	}
	res, err := results.Decode(snapshot)
	if err != nil {
		return nil, nil, &threesixty.Error{Code: threesixty.EINTERNAL, Message: "the stored results could not be read", Err: err}
	}
	return r, res, nil
}
