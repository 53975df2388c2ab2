package postgres_test

import (
	"strings"
	"sync"
	"testing"

	"threesixty/internal/postgres"
	"threesixty/internal/threesixty"
)

// TestSettingsLockWhenTheFirstRoundOpens: the attack was k=5, superiors not identifiable; a
// superior read "at least 5" and saved a draft; the coach changed the settings to k=2,
// identifiable, and the lone superior was published with their comment. Settings now lock when
// the first invitation goes out, and every change before is in the audit trail.
func TestSettingsLockWhenTheFirstRoundOpens(t *testing.T) {
	f := newFixture(t)
	e := f.engagement(threesixty.Anonymity{Threshold: 5}, people(threesixty.GroupSuperior, "boss", 1)...)
	six := threesixty.Anonymity{Threshold: 6}
	if _, err := f.store.UpdateSettings(f.ctx, f.coach, e, threesixty.SettingsChange{Anonymity: &six}); err != nil {
		t.Fatalf("changing settings before any round: %v", err)
	}
	f.open(e, threesixty.RoundKindBaseline)
	weaker := threesixty.Anonymity{Threshold: 3, SuperiorIdentifiable: true}
	_, err := f.store.UpdateSettings(f.ctx, f.coach, e, threesixty.SettingsChange{Anonymity: &weaker})
	if threesixty.ErrorCode(err) != threesixty.ECONFLICT {
		t.Fatalf("weakening the settings after invitations went out: %v, want a conflict", err)
	}
	if _, err := f.store.UpdateSettings(f.ctx, f.coach, e, threesixty.SettingsChange{RaterDomains: []string{}}); threesixty.ErrorCode(err) != threesixty.ECONFLICT {
		t.Errorf("changing the email domains after invitations went out: %v", err)
	}
	trail, err := f.store.AuditTrail(f.ctx, f.coach, e)
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, entry := range trail {
		actions = append(actions, string(entry.Action))
		if entry.By == nil || entry.By.ID != f.coach.AccountID() {
			t.Errorf("%s recorded without the coach who made it: %+v", entry.Action, entry.By)
		}
	}
	if got := strings.Join(actions, " "); got != "engagement_created rater_added settings_changed round_opened" {
		t.Errorf("audit trail %q", got)
	}
}

// TestAReleaseUsesTheSettingsItsInvitationsStated: whatever the engagement says by the time of
// the release, even changed behind the service's back, the round's own copy decides.
func TestAReleaseUsesTheSettingsItsInvitationsStated(t *testing.T) {
	f := newFixture(t)
	e := f.engagement(threesixty.Anonymity{Threshold: 5}, append(people(threesixty.GroupSuperior, "boss", 1), people(threesixty.GroupPeer, "peer", 4)...)...)
	round, issued := f.open(e, threesixty.RoundKindBaseline)
	for _, inv := range issued {
		f.submit(inv, f.answers(4, "from "+string(inv.Group)))
	}
	f.Exec("UPDATE engagements SET threshold = 3, superior_identifiable = true WHERE id = $1", e)
	f.close(round.ID)
	_, res, err := f.store.Results(f.ctx, f.coach, round.ID)
	if err != nil {
		t.Fatal(err)
	}
	if res.Threshold != 5 {
		t.Errorf("released with k=%d, want the 5 the invitations stated", res.Threshold)
	}
	for _, g := range res.Groups {
		if g.Key == string(threesixty.GroupSuperior) {
			t.Errorf("the lone superior was published on their own: %+v", g)
		}
	}
	for _, c := range res.Comments {
		if c.Group == string(threesixty.GroupSuperior) {
			t.Errorf("the superior's comment was published under their own group: %+v", c)
		}
	}
}

// TestRoundsCloseThemselvesOnTime: the scheduler closes and releases a round whose closing time
// has passed, once, however many instances try at the same moment.
func TestRoundsCloseThemselvesOnTime(t *testing.T) {
	f := newFixture(t)
	e := f.engagement(threesixty.Anonymity{Threshold: 3}, people(threesixty.GroupPeer, "peer", 3)...)
	round, issued := f.open(e, threesixty.RoundKindBaseline)
	for _, inv := range issued {
		f.submit(inv, f.answers(4, ""))
	}
	if n, err := f.store.CloseDueRounds(f.ctx); err != nil || n != 0 {
		t.Fatalf("closed %d rounds before their time (%v)", n, err)
	}
	f.Exec("UPDATE rounds SET closes_at = now() - interval '1 minute' WHERE id = $1", round.ID)
	others := []*postgres.Store{f.store}
	for i := 0; i < 3; i++ {
		s, err := postgres.New(f.DB)
		if err != nil {
			t.Fatal(err)
		}
		others = append(others, s)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	total := 0
	for _, s := range others {
		wg.Go(func() {
			n, err := s.CloseDueRounds(f.ctx)
			if err != nil {
				t.Error(err)
			}
			mu.Lock()
			total += n
			mu.Unlock()
		})
	}
	wg.Wait()
	if total != 1 {
		t.Errorf("the round was closed %d times", total)
	}
	r, err := f.store.Round(f.ctx, f.coach, round.ID)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != threesixty.RoundStatusClosed || !r.Released() {
		t.Errorf("after its time the round is %s, released %v", r.Status, r.Released())
	}
	if _, _, err := f.store.Results(f.ctx, f.coach, round.ID); err != nil {
		t.Errorf("no results after the round closed itself: %v", err)
	}
	trail, err := f.store.AuditTrail(f.ctx, f.coach, e)
	if err != nil {
		t.Fatal(err)
	}
	last := trail[len(trail)-1]
	if last.Action != threesixty.AuditRoundClosed || last.By != nil {
		t.Errorf("the close is recorded as %s by %+v, want round_closed by the service", last.Action, last.By)
	}
}

// TestWhoSeesWhat walks the one visibility rule: a coach sees their own engagements, an admin
// all, a leader's link its one engagement (which it may not change), the service everything.
func TestWhoSeesWhat(t *testing.T) {
	f := newFixture(t)
	mine := f.engagement(threesixty.Anonymity{Threshold: 3})
	otherAccount, _, err := f.store.CreateAccount(f.ctx, "other@coaching.example.net", "Other", threesixty.RoleCoach)
	if err != nil {
		t.Fatal(err)
	}
	other := threesixty.AccountActor(otherAccount)
	theirs, err := f.store.CreateEngagement(f.ctx, other, &threesixty.Engagement{Leader: threesixty.Person{Name: "Bo", Email: "bo@example.com"}, Instrument: f.in.ID, Anonymity: threesixty.Anonymity{Threshold: 3}})
	if err != nil {
		t.Fatal(err)
	}
	adminAccount, _, err := f.store.CreateAccount(f.ctx, "admin@coaching.example.net", "Ada", threesixty.RoleAdmin)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		who   string
		actor threesixty.Actor
		sees  map[string]bool
	}{
		{"the coach", f.coach, map[string]bool{mine: true}},
		{"another coach", other, map[string]bool{theirs.ID: true}},
		{"an admin", threesixty.AccountActor(adminAccount), map[string]bool{mine: true, theirs.ID: true}},
		{"the leader's link", threesixty.LeaderActor(mine), map[string]bool{mine: true}},
		{"the service", threesixty.Service, map[string]bool{mine: true, theirs.ID: true}},
		{"nobody", threesixty.Actor{}, map[string]bool{}},
	}
	for _, c := range cases {
		list, err := f.store.Engagements(f.ctx, c.actor)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != len(c.sees) {
			t.Errorf("%s lists %d engagements, want %d", c.who, len(list), len(c.sees))
		}
		for _, id := range []string{mine, theirs.ID} {
			_, err := f.store.Engagement(f.ctx, c.actor, id)
			if seen := err == nil; seen != c.sees[id] {
				t.Errorf("%s sees %s: %v (%v)", c.who, id, seen, err)
			}
			if !c.sees[id] && threesixty.ErrorCode(err) != threesixty.ENOTFOUND {
				t.Errorf("%s is told %v about an engagement it may not see, want not found", c.who, err)
			}
		}
	}
	_, _, err = f.store.AddRaters(f.ctx, threesixty.LeaderActor(mine), mine, people(threesixty.GroupPeer, "peer", 1))
	if threesixty.ErrorCode(err) != threesixty.EFORBIDDEN {
		t.Errorf("a leader's link added raters: %v", err)
	}
}

// TestRaterChangesAreInTheAuditTrail: who added which rater, and when.
func TestRaterChangesAreInTheAuditTrail(t *testing.T) {
	f := newFixture(t)
	e := f.engagement(threesixty.Anonymity{Threshold: 3}, people(threesixty.GroupPeer, "peer", 2)...)
	f.open(e, threesixty.RoundKindBaseline)
	if _, _, err := f.store.AddRaters(f.ctx, f.coach, e, people(threesixty.GroupDirectReport, "late", 1)); err != nil {
		t.Fatal(err)
	}
	trail, err := f.store.AuditTrail(f.ctx, f.coach, e)
	if err != nil {
		t.Fatal(err)
	}
	var added []string
	for _, entry := range trail {
		if entry.Action != threesixty.AuditRaterAdded {
			continue
		}
		if entry.Rater == nil || entry.By == nil || entry.At.IsZero() {
			t.Fatalf("a rater added without who, whom or when: %+v", entry)
		}
		added = append(added, entry.Rater.Name+" ("+string(entry.Rater.Group)+") by "+entry.By.Name)
	}
	want := "peer 0 (peer) by Casey Coach, peer 1 (peer) by Casey Coach, late 0 (direct_report) by Casey Coach"
	if got := strings.Join(added, ", "); got != want {
		t.Errorf("audit trail of raters: %s\nwant %s", got, want)
	}
}
