package web

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"threesixty/internal/threesixty"
)

func TestSurveyPageShowsPromiseAndPhrasing(t *testing.T) {
	env := newEnv(t)
	id := env.engagement(4, true)
	_, tokens := env.openRound(id)
	in := env.srv.Instruments["leadership-360"]
	item := in.Items[0]

	rec := env.do("GET", "/s/"+tokens[threesixty.GroupPeer][0], "", "")
	expectStatus(t, rec, http.StatusOK)
	page := rec.Body.String()
	for _, want := range []string{"Feedback for Alex Morgan", "at least 4 people", "without your name", html.EscapeString(item.Others),
		`name="` + item.ID + `" value="1"`, `name="` + item.ID + `" value="na"`, `name="` + in.Questions[0].ID + `"`, "<fieldset", "<legend>", "<progress"} {
		if !strings.Contains(page, want) {
			t.Errorf("peer page lacks %q", want)
		}
	}
	if strings.Contains(page, html.EscapeString(item.Self)) || strings.Contains(page, "may be able to tell") {
		t.Error("peer page shows the self phrasing or the superior notice")
	}
	h := rec.Header()
	for name, want := range map[string]string{"Referrer-Policy": "no-referrer", "Cache-Control": "no-store", "X-Robots-Tag": "noindex"} {
		if !strings.Contains(h.Get(name), want) {
			t.Errorf("%s = %q, want %q", name, h.Get(name), want)
		}
	}
	csp := h.Get("Content-Security-Policy")
	if !strings.Contains(csp, "default-src 'none'") || strings.Contains(csp, "http") {
		t.Errorf("CSP = %q", csp)
	}

	rec = env.do("GET", "/s/"+tokens[threesixty.GroupSelf][0], "", "")
	expectStatus(t, rec, http.StatusOK)
	if page := rec.Body.String(); !strings.Contains(page, html.EscapeString(item.Self)) || strings.Contains(page, html.EscapeString(item.Others)) {
		t.Error("self page does not use the self phrasing")
	}
	rec = env.do("GET", "/s/"+tokens[threesixty.GroupSuperior][0], "", "")
	if !strings.Contains(rec.Body.String(), "may be able to tell") {
		t.Error("an identifiable superior is not told so")
	}
}

func TestSubmitNeedsEveryItemAndKeepsAnswers(t *testing.T) {
	env := newEnv(t)
	_, tokens := env.openRound(env.engagement(3, false))
	in := env.srv.Instruments["leadership-360"]
	form := env.fullForm("5")
	form.Del(in.Items[3].ID)
	form.Set(in.Items[4].ID, "7")
	form.Set(in.Items[5].ID, "na")
	form.Set(in.Questions[0].ID, "Zoë's stand-ups: 简洁明了 ✓")
	token := tokens[threesixty.GroupPeer][0]

	rec := env.post("/s/"+token, form)
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	page := rec.Body.String()
	for _, want := range []string{`id="` + in.Items[3].ID + `-problem"`, "Choose an answer", html.EscapeString(`"7" is not a choice on the scale`),
		`name="` + in.Items[0].ID + `" value="5" checked`, `name="` + in.Items[5].ID + `" value="na" checked`, "Zoë&#39;s stand-ups: 简洁明了 ✓"} {
		if !strings.Contains(page, want) {
			t.Errorf("re-shown form lacks %q", want)
		}
	}

	long := env.fullForm("3")
	long.Set(in.Questions[1].ID, strings.Repeat("é", threesixty.MaxCommentRunes+1))
	rec = env.post("/s/"+token, long)
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	if !strings.Contains(rec.Body.String(), "the limit is 4000") {
		t.Error("an over-long comment is not reported")
	}

	full := env.fullForm("4")
	full.Set(in.Questions[1].ID, strings.Repeat("é", threesixty.MaxCommentRunes))
	rec = env.post("/s/"+token, full)
	expectStatus(t, rec, http.StatusOK)
	if !strings.Contains(rec.Body.String(), "Thank you") {
		t.Errorf("no thank-you page: %s", rec.Body.String())
	}
	rec = env.post("/s/"+token, full)
	expectStatus(t, rec, http.StatusGone)
	rec = env.do("GET", "/s/"+token, "", "")
	expectStatus(t, rec, http.StatusGone)
	if !strings.Contains(rec.Body.String(), "already been used") {
		t.Error("a used link does not say so")
	}
}

func TestDraftSaveAndResume(t *testing.T) {
	env := newEnv(t)
	_, tokens := env.openRound(env.engagement(3, false))
	in := env.srv.Instruments["leadership-360"]
	token := tokens[threesixty.GroupDirectReport][0]
	form := url.Values{}
	form.Set(in.Items[0].ID, "2")
	form.Set(in.Items[1].ID, "na")
	form.Set(in.Questions[2].ID, "Fewer late-night emails.")

	rec := env.post("/s/"+token+"/draft", form)
	expectStatus(t, rec, http.StatusSeeOther)
	if loc := rec.Header().Get("Location"); loc != "http://survey.test/s/"+token+"?saved=1" {
		t.Errorf("redirect to %q", loc)
	}
	_, drafts := env.OpenRoundAnswers()
	if drafts != 1 {
		t.Errorf("%d drafts after saving one", drafts)
	}

	rec = env.do("GET", "/s/"+token+"?saved=1", "", "")
	expectStatus(t, rec, http.StatusOK)
	page := rec.Body.String()
	for _, want := range []string{`name="` + in.Items[0].ID + `" value="2" checked`, `name="` + in.Items[1].ID + `" value="na" checked`, "Fewer late-night emails.", "Your answers are saved", `value="2">2 of`} {
		if !strings.Contains(page, want) {
			t.Errorf("resumed page lacks %q", want)
		}
	}
	expectStatus(t, env.post("/s/"+token, env.fullForm("3")), http.StatusOK)
	_, drafts = env.OpenRoundAnswers()
	if drafts != 0 {
		t.Errorf("%d drafts left after submission", drafts)
	}
}

func TestDecline(t *testing.T) {
	env := newEnv(t)
	round, tokens := env.openRound(env.engagement(3, false))
	token := tokens[threesixty.GroupPeer][1]
	rec := env.post("/s/"+token+"/decline", url.Values{})
	expectStatus(t, rec, http.StatusOK)
	rec = env.do("GET", "/s/"+token, "", "")
	expectStatus(t, rec, http.StatusGone)
	if !strings.Contains(rec.Body.String(), "decline") {
		t.Error("a declined link does not say so")
	}
	expectStatus(t, env.post("/s/"+token, env.fullForm("3")), http.StatusGone)
	r, err := env.store.Round(context.Background(), env.coach, round.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range r.Progress {
		if p.Group == threesixty.GroupPeer && (p.Declined != 1 || p.Completed != 0) {
			t.Errorf("peer progress = %+v", p)
		}
	}
}

func TestLinksThatCannotBeUsed(t *testing.T) {
	env := newEnv(t)
	round, tokens := env.openRound(env.engagement(3, false))

	rec := env.do("GET", "/s/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "", "")
	expectStatus(t, rec, http.StatusNotFound)
	if body := rec.Body.String(); !strings.Contains(body, "does not work") || strings.Contains(body, "Alex") {
		t.Error("an unknown link's page is wrong or names the leader")
	}
	expectStatus(t, env.do("GET", "/s/short", "", ""), http.StatusNotFound)

	if _, err := env.DB.Exec("UPDATE rounds SET closes_at = now() - interval '1 minute' WHERE id = $1", round.ID); err != nil {
		t.Fatal(err)
	}
	rec = env.do("GET", "/s/"+tokens[threesixty.GroupPeer][0], "", "")
	expectStatus(t, rec, http.StatusGone)
	if body := rec.Body.String(); !strings.Contains(body, "has passed") || strings.Contains(body, "Alex") {
		t.Error("an expired link's page is wrong or names the leader")
	}
	expectStatus(t, env.post("/s/"+tokens[threesixty.GroupPeer][0], env.fullForm("3")), http.StatusGone)

	if _, err := env.DB.Exec("UPDATE rounds SET closes_at = now() + interval '1 day' WHERE id = $1", round.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := env.store.CloseRound(context.Background(), env.coach, round.ID); err != nil {
		t.Fatal(err)
	}
	rec = env.do("GET", "/s/"+tokens[threesixty.GroupPeer][0], "", "")
	expectStatus(t, rec, http.StatusGone)
	if !strings.Contains(rec.Body.String(), "closed") {
		t.Error("a closed round's link does not say so")
	}
	expectStatus(t, env.post("/s/"+tokens[threesixty.GroupPeer][0]+"/draft", env.fullForm("3")), http.StatusGone)
}

func TestCrossSitePostIsRejected(t *testing.T) {
	env := newEnv(t)
	_, tokens := env.openRound(env.engagement(3, false))
	token := tokens[threesixty.GroupPeer][0]
	expectStatus(t, env.post("/s/"+token, env.fullForm("3"), "Sec-Fetch-Site", "cross-site"), http.StatusForbidden)
	expectStatus(t, env.post("/s/"+token+"/decline", url.Values{}, "Origin", "https://evil.example"), http.StatusForbidden)
	expectStatus(t, env.post("/s/"+token, env.fullForm("3"), "Sec-Fetch-Site", "same-origin", "Origin", "null"), http.StatusOK)
}

func TestExactlyOneResponseUnderConcurrentSubmits(t *testing.T) {
	env := newEnv(t)
	_, tokens := env.openRound(env.engagement(3, false))
	token := tokens[threesixty.GroupPeer][0]
	form := env.fullForm("4")
	codes := make([]int, 50)
	var wg sync.WaitGroup
	for i := range codes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i] = env.post("/s/"+token, form).Code
		}()
	}
	wg.Wait()
	count := map[int]int{}
	for _, c := range codes {
		count[c]++
	}
	if count[http.StatusOK] != 1 || count[http.StatusGone] != 49 {
		t.Errorf("status counts = %v, want one 200 and 49 410", count)
	}
	if held, _ := env.OpenRoundAnswers(); held != 1 {
		t.Errorf("%d responses held, want 1", held)
	}
}

func TestTokenGuessingIsLimited(t *testing.T) {
	env := newEnv(t)
	for i := 0; i < threesixty.GuessLimit; i++ {
		expectStatus(t, env.do("GET", "/s/guess"+strings.Repeat("x", i), "", ""), http.StatusNotFound)
	}
	rec := env.do("GET", "/s/one-more-guess", "", "")
	expectStatus(t, rec, http.StatusTooManyRequests)
	if rec.Header().Get("Retry-After") == "" {
		t.Error("a 429 without Retry-After")
	}
	// A spoofed X-Forwarded-For does not give a fresh allowance.
	expectStatus(t, env.do("GET", "/s/another-guess", "", "", "X-Forwarded-For", "203.0.113.9"), http.StatusTooManyRequests)
	if n := strings.Count(env.logged.String(), "over the limit for one address"); n != 1 {
		t.Errorf("the limit was logged %d times, want once when it was first passed", n)
	}
}

// TestAValidLinkWorksFromAGuessingAddress: two people behind one address (an office, a VPN). One
// opens a hundred broken links; the other opens, saves and submits a whole survey from the same
// address, and nothing they typed is refused. A guessed hit is impossible with 256-bit tokens,
// so letting hits through gives a guesser nothing.
func TestAValidLinkWorksFromAGuessingAddress(t *testing.T) {
	env := newEnv(t)
	_, tokens := env.openRound(env.engagement(3, false))
	for i := 0; i <= threesixty.GuessLimit; i++ {
		env.do("GET", "/s/guess"+strings.Repeat("x", i), "", "")
	}
	expectStatus(t, env.do("GET", "/s/one-more-guess", "", ""), http.StatusTooManyRequests)
	good := "/s/" + tokens[threesixty.GroupPeer][0]
	expectStatus(t, env.do("GET", good, "", ""), http.StatusOK)
	expectStatus(t, env.post(good+"/draft", env.fullForm("4")), http.StatusSeeOther)
	expectStatus(t, env.post(good, env.fullForm("4")), http.StatusOK)
	if held, _ := env.OpenRoundAnswers(); held != 1 {
		t.Errorf("%d responses held, want the one submitted", held)
	}
}

// TestGuessesFromManyAddressesMeetACeiling: a guesser spread over many addresses stays under
// each address's limit; the misses of everyone together meet a ceiling, after which every miss
// answers 429, from a fresh address too, while a valid link still works.
func TestGuessesFromManyAddressesMeetACeiling(t *testing.T) {
	env := newEnv(t)
	_, tokens := env.openRound(env.engagement(3, false))
	for i := 0; i < threesixty.GuessCeiling; i++ {
		misses, err := env.store.CountTokenGuess(t.Context(), fmt.Sprintf("198.51.100.%d", i%250))
		if err != nil {
			t.Fatal(err)
		}
		if misses.Client > threesixty.GuessLimit || misses.All != i+1 {
			t.Fatalf("miss %d counted %+v", i+1, misses)
		}
	}
	expectStatus(t, env.do("GET", "/s/from-a-fresh-address", "", ""), http.StatusTooManyRequests)
	if !strings.Contains(env.logged.String(), "service-wide ceiling") {
		t.Error("passing the ceiling was not logged")
	}
	expectStatus(t, env.do("GET", "/s/"+tokens[threesixty.GroupPeer][0], "", ""), http.StatusOK)
}

func TestTokensNeverLogged(t *testing.T) {
	env := newEnv(t)
	_, tokens := env.openRound(env.engagement(3, false))
	token := tokens[threesixty.GroupPeer][0]
	env.do("GET", "/s/"+token, "", "")
	env.post("/s/"+token+"/draft", url.Values{})
	env.post("/s/"+token, env.fullForm("2"))
	env.do("GET", "/s/"+token, "", "")
	logged := env.logged.String()
	if !strings.Contains(logged, "/s/[token]") {
		t.Fatalf("survey requests were not logged: %s", logged)
	}
	if strings.Contains(logged, token) || strings.Contains(logged, env.token) {
		t.Error("a token reached the log")
	}
	env.do(token[:20], "/healthz", "", "")
	if strings.Contains(env.logged.String(), token[:20]) {
		t.Error("a token sent as the method reached the log")
	}
}

func TestSurveyErrorsArePages(t *testing.T) {
	env := newEnv(t)
	_, tokens := env.openRound(env.engagement(3, false))
	huge := url.Values{"keep-doing": {strings.Repeat("x", 300<<10)}}
	rec := env.post("/s/"+tokens[threesixty.GroupPeer][0], huge)
	if rec.Code != http.StatusRequestEntityTooLarge || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
		t.Errorf("an oversized form answered %d %s", rec.Code, rec.Header().Get("Content-Type"))
	}
	if !strings.Contains(rec.Body.String(), "shorten the longest comment") {
		t.Errorf("the page does not say what to do: %s", rec.Body.String())
	}
	if rec.Header().Get("Referrer-Policy") != "no-referrer" {
		t.Error("an error page lacks the survey headers")
	}
}

// TestOpeningALinkChangesNothing: mail scanners open every link in a message, so a GET must leave
// the invitation, its drafts and the guess count as they were.
func TestOpeningALinkChangesNothing(t *testing.T) {
	env := newEnv(t)
	_, tokens := env.openRound(env.engagement(3, false))
	token := tokens[threesixty.GroupPeer][0]
	for _, path := range []string{"/s/" + token, "/s/" + token + "?saved=1", "/s/" + token + "/stop-reminders"} {
		expectStatus(t, env.do("GET", path, "", ""), http.StatusOK)
	}
	var state struct {
		Pending int  `db:"pending"`
		Guesses int  `db:"guesses"`
		Stopped bool `db:"stopped"`
	}
	err := env.DB.Get(&state, `SELECT
		(SELECT count(*) FROM invitations WHERE status = 'pending') AS pending,
		(SELECT count(*) FROM token_guesses) AS guesses,
		(SELECT bool_or(reminders_stopped) FROM invitations) AS stopped`)
	if err != nil {
		t.Fatal(err)
	}
	held, drafts := env.OpenRoundAnswers()
	if state.Pending != 5 || held != 0 || drafts != 0 || state.Guesses != 0 || state.Stopped {
		t.Errorf("after only GETs: %+v, %d held responses, %d drafts", state, held, drafts)
	}
}

// TestEachGoneReasonHasItsOwnPage: a link that worked once says why it no longer works, each
// reason in its own words, and none falls through to the page kept for a reason without one.
func TestEachGoneReasonHasItsOwnPage(t *testing.T) {
	fallback := gonePage("")
	titles := map[string]threesixty.GoneReason{}
	for _, r := range []threesixty.GoneReason{threesixty.GoneUsed, threesixty.GoneDeclined, threesixty.GoneClosed, threesixty.GoneExpired} {
		page := gonePage(r)
		if page.Title == fallback.Title && page.Body == fallback.Body {
			t.Errorf("%s has no page of its own", r)
		}
		if other, ok := titles[page.Title]; ok {
			t.Errorf("%s and %s share the page %q", r, other, page.Title)
		}
		titles[page.Title] = r
	}
}

// TestHeadOnALinkAnswersLikeGet: link checkers and some mail clients send HEAD before GET. A
// valid link answers as GET would, without a body and without changing anything; an unknown one
// 404.
func TestHeadOnALinkAnswersLikeGet(t *testing.T) {
	env := newEnv(t)
	id := env.engagement(3, false)
	round, tokens := env.openRound(id)
	seen := func() string {
		rec := env.api("GET", "/api/v1/rounds/"+round.ID, nil)
		expectStatus(t, rec, http.StatusOK)
		return env.snapshotOf(id) + rec.Body.String()
	}
	srv := httptest.NewServer(env.e)
	defer srv.Close()
	client := &http.Client{Timeout: 10 * time.Second}
	head := func(path string) *http.Response {
		t.Helper()
		resp, err := client.Head(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	before := seen()
	token := tokens[threesixty.GroupPeer][0]
	for _, path := range []string{"/s/" + token, "/s/" + token + "/stop-reminders"} {
		resp := head(path)
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || resp.Header.Get("Cache-Control") != "no-store" {
			t.Errorf("HEAD %s: %d %q %q", path, resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Cache-Control"))
		}
	}
	if resp := head("/s/" + strings.Repeat("A", tokenLen)); resp.StatusCode != http.StatusNotFound {
		t.Errorf("HEAD on an unknown link: %d", resp.StatusCode)
	}
	if after := seen(); after != before {
		t.Error("HEAD changed the engagement")
	}
	expectStatus(t, env.do("GET", "/s/"+token, "", ""), http.StatusOK)
}

func TestRobotsStayOffTokenLinks(t *testing.T) {
	env := newEnv(t)
	rec := env.do("GET", "/robots.txt", "", "")
	expectStatus(t, rec, http.StatusOK)
	for _, want := range []string{"User-agent: *", "Disallow: /s/", "Disallow: /l/", "Disallow: /api/"} {
		if !strings.Contains(rec.Body.String(), want) {
			t.Errorf("robots.txt lacks %q:\n%s", want, rec.Body.String())
		}
	}
}

// TestHTTPSBaseSendsHSTS: served over HTTPS, every answer tells the browser to stay on HTTPS, so
// that no survey link is opened over plain HTTP later; served over HTTP, none does.
func TestHTTPSBaseSendsHSTS(t *testing.T) {
	env := newEnv(t)
	if got := env.do("GET", "/healthz", "", "").Header().Get("Strict-Transport-Security"); got != "" {
		t.Errorf("HSTS %q over plain HTTP", got)
	}
	base, _ := url.Parse("https://feedback.example.com")
	e := New(&Server{Store: env.store, Instruments: env.srv.Instruments, BaseURL: base, Log: env.srv.Log})
	for _, path := range []string{"/healthz", "/s/" + strings.Repeat("A", tokenLen), "/api/v1/engagements"} {
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
		if got := rec.Header().Get("Strict-Transport-Security"); !strings.HasPrefix(got, "max-age=") {
			t.Errorf("%s over HTTPS: HSTS %q", path, got)
		}
	}
}

// TestAnAnswerUnderAWrongNameIsRefused: a program that posts an item under a name the survey
// does not have gets 400 naming it, and nothing is saved or submitted; a rating written loosely
// ("+3") comes back as a problem at its item.
func TestAnAnswerUnderAWrongNameIsRefused(t *testing.T) {
	env := newEnv(t)
	_, tokens := env.openRound(env.engagement(3, false))
	link := "/s/" + tokens[threesixty.GroupPeer][0]
	form := env.fullForm("4")
	form.Set("communication-99", "5")
	for _, path := range []string{link, link + "/draft"} {
		rec := env.post(path, form)
		expectStatus(t, rec, http.StatusBadRequest)
		if !strings.Contains(rec.Body.String(), "communication-99") || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
			t.Errorf("POST %s: %s", path, rec.Body.String())
		}
	}
	form = env.fullForm("4")
	form.Set(env.srv.Instruments["leadership-360"].Items[0].ID, "+3")
	expectStatus(t, env.post(link, form), http.StatusUnprocessableEntity)
	if held, _ := env.OpenRoundAnswers(); held != 0 {
		t.Errorf("%d responses held after refused posts", held)
	}
	expectStatus(t, env.do("GET", link, "", ""), http.StatusOK)
}

// TestWhatARaterWroteSurvivesAClosedRound: a rater who sends the form after the round closed
// (they wrote for an hour, the coach closed it meanwhile) gets the reason and their comments
// back to copy, escaped; nothing is stored.
func TestWhatARaterWroteSurvivesAClosedRound(t *testing.T) {
	env := newEnv(t)
	round, tokens := env.openRound(env.engagement(3, false))
	if _, err := env.store.CloseRound(context.Background(), env.coach, round.ID); err != nil {
		t.Fatal(err)
	}
	in := env.srv.Instruments["leadership-360"]
	form := env.fullForm("4")
	form.Set(in.Questions[0].ID, "Three paragraphs of careful thought <b>about</b> meetings.")
	form.Set(in.Questions[1].ID, "  ")
	for _, path := range []string{"", "/draft"} {
		rec := env.post("/s/"+tokens[threesixty.GroupPeer][0]+path, form)
		expectStatus(t, rec, http.StatusGone)
		body := rec.Body.String()
		for _, want := range []string{"This survey is closed", "What you wrote", html.EscapeString(in.Questions[0].Others), "Three paragraphs of careful thought &lt;b&gt;about&lt;/b&gt; meetings."} {
			if !strings.Contains(body, want) {
				t.Errorf("POST %s: the page lacks %q", path, want)
			}
		}
		if strings.Contains(body, html.EscapeString(in.Questions[1].Others)) {
			t.Errorf("POST %s: an empty answer is shown back", path)
		}
	}
	rec := env.do("GET", "/s/"+tokens[threesixty.GroupPeer][0], "", "")
	if strings.Contains(rec.Body.String(), "What you wrote") {
		t.Error("a GET of a closed link shows a typed-answers section")
	}
}

// TestThePageAndTheSavedNoticeNameTheDeadlineAsTheMailDoes: one deadline, with its time and zone,
// on the survey page and in the saved notice, never a day after the last one.
func TestThePageAndTheSavedNoticeNameTheDeadlineAsTheMailDoes(t *testing.T) {
	env := newEnv(t)
	id := env.engagement(3, false)
	closes := time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, 3) // a midnight, in UTC
	in := env.srv.Instruments["leadership-360"]
	_, issued, err := env.store.OpenRound(context.Background(), env.coach, id, threesixty.RoundPlan{
		Kind: threesixty.RoundKindBaseline, ClosesAt: closes, InstrumentVersion: in.Version, Reminders: threesixty.DefaultReminders,
	})
	if err != nil {
		t.Fatal(err)
	}
	tokens, err := env.store.MintTokens(context.Background(), []string{issued[0].ID})
	if err != nil {
		t.Fatal(err)
	}
	full, _ := threesixty.Deadline(closes, nil)
	dayAfter := closes.Format("Monday 2 January")
	page := env.do("GET", "/s/"+tokens[0], "", "").Body.String()
	expectStatus(t, env.post("/s/"+tokens[0]+"/draft", env.fullForm("3")), http.StatusSeeOther)
	saved := env.do("GET", "/s/"+tokens[0]+"?saved=1", "", "").Body.String()
	for name, body := range map[string]string{"page": page, "saved notice": saved} {
		if !strings.Contains(body, full) {
			t.Errorf("the %s does not name the deadline %q", name, full)
		}
		if strings.Contains(body, dayAfter) {
			t.Errorf("the %s names %s, after the last day", name, dayAfter)
		}
	}
	if !strings.Contains(saved, "Your answers are saved") {
		t.Error("no saved notice")
	}
}

// TestOneClickUnsubscribeStopsReminders: a mail client's unsubscribe button POSTs
// List-Unsubscribe=One-Click to the message's List-Unsubscribe address, from its own servers,
// with no browser headers (RFC 8058); that stops the rater's reminders.
func TestOneClickUnsubscribeStopsReminders(t *testing.T) {
	env := newEnv(t)
	_, tokens := env.openRound(env.engagement(3, false))
	token := tokens[threesixty.GroupPeer][0]
	rec := env.do("POST", "/s/"+token+"/stop-reminders", "application/x-www-form-urlencoded", "List-Unsubscribe=One-Click")
	expectStatus(t, rec, http.StatusOK)
	var stopped bool
	env.Get(&stopped, `SELECT i.reminders_stopped FROM invitation_tokens t JOIN invitations i ON i.id = t.invitation_id WHERE t.token_hash = $1`, threesixty.HashToken(token))
	if !stopped {
		t.Error("the one-click POST did not stop the reminders")
	}
}

// TestARaterCanSendTheFormAgainAfterSaving: after a save the page stands at the address the
// save redirected to, with ?saved=1, and its form posts back there; saving again and submitting
// from that address work.
func TestARaterCanSendTheFormAgainAfterSaving(t *testing.T) {
	env := newEnv(t)
	_, tokens := env.openRound(env.engagement(3, false))
	link := "/s/" + tokens[threesixty.GroupPeer][0]
	rec := env.post(link, url.Values{"_action": {"save"}, "keep-doing": {"Half a thought"}})
	expectStatus(t, rec, http.StatusSeeOther)
	saved := rec.Header().Get("Location")
	if !strings.Contains(saved, "saved=1") {
		t.Fatalf("a save redirected to %q", saved)
	}
	u, err := url.Parse(saved)
	if err != nil {
		t.Fatal(err)
	}
	here := u.RequestURI()
	form := env.fullForm("4")
	form.Set("_action", "save")
	expectStatus(t, env.post(here, form), http.StatusSeeOther)
	form.Del("_action")
	expectStatus(t, env.post(here, form), http.StatusOK)
	if held, _ := env.OpenRoundAnswers(); held != 1 {
		t.Errorf("%d responses held, want the one submitted from the saved page", held)
	}
}

// TestOneAddressCannotBringTheCeilingDown: an address over its own limit gets 429 for its misses,
// and its further misses no longer count towards the service-wide ceiling, so one guesser alone
// never makes everyone's mistyped links answer 429.
func TestOneAddressCannotBringTheCeilingDown(t *testing.T) {
	env := newEnv(t)
	for i := 0; i < threesixty.GuessCeiling+10; i++ {
		if _, err := env.store.CountTokenGuess(t.Context(), "203.0.113.66"); err != nil {
			t.Fatal(err)
		}
	}
	misses, err := env.store.CountTokenGuess(t.Context(), "198.51.100.1")
	if err != nil {
		t.Fatal(err)
	}
	if misses.All != threesixty.GuessLimit+1 || misses.Limited() {
		t.Errorf("another address's miss counted %+v: one address brought the ceiling down", misses)
	}
	expectStatus(t, env.do("GET", "/s/a-typo", "", ""), http.StatusNotFound)
}

// TestABodyThatIsNotAFormKeepsTheDraft: a program that posts JSON, plain text or nothing to the
// draft address was answered "saved" and its empty form replaced the rater's saved draft. A body
// that is not a form is now refused, and the draft stays; so is a form that carries files.
func TestABodyThatIsNotAFormKeepsTheDraft(t *testing.T) {
	env := newEnv(t)
	_, tokens := env.openRound(env.engagement(3, false))
	link := "/s/" + tokens[threesixty.GroupPeer][0]
	expectStatus(t, env.post(link+"/draft", url.Values{"keep-doing": {"MY DRAFT TEXT"}}), http.StatusSeeOther)
	var multipartBody bytes.Buffer
	mw := multipart.NewWriter(&multipartBody)
	fw, _ := mw.CreateFormFile("evil", "hostname")
	fw.Write([]byte("x"))
	mw.Close()
	for _, tt := range []struct{ contentType, body string }{
		{"application/json", `{"communication-1":"4"}`},
		{"text/plain", "communication-1=4"},
		{"", "communication-1=4"},
		{mw.FormDataContentType(), multipartBody.String()},
	} {
		for _, path := range []string{link + "/draft", link} {
			rec := env.do("POST", path, tt.contentType, tt.body)
			expectStatus(t, rec, http.StatusBadRequest)
			if !strings.Contains(rec.Body.String(), "nothing was saved") {
				t.Errorf("%s to %s: %s", tt.contentType, path, rec.Body.String())
			}
		}
	}
	if page := env.do("GET", link, "", "").Body.String(); !strings.Contains(page, "MY DRAFT TEXT") {
		t.Error("the saved draft is gone")
	}
	// A form sent in chunks, with no length, over the limit: 413, as with a length.
	req := httptest.NewRequest("POST", link, io.MultiReader(strings.NewReader("keep-doing="), strings.NewReader(strings.Repeat("x", 300<<10))))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.ContentLength = -1
	rec := httptest.NewRecorder()
	env.e.ServeHTTP(rec, req)
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("a chunked form over the limit answered %d", rec.Code)
	}
}

// TestTheThankYouPageRepeatsOnlyWhatWasPromised: the leader and a superior shown on their own
// were told plainly who sees their answers; the thank-you page does not then tell them their
// answers are read only with others'.
func TestTheThankYouPageRepeatsOnlyWhatWasPromised(t *testing.T) {
	env := newEnv(t)
	_, tokens := env.openRound(env.engagement(3, true))
	for group, want := range map[threesixty.RaterGroup]string{
		threesixty.GroupSelf:     "Your self-assessment was received",
		threesixty.GroupSuperior: "which may be just yours",
		threesixty.GroupPeer:     "only together with others",
	} {
		rec := env.post("/s/"+tokens[group][0], env.fullForm("4"))
		expectStatus(t, rec, http.StatusOK)
		body := html.UnescapeString(rec.Body.String())
		if !strings.Contains(body, want) {
			t.Errorf("%s's thank-you page lacks %q", group, want)
		}
		if group != threesixty.GroupPeer && strings.Contains(body, "together with others") {
			t.Errorf("%s's thank-you page promises pooling", group)
		}
	}
}

// TestDecliningAsksFirst: the survey's decline button and the email's decline link both ask for
// a confirmation, and only "Yes, decline" declines; "go back" leads back to the survey; a GET
// changes nothing, since mail scanners follow links.
func TestDecliningAsksFirst(t *testing.T) {
	env := newEnv(t)
	round, tokens := env.openRound(env.engagement(3, false))
	link := "/s/" + tokens[threesixty.GroupPeer][0]
	declined := func() int {
		rec := env.api("GET", "/api/v1/rounds/"+round.ID, nil)
		n := 0
		for _, p := range decode[threesixty.Round](t, rec).Progress {
			n += p.Declined
		}
		return n
	}
	rec := env.post(link, url.Values{"_action": {"decline"}})
	expectStatus(t, rec, http.StatusOK)
	if !strings.Contains(rec.Body.String(), "Decline this survey?") || declined() != 0 {
		t.Fatalf("the survey's decline button declined at once, or asked nothing: %d declined", declined())
	}
	if !strings.Contains(rec.Body.String(), `<a href="">No, go back`) {
		t.Error("the confirmation from the survey does not lead back to it")
	}
	rec = env.do("GET", link+"/decline", "", "")
	expectStatus(t, rec, http.StatusOK)
	if !strings.Contains(rec.Body.String(), `<a href=".">No, go back`) || declined() != 0 {
		t.Errorf("the email's decline link: %d declined", declined())
	}
	expectStatus(t, env.do("GET", link+"/", "", ""), http.StatusOK) // where "." leads
	expectStatus(t, env.post(link, url.Values{"_action": {"decline-confirmed"}}), http.StatusOK)
	if declined() != 1 {
		t.Errorf("%d declined after Yes, decline", declined())
	}
	expectStatus(t, env.do("GET", link, "", ""), http.StatusGone)
}

// TestTheDeadlineIsInTheEngagementsTimeZone: an engagement in Paris names its deadline in Paris
// time on the survey page; a zone that does not exist is refused where it is set.
func TestTheDeadlineIsInTheEngagementsTimeZone(t *testing.T) {
	env := newEnv(t)
	rec := env.api("POST", "/api/v1/engagements", map[string]any{
		"leader": map[string]string{"name": "Camille Martin", "email": "camille@example.com"}, "instrument": "leadership-360",
		"time_zone": "Mars/Olympus",
	})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	if got := decode[apiError](t, rec); len(got.Errors) == 0 || got.Errors[0].Field != "time_zone" {
		t.Errorf("errors %+v, want one at time_zone", got.Errors)
	}
	rec = env.api("POST", "/api/v1/engagements", map[string]any{
		"leader": map[string]string{"name": "Camille Martin", "email": "camille@example.com"}, "instrument": "leadership-360",
		"time_zone": "Europe/Paris",
	})
	expectStatus(t, rec, http.StatusCreated)
	e := decode[threesixty.Engagement](t, rec)
	if e.TimeZone != "Europe/Paris" {
		t.Errorf("time_zone %q", e.TimeZone)
	}
	expectStatus(t, env.api("POST", "/api/v1/engagements/"+e.ID+"/raters", map[string]any{"raters": []map[string]string{
		{"name": "Pat Peer", "email": "pat@example.com", "group": "peer"}}}), http.StatusCreated)
	_, tokens := env.openRound(e.ID)
	page := env.do("GET", "/s/"+tokens[threesixty.GroupPeer][0], "", "").Body.String()
	if !strings.Contains(page, " CET</strong>") && !strings.Contains(page, " CEST</strong>") {
		t.Error("the survey page does not name the deadline in Paris time")
	}
	expectStatus(t, env.api("PATCH", "/api/v1/engagements/"+e.ID, map[string]any{"time_zone": "Asia/Tokyo"}), http.StatusConflict)
}

// TestTheSurveyNamesWhoToAsk: the page says who a rater with a question can reach, by replying
// to the email the link came in: the coach.
func TestTheSurveyNamesWhoToAsk(t *testing.T) {
	env := newEnv(t)
	_, tokens := env.openRound(env.engagement(3, false))
	for group, want := range map[threesixty.RaterGroup]string{
		threesixty.GroupPeer: "which reaches Casey Coach, Alex Morgan's coach.",
		threesixty.GroupSelf: "which reaches your coach, Casey Coach.",
	} {
		if page := env.do("GET", "/s/"+tokens[group][0], "", "").Body.String(); !strings.Contains(page, want) {
			t.Errorf("%s's page lacks %q", group, want)
		}
	}
}
