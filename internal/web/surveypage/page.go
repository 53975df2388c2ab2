package surveypage

import (
	"bytes"
	_ "embed"
	"html/template"
	"net/http"
	"strconv"
	"sync"
	"time"

	"threesixty/internal/threesixty"
	"threesixty/surveys"
)

//go:embed survey.html
var surveyTemplate string

// Renderer renders survey pages. It is safe for concurrent use, and keeps one skeleton per
// instrument version and phrasing for as long as it lives.
type Renderer struct {
	page      *template.Template
	skeletons sync.Map // instrument version and phrasing -> skeleton
}

// New parses the survey page into a copy of layout, the pages' shared layout: a template that
// defines "layout" and calls "content" inside it, not yet executed.
func New(layout *template.Template) (*Renderer, error) {
	t, err := layout.Clone()
	if err != nil {
		return nil, err
	}
	if t, err = t.Funcs(skeletonFuncs).Parse(surveyTemplate); err != nil {
		return nil, err
	}
	return &Renderer{page: t}, nil
}

// Page is one rater's survey page: whose link it is, and their answers and the problems with
// them, as the form left them.
type Page struct {
	Access   *threesixty.SurveyAccess
	Answers  threesixty.Answers
	Problems []threesixty.FieldError
	Saved    bool // the answers were just saved as a draft
}

// Write answers with p's page, with status: in the phrasing of the rater's group, for in, the
// instrument version of the rater's round.
func (r *Renderer) Write(w http.ResponseWriter, status int, in *surveys.Instrument, p Page) error {
	a := p.Access
	self := a.Group == threesixty.GroupSelf
	shown := a.Anonymity.SuperiorIdentifiable && a.Group == threesixty.GroupSuperior
	sk, err := r.skeleton(in, self, shown)
	if err != nil {
		return err
	}
	f := &fill{
		leader:    a.LeaderName,
		coach:     a.CoachName,
		closes:    deadline(a.ClosesAt, a.TimeZone),
		group:     groupNoun(a.Group),
		threshold: a.Anonymity.Threshold,
		answered:  p.Answers.Answered(),
		values:    map[string]string{},
		comments:  p.Answers.Comments,
		problems:  map[string]string{},
	}
	for id := range p.Answers.Ratings {
		f.values[id] = p.Answers.FormValue(id)
	}
	for _, problem := range p.Problems {
		f.problems[problem.Field] = problem.Message
	}
	if p.Saved || len(p.Problems) > 0 {
		n := notices{Saved: p.Saved, ClosesOn: f.closes}
		n.summarise(p.Problems, in, self)
		var b bytes.Buffer
		if err := r.page.ExecuteTemplate(&b, "notices", n); err != nil {
			return err
		}
		f.notices = b.Bytes()
	}
	page := pagePool.Get().(*bytes.Buffer)
	defer pagePool.Put(page)
	page.Reset()
	if err := sk.render(page, f); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=UTF-8")
	h.Set("Content-Length", strconv.Itoa(page.Len()))
	w.WriteHeader(status)
	_, err = w.Write(page.Bytes())
	return err
}

// pagePool keeps page buffers between requests: a survey page is some 35 kB, and allocating
// that afresh for every request was a good part of the page's cost.
var pagePool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// skeletonPage is what the survey template runs with, once per instrument version and phrasing.
// Everything that differs between raters is a mark (see skeleton.go).
type skeletonPage struct {
	Self bool
	// Shown is a superior's page when superiors are shown as a group of their own, which may be
	// just them: their page promises what holds for them, and never anonymity.
	Shown         bool
	Title         string
	Scale         surveys.Scale
	NotAbleToRate string
	Sections      []surveySection
	Questions     []questionView
	Total         int
}

// PageTitle is what the layout puts in <title>: with "Not sent" before it when the form came
// back with problems, so a rater who switched tabs, or hears the title read, knows.
func (p *skeletonPage) PageTitle() string {
	if p.Self {
		return mark("not-sent", "") + "Your self-assessment"
	}
	return mark("not-sent", "") + "Feedback for " + mark("leader", "")
}

type surveySection struct {
	Number, Of  int
	Title, Hint string
	Items       []itemView
	// MinutesLeft is about how long the survey takes from the start of this part, at the pace
	// of the whole (SurveyMinutes for every item and the questions).
	MinutesLeft int
}

// SurveyMinutes is how long the survey is said to take, in the invitation and on the page.
const SurveyMinutes = 15

type itemView struct{ ID, Text string }

type questionView struct{ ID, Text string }

// notices is the block at the top of the page: the saved notice and the problems of a form sent
// back. Unanswered items are counted in one line, since forty identical lines help nobody.
type notices struct {
	Saved           bool
	ClosesOn        string
	Problems        []problemLink
	Unanswered      int
	FirstUnanswered string
}

// problemLink is one line of the problem summary: the statement, what is wrong, a link to it.
type problemLink struct {
	Field, Statement, Message string
}

// skeleton returns the executed survey page of an instrument version in one phrasing.
func (r *Renderer) skeleton(in *surveys.Instrument, self, shown bool) (skeleton, error) {
	key := in.Version + "/" + strconv.FormatBool(self) + "/" + strconv.FormatBool(shown)
	if sk, ok := r.skeletons.Load(key); ok {
		return sk.(skeleton), nil
	}
	page := &skeletonPage{Self: self, Shown: shown, Title: in.Title, Scale: in.Scale, NotAbleToRate: threesixty.NotAbleToRate, Total: len(in.Items)}
	left := len(in.Items)
	for i, comp := range in.Competencies {
		sec := surveySection{Number: i + 1, Of: len(in.Competencies), Title: comp.Title, Hint: comp.Description,
			MinutesLeft: max(1, (left*SurveyMinutes+len(in.Items)-1)/max(1, len(in.Items)))}
		for _, item := range in.ItemsOf(comp.ID) {
			sec.Items = append(sec.Items, itemView{ID: item.ID, Text: pick(self, item.Self, item.Others)})
		}
		left -= len(sec.Items)
		page.Sections = append(page.Sections, sec)
	}
	for _, q := range in.Questions {
		page.Questions = append(page.Questions, questionView{ID: q.ID, Text: pick(self, q.Self, q.Others)})
	}
	var b bytes.Buffer
	if err := r.page.ExecuteTemplate(&b, "layout", page); err != nil {
		return nil, err
	}
	sk, err := parseSkeleton(b.String())
	if err != nil {
		return nil, err
	}
	r.skeletons.Store(key, sk)
	return sk, nil
}

// summarise lists the problems of a form sent back, each named by its statement.
func (n *notices) summarise(problems []threesixty.FieldError, in *surveys.Instrument, self bool) {
	for _, f := range problems {
		item, isItem := in.Item(f.Field)
		if f.Missing {
			if n.Unanswered == 0 {
				n.FirstUnanswered = f.Field
			}
			n.Unanswered++
			continue
		}
		statement := ""
		if isItem {
			statement = pick(self, item.Self, item.Others)
		} else if q, ok := in.Question(f.Field); ok {
			statement = pick(self, q.Self, q.Others)
		}
		n.Problems = append(n.Problems, problemLink{Field: f.Field, Statement: statement, Message: f.Message})
	}
}

func pick(self bool, selfText, othersText string) string {
	if self {
		return selfText
	}
	return othersText
}

// groupNoun is how the page names the rater's own group to them.
func groupNoun(g threesixty.RaterGroup) string {
	switch g {
	case threesixty.GroupSuperior:
		return "superiors"
	case threesixty.GroupPeer:
		return "peers"
	case threesixty.GroupDirectReport:
		return "direct reports"
	}
	return "other colleagues"
}

// deadline is when the round stops taking answers, as every page and message names it, in the
// engagement's time zone (UTC should the zone no longer load).
func deadline(t time.Time, zone string) string {
	full, _ := threesixty.Deadline(t, threesixty.LocationOrUTC(zone))
	return full
}
