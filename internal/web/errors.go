package web

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
)

// statusOf is the one place an error code becomes an HTTP status.
func statusOf(code string) int {
	switch code {
	case threesixty.EMALFORMED:
		return http.StatusBadRequest
	case threesixty.EINVALID:
		return http.StatusUnprocessableEntity
	case threesixty.ENOTFOUND:
		return http.StatusNotFound
	case threesixty.ECONFLICT:
		return http.StatusConflict
	case threesixty.EGONE:
		return http.StatusGone
	case threesixty.EFORBIDDEN:
		return http.StatusForbidden
	case threesixty.EUNAUTH:
		return http.StatusUnauthorized
	case threesixty.ELIMITED:
		return http.StatusTooManyRequests
	case threesixty.ETOOLARGE:
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusInternalServerError
}

// apiError is the body of every error the API returns.
type apiError struct {
	Code    string                  `json:"code"`
	Message string                  `json:"message"`
	Errors  []threesixty.FieldError `json:"errors,omitempty"`
}

// toError turns any error into a threesixty error; Echo's own errors (unknown route, wrong method)
// keep their status through the nearest code.
func toError(err error) *threesixty.Error {
	var te *threesixty.Error
	if errors.As(err, &te) {
		return te
	}
	var he *echo.HTTPError
	if errors.As(err, &he) {
		switch he.Code {
		case http.StatusNotFound:
			return threesixty.Errorf(threesixty.ENOTFOUND, "no such endpoint")
		case http.StatusMethodNotAllowed:
			return threesixty.Errorf(threesixty.EMALFORMED, "method not allowed")
		case http.StatusRequestEntityTooLarge:
			return threesixty.Errorf(threesixty.ETOOLARGE, "the request body is too large")
		case http.StatusUnauthorized:
			return threesixty.Errorf(threesixty.EUNAUTH, "an API token is required: Authorization: Bearer <token>")
		}
	}
	return &threesixty.Error{Code: threesixty.EINTERNAL, Message: "internal error", Err: err}
}

// handleError answers an error as JSON, or with a page for a request of a page route (see
// pageRequests). Internal causes are logged, never sent.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	te := toError(err)
	if te.Code == threesixty.EINTERNAL {
		s.Log.Error("request failed", slog.String("path", loggedPath(c)), slog.Any("err", err))
	}
	status := statusOf(te.Code)
	if he := (*echo.HTTPError)(nil); errors.As(err, &he) && he.Code == http.StatusMethodNotAllowed {
		status = he.Code
	}
	if c.Request().Method == http.MethodHead {
		c.NoContent(status)
		return
	}
	if isPageRequest(c) {
		page := messagePage{Title: "Something went wrong", Body: "Your answers could not be handled just now. Go back, wait a moment and send the form again; nothing you sent was lost on your side."}
		switch te.Code {
		case threesixty.EINTERNAL:
		case threesixty.ETOOLARGE:
			page = messagePage{Title: "The form was too large to send", Body: "What was sent is larger than any survey can be, so none of it was kept. Go back, shorten the longest comment and send the form again."}
		default:
			page = messagePage{Title: "This request could not be handled", Body: te.Message}
		}
		if _, signedIn := c.Get(sessionTokenKey).(string); signedIn {
			if te.Code == threesixty.ENOTFOUND {
				page = messagePage{Title: "There is no such page", Body: "It does not exist, or it is not yours to see."}
			}
			c.Render(status, "app/message", appMessagePage{frame: s.frameFor(c, page.Title, ""), Title: page.Title, Body: page.Body})
			return
		}
		c.Render(status, "message", page)
		return
	}
	c.JSON(status, apiError{Code: te.Code, Message: te.Message, Errors: te.Fields})
}
