package web

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/labstack/echo/v4"

	"threesixty/internal/metrics"
	"threesixty/internal/threesixty"
)

// logRequests writes one line per request: the route's pattern (which holds no token), the path
// with its tokens redacted and no query string, the status and the time taken.
func (s *Server) logRequests(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		err := next(c)
		if err != nil {
			c.Error(err)
		}
		took := time.Since(start)
		method := metrics.Method(c.Request().Method)
		s.Log.Info("request",
			slog.String("method", method),
			slog.String("route", c.Path()),
			slog.String("path", loggedPath(c)),
			slog.Int("status", c.Response().Status),
			slog.Duration("took", took))
		s.Metrics.Request(method, c.Path(), c.Response().Status, took)
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

// pageRequestKey marks, on the Echo context, a request that a person makes with a browser.
const pageRequestKey = "threesixty.page-request"

// pageRequests marks the requests of a route group as a person's, made with a browser: their
// errors are answered with a page, never with JSON (see handleError).
func pageRequests(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Set(pageRequestKey, true)
		return next(c)
	}
}

// isPageRequest reports whether the request came through pageRequests.
func isPageRequest(c echo.Context) bool {
	page, _ := c.Get(pageRequestKey).(bool)
	return page
}

// surveyCSP allows nothing from anywhere but this service: no third-party script, font or image
// may learn who opens a survey.
const surveyCSP = "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; connect-src 'self'; " +
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
// neither header (curl, a test) is let through: it holds the token, so it is the rater. A GET
// or HEAD is always let through: a link followed from a webmail page is a cross-site GET.
func sameOrigin(base *url.URL) echo.MiddlewareFunc {
	origin := base.Scheme + "://" + base.Host
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			r := c.Request()
			if r.Method == http.MethodGet || r.Method == http.MethodHead {
				return next(c)
			}
			site := r.Header.Get("Sec-Fetch-Site")
			o := r.Header.Get("Origin")
			// With Referrer-Policy no-referrer a browser sends "Origin: null" even from our own
			// page, so Sec-Fetch-Site decides where a browser sends it.
			crossSite := site != "" && site != "same-origin" && site != "none"
			foreign := site == "" && o != "" && o != "null" && o != origin
			if crossSite || foreign {
				return c.Render(http.StatusForbidden, "message", messagePage{
					Title: "This form was sent from another site",
					Body:  "For your safety, answers are only accepted from the survey page itself. Open your link again and send the form from there.",
				})
			}
			return next(c)
		}
	}
}

// strictTransport tells browsers to reach the service over HTTPS only, from the first answer on,
// when it is served over HTTPS: a survey link opened once over plain HTTP would give its token to
// anyone on the network.
func strictTransport(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Response().Header().Set("Strict-Transport-Security", "max-age=31536000")
		return next(c)
	}
}

// robots keeps crawlers off every token link and the API. A link never reaches a crawler by
// design, but one pasted into a public page should not be followed.
func robots(c echo.Context) error {
	return c.String(http.StatusOK, "User-agent: *\nDisallow: /s/\nDisallow: /l/\nDisallow: /api/\n")
}
