package postgres_test

import (
	"testing"

	"threesixty/internal/threesixty"
)

// TestALeaderMayCheckInAndNothingElseOfGoals: through their link, a leader adds check-ins to their
// engagement's goals, and may neither create, change nor delete a goal.
func TestALeaderMayCheckInAndNothingElseOfGoals(t *testing.T) {
	f := newFixture(t)
	engagement := f.engagement(threesixty.Anonymity{Threshold: 3})
	goal, _, err := f.store.CreateGoal(f.ctx, f.coach, engagement, &threesixty.Goal{Title: "Listen first", Competencies: []string{f.in.Competencies[0].ID}})
	if err != nil {
		t.Fatal(err)
	}
	leader := threesixty.LeaderActor(engagement)
	if _, err := f.store.AddCheckIn(f.ctx, leader, goal.ID, threesixty.CheckIn{Status: threesixty.CheckInOnTrack, Note: "Asked before answering"}); err != nil {
		t.Fatalf("the leader's check-in: %v", err)
	}
	if _, _, err := f.store.CreateGoal(f.ctx, leader, engagement, &threesixty.Goal{Title: "Mine", Competencies: []string{f.in.Competencies[0].ID}}); threesixty.ErrorCode(err) != threesixty.EFORBIDDEN {
		t.Errorf("a leader created a goal: %v", err)
	}
	title := "Changed"
	if _, err := f.store.UpdateGoal(f.ctx, leader, goal.ID, threesixty.GoalChange{Title: &title}); threesixty.ErrorCode(err) != threesixty.EFORBIDDEN {
		t.Errorf("a leader changed a goal: %v", err)
	}
	if err := f.store.DeleteGoal(f.ctx, leader, goal.ID); threesixty.ErrorCode(err) != threesixty.EFORBIDDEN {
		t.Errorf("a leader deleted a goal: %v", err)
	}
	other := threesixty.LeaderActor(f.engagement(threesixty.Anonymity{Threshold: 3}))
	if _, err := f.store.AddCheckIn(f.ctx, other, goal.ID, threesixty.CheckIn{Status: threesixty.CheckInDone}); threesixty.ErrorCode(err) != threesixty.ENOTFOUND {
		t.Errorf("another engagement's leader checked in: %v", err)
	}
}

// TestNominationsAreCheckedAsRatersAndDecidedOnce: a proposal is checked as a rater is, and
// against the proposals still waiting; the coach decides each once; an approval makes a rater.
func TestNominationsAreCheckedAsRatersAndDecidedOnce(t *testing.T) {
	f := newFixture(t)
	engagement := f.engagement(threesixty.Anonymity{Threshold: 3}, threesixty.Rater{Name: "Pat", Email: "pat@example.com", Group: threesixty.GroupPeer})
	leader := threesixty.LeaderActor(engagement)
	nia := threesixty.Nomination{Name: "Nia", Email: "nia@example.com", Group: threesixty.GroupPeer}
	if _, err := f.store.ProposeNomination(f.ctx, leader, engagement, nia); threesixty.ErrorCode(err) != threesixty.ECONFLICT {
		t.Errorf("a nomination before the coach allowed them: %v", err)
	}
	allow := true
	if _, err := f.store.UpdateSettings(f.ctx, f.coach, engagement, threesixty.SettingsChange{NominationAllowed: &allow}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.ProposeNomination(f.ctx, f.coach, engagement, nia); threesixty.ErrorCode(err) != threesixty.EFORBIDDEN {
		t.Errorf("the coach proposed a rater: %v", err)
	}
	for _, bad := range []threesixty.Nomination{
		{Name: "Alex", Email: "Alex+x@example.com", Group: threesixty.GroupPeer},          // the leader
		{Name: "Casey", Email: "casey@coaching.example.net", Group: threesixty.GroupPeer}, // the coach
		{Name: "Pat", Email: "PAT@example.com", Group: threesixty.GroupPeer},              // a rater already
		{Name: "Nia", Email: "nia@", Group: threesixty.GroupPeer},
		{Name: "Nia", Email: "nia@example.com", Group: threesixty.GroupSelf},
	} {
		if _, err := f.store.ProposeNomination(f.ctx, leader, engagement, bad); threesixty.ErrorCode(err) != threesixty.EINVALID {
			t.Errorf("proposing %+v: %v, want invalid", bad, err)
		}
	}
	first, err := f.store.ProposeNomination(f.ctx, leader, engagement, nia)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.ProposeNomination(f.ctx, leader, engagement, nia); threesixty.ErrorCode(err) != threesixty.EINVALID {
		t.Errorf("proposing the same person twice: %v", err)
	}
	if _, err := f.store.DecideNomination(f.ctx, leader, first.ID, true); threesixty.ErrorCode(err) != threesixty.EFORBIDDEN {
		t.Errorf("the leader approved their own proposal: %v", err)
	}
	rejected, err := f.store.DecideNomination(f.ctx, f.coach, first.ID, false)
	if err != nil || rejected.Status != threesixty.NominationRejected || rejected.DecidedAt == nil {
		t.Fatalf("rejected: %+v, %v", rejected, err)
	}
	second, err := f.store.ProposeNomination(f.ctx, leader, engagement, nia) // proposed again after a rejection
	if err != nil {
		t.Fatal(err)
	}
	approved, err := f.store.DecideNomination(f.ctx, f.coach, second.ID, true)
	if err != nil || approved.RaterID == nil {
		t.Fatalf("approved: %+v, %v", approved, err)
	}
	if _, err := f.store.DecideNomination(f.ctx, f.coach, second.ID, false); threesixty.ErrorCode(err) != threesixty.ECONFLICT {
		t.Errorf("deciding twice: %v", err)
	}
	raters, err := f.store.Raters(f.ctx, f.coach, engagement)
	if err != nil || len(raters) != 2 || raters[1].Email != "nia@example.com" {
		t.Fatalf("raters after the approval: %+v, %v", raters, err)
	}

	// Erasing the rater takes their name and address out of both nominations.
	if err := f.store.EraseRater(f.ctx, f.coach, engagement, *approved.RaterID); err != nil {
		t.Fatal(err)
	}
	var kept int
	f.Get(&kept, "SELECT count(*) FROM nominations WHERE email <> '' OR name <> 'Erased rater'")
	if kept != 0 {
		t.Errorf("%d nominations keep a name or address after the erasure", kept)
	}
}

// TestDeletingAnEngagementTakesTheLeadersPageWithIt: links, shares, consent history, nominations
// and the leader's mail all go with the engagement, the consent history included.
func TestDeletingAnEngagementTakesTheLeadersPageWithIt(t *testing.T) {
	f := newFixture(t)
	engagement := f.engagement(threesixty.Anonymity{Threshold: 3}, threesixty.Rater{Name: "Pat", Email: "pat@example.com", Group: threesixty.GroupPeer})
	round, _ := f.open(engagement, threesixty.RoundKindBaseline)
	f.close(round.ID)
	leader := threesixty.LeaderActor(engagement)
	allow := true
	if _, err := f.store.UpdateSettings(f.ctx, f.coach, engagement, threesixty.SettingsChange{NominationAllowed: &allow}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.ProposeNomination(f.ctx, leader, engagement, threesixty.Nomination{Name: "Nia", Email: "nia@example.com", Group: threesixty.GroupPeer}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.GiveSponsorConsent(f.ctx, leader, engagement, threesixty.ConsentThemesAndProgress); err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.ShareReport(f.ctx, f.coach, round.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.store.RotateLeaderLink(f.ctx, f.coach, engagement); err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.MintLeaderTokens(f.ctx, []string{engagement}); err != nil {
		t.Fatal(err)
	}
	admin, _, err := f.store.CreateAccount(f.ctx, "admin@coaching.example.net", "Ada Admin", threesixty.RoleAdmin)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.store.DeleteEngagement(f.ctx, threesixty.AccountActor(admin), engagement); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"leader_tokens", "shared_reports", "sponsor_consents", "nominations", "outbox"} {
		var n int
		f.Get(&n, "SELECT count(*) FROM "+table)
		if n != 0 {
			t.Errorf("%d rows of %s outlive the engagement", n, table)
		}
	}
}
