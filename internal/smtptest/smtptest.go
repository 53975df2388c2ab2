// Package smtptest runs a real SMTP server in the test process, on loopback, for the tests and
// benchmarks of mail: it records what arrives, counts connections, and on demand speaks TLS
// (implicit or STARTTLS) with a certificate of its own, requires AUTH, refuses recipients, stalls,
// or goes down and comes back.
package smtptest

import (
	"crypto/tls"
	"errors"
	"io"
	"log"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// stallLimit bounds how long a stalled server holds an answer back.
const stallLimit = 10 * time.Second

// Options change how StartWith serves; the zero value is plain SMTP without AUTH, as Start serves.
type Options struct {
	// STARTTLS offers STARTTLS with the server's test certificate.
	STARTTLS bool
	// ImplicitTLS speaks TLS from the first byte, as smtps:// does, with the test certificate.
	ImplicitTLS bool
	// Username, when set, and Password are the only credentials AUTH PLAIN accepts, and MAIL FROM
	// then needs them.
	Username, Password string
}

// Server is an SMTP server on 127.0.0.1.
type Server struct {
	Addr string

	// Refuse, when set, is asked for every recipient: a non-nil *smtp.SMTPError is the answer.
	Refuse func(rcpt string) error
	// Keep false makes the server count messages without keeping their content, for benchmarks.
	Keep bool

	tb        testing.TB
	opts      Options
	serverTLS *tls.Config
	clientTLS *tls.Config

	mu          sync.Mutex
	messages    []Message
	received    int
	connections int // accepted, numbering them from 1
	open        int // accepted and not yet closed
	mails       int // MAIL FROM commands accepted
	stalled     chan struct{}
	release     func()
	srv         *smtp.Server
}

// Start serves plain SMTP without AUTH on a free loopback port until the test ends.
func Start(tb testing.TB) *Server { return StartWith(tb, Options{}) }

// StartWith serves as o says on a free loopback port until the test ends.
func StartWith(tb testing.TB, o Options) *Server {
	tb.Helper()
	s := &Server{Keep: true, tb: tb, opts: o}
	if o.STARTTLS || o.ImplicitTLS {
		s.serverTLS, s.clientTLS = certificate(tb)
	}
	if err := s.listen("127.0.0.1:0"); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(s.Stop)
	return s
}

func (s *Server) listen(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	var l net.Listener = &countingListener{Listener: ln, s: s}
	if s.opts.ImplicitTLS {
		l = tls.NewListener(l, s.serverTLS)
	}
	srv := smtp.NewServer(smtp.BackendFunc(s.newSession))
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	if s.opts.STARTTLS {
		srv.TLSConfig = s.serverTLS
	}
	srv.ReadTimeout = 10 * time.Second
	srv.WriteTimeout = 10 * time.Second
	srv.ErrorLog = log.New(io.Discard, "", 0)
	s.mu.Lock()
	s.Addr, s.srv = ln.Addr().String(), srv
	s.mu.Unlock()
	go srv.Serve(l)
	return nil
}

// Stop closes the listener and every connection, as a server going down would, and releases a
// stall: connections are refused until Restart.
func (s *Server) Stop() {
	s.mu.Lock()
	srv, release := s.srv, s.release
	s.srv = nil
	s.mu.Unlock()
	if release != nil {
		release()
	}
	if srv == nil {
		return
	}
	if err := srv.Close(); err != nil && !errors.Is(err, smtp.ErrServerClosed) {
		s.tb.Errorf("closing the SMTP server: %v", err)
	}
}

// Restart serves again on the same address, as before, keeping what arrived so far.
func (s *Server) Restart(tb testing.TB) {
	tb.Helper()
	if err := s.listen(s.Addr); err != nil {
		tb.Fatal(err)
	}
}

// URL is the SMTP_URL of the server, without credentials: smtps:// with implicit TLS, smtp://
// otherwise. A client needs ClientTLS to trust the server's certificate.
func (s *Server) URL() string {
	if s.opts.ImplicitTLS {
		return "smtps://" + s.Addr
	}
	return "smtp://" + s.Addr
}

// ClientTLS is a client configuration that trusts the server's test certificate and nothing
// else; nil when the server speaks no TLS.
func (s *Server) ClientTLS() *tls.Config {
	if s.clientTLS == nil {
		return nil
	}
	return s.clientTLS.Clone()
}

// Stall makes the server hold back its answer to every RCPT TO, as a server that hangs in the
// middle of a transaction, until release is called, the server stops, or 10 s pass.
// release may be called more than once.
func (s *Server) Stall() (release func()) {
	stalled := make(chan struct{})
	var once sync.Once
	release = func() { once.Do(func() { close(stalled) }) }
	s.mu.Lock()
	previous := s.release
	s.stalled, s.release = stalled, release
	s.mu.Unlock()
	if previous != nil {
		previous()
	}
	return release
}

// wait holds a session back while the server is stalled.
func (s *Server) wait() {
	s.mu.Lock()
	stalled := s.stalled
	s.mu.Unlock()
	if stalled == nil {
		return
	}
	t := time.NewTimer(stallLimit)
	defer t.Stop()
	select {
	case <-stalled:
	case <-t.C:
	}
}

// Messages returns what arrived so far.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Message(nil), s.messages...)
}

// Received counts the messages that arrived, kept or not.
func (s *Server) Received() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.received
}

// Connections counts the connections accepted so far, TLS handshake or not, across restarts.
func (s *Server) Connections() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.connections
}

// MailCommands counts the MAIL FROM commands accepted so far.
func (s *Server) MailCommands() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.mails
}

// WaitClosed waits, at most 5 s, until no connection is open, and fails the test after that.
func (s *Server) WaitClosed(tb testing.TB) {
	tb.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		s.mu.Lock()
		open := s.open
		s.mu.Unlock()
		if open == 0 {
			return
		}
		if time.Now().After(deadline) {
			tb.Fatalf("%d connection(s) still open after 5s", open)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
