package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"threesixty/internal/results"
	"threesixty/internal/threesixty"
)

// releasedClosing runs an engagement through a released baseline and a released closing round
// with known answers: peers answer 2 and 3 at the baseline and 4 and 5 at the closing round; the
// superior and the direct reports answer 3 both times. It returns the engagement and both rounds.
func (env *testEnv) releasedClosing() (string, *threesixty.Round, *threesixty.Round) {
	env.t.Helper()
	id := env.engagement(3, false)
	expectStatus(env.t, env.api("POST", "/api/v1/engagements/"+id+"/raters", map[string]any{"raters": []map[string]string{
		{"name": "Pam Peer", "email": "pam@example.com", "group": "peer"},
		{"name": "Pio Peer", "email": "pio@example.com", "group": "peer"},
		{"name": "Poe Peer", "email": "poe@example.com", "group": "peer"},
		{"name": "Dan Report", "email": "dan@example.com", "group": "direct_report"},
		{"name": "Don Report", "email": "don@example.com", "group": "direct_report"},
	}}), http.StatusCreated)
	answer := func(tokens map[threesixty.RaterGroup][]string, peers ...string) {
		for group, list := range tokens {
			for i, token := range list {
				value := "3"
				if group == threesixty.GroupPeer {
					value = peers[i%len(peers)]
				}
				expectStatus(env.t, env.post("/s/"+token, env.fullForm(value)), http.StatusOK)
			}
		}
	}
	baseline, tokens := env.openRound(id)
	answer(tokens, "2", "3")
	if _, err := env.store.CloseRound(context.Background(), env.coach, baseline.ID); err != nil {
		env.t.Fatal(err)
	}
	closing, tokens := env.openClosingRound(id)
	answer(tokens, "4", "5")
	if _, err := env.store.CloseRound(context.Background(), env.coach, closing.ID); err != nil {
		env.t.Fatal(err)
	}
	return id, baseline, closing
}

// TestTheClosingResultsPageShowsWhatChanged: every change of the frozen comparison is on the page
// with the release's numbers and raters, meaningful ones marked and no other, with the rule in
// the report's words; then the closing round's own results, its PDFs and the share button.
func TestTheClosingResultsPageShowsWhatChanged(t *testing.T) {
	env := newEnv(t)
	engagement, _, closing := env.releasedClosing()
	cmp := decode[results.Comparison](t, env.api("GET", "/api/v1/engagements/"+engagement+"/comparison", nil))
	res := decode[results.Results](t, env.api("GET", "/api/v1/rounds/"+closing.ID+"/results", nil))
	labels := map[string]string{}
	for _, g := range res.Groups {
		labels[g.Key] = g.Label
	}
	var viewedBefore int
	env.Get(&viewedBefore, `SELECT count(*) FROM access_log WHERE round_id = $1 AND action = 'results_viewed'`, closing.ID)

	b := env.roundsCoach()
	body := wantPage(t, b.get("/rounds/"+closing.ID), http.StatusOK, "Closing round results", "What changed",
		"A change is marked meaningful when it is at least 0.50 points and at least twice what chance alone would move it",
		"The closing round on its own", "Who is in the results", "Summary by competency", "What stands out", "Comments",
		`href="/rounds/`+closing.ID+`/report.pdf"`, `href="/rounds/`+closing.ID+`/report.pdf?page_size=letter"`,
		"Share the report with Alex Morgan")
	if strings.Contains(body, "no results page") {
		t.Error("the closing round's page still says it has no results page")
	}
	meaningful := 0
	for _, cc := range cmp.Competencies {
		card := between(t, body, `id="change-`+cc.ID+`"`, "</table>")
		for _, ch := range cc.Changes {
			raters := func(n int) string {
				if n == 1 {
					return "1 rater"
				}
				return strconv.Itoa(n) + " raters"
			}
			change := strconv.FormatFloat(ch.Change, 'f', 2, 64)
			if ch.Change > 0 {
				change = "+" + change
			}
			if ch.Meaningful {
				change = "<strong>" + change + `</strong><span class="sub">meaningful</span>`
				meaningful++
			}
			want := `<th scope="row">` + labels[ch.Group] + `</th><td class="num">` + strconv.FormatFloat(ch.Baseline.Mean, 'f', 2, 64) +
				`<span class="sub">` + raters(ch.Baseline.N) + `</span></td><td class="num">` + strconv.FormatFloat(ch.Closing.Mean, 'f', 2, 64) +
				`<span class="sub">` + raters(ch.Closing.N) + `</span></td><td class="num">` + change + `</td>`
			if !strings.Contains(card, want) {
				t.Errorf("%s %s: the page does not show %s:\n%s", cc.ID, ch.Group, want, card)
			}
		}
	}
	// The release withholds these peers' spread (the audit finds it would give answers away), so
	// no change here is meaningful; reports.TestWebChangesShowTheComparison covers the marking.
	if strings.Count(body, `<span class="sub">meaningful</span>`) != meaningful {
		t.Errorf("%d meaningful changes in the comparison, %d marked on the page", meaningful, strings.Count(body, `<span class="sub">meaningful</span>`))
	}
	// The closing round's own scores, as its release has them.
	for _, it := range res.Items {
		chart := chartOf(t, body, "chart-item-"+it.ID)
		for _, s := range it.Scores {
			if want := labels[s.Group] + ": " + strconv.FormatFloat(s.Mean, 'f', 2, 64) + " ("; !strings.Contains(chart, want) {
				t.Errorf("item %s: the page does not show %q", it.ID, want)
			}
		}
	}
	var viewed int
	env.Get(&viewed, `SELECT count(*) FROM access_log WHERE round_id = $1 AND action = 'results_viewed'`, closing.ID)
	if viewed != viewedBefore+1 {
		t.Errorf("the page's view was recorded %d times", viewed-viewedBefore)
	}

	for _, size := range []string{"", "?page_size=letter"} {
		if rec := b.get("/rounds/" + closing.ID + "/report.pdf" + size); rec.Code != http.StatusOK || !strings.HasPrefix(rec.Body.String(), "%PDF-") ||
			!strings.Contains(rec.Header().Get("Content-Disposition"), "closing report") {
			t.Errorf("the closing report%s answered %d %v", size, rec.Code, rec.Header())
		}
	}
	wantPage(t, wantRedirect(t, b, b.submit("/rounds/"+closing.ID+"/share", nil), "/rounds/"+closing.ID), http.StatusOK,
		"The report is shared: Alex Morgan is emailed a link", "Shared on ")
	wantPage(t, b.get("/engagements/"+engagement+"/rounds/new"), http.StatusOK, "closing round has run")
}

// TestAClosingRoundWithNothingComparedSaysWhy: groups made up differently in the two rounds are
// named with the report's reason, and the page still shows the closing round's own results.
func TestAClosingRoundWithNothingComparedSaysWhy(t *testing.T) {
	env := newEnv(t)
	engagement := env.engagement(3, false)
	baseline, tokens := env.openRound(engagement)
	env.answerAll(tokens, "4")
	if _, err := env.store.CloseRound(context.Background(), env.coach, baseline.ID); err != nil {
		t.Fatal(err)
	}
	b := env.roundsCoach()
	wantPage(t, b.get("/engagements/"+engagement+"/rounds/new"), http.StatusOK, "Closing round", `name="kind" value="closing"`)
	rec := b.submit("/engagements/"+engagement+"/rounds", url.Values{"kind": {"closing"}, "closes_on": {time.Now().AddDate(0, 1, 0).Format(time.DateOnly)},
		"after_days": {"0"}, "before_close_days": {"0"}, "limit": {"0"}})
	path := location(rec)
	wantPage(t, b.get(path), http.StatusOK, "Closing round opened: 5 invitations are on their way.", "No reminders: the round allows none")
	// Only the leader answers the closing round.
	closing := strings.TrimPrefix(path, "/rounds/")
	var invitation string
	env.Get(&invitation, `SELECT id FROM invitations WHERE round_id = $1 AND rater_group = 'self'`, closing)
	minted, err := env.store.MintTokens(context.Background(), []string{invitation})
	if err != nil {
		t.Fatal(err)
	}
	expectStatus(t, env.post("/s/"+minted[0], env.fullForm("5")), http.StatusOK)
	body := wantPage(t, wantRedirect(t, b, b.submit(path+"/close", nil), path), http.StatusOK, "Closing round results", "What changed",
		"All others were shown only at the baseline, so their change is not shown.", "Summary by competency")
	cmp := decode[results.Comparison](t, env.api("GET", "/api/v1/engagements/"+engagement+"/comparison", nil))
	for _, cc := range cmp.Competencies {
		for _, ch := range cc.Changes {
			if ch.Group != results.KeySelf {
				t.Errorf("%s compared for %s", cc.ID, ch.Group)
			}
		}
	}
	if strings.Contains(body, "All others</th>") {
		t.Error("the page shows a change for All others, which the closing round did not publish")
	}
}

// between is the part of body from the first from to the first to after it.
func between(t *testing.T, body, from, to string) string {
	t.Helper()
	_, after, ok := strings.Cut(body, from)
	if !ok {
		t.Fatalf("the page has no %s", from)
	}
	part, _, _ := strings.Cut(after, to)
	return part
}
