package surveypage

import (
	"fmt"
	"html"
	"html/template"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"threesixty/internal/threesixty"
	"threesixty/surveys"
)

var layout = template.Must(template.New("layout.html").Parse(
	`{{define "layout"}}<!doctype html><title>{{.PageTitle}}</title><main>{{template "content" .}}</main>{{end}}`))

func setUp(t *testing.T) (*Renderer, *surveys.Instrument) {
	t.Helper()
	r, err := New(layout)
	if err != nil {
		t.Fatal(err)
	}
	list, err := surveys.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range list {
		if in.ID == "leadership-360" {
			return r, in
		}
	}
	t.Fatal("no leadership-360 instrument")
	return nil, nil
}

func access(group threesixty.RaterGroup, leader string) *threesixty.SurveyAccess {
	return &threesixty.SurveyAccess{Group: group, LeaderName: leader, Anonymity: threesixty.Anonymity{Threshold: 3},
		ClosesAt: time.Date(2026, 12, 4, 17, 0, 0, 0, time.UTC)}
}

func write(t *testing.T, r *Renderer, in *surveys.Instrument, status int, p Page) string {
	t.Helper()
	rec := httptest.NewRecorder()
	if err := r.Write(rec, status, in, p); err != nil {
		t.Fatal(err)
	}
	body := rec.Body.String()
	if rec.Code != status || rec.Header().Get("Content-Length") != strconv.Itoa(len(body)) ||
		!strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
		t.Errorf("status %d, headers %v for a %d-byte page", rec.Code, rec.Header(), len(body))
	}
	if strings.ContainsAny(body, markOpen+markSep+markClose) {
		t.Errorf("a mark was left in the page: %q", body[strings.IndexAny(body, markOpen+markSep+markClose):][:60])
	}
	return body
}

// TestEachRaterGetsOnlyTheirOwnValues: raters share a skeleton and nothing else; whatever the
// first filled in is absent from the second's page.
func TestEachRaterGetsOnlyTheirOwnValues(t *testing.T) {
	r, in := setUp(t)
	item, question := in.Items[0], in.Questions[0]
	three := 3
	first := write(t, r, in, http.StatusUnprocessableEntity, Page{
		Access:   access(threesixty.GroupPeer, "Alex Morgan"),
		Answers:  threesixty.Answers{Ratings: map[string]*int{item.ID: &three}, Comments: map[string]string{question.ID: "Runs calm meetings."}},
		Problems: []threesixty.FieldError{{Field: in.Items[1].ID, Message: "Choose an answer", Missing: true}},
	})
	for _, want := range []string{"Feedback for Alex Morgan", `name="` + item.ID + `" value="3" checked`, "Runs calm meetings.",
		"One statement has", "has-problem", "at least 3 people", "peers", "Friday 4 December 2026"} {
		if !strings.Contains(first, want) {
			t.Errorf("the first rater's page lacks %q", want)
		}
	}
	second := write(t, r, in, http.StatusOK, Page{Access: access(threesixty.GroupDirectReport, "Sam Rivera")})
	for _, never := range []string{"Alex", " checked", "Runs calm meetings.", "has-problem", "need your attention"} {
		if strings.Contains(second, never) {
			t.Errorf("the second rater's page holds %q", never)
		}
	}
	if !strings.Contains(second, "Feedback for Sam Rivera") || !strings.Contains(second, "direct reports") {
		t.Error("the second rater's page is not theirs")
	}
}

// TestRaterValuesAreEscaped: what raters and coaches typed is escaped as html/template would.
func TestRaterValuesAreEscaped(t *testing.T) {
	r, in := setUp(t)
	question := in.Questions[0]
	a := access(threesixty.GroupSuperior, `Zoë <script>alert("x")</script>`)
	a.Anonymity.SuperiorIdentifiable = true
	page := write(t, r, in, http.StatusUnprocessableEntity, Page{
		Access:   a,
		Answers:  threesixty.Answers{Comments: map[string]string{question.ID: `</textarea><script>x</script>`}},
		Problems: []threesixty.FieldError{{Field: question.ID, Message: `<b>too long</b>`}},
	})
	if strings.Contains(page, "<script>") || strings.Contains(page, "<b>") || strings.Count(page, "</textarea>") != len(in.Questions) {
		t.Error("a rater's or leader's text reached the page unescaped")
	}
	for _, want := range []string{"Zoë &lt;script&gt;", "&lt;/textarea&gt;", "&lt;b&gt;too long&lt;/b&gt;", "may be able to tell"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
}

// TestSelfAndOthersArePhrasedApart: the skeleton of one phrasing never serves the other.
func TestSelfAndOthersArePhrasedApart(t *testing.T) {
	r, in := setUp(t)
	item := in.Items[0]
	others := write(t, r, in, http.StatusOK, Page{Access: access(threesixty.GroupPeer, "Alex Morgan")})
	self := write(t, r, in, http.StatusOK, Page{Access: access(threesixty.GroupSelf, "Alex Morgan"), Saved: true})
	if !strings.Contains(others, template.HTMLEscapeString(item.Others)) || strings.Contains(others, template.HTMLEscapeString(item.Self)) {
		t.Error("the others' page is not in the others' phrasing")
	}
	if !strings.Contains(self, template.HTMLEscapeString(item.Self)) || !strings.Contains(self, "Your self-assessment") ||
		!strings.Contains(self, "Your answers are saved") || strings.Contains(self, "Decline this survey") {
		t.Error("the self page is not the self-assessment")
	}
}

// TestAShownSuperiorIsNeverPromisedAnonymity: where superiors are shown as a group of their
// own, a superior's page says plainly that the leader may tell which answers are theirs, and
// nowhere calls them anonymous; a peer of the same round, and a superior where superiors are
// pooled, are promised anonymity as before.
func TestAShownSuperiorIsNeverPromisedAnonymity(t *testing.T) {
	r, in := setUp(t)
	shown := access(threesixty.GroupSuperior, "Alex Morgan")
	shown.Anonymity.SuperiorIdentifiable = true
	page := write(t, r, in, http.StatusOK, Page{Access: shown})
	if strings.Contains(strings.ToLower(page), "anonym") || strings.Contains(page, "cannot link your answers") {
		t.Error("a superior shown on their own is promised anonymity")
	}
	for _, want := range []string{"Who sees your answers", "even when only one superior answers", "may be able to tell which answers are yours"} {
		if !strings.Contains(page, want) {
			t.Errorf("the shown superior's page lacks %q", want)
		}
	}
	peer := access(threesixty.GroupPeer, "Alex Morgan")
	peer.Anonymity.SuperiorIdentifiable = true
	pooled := access(threesixty.GroupSuperior, "Alex Morgan")
	for _, a := range []*threesixty.SurveyAccess{peer, pooled} {
		page := write(t, r, in, http.StatusOK, Page{Access: a})
		if !strings.Contains(page, "Your answers are anonymous") || strings.Contains(page, "may be able to tell") {
			t.Errorf("%s (superiors shown: %v): the page does not promise anonymity", a.Group, a.Anonymity.SuperiorIdentifiable)
		}
	}
}

// TestAFormSentBackSaysItWasNotSent: the page a form comes back on says, in its title and its
// summary, that nothing was sent yet; the first page says neither.
func TestAFormSentBackSaysItWasNotSent(t *testing.T) {
	r, in := setUp(t)
	a := access(threesixty.GroupPeer, "Alex Morgan")
	back := write(t, r, in, http.StatusUnprocessableEntity, Page{Access: a,
		Problems: []threesixty.FieldError{{Field: in.Items[0].ID, Message: "Choose an answer", Missing: true}}})
	if !strings.Contains(back, "<title>Not sent: Feedback for Alex Morgan</title>") || !strings.Contains(back, "Not sent yet") {
		t.Error("a form sent back does not say it was not sent")
	}
	first := write(t, r, in, http.StatusOK, Page{Access: a})
	if strings.Contains(first, "Not sent") {
		t.Error("the first page says something was not sent")
	}
}

// TestEachPartSaysHowLongIsLeft: every part of the survey says which it is and about how long
// the rest takes, from the whole survey's time at the start down to a minute or two at the end.
func TestEachPartSaysHowLongIsLeft(t *testing.T) {
	r, in := setUp(t)
	page := write(t, r, in, http.StatusOK, Page{Access: access(threesixty.GroupPeer, "Alex Morgan")})
	if !strings.Contains(page, fmt.Sprintf("Part 1 of %d · about %d minutes left", len(in.Competencies), SurveyMinutes)) {
		t.Error("the first part does not say the whole survey's time")
	}
	last := regexp.MustCompile(fmt.Sprintf(`Part %d of %d · about (\d+) minutes? left`, len(in.Competencies), len(in.Competencies))).FindStringSubmatch(page)
	if last == nil || last[1] == fmt.Sprint(SurveyMinutes) {
		t.Errorf("the last part says %v", last)
	}
}

// The page lists its parts, each a link to its heading, and the open questions last: a long
// survey can be moved through by part, without JavaScript.
func TestThePageListsItsParts(t *testing.T) {
	r, in := setUp(t)
	page := write(t, r, in, http.StatusOK, Page{Access: access(threesixty.GroupPeer, "Alex Morgan")})
	if !strings.Contains(page, fmt.Sprintf("<summary>The %d parts of this survey</summary>", len(in.Competencies))) {
		t.Error("the page does not list its parts")
	}
	for i, c := range in.Competencies {
		link := fmt.Sprintf(`<a href="#section-%d">%s</a>`, i+1, html.EscapeString(c.Title))
		if !strings.Contains(page, link) || !strings.Contains(page, fmt.Sprintf(`id="section-%d"`, i+1)) {
			t.Errorf("part %d (%s) has no link to its heading", i+1, c.Title)
		}
	}
	if !strings.Contains(page, `<a href="#questions-title">In your own words</a>`) || !strings.Contains(page, `id="questions-title"`) {
		t.Error("the open questions have no link")
	}
}
