package postgres

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/jmoiron/sqlx"

	"threesixty/internal/results"
	"threesixty/internal/threesixty"
)

// baselineOf reads, for the release of a closing round in tx, the engagement's released baseline:
// its round id, its frozen results, and what the closing release must form its groups against.
func (s *Store) baselineOf(ctx context.Context, tx *sqlx.Tx, engagementID string) (string, *results.Results, *results.BaselineGroups, error) {
	var base struct {
		ID                string `db:"id"`
		InstrumentVersion string `db:"instrument_version"`
	}
	if err := tx.StmtxContext(ctx, s.q.ReleasedBaseline).GetContext(ctx, &base, engagementID); err != nil {
		return "", nil, nil, storeError(err)
	}
	var snapshot []byte
	if err := tx.StmtxContext(ctx, s.q.Results).GetContext(ctx, &snapshot, base.ID); err != nil {
		return "", nil, nil, storeError(err)
	}
	res, err := results.Decode(snapshot)
	if err != nil {
		return "", nil, nil, &threesixty.Error{Code: threesixty.EINTERNAL, Message: "the baseline's results could not be read", Err: err}
	}
	groups := &results.BaselineGroups{Groups: res.Groups, Items: res.Items, Respondents: map[threesixty.RaterGroup]int{}}
	if err := tx.StmtxContext(ctx, s.q.KnownSuperiors).GetContext(ctx, &groups.KnownSuperiors, base.ID); err != nil {
		return "", nil, nil, storeError(err)
	}
	var counts []struct {
		Group       threesixty.RaterGroup `db:"rater_group"`
		Respondents int                   `db:"respondents"`
	}
	if err := tx.StmtxContext(ctx, s.q.RoundRespondents).SelectContext(ctx, &counts, base.ID); err != nil {
		return "", nil, nil, storeError(err)
	}
	for _, c := range counts {
		groups.Respondents[c.Group] = c.Respondents
	}
	return base.ID, res, groups, nil
}

// saveComparison freezes, beside a closing round's results, what changed since the baseline.
func (s *Store) saveComparison(ctx context.Context, tx *sqlx.Tx, cmp *results.Comparison) error {
	snapshot, err := json.Marshal(cmp)
	if err != nil {
		return err
	}
	_, err = tx.StmtxContext(ctx, s.q.SaveComparison).ExecContext(ctx, cmp.ClosingRound, cmp.BaselineRound, snapshot)
	return storeError(err)
}

// Comparison returns what changed between the engagement's baseline and its released closing
// round, and records in the access log that the closing round's results were viewed: the
// comparison is made of both rounds' published numbers. ENOTFOUND for an engagement the actor
// may not see; ECONFLICT until the closing round is released.
func (s *Store) Comparison(ctx context.Context, actor threesixty.Actor, engagementID string) (*results.Comparison, error) {
	if err := actor.CheckManages(); err != nil {
		return nil, err
	}
	e, err := s.Engagement(ctx, actor, engagementID)
	if err != nil {
		return nil, err
	}
	roundID, cmp, err := s.storedComparison(ctx, e.ID)
	if err != nil {
		return nil, err
	}
	if err := s.recordAccess(ctx, actor, e.ID, roundID, threesixty.AccessResultsViewed); err != nil {
		return nil, err
	}
	return cmp, nil
}

// storedComparison reads the comparison frozen with the engagement's closing release, and the
// closing round's id, recording nothing. ECONFLICT until the closing round is released.
func (s *Store) storedComparison(ctx context.Context, engagementID string) (string, *results.Comparison, error) {
	var row struct {
		RoundID  string `db:"round_id"`
		Snapshot []byte `db:"snapshot"`
	}
	if err := s.q.EngagementComparison.GetContext(ctx, &row, engagementID); err != nil {
		if threesixty.ErrorCode(storeError(err)) == threesixty.ENOTFOUND {
			return "", nil, threesixty.Errorf(threesixty.ECONFLICT, "the engagement has no released closing round yet; the comparison exists once the closing round is closed and released")
		}
		return "", nil, storeError(err)
	}
	cmp, err := decodeComparison(row.Snapshot)
	if err != nil {
		return "", nil, err
	}
	return row.RoundID, cmp, nil
}

// closingInstrument is the instrument version a closing round asks: the baseline's, unless the
// coach chose another stored version, which must share at least one item, by id and wording,
// with the baseline's, or nothing could be compared (a generated goal pulse shares none). EINVALID names the field of a version that does not qualify.
func (s *Store) closingInstrument(ctx context.Context, tx *sqlx.Tx, engagementID, chosen string) (string, error) {
	var base struct {
		ID                string `db:"id"`
		InstrumentVersion string `db:"instrument_version"`
	}
	if err := tx.StmtxContext(ctx, s.q.ReleasedBaseline).GetContext(ctx, &base, engagementID); err != nil {
		return "", storeError(err)
	}
	if chosen == "" || chosen == base.InstrumentVersion {
		return base.InstrumentVersion, nil
	}
	refuse := func(why string) (string, error) {
		return "", threesixty.Invalid("the round has invalid fields", []threesixty.FieldError{{Field: "instrument_version", Message: why}})
	}
	in, err := s.InstrumentVersion(ctx, chosen)
	if threesixty.ErrorCode(err) == threesixty.ENOTFOUND {
		return refuse(fmt.Sprintf("%q is not an instrument version this service knows", chosen))
	}
	if err != nil {
		return "", err
	}
	before, err := s.InstrumentVersion(ctx, base.InstrumentVersion)
	if err != nil {
		return "", err
	}
	for _, item := range in.Items {
		if was, ok := before.Item(item.ID); ok && was.Others == item.Others {
			return chosen, nil
		}
	}
	return refuse(fmt.Sprintf("%s asks none of the baseline's items, so nothing could be compared", in.Title))
}
