package web

import (
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
	"threesixty/internal/web/surveypage"
)

// showSurvey renders the survey. It never changes anything: mail scanners open links too.
func (s *Server) showSurvey(c echo.Context) error {
	a := surveyLinkOf(c).access
	answers := threesixty.Answers{}
	if a.Draft != nil {
		answers = *a.Draft
	}
	in, err := s.Store.InstrumentVersion(c.Request().Context(), a.InstrumentVersion)
	if err != nil {
		return err
	}
	return s.surveyPage.Write(c.Response(), http.StatusOK, in, surveypage.Page{Access: a, Answers: answers, Saved: c.QueryParam("saved") != ""})
}

// submitSurvey takes the survey form. Its buttons say what to do in the field _action (which no
// item id can clash with): save a draft, decline, or, by default, submit the response.
func (s *Server) submitSurvey(c echo.Context) error {
	// Read through postedForm first: a body cut short by the size limit would otherwise be
	// parsed in part, and its error lost, by the first look at a field.
	form, err := postedForm(c)
	if err != nil {
		return err
	}
	switch form.Get("_action") {
	case "save":
		return s.receive(c, false)
	case "decline":
		return s.askDecline(c)
	case "decline-confirmed":
		return s.decline(c)
	}
	return s.receive(c, true)
}

// saveDraft keeps unfinished answers and shows the survey again.
func (s *Server) saveDraft(c echo.Context) error {
	return s.receive(c, false)
}

func (s *Server) receive(c echo.Context, complete bool) error {
	link := surveyLinkOf(c)
	a := link.access
	in, err := s.Store.InstrumentVersion(c.Request().Context(), a.InstrumentVersion)
	if err != nil {
		return err
	}
	form, err := postedForm(c)
	if err != nil {
		return err
	}
	if unknown := threesixty.UnknownFields(in, form); len(unknown) > 0 {
		if len(unknown) > 5 {
			unknown = append(unknown[:5], fmt.Sprintf("and %d more", len(unknown)-5))
		}
		return threesixty.Errorf(threesixty.EMALFORMED, "the form has fields this survey does not ask: %s; nothing was saved", strings.Join(unknown, ", "))
	}
	answers, problems := threesixty.ReadAnswers(in, form, complete)
	if len(problems) > 0 {
		return s.surveyPage.Write(c.Response(), http.StatusUnprocessableEntity, in, surveypage.Page{Access: a, Answers: answers, Problems: problems})
	}
	ctx := c.Request().Context()
	if !complete {
		saved, err := s.Store.SaveDraft(ctx, a.InvitationID, answers)
		if err != nil {
			return err
		}
		if !saved {
			return s.goneNow(c)
		}
		return c.Redirect(http.StatusSeeOther, s.links.SurveySaved(link.token))
	}
	stored, err := s.Store.SubmitResponse(ctx, a.InvitationID, answers)
	if err != nil {
		return err
	}
	if !stored {
		return s.goneNow(c)
	}
	return c.Render(http.StatusOK, "message", thankYouPage(a))
}

// declinePage asks a rater to confirm that they decline, and offers the reasons they may give.
// Back is where "go back" leads: the address the page stands at when it came from the survey's
// own form, or the survey link itself when it came from the email's link to /decline. Neither
// puts the token in the page.
type declinePage struct {
	Title, Leader, Back string
	// Reasons are the choices of reason, "none" first; empty for the leader's self-assessment,
	// which is declined without one.
	Reasons   []reasonChoice
	Threshold int
	// Problem is what was wrong with the reason sent, "" when nothing was.
	Problem string
}

// reasonChoice is one radio button of the decline page's reasons.
type reasonChoice struct {
	Value, Label string
	Checked      bool
}

// PageTitle is what the layout puts in <title>.
func (p declinePage) PageTitle() string { return p.Title }

// newDeclinePage is the confirmation for the link's rater, with chosen checked.
func newDeclinePage(c echo.Context, chosen string) declinePage {
	a := surveyLinkOf(c).access
	back := ""
	if strings.HasSuffix(c.Request().URL.Path, "/decline") {
		back = "." // /s/TOKEN/decline to /s/TOKEN/
	}
	page := declinePage{Title: "Decline this survey?", Leader: a.LeaderName, Back: back, Threshold: a.Anonymity.Threshold}
	if a.Group == threesixty.GroupSelf {
		return page
	}
	page.Reasons = []reasonChoice{{Value: "", Label: "No reason given", Checked: chosen == ""}}
	for _, r := range threesixty.DeclineReasons {
		page.Reasons = append(page.Reasons, reasonChoice{Value: string(r), Label: r.Label(a.LeaderName), Checked: chosen == string(r)})
	}
	return page
}

// askDecline shows the confirmation of a decline, from the survey's button (a POST) or the
// email's link (a GET, which must change nothing: mail scanners follow links).
func (s *Server) askDecline(c echo.Context) error {
	return c.Render(http.StatusOK, "decline", newDeclinePage(c, ""))
}

// decline records that the rater will not give feedback, with the reason they chose, if any:
// the confirmation's "Yes, decline", or a program's POST to /decline (which may send no body at
// all). A reason that is not one offered answers 422 with the confirmation again, naming it, and
// nothing is recorded.
func (s *Server) decline(c echo.Context) error {
	a := surveyLinkOf(c).access
	var sent []string
	if r := c.Request(); r.ContentLength != 0 || r.Header.Get("Content-Type") != "" {
		form, err := postedForm(c)
		if err != nil {
			return err
		}
		sent = form["reason"]
	}
	reason, err := threesixty.ReadDeclineReason(a.Group, sent)
	if err != nil {
		page := newDeclinePage(c, "")
		var te *threesixty.Error
		if errors.As(err, &te) && len(te.Fields) > 0 {
			page.Problem = sentence(te.Fields[0].Message)
		}
		return c.Render(http.StatusUnprocessableEntity, "decline", page)
	}
	declined, err := s.Store.Decline(c.Request().Context(), a.InvitationID, reason)
	if err != nil {
		return err
	}
	if !declined {
		return s.goneNow(c)
	}
	body := "Thank you for letting us know. You will not be asked again for this survey, and anything you had saved has been deleted."
	if reason != nil {
		body += " Your reason is counted with other people's, and is never shown with your name or group."
	}
	return c.Render(http.StatusOK, "message", messagePage{Title: "You have declined", Body: body})
}

// postedForm is the form's fields from the request body alone. The page's form posts back to the
// address it came from, which after a save carries ?saved=1: read with the query, that would be a
// field the survey does not ask, and a rater could never send the form again. A body that is not
// a form is refused, not read as an empty one: an empty draft would overwrite the saved one.
func postedForm(c echo.Context) (url.Values, error) {
	r := c.Request()
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	var err error
	switch mt {
	case "application/x-www-form-urlencoded":
		err = r.ParseForm()
	case "multipart/form-data":
		if err = r.ParseMultipartForm(256 << 10); err == nil && len(r.MultipartForm.File) > 0 {
			return nil, threesixty.Errorf(threesixty.EMALFORMED, "the form carries files; a survey takes none, and nothing was saved")
		}
	default:
		return nil, threesixty.Errorf(threesixty.EMALFORMED, "send the survey as a form (application/x-www-form-urlencoded or multipart/form-data); nothing was saved")
	}
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge) || errors.Is(err, echo.ErrStatusRequestEntityTooLarge):
		return nil, threesixty.Errorf(threesixty.ETOOLARGE, "the form is larger than any survey can be")
	case err != nil:
		return nil, threesixty.Errorf(threesixty.EMALFORMED, "the form could not be read")
	}
	return r.PostForm, nil
}

// thankYouPage says the response arrived, and repeats what the survey promised that rater, no
// more: an identifiable superior and the leader are never told their answers are pooled.
func thankYouPage(a *threesixty.SurveyAccess) messagePage {
	switch {
	case a.Group == threesixty.GroupSelf:
		return messagePage{Title: "Thank you", Body: "Your self-assessment was received. Your coach will go through it with you, beside your raters' combined answers, once the round closes. You can close this page."}
	case a.Group == threesixty.GroupSuperior && a.Anonymity.SuperiorIdentifiable:
		return messagePage{Title: "Thank you", Body: "Your feedback was received. As the survey said, superiors' answers are shown as a group of their own, which may be just yours. You can close this page."}
	}
	return messagePage{Title: "Thank you", Body: "Your feedback was received, and nothing more is needed from you. When the survey closes, " + a.LeaderName + " and their coach see it only together with others' answers, as the survey promised. You can close this page."}
}
