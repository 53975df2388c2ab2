package postgres

import (
	"context"
	"fmt"

	"github.com/jmoiron/sqlx"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"threesixty/migrations"
)

// migrator is goose over the embedded migrations, holding a session-level advisory lock while it
// migrates: instances starting together take turns, and the second finds nothing left to do.
// goose takes no lock unless given one.
func migrator(db *sqlx.DB) (*goose.Provider, error) {
	locker, err := lock.NewPostgresSessionLocker(lock.WithLockTimeout(1, 600))
	if err != nil {
		return nil, err
	}
	return goose.NewProvider(goose.DialectPostgres, db.DB, migrations.FS, goose.WithSessionLocker(locker))
}

// Migrate applies every pending migration, each in its own transaction, and returns how many ran.
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
