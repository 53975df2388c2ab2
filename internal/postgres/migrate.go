package postgres

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"threesixty/migrations"
)

// Migrate applies every pending migration, each in its own transaction, and returns how many ran.
// It holds a session-level advisory lock while it migrates, so instances starting together take
// turns and the later ones find nothing left to do (goose takes no lock unless given one).
func Migrate(ctx context.Context, db *sqlx.DB) (int, error) {
	locker, err := lock.NewPostgresSessionLocker(lock.WithLockTimeout(1, 600))
	if err != nil {
		return 0, err
	}
	p, err := goose.NewProvider(goose.DialectPostgres, db.DB, migrations.FS, goose.WithSessionLocker(locker))
	if err != nil {
		return 0, err
	}
	results, err := p.Up(ctx)
	return len(results), err
}

// Pending reports how many migrations the database lacks. It takes no lock, so a readiness check
// answers at once while another instance migrates.
func Pending(ctx context.Context, db *sqlx.DB) (int, error) {
	p, err := goose.NewProvider(goose.DialectPostgres, db.DB, migrations.FS)
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
