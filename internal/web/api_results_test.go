package web

import (
	"net/http"
	"strings"
	"testing"

	"threesixty/internal/threesixty"
)

func TestResultsExistOnlyAfterRelease(t *testing.T) {
	env := newEnv(t)
	id := env.engagement(3, false)
	rec := env.api("POST", "/api/v1/engagements/"+id+"/raters", map[string]any{"raters": []map[string]string{
		{"name": "Pam Peer", "email": "pam@example.com", "group": "peer"},
		{"name": "Dan Report", "email": "dan@example.com", "group": "direct_report"},
		{"name": "Don Report", "email": "don@example.com", "group": "direct_report"},
		{"name": "Ola Other", "email": "ola@example.com", "group": "other"},
	}})
	expectStatus(t, rec, http.StatusCreated)
	round, tokens := env.openRound(id)

	rec = env.api("GET", "/api/v1/rounds/"+round.ID+"/results", nil)
	expectStatus(t, rec, http.StatusConflict)

	values := map[threesixty.RaterGroup]string{threesixty.GroupSelf: "5", threesixty.GroupSuperior: "2", threesixty.GroupPeer: "3", threesixty.GroupDirectReport: "4", threesixty.GroupOther: "1"}
	for group, list := range tokens {
		for _, token := range list {
			form := env.fullForm(values[group])
			form.Set("keep-doing", "Comment from "+string(group))
			expectStatus(t, env.post("/s/"+token, form), http.StatusOK)
		}
	}
	rec = env.api("GET", "/api/v1/rounds/"+round.ID+"/results", nil)
	expectStatus(t, rec, http.StatusConflict)

	expectStatus(t, env.api("POST", "/api/v1/rounds/"+round.ID+"/close", nil), http.StatusOK)
	rec = env.api("GET", "/api/v1/rounds/"+round.ID+"/results", nil)
	expectStatus(t, rec, http.StatusOK)
	body := decode[resultsBody](t, rec)
	if body.Round == nil || body.Round.Status != threesixty.RoundStatusClosed || body.Round.ReleasedAt == nil || body.Threshold != 3 {
		t.Fatalf("round %+v, threshold %d", body.Round, body.Threshold)
	}
	// 1 superior, 3 peers, 3 direct reports, 1 other, k=3: the superior joins the peers and
	// the other joins the direct reports.
	var keys []string
	for _, g := range body.Groups {
		keys = append(keys, g.Key)
	}
	if got := strings.Join(keys, " "); got != "self superior+peer direct_report+other all_others" {
		t.Fatalf("groups %q", got)
	}
	if len(body.Items) != len(env.srv.Instruments["leadership-360"].Items) || len(body.Competencies) != 8 {
		t.Fatalf("%d items and %d competencies", len(body.Items), len(body.Competencies))
	}
	means := map[string]float64{}
	for _, s := range body.Items[0].Scores {
		means[s.Group] = s.Mean
	}
	want := map[string]float64{"self": 5, "superior+peer": 2.75, "direct_report+other": 3.25, "all_others": 3}
	for g, m := range want {
		if means[g] != m {
			t.Errorf("item 1 mean of %s = %v, want %v", g, means[g], m)
		}
	}
	if len(body.Insights.BlindSpots) != len(body.Items) {
		t.Errorf("%d blind spots; self rated every item 5 against 3", len(body.Insights.BlindSpots))
	}
	commentGroups := map[string]int{}
	for _, c := range body.Comments {
		commentGroups[c.Group]++
	}
	questions := len(env.srv.Instruments["leadership-360"].Questions)
	if commentGroups["superior+peer"] != 4*questions || commentGroups["direct_report+other"] != 4*questions || commentGroups["self"] != questions || len(commentGroups) != 3 {
		t.Errorf("comments by group %v", commentGroups)
	}
	published := map[string]bool{}
	for _, k := range keys {
		published[k] = true
	}
	for _, item := range body.Items {
		for _, sc := range item.Scores {
			if !published[sc.Group] {
				t.Errorf("item %s has a score for %q, which is not a published group", item.ID, sc.Group)
			}
		}
	}
	for _, raw := range []string{"Pam", "@example.com", `"min"`, `"max"`} {
		if strings.Contains(rec.Body.String(), raw) {
			t.Errorf("the results show %s", raw)
		}
	}

	// A second close is refused and the release stays as it was.
	expectStatus(t, env.api("POST", "/api/v1/rounds/"+round.ID+"/close", nil), http.StatusConflict)
	again := env.api("GET", "/api/v1/rounds/"+round.ID+"/results", nil)
	if again.Body.String() != rec.Body.String() {
		t.Error("the release changed")
	}
	if _, err := env.DB.Exec("UPDATE results SET snapshot = '{}'"); err == nil {
		t.Error("the database let a release be changed")
	}
	if _, err := env.DB.Exec("DELETE FROM responses"); err == nil {
		t.Error("the database let released responses be deleted")
	}
}

// TestResultsDoNotCountALeftOutGroup: two of three peers answered and were left out. The results
// must read exactly as if no peer had answered: the round they come with carries no progress
// counts, which would say that two did.
func TestResultsDoNotCountALeftOutGroup(t *testing.T) {
	env := newEnv(t)
	id := env.engagement(3, false) // one superior, two peers, one direct report
	round, tokens := env.openRound(id)
	for _, token := range tokens[threesixty.GroupPeer] {
		expectStatus(t, env.post("/s/"+token, env.fullForm("3")), http.StatusOK)
	}
	expectStatus(t, env.post("/s/"+tokens[threesixty.GroupSelf][0], env.fullForm("4")), http.StatusOK)
	expectStatus(t, env.api("POST", "/api/v1/rounds/"+round.ID+"/close", nil), http.StatusOK)
	rec := env.api("GET", "/api/v1/rounds/"+round.ID+"/results", nil)
	expectStatus(t, rec, http.StatusOK)
	if body := rec.Body.String(); strings.Contains(body, `"progress"`) || strings.Contains(body, `"completed"`) {
		t.Errorf("the results come with progress counts:\n%s", body)
	}
	res := decode[resultsBody](t, rec)
	for _, g := range res.Groups {
		if g.Key != "self" {
			t.Errorf("a group besides self is published: %+v", g)
		}
	}
	for _, c := range res.Comments {
		if c.Group != "self" {
			t.Errorf("a comment is published under %q", c.Group)
		}
	}
}
