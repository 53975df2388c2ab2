package web

import (
	"context"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
)

// surveyLink is what the survey-link guard found for a request: the token, and what it opens.
type surveyLink struct {
	token  string
	access *threesixty.SurveyAccess
}

// surveyLinkKey is where the guard leaves the surveyLink on the Echo context.
const surveyLinkKey = "threesixty.survey-link"

// guardSurveyLink guards every route of a survey link: it answers an unknown link (404, or 429
// over the guess limit), a used, declined, closed or expired one (410) itself, and hands a
// usable link to the handler, which takes it with surveyLinkOf.
func (s *Server) guardSurveyLink(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		var a *threesixty.SurveyAccess
		token, found, err := s.findLink(c, func(ctx context.Context, token string) (err error) {
			a, err = s.Store.SurveyAccess(ctx, token)
			return err
		})
		if !found {
			return err
		}
		if reason := a.Usable(s.Now()); reason != "" {
			return s.gone(c, reason, a)
		}
		c.Set(surveyLinkKey, &surveyLink{token: token, access: a})
		return next(c)
	}
}

// surveyLinkOf is the link that guardSurveyLink let through to this handler.
func surveyLinkOf(c echo.Context) *surveyLink {
	return c.Get(surveyLinkKey).(*surveyLink)
}

// gonePage is the page for a link that worked once. None says whose link it was.
func gonePage(reason threesixty.GoneReason) messagePage {
	switch reason {
	case threesixty.GoneUsed:
		return messagePage{Title: "Thank you: your feedback was received", Body: "This link has already been used to send feedback, and each link can be used once, so there is nothing more to do."}
	case threesixty.GoneDeclined:
		return messagePage{Title: "You declined this survey", Body: "This link was used to decline giving feedback. Nothing more is needed, and nothing you may have entered was kept."}
	case threesixty.GoneClosed:
		return messagePage{Title: "This survey is closed", Body: "The survey has been closed, so answers can no longer be added. Thank you for your time."}
	case threesixty.GoneExpired:
		return messagePage{Title: "This survey has ended", Body: "The time to answer this survey has passed, so answers can no longer be added. Thank you for your time."}
	}
	// A reason added to the domain before its page: still a 410 that says nothing of whose link it is.
	return messagePage{Title: "This link can no longer be used", Body: "Answers can no longer be sent with this link. Thank you for your time."}
}

// gone answers for a link that can no longer be used, with 410. A form sent to it has its open
// answers shown back, so that a rater whose round closed while they wrote keeps their words.
func (s *Server) gone(c echo.Context, reason threesixty.GoneReason, a *threesixty.SurveyAccess) error {
	page := gonePage(reason)
	page.Typed = s.typedAnswers(c, a)
	return c.Render(http.StatusGone, "message", page)
}

// typedAnswers is what the rater wrote in the open questions of a form sent with the request, in
// the instrument's order and phrasing; nothing for a request without one.
func (s *Server) typedAnswers(c echo.Context, a *threesixty.SurveyAccess) []typedAnswer {
	if c.Request().Method != http.MethodPost {
		return nil
	}
	form, err := postedForm(c)
	if err != nil {
		return nil
	}
	in, err := s.Store.InstrumentVersion(c.Request().Context(), a.InstrumentVersion)
	if err != nil {
		return nil
	}
	var typed []typedAnswer
	for _, q := range in.Questions {
		text := strings.TrimSpace(threesixty.CleanComment(form.Get(q.ID)))
		if text == "" || !utf8.ValidString(text) {
			continue
		}
		question := q.Others
		if a.Group == threesixty.GroupSelf {
			question = q.Self
		}
		typed = append(typed, typedAnswer{Question: question, Text: text})
	}
	return typed
}

// goneNow answers a write the store refused, which happens when the link stopped being usable
// after the guard let it through (a second tab, a concurrent submit, the closing time): it
// re-reads the link to say why.
func (s *Server) goneNow(c echo.Context) error {
	a, err := s.Store.SurveyAccess(c.Request().Context(), surveyLinkOf(c).token)
	if err != nil {
		return err
	}
	if reason := a.Usable(s.Now()); reason != "" {
		return s.gone(c, reason, a)
	}
	// The database refused at the closing time while this clock had not reached it yet: the
	// database's clock decides.
	return s.gone(c, threesixty.GoneExpired, a)
}
