package postgres

import (
	"context"

	"github.com/jmoiron/sqlx"

	"threesixty/internal/threesixty"
	"threesixty/surveys"
)

// savePulse generates the midpoint pulse from the engagement's goals as they are in tx, stores
// its version in instrument_versions as shipped versions are, and returns the version for the
// round to pin. ECONFLICT when the engagement has no goals.
func (s *Store) savePulse(ctx context.Context, tx *sqlx.Tx, actor threesixty.Actor, e *engagementRow) (string, error) {
	var rows []goalRow
	if err := tx.StmtxContext(ctx, s.q.Goals).SelectContext(ctx, &rows, e.ID, actorArg(actor)); err != nil {
		return "", storeError(err)
	}
	goals := make([]threesixty.Goal, len(rows))
	for i := range rows {
		g, err := rows[i].goal()
		if err != nil {
			return "", err
		}
		goals[i] = *g
	}
	if err := threesixty.CheckPulseGoals(goals); err != nil {
		return "", err
	}
	asked := make([]surveys.PulseGoal, len(goals))
	for i, g := range goals {
		asked[i] = surveys.PulseGoal{Title: g.Title}
	}
	in, err := surveys.Pulse(e.LeaderName, asked)
	if err != nil {
		return "", &threesixty.Error{Code: threesixty.EINTERNAL, Message: "internal error", Err: err}
	}
	if _, err := tx.StmtxContext(ctx, s.q.SaveInstrument).ExecContext(ctx, in.Version, in.ID, in.Title, in.Source); err != nil {
		return "", storeError(err)
	}
	return in.Version, nil
}
