package mail

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	netmail "net/mail"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Security is how the connection to the SMTP server is protected.
type Security int

// The ways to reach an SMTP server, chosen by SMTP_URL.
const (
	// ImplicitTLS speaks TLS from the first byte (smtps://, port 465 by default).
	ImplicitTLS Security = iota
	// STARTTLSOpportunistic upgrades with STARTTLS when the server offers it and sends in plain
	// text when it does not (smtp://, port 587 by default). A password is still never sent in
	// plain text, except to a server on the loopback interface.
	STARTTLSOpportunistic
	// STARTTLSRequired refuses to send unless the server offers STARTTLS
	// (smtp://...?starttls=required).
	STARTTLSRequired
)

// String names the security as a person would.
func (s Security) String() string {
	switch s {
	case ImplicitTLS:
		return "TLS"
	case STARTTLSOpportunistic:
		return "STARTTLS when offered"
	case STARTTLSRequired:
		return "STARTTLS required"
	}
	return "Security(" + strconv.Itoa(int(s)) + ")"
}

// defaultTimeout bounds dialing and every SMTP command, so a stalled server cannot hold the
// sender for long.
const defaultTimeout = 15 * time.Second

// SMTPConfig comes from SMTP_URL, MAIL_FROM, MAIL_REPLY_TO. Print it with String, which masks
// the password.
type SMTPConfig struct {
	Host     string
	Port     int
	Security Security
	Username string // "" for no authentication
	password string // unexported so that encoding the config, as JSON say, cannot leak it

	From    *netmail.Address // may have a display name: threesixty <feedback@example.com>
	ReplyTo *netmail.Address // nil when not set
	Timeout time.Duration    // for dialing and for each SMTP command

	tlsConfig *tls.Config // nil for the system's roots; tests set their own
}

// ParseSMTP reads the SMTP settings:
//
//	smtps://user:pass@host:port          TLS from the start; port 465 by default
//	smtp://user:pass@host:port           STARTTLS when offered; port 587 by default
//	smtp://host:port?starttls=required   STARTTLS or nothing
//
// User and password are optional and percent-decoded. Errors name the setting and what is
// wrong with it, and never quote the password.
func ParseSMTP(smtpURL, from, replyTo string) (*SMTPConfig, error) {
	cfg := &SMTPConfig{Timeout: defaultTimeout}
	if err := cfg.parseURL(strings.TrimSpace(smtpURL)); err != nil {
		return nil, err
	}

	from = strings.TrimSpace(from)
	if from == "" {
		return nil, errors.New("MAIL_FROM is required")
	}
	var err error
	if cfg.From, err = parseAddress(from); err != nil {
		return nil, fmt.Errorf("MAIL_FROM: %w", err)
	}
	if replyTo = strings.TrimSpace(replyTo); replyTo != "" {
		if cfg.ReplyTo, err = parseAddress(replyTo); err != nil {
			return nil, fmt.Errorf("MAIL_REPLY_TO: %w", err)
		}
	}
	return cfg, nil
}

func (cfg *SMTPConfig) parseURL(raw string) error {
	if raw == "" {
		return errors.New("SMTP_URL is empty")
	}
	u, err := url.Parse(raw)
	if err != nil {
		// A password with an unescaped "/", "?" or "#" splits the URL in the wrong place, and
		// the parser's message may then quote a piece of it; say only what to check.
		return errors.New("SMTP_URL is not a valid URL; percent-encode any special characters in the user name and password")
	}
	switch {
	case u.Scheme != "smtp" && u.Scheme != "smtps":
		return errors.New("SMTP_URL: scheme must be smtp or smtps")
	case u.Opaque != "":
		return errors.New("SMTP_URL: write it as smtp://host:port or smtps://host:port")
	case u.Hostname() == "":
		return errors.New("SMTP_URL: the host is missing")
	case u.Path != "" && u.Path != "/":
		return errors.New("SMTP_URL: a path means nothing here; write smtp://host:port")
	case u.Fragment != "":
		return errors.New("SMTP_URL: a fragment (#...) means nothing here; percent-encode a # in the password as %23")
	}
	cfg.Host = u.Hostname()

	cfg.Security = STARTTLSOpportunistic
	cfg.Port = 587
	if u.Scheme == "smtps" {
		cfg.Security = ImplicitTLS
		cfg.Port = 465
	}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < 1 || n > 65535 {
			return errors.New("SMTP_URL: the port must be a number from 1 to 65535")
		}
		cfg.Port = n
	}

	query, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return errors.New("SMTP_URL: the query is not valid")
	}
	for key, values := range query {
		if key != "starttls" {
			// The key is not quoted: a misplaced password can end up here.
			return errors.New("SMTP_URL: unknown parameter; the only one is starttls")
		}
		switch {
		case u.Scheme == "smtps":
			return errors.New("SMTP_URL: starttls applies to smtp:// only; smtps:// is TLS from the start")
		case len(values) != 1:
			return errors.New("SMTP_URL: starttls is given more than once")
		case values[0] == "required":
			cfg.Security = STARTTLSRequired
		case values[0] == "opportunistic":
			cfg.Security = STARTTLSOpportunistic
		default:
			return errors.New("SMTP_URL: starttls must be required or opportunistic")
		}
	}

	if u.User != nil {
		cfg.Username = u.User.Username()
		cfg.password, _ = u.User.Password()
		if cfg.Username == "" && cfg.password != "" {
			return errors.New("SMTP_URL: a password is given without a user name")
		}
	}
	return nil
}

// parseAddress accepts an address with or without a display name.
func parseAddress(s string) (*netmail.Address, error) {
	a, err := netmail.ParseAddress(s)
	if err != nil {
		return nil, fmt.Errorf("%q is not an email address (want feedback@example.com or threesixty <feedback@example.com>)", s)
	}
	return a, nil
}

// String shows the settings the way SMTP_URL is written, with the password masked.
func (cfg SMTPConfig) String() string {
	u := url.URL{Scheme: "smtp", Host: net.JoinHostPort(cfg.Host, strconv.Itoa(cfg.Port))}
	switch cfg.Security {
	case ImplicitTLS:
		u.Scheme = "smtps"
	case STARTTLSRequired:
		u.RawQuery = "starttls=required"
	}
	switch {
	case cfg.password != "":
		u.User = url.UserPassword(cfg.Username, "xxxxx")
	case cfg.Username != "":
		u.User = url.User(cfg.Username)
	}
	s := "SMTP_URL=" + u.String()
	if cfg.From != nil {
		s += " MAIL_FROM=" + cfg.From.String()
	}
	if cfg.ReplyTo != nil {
		s += " MAIL_REPLY_TO=" + cfg.ReplyTo.String()
	}
	return s
}

// GoString masks the password in %#v too.
func (cfg SMTPConfig) GoString() string { return "mail.SMTPConfig{" + cfg.String() + "}" }
