package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"threesixty/internal/results"
	"threesixty/internal/threesixty"
)

// openClosingRound opens the engagement's closing round through the store, on the instrument
// version the store chooses, and mints a link for every invitation as mail would.
func (env *testEnv) openClosingRound(engagementID string) (*threesixty.Round, map[threesixty.RaterGroup][]string) {
	env.t.Helper()
	round, issued, err := env.store.OpenRound(context.Background(), env.coach, engagementID, threesixty.RoundPlan{
		Kind: threesixty.RoundKindClosing, ClosesAt: time.Now().Add(72 * time.Hour), Reminders: threesixty.DefaultReminders,
	})
	if err != nil {
		env.t.Fatal(err)
	}
	tokens := map[threesixty.RaterGroup][]string{}
	for _, inv := range issued {
		minted, err := env.store.MintTokens(context.Background(), []string{inv.ID})
		if err != nil {
			env.t.Fatal(err)
		}
		tokens[inv.Group] = append(tokens[inv.Group], minted[0])
	}
	return round, tokens
}

func TestComparisonOfBaselineAndClosing(t *testing.T) {
	env := newEnv(t)
	id := env.engagement(3, false)
	expectStatus(t, env.api("POST", "/api/v1/engagements/"+id+"/raters", map[string]any{"raters": []map[string]string{
		{"name": "Pam Peer", "email": "pam@example.com", "group": "peer"},
		{"name": "Dan Report", "email": "dan@example.com", "group": "direct_report"},
		{"name": "Don Report", "email": "don@example.com", "group": "direct_report"},
	}}), http.StatusCreated)
	expectStatus(t, env.api("GET", "/api/v1/engagements/"+id+"/comparison", nil), http.StatusConflict)

	baseline, tokens := env.openRound(id)
	values := map[threesixty.RaterGroup]string{threesixty.GroupSelf: "4", threesixty.GroupSuperior: "2", threesixty.GroupPeer: "2", threesixty.GroupDirectReport: "3"}
	for group, list := range tokens {
		for _, token := range list {
			expectStatus(t, env.post("/s/"+token, env.fullForm(values[group])), http.StatusOK)
		}
	}
	expectStatus(t, env.api("POST", "/api/v1/rounds/"+baseline.ID+"/close", nil), http.StatusOK)

	// Only a closing round chooses its instrument version, and only one the service knows.
	rec := env.api("POST", "/api/v1/engagements/"+id+"/rounds", map[string]any{"kind": "midpoint", "closes_at": time.Now().Add(48 * time.Hour).Format(time.RFC3339), "instrument_version": "abc"})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	if !strings.Contains(rec.Body.String(), "instrument_version") {
		t.Errorf("refusal does not name the field: %s", rec.Body)
	}
	rec = env.api("POST", "/api/v1/engagements/"+id+"/rounds", map[string]any{"kind": "closing", "closes_at": time.Now().Add(48 * time.Hour).Format(time.RFC3339), "instrument_version": "abc"})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	if !strings.Contains(rec.Body.String(), "instrument_version") || !strings.Contains(rec.Body.String(), "not an instrument version") {
		t.Errorf("refusal does not say what is wrong: %s", rec.Body)
	}

	// A new peer joins before the closing round; a direct report (one of three) does not answer it.
	expectStatus(t, env.api("POST", "/api/v1/engagements/"+id+"/raters", map[string]any{"raters": []map[string]string{
		{"name": "Pio Peer", "email": "pio@example.com", "group": "peer"},
	}}), http.StatusCreated)
	closing, tokens := env.openClosingRound(id)
	if closing.InstrumentVersion != baseline.InstrumentVersion {
		t.Errorf("closing round asks version %s, not the baseline's %s", closing.InstrumentVersion, baseline.InstrumentVersion)
	}
	values = map[threesixty.RaterGroup]string{threesixty.GroupSelf: "4", threesixty.GroupSuperior: "3", threesixty.GroupPeer: "4", threesixty.GroupDirectReport: "3"}
	for group, list := range tokens {
		for i, token := range list {
			if group == threesixty.GroupDirectReport && i == 0 {
				continue
			}
			expectStatus(t, env.post("/s/"+token, env.fullForm(values[group])), http.StatusOK)
		}
	}
	expectStatus(t, env.api("GET", "/api/v1/engagements/"+id+"/comparison", nil), http.StatusConflict)
	expectStatus(t, env.api("POST", "/api/v1/rounds/"+closing.ID+"/close", nil), http.StatusOK)

	rec = env.api("GET", "/api/v1/engagements/"+id+"/comparison", nil)
	expectStatus(t, rec, http.StatusOK)
	cmp := decode[results.Comparison](t, rec)
	if cmp.BaselineRound != baseline.ID || cmp.ClosingRound != closing.ID {
		t.Fatalf("comparison of %s and %s", cmp.BaselineRound, cmp.ClosingRound)
	}
	base := decode[resultsBody](t, env.api("GET", "/api/v1/rounds/"+baseline.ID+"/results", nil))
	after := decode[resultsBody](t, env.api("GET", "/api/v1/rounds/"+closing.ID+"/results", nil))
	// Baseline: superior 1 with peers 3, direct reports 3. Closing: superior 1 with peers 4, and
	// 2 direct reports left out; the baseline published them alone, so the closing round may not
	// hide them in a merge either.
	if got := groupKeys(base.Results); got != "self superior+peer direct_report all_others" {
		t.Fatalf("baseline groups %q", got)
	}
	if got := groupKeys(after.Results); got != "self superior+peer all_others" {
		t.Fatalf("closing groups %q", got)
	}
	if len(cmp.Items) != len(env.srv.Instruments["leadership-360"].Items) || len(cmp.Competencies) != 8 {
		t.Fatalf("%d items, %d competencies compared", len(cmp.Items), len(cmp.Competencies))
	}
	for _, it := range cmp.Items {
		var groups []string
		for _, c := range it.Changes {
			groups = append(groups, c.Group)
			b, a := scoreIn(t, base.Results, it.ID, c.Group), scoreIn(t, after.Results, it.ID, c.Group)
			if c.Baseline.Mean != b.Mean || c.Closing.Mean != a.Mean || c.Baseline.N != b.N || c.Closing.N != a.N {
				t.Errorf("%s %s: %+v is not the published %+v and %+v", it.ID, c.Group, c, b, a)
			}
		}
		// all_others holds the direct reports at baseline and not at closing: not compared.
		if got := strings.Join(groups, " "); got != "self superior+peer" {
			t.Errorf("%s compared for %q", it.ID, got)
		}
	}
	// Superior and peers: 1×2 + 3×2 = 8 over 4 at baseline, 1×3 + 4×4 = 19 over 5 at closing.
	if c := cmp.Items[0].Changes[1]; c.Baseline.Mean != 2 || c.Closing.Mean != 3.8 || c.Change != 1.8 || c.Meaningful {
		t.Errorf("superior and peers' change %+v: no spread below 5 at baseline, so not meaningful", c)
	}
}

func groupKeys(res *results.Results) string {
	var keys []string
	for _, g := range res.Groups {
		keys = append(keys, g.Key)
	}
	return strings.Join(keys, " ")
}

func scoreIn(t *testing.T, res *results.Results, item, group string) results.Score {
	t.Helper()
	for _, it := range res.Items {
		if it.ID != item {
			continue
		}
		for _, s := range it.Scores {
			if s.Group == group {
				return s
			}
		}
	}
	t.Fatalf("no published score for %s %s", item, group)
	return results.Score{}
}
