package postgres

import (
	"context"
	"time"

	"threesixty/internal/mail"
	"threesixty/internal/threesixty"
)

// Without an SMTP server (the demo), messages are kept in the database instead of sent, and the
// /mailbox page lists them, links and all.

// KeptMail is the mail.Sender that keeps every message in the mailbox table.
type KeptMail struct {
	Store *Store
}

// Send keeps every message; keeping fails only with the database, and is then worth retrying.
func (k *KeptMail) Send(ctx context.Context, msgs []*mail.Rendered) []error {
	errs := make([]error, len(msgs))
	for i, r := range msgs {
		_, err := k.Store.q.KeepInMailbox.ExecContext(ctx, r.MessageID, r.To.Email, r.Subject, r.Text, r.HTML)
		if err != nil {
			errs[i] = &mail.DeliveryError{Temporary: true, Err: storeError(err)}
		}
	}
	return errs
}

// Close does nothing: there is no connection.
func (k *KeptMail) Close() error { return nil }

// Mailbox lists the newest kept messages.
func (s *Store) Mailbox(ctx context.Context, limit int) ([]threesixty.KeptMessage, error) {
	var rows []struct {
		MessageID string             `db:"message_id"`
		Purpose   threesixty.Purpose `db:"purpose"`
		Recipient string             `db:"recipient"`
		Subject   string             `db:"subject"`
		Text      string             `db:"text_body"`
		HTML      string             `db:"html_body"`
		KeptAt    time.Time          `db:"kept_at"`
	}
	if err := s.q.Mailbox.SelectContext(ctx, &rows, limit); err != nil {
		return nil, storeError(err)
	}
	list := make([]threesixty.KeptMessage, len(rows))
	for i, r := range rows {
		list[i] = threesixty.KeptMessage{MessageID: r.MessageID, Purpose: r.Purpose, Recipient: r.Recipient, Subject: r.Subject, Text: r.Text, HTML: r.HTML, KeptAt: r.KeptAt}
	}
	return list, nil
}
