package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"threesixty/internal/threesixty"
)

func TestAPIRequiresAToken(t *testing.T) {
	env := newEnv(t)
	for _, header := range []string{"", "Bearer", "Bearer nonsense", "Basic abc", "Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"} {
		rec := env.do("GET", "/api/v1/engagements", "", "", "Authorization", header)
		expectStatus(t, rec, http.StatusUnauthorized)
		if got := decode[apiError](t, rec); got.Code != threesixty.EUNAUTH {
			t.Errorf("Authorization %q: code %q", header, got.Code)
		}
	}
}

func TestAnotherCoachsEngagementIsNotFound(t *testing.T) {
	env := newEnv(t)
	id := env.engagement(3, false)
	round, _ := env.openRound(id)
	_, otherToken := env.account("other@coaching.example.net", "Other Coach", threesixty.RoleCoach)
	for _, path := range []string{"/api/v1/engagements/" + id, "/api/v1/engagements/" + id + "/raters", "/api/v1/rounds/" + round.ID, "/api/v1/engagements/not-a-uuid"} {
		rec := env.do("GET", path, "", "", "Authorization", "Bearer "+otherToken)
		expectStatus(t, rec, http.StatusNotFound)
	}
	rec := env.do("POST", "/api/v1/rounds/"+round.ID+"/close", "", "", "Authorization", "Bearer "+otherToken)
	expectStatus(t, rec, http.StatusNotFound)
	rec = env.do("GET", "/api/v1/engagements", "", "", "Authorization", "Bearer "+otherToken)
	if list := decode[map[string][]any](t, rec)["engagements"]; len(list) != 0 {
		t.Errorf("other coach lists %d engagements", len(list))
	}
	_, adminToken := env.account("admin@coaching.example.net", "Ada Admin", threesixty.RoleAdmin)
	rec = env.do("GET", "/api/v1/engagements/"+id, "", "", "Authorization", "Bearer "+adminToken)
	expectStatus(t, rec, http.StatusOK)
}

func TestCreateEngagement(t *testing.T) {
	env := newEnv(t)
	rec := env.api("POST", "/api/v1/engagements", `{"leader":{"name":"Alex Morgan","email":"alex@example.com"},
		"sponsor":{"name":"Priya Shah","email":"priya@example.com","organisation":"Northwind"},"instrument":"leadership-360"}`)
	expectStatus(t, rec, http.StatusCreated)
	got := decode[map[string]any](t, rec)
	if got["id"] == nil || got["id"] == "" {
		t.Fatalf("no id at the top level: %v", got)
	}
	anonymity := got["anonymity"].(map[string]any)
	if anonymity["threshold"] != float64(3) || anonymity["superior_identifiable"] != false {
		t.Errorf("anonymity defaults = %v", anonymity)
	}
	rec = env.api("GET", "/api/v1/engagements/"+got["id"].(string), nil)
	expectStatus(t, rec, http.StatusOK)
	if sponsor := decode[map[string]any](t, rec)["sponsor"].(map[string]any); sponsor["organisation"] != "Northwind" {
		t.Errorf("sponsor = %v", sponsor)
	}
}

func TestCreateEngagementRejectsBadInput(t *testing.T) {
	env := newEnv(t)
	leader := `"leader":{"name":"Alex","email":"alex@example.com"}`
	cases := []struct {
		name, body string
		status     int
		field      string
	}{
		{"threshold below 3", `{` + leader + `,"instrument":"leadership-360","anonymity":{"threshold":2}}`, 422, "anonymity.threshold"},
		{"threshold above 10", `{` + leader + `,"instrument":"leadership-360","anonymity":{"threshold":11}}`, 422, "anonymity.threshold"},
		{"unknown field", `{` + leader + `,"instrument":"leadership-360","colour":"red"}`, 422, "colour"},
		{"unknown instrument", `{` + leader + `,"instrument":"nope"}`, 422, "instrument"},
		{"no leader", `{"instrument":"leadership-360"}`, 422, "leader"},
		{"bad leader email", `{"leader":{"name":"Alex","email":"not-an-email"},"instrument":"leadership-360"}`, 422, "leader.email"},
		{"missing name", `{"leader":{"email":"alex@example.com"},"instrument":"leadership-360"}`, 422, "leader.name"},
		{"wrong type", `{"leader":{"name":5,"email":"alex@example.com"},"instrument":"leadership-360"}`, 422, "leader.name"},
		{"not a domain", `{` + leader + `,"instrument":"leadership-360","rater_domains":["Example.com"]}`, 422, "rater_domains[0]"},
		{"sponsor is the leader", `{` + leader + `,"sponsor":{"name":"Al","email":"ALEX+s@example.com"},"instrument":"leadership-360"}`, 422, "sponsor.email"},
		{"broken JSON", `{"leader":`, 400, ""},
		{"two values", `{} {}`, 400, ""},
		{"empty body", ``, 400, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := env.api("POST", "/api/v1/engagements", c.body)
			if c.body == "" {
				rec = env.do("POST", "/api/v1/engagements", "application/json", "", "Authorization", "Bearer "+env.token)
			}
			expectStatus(t, rec, c.status)
			got := decode[apiError](t, rec)
			if got.Message == "" || strings.Contains(strings.ToLower(got.Message), "pq:") {
				t.Errorf("message %q", got.Message)
			}
			if c.field != "" && (len(got.Errors) == 0 || got.Errors[0].Field != c.field) {
				t.Errorf("errors = %+v, want field %s", got.Errors, c.field)
			}
		})
	}
	rec := env.do("POST", "/api/v1/engagements", "text/plain", "{}", "Authorization", "Bearer "+env.token)
	expectStatus(t, rec, http.StatusBadRequest)
	rec = env.api("GET", "/api/v1/engagements", nil)
	if list := decode[map[string][]any](t, rec)["engagements"]; len(list) != 0 {
		t.Errorf("a rejected request stored %d engagements", len(list))
	}
}

func TestAddRatersJSONAllOrNothing(t *testing.T) {
	env := newEnv(t)
	id := env.engagement(3, false)
	rec := env.api("POST", "/api/v1/engagements/"+id+"/raters", map[string]any{"raters": []map[string]string{
		{"name": "Good Row", "email": "good@example.com", "group": "peer"},
		{"name": "", "email": "bad", "group": "boss"},
		{"name": "Leader Again", "email": "ALEX@example.com", "group": "peer"},
		{"name": "Existing", "email": "pat@example.com", "group": "peer"},
		{"name": "Twice A", "email": "twice@example.com", "group": "other"},
		{"name": "Twice B", "email": "Twice@example.com", "group": "other"},
	}})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	got := decode[apiError](t, rec)
	want := map[int][]string{2: {"name", "email", "group"}, 3: {"email"}, 4: {"email"}, 6: {"email"}}
	rows := map[int][]string{}
	for _, e := range got.Errors {
		rows[e.Row] = append(rows[e.Row], e.Field)
	}
	for row, fields := range want {
		if strings.Join(rows[row], ",") != strings.Join(fields, ",") {
			t.Errorf("row %d errors on %v, want %v (all: %+v)", row, rows[row], fields, got.Errors)
		}
	}
	if len(rows[1]) != 0 || len(rows[5]) != 0 {
		t.Errorf("good rows reported: %+v", got.Errors)
	}
	rec = env.api("GET", "/api/v1/engagements/"+id+"/raters", nil)
	if raters := decode[map[string][]any](t, rec)["raters"]; len(raters) != 4 {
		t.Errorf("after a rejected request the engagement has %d raters, want the original 4", len(raters))
	}
}

func TestAddRatersCSV(t *testing.T) {
	env := newEnv(t)
	id := env.engagement(3, false)
	path := "/api/v1/engagements/" + id + "/raters"
	auth := []string{"Authorization", "Bearer " + env.token}
	rec := env.do("POST", path, "text/csv", "name,email,group\nOla Other,ola@example.com,other\n\"Kim, Jr.\",kim@example.com,direct_report\n", auth...)
	expectStatus(t, rec, http.StatusCreated)
	if raters := decode[map[string][]any](t, rec)["raters"]; len(raters) != 2 {
		t.Fatalf("added %d raters, want 2", len(raters))
	}

	rec = env.do("POST", path, "text/csv", "name,email,group\nA,a@example.com,peer\nB,b@example.com,cto\nC,c@example.com\n", auth...)
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	got := decode[apiError](t, rec)
	if len(got.Errors) != 2 || got.Errors[0].Row != 2 || got.Errors[0].Field != "group" || got.Errors[1].Row != 3 {
		t.Errorf("errors = %+v, want row 2 group and row 3", got.Errors)
	}

	rec = env.do("POST", path, "text/csv", "name,mail,group\nA,a@example.com,peer\n", auth...)
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	if got := decode[apiError](t, rec); len(got.Errors) == 0 || got.Errors[0].Field != "header" {
		t.Errorf("bad header errors = %+v", got.Errors)
	}
	rec = env.do("POST", path, "text/csv", "", auth...)
	expectStatus(t, rec, http.StatusUnprocessableEntity)

	rec = env.api("GET", path, nil)
	if raters := decode[map[string][]any](t, rec)["raters"]; len(raters) != 6 {
		t.Errorf("engagement has %d raters, want 6", len(raters))
	}
}

func TestRoundLifecycle(t *testing.T) {
	env := newEnv(t)
	id := env.engagement(3, false)
	closes := env.srv.Now().Add(240 * 3600e9).UTC().Format("2006-01-02T15:04:05Z07:00")
	rec := env.api("POST", "/api/v1/engagements/"+id+"/rounds", map[string]string{"kind": "baseline", "closes_at": closes})
	expectStatus(t, rec, http.StatusCreated)
	round := decode[threesixty.Round](t, rec)
	if round.ID == "" || round.Status != threesixty.RoundStatusOpen || round.Kind != threesixty.RoundKindBaseline {
		t.Fatalf("round = %+v", round)
	}
	invited := map[threesixty.RaterGroup]int{}
	for _, p := range round.Progress {
		invited[p.Group] = p.Invited
	}
	if invited[threesixty.GroupSelf] != 1 || invited[threesixty.GroupPeer] != 2 || invited[threesixty.GroupSuperior] != 1 || invited[threesixty.GroupDirectReport] != 1 {
		t.Errorf("progress = %+v", round.Progress)
	}

	rec = env.api("POST", "/api/v1/engagements/"+id+"/rounds", map[string]string{"kind": "closing", "closes_at": closes})
	expectStatus(t, rec, http.StatusConflict)

	for _, bad := range []map[string]string{
		{"kind": "final", "closes_at": closes},
		{"kind": "baseline", "closes_at": "next friday"},
		{"kind": "baseline", "closes_at": "2001-01-01T00:00:00Z"},
		{"kind": "baseline"},
	} {
		rec = env.api("POST", "/api/v1/engagements/"+id+"/rounds", bad)
		expectStatus(t, rec, http.StatusUnprocessableEntity)
	}

	rec = env.api("GET", "/api/v1/rounds/"+round.ID, nil)
	expectStatus(t, rec, http.StatusOK)
	if body := rec.Body.String(); strings.Contains(body, "@example.com") || strings.Contains(body, "Pat Peer") {
		t.Errorf("round progress shows who was invited: %s", body)
	}

	rec = env.api("POST", "/api/v1/rounds/"+round.ID+"/close", nil)
	expectStatus(t, rec, http.StatusOK)
	closed := decode[threesixty.Round](t, rec)
	if closed.Status != threesixty.RoundStatusClosed || closed.ClosedAt == nil || closed.ReleasedAt == nil {
		t.Errorf("closed round = %+v", closed)
	}
	if len(closed.Progress) != len(threesixty.RaterGroups) || closed.Progress[0].Group != threesixty.GroupSelf || closed.Progress[0].Invited != 1 || closed.Progress[2].Invited != 2 {
		t.Errorf("progress of the closed round = %+v", closed.Progress)
	}
	rec = env.api("POST", "/api/v1/rounds/"+round.ID+"/close", nil)
	expectStatus(t, rec, http.StatusConflict)

	rec = env.api("POST", "/api/v1/engagements/"+id+"/rounds", map[string]string{"kind": "closing", "closes_at": closes})
	expectStatus(t, rec, http.StatusCreated)
}

// TestAnonymitySettingsLockWhenTheFirstRoundOpens is the attack that published a lone superior:
// k=5, superiors not identifiable; the superior read "at least 5" and saved a draft; the coach
// changed the settings to k=2, identifiable. The change is refused once invitations are out, and
// the release keeps what the superior was told.
func TestAnonymitySettingsLockWhenTheFirstRoundOpens(t *testing.T) {
	env := newEnv(t)
	id := env.engagement(5, false)
	rec := env.api("PATCH", "/api/v1/engagements/"+id, map[string]any{"anonymity": map[string]any{"threshold": 4}})
	expectStatus(t, rec, http.StatusOK)
	rec = env.api("PATCH", "/api/v1/engagements/"+id, map[string]any{"anonymity": map[string]any{"threshold": 5}})
	expectStatus(t, rec, http.StatusOK)
	round, tokens := env.openRound(id)
	superior := "/s/" + tokens[threesixty.GroupSuperior][0]
	page := env.do("GET", superior, "", "")
	expectStatus(t, page, http.StatusOK)
	if !strings.Contains(page.Body.String(), "at least 5 people") {
		t.Fatalf("the superior's page does not promise 5:\n%s", page.Body.String())
	}
	expectStatus(t, env.post(superior+"/draft", url.Values{env.srv.Instruments["leadership-360"].Items[0].ID: {"2"}}), http.StatusSeeOther)
	for _, weaker := range []map[string]any{{"threshold": 3, "superior_identifiable": true}, {"threshold": 3}, {"superior_identifiable": true}} {
		rec = env.api("PATCH", "/api/v1/engagements/"+id, map[string]any{"anonymity": weaker})
		expectStatus(t, rec, http.StatusConflict)
	}
	form := env.fullForm("4")
	form.Set("keep-doing", "Only the superior writes this.")
	expectStatus(t, env.post(superior, form), http.StatusOK)
	for _, p := range tokens[threesixty.GroupPeer] {
		expectStatus(t, env.post("/s/"+p, env.fullForm("3")), http.StatusOK)
	}
	expectStatus(t, env.api("POST", "/api/v1/rounds/"+round.ID+"/close", nil), http.StatusOK)
	rec = env.api("GET", "/api/v1/rounds/"+round.ID+"/results", nil)
	expectStatus(t, rec, http.StatusOK)
	body := rec.Body.String()
	if strings.Contains(body, `"key":"superior"`) || strings.Contains(body, "Only the superior writes this.") {
		t.Errorf("the lone superior was published:\n%s", body)
	}
	if got := decode[map[string]any](t, rec)["threshold"]; got != float64(5) {
		t.Errorf("released with threshold %v, want the 5 the invitations stated", got)
	}
}

// TestTheCoachCannotPadAGroup: the attack filled a group of k=3 with one real peer and two
// addresses the coach controlled, then read the peer's answers as 3*mean - 6. Whoever runs an
// engagement cannot be a rater under any variant of their address, raters must come from the
// organisation's domains when it names them, and the leader hears of raters added to a round.
func TestTheCoachCannotPadAGroup(t *testing.T) {
	env := newEnv(t)
	env.account("other.coach@coaching.example.net", "Other Coach", threesixty.RoleCoach)
	rec := env.api("POST", "/api/v1/engagements", map[string]any{
		"leader":        map[string]string{"name": "Alex Morgan", "email": "alex@example.com"},
		"sponsor":       map[string]string{"name": "Priya Shah", "email": "priya@example.com"},
		"instrument":    "leadership-360",
		"rater_domains": []string{"example.com"},
	})
	expectStatus(t, rec, http.StatusCreated)
	id := decode[map[string]any](t, rec)["id"].(string)
	rec = env.api("POST", "/api/v1/engagements/"+id+"/raters", map[string]any{"raters": []map[string]string{
		{"name": "Real Peer", "email": "real@example.com", "group": "peer"},
		{"name": "Me", "email": "Coach+peer@Coaching.example.net", "group": "peer"},
		{"name": "Also me", "email": "other.coach+x@coaching.example.net", "group": "peer"},
		{"name": "Alex again", "email": "Alex+2@Example.com", "group": "peer"},
		{"name": "Priya", "email": "priya@example.com", "group": "peer"},
		{"name": "Friend", "email": "friend@gmail.com", "group": "peer"},
		{"name": "Real twice", "email": "REAL+2@example.com", "group": "peer"},
	}})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	got := decode[apiError](t, rec)
	rows := map[int]string{}
	for _, e := range got.Errors {
		rows[e.Row] += e.Message
	}
	for row, says := range map[int]string{2: "coach's address", 3: "account of this service", 4: "leader's address",
		5: "only as a superior", 6: "outside the organisation's email domains", 7: "appears twice"} {
		if !strings.Contains(rows[row], says) {
			t.Errorf("row %d: %q, want it to say %q", row, rows[row], says)
		}
	}
	if rows[1] != "" {
		t.Errorf("the real peer was refused: %s", rows[1])
	}
	var raters int
	env.Get(&raters, "SELECT count(*) FROM raters")
	if raters != 0 {
		t.Fatalf("%d raters stored from a refused list", raters)
	}

	// Raters added to an open round before anyone answered: they are invited, and the leader is
	// told. Once someone has answered, nobody joins the round: a group stuck at one answer can no
	// longer be filled up with answers the coach knows.
	rec = env.api("POST", "/api/v1/engagements/"+id+"/raters", map[string]any{"raters": []map[string]string{
		{"name": "Real Peer", "email": "real@example.com", "group": "peer"},
		{"name": "Priya Shah", "email": "priya@example.com", "group": "superior"},
	}})
	expectStatus(t, rec, http.StatusCreated)
	_, tokens := env.openRound(id)
	rec = env.api("POST", "/api/v1/engagements/"+id+"/raters", map[string]any{"raters": []map[string]string{
		{"name": "New Peer", "email": "new.peer@example.com", "group": "peer"},
	}})
	expectStatus(t, rec, http.StatusCreated)
	var notices int
	env.Get(&notices, "SELECT count(*) FROM outbox WHERE purpose = 'raters_added' AND recipient = 'alex@example.com'")
	if notices != 1 {
		t.Errorf("%d notices to the leader of raters added to the open round, want 1", notices)
	}
	expectStatus(t, env.post("/s/"+tokens[threesixty.GroupPeer][0], env.fullForm("3")), http.StatusOK)
	for _, group := range []string{"peer", "other"} {
		rec = env.api("POST", "/api/v1/engagements/"+id+"/raters", map[string]any{"raters": []map[string]string{
			{"name": "Fake One", "email": "fake1@example.com", "group": group},
			{"name": "Fake Two", "email": "fake2@example.com", "group": group},
		}})
		expectStatus(t, rec, http.StatusConflict)
	}
	env.Get(&raters, "SELECT count(*) FROM raters")
	if raters != 3 {
		t.Errorf("%d raters after refused additions, want 3", raters)
	}
	rec = env.api("GET", "/api/v1/engagements/"+id+"/audit-trail", nil)
	expectStatus(t, rec, http.StatusOK)
	trail := decode[map[string][]threesixty.AuditEntry](t, rec)["audit_trail"]
	added := 0
	for _, entry := range trail {
		if entry.Action == threesixty.AuditRaterAdded && entry.By != nil && entry.By.Email == "coach@coaching.example.net" && entry.Rater != nil {
			added++
		}
	}
	if added != 3 {
		t.Errorf("%d rater additions in the audit trail with who made them, want 3:\n%s", added, rec.Body.String())
	}
}

func TestHealth(t *testing.T) {
	env := newEnv(t)
	expectStatus(t, env.do("GET", "/healthz", "", ""), http.StatusOK)
	expectStatus(t, env.do("GET", "/readyz", "", ""), http.StatusOK)
}
