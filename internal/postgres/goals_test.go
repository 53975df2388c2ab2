package postgres_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"threesixty/internal/threesixty"
)

// goal is a goal on the first competency of the shipped instrument.
func (f *fixture) goal(title string) *threesixty.Goal {
	return &threesixty.Goal{Title: title, Competencies: []string{f.in.Competencies[0].ID},
		KeyResults: []threesixty.KeyResult{{Text: "Team decides its own priorities", Measure: "decisions escalated a month", Target: "at most 1"}}}
}

// TestAnotherCoachsGoalIsNotFoundLikeAMissingOne: every goal method, asked by a coach who does
// not run the engagement, answers exactly as for a goal that does not exist, or an id that
// cannot be one, and changes nothing.
func TestAnotherCoachsGoalIsNotFoundLikeAMissingOne(t *testing.T) {
	f := newFixture(t)
	engagement := f.engagement(threesixty.Anonymity{Threshold: 3})
	g, _, err := f.store.CreateGoal(f.ctx, f.coach, engagement, f.goal("Delegate"))
	if err != nil {
		t.Fatal(err)
	}
	account, _, err := f.store.CreateAccount(f.ctx, "other@coaching.example.net", "Other Coach", threesixty.RoleCoach)
	if err != nil {
		t.Fatal(err)
	}
	other := threesixty.AccountActor(account)
	title := "Taken over"
	checkIn := threesixty.CheckIn{Status: threesixty.CheckInOnTrack, Note: "not theirs"}
	for _, c := range []struct {
		who                  threesixty.Actor
		engagementID, goalID string
	}{
		{other, engagement, g.ID},
		{f.coach, "7b0e7f5e-3f0e-4c8e-9a53-2f1f5f7f0000", "7b0e7f5e-3f0e-4c8e-9a53-2f1f5f7f0000"},
		{f.coach, "not-a-uuid", "not-a-uuid"},
		{f.coach, "", ""},
	} {
		name := fmt.Sprintf("engagement %q goal %q", c.engagementID, c.goalID)
		calls := map[string]error{}
		_, _, calls["CreateGoal"] = f.store.CreateGoal(f.ctx, c.who, c.engagementID, f.goal("Mine now"))
		_, calls["Goals"] = f.store.Goals(f.ctx, c.who, c.engagementID)
		_, calls["Goal"] = f.store.Goal(f.ctx, c.who, c.goalID)
		_, calls["UpdateGoal"] = f.store.UpdateGoal(f.ctx, c.who, c.goalID, threesixty.GoalChange{Title: &title})
		_, calls["AddCheckIn"] = f.store.AddCheckIn(f.ctx, c.who, c.goalID, checkIn)
		calls["DeleteGoal"] = f.store.DeleteGoal(f.ctx, c.who, c.goalID)
		for method, err := range calls {
			if threesixty.ErrorCode(err) != threesixty.ENOTFOUND {
				t.Errorf("%s: %s answered %v, want not found", name, method, err)
			}
		}
	}
	var goals, checkIns int
	var stored string
	f.Get(&goals, "SELECT count(*) FROM goals")
	f.Get(&checkIns, "SELECT count(*) FROM check_ins")
	f.Get(&stored, "SELECT title FROM goals")
	if goals != 1 || checkIns != 0 || stored != "Delegate" {
		t.Errorf("after refused calls: %d goals, %d check-ins, title %q", goals, checkIns, stored)
	}
}

// TestTheLeaderSeesGoalsButCannotChangeThem: a leader's link opens their engagement, goals
// included, but only the coach sets goals.
func TestTheLeaderSeesGoalsButCannotChangeThem(t *testing.T) {
	f := newFixture(t)
	engagement := f.engagement(threesixty.Anonymity{Threshold: 3})
	g, _, err := f.store.CreateGoal(f.ctx, f.coach, engagement, f.goal("Delegate"))
	if err != nil {
		t.Fatal(err)
	}
	leader := threesixty.LeaderActor(engagement)
	if _, err := f.store.Goal(f.ctx, leader, g.ID); err != nil {
		t.Errorf("the leader cannot see their goal: %v", err)
	}
	_, _, err = f.store.CreateGoal(f.ctx, leader, engagement, f.goal("Mine"))
	if threesixty.ErrorCode(err) != threesixty.EFORBIDDEN {
		t.Errorf("the leader created a goal: %v", err)
	}
	if err := f.store.DeleteGoal(f.ctx, leader, g.ID); threesixty.ErrorCode(err) != threesixty.EFORBIDDEN {
		t.Errorf("the leader deleted a goal: %v", err)
	}
}

// TestExactlyFiveGoalsUnderConcurrentCreates: ten creates at once on an engagement with none;
// the engagement's lock lets each count in turn, so five are stored and five refused.
func TestExactlyFiveGoalsUnderConcurrentCreates(t *testing.T) {
	f := newFixture(t)
	engagement := f.engagement(threesixty.Anonymity{Threshold: 3})
	var wg sync.WaitGroup
	errs := make([]error, 10)
	for i := range errs {
		wg.Go(func() {
			_, _, errs[i] = f.store.CreateGoal(f.ctx, f.coach, engagement, f.goal(fmt.Sprintf("Goal %d", i)))
		})
	}
	wg.Wait()
	created, refused := 0, 0
	for _, err := range errs {
		switch {
		case err == nil:
			created++
		case threesixty.ErrorCode(err) == threesixty.ECONFLICT && strings.Contains(err.Error(), "5 goals"):
			refused++
		default:
			t.Errorf("unexpected: %v", err)
		}
	}
	var stored int
	f.Get(&stored, "SELECT count(*) FROM goals WHERE engagement_id = $1", engagement)
	if created != threesixty.MaxGoals || refused != 5 || stored != threesixty.MaxGoals {
		t.Errorf("%d created, %d refused, %d stored; want 5, 5, 5", created, refused, stored)
	}
}

// TestGoalCompetenciesAreThoseOfTheRoundsInstrument: once a round has opened, goals are checked
// against the instrument version it pinned, even when the service ships another by then.
func TestGoalCompetenciesAreThoseOfTheRoundsInstrument(t *testing.T) {
	f := newFixture(t)
	engagement := f.engagement(threesixty.Anonymity{Threshold: 3}, people(threesixty.GroupPeer, "peer", 3)...)
	f.open(engagement, threesixty.RoundKindBaseline)
	newer := strings.Replace(string(f.in.Source), "id: "+f.in.Competencies[0].ID, "id: renamed-competency", 1)
	if newer == string(f.in.Source) {
		t.Fatal("the instrument source does not name its first competency as expected")
	}
	f.Exec(`INSERT INTO instrument_versions (version, instrument, title, source, created_at)
		VALUES ('newer', $1, 'Newer', $2, now() + interval '1 day')`, f.in.ID, []byte(newer))
	if _, _, err := f.store.CreateGoal(f.ctx, f.coach, engagement, f.goal("Delegate")); err != nil {
		t.Errorf("a competency of the round's version was refused: %v", err)
	}
	g := f.goal("Renamed")
	g.Competencies = []string{"renamed-competency"}
	_, _, err := f.store.CreateGoal(f.ctx, f.coach, engagement, g)
	if threesixty.ErrorCode(err) != threesixty.EINVALID || !strings.Contains(err.(*threesixty.Error).Fields[0].Message, `"renamed-competency"`) {
		t.Errorf("a competency only a later version has: %v", err)
	}
}

// TestTheSchemaRefusesWhatTheDomainRefuses: the CHECKs hold the rules for any writer that goes
// around the store.
func TestTheSchemaRefusesWhatTheDomainRefuses(t *testing.T) {
	f := newFixture(t)
	engagement := f.engagement(threesixty.Anonymity{Threshold: 3})
	g, _, err := f.store.CreateGoal(f.ctx, f.coach, engagement, f.goal("Delegate"))
	if err != nil {
		t.Fatal(err)
	}
	for _, stmt := range []string{
		`INSERT INTO goals (engagement_id, title, competencies) VALUES ('` + engagement + `', '  ', '{communication}')`,
		`INSERT INTO goals (engagement_id, title, competencies) VALUES ('` + engagement + `', 'T', '{}')`,
		`INSERT INTO goals (engagement_id, title, competencies, key_results) VALUES ('` + engagement + `', 'T', '{communication}', '{}')`,
		`INSERT INTO check_ins (goal_id, status) VALUES ('` + g.ID + `', 'fine')`,
	} {
		if _, err := f.DB.Exec(stmt); err == nil {
			t.Errorf("the schema accepted %s", stmt)
		}
	}
}
