package postgres_test

import (
	"testing"
	"time"

	"threesixty/internal/threesixty"
)

// TestRetentionForgetsRatersOnceAnEngagementHasEnded: ninety days after its closing round is
// released, an engagement keeps no rater's name or address, no mail and no link token; its
// releases and responses are byte for byte what they were, and an engagement still running, or
// ended too recently, is untouched.
func TestRetentionForgetsRatersOnceAnEngagementHasEnded(t *testing.T) {
	f := newFixture(t)
	ended := f.engagement(threesixty.Anonymity{Threshold: 3}, people(threesixty.GroupPeer, "zebulon", 3)...)
	removed := threesixty.Rater{Name: "Yolanda Yew", Email: "yolanda.yew@example.com", Group: threesixty.GroupPeer}
	added, _, err := f.store.AddRaters(f.ctx, f.coach, ended, []threesixty.Rater{removed})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.store.RemoveRater(f.ctx, f.coach, ended, added[0].ID); err != nil {
		t.Fatal(err)
	}
	running := f.engagement(threesixty.Anonymity{Threshold: 3}, people(threesixty.GroupPeer, "xavier", 3)...)
	for _, id := range []string{ended, running} {
		round, issued := f.open(id, threesixty.RoundKindBaseline)
		for _, inv := range issued[:2] {
			f.submit(inv, f.answers(4, "Clear about priorities."))
		}
		f.close(round.ID)
	}
	today := threesixty.DateOf(time.Now(), time.UTC)
	for _, id := range []string{ended, running} {
		if _, err := f.store.CreateCoachingSession(f.ctx, f.coach, id, threesixty.CoachingSession{HeldOn: today, Minutes: 55, Notes: "Wendeline notes"}); err != nil {
			t.Fatal(err)
		}
	}
	closing, issued := f.open(ended, threesixty.RoundKindClosing)
	f.submit(issued[0], f.answers(5, ""))
	f.close(closing.ID)
	f.drainToMailbox()
	if traces := f.tracesOf("zebulon", "yolanda.yew"); len(traces) == 0 {
		t.Fatal("the fixture left no trace of its raters to forget: the test proves nothing")
	}
	before := f.kept()
	// The leader's link, as a message to the leader mints it.
	if minted, err := f.store.MintLeaderTokens(f.ctx, []string{ended}); err != nil || len(minted) != 1 || minted[0] == "" {
		t.Fatalf("minting the leader's link: %v, %v", minted, err)
	}

	f.Exec(`UPDATE rounds SET released_at = released_at - interval '89 days', closed_at = closed_at - interval '89 days' WHERE engagement_id = $1`, ended)
	if n, err := f.store.ApplyRetention(f.ctx, 90*24*time.Hour, 20); err != nil || n != 0 {
		t.Fatalf("retention ran %d, %v on an engagement that ended 89 days ago", n, err)
	}
	f.Exec(`UPDATE rounds SET released_at = released_at - interval '2 days', closed_at = closed_at - interval '2 days' WHERE engagement_id = $1`, ended)
	if n, err := f.store.ApplyRetention(f.ctx, 90*24*time.Hour, 20); err != nil || n != 1 {
		t.Fatalf("retention ran %d, %v; want the one ended engagement", n, err)
	}
	if traces := f.tracesOf("zebulon", "yolanda.yew", "Yolanda Yew"); len(traces) > 0 {
		t.Errorf("after retention:\n%v", traces)
	}
	if traces := f.tracesOf("xavier"); len(traces) == 0 {
		t.Error("retention reached the engagement that is still running")
	}
	var mail, tokens, leaderTokens int
	f.Get(&leaderTokens, `SELECT count(*) FROM leader_tokens WHERE engagement_id = $1`, ended)
	if leaderTokens != 0 {
		t.Errorf("%d leader link tokens kept after retention", leaderTokens)
	}
	f.Get(&mail, `SELECT count(*) FROM outbox o JOIN rounds r ON r.id = o.round_id WHERE r.engagement_id = $1`, ended)
	f.Get(&tokens, `SELECT count(*) FROM invitation_tokens t JOIN invitations i ON i.id = t.invitation_id JOIN rounds r ON r.id = i.round_id WHERE r.engagement_id = $1`, ended)
	if mail+tokens != 0 {
		t.Errorf("%d messages and %d link tokens kept after retention", mail, tokens)
	}
	if after := f.kept(); after != before {
		t.Error("retention changed a response or a release")
	}
	if _, _, err := f.store.Results(f.ctx, f.coach, closing.ID); err != nil {
		t.Errorf("the release is gone: %v", err)
	}
	// The coach's notes go; the day and length of each session stay, for the closing report.
	sessions, err := f.store.CoachingSessions(f.ctx, f.coach, ended)
	if err != nil || len(sessions) != 1 || sessions[0].Notes != "" || sessions[0].Minutes != 55 || sessions[0].HeldOn != today {
		t.Errorf("the ended engagement's sessions after retention: %+v, %v", sessions, err)
	}
	if sessions, err := f.store.CoachingSessions(f.ctx, f.coach, running); err != nil || len(sessions) != 1 || sessions[0].Notes != "Wendeline notes" {
		t.Errorf("the running engagement's sessions after retention: %+v, %v", sessions, err)
	}
	if n, err := f.store.ApplyRetention(f.ctx, 90*24*time.Hour, 20); err != nil || n != 0 {
		t.Errorf("retention ran again: %d, %v", n, err)
	}
	// Notes written once it was forgotten are forgotten again.
	f.Exec(`UPDATE coaching_sessions SET notes = 'Wendeline again' WHERE engagement_id = $1`, ended)
	if n, err := f.store.ApplyRetention(f.ctx, 90*24*time.Hour, 20); err != nil || n != 1 {
		t.Errorf("retention ran %d, %v on notes written after it", n, err)
	}
	var kept int
	f.Get(&kept, `SELECT count(*) FROM coaching_sessions WHERE notes <> '' AND engagement_id = $1`, ended)
	if n := kept; n != 0 {
		t.Errorf("%d sessions keep notes", n)
	}
}

// TestRetentionWaitsAYearForAnEngagementNeverFinished: without a closing round, an engagement
// counts as ended a year after its last round closed, and retention runs the period after that.
func TestRetentionWaitsAYearForAnEngagementNeverFinished(t *testing.T) {
	f := newFixture(t)
	_, round := f.idleBaseline("wanda", 400)
	if n, err := f.store.ApplyRetention(f.ctx, 90*24*time.Hour, 20); err != nil || n != 0 {
		t.Fatalf("retention ran %d, %v on a baseline 400 days old", n, err)
	}
	f.backdate(round, 456)
	if n, err := f.store.ApplyRetention(f.ctx, 90*24*time.Hour, 20); err != nil || n != 1 {
		t.Fatalf("retention ran %d, %v on a baseline 456 days old", n, err)
	}
	if traces := f.tracesOf("wanda"); len(traces) > 0 {
		t.Errorf("after retention:\n%v", traces)
	}
}

// TestCoachingSessionsKeepAnUnfinishedEngagementGoing: an engagement never finished is idle from
// its last round's close or its last coaching session recorded, whichever is later, so a coach
// who keeps meeting the leader does not see the engagement forgotten under them.
func TestCoachingSessionsKeepAnUnfinishedEngagementGoing(t *testing.T) {
	f := newFixture(t)
	e, _ := f.idleBaseline("walter", 456)
	if _, err := f.store.CreateCoachingSession(f.ctx, f.coach, e, threesixty.CoachingSession{
		HeldOn: threesixty.DateOf(time.Now(), time.UTC), Minutes: 60, Notes: "Walter keeps going",
	}); err != nil {
		t.Fatal(err)
	}
	if n, err := f.store.ApplyRetention(f.ctx, 90*24*time.Hour, 20); err != nil || n != 0 {
		t.Fatalf("retention ran %d, %v on an engagement with a session recorded today", n, err)
	}
	f.Exec(`UPDATE coaching_sessions SET created_at = now() - interval '456 days' WHERE engagement_id = $1`, e)
	if n, err := f.store.ApplyRetention(f.ctx, 90*24*time.Hour, 20); err != nil || n != 1 {
		t.Fatalf("retention ran %d, %v once the last session is 456 days old", n, err)
	}
	if traces := f.tracesOf("walter"); len(traces) > 0 {
		t.Errorf("after retention:\n%v", traces)
	}
}
