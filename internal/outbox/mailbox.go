package outbox

import (
	"context"

	"threesixty/internal/mail"
	"threesixty/internal/postgres"
)

// Mailbox is the sender for when no SMTP server is configured (the demo): it keeps each message
// in the database, where the /mailbox page shows it with its links.
type Mailbox struct {
	Store *postgres.Store
}

// Send keeps every message; keeping fails only with the database.
func (m *Mailbox) Send(ctx context.Context, msgs []*mail.Rendered) []error {
	errs := make([]error, len(msgs))
	for i, r := range msgs {
		err := m.Store.Keep(ctx, postgres.MailboxMessage{MessageID: r.MessageID, Recipient: r.To.Email, Subject: r.Subject, Text: r.Text, HTML: r.HTML})
		if err != nil {
			errs[i] = &mail.DeliveryError{Temporary: true, Err: err}
		}
	}
	return errs
}

// Close does nothing: there is no connection.
func (m *Mailbox) Close() error { return nil }
