package smtptest

import (
	"errors"
	"strings"
	"testing"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

func TestMessagesNameTheirConnectionThroughTLSAndAuth(t *testing.T) {
	for _, o := range []Options{
		{STARTTLS: true, Username: "feedback", Password: "secret"},
		{ImplicitTLS: true, Username: "feedback", Password: "secret"},
	} {
		s := StartWith(t, o)
		for range 2 {
			dial := smtp.DialStartTLS
			if o.ImplicitTLS {
				dial = smtp.DialTLS
			}
			c, err := dial(s.Addr, s.ClientTLS())
			if err != nil {
				t.Fatal(err)
			}
			var refused *smtp.SMTPError
			if err := c.Mail("feedback@example.com", nil); !errors.As(err, &refused) || refused.Code != smtp.ErrAuthRequired.Code {
				t.Errorf("%+v: MAIL FROM before AUTH: %v, want a refusal", o, err)
			}
			if err := c.Auth(sasl.NewPlainClient("", "feedback", "secret")); err != nil {
				t.Fatal(err)
			}
			if err := c.SendMail("feedback@example.com", []string{"ann@example.org"}, strings.NewReader("Subject: hi\r\n\r\nhello\r\n")); err != nil {
				t.Fatal(err)
			}
			if err := c.Quit(); err != nil {
				t.Fatal(err)
			}
		}
		got := s.Messages()
		if len(got) != 2 || s.Connections() != 2 || s.MailCommands() != 2 {
			t.Fatalf("%+v: %d messages, %d connections, %d MAIL FROM; want 2 of each", o, len(got), s.Connections(), s.MailCommands())
		}
		for i, m := range got {
			if m.Conn != i+1 || !m.TLS || m.User != "feedback" || m.From != "feedback@example.com" || m.Header("Subject") != "hi" {
				t.Errorf("%+v: message %d came as %+v", o, i, m)
			}
		}
		s.WaitClosed(t)
	}
}
