package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"threesixty/internal/threesixty"
	"threesixty/surveys"
)

// releasedBaseline opens the engagement's baseline, has everyone answer 3, and closes it.
func (env *testEnv) releasedBaseline(engagementID string) {
	env.t.Helper()
	round, tokens := env.openRound(engagementID)
	env.answerAll(tokens, "3")
	expectStatus(env.t, env.api("POST", "/api/v1/rounds/"+round.ID+"/close", nil), http.StatusOK)
}

// raterID is the id of the engagement's rater with the address email.
func (env *testEnv) raterID(engagementID, email string) string {
	env.t.Helper()
	raters, err := env.store.Raters(context.Background(), env.coach, engagementID)
	if err != nil {
		env.t.Fatal(err)
	}
	for _, r := range raters {
		if r.Email == email {
			return r.ID
		}
	}
	env.t.Fatalf("no rater %s", email)
	return ""
}

// pulseTokens mints a link for every invitation of the open round, by group.
func (env *testEnv) pulseTokens(roundID string) map[threesixty.RaterGroup][]string {
	env.t.Helper()
	var rows []struct {
		ID    string                `db:"id"`
		Group threesixty.RaterGroup `db:"rater_group"`
	}
	env.Select(&rows, "SELECT id, rater_group FROM invitations WHERE round_id = $1", roundID)
	tokens := map[threesixty.RaterGroup][]string{}
	for _, r := range rows {
		minted, err := env.store.MintTokens(context.Background(), []string{r.ID})
		if err != nil {
			env.t.Fatal(err)
		}
		tokens[r.Group] = append(tokens[r.Group], minted[0])
	}
	return tokens
}

// pulseForm answers every item of the pulse in with value, and its question with text.
func pulseForm(in *surveys.Instrument, value string) url.Values {
	form := url.Values{}
	for _, item := range in.Items {
		form.Set(item.ID, value)
	}
	for _, q := range in.Questions {
		form.Set(q.ID, "Delegates far more than before.")
	}
	return form
}

// TestOpeningAPulseThroughTheAPI: every field wrong is named, a pulse without goals is a conflict
// that says so, the coach may leave raters out, and the pulse's results carry the scale while its
// PDF is refused with where its results are.
func TestOpeningAPulseThroughTheAPI(t *testing.T) {
	env := newEnv(t)
	id := env.engagement(3, false)
	closes := env.srv.Now().Add(240 * 3600e9).UTC().Format("2006-01-02T15:04:05Z07:00")
	path := "/api/v1/engagements/" + id + "/rounds"

	rec := env.api("POST", path, map[string]any{"kind": "midpoint", "closes_at": closes})
	expectStatus(t, rec, http.StatusConflict)
	env.releasedBaseline(id)
	rec = env.api("POST", path, map[string]any{"kind": "midpoint", "closes_at": closes})
	expectStatus(t, rec, http.StatusConflict)
	if got := decode[apiError](t, rec); !strings.Contains(got.Message, "goals") {
		t.Errorf("a pulse without goals: %q, want it to say the goals are missing", got.Message)
	}
	env.createGoal(id, "delegating decisions")

	pat := env.raterID(id, "pat@example.com")
	for _, c := range []struct {
		name  string
		body  any
		code  int
		field string
		says  string
	}{
		{"unknown kind", map[string]any{"kind": "pulse", "closes_at": closes}, http.StatusUnprocessableEntity, "kind", "midpoint"},
		{"closes too soon", map[string]any{"kind": "midpoint", "closes_at": "2001-01-01T00:00:00Z"}, http.StatusUnprocessableEntity, "closes_at", ""},
		{"closes in words", map[string]any{"kind": "midpoint", "closes_at": "next friday"}, http.StatusUnprocessableEntity, "closes_at", ""},
		{"unknown rater left out", map[string]any{"kind": "midpoint", "closes_at": closes, "leave_out": []string{pat, "nobody-here"}}, http.StatusUnprocessableEntity, "leave_out", `"nobody-here"`},
		{"leaving out of a baseline", map[string]any{"kind": "baseline", "closes_at": closes, "leave_out": []string{pat}}, http.StatusUnprocessableEntity, "leave_out", "only of a midpoint pulse"},
		{"leaving out of a closing round", map[string]any{"kind": "closing", "closes_at": closes, "leave_out": []string{pat}}, http.StatusUnprocessableEntity, "leave_out", "only of a midpoint pulse"},
		{"reminders out of range", map[string]any{"kind": "midpoint", "closes_at": closes, "reminders": map[string]int{"limit": 11}}, http.StatusUnprocessableEntity, "reminders.limit", ""},
		{"leave_out not a list", map[string]any{"kind": "midpoint", "closes_at": closes, "leave_out": pat}, http.StatusUnprocessableEntity, "leave_out", "list"},
		{"leave_out of numbers", map[string]any{"kind": "midpoint", "closes_at": closes, "leave_out": []int{1}}, http.StatusUnprocessableEntity, "leave_out", "string"},
		{"unknown field", map[string]any{"kind": "midpoint", "closes_at": closes, "goals": []string{"x"}}, http.StatusUnprocessableEntity, "goals", "not a known field"},
		{"no kind", map[string]any{"closes_at": closes}, http.StatusUnprocessableEntity, "kind", ""},
	} {
		rec := env.api("POST", path, c.body)
		if rec.Code != c.code {
			t.Errorf("%s: status %d, want %d: %s", c.name, rec.Code, c.code, rec.Body)
			continue
		}
		if c.field == "" {
			continue
		}
		got := decode[apiError](t, rec)
		if len(got.Errors) == 0 || got.Errors[0].Field != c.field || !strings.Contains(got.Errors[0].Message, c.says) {
			t.Errorf("%s: errors %+v, want %s saying %q", c.name, got.Errors, c.field, c.says)
		}
	}

	rec = env.api("POST", path, map[string]any{"kind": "midpoint", "closes_at": closes, "leave_out": []string{pat}})
	expectStatus(t, rec, http.StatusCreated)
	pulse := decode[threesixty.Round](t, rec)
	if pulse.Kind != threesixty.RoundKindMidpoint || pulse.Instrument != surveys.PulseID {
		t.Errorf("pulse = %+v", pulse)
	}
	for _, p := range pulse.Progress {
		if p.Group == threesixty.GroupPeer && p.Invited != 1 {
			t.Errorf("%d peers invited, want one with Pat left out", p.Invited)
		}
	}
	rec = env.api("GET", "/api/v1/engagements/"+id+"/audit-trail", nil)
	expectStatus(t, rec, http.StatusOK)
	if !strings.Contains(rec.Body.String(), `"left_out":["`+pat+`"]`) {
		t.Errorf("the audit trail does not record who was left out: %s", rec.Body)
	}
	expectStatus(t, env.api("GET", "/api/v1/rounds/"+pulse.ID+"/report.pdf", nil), http.StatusConflict)

	in, err := env.store.InstrumentVersion(context.Background(), pulse.InstrumentVersion)
	if err != nil {
		t.Fatal(err)
	}
	for _, list := range env.pulseTokens(pulse.ID) {
		for _, token := range list {
			expectStatus(t, env.post("/s/"+token, pulseForm(in, "6")), http.StatusOK)
		}
	}
	expectStatus(t, env.api("POST", "/api/v1/rounds/"+pulse.ID+"/close", nil), http.StatusOK)

	rec = env.api("GET", "/api/v1/rounds/"+pulse.ID+"/report.pdf", nil)
	expectStatus(t, rec, http.StatusConflict)
	if got := decode[apiError](t, rec); !strings.Contains(got.Message, "closing report") || !strings.Contains(got.Message, "/results") {
		t.Errorf("the pulse's PDF: %q, want where its results are", got.Message)
	}
	rec = env.api("GET", "/api/v1/rounds/"+pulse.ID+"/results", nil)
	expectStatus(t, rec, http.StatusOK)
	body := decode[pulseResults](t, rec)
	if body.Scale.Zero != 4 || len(body.Scale.Points) != 7 || body.Scale.Points[3].Label != "No change" {
		t.Errorf("scale = %+v", body.Scale)
	}
	if len(body.Items) != 1 || len(body.Items[0].Scores) == 0 || body.Items[0].Scores[0].Mean != 6 {
		t.Errorf("items = %+v, want the stored value 6 in the means", body.Items)
	}
	if !strings.Contains(body.Items[0].Text, "delegating decisions") {
		t.Errorf("item text %q", body.Items[0].Text)
	}
}

// pulseResults is what a client reads of a pulse's results to show its changes.
type pulseResults struct {
	Scale struct {
		Points []struct {
			Value int    `json:"value"`
			Label string `json:"label"`
		} `json:"points"`
		Zero int `json:"zero"`
	} `json:"scale"`
	Items []struct {
		Text   string `json:"text"`
		Scores []struct {
			Group string  `json:"group"`
			Mean  float64 `json:"mean"`
		} `json:"scores"`
	} `json:"items"`
}
