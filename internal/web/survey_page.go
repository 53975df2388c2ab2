package web

import (
	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
	"threesixty/surveys"
)

// surveyPage is everything the survey template shows.
type surveyPage struct {
	Token                string
	Self                 bool
	LeaderName           string
	GroupLabel           string
	Threshold            int
	SuperiorIdentifiable bool // the rater is a superior, and superiors are shown even when alone
	ClosesOn             string
	Title                string
	Scale                surveys.Scale
	NotAbleToRate        string
	Sections             []surveySection
	Questions            []questionView
	Answered, Total      int
	Problems             []problemLink
	Unanswered           int    // items left without an answer on a submit
	FirstUnanswered      string // the id of the first of them, to jump to
	Saved                bool
}

// PageTitle is what the layout puts in <title>.
func (p *surveyPage) PageTitle() string {
	if p.Self {
		return "Your self-assessment"
	}
	return "Feedback for " + p.LeaderName
}

type surveySection struct {
	Number, Of  int
	Title, Hint string
	Items       []itemView
}

type itemView struct {
	ID, Text, Value, Problem string
}

type questionView struct {
	ID, Text, Value, Problem string
}

// surveyPage builds the page in the phrasing of the link's group: self or others.
func (s *Server) surveyPage(c echo.Context, a *threesixty.SurveyAccess, token string, answers threesixty.Answers, problems []threesixty.FieldError) (*surveyPage, error) {
	in, err := s.Store.InstrumentVersion(c.Request().Context(), a.InstrumentVersion)
	if err != nil {
		return nil, err
	}
	problemOf := map[string]string{}
	for _, p := range problems {
		problemOf[p.Field] = p.Message
	}
	self := a.Group == threesixty.GroupSelf
	page := &surveyPage{
		Token:                token,
		Self:                 self,
		LeaderName:           a.LeaderName,
		GroupLabel:           groupNoun(a.Group),
		Threshold:            a.Threshold,
		SuperiorIdentifiable: a.SuperiorIdentifiable && a.Group == threesixty.GroupSuperior,
		ClosesOn:             a.ClosesAt.UTC().Format("Monday 2 January 2006"),
		Title:                in.Title,
		Scale:                in.Scale,
		NotAbleToRate:        threesixty.NotAbleToRate,
		Total:                len(in.Items),
		Answered:             answers.Answered(),
	}
	for i, comp := range in.Competencies {
		sec := surveySection{Number: i + 1, Of: len(in.Competencies), Title: comp.Title, Hint: comp.Description}
		for _, item := range in.ItemsOf(comp.ID) {
			text := item.Others
			if self {
				text = item.Self
			}
			sec.Items = append(sec.Items, itemView{ID: item.ID, Text: text, Value: answers.FormValue(item.ID), Problem: problemOf[item.ID]})
		}
		page.Sections = append(page.Sections, sec)
	}
	for _, q := range in.Questions {
		text := q.Others
		if self {
			text = q.Self
		}
		page.Questions = append(page.Questions, questionView{ID: q.ID, Text: text, Value: answers.Comments[q.ID], Problem: problemOf[q.ID]})
	}
	page.summarise(problems, in, self)
	return page, nil
}

// problemLink is one line of the summary at the top of a form sent back: the statement it is
// about, what is wrong, and a link to it.
type problemLink struct {
	Field, Statement, Message string
}

// summarise lists the problems of a form sent back. Unanswered items are counted in one line,
// since forty identical lines help nobody; anything else is named with its statement.
func (p *surveyPage) summarise(problems []threesixty.FieldError, in *surveys.Instrument, self bool) {
	for _, f := range problems {
		item, isItem := in.Item(f.Field)
		if isItem && !p.answeredOrInvalid(f.Field) {
			if p.Unanswered == 0 {
				p.FirstUnanswered = f.Field
			}
			p.Unanswered++
			continue
		}
		statement := ""
		if isItem {
			statement = item.Others
			if self {
				statement = item.Self
			}
		} else if q, ok := in.Question(f.Field); ok {
			statement = q.Others
			if self {
				statement = q.Self
			}
		}
		p.Problems = append(p.Problems, problemLink{Field: f.Field, Statement: statement, Message: f.Message})
	}
}

// answeredOrInvalid reports whether an item with a problem had a value at all (an invalid one).
func (p *surveyPage) answeredOrInvalid(id string) bool {
	for _, sec := range p.Sections {
		for _, it := range sec.Items {
			if it.ID == id {
				return it.Value != ""
			}
		}
	}
	return false
}

// groupNoun is how the page names the rater's own group to them.
func groupNoun(g threesixty.Group) string {
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
