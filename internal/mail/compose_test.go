package mail

import (
	"fmt"
	"html"
	"html/template"
	"io/fs"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"threesixty/internal/threesixty"
)

const testToken = "q8Jx3kP_-Zr0aVb9cD1eF2gH3iJ4kL5mN6oP7qR8sT0"

func newTestComposer(t *testing.T, base string) *Composer {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	c, err := NewComposer(u)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// outboxMessage is a message as the outbox would claim it; change what a test needs.
func outboxMessage(p threesixty.Purpose, g threesixty.RaterGroup) *threesixty.OutboxMessage {
	return &threesixty.OutboxMessage{
		ID:           "7b1d3a4e-0000-4000-8000-000000000001",
		MessageID:    "<7b1d3a4e-0000-4000-8000-000000000001@feedback.example.com>",
		Purpose:      p,
		To:           threesixty.Person{Name: "Sam Rivera", Email: "sam@example.org"},
		RoundID:      "5f0c9a2b-0000-4000-8000-000000000002",
		InvitationID: "9e8d7c6b-0000-4000-8000-000000000003",
		RoundKind:    threesixty.RoundKindBaseline,
		RoundStatus:  threesixty.RoundStatusOpen,
		ClosesAt:     time.Date(2026, 12, 4, 17, 0, 0, 0, time.UTC),
		LeaderName:   "Alex Morgan",
		CoachName:    "Chris Lee",
		CoachEmail:   "chris@coaching.example.net",
		Anonymity:    threesixty.Anonymity{Threshold: 3},
		Group:        g,
	}
}

func compose(t *testing.T, c *Composer, m *threesixty.OutboxMessage) *Rendered {
	t.Helper()
	token := ""
	if m.Purpose.CarriesLink() {
		token = testToken
	}
	r, err := c.Compose(m, token)
	if err != nil {
		t.Fatalf("%s to %s: %v", m.Purpose, m.Group, err)
	}
	return r
}

// oneLine joins a text's lines, so a phrase can be found however it was wrapped.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// title is the HTML part's <title>, which the layout fills with the subject.
var title = regexp.MustCompile(`<title>(.*?)</title>`)

// checkWellFormed holds for every message of every purpose.
func checkWellFormed(t *testing.T, r *Rendered) {
	t.Helper()
	for part, s := range map[string]string{"subject": r.Subject, "text": r.Text, "HTML": r.HTML} {
		for _, bad := range []string{"{{", "}}", "<no value>", "%!"} {
			if strings.Contains(s, bad) {
				t.Errorf("%s holds %q:\n%s", part, bad, s)
			}
		}
	}
	if r.Subject == "" || strings.ContainsAny(r.Subject, "\r\n") || len(r.Subject) > 100 {
		t.Errorf("subject %q: want one line under 100 characters", r.Subject)
	}
	if m := title.FindStringSubmatch(r.HTML); m == nil || html.UnescapeString(m[1]) != r.Subject {
		t.Errorf("the HTML <title> %q does not match the subject %q", m, r.Subject)
	}
	if !strings.Contains(r.HTML, `<html lang="en">`) {
		t.Error("the HTML has no lang attribute")
	}
	if strings.Contains(r.HTML, "<img") || strings.Contains(r.HTML, "<link") || strings.Contains(r.HTML, "@import") {
		t.Error("the HTML loads something from elsewhere")
	}
	for _, line := range strings.Split(r.Text, "\n") {
		if len([]rune(line)) > textWidth && !isAddress(line) {
			t.Errorf("text line longer than %d: %q", textWidth, line)
		}
	}
	if !strings.Contains(r.Text, "Hello Sam Rivera,") {
		t.Errorf("text does not greet the recipient:\n%s", r.Text)
	}
}

// checkLink wants url in both parts: in the text on a line of its own, in the HTML as a link
// whose text is the address itself.
func checkLink(t *testing.T, r *Rendered, url string) {
	t.Helper()
	if !strings.Contains("\n"+r.Text, "\n"+url+"\n") {
		t.Errorf("text part lacks %s on a line of its own:\n%s", url, r.Text)
	}
	if !strings.Contains(r.HTML, `<a href="`+url+`"`) || !strings.Contains(r.HTML, ">"+url+"</a>") {
		t.Errorf("HTML part lacks a link to %s with the address shown:\n%s", url, r.HTML)
	}
}

func TestComposeEveryPurpose(t *testing.T) {
	c := newTestComposer(t, "https://feedback.example.com")
	survey := "https://feedback.example.com/s/" + testToken
	stop := survey + "/stop-reminders"
	round := "https://feedback.example.com/rounds/5f0c9a2b-0000-4000-8000-000000000002"
	tests := []struct {
		purpose threesixty.Purpose
		group   threesixty.RaterGroup
		subject string
		links   []string
		says    []string
		never   []string
	}{
		{threesixty.PurposeInvitation, threesixty.GroupPeer,
			"Feedback for Alex Morgan: your view, by 4 December", []string{survey},
			[]string{"Alex Morgan", "leadership", "about 15 minutes", "Friday 4 December 2026",
				"at least 3 people", "without names", "you can decline here, after a confirmation: " + survey + "/decline"},
			[]string{"stop-reminders", "self-assessment", "recognise"}},
		{threesixty.PurposeInvitation, threesixty.GroupSelf,
			"Your leadership self-assessment, by 4 December", []string{survey},
			[]string{"self-assessment", "leadership coaching with Chris Lee", "about 15 minutes",
				"Friday 4 December 2026", "at least 3 people"},
			[]string{"Decline", "stop-reminders", "Alex Morgan"}},
		{threesixty.PurposeReminder, threesixty.GroupDirectReport,
			"Reminder: feedback for Alex Morgan, by 4 December", []string{survey, stop},
			[]string{"Friday 4 December 2026", "Don't want reminders? Stop them:\n" + stop},
			[]string{"self-assessment"}},
		{threesixty.PurposeReminder, threesixty.GroupSelf,
			"Reminder: your self-assessment, by 4 December", []string{survey, stop},
			[]string{"self-assessment", "Friday 4 December 2026", "Don't want reminders? Stop them:\n" + stop},
			[]string{"decline"}},
		{threesixty.PurposeThresholdReached, "",
			"Alex Morgan's baseline round: enough responses to show", []string{round},
			[]string{"every group that can be shown on its own", "stays open until Friday 4 December 2026"},
			[]string{"/s/", "/results", "/api/"}},
		{threesixty.PurposeRoundReleased, "",
			"Results ready: Alex Morgan's baseline round", []string{round, round + "/report.pdf"},
			[]string{"has closed", "released", "development goals", "See the results"},
			[]string{"/s/", "/api/"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.purpose)+"/"+string(tt.group), func(t *testing.T) {
			m := outboxMessage(tt.purpose, tt.group)
			r := compose(t, c, m)
			checkWellFormed(t, r)
			if r.Subject != tt.subject {
				t.Errorf("subject %q, want %q", r.Subject, tt.subject)
			}
			if r.MessageID != m.MessageID || r.To != m.To {
				t.Errorf("Message-ID %q and To %v not carried over", r.MessageID, r.To)
			}
			for _, l := range tt.links {
				checkLink(t, r, l)
			}
			for _, s := range tt.says {
				// Wrapping may break a phrase across lines; an address never.
				if !strings.Contains(r.Text, s) && !strings.Contains(oneLine(r.Text), s) {
					t.Errorf("text lacks %q:\n%s", s, r.Text)
				}
			}
			for _, s := range tt.never {
				if strings.Contains(r.Text, s) || strings.Contains(r.HTML, s) {
					t.Errorf("says %q, which it should not:\n%s", s, r.Text)
				}
			}
		})
	}
}

func TestComposeEscapesHTML(t *testing.T) {
	c := newTestComposer(t, "https://feedback.example.com")
	for _, p := range []threesixty.Purpose{threesixty.PurposeInvitation, threesixty.PurposeReminder,
		threesixty.PurposeThresholdReached, threesixty.PurposeRoundReleased} {
		m := outboxMessage(p, threesixty.GroupPeer)
		m.LeaderName = `Zoë <script>alert("x")</script>`
		m.To.Name = `Sam Rivera`
		r := compose(t, c, m)
		checkWellFormed(t, r)
		if strings.Contains(r.HTML, "<script>") || !strings.Contains(r.HTML, "Zoë &lt;script&gt;") {
			t.Errorf("%s: the leader's name is not escaped in HTML:\n%s", p, r.HTML)
		}
		if !strings.Contains(oneLine(r.Text)+r.Subject, "Zoë <script>") {
			t.Errorf("%s: the text part should show the name as written:\n%s", p, r.Text)
		}
	}
}

func TestComposeIdentifiableSuperiors(t *testing.T) {
	c := newTestComposer(t, "https://feedback.example.com")
	const warning = "Alex Morgan may recognise yours"
	tests := []struct {
		group        threesixty.RaterGroup
		identifiable bool
		warned       bool
	}{
		{threesixty.GroupSuperior, true, true},
		{threesixty.GroupSuperior, false, false},
		{threesixty.GroupPeer, true, false},
		{threesixty.GroupDirectReport, true, false},
		{threesixty.GroupSelf, true, false},
	}
	for _, tt := range tests {
		m := outboxMessage(threesixty.PurposeInvitation, tt.group)
		m.Anonymity.SuperiorIdentifiable = tt.identifiable
		r := compose(t, c, m)
		inText := strings.Contains(oneLine(r.Text), warning)
		inHTML := strings.Contains(oneLine(r.HTML), warning)
		if inText != tt.warned || inHTML != tt.warned {
			t.Errorf("%s, identifiable %v: warned in text %v, in HTML %v; want %v", tt.group, tt.identifiable, inText, inHTML, tt.warned)
		}
		// The warning replaces the threshold promise, which would not be true for them.
		if tt.warned && strings.Contains(oneLine(r.Text), "only ever shown as part of a group") {
			t.Errorf("an identifiable superior is promised a threshold:\n%s", r.Text)
		}
	}
	// The leader is told their superiors are shown apart.
	m := outboxMessage(threesixty.PurposeInvitation, threesixty.GroupSelf)
	m.Anonymity.SuperiorIdentifiable = true
	if r := compose(t, c, m); !strings.Contains(oneLine(r.Text), "except your superiors'") {
		t.Errorf("the leader is not told superiors are shown apart:\n%s", r.Text)
	}
}

func TestComposeDueDate(t *testing.T) {
	c := newTestComposer(t, "https://feedback.example.com")
	for _, tt := range []struct {
		closes time.Time
		due    string
	}{
		{time.Date(2026, 12, 4, 17, 0, 0, 0, time.UTC), "Friday 4 December 2026"},
		{time.Date(2026, 12, 4, 23, 59, 59, 0, time.UTC), "Friday 4 December 2026"},
		// Closing at midnight leaves no time on the day it begins.
		{time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC), "Friday 4 December 2026"},
		{time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC), "Thursday 31 December 2026"},
	} {
		m := outboxMessage(threesixty.PurposeInvitation, threesixty.GroupPeer)
		m.ClosesAt = tt.closes
		if r := compose(t, c, m); !strings.Contains(oneLine(r.Text), tt.due) {
			t.Errorf("closing at %v: want %q in\n%s", tt.closes, tt.due, r.Text)
		}
	}
}

func TestComposeBaseURLWithPath(t *testing.T) {
	c := newTestComposer(t, "http://127.0.0.1:8080/feedback/")
	r := compose(t, c, outboxMessage(threesixty.PurposeReminder, threesixty.GroupPeer))
	checkLink(t, r, "http://127.0.0.1:8080/feedback/s/"+testToken)
	checkLink(t, r, "http://127.0.0.1:8080/feedback/s/"+testToken+"/stop-reminders")
}

func TestComposeErrors(t *testing.T) {
	c := newTestComposer(t, "https://feedback.example.com")
	if _, err := c.Compose(outboxMessage("report_ready", threesixty.GroupSelf), ""); err == nil ||
		!strings.Contains(err.Error(), `"report_ready"`) {
		t.Errorf("unknown purpose: %v, want an error naming it", err)
	}
	if _, err := c.Compose(outboxMessage(threesixty.PurposeInvitation, threesixty.GroupPeer), ""); err == nil {
		t.Error("an invitation without a token was rendered")
	}
	for _, base := range []string{"", "feedback.example.com", "ftp://feedback.example.com", "https://x.example.com/?a=b"} {
		u, _ := url.Parse(base)
		if _, err := NewComposer(u); err == nil {
			t.Errorf("NewComposer(%q) accepted it", base)
		}
	}
	if _, err := NewComposer(nil); err == nil {
		t.Error("NewComposer(nil) accepted it")
	}
}

// TestEveryPurposeHasTemplates keeps the templates in step with the domain's purposes.
func TestEveryPurposeHasTemplates(t *testing.T) {
	c := newTestComposer(t, "https://feedback.example.com")
	for _, p := range []threesixty.Purpose{threesixty.PurposeInvitation, threesixty.PurposeReminder,
		threesixty.PurposeThresholdReached, threesixty.PurposeRoundReleased} {
		if _, ok := c.templates[p]; !ok {
			t.Errorf("no templates for %s", p)
		}
	}
}

func TestReflow(t *testing.T) {
	long := "https://feedback.example.com/s/" + strings.Repeat("x", 80)
	tests := []struct{ name, in, want string }{
		{"joins and wraps",
			"one two\nthree " + strings.Repeat("word ", 16) + "\n",
			"one two three word word word word word word word word word word word\nword word word word word\n"},
		{"paragraphs",
			"\n\nHello,\n\n\n\nBody text.\n\n\n",
			"Hello,\n\nBody text.\n"},
		{"addresses keep their own line",
			"Start the survey:\n" + long + "\nThanks.\n",
			"Start the survey:\n" + long + "\nThanks.\n"},
		{"list items",
			"- " + strings.Repeat("item ", 15) + "\n- next\n",
			"- item item item item item item item item item item item item item item\n  item\n- next\n"},
		{"indentation from templates goes",
			"   indented  words\r\n",
			"indented words\n"},
	}
	for _, tt := range tests {
		if got := reflow(tt.in, 72); got != tt.want {
			t.Errorf("%s:\n%q\nwant\n%q", tt.name, got, tt.want)
		}
	}
}

// TestNewPurposeIsTwoFiles adds a purpose the way a later change would: two files beside the
// layout, and nothing else.
func TestNewPurposeIsTwoFiles(t *testing.T) {
	files := fstest.MapFS{}
	for _, name := range []string{"layout.txt", "layout.html"} {
		b, err := fs.ReadFile(embeddedTemplates(), name)
		if err != nil {
			t.Fatal(err)
		}
		files[name] = &fstest.MapFile{Data: b}
	}
	files["report_ready.txt"] = &fstest.MapFile{Data: []byte(`{{define "subject"}}Your {{.Round}} report is ready{{end}}
{{define "body"}}Hello {{.To.Name}},

Your report is ready:
{{.ResultsURL}}
{{end}}`)}
	files["report_ready.html"] = &fstest.MapFile{Data: []byte(`{{define "subject"}}Your {{.Round}} report is ready{{end}}
{{define "body"}}<p>Hello {{.To.Name}},</p>{{template "button" (link .ResultsURL "Open your report")}}{{end}}`)}

	c := newTestComposer(t, "https://feedback.example.com")
	var err error
	if c.templates, err = parseTemplates(files, map[string]any{"link": newLink}); err != nil {
		t.Fatal(err)
	}
	r, err := c.Compose(outboxMessage("report_ready", threesixty.GroupSelf), "")
	if err != nil {
		t.Fatal(err)
	}
	checkWellFormed(t, r)
	checkLink(t, r, "https://feedback.example.com/api/v1/rounds/5f0c9a2b-0000-4000-8000-000000000002/results")
	if r.Subject != "Your baseline round report is ready" {
		t.Errorf("subject %q", r.Subject)
	}

	// A purpose with one part, or without a subject, stops the composer from starting.
	delete(files, "report_ready.html")
	if _, err := parseTemplates(files, nil); err == nil || !strings.Contains(err.Error(), "report_ready.html") {
		t.Errorf("a purpose without its HTML part: %v", err)
	}
	files["report_ready.html"] = &fstest.MapFile{Data: []byte(`{{define "body"}}<p>Hello</p>{{end}}`)}
	if _, err := parseTemplates(files, map[string]any{"link": newLink}); err == nil ||
		!strings.Contains(err.Error(), `no {{define "subject"}}`) {
		t.Errorf("a purpose without a subject: %v", err)
	}
}

// TestComposeSharesRenderingNotRecipients: messages of one round render once, and each still
// carries its own recipient's name (escaped in HTML) and its own link.
func TestComposeSharesRenderingNotRecipients(t *testing.T) {
	c := newTestComposer(t, "https://feedback.example.com")
	people := []threesixty.Person{{Name: "Ann <Lee>", Email: "ann@example.org"}, {Name: "Bo", Email: "bo@example.org"}}
	for _, p := range []threesixty.Purpose{threesixty.PurposeInvitation, threesixty.PurposeReminder} {
		for i, person := range people {
			m := outboxMessage(p, threesixty.GroupPeer)
			m.To = person
			token := strings.Repeat(string(rune('a'+i)), 43)
			r, err := c.Compose(m, token)
			if err != nil {
				t.Fatal(err)
			}
			link := "https://feedback.example.com/s/" + token
			if !strings.Contains(r.Text, link) || !strings.Contains(r.HTML, link) {
				t.Errorf("%s to %s lacks its own link", p, person.Name)
			}
			if strings.Contains(r.Text+r.HTML, c.placeholders.token) || strings.Contains(r.Text+r.HTML, c.placeholders.name) {
				t.Errorf("%s to %s still holds a placeholder", p, person.Name)
			}
			if !strings.Contains(r.Text, "Hello "+person.Name) || !strings.Contains(r.HTML, "Hello "+template.HTMLEscapeString(person.Name)) {
				t.Errorf("%s to %s does not greet them by name:\n%s", p, person.Name, r.Text)
			}
		}
	}
	if len(c.cache) != 2 {
		t.Errorf("%d renderings cached for two purposes of one round", len(c.cache))
	}
}

// TestEveryMessageNamesTheDeadlineAsThePageDoes: a round closing at midnight UTC takes its last
// answers the day before; every message names that day, with the time and zone, exactly as
// threesixty.Deadline does for the survey page, and never the day after.
func TestEveryMessageNamesTheDeadlineAsThePageDoes(t *testing.T) {
	c := newTestComposer(t, "https://feedback.example.com")
	closes := time.Date(2026, 12, 15, 0, 0, 0, 0, time.UTC)
	full, day := threesixty.Deadline(closes, nil)
	for _, p := range []threesixty.Purpose{threesixty.PurposeInvitation, threesixty.PurposeReminder, threesixty.PurposeThresholdReached, threesixty.PurposeRatersAdded} {
		m := outboxMessage(p, threesixty.GroupPeer)
		m.ClosesAt = closes
		r := compose(t, c, m)
		if !strings.Contains(oneLine(r.Text), full) || !strings.Contains(oneLine(html.UnescapeString(r.HTML)), full) {
			t.Errorf("%s does not name the deadline %q:\n%s", p, full, r.Text)
		}
		if strings.Contains(r.Text+r.Subject, "15 December") || strings.Contains(r.Text+r.Subject, "Tuesday") {
			t.Errorf("%s names the day after the last one:\n%s\n%s", p, r.Subject, r.Text)
		}
		if (p == threesixty.PurposeInvitation || p == threesixty.PurposeReminder) && !strings.Contains(r.Subject, day) {
			t.Errorf("%s: subject %q lacks %q", p, r.Subject, day)
		}
	}
}

// TestTheThresholdNoticeSaysWhichGroupsAreReadyAndWhichShort: a group with fewer people to ask
// than the threshold can never be shown on its own; the notice does not call every group ready,
// it names the ready ones and the short ones, and what happens to the short ones.
func TestTheThresholdNoticeSaysWhichGroupsAreReadyAndWhichShort(t *testing.T) {
	c := newTestComposer(t, "https://feedback.example.com")
	m := outboxMessage(threesixty.PurposeThresholdReached, "")
	m.Progress = threesixty.FillProgress([]threesixty.GroupProgress{
		{Group: threesixty.GroupSelf, Invited: 1, Completed: 1},
		{Group: threesixty.GroupSuperior, Invited: 2, Completed: 1},
		{Group: threesixty.GroupPeer, Invited: 4, Completed: 3},
		{Group: threesixty.GroupDirectReport, Invited: 6, Completed: 5, Declined: 1},
		{Group: threesixty.GroupOther, Invited: 3, Completed: 1, Declined: 1},
	})
	r := compose(t, c, m)
	checkWellFormed(t, r)
	text := oneLine(r.Text)
	for _, want := range []string{"at least 3 responses: Peers and Direct reports.", "Too few people are left to ask in Superiors and Others for them ever to be shown alone.", "merged with another, or left out"} {
		if !strings.Contains(text, want) || !strings.Contains(oneLine(html.UnescapeString(r.HTML)), want) {
			t.Errorf("the notice lacks %q:\n%s", want, r.Text)
		}
	}
	if strings.Contains(strings.ToLower(text), "every rater group") {
		t.Error("the notice calls every group ready")
	}
}

// TestRemindersCanBeStoppedFromTheMailClient: invitations and reminders name the address that
// stops reminders, for the mail client's unsubscribe button; notices to the coach do not.
func TestRemindersCanBeStoppedFromTheMailClient(t *testing.T) {
	c := newTestComposer(t, "https://feedback.example.com")
	for _, p := range []threesixty.Purpose{threesixty.PurposeInvitation, threesixty.PurposeReminder, threesixty.PurposeThresholdReached, threesixty.PurposeRoundReleased} {
		m := outboxMessage(p, threesixty.GroupPeer)
		r := compose(t, c, m)
		carries := p == threesixty.PurposeInvitation || p == threesixty.PurposeReminder
		if want := "https://feedback.example.com/s/" + testToken + "/stop-reminders"; carries && r.Unsubscribe != want {
			t.Errorf("%s: Unsubscribe %q, want %q", p, r.Unsubscribe, want)
		}
		if !carries && r.Unsubscribe != "" {
			t.Errorf("%s: Unsubscribe %q on a message without reminders", p, r.Unsubscribe)
		}
	}
}

// TestAClosingReleaseLinksNoReport: only a baseline has a report so far.
func TestAClosingReleaseLinksNoReport(t *testing.T) {
	c := newTestComposer(t, "https://feedback.example.com")
	m := outboxMessage(threesixty.PurposeRoundReleased, "")
	m.RoundKind = threesixty.RoundKindClosing
	r := compose(t, c, m)
	checkWellFormed(t, r)
	if strings.Contains(r.Text+r.HTML, "report.pdf") || !strings.Contains(r.Text, "\nhttps://feedback.example.com/rounds/5f0c9a2b-0000-4000-8000-000000000002\n") {
		t.Errorf("a closing round's release mail:\n%s", r.Text)
	}
}

// TestAShownSuperiorsReminderKeepsTheCaveat: an identifiable superior's reminder repeats that
// the leader may recognise their answers, and never calls them confidential.
func TestAShownSuperiorsReminderKeepsTheCaveat(t *testing.T) {
	c := newTestComposer(t, "https://feedback.example.com")
	m := outboxMessage(threesixty.PurposeReminder, threesixty.GroupSuperior)
	m.Anonymity.SuperiorIdentifiable = true
	r := compose(t, c, m)
	for _, part := range []string{oneLine(r.Text), oneLine(html.UnescapeString(r.HTML))} {
		if !strings.Contains(part, "may recognise yours") || strings.Contains(strings.ToLower(part), "confidential") {
			t.Errorf("a shown superior's reminder:\n%s", part)
		}
	}
	peer := compose(t, c, outboxMessage(threesixty.PurposeReminder, threesixty.GroupPeer))
	if !strings.Contains(oneLine(peer.Text), "combined with those of at least 3 people") {
		t.Errorf("a peer's reminder:\n%s", peer.Text)
	}
}

// TestRatersHearFromTheirCoach: invitations and reminders, and the leader's notices, go out in
// the coach's name, a reply reaches the coach, the text says so, and the invitation says in what
// capacity the rater is asked; the coach's own notices come from the service.
func TestRatersHearFromTheirCoach(t *testing.T) {
	c := newTestComposer(t, "https://feedback.example.com")
	for _, p := range []threesixty.Purpose{threesixty.PurposeInvitation, threesixty.PurposeReminder, threesixty.PurposeRatersAdded, threesixty.PurposeThresholdReached, threesixty.PurposeRoundReleased} {
		r := compose(t, c, outboxMessage(p, threesixty.GroupPeer))
		fromCoach := p == threesixty.PurposeInvitation || p == threesixty.PurposeReminder || p == threesixty.PurposeRatersAdded
		says := strings.Contains(oneLine(r.Text), "Reply to this email to reach Chris Lee")
		if fromCoach != (r.SenderName == "Chris Lee") || fromCoach != (r.ReplyTo != nil && r.ReplyTo.Email == "chris@coaching.example.net") || fromCoach != says {
			t.Errorf("%s: sender %q, reply to %v, says so %v", p, r.SenderName, r.ReplyTo, says)
		}
	}
	r := compose(t, c, outboxMessage(threesixty.PurposeInvitation, threesixty.GroupDirectReport))
	if !strings.Contains(oneLine(r.Text), "You are asked as someone who reports to Alex Morgan.") {
		t.Errorf("the invitation does not say in what capacity:\n%s", r.Text)
	}
}

func TestMessagesNameTheDeadlineInTheEngagementsTimeZone(t *testing.T) {
	c := newTestComposer(t, "https://feedback.example.com")
	m := outboxMessage(threesixty.PurposeInvitation, threesixty.GroupPeer)
	m.TimeZone = "America/New_York"
	r := compose(t, c, m)
	if !strings.Contains(oneLine(r.Text), "Friday 4 December 2026, 12:00 EST") {
		t.Errorf("the invitation does not name the deadline in New York time:\n%s", r.Text)
	}
}

// TestAnInboxShowsAPreviewAndClientsGetTables: the invitation and the reminder carry the line an
// inbox shows beside the subject, hidden in the message itself; every message lays out its card
// and its button as tables, which every client honours.
func TestAnInboxShowsAPreviewAndClientsGetTables(t *testing.T) {
	c := newTestComposer(t, "https://feedback.example.com")
	for _, p := range []threesixty.Purpose{threesixty.PurposeInvitation, threesixty.PurposeReminder} {
		r := compose(t, c, outboxMessage(p, threesixty.GroupPeer))
		preview := regexp.MustCompile(`<div style="display:none;[^"]*">([^<]*)</div>`).FindStringSubmatch(r.HTML)
		if preview == nil || !strings.Contains(preview[1], "Friday 4 December 2026") {
			t.Errorf("%s: preview %q", p, preview)
		}
		if !strings.Contains(r.HTML, `<table role="presentation"`) || strings.Count(r.HTML, `<td style="background-color:#1d4ed8`) != 1 {
			t.Errorf("%s: the card or the button is not a table", p)
		}
	}
}

// TestNoMessageContradictsTheSettings renders the invitation and the reminder for every rater
// group under each superior setting: a superior shown on their own is told the leader may
// recognise their answers and never that they are confidential; every other rater is told the
// threshold; the leader is told how colleagues' answers are shown, never that theirs are pooled.
func TestNoMessageContradictsTheSettings(t *testing.T) {
	c := newTestComposer(t, "https://feedback.example.com")
	for _, shown := range []bool{false, true} {
		for _, g := range threesixty.RaterGroups {
			for _, p := range []threesixty.Purpose{threesixty.PurposeInvitation, threesixty.PurposeReminder} {
				m := outboxMessage(p, g)
				m.Anonymity.SuperiorIdentifiable = shown
				r := compose(t, c, m)
				text := strings.ToLower(oneLine(r.Text) + " " + oneLine(html.UnescapeString(r.HTML)))
				where := fmt.Sprintf("%s to a %s (superiors shown: %v)", p, g, shown)
				switch {
				case g == threesixty.GroupSuperior && shown:
					if !strings.Contains(text, "may recognise yours") || strings.Contains(text, "confidential") || strings.Contains(text, "anonym") {
						t.Errorf("%s:\n%s", where, r.Text)
					}
				case g == threesixty.GroupSelf:
					if strings.Contains(text, "your answers are confidential") || strings.Contains(text, "anonym") {
						t.Errorf("%s promises the leader pooling:\n%s", where, r.Text)
					}
				default:
					if !strings.Contains(text, "at least 3 people") || strings.Contains(text, "may recognise") {
						t.Errorf("%s:\n%s", where, r.Text)
					}
				}
			}
		}
	}
}

// Names and titles come from the coach and the leader; nothing they type may be filled with a
// recipient's token. The placeholders the shared render uses are random per composer, so no
// text can hold one: a leader named after the placeholder of an earlier version of this code,
// or after another composer's, gets their name printed as it is.
func TestNoTypedTextIsFilledWithAToken(t *testing.T) {
	c := newTestComposer(t, "https://feedback.example.com")
	other := newTestComposer(t, "https://feedback.example.com")
	for _, name := range []string{
		"Lee https://evil.example/r?t=TOKENxPLACEHOLDERxxxxxxxxxxxxxxxxxxxxxxxxxx",
		"Lee https://evil.example/l?t=LEADERxPLACEHOLDERxxxxxxxxxxxxxxxxxxxxxxxxx",
		"Lee " + other.placeholders.token + " " + other.placeholders.leaderToken + " " + other.placeholders.name,
	} {
		for _, p := range []threesixty.Purpose{threesixty.PurposeInvitation, threesixty.PurposeReminder} {
			m := outboxMessage(p, threesixty.GroupPeer)
			m.LeaderName = name
			m.To.Name = name
			token := strings.Repeat("k", 43)
			r, err := c.Compose(m, token)
			if err != nil {
				t.Fatal(err)
			}
			for part, text := range map[string]string{"subject": r.Subject, "text": r.Text, "HTML": r.HTML} {
				if n := strings.Count(text, token); part != "subject" && n != strings.Count(text, "/s/"+token) {
					t.Errorf("%s %s: the token appears %d times, only %d of them in a link:\n%s", p, part, n, strings.Count(text, "/s/"+token), text)
				}
				if part == "subject" && strings.Contains(text, token) {
					t.Errorf("%s subject holds the token: %s", p, text)
				}
			}
		}
	}
}
