// Package metrics counts what an operator watches, in Prometheus's text format: requests by
// route pattern (never a path, which can hold a token) and status, their latency, mail outcomes,
// link guesses refused, the database pool, and, read from the database at each scrape, the
// outbox's backlog and the releases made. Every method is safe on a nil *Metrics, which counts
// nothing, so the code that counts does not care whether anyone collects.
package metrics

import (
	"context"
	"database/sql"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Source is what the metrics read from the database when scraped. The figures are the whole
// service's, so every instance reports the same ones.
type Source interface {
	// OutboxBacklog is how many messages wait to be sent, and how long the one most overdue has
	// been due (a message waiting out a retry's backoff is not overdue).
	OutboxBacklog(ctx context.Context) (queued int, overdue time.Duration, err error)
	// Releases is how many rounds have been released.
	Releases(ctx context.Context) (int, error)
}

// Metrics holds the service's collectors and the registry they are served from.
type Metrics struct {
	registry      *prometheus.Registry
	requests      *prometheus.CounterVec
	latency       *prometheus.HistogramVec
	mail          *prometheus.CounterVec
	guessRefusals *prometheus.CounterVec
}

// New registers the service's collectors, the pool of db and the figures of source.
func New(db *sql.DB, source Source) *Metrics {
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "threesixty_http_requests_total",
			Help: "HTTP requests answered, by method, route pattern and status.",
		}, []string{"method", "route", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "threesixty_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route pattern.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route"}),
		mail: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "threesixty_mail_outcomes_total",
			Help: "Outbox messages handled by this instance, by outcome: sent, retry, bounced, failed, cancelled.",
		}, []string{"outcome"}),
		guessRefusals: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "threesixty_link_guess_refusals_total",
			Help: "Link lookups that missed and were refused with 429, by the limit they met: address or service.",
		}, []string{"limit"}),
	}
	timeout := 5 * time.Second
	m.registry.MustRegister(m.requests, m.latency, m.mail, m.guessRefusals,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		collectors.NewDBStatsCollector(db, "threesixty"),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "threesixty_outbox_queued",
			Help: "Messages waiting to be sent, the whole service's.",
		}, func() float64 {
			ctx, cancel := context.WithTimeout(context.Background(), timeout)
			defer cancel()
			queued, _, err := source.OutboxBacklog(ctx)
			return valueOr(float64(queued), err)
		}),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "threesixty_outbox_overdue_seconds",
			Help: "How long the message most overdue for sending has been due, the whole service's; 0 when none is.",
		}, func() float64 {
			ctx, cancel := context.WithTimeout(context.Background(), timeout)
			defer cancel()
			_, overdue, err := source.OutboxBacklog(ctx)
			return valueOr(overdue.Seconds(), err)
		}),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "threesixty_releases_total",
			Help: "Rounds released, the whole service's.",
		}, func() float64 {
			ctx, cancel := context.WithTimeout(context.Background(), timeout)
			defer cancel()
			n, err := source.Releases(ctx)
			return valueOr(float64(n), err)
		}),
	)
	return m
}

// valueOr is v, or NaN when the database could not say: a gap in a graph, not a false zero.
func valueOr(v float64, err error) float64 {
	if err != nil {
		return math.NaN()
	}
	return v
}

// Handler serves the metrics in Prometheus's text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}

// Request counts an answered request. route is the route's pattern ("/s/:token"), never its
// path; "" for a request that matched no route.
func (m *Metrics) Request(method, route string, status int, took time.Duration) {
	if m == nil {
		return
	}
	if route == "" {
		route = "unmatched"
	}
	m.requests.WithLabelValues(Method(method), route, strconv.Itoa(status)).Inc()
	m.latency.WithLabelValues(route).Observe(took.Seconds())
}

// Mail counts n outbox messages that ended a step with outcome.
func (m *Metrics) Mail(outcome string, n int) {
	if m == nil || n == 0 {
		return
	}
	m.mail.WithLabelValues(outcome).Add(float64(n))
}

// GuessRefused counts a link lookup refused with 429 because of limit: "address" or "service".
func (m *Metrics) GuessRefused(limit string) {
	if m == nil {
		return
	}
	m.guessRefusals.WithLabelValues(limit).Inc()
}

// Method is a request's method as it may be counted or logged: any token is a valid HTTP method,
// and one can be made to look like a survey link's token or be new at every request, so methods
// the service does not know are "other".
func Method(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodOptions:
		return m
	}
	return "other"
}
