// Package migrations holds the numbered SQL migrations of the database, embedded in the binary.
// Each file runs in its own transaction (goose's default), so a failed migration leaves nothing
// behind and can be fixed and run again.
package migrations

import "embed"

// FS holds the migration files.
//
//go:embed *.sql
var FS embed.FS
