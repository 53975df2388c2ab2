package mail

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net"
	netmail "net/mail"
	"strings"
	"testing"
	"time"

	"threesixty/internal/smtptest"
	"threesixty/internal/threesixty"
)

// newTestSender makes a sender for rawURL that trusts what clientTLS trusts.
func newTestSender(t *testing.T, rawURL string, clientTLS *tls.Config) *SMTPSender {
	t.Helper()
	cfg, err := ParseSMTP(rawURL, "threesixty <feedback@example.com>", "coach-office@example.com")
	if err != nil {
		t.Fatal(err)
	}
	cfg.Timeout = 5 * time.Second // every wait in these tests is bounded
	cfg.tlsConfig = clientTLS
	s, err := NewSMTPSender(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// rendered makes a message to local@example.org.
func rendered(n int, local string) *Rendered {
	return &Rendered{
		MessageID: fmt.Sprintf("<%08d-0000-4000-8000-000000000000@feedback.example.com>", n),
		To:        threesixty.Person{Name: fmt.Sprintf("Zoë Rater %d", n), Email: local + "@example.org"},
		Subject:   fmt.Sprintf("Feedback for Zoë Morgan: your view, by 4 December (%d)", n),
		Text:      fmt.Sprintf("Hello Zoë,\n\nThe survey, number %d:\nhttps://feedback.example.com/s/tok%d\n", n, n),
		HTML:      fmt.Sprintf("<!DOCTYPE html>\n<html lang=\"en\"><body><p>Hello Zoë, survey %d: <a href=\"https://feedback.example.com/s/tok%d\">start</a></p></body></html>\n", n, n),
	}
}

func send(t *testing.T, s Sender, msgs ...*Rendered) []error {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	errs := s.Send(ctx, msgs)
	if len(errs) != len(msgs) {
		t.Fatalf("Send returned %d errors for %d messages", len(errs), len(msgs))
	}
	return errs
}

func wantDelivered(t *testing.T, errs []error) {
	t.Helper()
	for i, err := range errs {
		if err != nil {
			t.Errorf("message %d: %v", i, err)
		}
	}
}

// wantFailure checks err is a DeliveryError, temporary or not as wanted.
func wantFailure(t *testing.T, err error, temporary bool) {
	t.Helper()
	var d *DeliveryError
	switch {
	case err == nil:
		t.Errorf("delivered; want a failure")
	case !errors.As(err, &d):
		t.Errorf("%v: not a *DeliveryError", err)
	case IsTemporary(err) != temporary || d.Temporary != temporary:
		t.Errorf("%v: temporary %v, want %v", err, d.Temporary, temporary)
	}
}

func TestSMTPSenderDeliversOverOneConnection(t *testing.T) {
	srv := smtptest.StartWith(t, smtptest.Options{Username: "feedback", Password: "p@ss:w/rd"})
	s := newTestSender(t, "smtp://feedback:p%40ss%3Aw%2Frd@"+srv.Addr, nil)

	msgs := []*Rendered{rendered(1, "ann"), rendered(2, "bob"), rendered(3, "cat")}
	msgs[1].Unsubscribe = "https://feedback.example.com/s/tok2/stop-reminders"
	msgs[2].SenderName, msgs[2].ReplyTo = "Chris Lee", &threesixty.Person{Name: "Chris Lee", Email: "chris@coaching.example.net"}
	wantDelivered(t, send(t, s, msgs...))
	// A second batch reuses the same connection.
	msgs = append(msgs, rendered(4, "dan"))
	wantDelivered(t, send(t, s, msgs[3]))

	if n := srv.Connections(); n != 1 {
		t.Errorf("%d connections for two batches, want 1", n)
	}
	got := srv.Messages()
	if len(got) != len(msgs) {
		t.Fatalf("server received %d messages, want %d", len(got), len(msgs))
	}
	for i, r := range got {
		want := msgs[i]
		if r.Conn != 1 || r.User != "feedback" || r.TLS {
			t.Errorf("message %d: connection %d, user %q, TLS %v; want 1, feedback, no TLS", i, r.Conn, r.User, r.TLS)
		}
		if r.From != "feedback@example.com" || len(r.To) != 1 || r.To[0] != want.To.Email {
			t.Errorf("message %d: envelope from %q to %q", i, r.From, r.To)
		}
		checkMessage(t, r.Data, want)
	}
}

// checkMessage parses a message as a mail client would and compares it with what was sent.
func checkMessage(t *testing.T, raw []byte, want *Rendered) {
	t.Helper()
	m, err := netmail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("parsing the message: %v", err)
	}
	h := m.Header
	if got := h.Get("Message-Id"); got != want.MessageID {
		t.Errorf("Message-ID %q, want %q", got, want.MessageID)
	}
	addr := func(name string) *netmail.Address {
		list, err := h.AddressList(name)
		if err != nil || len(list) != 1 {
			t.Fatalf("%s: %v %v", name, list, err)
		}
		return list[0]
	}
	fromName, replyTo := "threesixty", "coach-office@example.com"
	if want.SenderName != "" {
		fromName, replyTo = want.SenderName+" via threesixty", want.ReplyTo.Email
	}
	if a := addr("From"); a.Name != fromName || a.Address != "feedback@example.com" {
		t.Errorf("From %v, want %q <feedback@example.com>", a, fromName)
	}
	if a := addr("Reply-To"); a.Address != replyTo {
		t.Errorf("Reply-To %v, want %s", a, replyTo)
	}
	if a := addr("To"); a.Name != want.To.Name || a.Address != want.To.Email {
		t.Errorf("To %v, want %s <%s>", a, want.To.Name, want.To.Email)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(h.Get("Subject"))
	if err != nil || subject != want.Subject {
		t.Errorf("Subject %q (%v), want %q", subject, err, want.Subject)
	}
	if d, err := h.Date(); err != nil || time.Since(d) > time.Minute {
		t.Errorf("Date %q: %v", h.Get("Date"), err)
	}
	if got := h.Get("Auto-Submitted"); got != "auto-generated" {
		t.Errorf("Auto-Submitted %q", got)
	}
	wantList, wantPost := "", ""
	if want.Unsubscribe != "" {
		wantList, wantPost = "<"+want.Unsubscribe+">", "List-Unsubscribe=One-Click"
	}
	if got, post := h.Get("List-Unsubscribe"), h.Get("List-Unsubscribe-Post"); got != wantList || post != wantPost {
		t.Errorf("List-Unsubscribe %q and List-Unsubscribe-Post %q, want %q and %q", got, post, wantList, wantPost)
	}
	if got := h.Get("User-Agent") + h.Get("X-Mailer"); got != "" {
		t.Errorf("the message names its mailer: %q", got)
	}

	media, params, err := mime.ParseMediaType(h.Get("Content-Type"))
	if err != nil || media != "multipart/alternative" {
		t.Fatalf("Content-Type %q: %v", h.Get("Content-Type"), err)
	}
	parts := multipart.NewReader(m.Body, params["boundary"])
	for _, wantPart := range []struct{ media, body string }{
		{"text/plain", want.Text},
		{"text/html", want.HTML},
	} {
		p, err := parts.NextPart() // decodes quoted-printable
		if err != nil {
			t.Fatalf("want a %s part: %v", wantPart.media, err)
		}
		media, params, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		if media != wantPart.media || !strings.EqualFold(params["charset"], "utf-8") {
			t.Errorf("part Content-Type %q, want %s; charset=UTF-8", p.Header.Get("Content-Type"), wantPart.media)
		}
		body, err := io.ReadAll(p)
		if err != nil {
			t.Fatal(err)
		}
		got := strings.ReplaceAll(string(body), "\r\n", "\n")
		if strings.TrimSpace(got) != strings.TrimSpace(wantPart.body) {
			t.Errorf("%s part:\n%s\nwant:\n%s", wantPart.media, got, wantPart.body)
		}
	}
	if _, err := parts.NextPart(); err != io.EOF {
		t.Errorf("more than two parts: %v", err)
	}
}

func TestSMTPSenderClassifiesRefusals(t *testing.T) {
	srv := smtptest.Start(t)
	srv.Refuse = func(rcpt string) error {
		switch rcpt {
		case "tempfail@example.org":
			return smtptest.Temporary // 451
		case "reject@example.org":
			return smtptest.Permanent // 550
		}
		return nil
	}
	s := newTestSender(t, srv.URL(), nil)

	errs := send(t, s, rendered(1, "ann"), rendered(2, "tempfail"), rendered(3, "reject"), rendered(4, "dan"))
	if errs[0] != nil || errs[3] != nil {
		t.Errorf("the accepted messages failed: %v, %v", errs[0], errs[3])
	}
	wantFailure(t, errs[1], true)  // 451
	wantFailure(t, errs[2], false) // 550
	if !strings.Contains(fmt.Sprint(errs[2]), "550") {
		t.Errorf("the error does not carry the server's reply: %v", errs[2])
	}
	if n := srv.Connections(); n != 1 {
		t.Errorf("%d connections, want 1: a refusal is no reason to reconnect", n)
	}
	if got := srv.Messages(); len(got) != 2 {
		t.Errorf("server received %d messages, want 2", len(got))
	}
}

func TestSMTPSenderRefusesBrokenMessages(t *testing.T) {
	srv := smtptest.Start(t)
	s := newTestSender(t, srv.URL(), nil)

	badAddress := rendered(1, "ann")
	badAddress.To.Email = "not an address"
	badID := rendered(2, "bob")
	badID.MessageID = "no-at-sign"
	errs := send(t, s, badAddress, badID, nil, rendered(4, "dan"))
	wantFailure(t, errs[0], false)
	wantFailure(t, errs[1], false)
	wantFailure(t, errs[2], false)
	if errs[3] != nil {
		t.Errorf("a good message after bad ones: %v", errs[3])
	}
	if got := srv.Messages(); len(got) != 1 {
		t.Errorf("server received %d messages, want 1", len(got))
	}
}

func TestSMTPSenderServerDown(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens here now

	s := newTestSender(t, "smtp://"+addr, nil)
	for i, err := range send(t, s, rendered(1, "ann"), rendered(2, "bob"), rendered(3, "cat")) {
		wantFailure(t, err, true)
		if err != nil && !strings.Contains(err.Error(), addr) {
			t.Errorf("message %d: the error does not name the server: %v", i, err)
		}
	}
}

func TestSMTPSenderReconnects(t *testing.T) {
	srv := smtptest.Start(t)
	s := newTestSender(t, srv.URL(), nil)
	wantDelivered(t, send(t, s, rendered(1, "ann")))

	// The server restarts while the sender holds a connection to it.
	srv.Stop()
	srv.Restart(t)
	conns, msgs := srv.Connections(), len(srv.Messages())
	wantDelivered(t, send(t, s, rendered(2, "bob"), rendered(3, "cat")))
	if n, got := srv.Connections()-conns, len(srv.Messages())-msgs; n != 1 || got != 2 {
		t.Errorf("after a restart: %d connections and %d messages, want 1 and 2", n, got)
	}

	// The server is down: every message fails for now, and the next Send tries again.
	srv.Stop()
	for _, err := range send(t, s, rendered(4, "dan"), rendered(5, "eve")) {
		wantFailure(t, err, true)
	}
	srv.Restart(t)
	msgs = len(srv.Messages())
	wantDelivered(t, send(t, s, rendered(4, "dan"), rendered(5, "eve")))
	if got := len(srv.Messages()) - msgs; got != 2 {
		t.Errorf("after the server came back: %d messages, want 2", got)
	}
}

func TestSMTPSenderCancelledContext(t *testing.T) {
	srv := smtptest.Start(t)
	s := newTestSender(t, srv.URL(), nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, err := range s.Send(ctx, []*Rendered{rendered(1, "ann"), rendered(2, "bob")}) {
		wantFailure(t, err, true)
	}
	if n := srv.Connections(); n != 0 {
		t.Errorf("%d connections with a cancelled context", n)
	}
}

func TestSMTPSenderContextEndsAStalledSend(t *testing.T) {
	srv := smtptest.Start(t)
	s := newTestSender(t, srv.URL(), nil)

	release := srv.Stall()
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	errs := s.Send(ctx, []*Rendered{rendered(1, "ann"), rendered(2, "bob")})
	release()
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("Send took %v after its context ended, want it cut short", took)
	}
	for _, err := range errs {
		wantFailure(t, err, true)
	}
	// The interrupted connection is not reused in an unknown state.
	wantDelivered(t, send(t, s, rendered(3, "cat")))
	if n := srv.Connections(); n != 2 {
		t.Errorf("%d connections, want 2", n)
	}
}

func TestSMTPSenderStartTLSRequiredRefusesPlainText(t *testing.T) {
	srv := smtptest.Start(t) // offers no STARTTLS
	s := newTestSender(t, srv.URL()+"?starttls=required", nil)
	for _, err := range send(t, s, rendered(1, "ann"), rendered(2, "bob")) {
		wantFailure(t, err, true)
	}
	if n := srv.MailCommands(); n != 0 {
		t.Errorf("%d MAIL FROM commands in plain text", n)
	}
	if n := srv.Connections(); n != 1 {
		t.Errorf("%d connections, want 1", n)
	}
	srv.WaitClosed(t) // the refused connection is not left open
}

func TestSMTPSenderStartTLS(t *testing.T) {
	srv := smtptest.StartWith(t, smtptest.Options{STARTTLS: true, Username: "feedback", Password: "secret"})
	for _, query := range []string{"?starttls=required", ""} {
		s := newTestSender(t, "smtp://feedback:secret@"+srv.Addr+query, srv.ClientTLS())
		wantDelivered(t, send(t, s, rendered(1, "ann")))
	}
	for _, r := range srv.Messages() {
		if !r.TLS || r.User != "feedback" {
			t.Errorf("message on connection %d: TLS %v, user %q; want TLS and feedback", r.Conn, r.TLS, r.User)
		}
	}
	if got := len(srv.Messages()); got != 2 {
		t.Errorf("server received %d messages, want 2", got)
	}
}

func TestSMTPSenderImplicitTLS(t *testing.T) {
	srv := smtptest.StartWith(t, smtptest.Options{ImplicitTLS: true, Username: "feedback", Password: "secret"})
	s := newTestSender(t, "smtps://feedback:secret@"+srv.Addr, srv.ClientTLS())
	wantDelivered(t, send(t, s, rendered(1, "ann"), rendered(2, "bob")))
	got := srv.Messages()
	if len(got) != 2 || !got[0].TLS || got[0].User != "feedback" {
		t.Errorf("received %+v; want 2 messages over TLS from feedback", got)
	}

	// A certificate the client does not trust is a failure to connect, not a delivery.
	untrusting := newTestSender(t, srv.URL(), &tls.Config{ServerName: "127.0.0.1", RootCAs: nil, MinVersion: tls.VersionTLS12})
	for _, err := range send(t, untrusting, rendered(3, "cat")) {
		wantFailure(t, err, true)
	}
}
