package web

import (
	"log/slog"
	"net"
	"net/url"
	"runtime"
	"time"

	"github.com/labstack/echo/v4"

	"threesixty/internal/links"
	"threesixty/internal/metrics"
	"threesixty/internal/web/surveypage"
	"threesixty/surveys"
)

// Server holds what the handlers need. It keeps no state between requests: everything lives in
// the database, so instances behind one load balancer behave as one.
type Server struct {
	Store Store
	// Instruments are the current versions shipped with the binary, by ID; new rounds pin these.
	Instruments map[string]*surveys.Instrument
	// BaseURL is where links point; never derived from a request's Host header.
	BaseURL *url.URL
	Log     *slog.Logger
	Now     func() time.Time
	// Mailbox serves /mailbox, the kept messages, for when no SMTP server is configured.
	Mailbox bool
	// TrustedProxies are the addresses of reverse proxies whose X-Forwarded-For is believed;
	// without any, the client address is the connection's.
	TrustedProxies []*net.IPNet
	// Metrics counts requests and refused link guesses; nil counts nothing.
	Metrics *metrics.Metrics

	// renders bounds the reports drawn at once: each takes a core and tens of megabytes for a
	// fraction of a second, and a burst of downloads must not take the service's memory with it.
	renders chan struct{}
	// hashing bounds the password checks run at once, for the same reason: each takes 19 MiB.
	hashing chan struct{}

	pages      pageSet
	surveyPage *surveypage.Renderer
	links      *links.Links
}

// New builds the Echo instance with every route. It panics when BaseURL cannot be the base of
// links (see links.New), which the service's start-up has refused before.
func New(s *Server) *echo.Echo {
	if s.Now == nil {
		s.Now = time.Now
	}
	l, err := links.New(s.BaseURL)
	if err != nil {
		panic("web: " + err.Error())
	}
	s.links = l
	s.renders = make(chan struct{}, runtime.GOMAXPROCS(0))
	s.hashing = make(chan struct{}, runtime.GOMAXPROCS(0))
	e := echo.New()
	s.pages, s.surveyPage = parsePages()
	e.Renderer = s.pages
	e.HideBanner, e.HidePort = true, true
	// Behind no proxy by default: a client-sent X-Forwarded-For must not pick the address the
	// token-guess limit counts. Behind trusted proxies, the address they forward.
	e.IPExtractor = echo.ExtractIPDirect()
	if len(s.TrustedProxies) > 0 {
		trust := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
		for _, n := range s.TrustedProxies {
			trust = append(trust, echo.TrustIPRange(n))
		}
		e.IPExtractor = echo.ExtractIPFromXFFHeader(trust...)
	}
	e.Validator = echoValidator{newValidator()}
	e.HTTPErrorHandler = s.handleError
	e.Use(s.logRequests, recoverPanics)
	if s.BaseURL.Scheme == "https" {
		e.Use(strictTransport)
	}
	s.routes(e)
	return e
}
