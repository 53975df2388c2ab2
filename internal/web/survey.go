package web

import (
	"encoding/json"
	"net/http"

	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
)

// guessLimit is how many failed link lookups a client address may make in ten minutes before
// every survey link, good or bad, answers 429 to it, so that a guesser over the limit cannot
// tell a hit from a miss. A real rater fails rarely, if ever; the limit is high enough that a
// whole office behind one address does not lock itself out by mistyping, and 256-bit tokens
// need no lower one.
const guessLimit = 100

// openLink finds what the token of the request opens, while it can still be used. It answers the
// request itself (and returns handled) when the link is unknown, used, declined, closed or
// expired, or the client is over the guess limit.
func (s *Server) openLink(c echo.Context) (a *threesixty.SurveyAccess, token string, handled bool, err error) {
	ctx, client := c.Request().Context(), c.RealIP()
	token = c.Param("token")
	if threesixty.WellFormedToken(token) {
		var failures int
		a, failures, err = s.Store.SurveyAccess(ctx, token, client)
		switch {
		case err == nil && failures >= guessLimit:
			return nil, "", true, s.limited(c)
		case err == nil:
			if reason := a.Usable(s.Now()); reason != "" {
				return nil, "", true, s.gone(c, reason)
			}
			return a, token, false, nil
		case threesixty.ErrorCode(err) != threesixty.ENOTFOUND:
			return nil, "", true, err
		}
	}
	failures, err := s.Store.CountTokenGuess(ctx, client)
	if err != nil {
		return nil, "", true, err
	}
	if failures > guessLimit {
		return nil, "", true, s.limited(c)
	}
	return nil, "", true, c.Render(http.StatusNotFound, "message", messagePage{
		Title: "This link does not work",
		Body:  "Check that the whole link was copied from the email; links are long and sometimes break across lines. If it still does not work, ask the person who invited you for a new one.",
	})
}

func (s *Server) limited(c echo.Context) error {
	c.Response().Header().Set("Retry-After", "600")
	return c.Render(http.StatusTooManyRequests, "message", messagePage{
		Title: "Too many attempts",
		Body:  "Too many links that do not work were opened from your network. Wait ten minutes, then open the link from your email again.",
	})
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

// gone answers for a link that can no longer be used, with 410.
func (s *Server) gone(c echo.Context, reason threesixty.GoneReason) error {
	return c.Render(http.StatusGone, "message", gonePage(reason))
}

// goneNow re-reads a link after a write was refused, to say why.
func (s *Server) goneNow(c echo.Context, token string) error {
	a, _, err := s.Store.SurveyAccess(c.Request().Context(), token, c.RealIP())
	if err != nil {
		return err
	}
	if reason := a.Usable(s.Now()); reason != "" {
		return s.gone(c, reason)
	}
	// The database refused at the closing time while this clock had not reached it yet: the
	// database's clock decides.
	return s.gone(c, threesixty.GoneExpired)
}

// showSurvey renders the survey. It never changes anything: mail scanners open links too.
func (s *Server) showSurvey(c echo.Context) error {
	a, _, handled, err := s.openLink(c)
	if handled {
		return err
	}
	answers := threesixty.Answers{}
	if a.Draft != nil {
		// A draft that cannot be read is treated as none: the rater starts again.
		if json.Unmarshal(a.Draft, &answers) != nil {
			answers = threesixty.Answers{}
		}
	}
	return s.renderSurvey(c, http.StatusOK, a, answers, nil, c.QueryParam("saved") != "")
}

// submitSurvey takes the survey form. Its buttons say what to do in the field _action (which no
// item id can clash with): save a draft, decline, or, by default, submit the response.
func (s *Server) submitSurvey(c echo.Context) error {
	switch c.FormValue("_action") {
	case "save":
		return s.receive(c, false)
	case "decline":
		return s.decline(c)
	}
	return s.receive(c, true)
}

// saveDraft keeps unfinished answers and shows the survey again.
func (s *Server) saveDraft(c echo.Context) error {
	return s.receive(c, false)
}

func (s *Server) receive(c echo.Context, complete bool) error {
	a, token, handled, err := s.openLink(c)
	if handled {
		return err
	}
	in, err := s.Store.InstrumentVersion(c.Request().Context(), a.InstrumentVersion)
	if err != nil {
		return err
	}
	form, err := c.FormParams()
	if err != nil {
		return threesixty.Errorf(threesixty.EMALFORMED, "the form could not be read")
	}
	answers, problems := threesixty.ReadAnswers(in, form, complete)
	if len(problems) > 0 {
		return s.renderSurvey(c, http.StatusUnprocessableEntity, a, answers, problems, false)
	}
	ctx := c.Request().Context()
	if !complete {
		saved, err := s.Store.SaveDraft(ctx, a.InvitationID, answers)
		if err != nil {
			return err
		}
		if !saved {
			return s.goneNow(c, token)
		}
		return c.Redirect(http.StatusSeeOther, "/s/"+token+"?saved=1")
	}
	stored, err := s.Store.SubmitResponse(ctx, a.InvitationID, answers)
	if err != nil {
		return err
	}
	if !stored {
		return s.goneNow(c, token)
	}
	return c.Render(http.StatusOK, "message", messagePage{
		Title: "Thank you",
		Body:  "Your feedback was received. It will be read only together with others' answers, as the survey promised. You can close this page.",
	})
}

// decline records, in one click, that the rater will not give feedback.
func (s *Server) decline(c echo.Context) error {
	a, token, handled, err := s.openLink(c)
	if handled {
		return err
	}
	declined, err := s.Store.Decline(c.Request().Context(), a.InvitationID)
	if err != nil {
		return err
	}
	if !declined {
		return s.goneNow(c, token)
	}
	return c.Render(http.StatusOK, "message", messagePage{
		Title: "You have declined",
		Body:  "Thank you for letting us know. You will not be asked again for this survey, and anything you had saved has been deleted.",
	})
}
