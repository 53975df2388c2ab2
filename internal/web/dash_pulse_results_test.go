package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"threesixty/internal/results"
	"threesixty/internal/threesixty"
	"threesixty/surveys"
)

// releasedPulse runs an engagement with two goals through its baseline and a midpoint pulse with
// known answers: the leader answers 6 (+2) on both goals; peers 5, 6 and 7 on the first goal and
// 2 on the second; the superior and the direct report 4 (no change). The release merges the
// peers with the others, as the baseline did. It returns the engagement
// and the released pulse.
func (env *testEnv) releasedPulse() (string, *threesixty.Round) {
	env.t.Helper()
	id := env.engagement(3, false)
	expectStatus(env.t, env.api("POST", "/api/v1/engagements/"+id+"/raters", map[string]any{"raters": []map[string]string{
		{"name": "Pam Peer", "email": "pam@example.com", "group": "peer"},
	}}), http.StatusCreated)
	env.releasedBaseline(id)
	env.createGoal(id, "Delegating decisions")
	env.createGoal(id, "Listening <first>")
	pulse, _, err := env.store.OpenRound(context.Background(), env.coach, id, threesixty.RoundPlan{
		Kind: threesixty.RoundKindMidpoint, ClosesAt: time.Now().Add(72 * time.Hour), Reminders: threesixty.DefaultReminders,
	})
	if err != nil {
		env.t.Fatal(err)
	}
	in, err := env.store.InstrumentVersion(context.Background(), pulse.InstrumentVersion)
	if err != nil {
		env.t.Fatal(err)
	}
	for group, list := range env.pulseTokens(pulse.ID) {
		for i, token := range list {
			form := pulseForm(in, "4")
			switch group {
			case threesixty.GroupSelf:
				form = pulseForm(in, "6")
			case threesixty.GroupPeer:
				form = pulseForm(in, strconv.Itoa(5+i))
				form.Set(surveys.PulseCompetencyID(1)+"-change", "2")
			}
			expectStatus(env.t, env.post("/s/"+token, form), http.StatusOK)
		}
	}
	if pulse, err = env.store.CloseRound(context.Background(), env.coach, pulse.ID); err != nil {
		env.t.Fatal(err)
	}
	return id, pulse
}

// TestThePulseResultsPageShowsTheChangeByGoal: each goal's change for every published group is
// the release's mean less the scale's zero, with its raters, written and charted on −3..+3; the
// comments are the release's; the view is in the access log; and there is no PDF to download.
func TestThePulseResultsPageShowsTheChangeByGoal(t *testing.T) {
	env := newEnv(t)
	_, pulse := env.releasedPulse()
	res := decode[results.Results](t, env.api("GET", "/api/v1/rounds/"+pulse.ID+"/results", nil))
	var viewedBefore int
	env.Get(&viewedBefore, `SELECT count(*) FROM access_log WHERE round_id = $1 AND action = 'results_viewed'`, pulse.ID)

	b := env.roundsCoach()
	body := wantPage(t, b.get("/rounds/"+pulse.ID), http.StatusOK, "Midpoint", "Change by goal", "Delegating decisions", "Listening <first>",
		"No PDF for the pulse", "the closing report shows what it said about each goal",
		"Scale of change: −3 Much less effective", "0 No change", "+3 Much more effective",
		"Self: <strong>+2.00</strong>, 1 rater", "Who is in the results", "A group is shown on its own only with at least 3 responses",
		"What has Alex Morgan done differently")
	if strings.Contains(body, "report.pdf") || strings.Contains(body, "Share the report") {
		t.Error("the pulse's page offers a PDF or a share it does not have")
	}
	labels := map[string]string{}
	for _, g := range res.Groups {
		labels[g.Key] = g.Label
	}
	if len(res.Competencies) != 2 || len(res.Groups) < 2 {
		t.Fatalf("the release has %d goals and %d groups", len(res.Competencies), len(res.Groups))
	}
	for _, comp := range res.Competencies {
		card := between(t, body, `id="pulse-`+comp.ID+`"`, "</svg>")
		for _, s := range comp.Scores {
			change := surveys.Signed(s.Mean-4, 2)
			raters := strconv.Itoa(s.N) + " raters"
			if s.N == 1 {
				raters = "1 rater"
			}
			for _, want := range []string{labels[s.Group] + ": <strong>" + change + "</strong>, " + raters, labels[s.Group] + ": " + change + " (" + raters + ")."} {
				if !strings.Contains(card, want) {
					t.Errorf("%s: the page does not show %q:\n%s", comp.ID, want, card)
				}
			}
		}
		if len(comp.Scores) != len(res.Groups) && !strings.Contains(card, "not enough responses to show") {
			t.Errorf("%s: a group without a change is not said to have none", comp.ID)
		}
	}
	// All others' known answers: 4, 4, 5, 6 and 7 on the first goal (+1.20); 4, 4, 2, 2 and 2 on
	// the second (−1.20).
	for goal, want := range map[string]string{"goal-1": "All others: <strong>+1.20</strong>, 5 raters", "goal-2": "All others: <strong>−1.20</strong>, 5 raters"} {
		if !strings.Contains(between(t, body, `id="pulse-`+goal+`"`, "</svg>"), want) {
			t.Errorf("%s: All others' change is not %q", goal, want)
		}
	}
	if got, want := strings.Count(body, "<blockquote>"), len(res.Comments); got != want || want == 0 {
		t.Errorf("%d comments shown, %d published", got, want)
	}
	var viewed int
	env.Get(&viewed, `SELECT count(*) FROM access_log WHERE round_id = $1 AND action = 'results_viewed'`, pulse.ID)
	if viewed != viewedBefore+1 {
		t.Errorf("the page's view was recorded %d times", viewed-viewedBefore)
	}
	if strings.Contains(b.get("/rounds/"+pulse.ID).Body.String(), "Listening <first>") {
		t.Error("a goal's title reached the page unescaped")
	}
	wantPage(t, b.get("/rounds/"+pulse.ID+"/report.pdf"), http.StatusConflict, "no PDF report of its own")
}

// TestTheClosingReportShowsThePulse: the pulse has no report of its own, so the closing report
// must carry it: each goal's change as the pulse's release has it, for the coach and for the
// leader the closing report is shared with.
func TestTheClosingReportShowsThePulse(t *testing.T) {
	env := newEnv(t)
	engagement, _ := env.releasedPulse()
	closing, tokens := env.openClosingRound(engagement)
	env.answerAll(tokens, "4")
	if _, err := env.store.CloseRound(context.Background(), env.coach, closing.ID); err != nil {
		t.Fatal(err)
	}
	rec := env.api("GET", "/api/v1/rounds/"+closing.ID+"/report.pdf", nil)
	expectStatus(t, rec, http.StatusOK)
	text, _ := pdfText(t, rec.Body.Bytes())
	text = strings.Join(strings.Fields(text), " ")
	for _, want := range []string{"Goal 1: Delegating decisions", "Goal 2: Listening <first>", "Self +2.00 (1 rater)",
		"All others +1.20 (5 raters)", "All others -1.20 (5 raters)"} {
		if !strings.Contains(text, want) {
			t.Errorf("the closing report does not say %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "There was no midpoint pulse") {
		t.Error("the closing report says there was no pulse")
	}
}
