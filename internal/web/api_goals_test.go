package web

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"threesixty/internal/threesixty"
)

// goalJSON is a goal as the API answers it, with the warnings a create may add.
type goalJSON struct {
	threesixty.Goal
	Warnings []string `json:"warnings"`
}

// goalBody is a good goal on the shipped instrument's first competency.
func (env *testEnv) goalBody(title string) map[string]any {
	return map[string]any{
		"title":        title,
		"description":  "Hand decisions to the team instead of taking them all.",
		"competencies": []string{env.srv.Instruments["leadership-360"].Competencies[0].ID},
		"key_results":  []map[string]string{{"text": "The team sets its own quarterly priorities", "measure": "priorities set without me", "target": "3 of 3"}},
	}
}

// createGoal creates a goal through the API and returns it as answered.
func (env *testEnv) createGoal(engagementID, title string) goalJSON {
	env.t.Helper()
	rec := env.api("POST", "/api/v1/engagements/"+engagementID+"/goals", env.goalBody(title))
	expectStatus(env.t, rec, http.StatusCreated)
	return decode[goalJSON](env.t, rec)
}

func TestGoalRoundTrip(t *testing.T) {
	env := newEnv(t)
	id := env.engagement(3, false)
	competencies := env.srv.Instruments["leadership-360"].Competencies
	rec := env.api("POST", "/api/v1/engagements/"+id+"/goals", env.goalBody("  Delegate\ndecisions "))
	expectStatus(t, rec, http.StatusCreated)
	raw := decode[map[string]any](t, rec)
	for _, field := range []string{"id", "engagement_id", "title", "description", "competencies", "key_results", "check_ins", "created_at", "updated_at"} {
		if _, ok := raw[field]; !ok {
			t.Errorf("the created goal has no %q: %s", field, rec.Body.String())
		}
	}
	if _, ok := raw["warnings"]; ok {
		t.Errorf("the first goal carries warnings: %s", rec.Body.String())
	}
	created := decode[goalJSON](t, rec)
	if created.Title != "Delegate decisions" || created.EngagementID != id || len(created.KeyResults) != 1 ||
		created.KeyResults[0].Target != "3 of 3" || len(created.CheckIns) != 0 {
		t.Errorf("created %+v", created.Goal)
	}

	rec = env.api("GET", "/api/v1/goals/"+created.ID, nil)
	expectStatus(t, rec, http.StatusOK)
	if got := decode[threesixty.Goal](t, rec); got.Title != created.Title || !got.CreatedAt.Equal(created.CreatedAt) {
		t.Errorf("read back %+v", got)
	}

	second := []string{competencies[1].ID, competencies[2].ID}
	rec = env.api("PATCH", "/api/v1/goals/"+created.ID, map[string]any{"competencies": second, "key_results": []any{}})
	expectStatus(t, rec, http.StatusOK)
	patched := decode[threesixty.Goal](t, rec)
	if patched.Title != "Delegate decisions" || patched.Description != created.Description ||
		strings.Join(patched.Competencies, ",") != strings.Join(second, ",") || len(patched.KeyResults) != 0 ||
		!patched.UpdatedAt.After(created.UpdatedAt) {
		t.Errorf("patched %+v", patched)
	}
	expectStatus(t, env.api("PATCH", "/api/v1/goals/"+created.ID, map[string]any{}), http.StatusUnprocessableEntity)
	rec = env.api("PATCH", "/api/v1/goals/"+created.ID, map[string]any{"title": ""})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	if got := decode[apiError](t, rec); len(got.Errors) != 1 || got.Errors[0].Field != "title" {
		t.Errorf("an emptied title: %+v", got)
	}

	other := env.createGoal(id, "Listen first")
	rec = env.api("GET", "/api/v1/engagements/"+id+"/goals", nil)
	expectStatus(t, rec, http.StatusOK)
	list := decode[map[string][]threesixty.Goal](t, rec)["goals"]
	if len(list) != 2 || list[0].ID != created.ID || list[1].ID != other.ID || list[0].CheckIns == nil {
		t.Fatalf("listed %+v", list)
	}

	expectStatus(t, env.api("DELETE", "/api/v1/goals/"+created.ID, nil), http.StatusNoContent)
	expectStatus(t, env.api("GET", "/api/v1/goals/"+created.ID, nil), http.StatusNotFound)
	expectStatus(t, env.api("DELETE", "/api/v1/goals/"+created.ID, nil), http.StatusNotFound)
	rec = env.api("GET", "/api/v1/engagements/"+id+"/goals", nil)
	if list := decode[map[string][]threesixty.Goal](t, rec)["goals"]; len(list) != 1 || list[0].ID != other.ID {
		t.Errorf("after the delete: %+v", list)
	}
}

func TestCheckInsAreListedWithTheirGoalOldestFirst(t *testing.T) {
	env := newEnv(t)
	id := env.engagement(3, false)
	g := env.createGoal(id, "Delegate")
	var want []string
	for i, status := range []string{"on_track", "at_risk", "off_track", "done"} {
		note := fmt.Sprintf("Session %d", i+1)
		rec := env.api("POST", "/api/v1/goals/"+g.ID+"/checkins", map[string]string{"note": note, "status": status})
		expectStatus(t, rec, http.StatusCreated)
		c := decode[threesixty.CheckIn](t, rec)
		if c.ID == "" || c.Note != note || string(c.Status) != status || c.At.IsZero() {
			t.Errorf("check-in answered as %+v", c)
		}
		want = append(want, c.ID)
	}
	check := func(got []threesixty.CheckIn) {
		t.Helper()
		var ids []string
		for _, c := range got {
			ids = append(ids, c.ID)
		}
		if strings.Join(ids, ",") != strings.Join(want, ",") {
			t.Errorf("check-ins %v, want %v", ids, want)
		}
	}
	rec := env.api("GET", "/api/v1/goals/"+g.ID, nil)
	expectStatus(t, rec, http.StatusOK)
	check(decode[threesixty.Goal](t, rec).CheckIns)
	rec = env.api("GET", "/api/v1/engagements/"+id+"/goals", nil)
	check(decode[map[string][]threesixty.Goal](t, rec)["goals"][0].CheckIns)
}

// TestAnotherCoachGetsNotFoundOnEveryGoalRoute: a goal of another coach's engagement is
// answered exactly like one that does not exist, and so is an id that cannot be one.
func TestAnotherCoachGetsNotFoundOnEveryGoalRoute(t *testing.T) {
	env := newEnv(t)
	id := env.engagement(3, false)
	g := env.createGoal(id, "Delegate")
	_, otherToken := env.account("other@coaching.example.net", "Other Coach", threesixty.RoleCoach)
	checkIn := `{"note":"not mine","status":"on_track"}`
	routes := func(engagementID, goalID string) [][3]string {
		return [][3]string{
			{"POST", "/api/v1/engagements/" + engagementID + "/goals", `{"title":"Mine now","competencies":["` + g.Competencies[0] + `"]}`},
			{"GET", "/api/v1/engagements/" + engagementID + "/goals", ""},
			{"GET", "/api/v1/goals/" + goalID, ""},
			{"PATCH", "/api/v1/goals/" + goalID, `{"title":"Mine now"}`},
			{"POST", "/api/v1/goals/" + goalID + "/checkins", checkIn},
			{"DELETE", "/api/v1/goals/" + goalID, ""},
		}
	}
	var cases [][4]string // method, path, body, token
	for _, r := range routes(id, g.ID) {
		cases = append(cases, [4]string{r[0], r[1], r[2], otherToken})
	}
	for _, bad := range []string{"not-a-uuid", "%00", "7b0e7f5e-3f0e-4c8e-9a53-2f1f5f7f0000"} {
		for _, r := range routes(bad, bad) {
			cases = append(cases, [4]string{r[0], r[1], r[2], env.token})
		}
	}
	for _, c := range cases {
		ct := ""
		if c[2] != "" {
			ct = "application/json"
		}
		rec := env.do(c[0], c[1], ct, c[2], "Authorization", "Bearer "+c[3])
		if rec.Code != http.StatusNotFound || decode[apiError](t, rec).Code != threesixty.ENOTFOUND {
			t.Errorf("%s %s: %d %s, want 404", c[0], c[1], rec.Code, rec.Body.String())
		}
	}
	rec := env.api("GET", "/api/v1/goals/"+g.ID, nil)
	expectStatus(t, rec, http.StatusOK)
	if got := decode[threesixty.Goal](t, rec); got.Title != "Delegate" || len(got.CheckIns) != 0 {
		t.Errorf("another coach changed the goal: %+v", got)
	}
	var goals int
	env.Get(&goals, "SELECT count(*) FROM goals")
	if goals != 1 {
		t.Errorf("%d goals stored, want the one", goals)
	}
}

func TestUnknownCompetencyIsRefusedByName(t *testing.T) {
	env := newEnv(t)
	id := env.engagement(3, false)
	body := env.goalBody("Delegate")
	body["competencies"] = []string{"communication", "telepathy"}
	rec := env.api("POST", "/api/v1/engagements/"+id+"/goals", body)
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	got := decode[apiError](t, rec)
	if len(got.Errors) != 1 || got.Errors[0].Field != "competencies[1]" || !strings.Contains(got.Errors[0].Message, `"telepathy"`) ||
		!strings.Contains(got.Errors[0].Message, "communication") {
		t.Errorf("errors %+v, want competencies[1] naming telepathy and the choices", got.Errors)
	}
	g := env.createGoal(id, "Listen")
	rec = env.api("PATCH", "/api/v1/goals/"+g.ID, map[string]any{"competencies": []string{"telepathy"}})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	if got := decode[apiError](t, rec); len(got.Errors) != 1 || !strings.Contains(got.Errors[0].Message, `"telepathy"`) {
		t.Errorf("a patch to an unknown competency: %+v", got)
	}
}

// TestTheSixthGoalIsRefusedAndTheFourthAndFifthWarn: practice recommends 2-3 goals; the fourth
// and fifth are kept with a warning, a sixth is refused.
func TestTheSixthGoalIsRefusedAndTheFourthAndFifthWarn(t *testing.T) {
	env := newEnv(t)
	id := env.engagement(3, false)
	for n := 1; n <= threesixty.MaxGoals; n++ {
		g := env.createGoal(id, fmt.Sprintf("Goal %d", n))
		warned := len(g.Warnings) == 1 && strings.Contains(g.Warnings[0], fmt.Sprintf("%d goals", n)) && strings.Contains(g.Warnings[0], "recommends")
		if warned != (n > threesixty.SuggestedGoals) {
			t.Errorf("goal %d: warnings %q", n, g.Warnings)
		}
	}
	rec := env.api("POST", "/api/v1/engagements/"+id+"/goals", env.goalBody("Goal 6"))
	expectStatus(t, rec, http.StatusConflict)
	if got := decode[apiError](t, rec); got.Code != threesixty.ECONFLICT || !strings.Contains(got.Message, "5 goals") {
		t.Errorf("the sixth goal: %+v", got)
	}
}

func TestTenConcurrentGoalCreatesLeaveExactlyFive(t *testing.T) {
	env := newEnv(t)
	id := env.engagement(3, false)
	codes := make([]int, 10)
	var wg sync.WaitGroup
	for i := range codes {
		wg.Go(func() {
			codes[i] = env.api("POST", "/api/v1/engagements/"+id+"/goals", env.goalBody(fmt.Sprintf("Goal %d", i))).Code
		})
	}
	wg.Wait()
	count := map[int]int{}
	for _, c := range codes {
		count[c]++
	}
	var stored int
	env.Get(&stored, "SELECT count(*) FROM goals WHERE engagement_id = $1", id)
	if count[http.StatusCreated] != 5 || count[http.StatusConflict] != 5 || stored != 5 {
		t.Errorf("answers %v, %d goals stored; want five 201, five 409, 5 stored", count, stored)
	}
}

// TestBadGoalInputGetsAClearErrorAndChangesNothing sends what a careless or hostile client
// might, to every goal route that takes a body, and wants a 4xx with a message, never
// PostgreSQL's words, and the goal as it was.
func TestBadGoalInputGetsAClearErrorAndChangesNothing(t *testing.T) {
	env := newEnv(t)
	id := env.engagement(3, false)
	g := env.createGoal(id, "Delegate")
	create, goal, checkins := "/api/v1/engagements/"+id+"/goals", "/api/v1/goals/"+g.ID, "/api/v1/goals/"+g.ID+"/checkins"
	long := func(n int) string { return strings.Repeat("x", n) }
	competency := `"competencies":["` + g.Competencies[0] + `"]`
	cases := []struct {
		name, method, path, body string
		status                   int
		field                    string
	}{
		{"NUL in a title", "POST", create, `{"title":"Dele\u0000gate",` + competency + `}`, 422, "title"},
		{"NUL in a key result", "PATCH", goal, `{"key_results":[{"text":"a\u0000"}]}`, 422, "key_results[0].text"},
		{"NUL in a note", "POST", checkins, `{"note":"a\u0000b","status":"on_track"}`, 422, "note"},
		{"broken UTF-8 in a title", "POST", create, "{\"title\":\"Dele\xffgate\"," + competency + "}", 400, ""},
		{"broken UTF-8 in a description", "PATCH", goal, "{\"description\":\"\xc3\"}", 400, ""},
		{"broken UTF-8 in a note", "POST", checkins, "{\"note\":\"\xed\xa0\x80\",\"status\":\"done\"}", 400, ""},
		{"an overlong title", "POST", create, `{"title":"` + long(201) + `",` + competency + `}`, 422, "title"},
		{"an overlong description", "PATCH", goal, `{"description":"` + long(2001) + `"}`, 422, "description"},
		{"an overlong key result", "PATCH", goal, `{"key_results":[{"text":"` + long(501) + `"}]}`, 422, "key_results[0].text"},
		{"six key results", "PATCH", goal, `{"key_results":[{"text":"a"},{"text":"b"},{"text":"c"},{"text":"d"},{"text":"e"},{"text":"f"}]}`, 422, "key_results"},
		{"an overlong note", "POST", checkins, `{"note":"` + long(4001) + `","status":"done"}`, 422, "note"},
		{"no title", "POST", create, `{` + competency + `}`, 422, "title"},
		{"no competency", "POST", create, `{"title":"T"}`, 422, "competencies"},
		{"a competency twice", "PATCH", goal, `{"competencies":["` + g.Competencies[0] + `","` + g.Competencies[0] + `"]}`, 422, "competencies[1]"},
		{"an unknown field", "POST", create, `{"title":"T",` + competency + `,"owner":"me"}`, 422, "owner"},
		{"an unknown field in a key result", "PATCH", goal, `{"key_results":[{"text":"a","weight":2}]}`, 422, "weight"},
		{"an unknown field in a check-in", "POST", checkins, `{"status":"done","mood":"good"}`, 422, "mood"},
		{"broken JSON", "POST", create, `{"title":`, 400, ""},
		{"broken JSON in a patch", "PATCH", goal, `{"title" "x"}`, 400, ""},
		{"a list for a title", "PATCH", goal, `{"title":["x"]}`, 422, "title"},
		{"a wrong status", "POST", checkins, `{"note":"fine","status":"great"}`, 422, "status"},
		{"no status", "POST", checkins, `{"note":"fine"}`, 422, "status"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := env.do(c.method, c.path, "application/json", c.body, "Authorization", "Bearer "+env.token)
			expectStatus(t, rec, c.status)
			got := decode[apiError](t, rec)
			if got.Message == "" || strings.Contains(rec.Body.String(), "pq:") {
				t.Errorf("body %s", rec.Body.String())
			}
			if c.field != "" && (len(got.Errors) == 0 || got.Errors[0].Field != c.field) {
				t.Errorf("errors %+v, want field %s", got.Errors, c.field)
			}
			if c.field == "status" && !strings.Contains(got.Errors[0].Message, "on_track, at_risk, off_track or done") {
				t.Errorf("status message %q does not name the statuses", got.Errors[0].Message)
			}
		})
	}
	rec := env.api("GET", "/api/v1/engagements/"+id+"/goals", nil)
	list := decode[map[string][]threesixty.Goal](t, rec)["goals"]
	if len(list) != 1 || list[0].Title != g.Title || list[0].Description != g.Description ||
		len(list[0].KeyResults) != 1 || list[0].KeyResults[0] != g.KeyResults[0] ||
		len(list[0].CheckIns) != 0 || !list[0].UpdatedAt.Equal(g.UpdatedAt) {
		t.Errorf("after refused requests the goals are %+v, want only %+v", list, g.Goal)
	}
}

func TestDeletingAGoalDeletesItsCheckIns(t *testing.T) {
	env := newEnv(t)
	id := env.engagement(3, false)
	doomed, kept := env.createGoal(id, "Delegate"), env.createGoal(id, "Listen")
	for _, g := range []goalJSON{doomed, doomed, kept} {
		expectStatus(t, env.api("POST", "/api/v1/goals/"+g.ID+"/checkins", map[string]string{"status": "on_track"}), http.StatusCreated)
	}
	expectStatus(t, env.api("DELETE", "/api/v1/goals/"+doomed.ID, nil), http.StatusNoContent)
	var left []string
	env.Select(&left, "SELECT CAST(goal_id AS text) FROM check_ins")
	if len(left) != 1 || left[0] != kept.ID {
		t.Errorf("check-ins left for goals %v, want only the kept goal's", left)
	}
	expectStatus(t, env.api("POST", "/api/v1/goals/"+doomed.ID+"/checkins", map[string]string{"status": "done"}), http.StatusNotFound)
}
