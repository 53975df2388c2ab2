package smtptest

import (
	"crypto/tls"
	"io"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Temporary is a 451 answer: try again later.
var Temporary = &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "try again later"}

// Permanent is a 550 answer: no such mailbox.
var Permanent = &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such mailbox"}

// session is one EHLO's worth of a connection: go-smtp starts another after STARTTLS.
type session struct {
	server *Server
	conn   int
	tls    bool
	user   string
	msg    Message
}

// newSession makes Server a go-smtp backend.
func (s *Server) newSession(c *smtp.Conn) (smtp.Session, error) {
	nc := c.Conn()
	if tc, ok := nc.(*tls.Conn); ok {
		nc = tc.NetConn()
	}
	var id int
	if cc, ok := nc.(*countedConn); ok {
		id = cc.id
	}
	_, isTLS := c.TLSConnectionState()
	return &session{server: s, conn: id, tls: isTLS}, nil
}

func (s *session) AuthMechanisms() []string {
	if s.server.opts.Username == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, user, pass string) error {
		o := s.server.opts
		if o.Username == "" || user != o.Username || pass != o.Password {
			return smtp.ErrAuthFailed
		}
		s.user = user
		return nil
	}), nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	if s.server.opts.Username != "" && s.user == "" {
		return smtp.ErrAuthRequired
	}
	s.server.mu.Lock()
	s.server.mails++
	s.server.mu.Unlock()
	s.msg = Message{From: from, Conn: s.conn, TLS: s.tls, User: s.user}
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.server.wait()
	if refuse := s.server.Refuse; refuse != nil {
		if err := refuse(to); err != nil {
			return err
		}
	}
	s.msg.To = append(s.msg.To, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	msg := s.msg
	s.msg = Message{}
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
	msg.Data = b
	s.server.mu.Lock()
	s.server.received++
	s.server.messages = append(s.server.messages, msg)
	s.server.mu.Unlock()
	return nil
}

func (s *session) Reset() { s.msg = Message{} }

func (s *session) Logout() error { return nil }
