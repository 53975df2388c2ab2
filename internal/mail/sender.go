package mail

import (
	"context"
	"errors"
)

// Sender delivers rendered messages.
type Sender interface {
	// Send delivers msgs in order, over one connection where it can, and returns one error per
	// message (nil when delivered). A failed message's error is a *DeliveryError, which says
	// whether sending it again later may succeed.
	Send(ctx context.Context, msgs []*Rendered) []error
	// Close ends any open connection. A Sender may still be used afterwards; it connects again.
	Close() error
}

// DeliveryError says whether a failed delivery may succeed later.
type DeliveryError struct {
	// Temporary is true when trying again later may work: the server answered 4xx, or could not
	// be reached, or the connection broke. It is false when the server refused the message
	// for good (5xx) or the message itself cannot be sent (an invalid address).
	Temporary bool
	Err       error
}

// Error says whether the failure was temporary, and why.
func (e *DeliveryError) Error() string {
	if e.Temporary {
		return "mail: temporary delivery failure: " + e.Err.Error()
	}
	return "mail: delivery failed: " + e.Err.Error()
}

// Unwrap gives the underlying error, go-mail's *mail.SendError when the server refused.
func (e *DeliveryError) Unwrap() error { return e.Err }

// IsTemporary reports whether err is a delivery failure that may succeed if tried again later.
// Errors that are not a *DeliveryError are not temporary.
func IsTemporary(err error) bool {
	var d *DeliveryError
	return errors.As(err, &d) && d.Temporary
}

// temporary and permanent wrap err in a DeliveryError.
func temporary(err error) error { return &DeliveryError{Temporary: true, Err: err} }
func permanent(err error) error { return &DeliveryError{Temporary: false, Err: err} }
