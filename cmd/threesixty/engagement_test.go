package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"threesixty/internal/pgtest"
	"threesixty/internal/results"
	"threesixty/internal/results/resultstest"
	"threesixty/internal/smtptest"
	"threesixty/internal/threesixty"
	"threesixty/surveys"
)

// service is the whole product as it runs: `threesixty serve` on a loopback address, its own
// PostgreSQL database, and a real SMTP server that keeps what it receives.
type service struct {
	t      *testing.T
	base   string
	token  string
	mail   *smtptest.Server
	client *http.Client
	read   map[string]bool // message ids already taken a link from
}

func startService(t *testing.T) *service {
	t.Helper()
	srv := smtptest.Start(t)
	addr := freeAddress(t)
	t.Setenv("DATABASE_URL", pgtest.URL(t))
	t.Setenv("LISTEN_ADDR", addr)
	t.Setenv("METRICS_ADDR", freeAddress(t))
	t.Setenv("BASE_URL", "http://"+addr)
	t.Setenv("SMTP_URL", "smtp://"+srv.Addr)
	t.Setenv("MAIL_FROM", "threesixty <feedback@example.com>")
	out, err := runCommand(t, "coach", "add", "--email", "dana@example.com", "--name", "Dana Coach")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	s := &service{t: t, base: "http://" + addr, token: lines[len(lines)-1], mail: srv,
		client: &http.Client{Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }},
		read:   map[string]bool{}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serve(ctx, nil) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve: %v", err)
			}
		case <-time.After(20 * time.Second):
			t.Error("serve did not stop")
		}
	})
	for deadline := time.Now().Add(15 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if resp, err := s.client.Get(s.base + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatal("the service never became ready")
		}
	}
	return s
}

// api calls the coach's API and fails the test unless it answers want; it returns the body.
func (s *service) api(method, path string, body any, want int) []byte {
	s.t.Helper()
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			s.t.Fatal(err)
		}
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, s.base+"/api/v1"+path, r)
	if err != nil {
		s.t.Fatal(err)
	}
	req.Header.Set("Authorization", "Bearer "+s.token)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	return s.do(req, want)
}

func (s *service) do(req *http.Request, want int) []byte {
	s.t.Helper()
	resp, err := s.client.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	if resp.StatusCode != want {
		s.t.Fatalf("%s %s: %d, want %d: %.600s", req.Method, req.URL.Path, resp.StatusCode, want, out)
	}
	return out
}

// form posts a form to a page of the service, as a browser on the service's own site would.
func (s *service) form(path string, values url.Values, want int) []byte {
	s.t.Helper()
	req, err := http.NewRequest("POST", s.base+path, strings.NewReader(values.Encode()))
	if err != nil {
		s.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return s.do(req, want)
}

func jsonOf[T any](t *testing.T, body []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("%v: %.300s", err, body)
	}
	return v
}

var linkPattern = regexp.MustCompile(`/(s|l)/([A-Za-z0-9_-]{20,})`)

// links waits for a message to each address that carries a link of kind ("s" for a survey, "l"
// for the leader's page) and that no earlier call took, and returns each address's token.
func (s *service) links(kind string, to ...string) map[string]string {
	s.t.Helper()
	found := map[string]string{}
	for deadline := time.Now().Add(30 * time.Second); len(found) < len(to); time.Sleep(100 * time.Millisecond) {
		if time.Now().After(deadline) {
			s.t.Fatalf("after 30 s, %s links reached only %d of %v", kind, len(found), to)
		}
		for _, m := range s.mail.Messages() {
			id := m.Header("Message-Id")
			if s.read[id+kind] {
				continue
			}
			for _, addr := range to {
				if _, done := found[addr]; done || !strings.Contains(strings.Join(m.To, ","), addr) {
					continue
				}
				for _, match := range linkPattern.FindAllStringSubmatch(m.Body("text/plain"), -1) {
					if match[1] == kind {
						found[addr] = match[2]
						s.read[id+kind] = true
						break
					}
				}
			}
		}
	}
	return found
}

// person is someone asked for feedback, and how they answer: value(item) from 1 to 5, 0 for
// "not able to rate".
type person struct {
	name, email string
	group       threesixty.RaterGroup
	id          string
}

// answered is one response as the test gave it, to check every published number against.
type answered struct {
	group   threesixty.RaterGroup
	ratings map[string]int // 0: not able to rate
	comment string
}

// answer fills in the survey behind a token with answers that depend on who answers, the item
// and the round, some "not able to rate", submits it, and returns what it sent.
func (s *service) answer(token string, p int, group threesixty.RaterGroup, round int, in *surveys.Instrument) answered {
	s.t.Helper()
	a := answered{group: group, ratings: map[string]int{}, comment: fmt.Sprintf("Round %d, from a %s: keep asking questions (%d).", round, group, p)}
	form := url.Values{}
	for i, item := range in.Items {
		v := 1 + (p*7+i*3+round*2)%in.Scale.Max()
		if (p+i+round)%11 == 0 {
			form.Set(item.ID, threesixty.NotAbleToRate)
			a.ratings[item.ID] = 0
			continue
		}
		form.Set(item.ID, fmt.Sprint(v))
		a.ratings[item.ID] = v
	}
	for i, q := range in.Questions {
		if i == 0 {
			form.Set(q.ID, a.comment)
		}
	}
	s.form("/s/"+token, form, http.StatusOK)
	return a
}

// checkRelease recomputes every published number of a release from the responses given, and
// checks every rule a reader could test: groups of k or more unless self or identifiable, cells
// of k or more, spreads from 5 raters, comments only under published groups.
func checkRelease(t *testing.T, label string, res *results.Results, given []answered, k int) {
	t.Helper()
	members := map[string][]threesixty.RaterGroup{}
	for _, g := range res.Groups {
		members[g.Key] = g.Members
		n := 0
		for _, a := range given {
			if in(a.group, g.Members) {
				n++
			}
		}
		if g.Respondents != n {
			t.Errorf("%s: %s has %d respondents, %d answered", label, g.Key, g.Respondents, n)
		}
		if g.Key != results.KeySelf && n < k {
			t.Errorf("%s: %s is published with %d respondents, below k=%d", label, g.Key, n, k)
		}
	}
	for _, it := range res.Items {
		for _, sc := range it.Scores {
			var values []int
			for _, a := range given {
				if v := a.ratings[it.ID]; v > 0 && in(a.group, members[sc.Group]) {
					values = append(values, v)
				}
			}
			sum := 0
			for _, v := range values {
				sum += v
			}
			if sc.N != len(values) || math.Abs(sc.Mean-round2(float64(sum)/float64(len(values)))) > 1e-9 {
				t.Errorf("%s: %s %s published n=%d mean=%v; the answers give n=%d mean=%v", label, it.ID, sc.Group, sc.N, sc.Mean, len(values), round2(float64(sum)/float64(len(values))))
			}
			if sc.Group != results.KeySelf && sc.N < k {
				t.Errorf("%s: %s %s published with n=%d", label, it.ID, sc.Group, sc.N)
			}
			if sc.SD != nil {
				if sc.N < results.SpreadMinimum {
					t.Errorf("%s: %s %s shows a spread with n=%d", label, it.ID, sc.Group, sc.N)
				}
				mean := float64(sum) / float64(len(values))
				ss := 0.0
				for _, v := range values {
					ss += (float64(v) - mean) * (float64(v) - mean)
				}
				if want := round2(math.Sqrt(ss / float64(len(values)-1))); math.Abs(*sc.SD-want) > 1e-9 {
					t.Errorf("%s: %s %s sd %v, the answers give %v", label, it.ID, sc.Group, *sc.SD, want)
				}
			}
		}
	}
	for _, c := range res.Comments {
		found := false
		for _, a := range given {
			if a.comment == c.Text && in(a.group, members[c.Group]) {
				found = true
			}
		}
		if !found || c.Group == results.KeyAllOthers {
			t.Errorf("%s: comment %q under %s was not written by anyone in it", label, c.Text, c.Group)
		}
	}
	for _, a := range given {
		published := false
		for key, m := range members {
			if key != results.KeyAllOthers && in(a.group, m) {
				published = true
			}
		}
		shown := false
		for _, c := range res.Comments {
			shown = shown || c.Text == a.comment
		}
		if shown != published {
			t.Errorf("%s: a %s's comment shown %v, their group published %v", label, a.group, shown, published)
		}
	}
}

func in(g threesixty.RaterGroup, list []threesixty.RaterGroup) bool {
	for _, m := range list {
		if m == g {
			return true
		}
	}
	return false
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

func sizesOf(given []answered) map[threesixty.RaterGroup]int {
	out := map[threesixty.RaterGroup]int{}
	for _, a := range given {
		if a.group != threesixty.GroupSelf {
			out[a.group]++
		}
	}
	return out
}

func keysOf(res *results.Results) string {
	var keys []string
	for _, g := range res.Groups {
		keys = append(keys, g.Key)
	}
	return strings.Join(keys, " ")
}

// pdfText is a PDF as pdftotext reads it.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// TestAWholeEngagement runs an engagement from start to end through the API, real mail and a real
// database, with known answers: the baseline and its report, goals and their check-ins, the closing
// round with one rater gone and one new, and a group that the baseline published alone and the
// closing round's own sizes would merge; the comparison; and every published number checked
// against the answers, with a reader's attack across the releases.
func TestAWholeEngagement(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	s := startService(t)
	const k = 3
	eng := jsonOf[threesixty.Engagement](t, s.api("POST", "/engagements", map[string]any{
		"leader":     map[string]string{"name": "Alex Morgan", "email": "alex@example.com"},
		"sponsor":    map[string]string{"name": "Sasha Sponsor", "email": "sasha@example.com", "organisation": "Example Ltd"},
		"instrument": "leadership-360",
		"anonymity":  map[string]any{"threshold": k},
	}, http.StatusCreated))
	people := []*person{
		{name: "Sam Superior", email: "sam@example.com", group: threesixty.GroupSuperior},
		{name: "Pat Peer", email: "pat@example.com", group: threesixty.GroupPeer},
		{name: "Pia Peer", email: "pia@example.com", group: threesixty.GroupPeer},
		{name: "Pam Peer", email: "pam@example.com", group: threesixty.GroupPeer},
		{name: "Dee Report", email: "dee@example.com", group: threesixty.GroupDirectReport},
		{name: "Dan Report", email: "dan@example.com", group: threesixty.GroupDirectReport},
		{name: "Don Report", email: "don@example.com", group: threesixty.GroupDirectReport},
		{name: "Ola Other", email: "ola@example.com", group: threesixty.GroupOther},
		{name: "Oli Other", email: "oli@example.com", group: threesixty.GroupOther},
		{name: "Oto Other", email: "oto@example.com", group: threesixty.GroupOther},
	}
	addRaters := func(list []*person) {
		var body []map[string]string
		for _, p := range list {
			body = append(body, map[string]string{"name": p.name, "email": p.email, "group": string(p.group)})
		}
		added := jsonOf[struct {
			Raters []threesixty.Rater `json:"raters"`
		}](t, s.api("POST", "/engagements/"+eng.ID+"/raters", map[string]any{"raters": body}, http.StatusCreated))
		for _, r := range added.Raters {
			for _, p := range list {
				if p.email == r.Email {
					p.id = r.ID
				}
			}
		}
	}
	addRaters(people)
	leader := &person{name: "Alex Morgan", email: "alex@example.com", group: threesixty.GroupSelf}
	emails := func(list []*person) []string {
		var out []string
		for _, p := range list {
			out = append(out, p.email)
		}
		return out
	}
	instrument, err := surveys.Load()
	if err != nil {
		t.Fatal(err)
	}
	var in360 *surveys.Instrument
	for _, in := range instrument {
		if in.ID == "leadership-360" {
			in360 = in
		}
	}

	// The baseline: everyone answers.
	closes := time.Now().Add(7 * 24 * time.Hour).UTC().Format(time.RFC3339)
	baseline := jsonOf[threesixty.Round](t, s.api("POST", "/engagements/"+eng.ID+"/rounds", map[string]any{"kind": "baseline", "closes_at": closes}, http.StatusCreated))
	everyone := append([]*person{leader}, people...)
	tokens := s.links("s", emails(everyone)...)
	var given [2][]answered
	for i, p := range everyone {
		given[0] = append(given[0], s.answer(tokens[p.email], i, p.group, 0, in360))
	}
	s.api("POST", "/rounds/"+baseline.ID+"/close", nil, http.StatusOK)
	base := jsonOf[resultsOf](t, s.api("GET", "/rounds/"+baseline.ID+"/results", nil, http.StatusOK))
	if got := keysOf(&base.Results); got != "self superior+peer direct_report other all_others" {
		t.Fatalf("baseline groups %q", got)
	}
	checkRelease(t, "baseline", &base.Results, given[0], k)

	// Goals, from the baseline report, with a check-in.
	goal := jsonOf[threesixty.Goal](t, s.api("POST", "/engagements/"+eng.ID+"/goals", map[string]any{
		"title": "Delegate whole outcomes", "description": "Hand over outcomes, not tasks.",
		"competencies": []string{"delegation-accountability"},
		"key_results":  []map[string]string{{"text": "Two projects led by the team", "measure": "projects", "target": "2"}},
	}, http.StatusCreated))
	s.api("POST", "/goals/"+goal.ID+"/checkins", map[string]any{"status": "on_track", "note": "First project handed over."}, http.StatusCreated)

	// The engagement's dates and two coaching sessions, whose notes are the coach's alone.
	today := time.Now().UTC()
	s.api("PATCH", "/engagements/"+eng.ID, map[string]any{
		"starts_on": today.AddDate(0, 0, -30).Format(time.DateOnly), "planned_end_on": today.AddDate(0, 5, 0).Format(time.DateOnly),
	}, http.StatusOK)
	const secret = "Talked through the reorganisation in confidence"
	for _, daysAgo := range []int{20, 6} {
		s.api("POST", "/engagements/"+eng.ID+"/sessions", map[string]any{
			"held_on": today.AddDate(0, 0, -daysAgo).Format(time.DateOnly), "minutes": 60, "notes": secret,
		}, http.StatusCreated)
	}

	// The baseline report: every all_others competency score is in it as published.
	text := pdfText(t, s.api("GET", "/rounds/"+baseline.ID+"/report.pdf", nil, http.StatusOK))
	for _, c := range base.Competencies {
		for _, sc := range c.Scores {
			if sc.Group == results.KeyAllOthers && !strings.Contains(text, fmt.Sprintf("%.2f", sc.Mean)) {
				t.Errorf("the baseline report does not show %s's all others score %.2f", c.ID, sc.Mean)
			}
		}
	}
	if !strings.Contains(text, "Delegate whole outcomes") {
		t.Error("the baseline report does not show the goal")
	}

	// The midpoint pulse on the goal, to everyone but Don, whom the coach leaves out; its
	// instrument is the one generated from the goal, pinned on the round.
	pulse := jsonOf[threesixty.Round](t, s.api("POST", "/engagements/"+eng.ID+"/rounds", map[string]any{
		"kind": "midpoint", "closes_at": closes, "leave_out": []string{people[6].id},
	}, http.StatusCreated))
	pulseIn, err := surveys.Pulse("Alex Morgan", []surveys.PulseGoal{{Title: "Delegate whole outcomes"}})
	if err != nil {
		t.Fatal(err)
	}
	if pulse.InstrumentVersion != pulseIn.Version {
		t.Fatalf("the pulse pins %s, not the instrument generated from the goal", pulse.InstrumentVersion)
	}
	pulsed := []*person{leader, people[0], people[1], people[2], people[3], people[4], people[5], people[7], people[8], people[9]}
	tokens = s.links("s", emails(pulsed)...)
	var pulseGiven []answered
	for i, p := range pulsed {
		pulseGiven = append(pulseGiven, s.answer(tokens[p.email], i, p.group, 2, pulseIn))
	}
	for _, m := range s.mail.Messages() {
		if strings.Contains(strings.Join(m.To, ","), "don@example.com") && strings.Contains(m.Body("text/plain"), "short check") {
			t.Error("Don, left out of the pulse, was asked to answer it")
		}
	}
	s.api("POST", "/rounds/"+pulse.ID+"/close", nil, http.StatusOK)
	pulseRes := jsonOf[resultsOf](t, s.api("GET", "/rounds/"+pulse.ID+"/results", nil, http.StatusOK))
	checkRelease(t, "pulse", &pulseRes.Results, pulseGiven, k)
	// The pulse asks other questions than the baseline, so it forms its groups on its own sizes:
	// the superior joins the two direct reports left.
	if got := keysOf(&pulseRes.Results); got != "self superior+direct_report peer other all_others" {
		t.Errorf("pulse groups %q", got)
	}
	s.api("GET", "/rounds/"+pulse.ID+"/report.pdf", nil, http.StatusConflict)

	// The closing round: Pam has left (she is asked, as everyone is, and does not answer; the
	// coach may not leave her out, which would let the comparison say how she answered); Pio has
	// joined; Oto declines. The others alone (2) would
	// be merged with the superior on the closing round's own sizes; against the baseline, which
	// published them alone, that merge less the baseline's others would be the superior's
	// answers, so they are left out.
	pio := &person{name: "Pio Peer", email: "pio@example.com", group: threesixty.GroupPeer}
	addRaters([]*person{pio})
	s.api("POST", "/engagements/"+eng.ID+"/rounds", map[string]any{
		"kind": "closing", "closes_at": closes, "leave_out": []string{people[3].id},
	}, http.StatusUnprocessableEntity)
	closing := jsonOf[threesixty.Round](t, s.api("POST", "/engagements/"+eng.ID+"/rounds", map[string]any{
		"kind": "closing", "closes_at": closes,
	}, http.StatusCreated))
	if closing.InstrumentVersion != baseline.InstrumentVersion {
		t.Errorf("the closing round asks %s, not the baseline's version", closing.InstrumentVersion)
	}
	asked := []*person{leader, people[0], people[1], people[2], people[3], pio, people[4], people[5], people[6], people[7], people[8], people[9]}
	tokens = s.links("s", emails(asked)...)
	for i, p := range asked {
		if p.email == "pam@example.com" {
			continue
		}
		if p.email == "oto@example.com" {
			s.form("/s/"+tokens[p.email]+"/decline", url.Values{}, http.StatusOK)
			continue
		}
		given[1] = append(given[1], s.answer(tokens[p.email], i, p.group, 1, in360))
	}
	s.api("GET", "/engagements/"+eng.ID+"/comparison", nil, http.StatusConflict)
	s.api("POST", "/rounds/"+closing.ID+"/close", nil, http.StatusOK)
	after := jsonOf[resultsOf](t, s.api("GET", "/rounds/"+closing.ID+"/results", nil, http.StatusOK))
	if got := keysOf(&after.Results); got != "self superior+peer direct_report all_others" {
		t.Fatalf("closing groups %q", got)
	}
	checkRelease(t, "closing", &after.Results, given[1], k)

	// A reader of both reports finds nothing to subtract; the closing round on its own sizes
	// would have given the superior away.
	sizes := [2]map[threesixty.RaterGroup]int{sizesOf(given[0]), sizesOf(given[1])}
	if combo, n, ok := resultstest.IsolateAcross(&base.Results, &after.Results, sizes, k); !ok {
		t.Errorf("baseline and closing: %s stands on %d raters", combo, n)
	}
	own, _, err := results.Compute(results.Input{Instrument: in360, Threshold: k, Responses: responsesOf(given[1])})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, ok := resultstest.IsolateAcross(&base.Results, own, sizes, k); ok || !strings.Contains(keysOf(own), "superior+other") {
		t.Errorf("the closing round on its own sizes publishes %q, which the attack should break", keysOf(own))
	}

	// The comparison: the groups both rounds published with the same members, every number the
	// two releases' own.
	cmp := jsonOf[results.Comparison](t, s.api("GET", "/engagements/"+eng.ID+"/comparison", nil, http.StatusOK))
	if cmp.BaselineRound != baseline.ID || cmp.ClosingRound != closing.ID || len(cmp.Items) != len(in360.Items) || len(cmp.Competencies) != len(in360.Competencies) {
		t.Fatalf("comparison of %s and %s: %d items, %d competencies", cmp.BaselineRound, cmp.ClosingRound, len(cmp.Items), len(cmp.Competencies))
	}
	compared := 0
	for _, it := range cmp.Items {
		var groups []string
		for _, c := range it.Changes {
			groups = append(groups, c.Group)
			b, a := scoreOf(t, &base.Results, it.ID, c.Group), scoreOf(t, &after.Results, it.ID, c.Group)
			if c.Baseline != (results.Side{N: b.N, Mean: b.Mean}) || c.Closing != (results.Side{N: a.N, Mean: a.Mean}) ||
				c.Change != round2(a.Mean-b.Mean) || c.Meaningful != results.MeaningfulChange(b, a) {
				t.Errorf("%s %s: %+v is not worked out from %+v and %+v", it.ID, c.Group, c, b, a)
			}
		}
		for _, g := range groups {
			if g == results.KeyAllOthers {
				t.Errorf("%s compared for all_others, which holds the others at baseline only", it.ID)
			}
		}
		// Every score both rounds published for a group of the same members is compared.
		for _, g := range []string{results.KeySelf, "superior+peer", "direct_report"} {
			_, b := findScore(&base.Results, it.ID, g)
			_, a := findScore(&after.Results, it.ID, g)
			if b && a && !strings.Contains(" "+strings.Join(groups, " ")+" ", " "+g+" ") {
				t.Errorf("%s: %s published in both rounds is not compared", it.ID, g)
			}
		}
		compared += len(groups)
	}
	if compared < len(cmp.Items) {
		t.Errorf("only %d changes over %d items", compared, len(cmp.Items))
	}

	// The closing report: every competency change on a line of its own, as compared.
	text = pdfText(t, s.api("GET", "/rounds/"+closing.ID+"/report.pdf", nil, http.StatusOK))
	labels := map[string]string{}
	for _, g := range after.Groups {
		labels[g.Key] = g.Label
	}
	for _, c := range cmp.Competencies {
		for _, ch := range c.Changes {
			words := []string{labels[ch.Group], fmt.Sprintf("%.2f", ch.Baseline.Mean), fmt.Sprintf("%.2f", ch.Closing.Mean), signedChange(ch.Change)}
			if ch.Meaningful {
				words = append(words, "meaningful")
			}
			if !onOneLine(text, words...) {
				t.Errorf("the closing report has no line reading %q for %s", words, c.ID)
			}
		}
	}
	// The sponsor summary: refused until the leader consents, then only themes and directions.
	s.api("GET", "/engagements/"+eng.ID+"/sponsor-summary.pdf", nil, http.StatusForbidden)
	leaderLink := s.links("l", "alex@example.com")["alex@example.com"]
	s.form("/l/"+leaderLink, url.Values{"_action": {"consent"}, "scope": {"progress_by_theme"}}, http.StatusSeeOther)
	summary := strings.Join(strings.Fields(pdfText(t, s.api("GET", "/engagements/"+eng.ID+"/sponsor-summary.pdf", nil, http.StatusOK))), " ")
	theme := "Delegation and accountability"
	if d := results.DirectionOf(&cmp, "delegation-accountability"); !strings.Contains(summary, theme) || !strings.Contains(summary, d.Label()) {
		t.Errorf("the sponsor summary does not give %s as %s: %s", theme, d.Label(), summary)
	}
	if !strings.Contains(summary, "Coaching sessions 2") || strings.Contains(summary, secret) {
		t.Errorf("the sponsor summary must give the number of coaching sessions and nothing of their notes: %s", summary)
	}
	if !strings.Contains(summary, "not the wording of their goals") {
		t.Errorf("the sponsor summary does not say, in its reader's words, what the leader chose to share: %s", summary)
	}
	for _, never := range []string{"Delegate whole outcomes", "First project handed over.", "Superiors", "Direct reports", "All others", "my goals", after.Comments[0].Text} {
		if strings.Contains(summary, never) {
			t.Errorf("the sponsor summary shows %q, which its scope does not allow", never)
		}
	}
	for _, c := range cmp.Competencies {
		for _, ch := range c.Changes {
			for _, n := range []float64{ch.Baseline.Mean, ch.Closing.Mean} {
				if strings.Contains(summary, fmt.Sprintf("%.2f", n)) {
					t.Errorf("the sponsor summary holds the score %.2f", n)
				}
			}
		}
	}
	s.form("/l/"+leaderLink, url.Values{"_action": {"consent"}, "scope": {"none"}}, http.StatusSeeOther)
	s.api("GET", "/engagements/"+eng.ID+"/sponsor-summary.pdf", nil, http.StatusForbidden)

	// The pulse's result for the goal, as the leader's raters gave it: signed around no change.
	for _, sc := range pulseRes.Items[0].Scores {
		if sc.Group == results.KeyAllOthers && !strings.Contains(text, signedChange(sc.Mean-4)) {
			t.Errorf("the closing report does not show the pulse's all others result %s", signedChange(sc.Mean-4))
		}
	}
	if squashed := strings.Join(strings.Fields(text), " "); strings.Contains(squashed, secret) || !strings.Contains(squashed, "2 sessions") {
		t.Errorf("the closing report must count the 2 coaching sessions and never show their notes")
	}
	for _, want := range []string{"Delegate whole outcomes", "First project handed over.", after.Comments[0].Text} {
		if !strings.Contains(strings.Join(strings.Fields(text), " "), want) {
			t.Errorf("the closing report does not show %q", want)
		}
	}
}

// onOneLine reports whether a line of laid-out text holds the words in order, apart only by
// spaces.
func onOneLine(text string, words ...string) bool {
	parts := make([]string, len(words))
	for i, w := range words {
		parts[i] = regexp.QuoteMeta(w)
	}
	return regexp.MustCompile(`(?m)` + strings.Join(parts, ` +`) + `( |$)`).MatchString(text)
}

func signedChange(d float64) string {
	switch {
	case d > 0:
		return fmt.Sprintf("+%.2f", d)
	case d < 0:
		return fmt.Sprintf("-%.2f", -d)
	}
	return "0.00"
}

// resultsOf is the results API's answer.
type resultsOf struct {
	Round *threesixty.Round `json:"round"`
	results.Results
}

func scoreOf(t *testing.T, res *results.Results, item, group string) results.Score {
	t.Helper()
	sc, ok := findScore(res, item, group)
	if !ok {
		t.Fatalf("no published score for %s %s", item, group)
	}
	return sc
}

func findScore(res *results.Results, item, group string) (results.Score, bool) {
	for _, it := range res.Items {
		for _, sc := range it.Scores {
			if it.ID == item && sc.Group == group {
				return sc, true
			}
		}
	}
	return results.Score{}, false
}

func responsesOf(given []answered) []threesixty.Response {
	var out []threesixty.Response
	for _, a := range given {
		r := threesixty.Response{Group: a.group, Answers: threesixty.Answers{Ratings: map[string]*int{}, Comments: map[string]string{}}}
		for id, v := range a.ratings {
			if v > 0 {
				v := v
				r.Answers.Ratings[id] = &v
			} else {
				r.Answers.Ratings[id] = nil
			}
		}
		out = append(out, r)
	}
	return out
}
