package mail

import (
	"bytes"
	"errors"
	"fmt"
	netmail "net/mail"
	"strings"

	gomail "github.com/wneessen/go-mail"
)

// newMsg turns a rendered message into go-mail's form. Its errors are the message's own fault,
// so sending it again would fail the same way.
func (s *SMTPSender) newMsg(r *Rendered) (*gomail.Msg, error) {
	if r == nil {
		return nil, errors.New("no message")
	}
	id, err := messageID(r.MessageID)
	if err != nil {
		return nil, err
	}
	to, err := netmail.ParseAddress(r.To.Email)
	if err != nil || to.Name != "" {
		return nil, fmt.Errorf("recipient %q is not an email address", r.To.Email)
	}
	to.Name = r.To.Name // set here, not parsed, so any character in a name is encoded, never read as syntax

	// go-mail's default User-Agent names the library and its version; the recipient needs neither.
	m := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	from := *s.cfg.From
	if r.SenderName != "" {
		// The service's address, in the coach's name: a rater recognises who asks, and no
		// mail is sent from an address the service does not own.
		service := from.Name
		if service == "" {
			service = "threesixty"
		}
		from.Name = r.SenderName + " via " + service
	}
	m.FromMailAddress(&from)
	switch {
	case r.ReplyTo != nil && r.ReplyTo.Email != "":
		m.ReplyToMailAddress(&netmail.Address{Name: r.ReplyTo.Name, Address: r.ReplyTo.Email})
	case s.cfg.ReplyTo != nil:
		m.ReplyToMailAddress(s.cfg.ReplyTo)
	}
	m.ToMailAddress(to)
	m.Subject(r.Subject)
	m.SetDate()
	m.SetMessageIDWithValue(id)
	// RFC 3834: tells mail systems this is automatic, so they send no vacation replies to it.
	m.SetGenHeader("Auto-Submitted", "auto-generated")
	// Exchange ignores Auto-Submitted; this stops its out-of-office and auto-replies, and not
	// its bounces, which the outbox wants to hear about.
	m.SetGenHeader(gomail.HeaderXAutoResponseSuppress, "OOF, AutoReply")
	if r.Unsubscribe != "" {
		// Mail clients show an unsubscribe button, and with List-Unsubscribe-Post (RFC 8058)
		// press it by POSTing List-Unsubscribe=One-Click to the address, which stops the
		// recipient's reminders without a visit.
		m.SetGenHeader("List-Unsubscribe", "<"+r.Unsubscribe+">")
		m.SetGenHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
	}
	// Plain text first: a client shows the last part it understands, so HTML clients show HTML
	// and every other one the text.
	m.SetBodyString(gomail.TypeTextPlain, r.Text)
	m.AddAlternativeString(gomail.TypeTextHTML, r.HTML)
	// With attachments the message becomes multipart/mixed: the text and HTML alternatives
	// first, then each file, base64-encoded. A reader over the bytes is read again on a retry.
	for _, a := range r.Attachments {
		if a.Name == "" || a.ContentType == "" {
			return nil, errors.New("an attachment needs a name and a content type")
		}
		m.AttachReadSeeker(a.Name, bytes.NewReader(a.Data), gomail.WithFileContentType(gomail.ContentType(a.ContentType)))
	}
	return m, nil
}

// messageID checks the outbox's Message-ID and strips its angle brackets, which go-mail's
// SetMessageIDWithValue adds itself. It is never generated here: it must stay the same across
// retries so a message delivered twice can be recognised as one.
func messageID(s string) (string, error) {
	id := strings.TrimSuffix(strings.TrimPrefix(s, "<"), ">")
	left, right, ok := strings.Cut(id, "@")
	valid := ok && left != "" && right != ""
	for _, c := range id {
		// RFC 5322 msg-id: printable ASCII without specials, and one @.
		if c <= ' ' || c > '~' || strings.ContainsRune(`<>()[]\,;:"`, c) {
			valid = false
		}
	}
	if !valid || strings.Count(id, "@") != 1 {
		return "", fmt.Errorf("message id %q is not of the form <id@domain>", s)
	}
	return id, nil
}
