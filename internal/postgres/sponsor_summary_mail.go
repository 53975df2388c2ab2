package postgres

import (
	"context"
	"database/sql"

	"github.com/jmoiron/sqlx"

	"threesixty/internal/threesixty"
	"threesixty/reports"
)

// The sponsor summary goes to the sponsor by email when the closing round is released with the
// leader's consent in force, and whenever the leader gives consent, or changes its scope, after
// that release: one message per decision that gives consent, none for a withdrawal. The message
// holds nothing but the decision that caused it; the summary is drawn as it is sent.

// queueSponsorSummary queues the sponsor summary in tx, for the leader's latest consent decision,
// when it gives consent, the closing round is released and the engagement has a sponsor; a
// decision already queued for queues nothing more.
func (s *Store) queueSponsorSummary(ctx context.Context, tx *sqlx.Tx, engagementID string) error {
	_, err := tx.StmtxContext(ctx, s.q.EnqueueSponsorSummary).ExecContext(ctx, engagementID, s.MessageHost)
	return storeError(err)
}

// queueSponsorSummaryOnDecision is queueSponsorSummary for a consent decision just recorded in
// tx: it first waits for a closing release in flight, so that either the release sees the
// decision or the decision sees the release.
func (s *Store) queueSponsorSummaryOnDecision(ctx context.Context, tx *sqlx.Tx, engagementID string) error {
	var closing []string
	if err := tx.StmtxContext(ctx, s.q.LockClosingRound).SelectContext(ctx, &closing, engagementID); err != nil {
		return storeError(err)
	}
	if len(closing) == 0 {
		return nil
	}
	return s.queueSponsorSummary(ctx, tx, engagementID)
}

// SponsorSummaryToSend draws the sponsor summary a claimed message (by its outbox id) carries,
// from the consent in force now, recording nothing: the send is recorded when the message is
// marked sent. When the message must not go out it returns why instead, and no summary: the
// leader withdrew their consent, or decided again (that decision has a message of its own), or
// the sponsor's address is no longer the one the message was queued for.
func (s *Store) SponsorSummaryToSend(ctx context.Context, messageID string) (*reports.SponsorSummary, string, error) {
	var m struct {
		EngagementID    string                     `db:"engagement_id"`
		Recipient       string                     `db:"recipient"`
		ConsentID       int64                      `db:"sponsor_consent_id"`
		LatestConsentID int64                      `db:"latest_consent_id"`
		LatestDecision  threesixty.ConsentDecision `db:"latest_decision"`
		SponsorEmail    string                     `db:"sponsor_email"`
	}
	if err := s.q.SponsorSummaryMessage.GetContext(ctx, &m, messageID); err != nil {
		if err == sql.ErrNoRows {
			return nil, "the engagement is gone", nil
		}
		return nil, "", storeError(err)
	}
	switch {
	case m.LatestDecision != threesixty.ConsentGiven:
		return nil, "the leader withdrew their consent", nil
	case m.LatestConsentID != m.ConsentID:
		return nil, "the leader decided again; that decision's message goes instead", nil
	case threesixty.EmailKey(m.SponsorEmail) != threesixty.EmailKey(m.Recipient):
		return nil, "the engagement's sponsor changed", nil
	}
	e, err := s.Engagement(ctx, threesixty.Service, m.EngagementID)
	if err != nil {
		return nil, "", err
	}
	closingID, cmp, err := s.storedComparison(ctx, e.ID)
	if err != nil {
		return nil, "", err
	}
	consent, err := s.consentState(ctx, nil, e.ID)
	if err != nil {
		return nil, "", err
	}
	if consent.Given() == "" {
		return nil, "the leader withdrew their consent", nil
	}
	summary, err := s.drawSponsorSummary(ctx, threesixty.Service, e, closingID, cmp, *consent.Current())
	return summary, "", err
}
