package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"strconv"
	"sync"
	"time"

	gomail "github.com/wneessen/go-mail"
	gmsmtp "github.com/wneessen/go-mail/smtp"
)

// SMTPSender delivers messages through one SMTP server. It keeps one connection open across
// Send calls, so a batch of many messages, and many batches, cost one connection; a connection
// that failed is closed and dialled again on the next message. It is safe for concurrent use:
// sends take turns on the connection.
type SMTPSender struct {
	cfg       *SMTPConfig
	tlsConfig *tls.Config
	client    *gomail.Client // the settings; the connection itself is conn

	mu   sync.Mutex     // held by Send and Close, which share conn
	conn *gmsmtp.Client // nil when not connected

	rawMu sync.Mutex // raw is reached from a cancelled context's goroutine too
	raw   net.Conn   // the network connection under conn
}

var _ Sender = (*SMTPSender)(nil)

// NewSMTPSender prepares a sender for cfg. It does not connect: the first Send does.
func NewSMTPSender(cfg *SMTPConfig) (*SMTPSender, error) {
	if cfg == nil || cfg.Host == "" || cfg.From == nil {
		return nil, errors.New("mail: SMTP settings need a host and a From address (use ParseSMTP)")
	}
	s := &SMTPSender{cfg: cfg, tlsConfig: cfg.tlsConfig}
	if s.tlsConfig == nil {
		s.tlsConfig = &tls.Config{ServerName: cfg.Host, MinVersion: tls.VersionTLS12}
	}
	opts := []gomail.Option{
		gomail.WithPort(cfg.Port),
		gomail.WithTimeout(s.timeout()),
		gomail.WithTLSConfig(s.tlsConfig),
		// Our own dialer, so that the connection can be closed when go-mail's dial fails after
		// connecting (it leaves it open when the greeting, STARTTLS or AUTH fails), and cut
		// short when the caller's context ends.
		gomail.WithDialContextFunc(s.dial),
		// go-mail sends NOOP before every message to check the connection; Send checks once
		// per batch instead.
		gomail.WithoutNoop(),
	}
	switch cfg.Security {
	case ImplicitTLS:
		// s.dial speaks TLS from the start; WithSSL keeps go-mail from trying STARTTLS on top.
		opts = append(opts, gomail.WithSSL())
	case STARTTLSOpportunistic:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	case STARTTLSRequired:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	default:
		return nil, fmt.Errorf("mail: unknown SMTP security %v", cfg.Security)
	}
	if cfg.Username != "" {
		// PLAIN and LOGIN are what submission servers offer (Office 365 only LOGIN); go-mail's
		// own discovery skips both when it dialled the TLS connection itself, as here. Either
		// refuses to send the password over a connection without TLS, except to localhost.
		opts = append(opts,
			gomail.WithOpportunisticSMTPAuth(gomail.SMTPAuthPlain, gomail.SMTPAuthLogin),
			gomail.WithUsername(cfg.Username),
			gomail.WithPassword(cfg.password))
	}
	var err error
	if s.client, err = gomail.NewClient(cfg.Host, opts...); err != nil {
		return nil, fmt.Errorf("mail: %w", err)
	}
	return s, nil
}

// Send delivers msgs in order over the sender's connection and returns one error per message:
// nil when the server accepted it, else a *DeliveryError. When the server cannot be reached,
// every message not yet sent gets a temporary error.
func (s *SMTPSender) Send(ctx context.Context, msgs []*Rendered) []error {
	errs := make([]error, len(msgs))
	built := make([]*gomail.Msg, len(msgs))
	for i, r := range msgs {
		m, err := s.newMsg(r)
		if err != nil {
			errs[i] = permanent(err)
			continue
		}
		built[i] = m
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	defer context.AfterFunc(ctx, s.interrupt)()

	checked := false
	for i, m := range built {
		if m == nil {
			continue
		}
		if err := ctx.Err(); err != nil {
			errs[i] = temporary(err)
			continue
		}
		if s.conn != nil && !checked && !s.alive() {
			s.drop()
		}
		checked = true
		if s.conn == nil {
			if err := s.connect(ctx); err != nil {
				// Without a connection nothing more can go out now; all of it may later.
				err = temporary(fmt.Errorf("connecting to %s: %w", s.addr(), err))
				for j := i; j < len(built); j++ {
					if built[j] != nil {
						errs[j] = err
					}
				}
				return errs
			}
		}
		if err := s.client.SendWithSMTPClient(s.conn, m); err != nil {
			var broken bool
			errs[i], broken = classify(err)
			if broken {
				s.drop()
			}
		}
	}
	return errs
}

// Close says goodbye to the server and closes the connection, if one is open.
func (s *SMTPSender) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.conn == nil {
		return nil
	}
	// An error from QUIT means only that the server has gone already, which is the aim.
	if s.conn.UpdateDeadline(s.timeout()) == nil {
		_ = s.conn.Quit()
	}
	s.drop()
	return nil
}

// connect dials, greets, starts TLS and authenticates, as cfg says.
func (s *SMTPSender) connect(ctx context.Context) error {
	conn, err := s.client.DialToSMTPClientWithContext(ctx)
	if err != nil {
		s.closeRaw()
		return err
	}
	s.conn = conn
	return nil
}

// alive checks a connection kept from an earlier batch, which the server may have closed
// while it sat idle. Its deadline is long past, so it is renewed first.
func (s *SMTPSender) alive() bool {
	return s.conn.UpdateDeadline(s.timeout()) == nil && s.conn.Noop() == nil
}

// drop forgets a connection that can no longer be trusted; the next message dials anew.
func (s *SMTPSender) drop() {
	if s.conn != nil {
		_ = s.conn.Close()
		s.conn = nil
	}
	s.closeRaw()
}

func (s *SMTPSender) dial(ctx context.Context, network, addr string) (net.Conn, error) {
	d := &net.Dialer{}
	var c net.Conn
	var err error
	if s.cfg.Security == ImplicitTLS {
		c, err = (&tls.Dialer{NetDialer: d, Config: s.tlsConfig}).DialContext(ctx, network, addr)
	} else {
		c, err = d.DialContext(ctx, network, addr)
	}
	if err != nil {
		return nil, err
	}
	s.rawMu.Lock()
	s.raw = c
	s.rawMu.Unlock()
	return c, nil
}

func (s *SMTPSender) closeRaw() {
	s.rawMu.Lock()
	defer s.rawMu.Unlock()
	if s.raw != nil {
		_ = s.raw.Close()
		s.raw = nil
	}
}

// interrupt makes a command waiting on the server fail now rather than at its timeout, when
// the caller's context ends. The message fails as temporary and the connection is dropped.
func (s *SMTPSender) interrupt() {
	s.rawMu.Lock()
	defer s.rawMu.Unlock()
	if s.raw != nil {
		_ = s.raw.SetDeadline(time.Unix(1, 0))
	}
}

func (s *SMTPSender) timeout() time.Duration {
	if s.cfg.Timeout > 0 {
		return s.cfg.Timeout
	}
	return defaultTimeout
}

func (s *SMTPSender) addr() string {
	return net.JoinHostPort(s.cfg.Host, strconv.Itoa(s.cfg.Port))
}

// classify turns go-mail's error for one message into a DeliveryError, and says whether the
// connection is still fit for the next message.
//
// go-mail's own SendError.IsTemp only looks at whether the error text starts with "4", so a
// broken connection or a timeout (no reply code at all) comes out as permanent. Here anything
// without a 5xx reply is temporary.
func classify(err error) (derr error, broken bool) {
	var se *gomail.SendError
	if !errors.As(err, &se) {
		return temporary(err), true
	}
	switch code := se.ErrorCode(); {
	case se.Reason == gomail.ErrGetSender || se.Reason == gomail.ErrGetRcpts:
		return permanent(err), false
	case code >= 500 && code <= 599:
		return permanent(err), false
	case code >= 400 && code <= 499:
		// 421: the server is closing the connection.
		return temporary(err), code == 421
	default:
		// No reply: the connection broke or timed out, so its state is unknown.
		return temporary(err), true
	}
}
