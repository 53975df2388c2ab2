package web

import (
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
)

// redactPath hides the token of a survey link: a token in a log is a key to someone's survey.
func redactPath(p string) string {
	if rest, ok := strings.CutPrefix(p, "/s/"); ok {
		_, tail, _ := strings.Cut(rest, "/")
		if tail != "" {
			return "/s/[token]/" + tail
		}
		return "/s/[token]"
	}
	return p
}

// logRequests writes one line per request, with the path redacted and no query string.
func (s *Server) logRequests(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		if err != nil {
			c.Error(err)
		}
		s.Log.Info("request",
			slog.String("method", c.Request().Method),
			slog.String("path", redactPath(c.Request().URL.Path)),
			slog.Int("status", c.Response().Status),
			slog.Duration("took", time.Since(start)))
		return nil
	}
}

// recoverPanics turns a panic into a 500 without the stack reaching the client.
func recoverPanics(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		defer func() {
			if r := recover(); r != nil {
				err = &threesixty.Error{Code: threesixty.EINTERNAL, Message: "internal error", Err: fmt.Errorf("panic: %v", r)}
			}
		}()
		return next(c)
	}
}

// surveyCSP allows nothing from anywhere but this service: no third-party script, font or image
// may learn who opens a survey.
const surveyCSP = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; " +
	"form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

// surveyHeaders keeps survey pages out of referrers, caches and search engines.
func surveyHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cache-Control", "no-store")
		h.Set("X-Robots-Tag", "noindex, nofollow")
		h.Set("Content-Security-Policy", surveyCSP)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		return next(c)
	}
}

// sameOrigin rejects a POST that a browser says comes from another site. A program that sends
// neither header (curl, a test) is let through: it holds the token, so it is the rater.
func sameOrigin(base *url.URL) echo.MiddlewareFunc {
	origin := base.Scheme + "://" + base.Host
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			r := c.Request()
			site := r.Header.Get("Sec-Fetch-Site")
			o := r.Header.Get("Origin")
			// With Referrer-Policy no-referrer a browser sends "Origin: null" even from our own
			// page, so Sec-Fetch-Site decides where a browser sends it.
			crossSite := site != "" && site != "same-origin" && site != "none"
			foreign := site == "" && o != "" && o != "null" && o != origin
			if crossSite || foreign {
				return c.Render(403, "message", messagePage{
					Title: "This form was sent from another site",
					Body:  "For your safety, answers are only accepted from the survey page itself. Open your link again and send the form from there.",
				})
			}
			return next(c)
		}
	}
}
