package web

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"threesixty/internal/threesixty"
)

// coachingSessionJSON is a coaching session as the API answers it.
type coachingSessionJSON struct {
	ID           string    `json:"id"`
	EngagementID string    `json:"engagement_id"`
	HeldOn       string    `json:"held_on"`
	Minutes      int       `json:"minutes"`
	Notes        string    `json:"notes"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// daysAgo is the day n days before today in UTC, the engagements' zone in these tests, as the
// API writes it.
func daysAgo(n int) string {
	return threesixty.DateOf(time.Now(), time.UTC).AddDate(0, 0, -n).String()
}

// createCoachingSession records a coaching session through the API and returns it as answered.
func (env *testEnv) createCoachingSession(engagementID, heldOn string, minutes int, notes string) coachingSessionJSON {
	env.t.Helper()
	rec := env.api("POST", "/api/v1/engagements/"+engagementID+"/sessions", map[string]any{"held_on": heldOn, "minutes": minutes, "notes": notes})
	expectStatus(env.t, rec, http.StatusCreated)
	return decode[coachingSessionJSON](env.t, rec)
}

// listCoachingSessions is the engagement's sessions as the API lists them.
func (env *testEnv) listCoachingSessions(engagementID string) []coachingSessionJSON {
	env.t.Helper()
	rec := env.api("GET", "/api/v1/engagements/"+engagementID+"/sessions", nil)
	expectStatus(env.t, rec, http.StatusOK)
	return decode[map[string][]coachingSessionJSON](env.t, rec)["sessions"]
}

func TestCoachingSessionRoundTrip(t *testing.T) {
	env := newEnv(t)
	id := env.engagement(3, false)
	rec := env.api("POST", "/api/v1/engagements/"+id+"/sessions", map[string]any{"held_on": daysAgo(7), "minutes": 60, "notes": "  Talked about\u200b delegation.\n"})
	expectStatus(t, rec, http.StatusCreated)
	raw := decode[map[string]any](t, rec)
	for _, field := range []string{"id", "engagement_id", "held_on", "minutes", "notes", "created_at", "updated_at"} {
		if _, ok := raw[field]; !ok {
			t.Errorf("the created session has no %q: %s", field, rec.Body.String())
		}
	}
	created := decode[coachingSessionJSON](t, rec)
	if created.HeldOn != daysAgo(7) || created.Minutes != 60 || created.Notes != "Talked about delegation." || created.EngagementID != id {
		t.Errorf("created %+v", created)
	}

	rec = env.api("GET", "/api/v1/sessions/"+created.ID, nil)
	expectStatus(t, rec, http.StatusOK)
	if got := decode[coachingSessionJSON](t, rec); got != created {
		t.Errorf("read back %+v, want %+v", got, created)
	}

	rec = env.api("PATCH", "/api/v1/sessions/"+created.ID, map[string]any{"minutes": 90})
	expectStatus(t, rec, http.StatusOK)
	patched := decode[coachingSessionJSON](t, rec)
	if patched.Minutes != 90 || patched.HeldOn != created.HeldOn || patched.Notes != created.Notes || !patched.UpdatedAt.After(created.UpdatedAt) {
		t.Errorf("patched %+v", patched)
	}
	rec = env.api("PATCH", "/api/v1/sessions/"+created.ID, map[string]any{})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	rec = env.api("PATCH", "/api/v1/sessions/"+created.ID, map[string]any{"notes": ""})
	expectStatus(t, rec, http.StatusOK)
	if got := decode[coachingSessionJSON](t, rec); got.Notes != "" || got.Minutes != 90 {
		t.Errorf("notes cleared: %+v", got)
	}

	// Listed by the day held, those of one day in the order they were recorded.
	later := env.createCoachingSession(id, daysAgo(1), 45, "")
	sameDayFirst := env.createCoachingSession(id, daysAgo(7), 30, "")
	var ids []string
	for _, s := range env.listCoachingSessions(id) {
		ids = append(ids, s.ID)
	}
	if got, want := strings.Join(ids, ","), strings.Join([]string{created.ID, sameDayFirst.ID, later.ID}, ","); got != want {
		t.Errorf("listed %s, want %s", got, want)
	}

	expectStatus(t, env.api("DELETE", "/api/v1/sessions/"+created.ID, nil), http.StatusNoContent)
	expectStatus(t, env.api("GET", "/api/v1/sessions/"+created.ID, nil), http.StatusNotFound)
	expectStatus(t, env.api("DELETE", "/api/v1/sessions/"+created.ID, nil), http.StatusNotFound)
	expectStatus(t, env.api("PATCH", "/api/v1/sessions/"+created.ID, map[string]any{"minutes": 30}), http.StatusNotFound)
	if list := env.listCoachingSessions(id); len(list) != 2 {
		t.Errorf("after the delete: %+v", list)
	}

	// The audit trail tells each change with the day and minutes.
	rec = env.api("GET", "/api/v1/engagements/"+id+"/audit-trail", nil)
	expectStatus(t, rec, http.StatusOK)
	var actions []string
	for _, entry := range decode[map[string][]threesixty.AuditEntry](t, rec)["audit_trail"] {
		if strings.HasPrefix(string(entry.Action), "coaching_session") {
			actions = append(actions, string(entry.Action)+" "+entry.Detail["held_on"].(string))
			if entry.Detail["coaching_session"] == nil || entry.Detail["minutes"] == nil || entry.By == nil {
				t.Errorf("audit entry %+v", entry)
			}
		}
	}
	want := []string{
		"coaching_session_added " + daysAgo(7), "coaching_session_changed " + daysAgo(7), "coaching_session_changed " + daysAgo(7),
		"coaching_session_added " + daysAgo(1), "coaching_session_added " + daysAgo(7), "coaching_session_deleted " + daysAgo(7),
	}
	if strings.Join(actions, "; ") != strings.Join(want, "; ") {
		t.Errorf("audit trail:\n got  %v\n want %v", actions, want)
	}
}

// TestCoachingSessionFieldsAreRefusedByName: every field sent wrong, on a create and on a change,
// is refused with 422 naming it, and nothing is stored.
func TestCoachingSessionFieldsAreRefusedByName(t *testing.T) {
	env := newEnv(t)
	// Kiritimati is fourteen hours ahead of UTC: the day after today there is allowed, the day
	// after that is not, whatever the server's own day.
	rec := env.api("POST", "/api/v1/engagements", map[string]any{
		"leader": map[string]string{"name": "Alex Morgan", "email": "alex@example.com"}, "instrument": "leadership-360",
		"time_zone": "Pacific/Kiritimati", "starts_on": daysAgo(30),
	})
	expectStatus(t, rec, http.StatusCreated)
	id := decode[threesixty.Engagement](t, rec).ID
	kiritimati, err := time.LoadLocation("Pacific/Kiritimati")
	if err != nil {
		t.Fatal(err)
	}
	tomorrow := threesixty.DateOf(time.Now(), kiritimati).AddDate(0, 0, 1)
	good := env.createCoachingSession(id, tomorrow.String(), 60, "")

	for _, c := range []struct {
		name, body, field string
	}{
		{"no day", `{"minutes":60}`, "held_on"},
		{"a day the month lacks", `{"held_on":"2027-02-30","minutes":60}`, "held_on"},
		{"a day written otherwise", `{"held_on":"01/03/2027","minutes":60}`, "held_on"},
		{"a time with the day", `{"held_on":"2027-03-01T10:00:00Z","minutes":60}`, "held_on"},
		{"a day as a number", `{"held_on":20270301,"minutes":60}`, "held_on"},
		{"two days ahead", `{"held_on":"` + tomorrow.AddDate(0, 0, 1).String() + `","minutes":60}`, "held_on"},
		{"before the start", `{"held_on":"` + daysAgo(31) + `","minutes":60}`, "held_on"},
		{"no minutes", `{"held_on":"` + daysAgo(1) + `"}`, "minutes"},
		{"no time at all", `{"held_on":"` + daysAgo(1) + `","minutes":0}`, "minutes"},
		{"negative minutes", `{"held_on":"` + daysAgo(1) + `","minutes":-30}`, "minutes"},
		{"longer than a day's work", `{"held_on":"` + daysAgo(1) + `","minutes":481}`, "minutes"},
		{"minutes as text", `{"held_on":"` + daysAgo(1) + `","minutes":"60"}`, "minutes"},
		{"part of a minute", `{"held_on":"` + daysAgo(1) + `","minutes":1.5}`, "minutes"},
		{"notes too long", `{"held_on":"` + daysAgo(1) + `","minutes":60,"notes":"` + strings.Repeat("n", threesixty.MaxCommentRunes+1) + `"}`, "notes"},
		{"notes with a NUL", `{"held_on":"` + daysAgo(1) + `","minutes":60,"notes":"a\u0000b"}`, "notes"},
		{"notes as a list", `{"held_on":"` + daysAgo(1) + `","minutes":60,"notes":["a"]}`, "notes"},
		{"a field it does not have", `{"held_on":"` + daysAgo(1) + `","minutes":60,"topic":"delegation"}`, "topic"},
	} {
		for _, req := range [][2]string{{"POST", "/api/v1/engagements/" + id + "/sessions"}, {"PATCH", "/api/v1/sessions/" + good.ID}} {
			body := c.body
			if req[0] == "PATCH" && (c.name == "no day" || c.name == "no minutes") {
				continue // a change leaves out what stays
			}
			rec := env.do(req[0], req[1], "application/json", body, "Authorization", "Bearer "+env.token)
			if rec.Code != http.StatusUnprocessableEntity {
				t.Errorf("%s, %s: %d %s, want 422", c.name, req[0], rec.Code, rec.Body.String())
				continue
			}
			got := decode[apiError](t, rec)
			if len(got.Errors) == 0 || got.Errors[0].Field != c.field {
				t.Errorf("%s, %s: errors %+v, want one on %s", c.name, req[0], got.Errors, c.field)
			}
		}
	}
	// Every field wrong at once: each named.
	rec = env.api("POST", "/api/v1/engagements/"+id+"/sessions", `{"held_on":"`+daysAgo(40)+`","minutes":0,"notes":"a\u0000b"}`)
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	var fields []string
	for _, e := range decode[apiError](t, rec).Errors {
		fields = append(fields, e.Field)
	}
	if strings.Join(fields, ",") != "held_on,minutes,notes" {
		t.Errorf("every field wrong: errors on %v", fields)
	}
	list := env.listCoachingSessions(id)
	if len(list) != 1 || list[0] != good {
		t.Errorf("after refusals the sessions are %+v", list)
	}
}

// TestAnotherCoachGetsNotFoundOnEveryCoachingSessionRoute: a session of another coach's
// engagement is answered exactly like one that does not exist, and so is an id that cannot be
// one; nothing changes.
func TestAnotherCoachGetsNotFoundOnEveryCoachingSessionRoute(t *testing.T) {
	env := newEnv(t)
	id := env.engagement(3, false)
	mine := env.createCoachingSession(id, daysAgo(3), 60, "Mine alone")
	_, otherToken := env.account("other@coaching.example.net", "Other Coach", threesixty.RoleCoach)
	body := `{"held_on":"` + daysAgo(2) + `","minutes":30,"notes":"theirs now"}`
	routes := func(engagementID, sessionID string) [][3]string {
		return [][3]string{
			{"POST", "/api/v1/engagements/" + engagementID + "/sessions", body},
			{"GET", "/api/v1/engagements/" + engagementID + "/sessions", ""},
			{"GET", "/api/v1/sessions/" + sessionID, ""},
			{"PATCH", "/api/v1/sessions/" + sessionID, body},
			{"DELETE", "/api/v1/sessions/" + sessionID, ""},
		}
	}
	var cases [][4]string // method, path, body, token
	for _, r := range routes(id, mine.ID) {
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
	if list := env.listCoachingSessions(id); len(list) != 1 || list[0] != mine {
		t.Errorf("another coach changed the sessions: %+v", list)
	}
	if n := env.count("SELECT count(*) FROM coaching_sessions"); n != 1 {
		t.Errorf("%d sessions stored, want the one", n)
	}
}

// TestAnArchivedEngagementTakesNoCoachingSessionChanges: once archived, an engagement's sessions
// are read as they were, and adding, changing or deleting one is a conflict.
func TestAnArchivedEngagementTakesNoCoachingSessionChanges(t *testing.T) {
	env := newEnv(t)
	id := env.engagement(3, false)
	s := env.createCoachingSession(id, daysAgo(3), 60, "Closing conversation")
	expectStatus(t, env.api("POST", "/api/v1/engagements/"+id+"/archive", nil), http.StatusOK)
	for _, r := range [][3]string{
		{"POST", "/api/v1/engagements/" + id + "/sessions", `{"held_on":"` + daysAgo(1) + `","minutes":30}`},
		{"PATCH", "/api/v1/sessions/" + s.ID, `{"minutes":30}`},
		{"DELETE", "/api/v1/sessions/" + s.ID, ""},
	} {
		var body any
		if r[2] != "" {
			body = r[2]
		}
		rec := env.api(r[0], r[1], body)
		if rec.Code != http.StatusConflict || !strings.Contains(rec.Body.String(), "archived") {
			t.Errorf("%s %s on an archived engagement: %d %s, want 409", r[0], r[1], rec.Code, rec.Body.String())
		}
	}
	rec := env.api("GET", "/api/v1/sessions/"+s.ID, nil)
	expectStatus(t, rec, http.StatusOK)
	if got := decode[coachingSessionJSON](t, rec); got != s {
		t.Errorf("the archived engagement's session is %+v, want %+v", got, s)
	}
}

// TestTheHundredAndFirstCoachingSessionIsRefused: an engagement keeps at most 100 sessions.
func TestTheHundredAndFirstCoachingSessionIsRefused(t *testing.T) {
	env := newEnv(t)
	id := env.engagement(3, false)
	env.Exec(`INSERT INTO coaching_sessions (engagement_id, held_on, minutes)
		SELECT $1, current_date - 1, 60 FROM generate_series(1, 99)`, id)
	env.createCoachingSession(id, daysAgo(1), 60, "")
	rec := env.api("POST", "/api/v1/engagements/"+id+"/sessions", map[string]any{"held_on": daysAgo(1), "minutes": 60})
	expectStatus(t, rec, http.StatusConflict)
	if n := env.count("SELECT count(*) FROM coaching_sessions"); n != threesixty.MaxCoachingSessions {
		t.Errorf("%d sessions stored", n)
	}
}
