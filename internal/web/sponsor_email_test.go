package web

import (
	"context"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"threesixty/internal/mail"
	"threesixty/internal/outbox"
	"threesixty/internal/smtptest"
	"threesixty/internal/threesixty"
	"threesixty/surveys"
)

// sponsorRun is an engagement, with Priya Shah as sponsor or with none, whose leader has one
// goal on two competencies, whose baseline is released and whose closing round is answered but
// not closed: at closing the first competency improved, the second held steady.
type sponsorRun struct {
	env          *testEnv
	id           string
	closing      *threesixty.Round
	link         string // the leader's page
	competencies []surveys.Competency
	smtp         *smtptest.Server
	worker       *outbox.Worker
}

const sponsorAddress = "priya@example.com"

func (env *testEnv) sponsorRun(withSponsor bool) *sponsorRun {
	env.t.Helper()
	body := map[string]any{
		"leader":     map[string]string{"name": "Alex Morgan", "email": "alex@example.com"},
		"instrument": "leadership-360",
		"time_zone":  "Europe/Paris",
	}
	if withSponsor {
		body["sponsor"] = map[string]string{"name": "Priya Shah", "email": sponsorAddress}
	}
	rec := env.api("POST", "/api/v1/engagements", body)
	expectStatus(env.t, rec, http.StatusCreated)
	r := &sponsorRun{env: env, id: decode[map[string]any](env.t, rec)["id"].(string)}
	raters := []map[string]string{{"name": "Sam Superior", "email": "sam@example.com", "group": "superior"}}
	for _, n := range []string{"pat", "pia", "pete", "paz", "pim", "pol"} {
		raters = append(raters, map[string]string{"name": n + " Peer", "email": n + "@example.com", "group": "peer"})
	}
	for _, n := range []string{"dee", "dan", "don", "dot", "dix", "dub"} {
		raters = append(raters, map[string]string{"name": n + " Report", "email": n + "@example.com", "group": "direct_report"})
	}
	expectStatus(env.t, env.api("POST", "/api/v1/engagements/"+r.id+"/raters", map[string]any{"raters": raters}), http.StatusCreated)
	r.competencies = env.srv.Instruments["leadership-360"].Competencies
	goal := env.goalBody("Hand over the quarterly planning")
	goal["competencies"] = []string{r.competencies[0].ID, r.competencies[1].ID}
	expectStatus(env.t, env.api("POST", "/api/v1/engagements/"+r.id+"/goals", goal), http.StatusCreated)
	answer := func(tokens map[threesixty.RaterGroup][]string, closing bool) {
		for _, list := range tokens {
			for i, token := range list {
				form := env.fullForm(string(rune('2' + i%2)))
				if closing {
					for _, item := range env.srv.Instruments["leadership-360"].ItemsOf(r.competencies[0].ID) {
						form.Set(item.ID, string(rune('4'+i%2)))
					}
				}
				expectStatus(env.t, env.post("/s/"+token, form), http.StatusOK)
			}
		}
	}
	baseline, tokens := env.openRound(r.id)
	answer(tokens, false)
	expectStatus(env.t, env.api("POST", "/api/v1/rounds/"+baseline.ID+"/close", nil), http.StatusOK)
	r.closing, tokens = env.openClosingRound(r.id)
	answer(tokens, true)
	r.link = env.leaderLink(r.id)

	r.smtp = smtptest.Start(env.t)
	cfg, err := mail.ParseSMTP(r.smtp.URL(), "threesixty <feedback@survey.test>", "")
	if err != nil {
		env.t.Fatal(err)
	}
	sender, err := mail.NewSMTPSender(cfg)
	if err != nil {
		env.t.Fatal(err)
	}
	env.t.Cleanup(func() { sender.Close() })
	composer, err := mail.NewComposer(env.srv.BaseURL)
	if err != nil {
		env.t.Fatal(err)
	}
	r.worker = &outbox.Worker{Store: env.store, Composer: composer, Sender: sender, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	r.send() // the invitations, out of the way
	return r
}

// release closes and releases the closing round.
func (r *sponsorRun) release() {
	r.env.t.Helper()
	expectStatus(r.env.t, r.env.api("POST", "/api/v1/rounds/"+r.closing.ID+"/close", nil), http.StatusOK)
}

// consent has the leader give consent for scope on their page; "none" withdraws it.
func (r *sponsorRun) consent(scope string) {
	r.env.t.Helper()
	r.env.leaderPost(r.link, url.Values{"_action": {"consent"}, "scope": {scope}})
}

// send drains the outbox over SMTP, and returns the messages the sponsor received so far.
func (r *sponsorRun) send() []smtptest.Message {
	r.env.t.Helper()
	if _, err := r.worker.Drain(context.Background()); err != nil {
		r.env.t.Fatal(err)
	}
	var got []smtptest.Message
	for _, m := range r.smtp.Messages() {
		if len(m.To) == 1 && m.To[0] == sponsorAddress {
			got = append(got, m)
		}
	}
	return got
}

// summaryText is the text of the PDF a sponsor's message carries, its words joined by single
// spaces; it fails the test when the message carries no PDF.
func summaryText(t *testing.T, m smtptest.Message) string {
	t.Helper()
	if media, _, _ := mime.ParseMediaType(m.Header("Content-Type")); media != "multipart/mixed" {
		t.Fatalf("the sponsor's message is %s, not multipart/mixed:\n%.1500s", m.Header("Content-Type"), m.Data)
	}
	pdf := m.Body("application/pdf")
	if !strings.HasPrefix(pdf, "%PDF-") {
		t.Fatalf("the sponsor's message carries no PDF:\n%.1500s", m.Data)
	}
	if !strings.Contains(string(m.Data), `Alex Morgan sponsor summary.pdf`) {
		t.Errorf("the attachment is not named as the download is:\n%.3000s", m.Data)
	}
	text, _ := pdfText(t, []byte(pdf))
	return strings.Join(strings.Fields(text), " ")
}

// wantSummary checks a sponsor's message: the PDF says every one of must and none of not, and
// the text and HTML say what the summary is, that the leader can withdraw, and the dates.
func wantSummary(t *testing.T, m smtptest.Message, must, not []string) {
	t.Helper()
	text := summaryText(t, m)
	for _, w := range append(must, "Prepared for Priya Shah") {
		if !strings.Contains(text, w) {
			t.Errorf("the attached summary does not say %q:\n%s", w, text)
		}
	}
	for _, w := range append(not, "Peers", "Direct reports", "All others", "Keeps the team focused") {
		if strings.Contains(text, w) {
			t.Errorf("the attached summary says %q:\n%s", w, text)
		}
	}
	body := strings.Join(strings.Fields(m.Body("text/plain")), " ")
	html := m.Body("text/html")
	for _, w := range []string{"Hello Priya Shah,", "sponsor summary of Alex Morgan's coaching engagement with Casey Coach", "withdraw", "Reply to this email to reach Casey Coach", time.Now().In(paris()).Format("2 January 2006")} {
		if !strings.Contains(body, w) {
			t.Errorf("the text does not say %q:\n%s", w, m.Body("text/plain"))
		}
		if !strings.Contains(strings.Join(strings.Fields(html), " "), w) {
			t.Errorf("the HTML does not say %q:\n%s", w, html)
		}
	}
	if subject := m.Header("Subject"); subject != "Alex Morgan's coaching: the sponsor summary" {
		t.Errorf("subject %q", subject)
	}
	if from, reply := m.Header("From"), m.Header("Reply-To"); !strings.Contains(from, "Casey Coach via threesixty") || !strings.Contains(from, "feedback@survey.test") || !strings.Contains(reply, "coach@coaching.example.net") {
		t.Errorf("From %q, Reply-To %q: want the service's address in the coach's name, replies to the coach", from, reply)
	}
}

func paris() *time.Location {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		panic(err)
	}
	return loc
}

// sent counts the sponsor summaries the access log records as sent.
func (r *sponsorRun) sent() int {
	r.env.t.Helper()
	var n int
	r.env.Get(&n, "SELECT count(*) FROM access_log WHERE engagement_id = $1 AND round_id = $2 AND action = 'sponsor_summary_sent' AND actor_kind = 'service'", r.id, r.closing.ID)
	return n
}

// TestTheSponsorGetsTheSummaryAtTheClosingReleaseAndAtEachConsentAfter: with consent given before
// the closing release, the release mails the sponsor one summary, of that scope; each change of
// scope after it mails one more, of the new scope; a withdrawal mails nothing, and nothing is sent
// twice. Each one sent is in the access log.
func TestTheSponsorGetsTheSummaryAtTheClosingReleaseAndAtEachConsentAfter(t *testing.T) {
	env := newEnv(t)
	r := env.sponsorRun(true)
	r.consent(string(threesixty.ConsentProgressByTheme))
	if got := r.send(); len(got) != 0 {
		t.Fatalf("the sponsor got %d messages before the closing release", len(got))
	}
	r.release()
	got := r.send()
	if len(got) != 1 {
		t.Fatalf("the sponsor got %d messages at the closing release, want 1", len(got))
	}
	c := r.competencies
	byTheme := []string{c[0].Title + " Improved", c[1].Title + " Held steady"}
	wantSummary(t, got[0], byTheme, []string{"Hand over the quarterly planning", "Rated highest"})
	t.Logf("the sponsor's message, text:\n%s\nHTML:\n%s", got[0].Body("text/plain"), got[0].Body("text/html"))

	r.consent(string(threesixty.ConsentThemesAndProgress))
	got = r.send()
	if len(got) != 2 {
		t.Fatalf("the sponsor got %d messages after the leader widened the scope, want 2", len(got))
	}
	wantSummary(t, got[1], append(byTheme, "Hand over the quarterly planning"), nil)

	r.consent(string(threesixty.ConsentProgressByTheme))
	got = r.send()
	if len(got) != 3 {
		t.Fatalf("the sponsor got %d messages after the leader narrowed the scope, want 3", len(got))
	}
	wantSummary(t, got[2], byTheme, []string{"Hand over the quarterly planning", "Rated highest"})

	r.consent(string(threesixty.ConsentProgressByTheme)) // the consent that stands: no decision
	r.consent("none")
	if got = r.send(); len(got) != 3 {
		t.Errorf("the sponsor got %d messages after the leader withdrew, want still 3", len(got))
	}
	if n := r.sent(); n != 3 {
		t.Errorf("the access log holds %d sponsor summaries sent, want 3", n)
	}
	var queued int
	env.Get(&queued, "SELECT count(*) FROM outbox WHERE engagement_id = $1 AND purpose = 'sponsor_summary'", r.id)
	if queued != 3 {
		t.Errorf("%d sponsor summaries were queued, want 3: one per decision that gives consent", queued)
	}

	// The admins' audit log names the send, and who made it.
	_, admin := env.coachWithPassword("ada@coaching.example.net", "Ada Admin", threesixty.RoleAdmin)
	page := admin.get("/admin/audit-log")
	expectStatus(t, page, http.StatusOK)
	if body := page.Body.String(); strings.Count(body, "Emailed the sponsor summary to the sponsor") != 3 || !strings.Contains(body, "The service, with the leader") {
		t.Errorf("the audit log does not show the three summaries the service sent:\n%s", body)
	}
}

// TestTheSponsorSummaryGoesWithTheConsentInForceWhenSent: a release without consent mails
// nothing; consent given after it mails one summary; a withdrawal before the worker gets to a
// queued summary drops it, recorded as cancelled; two decisions before the worker sends mail one
// summary, of the later scope; and deleting the engagement takes its queued summary with it.
func TestTheSponsorSummaryGoesWithTheConsentInForceWhenSent(t *testing.T) {
	env := newEnv(t)
	r := env.sponsorRun(true)
	r.release()
	if got := r.send(); len(got) != 0 {
		t.Fatalf("the sponsor got %d messages at a release without consent", len(got))
	}
	r.consent(string(threesixty.ConsentGoalsAndProgress))
	got := r.send()
	if len(got) != 1 {
		t.Fatalf("the sponsor got %d messages after the leader gave consent, want 1", len(got))
	}
	c := r.competencies
	wantSummary(t, got[0], []string{c[0].Title + " Improved", "Hand over the quarterly planning"}, []string{"Rated highest"})

	r.consent("none")
	r.consent(string(threesixty.ConsentThemesAndProgress))
	r.consent("none")
	if got = r.send(); len(got) != 1 {
		t.Errorf("the sponsor got %d messages, want still 1: the consent was withdrawn before the summary went", len(got))
	}
	var reason string
	env.Get(&reason, "SELECT last_error FROM outbox WHERE engagement_id = $1 AND purpose = 'sponsor_summary' AND status = 'cancelled'", r.id)
	if !strings.Contains(reason, "withdrew") {
		t.Errorf("the dropped summary's reason is %q", reason)
	}

	r.consent(string(threesixty.ConsentThemesAndProgress))
	r.consent(string(threesixty.ConsentProgressByTheme))
	got = r.send()
	if len(got) != 2 {
		t.Fatalf("the sponsor got %d messages after two decisions, want 2 in all: one for the later", len(got))
	}
	wantSummary(t, got[1], []string{c[0].Title + " Improved"}, []string{"Hand over the quarterly planning", "Rated highest"})
	if n := r.sent(); n != 2 {
		t.Errorf("the access log holds %d sponsor summaries sent, want 2", n)
	}

	r.consent(string(threesixty.ConsentGoalsAndProgress))
	var queued int
	env.Get(&queued, "SELECT count(*) FROM outbox WHERE engagement_id = $1 AND purpose = 'sponsor_summary' AND status = 'queued'", r.id)
	if queued != 1 {
		t.Fatalf("%d sponsor summaries queued, want 1", queued)
	}
	_, admin := env.account("admin@coaching.example.net", "Ada Admin", threesixty.RoleAdmin)
	expectStatus(t, env.do("DELETE", "/api/v1/engagements/"+r.id, "", "", "Authorization", "Bearer "+admin), http.StatusNoContent)
	env.Get(&queued, "SELECT count(*) FROM outbox WHERE engagement_id = $1", r.id)
	if queued != 0 {
		t.Errorf("%d of the deleted engagement's messages are left in the outbox", queued)
	}
	if got = r.send(); len(got) != 2 {
		t.Errorf("the sponsor got %d messages, want still 2 after the deletion", len(got))
	}
}

// TestNoSponsorNoSponsorSummary: an engagement without a sponsor queues no summary, at the
// release or at a decision after it.
func TestNoSponsorNoSponsorSummary(t *testing.T) {
	env := newEnv(t)
	r := env.sponsorRun(false)
	r.consent(string(threesixty.ConsentProgressByTheme))
	r.release()
	r.consent(string(threesixty.ConsentThemesAndProgress))
	var queued int
	env.Get(&queued, "SELECT count(*) FROM outbox WHERE purpose = 'sponsor_summary'")
	if queued != 0 {
		t.Errorf("%d sponsor summaries queued for an engagement without a sponsor", queued)
	}
	r.send()
	if n := r.sent(); n != 0 {
		t.Errorf("the access log holds %d sponsor summaries sent", n)
	}
}
