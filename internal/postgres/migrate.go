package postgres

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"
	"github.com/pressly/goose/v3"

	"threesixty/migrations"
)

func migrator(db *sqlx.DB) (*goose.Provider, error) {
	return goose.NewProvider(goose.DialectPostgres, db.DB, migrations.FS)
}

// Migrate applies every pending migration, each in its own transaction, and returns how many ran.
// goose takes an advisory lock, so instances starting together do not migrate twice.
func Migrate(ctx context.Context, db *sqlx.DB) (int, error) {
	p, err := migrator(db)
	if err != nil {
		return 0, err
	}
	results, err := p.Up(ctx)
	return len(results), err
}

// Pending reports how many migrations the database lacks.
func Pending(ctx context.Context, db *sqlx.DB) (int, error) {
	p, err := migrator(db)
	if err != nil {
		return 0, err
	}
	status, err := p.Status(ctx)
	if err != nil {
		return 0, fmt.Errorf("reading migration status: %w", err)
	}
	n := 0
	for _, s := range status {
		if s.State == goose.StatePending {
			n++
		}
	}
	return n, nil
}
