package postgres

import (
	"context"
	"time"

	"github.com/jmoiron/sqlx"

	"threesixty/internal/threesixty"
)

// LeaderAccess finds what a leader link opens. ENOTFOUND when no leader token has this hash, the
// link was rotated away, or its engagement is archived: the three look the same.
func (s *Store) LeaderAccess(ctx context.Context, token string) (*threesixty.LeaderAccess, error) {
	var row struct {
		EngagementID      string `db:"engagement_id"`
		LeaderName        string `db:"leader_name"`
		CoachName         string `db:"coach_name"`
		TimeZone          string `db:"time_zone"`
		NominationAllowed bool   `db:"nomination_allowed"`
	}
	if err := s.q.LeaderAccess.GetContext(ctx, &row, threesixty.HashToken(token)); err != nil {
		return nil, notFound(err, "leader link")
	}
	return &threesixty.LeaderAccess{
		EngagementID: row.EngagementID, LeaderName: row.LeaderName, CoachName: row.CoachName,
		TimeZone: row.TimeZone, NominationAllowed: row.NominationAllowed,
	}, nil
}

// RotateLeaderLink revokes every leader link of the engagement and queues a message bringing
// the leader a fresh one, minted when it is sent; the rotation goes to the audit trail.
// ECONFLICT for an archived engagement, which has no leader link.
func (s *Store) RotateLeaderLink(ctx context.Context, actor threesixty.Actor, engagementID string) error {
	if err := actor.CheckManages(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *sqlx.Tx) error {
		e, err := s.lockEngagement(ctx, tx, actor, engagementID)
		if err != nil {
			return err
		}
		if err := e.engagement().CheckNotArchived(); err != nil {
			return err
		}
		if _, err := tx.StmtxContext(ctx, s.q.DropLeaderTokens).ExecContext(ctx, e.ID); err != nil {
			return storeError(err)
		}
		leader := threesixty.Person{Name: e.LeaderName, Email: e.LeaderEmail}
		if err := s.enqueue(ctx, tx, []threesixty.Message{{Purpose: threesixty.PurposeLeaderLink, To: leader, EngagementID: e.ID}}); err != nil {
			return err
		}
		return s.record(ctx, tx, e.ID, actor, threesixty.AuditLeaderLinkRotated, nil, nil)
	})
}

// ArchiveEngagement archives an engagement that has ended: its leader links stop working at
// once, its queued messages carrying only a leader link are cancelled, and from then on it takes
// no new round, rater, nomination, setting, shared report or leader link (see
// threesixty.Engagement.CheckNotArchived). Archiving an archived engagement changes nothing.
// ECONFLICT while a round is open: close it first, so that no invitation is left half-used.
func (s *Store) ArchiveEngagement(ctx context.Context, actor threesixty.Actor, engagementID string) (*threesixty.Engagement, error) {
	if err := actor.CheckManages(); err != nil {
		return nil, err
	}
	err := s.inTx(ctx, func(tx *sqlx.Tx) error {
		e, err := s.lockEngagement(ctx, tx, actor, engagementID)
		if err != nil || e.ArchivedAt != nil {
			return err
		}
		var open struct {
			ID       string `db:"id"`
			Answered bool   `db:"answered"`
		}
		err = tx.StmtxContext(ctx, s.q.OpenRoundOf).GetContext(ctx, &open, e.ID)
		switch code := threesixty.ErrorCode(storeError(err)); {
		case err == nil:
			return threesixty.Errorf(threesixty.ECONFLICT, "a round of the engagement is open; close it before archiving the engagement")
		case code != threesixty.ENOTFOUND:
			return storeError(err)
		}
		for _, stmt := range []*sqlx.Stmt{s.q.ArchiveEngagement, s.q.DropLeaderTokens, s.q.CancelLeaderMail} {
			if _, err := tx.StmtxContext(ctx, stmt).ExecContext(ctx, e.ID); err != nil {
				return storeError(err)
			}
		}
		return s.record(ctx, tx, e.ID, actor, threesixty.AuditEngagementArchived, nil, nil)
	})
	if err != nil {
		return nil, err
	}
	return s.Engagement(ctx, actor, engagementID)
}

// selfAssessmentRow is what self-assessment reads.
type selfAssessmentRow struct {
	InvitationID string                      `db:"invitation_id"`
	RoundKind    threesixty.RoundKind        `db:"round_kind"`
	ClosesAt     time.Time                   `db:"closes_at"`
	Status       threesixty.InvitationStatus `db:"status"`
}

// SelfAssessment is the leader's invitation to the engagement's open round. ENOTFOUND when no
// round is open (or the open one's closing time has passed).
func (s *Store) SelfAssessment(ctx context.Context, actor threesixty.Actor, engagementID string) (*threesixty.SelfAssessment, error) {
	var row selfAssessmentRow
	if err := s.q.SelfAssessment.GetContext(ctx, &row, engagementID, actorArg(actor)); err != nil {
		return nil, notFound(err, "open round")
	}
	return &threesixty.SelfAssessment{RoundKind: row.RoundKind, ClosesAt: row.ClosesAt, Status: row.Status}, nil
}

// SelfAssessmentLink mints a fresh survey token for the leader's self invitation to the open
// round and returns it: how the leader's page opens the self-assessment. Only the leader may
// (EFORBIDDEN otherwise: nobody else should hold the leader's survey link); ENOTFOUND when no
// round is open; ECONFLICT when the leader has already answered or declined.
func (s *Store) SelfAssessmentLink(ctx context.Context, actor threesixty.Actor, engagementID string) (string, error) {
	if err := actor.CheckIsLeader("open the self-assessment"); err != nil {
		return "", err
	}
	var row selfAssessmentRow
	if err := s.q.SelfAssessment.GetContext(ctx, &row, engagementID, actorArg(actor)); err != nil {
		return "", notFound(err, "open round")
	}
	if row.Status != threesixty.InvitationPending {
		return "", threesixty.Errorf(threesixty.ECONFLICT, "your self-assessment for this round has been %s already", row.Status)
	}
	token, hash := threesixty.NewToken()
	var minted string
	if err := s.q.MintSelfToken.GetContext(ctx, &minted, hash, row.InvitationID); err != nil {
		if threesixty.ErrorCode(storeError(err)) == threesixty.ENOTFOUND {
			return "", threesixty.Errorf(threesixty.ECONFLICT, "the round has just closed, or your self-assessment was just sent")
		}
		return "", storeError(err)
	}
	return token, nil
}
