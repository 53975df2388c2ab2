package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"threesixty/internal/threesixty"
)

// TestTheSponsorSummaryNeedsTheReleaseAndTheLeadersConsent walks an engagement through both
// rounds: 409 before the closing release, 403 naming the missing consent before the leader gives
// it and after they withdraw it, and in between a PDF whose contents follow the consent's scope,
// each download in the access log.
func TestTheSponsorSummaryNeedsTheReleaseAndTheLeadersConsent(t *testing.T) {
	env := newEnv(t)
	rec := env.api("POST", "/api/v1/engagements", map[string]any{
		"leader":     map[string]string{"name": "Alex Morgan", "email": "alex@example.com"},
		"sponsor":    map[string]string{"name": "Priya Shah", "email": "priya@example.com"},
		"instrument": "leadership-360",
	})
	expectStatus(t, rec, http.StatusCreated)
	id := decode[map[string]any](t, rec)["id"].(string)
	path := "/api/v1/engagements/" + id + "/sponsor-summary.pdf"
	expectStatus(t, env.api("POST", "/api/v1/engagements/"+id+"/raters", map[string]any{"raters": []map[string]string{
		{"name": "Sam Superior", "email": "sam@example.com", "group": "superior"},
		{"name": "Pat Peer", "email": "pat@example.com", "group": "peer"},
		{"name": "Pia Peer", "email": "pia@example.com", "group": "peer"},
		{"name": "Dee Report", "email": "dee@example.com", "group": "direct_report"},
		{"name": "Pete Peer", "email": "pete@example.com", "group": "peer"},
		{"name": "Paz Peer", "email": "paz@example.com", "group": "peer"},
		{"name": "Pim Peer", "email": "pim@example.com", "group": "peer"},
		{"name": "Pol Peer", "email": "pol@example.com", "group": "peer"},
		{"name": "Dan Report", "email": "dan@example.com", "group": "direct_report"},
		{"name": "Don Report", "email": "don@example.com", "group": "direct_report"},
		{"name": "Dot Report", "email": "dot@example.com", "group": "direct_report"},
		{"name": "Dix Report", "email": "dix@example.com", "group": "direct_report"},
		{"name": "Dub Report", "email": "dub@example.com", "group": "direct_report"},
	}}), http.StatusCreated)
	competencies := env.srv.Instruments["leadership-360"].Competencies
	goal := env.goalBody("Hand over the quarterly planning")
	goal["competencies"] = []string{competencies[0].ID, competencies[1].ID}
	expectStatus(t, env.api("POST", "/api/v1/engagements/"+id+"/goals", goal), http.StatusCreated)

	// Every rater answers 2 or 3 at baseline; at closing the first competency rises by two
	// points, the rest stay.
	answer := func(tokens map[threesixty.RaterGroup][]string, closing bool) {
		for _, list := range tokens {
			for i, token := range list {
				form := env.fullForm(string(rune('2' + i%2)))
				if closing {
					for _, item := range env.srv.Instruments["leadership-360"].ItemsOf(competencies[0].ID) {
						form.Set(item.ID, string(rune('4'+i%2)))
					}
				}
				expectStatus(t, env.post("/s/"+token, form), http.StatusOK)
			}
		}
	}
	baseline, tokens := env.openRound(id)
	answer(tokens, false)
	expectStatus(t, env.api("POST", "/api/v1/rounds/"+baseline.ID+"/close", nil), http.StatusOK)
	expectStatus(t, env.api("GET", path, nil), http.StatusConflict)
	closing, tokens := env.openClosingRound(id)
	answer(tokens, true)
	rec = env.api("GET", path, nil)
	expectStatus(t, rec, http.StatusConflict)
	if !strings.Contains(rec.Body.String(), "closing round is not released") {
		t.Errorf("the 409 does not say why: %s", rec.Body)
	}
	expectStatus(t, env.api("POST", "/api/v1/rounds/"+closing.ID+"/close", nil), http.StatusOK)

	rec = env.api("GET", path, nil)
	expectStatus(t, rec, http.StatusForbidden)
	if !strings.Contains(rec.Body.String(), "consent") || !strings.Contains(rec.Body.String(), "missing") {
		t.Errorf("the 403 does not say the consent is missing: %s", rec.Body)
	}

	link := env.leaderLink(id)
	downloads := 0
	for _, c := range []struct {
		scope     threesixty.ConsentScope
		must, not []string
	}{
		{threesixty.ConsentProgressByTheme, []string{competencies[0].Title + " Improved", competencies[1].Title + " Held steady", "Prepared for Priya Shah"}, []string{"Hand over the quarterly planning", "Rated highest"}},
		{threesixty.ConsentThemesAndProgress, []string{"Hand over the quarterly planning", "No check-in yet", competencies[0].Title + " Improved"}, []string{"Hand decisions to the team", "3 of 3"}},
	} {
		env.leaderPost(link, url.Values{"_action": {"consent"}, "scope": {string(c.scope)}})
		rec = env.api("GET", path, nil)
		expectStatus(t, rec, http.StatusOK)
		downloads++
		if ct := rec.Header().Get("Content-Type"); ct != "application/pdf" {
			t.Errorf("Content-Type %q", ct)
		}
		text, _ := pdfText(t, rec.Body.Bytes())
		text = strings.Join(strings.Fields(text), " ")
		for _, w := range c.must {
			if !strings.Contains(text, w) {
				t.Errorf("%s: the summary does not say %q:\n%s", c.scope, w, text)
			}
		}
		for _, w := range append(c.not, "Peers", "Direct reports", "All others", "Keeps the team focused") {
			if strings.Contains(text, w) {
				t.Errorf("%s: the summary says %q", c.scope, w)
			}
		}
	}
	var logged int
	env.Get(&logged, "SELECT count(*) FROM access_log WHERE engagement_id = $1 AND round_id = $2 AND action = 'sponsor_summary_downloaded'", id, closing.ID)
	if logged != downloads {
		t.Errorf("the access log holds %d sponsor summary downloads, want %d", logged, downloads)
	}

	env.leaderPost(link, url.Values{"_action": {"consent"}, "scope": {"none"}})
	rec = env.api("GET", path, nil)
	expectStatus(t, rec, http.StatusForbidden)
	if !strings.Contains(rec.Body.String(), "withdrew") {
		t.Errorf("the 403 does not say the consent was withdrawn: %s", rec.Body)
	}
}
