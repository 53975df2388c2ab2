// Package smtptest runs a real SMTP server in the test process, on loopback, for the tests and
// benchmarks of mail: it records what arrives, counts connections, and can refuse on demand.
package smtptest

import (
	"bytes"
	"io"
	"net"
	"net/mail"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// Message is one message as the server received it.
type Message struct {
	From string
	To   []string
	Data []byte
}

// Header reads one header of the message.
func (m Message) Header(name string) string {
	msg, err := mail.ReadMessage(bytes.NewReader(m.Data))
	if err != nil {
		return ""
	}
	return msg.Header.Get(name)
}

// Server is an SMTP server on 127.0.0.1.
type Server struct {
	Addr string

	// Refuse, when set, is asked for every recipient: a non-nil *smtp.SMTPError is the answer.
	Refuse func(rcpt string) error
	// Keep false makes the server count messages without keeping their content, for benchmarks.
	Keep bool

	mu          sync.Mutex
	messages    []Message
	received    int
	connections int
	srv         *smtp.Server
	listener    net.Listener
}

// Start serves on a free loopback port until the test ends.
func Start(tb testing.TB) *Server {
	s := &Server{Keep: true}
	if err := s.listen("127.0.0.1:0"); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(s.Stop)
	return s
}

func (s *Server) listen(addr string) error {
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) {
		s.mu.Lock()
		s.connections++
		s.mu.Unlock()
		return &session{server: s}, nil
	}))
	srv.Domain = "localhost"
	srv.AllowInsecureAuth = true
	srv.ReadTimeout = 10 * time.Second
	srv.WriteTimeout = 10 * time.Second
	s.mu.Lock()
	s.Addr, s.srv, s.listener = l.Addr().String(), srv, l
	s.mu.Unlock()
	go srv.Serve(l)
	return nil
}

// Stop closes the server: connections are refused until Restart.
func (s *Server) Stop() {
	s.mu.Lock()
	srv := s.srv
	s.srv = nil
	s.mu.Unlock()
	if srv != nil {
		srv.Close()
	}
}

// Restart serves again on the same address.
func (s *Server) Restart(tb testing.TB) {
	if err := s.listen(s.Addr); err != nil {
		tb.Fatal(err)
	}
}

// URL is the SMTP_URL of the server: plain SMTP, no credentials.
func (s *Server) URL() string { return "smtp://" + s.Addr }

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

// Connections counts the connections made so far.
func (s *Server) Connections() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.connections
}

type session struct {
	server *Server
	from   string
	to     []string
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	s.from = from
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if refuse := s.server.Refuse; refuse != nil {
		if err := refuse(to); err != nil {
			return err
		}
	}
	s.to = append(s.to, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	if !s.server.Keep {
		_, err := io.Copy(io.Discard, r)
		s.server.mu.Lock()
		s.server.received++
		s.server.mu.Unlock()
		return err
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	s.server.mu.Lock()
	s.server.received++
	s.server.messages = append(s.server.messages, Message{From: s.from, To: s.to, Data: b})
	s.server.mu.Unlock()
	return nil
}

func (s *session) Reset() { s.from, s.to = "", nil }

func (s *session) Logout() error { return nil }

// Temporary is a 451 answer: try again later.
var Temporary = &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}

// Permanent is a 550 answer: no such mailbox.
var Permanent = &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such mailbox"}

// Body returns the decoded text of the part of the message with the given content type
// ("text/plain" or "text/html").
func (m Message) Body(contentType string) string {
	msg, err := mail.ReadMessage(bytes.NewReader(m.Data))
	if err != nil {
		return ""
	}
	return partOf(msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), msg.Body, contentType)
}
