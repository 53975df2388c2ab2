package threesixty

import (
	"errors"
	"fmt"
)

// Error codes shared by every adapter. The web adapter maps each to one HTTP status in one place.
const (
	EMALFORMED = "malformed" // the request cannot be read at all (broken JSON, wrong content type)
	EINVALID   = "invalid"   // the request can be read but breaks a rule
	ENOTFOUND  = "not_found" // the thing does not exist, or is not the caller's to see
	ECONFLICT  = "conflict"  // the request clashes with the current state
	EGONE      = "gone"      // the thing existed but can no longer be used (a used or expired link)
	EFORBIDDEN = "forbidden" // the caller is known but may not do this
	EUNAUTH    = "unauthorized"
	ELIMITED   = "rate_limited"
	ETOOLARGE  = "too_large" // the request body is over the size the service reads
	EINTERNAL  = "internal"
)

// FieldError names one bad field, so that a client can show the message beside it. Row is set
// for list input (raters), counted from 1.
type FieldError struct {
	Row     int    `json:"row,omitempty"`
	Field   string `json:"field"`
	Message string `json:"message"`
	// Missing marks a required answer that was not given, as opposed to one given wrong.
	Missing bool `json:"-"`
}

// Error is the one error type the domain and its adapters return to callers. Message is safe to
// show to a client; internal causes stay in Err and are only logged.
type Error struct {
	Code    string
	Message string
	Fields  []FieldError
	Err     error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf builds an Error with a client-safe message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid builds an EINVALID error that carries field errors.
func Invalid(message string, fields []FieldError) *Error {
	return &Error{Code: EINVALID, Message: message, Fields: fields}
}

// ErrorCode returns the code of err, EINTERNAL for errors that are not an *Error.
func ErrorCode(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}
