package postgres_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

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
	six := 6
	if _, err := f.store.UpdateSettings(f.ctx, f.coach, e, threesixty.SettingsChange{Threshold: &six}); err != nil {
		t.Fatalf("changing settings before any round: %v", err)
	}
	f.open(e, threesixty.RoundKindBaseline)
	three, identifiable := 3, true
	_, err := f.store.UpdateSettings(f.ctx, f.coach, e, threesixty.SettingsChange{Threshold: &three, SuperiorIdentifiable: &identifiable})
	if threesixty.ErrorCode(err) != threesixty.ECONFLICT {
		t.Fatalf("weakening the settings after invitations went out: %v, want a conflict", err)
	}
	if _, err := f.store.UpdateSettings(f.ctx, f.coach, e, threesixty.SettingsChange{RaterDomains: &[]string{}}); threesixty.ErrorCode(err) != threesixty.ECONFLICT {
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

// TestRatersAreCheckedAgainWhenTheRulesMove: an account made with a rater's address after they
// were added, or email domains set after raters outside them were, would slip someone the rules
// refuse into a round. Domains are refused while raters outside them remain; a round does not
// open while a rater may not be asked; a rater never invited can be taken off, and then it opens.
func TestRatersAreCheckedAgainWhenTheRulesMove(t *testing.T) {
	f := newFixture(t)
	e := f.engagement(threesixty.Anonymity{Threshold: 3}, append(people(threesixty.GroupPeer, "peer", 3),
		threesixty.Rater{Name: "Future Coach", Email: "future@example.com", Group: threesixty.GroupPeer},
		threesixty.Rater{Name: "Outsider", Email: "mallory@evil.example", Group: threesixty.GroupPeer})...)
	domains := []string{"example.com"}
	_, err := f.store.UpdateSettings(f.ctx, f.coach, e, threesixty.SettingsChange{RaterDomains: &domains})
	if threesixty.ErrorCode(err) != threesixty.EINVALID || !strings.Contains(fmt.Sprint(err.(*threesixty.Error).Fields), "mallory@evil.example") {
		t.Fatalf("domains that a rater is outside of: %v", err)
	}
	if _, _, err := f.store.CreateAccount(f.ctx, "Future+coach@example.com", "Future Coach", threesixty.RoleCoach); err != nil {
		t.Fatal(err)
	}
	_, _, err = f.store.OpenRound(f.ctx, f.coach, e, threesixty.RoundPlan{Kind: threesixty.RoundKindBaseline,
		ClosesAt: time.Now().Add(48 * time.Hour), InstrumentVersion: f.in.Version, Reminders: threesixty.DefaultReminders})
	if threesixty.ErrorCode(err) != threesixty.EINVALID || !strings.Contains(fmt.Sprint(err.(*threesixty.Error).Fields), "future@example.com") {
		t.Fatalf("opening a round with a rater who now has an account: %v", err)
	}
	var rounds int
	f.Get(&rounds, "SELECT count(*) FROM rounds")
	if rounds != 0 {
		t.Fatalf("%d rounds exist after the refused open", rounds)
	}
	raters, err := f.store.Raters(f.ctx, f.coach, e)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range raters {
		if r.Email == "future@example.com" {
			if err := f.store.RemoveRater(f.ctx, f.coach, e, r.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	f.open(e, threesixty.RoundKindBaseline)
	for _, r := range raters {
		if r.Email == "mallory@evil.example" {
			if err := f.store.RemoveRater(f.ctx, f.coach, e, r.ID); threesixty.ErrorCode(err) != threesixty.ECONFLICT {
				t.Errorf("taking off a rater invited to a round: %v", err)
			}
		}
	}
	trail, err := f.store.AuditTrail(f.ctx, f.coach, e)
	if err != nil {
		t.Fatal(err)
	}
	removed := 0
	for _, entry := range trail {
		if entry.Action == threesixty.AuditRaterRemoved && entry.Detail["email"] == "future@example.com" && entry.By != nil {
			removed++
		}
	}
	if removed != 1 {
		t.Errorf("the removal is in the audit trail %d times", removed)
	}
}

// TestClosesSubmissionsAndOpensDoNotWaitOnEachOther: rounds of different engagements close, open
// and take answers at the same moment; none waits on another's tables, so none deadlocks.
// Before, closing dropped partitions of tables every submission used, and deadlocked with them.
func TestClosesSubmissionsAndOpensDoNotWaitOnEachOther(t *testing.T) {
	f := newFixture(t)
	const n = 6
	var closing []string
	var answering [][]threesixty.Invitation
	var opening []string
	for i := 0; i < n; i++ {
		e := f.engagement(threesixty.Anonymity{Threshold: 3}, people(threesixty.GroupPeer, "peer", 4)...)
		r, issued := f.open(e, threesixty.RoundKindBaseline)
		for _, inv := range issued {
			f.submit(inv, f.answers(3, "closing"))
		}
		closing = append(closing, r.ID)
		_, issued = f.open(f.engagement(threesixty.Anonymity{Threshold: 3}, people(threesixty.GroupPeer, "peer", 4)...), threesixty.RoundKindBaseline)
		answering = append(answering, issued)
		opening = append(opening, f.engagement(threesixty.Anonymity{Threshold: 3}, people(threesixty.GroupPeer, "peer", 4)...))
	}
	var wg sync.WaitGroup
	errs := make(chan error, 3*n*5)
	for i := 0; i < n; i++ {
		wg.Go(func() {
			if _, err := f.store.CloseRound(f.ctx, f.coach, closing[i]); err != nil {
				errs <- fmt.Errorf("close: %w", err)
			}
		})
		wg.Go(func() {
			for _, inv := range answering[i] {
				if ok, err := f.store.SaveDraft(f.ctx, inv.ID, f.answers(2, "")); err != nil || !ok {
					errs <- fmt.Errorf("draft: %v %w", ok, err)
				}
				if ok, err := f.store.SubmitResponse(f.ctx, inv.ID, f.answers(4, "answering")); err != nil || !ok {
					errs <- fmt.Errorf("submit: %v %w", ok, err)
				}
			}
		})
		wg.Go(func() {
			_, _, err := f.store.OpenRound(f.ctx, f.coach, opening[i], threesixty.RoundPlan{Kind: threesixty.RoundKindBaseline,
				ClosesAt: time.Now().Add(48 * time.Hour), InstrumentVersion: f.in.Version, Reminders: threesixty.DefaultReminders})
			if err != nil {
				errs <- fmt.Errorf("open: %w", err)
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
