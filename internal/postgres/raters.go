package postgres

import (
	"context"
	"strings"

	"github.com/jmoiron/sqlx"

	"threesixty/internal/threesixty"
)

// raterRow is a raters row as read.
type raterRow struct {
	ID      string                `db:"id"`
	Name    string                `db:"name"`
	Email   string                `db:"email"`
	Group   threesixty.RaterGroup `db:"rater_group"`
	Sponsor bool                  `db:"sponsor"`
}

func (r raterRow) rater() threesixty.Rater {
	return threesixty.Rater{ID: r.ID, Name: r.Name, Email: r.Email, Group: r.Group, Sponsor: r.Sponsor}
}

// AddRaters adds raters to an engagement, all or none. Every bad row is reported (EINVALID with
// field errors): among them the leader, the coach, any account of the service and the sponsor
// outside the superior group, whatever variant of their address is used. Each addition goes to
// the audit trail. When the engagement has an open round, each new rater is invited to it at
// once, their invitation messages are queued, and so is a notice to the leader of who was asked.
func (s *Store) AddRaters(ctx context.Context, actor threesixty.Actor, engagementID string, raters []threesixty.Rater) ([]threesixty.Rater, []threesixty.Invitation, error) {
	if err := actor.CheckManages(); err != nil {
		return nil, nil, err
	}
	for i := range raters {
		raters[i].Name = strings.TrimSpace(raters[i].Name)
		raters[i].Email = strings.TrimSpace(raters[i].Email)
	}
	var issued []threesixty.Invitation
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		// The engagement's lock orders adding raters and opening a round: a rater added while
		// a round opens is either in the round's list of raters or invited to it here.
		if err := s.lockEngagement(ctx, tx, actor, engagementID); err != nil {
			return err
		}
		var e engagementRow
		if err := tx.StmtxContext(ctx, s.q.Engagement).GetContext(ctx, &e, engagementID, actorArg(actor)); err != nil {
			return notFound(err, "engagement")
		}
		rules, err := s.raterRules(ctx, tx, &e, raters)
		if err != nil {
			return err
		}
		if problems := threesixty.CheckRaters(raters, rules); len(problems) > 0 {
			return threesixty.Invalid("the rater list has errors; nothing was added", problems)
		}
		var openRound string
		err = tx.StmtxContext(ctx, s.q.OpenRoundOf).GetContext(ctx, &openRound, e.ID)
		if err != nil && threesixty.ErrorCode(storeError(err)) != threesixty.ENOTFOUND {
			return storeError(err)
		}
		for i := range raters {
			r := &raters[i]
			if err := tx.StmtxContext(ctx, s.q.CreateRater).GetContext(ctx, &r.ID, e.ID, r.Name, r.Email, threesixty.EmailKey(r.Email), r.Group, r.Sponsor); err != nil {
				return storeError(err)
			}
			if err := s.record(ctx, tx, e.ID, actor, threesixty.AuditRaterAdded, &r.ID, map[string]any{"group": r.Group}); err != nil {
				return err
			}
		}
		if openRound == "" {
			return nil
		}
		if issued, err = s.invite(ctx, tx, openRound, raters); err != nil {
			return err
		}
		leader := threesixty.Person{Name: e.LeaderName, Email: e.LeaderEmail}
		return s.enqueue(ctx, tx, []threesixty.Message{{Purpose: threesixty.PurposeRatersAdded, To: leader, RoundID: openRound}})
	})
	if threesixty.ErrorCode(err) == threesixty.ECONFLICT {
		err = threesixty.Errorf(threesixty.ECONFLICT, "a rater with one of these emails was added at the same time; list the raters and try again")
	}
	if err != nil {
		return nil, nil, err
	}
	return raters, issued, nil
}

// raterRules gathers what a list of raters for engagement e is checked against.
func (s *Store) raterRules(ctx context.Context, tx *sqlx.Tx, e *engagementRow, raters []threesixty.Rater) (threesixty.RaterRules, error) {
	rules := threesixty.RaterRules{Leader: e.LeaderEmail, Coach: e.CoachEmail, Sponsor: e.SponsorEmail.String, Domains: e.RaterDomains, Existing: map[string]bool{}}
	var existing []string
	if err := tx.StmtxContext(ctx, s.q.RaterKeys).SelectContext(ctx, &existing, e.ID); err != nil {
		return rules, storeError(err)
	}
	for _, k := range existing {
		rules.Existing[k] = true
	}
	keys := make([]string, len(raters))
	for i, r := range raters {
		keys[i] = threesixty.EmailKey(r.Email)
	}
	var err error
	rules.Accounts, err = s.accountKeys(ctx, tx, keys)
	return rules, err
}

// Raters lists an engagement's raters. Only those who run it see them, and never beside any answer.
func (s *Store) Raters(ctx context.Context, actor threesixty.Actor, engagementID string) ([]threesixty.Rater, error) {
	e, err := s.Engagement(ctx, actor, engagementID)
	if err != nil {
		return nil, err
	}
	var rows []raterRow
	if err := s.q.Raters.SelectContext(ctx, &rows, e.ID); err != nil {
		return nil, storeError(err)
	}
	raters := make([]threesixty.Rater, len(rows))
	for i, r := range rows {
		raters[i] = r.rater()
	}
	return raters, nil
}
