package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

// TestTheLeaderGetsTheClosingReportWithThePulseInside: a pulse is never shared on its own (the
// refusal says where its results are), and the leader reaches it only inside the closing report,
// which downloads from their page once the coach shares it.
func TestTheLeaderGetsTheClosingReportWithThePulseInside(t *testing.T) {
	env := newEnv(t)
	engagement, pulse := env.releasedPulse()
	link := env.leaderLink(engagement)
	rec := env.api("POST", "/api/v1/rounds/"+pulse.ID+"/share", nil)
	expectStatus(t, rec, http.StatusConflict)
	if got := decode[apiError](t, rec); !strings.Contains(got.Message, "closing report") {
		t.Errorf("sharing a pulse: %q, want it to say the closing report carries it", got.Message)
	}
	expectStatus(t, env.do("GET", link+"?report="+pulse.ID, "", ""), http.StatusNotFound)

	closing, tokens := env.openClosingRound(engagement)
	env.answerAll(tokens, "4")
	if _, err := env.store.CloseRound(context.Background(), env.coach, closing.ID); err != nil {
		t.Fatal(err)
	}
	if page := env.leaderPage(link); strings.Contains(page, closing.ID) {
		t.Error("the page lists a closing report the coach has not shared")
	}
	expectStatus(t, env.do("GET", link+"?report="+closing.ID, "", ""), http.StatusNotFound)

	expectStatus(t, env.api("POST", "/api/v1/rounds/"+closing.ID+"/share", nil), http.StatusOK)
	page := env.leaderPage(link)
	if !strings.Contains(page, `href="?report=`+closing.ID+`" download>Your closing report (PDF)`) || strings.Contains(page, pulse.ID) {
		t.Fatalf("the leader's page lists:\n%s", page)
	}
	rec = env.do("GET", link+"?report="+closing.ID, "", "")
	expectStatus(t, rec, http.StatusOK)
	if rec.Header().Get("Content-Type") != "application/pdf" || !strings.Contains(rec.Header().Get("Content-Disposition"), "closing report") {
		t.Fatalf("the download is %s, %s", rec.Header().Get("Content-Type"), rec.Header().Get("Content-Disposition"))
	}
	text, _ := pdfText(t, rec.Body.Bytes())
	text = strings.Join(strings.Fields(text), " ")
	for _, want := range []string{"What changed", "Midpoint pulse", "All others +1.20 (5 raters)", "All others -1.20 (5 raters)"} {
		if !strings.Contains(text, want) {
			t.Errorf("the leader's closing report does not say %q", want)
		}
	}
	var downloads int
	env.Get(&downloads, `SELECT count(*) FROM access_log WHERE round_id = $1 AND action = 'report_downloaded' AND actor_kind = 'leader'`, closing.ID)
	if downloads != 1 {
		t.Errorf("%d leader downloads in the access log, want 1", downloads)
	}
	expectStatus(t, env.do("GET", link+"?report="+pulse.ID, "", ""), http.StatusNotFound)
}
