// Package config reads the service's settings from the environment. Secrets (the database and
// SMTP passwords) are masked whenever a setting is printed or logged.
package config

import (
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Config is every setting of the service.
type Config struct {
	DatabaseURL string   // DATABASE_URL, required
	ListenAddr  string   // LISTEN_ADDR, default 127.0.0.1:8080
	BaseURL     *url.URL // BASE_URL: links in emails and pages start with it; default http://LISTEN_ADDR
	SMTPURL     string   // SMTP_URL: unset means messages are kept in the local mailbox page
	MailFrom    string   // MAIL_FROM, required with SMTP_URL; default "threesixty <feedback@BASE_URL host>"
	MailReplyTo string   // MAIL_REPLY_TO, optional
	// TrustedProxies (TRUSTED_PROXIES, comma-separated addresses or CIDR ranges) are the reverse
	// proxies whose X-Forwarded-For gives the client address.
	TrustedProxies []*net.IPNet
	// LogFormat (LOG_FORMAT) is "text" (the default, for people) or "json" (one object a line,
	// for a log collector).
	LogFormat string
	// MetricsAddr (METRICS_ADDR, host:port) is where /metrics is served, on a listener of its
	// own so that it is not public with the service; unset, there are no metrics.
	MetricsAddr string
	// Retention (RETENTION_DAYS, default 90) is how long after an engagement ends its raters'
	// names and addresses, its mail and its survey link tokens are kept.
	Retention time.Duration
}

// FromEnv reads the configuration, saying exactly which variable is wrong.
func FromEnv() (*Config, error) {
	c := &Config{
		DatabaseURL: os.Getenv("DATABASE_URL"),
		ListenAddr:  envOr("LISTEN_ADDR", "127.0.0.1:8080"),
		SMTPURL:     os.Getenv("SMTP_URL"),
		MailFrom:    os.Getenv("MAIL_FROM"),
		MailReplyTo: os.Getenv("MAIL_REPLY_TO"),
		LogFormat:   envOr("LOG_FORMAT", "text"),
		MetricsAddr: os.Getenv("METRICS_ADDR"),
	}
	days, err := strconv.Atoi(envOr("RETENTION_DAYS", "90"))
	if err != nil || days < 1 || days > 3650 {
		return nil, fmt.Errorf("RETENTION_DAYS %q: give a whole number of days from 1 to 3650", os.Getenv("RETENTION_DAYS"))
	}
	c.Retention = time.Duration(days) * 24 * time.Hour
	if c.MetricsAddr != "" {
		if _, _, err := net.SplitHostPort(c.MetricsAddr); err != nil {
			return nil, fmt.Errorf("METRICS_ADDR %q is not host:port: %v", c.MetricsAddr, err)
		}
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		return nil, fmt.Errorf("LOG_FORMAT %q: use text or json", c.LogFormat)
	}
	if c.DatabaseURL == "" {
		return nil, errors.New("DATABASE_URL is not set (for example postgres://user:pass@127.0.0.1:5432/threesixty?sslmode=disable)")
	}
	if _, _, err := net.SplitHostPort(c.ListenAddr); err != nil {
		return nil, fmt.Errorf("LISTEN_ADDR %q is not host:port: %v", c.ListenAddr, err)
	}
	base := envOr("BASE_URL", "http://"+c.ListenAddr)
	u, err := url.Parse(strings.TrimRight(base, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" {
		return nil, fmt.Errorf("BASE_URL %q must be an absolute http or https URL without a query", base)
	}
	c.BaseURL = u
	for _, p := range strings.Split(os.Getenv("TRUSTED_PROXIES"), ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		if !strings.Contains(p, "/") {
			if ip := net.ParseIP(p); ip != nil && ip.To4() != nil {
				p += "/32"
			} else {
				p += "/128"
			}
		}
		_, n, err := net.ParseCIDR(p)
		if err != nil {
			return nil, fmt.Errorf("TRUSTED_PROXIES: %q is not an address or CIDR range", p)
		}
		c.TrustedProxies = append(c.TrustedProxies, n)
	}
	if c.MailFrom == "" {
		c.MailFrom = "threesixty <feedback@" + u.Hostname() + ">"
	}
	return c, nil
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}

// keywordPassword is a password in PostgreSQL's keyword form, "host=db password=s3cret", which
// lib/pq accepts in DATABASE_URL as well as a URL; the value may be quoted, with \' inside.
var keywordPassword = regexp.MustCompile(`(?i)\bpassword\s*=\s*('(?:[^'\\]|\\.)*'|\S*)`)

// Mask hides the password of a URL or of a keyword connection string, for logs and messages.
func Mask(raw string) string {
	if !strings.Contains(raw, "://") {
		return keywordPassword.ReplaceAllString(raw, "password=xxxxx")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable URL)"
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	q := u.Query()
	if q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.String()
}

// Logger is the service's logger, writing to w in the configured format.
func (c *Config) Logger(w io.Writer) *slog.Logger {
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, nil))
	}
	return slog.New(slog.NewTextHandler(w, nil))
}

// String describes the configuration with every secret masked.
func (c *Config) String() string {
	smtp := "not set: messages are kept and shown at /mailbox"
	if c.SMTPURL != "" {
		smtp = Mask(c.SMTPURL)
	}
	return fmt.Sprintf("database %s, listening on %s, links from %s, mail %s", Mask(c.DatabaseURL), c.ListenAddr, c.BaseURL, smtp)
}
