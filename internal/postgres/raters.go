package postgres

import (
	"context"
	"fmt"
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
// outside the superior group, addresses compared by EmailKey. Each addition goes to the audit
// trail. When the engagement has an open round, each new rater is invited to it at once, their
// invitation messages are queued, and so is a notice to the leader of who was asked; ECONFLICT
// when someone has already answered that round (errRoundHasAnswers), and for an archived
// engagement.
func (s *Store) AddRaters(ctx context.Context, actor threesixty.Actor, engagementID string, raters []threesixty.Rater) ([]threesixty.Rater, []threesixty.Invitation, error) {
	if err := actor.CheckManages(); err != nil {
		return nil, nil, err
	}
	var issued []threesixty.Invitation
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		// The engagement's lock orders adding raters and opening a round: a rater added while
		// a round opens is either in the round's list of raters or invited to it here.
		e, err := s.lockEngagement(ctx, tx, actor, engagementID)
		if err != nil {
			return err
		}
		issued, err = s.addRaters(ctx, tx, actor, e, raters)
		return err
	})
	if err != nil {
		return nil, nil, addRatersError(err)
	}
	return raters, issued, nil
}

// addRaters is AddRaters in tx, the engagement e being locked: raters get their ids, and the
// invitations issued to an open round come back.
func (s *Store) addRaters(ctx context.Context, tx *sqlx.Tx, actor threesixty.Actor, e *engagementRow, raters []threesixty.Rater) ([]threesixty.Invitation, error) {
	if err := e.engagement().CheckNotArchived(); err != nil {
		return nil, err
	}
	for i := range raters {
		raters[i].Name = strings.TrimSpace(raters[i].Name)
		raters[i].Email = strings.TrimSpace(raters[i].Email)
	}
	rules, err := s.raterRules(ctx, tx, e, raters, true)
	if err != nil {
		return nil, err
	}
	if problems := threesixty.CheckRaters(raters, rules); len(problems) > 0 {
		return nil, threesixty.Invalid("the rater list has errors; nothing was added", problems)
	}
	threesixty.MarkSponsor(raters, rules.Sponsor)
	var open struct {
		ID       string `db:"id"`
		Answered bool   `db:"answered"`
	}
	err = tx.StmtxContext(ctx, s.q.OpenRoundOf).GetContext(ctx, &open, e.ID)
	if err != nil && threesixty.ErrorCode(storeError(err)) != threesixty.ENOTFOUND {
		return nil, storeError(err)
	}
	if open.Answered {
		return nil, errRoundHasAnswers
	}
	openRound := open.ID
	for i := range raters {
		r := &raters[i]
		if err := tx.StmtxContext(ctx, s.q.CreateRater).GetContext(ctx, &r.ID, e.ID, r.Name, r.Email, threesixty.EmailKey(r.Email), r.Group, r.Sponsor); err != nil {
			return nil, storeError(err)
		}
		if err := s.record(ctx, tx, e.ID, actor, threesixty.AuditRaterAdded, &r.ID, map[string]any{"group": r.Group}); err != nil {
			return nil, err
		}
	}
	if openRound == "" {
		return nil, nil
	}
	issued, err := s.invite(ctx, tx, openRound, raters)
	if err != nil {
		return nil, err
	}
	leader := threesixty.Person{Name: e.LeaderName, Email: e.LeaderEmail}
	return issued, s.enqueue(ctx, tx, []threesixty.Message{{Purpose: threesixty.PurposeRatersAdded, To: leader, RoundID: openRound}})
}

// addRatersError says plainly what a duplicate caught by the database means.
func addRatersError(err error) error {
	if isUniqueViolation(err, "raters_engagement_id_email_key_key") {
		return threesixty.Errorf(threesixty.ECONFLICT, "a rater with one of these emails was added at the same time; list the raters and try again")
	}
	return err
}

// errRoundHasAnswers refuses raters for an open round that someone has answered: whoever runs the
// engagement can see a group stuck at one answer, and raters added then, answering as they were
// told, would let the answer be subtracted out.
var errRoundHasAnswers = threesixty.Errorf(threesixty.ECONFLICT,
	"the open round already has answers, so no rater can join it now: raters added after someone answered could be used to work out that person's answers. Add them once the round closes, for the next one")

// raterRules gathers what a list of raters for engagement e is checked against; with existing,
// the engagement's raters so far are among the rules, as addresses taken.
func (s *Store) raterRules(ctx context.Context, tx *sqlx.Tx, e *engagementRow, raters []threesixty.Rater, existing bool) (threesixty.RaterRules, error) {
	rules := threesixty.RaterRules{Leader: e.LeaderEmail, Coach: e.CoachEmail, Sponsor: e.SponsorEmail.String, Domains: e.RaterDomains, Existing: map[string]bool{}}
	if existing {
		var keys []string
		if err := tx.StmtxContext(ctx, s.q.RaterKeys).SelectContext(ctx, &keys, e.ID); err != nil {
			return rules, storeError(err)
		}
		for _, k := range keys {
			rules.Existing[k] = true
		}
	}
	keys := make([]string, len(raters))
	for i, r := range raters {
		keys[i] = threesixty.EmailKey(r.Email)
	}
	var err error
	rules.Accounts, err = s.accountKeys(ctx, tx, keys)
	return rules, err
}

// checkRaters reads the engagement's raters, but those leaveOut names by id, and checks them as
// they stand against the rules as they stand (accounts made and email domains set since a rater
// was added). It returns the raters, or EINVALID naming every rater who may no longer be asked,
// or each id of leaveOut that is not a rater of the engagement.
func (s *Store) checkRaters(ctx context.Context, tx *sqlx.Tx, e *engagementRow, leaveOut []string) ([]threesixty.Rater, error) {
	var rows []raterRow
	if err := tx.StmtxContext(ctx, s.q.Raters).SelectContext(ctx, &rows, e.ID); err != nil {
		return nil, storeError(err)
	}
	left := make(map[string]bool, len(leaveOut))
	for _, id := range leaveOut {
		left[id] = true
	}
	raters := make([]threesixty.Rater, 0, len(rows))
	for _, r := range rows {
		if rater := r.rater(); left[rater.ID] {
			delete(left, rater.ID)
		} else {
			raters = append(raters, rater)
		}
	}
	var unknown []threesixty.FieldError
	for _, id := range leaveOut {
		if left[id] {
			unknown = append(unknown, threesixty.FieldError{Field: "leave_out", Message: fmt.Sprintf("%q is not a rater of this engagement", id)})
			delete(left, id)
		}
	}
	if len(unknown) > 0 {
		return nil, threesixty.Invalid("the round has invalid fields", unknown)
	}
	rules, err := s.raterRules(ctx, tx, e, raters, false)
	if err != nil {
		return nil, err
	}
	problems := threesixty.CheckRaters(raters, rules)
	if len(problems) == 0 {
		return raters, nil
	}
	for i, p := range problems {
		if p.Row == 0 { // about the list as a whole
			continue
		}
		r := raters[p.Row-1]
		problems[i] = threesixty.FieldError{Field: "raters", Message: fmt.Sprintf("%s (%s): %s", r.Name, r.Email, p.Message)}
	}
	return nil, threesixty.Invalid("some of the engagement's raters may not be asked under these rules; remove them (DELETE the rater) or change the rules", problems)
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

// RemoveRater takes a rater off an engagement, with the change in the audit trail. ECONFLICT once
// the rater has been invited to a round: who was asked is part of that round's record.
func (s *Store) RemoveRater(ctx context.Context, actor threesixty.Actor, engagementID, raterID string) error {
	if err := actor.CheckManages(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sqlx.Tx) error {
		if _, err := s.lockEngagement(ctx, tx, actor, engagementID); err != nil {
			return err
		}
		var removed raterRow
		err := tx.StmtxContext(ctx, s.q.RemoveRater).GetContext(ctx, &removed, engagementID, raterID)
		if threesixty.ErrorCode(storeError(err)) == threesixty.ENOTFOUND {
			var invited bool
			if err := tx.StmtxContext(ctx, s.q.RaterInvited).GetContext(ctx, &invited, engagementID, raterID); err != nil {
				return storeError(err)
			}
			if invited {
				return threesixty.Errorf(threesixty.ECONFLICT, "the rater was invited to a round and stays on its record")
			}
			return notFound(err, "rater")
		}
		if err != nil {
			return storeError(err)
		}
		return s.record(ctx, tx, engagementID, actor, threesixty.AuditRaterRemoved, nil, map[string]any{
			"name": removed.Name, "email": removed.Email, "group": removed.Group,
		})
	})
}
