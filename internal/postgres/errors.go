package postgres

import (
	"database/sql"
	"errors"

	"github.com/lib/pq"

	"threesixty/internal/threesixty"
)

// storeError turns a database error into a threesixty error whose message is safe for a client;
// the PostgreSQL text stays inside, for the logs.
func storeError(err error) error {
	if err == nil {
		return nil
	}
	var te *threesixty.Error
	if errors.As(err, &te) {
		return err
	}
	if errors.Is(err, sql.ErrNoRows) {
		return &threesixty.Error{Code: threesixty.ENOTFOUND, Message: "not found", Err: err}
	}
	var pe *pq.Error
	if errors.As(err, &pe) {
		switch pe.Code {
		case "23505": // unique_violation
			return &threesixty.Error{Code: threesixty.ECONFLICT, Message: "already exists", Err: err}
		case "23503": // foreign_key_violation
			return &threesixty.Error{Code: threesixty.EINVALID, Message: "refers to something that does not exist", Err: err}
		case "22P02": // invalid_text_representation, e.g. a malformed uuid in a path
			return &threesixty.Error{Code: threesixty.ENOTFOUND, Message: "not found", Err: err}
		case "22021": // character_not_in_repertoire: a NUL or broken UTF-8 that got this far
			return &threesixty.Error{Code: threesixty.EINVALID, Message: "the request holds characters that are not text", Err: err}
		}
	}
	return &threesixty.Error{Code: threesixty.EINTERNAL, Message: "internal error", Err: err}
}

// isUniqueViolation reports whether err is PostgreSQL refusing a duplicate under the named
// constraint.
func isUniqueViolation(err error, constraint string) bool {
	var pe *pq.Error
	return errors.As(err, &pe) && pe.Code == "23505" && pe.Constraint == constraint
}
