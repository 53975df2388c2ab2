package postgres

import (
	"context"
	"fmt"

	"threesixty/internal/results"
	"threesixty/internal/threesixty"
	"threesixty/reports"
)

// SponsorSummary gathers the sponsor summary the leader's consent in force allows, from the
// comparison frozen with the closing release, the baseline's release and the engagement's goals;
// nothing in it comes from responses. The hand-out is recorded in the access log. ENOTFOUND for
// an engagement the actor may not see; ECONFLICT until the closing round is released; EFORBIDDEN
// when the leader's consent is missing: never given, or withdrawn.
func (s *Store) SponsorSummary(ctx context.Context, actor threesixty.Actor, engagementID string) (*reports.SponsorSummary, error) {
	if err := actor.CheckManages(); err != nil {
		return nil, err
	}
	e, err := s.Engagement(ctx, actor, engagementID)
	if err != nil {
		return nil, err
	}
	closingID, cmp, err := s.storedComparison(ctx, e.ID)
	if threesixty.ErrorCode(err) == threesixty.ECONFLICT {
		return nil, threesixty.Errorf(threesixty.ECONFLICT, "the closing round is not released yet; the sponsor summary exists once it is closed and released")
	}
	if err != nil {
		return nil, err
	}
	consent, err := s.consentState(ctx, nil, e.ID)
	if err != nil {
		return nil, err
	}
	if consent.Given() == "" {
		why := "the leader has not given it"
		if cur := consent.Current(); cur != nil {
			why = "the leader withdrew it"
		}
		return nil, threesixty.Errorf(threesixty.EFORBIDDEN, "the leader's consent to a sponsor summary is missing: %s; only the leader can give it, on their page", why)
	}
	summary, err := s.drawSponsorSummary(ctx, actor, e, closingID, cmp, *consent.Current())
	if err != nil {
		return nil, err
	}
	if err := s.recordAccess(ctx, actor, e.ID, closingID, threesixty.AccessSponsorSummaryDownloaded); err != nil {
		return nil, err
	}
	return summary, nil
}

// drawSponsorSummary gathers the sponsor summary of engagement e under consent, from the
// comparison cmp frozen with the release of closingID, recording nothing.
func (s *Store) drawSponsorSummary(ctx context.Context, actor threesixty.Actor, e *threesixty.Engagement, closingID string, cmp *results.Comparison, consent threesixty.SponsorConsent) (*reports.SponsorSummary, error) {
	baseline, base, err := s.results(ctx, actor, cmp.BaselineRound)
	if err != nil {
		return nil, err
	}
	closing, err := s.Round(ctx, actor, closingID)
	if err != nil {
		return nil, err
	}
	in, err := s.InstrumentVersion(ctx, closing.InstrumentVersion)
	if err != nil {
		return nil, fmt.Errorf("the instrument of round %s: %w", closing.ID, err)
	}
	goals, err := s.Goals(ctx, actor, e.ID)
	if err != nil {
		return nil, err
	}
	src := reports.SponsorSources{
		Leader: e.Leader.Name, Coach: e.CoachName, Consent: consent,
		Started: baseline.OpenedAt, Ended: *closing.ReleasedAt,
		Goals: goals, Instrument: in, Baseline: base, Comparison: cmp,
	}
	if e.Sponsor != nil {
		src.Sponsor = e.Sponsor.Name
	}
	// The engagement's own dates where the coach set them; the rounds' otherwise.
	if !e.StartsOn.IsZero() {
		src.Started = e.StartsOn.Time()
	}
	if !e.PlannedEndOn.IsZero() && e.PlannedEndOn.Time().After(src.Ended) {
		src.Ended = e.PlannedEndOn.Time()
	}
	sessions, err := s.CoachingSessions(ctx, actor, e.ID)
	if err != nil {
		return nil, err
	}
	held := len(sessions)
	src.Sessions = &held
	summary := reports.NewSponsorSummary(src)
	return &summary, nil
}
