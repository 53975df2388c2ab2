package web

import (
	"bytes"
	"context"
	"strconv"
	"sync"

	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
	"threesixty/surveys"
)

// skeletonPage is what the survey template runs with, once per instrument version and phrasing.
// Everything that differs between raters is a mark (see survey_skeleton.go).
type skeletonPage struct {
	Self          bool
	Title         string
	Scale         surveys.Scale
	NotAbleToRate string
	Sections      []surveySection
	Questions     []questionView
	Total         int
}

// PageTitle is what the layout puts in <title>.
func (p *skeletonPage) PageTitle() string {
	if p.Self {
		return "Your self-assessment"
	}
	return "Feedback for " + mark("leader", "")
}

type surveySection struct {
	Number, Of  int
	Title, Hint string
	Items       []itemView
}

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
func (s *Server) skeleton(ctx context.Context, version string, self bool) (skeleton, *surveys.Instrument, error) {
	in, err := s.Store.InstrumentVersion(ctx, version)
	if err != nil {
		return nil, nil, err
	}
	key := version + "/" + strconv.FormatBool(self)
	if sk, ok := s.skeletons.Load(key); ok {
		return sk.(skeleton), in, nil
	}
	page := &skeletonPage{Self: self, Title: in.Title, Scale: in.Scale, NotAbleToRate: threesixty.NotAbleToRate, Total: len(in.Items)}
	for i, comp := range in.Competencies {
		sec := surveySection{Number: i + 1, Of: len(in.Competencies), Title: comp.Title, Hint: comp.Description}
		for _, item := range in.ItemsOf(comp.ID) {
			text := item.Others
			if self {
				text = item.Self
			}
			sec.Items = append(sec.Items, itemView{ID: item.ID, Text: text})
		}
		page.Sections = append(page.Sections, sec)
	}
	for _, q := range in.Questions {
		text := q.Others
		if self {
			text = q.Self
		}
		page.Questions = append(page.Questions, questionView{ID: q.ID, Text: text})
	}
	var b bytes.Buffer
	if err := s.pages["survey"].ExecuteTemplate(&b, "layout", page); err != nil {
		return nil, nil, err
	}
	sk, err := parseSkeleton(b.String())
	if err != nil {
		return nil, nil, err
	}
	s.skeletons.Store(key, sk)
	return sk, in, nil
}

// renderSurvey answers with the survey page of a link, in the phrasing of its group, holding the
// given answers and problems.
func (s *Server) renderSurvey(c echo.Context, status int, a *threesixty.SurveyAccess, answers threesixty.Answers, problems []threesixty.FieldError, saved bool) error {
	self := a.Group == threesixty.GroupSelf
	sk, in, err := s.skeleton(c.Request().Context(), a.InstrumentVersion, self)
	if err != nil {
		return err
	}
	f := &fill{
		leader:    a.LeaderName,
		closes:    a.ClosesAt.UTC().Format("Monday 2 January 2006"),
		group:     groupNoun(a.Group),
		threshold: a.Threshold,
		answered:  answers.Answered(),
		values:    map[string]string{},
		comments:  answers.Comments,
		problems:  map[string]string{},
	}
	for id := range answers.Ratings {
		f.values[id] = answers.FormValue(id)
	}
	for _, p := range problems {
		f.problems[p.Field] = p.Message
	}
	if saved || len(problems) > 0 {
		n := notices{Saved: saved, ClosesOn: f.closes}
		n.summarise(problems, in, self)
		var b bytes.Buffer
		if err := s.pages["survey"].ExecuteTemplate(&b, "notices", n); err != nil {
			return err
		}
		f.notices = b.Bytes()
	}
	if a.SuperiorIdentifiable && a.Group == threesixty.GroupSuperior {
		var b bytes.Buffer
		if err := s.pages["survey"].ExecuteTemplate(&b, "superior-notice", a.LeaderName); err != nil {
			return err
		}
		f.superiorNotice = b.Bytes()
	}
	page := pagePool.Get().(*bytes.Buffer)
	defer pagePool.Put(page)
	page.Reset()
	if err := sk.render(page, f); err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, echo.MIMETextHTMLCharsetUTF8)
	h.Set(echo.HeaderContentLength, strconv.Itoa(page.Len()))
	c.Response().WriteHeader(status)
	_, err = c.Response().Write(page.Bytes())
	return err
}

// pagePool keeps page buffers between requests: a survey page is some 35 kB, and allocating
// that afresh for every request was a good part of the page's cost.
var pagePool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

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
