package web

import (
	"net"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
)

// The mailbox is the demo's stand-in for an SMTP server: with no SMTP_URL, messages are kept
// and listed here, links and all, so a person trying the demo can follow every step from their
// browser. Those kept messages hold live survey links, so the page answers only on loopback.

type mailboxPage struct {
	Messages []mailboxEntry
}

func (mailboxPage) PageTitle() string { return "Mailbox: what would have been sent" }

type mailboxEntry struct {
	To, Subject, Purpose, Text string
	KeptAt                     time.Time
	Links                      []string
}

var linkPattern = regexp.MustCompile(`https?://[^\s<>"]+`)

func (s *Server) showMailbox(c echo.Context) error {
	kept, err := s.Store.Mailbox(c.Request().Context(), 200)
	if err != nil {
		return err
	}
	page := mailboxPage{}
	for _, m := range kept {
		page.Messages = append(page.Messages, mailboxEntry{
			To: m.Recipient, Subject: m.Subject, Purpose: string(m.Purpose), Text: m.Text, KeptAt: m.KeptAt,
			Links: linkPattern.FindAllString(m.Text, -1),
		})
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	c.Response().Header().Set("Referrer-Policy", "no-referrer")
	c.Response().Header().Set("Content-Security-Policy", surveyCSP)
	return c.Render(http.StatusOK, "mailbox", page)
}

// loopbackOnly refuses anyone not on this machine, and anything that came through a proxy on
// it, which would make every client look local.
func loopbackOnly(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Request().Header
		proxied := h.Get("X-Forwarded-For") != "" || h.Get("Forwarded") != "" || h.Get("X-Real-Ip") != ""
		if ip := net.ParseIP(c.RealIP()); ip == nil || !ip.IsLoopback() || proxied || !loopbackHost(c.Request().Host) {
			return threesixty.Errorf(threesixty.EFORBIDDEN, "the mailbox is shown only on this machine")
		}
		return next(c)
	}
}

// loopbackHost reports whether a request's Host names this machine. A page on another site can
// make its own name resolve to 127.0.0.1 (DNS rebinding) and read what it loads; its requests
// still carry that name, not a loopback one.
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
