package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/jmoiron/sqlx"
	_ "github.com/lib/pq" // the PostgreSQL driver
)

// Store is the service's database. It holds no state between requests beyond the connection pool,
// the prepared statements and a cache of immutable instrument versions, so any number of
// instances can share one database.
type Store struct {
	db *sqlx.DB
	q  statements
	// versions caches parsed instrument versions by version. A version never changes, so the
	// cache is never stale.
	versions sync.Map
	// Now is the clock; tests move it.
	Now func() time.Time
	// MessageHost is the right-hand side of the Message-IDs of queued mail: the host of BASE_URL.
	MessageHost string
}

// Connect opens a pool on url and checks the database answers.
func Connect(ctx context.Context, url string) (*sqlx.DB, error) {
	db, err := sqlx.Open("postgres", url)
	if err != nil {
		return nil, fmt.Errorf("database url: %w", err)
	}
	db.SetMaxOpenConns(32)
	db.SetMaxIdleConns(32)
	db.SetConnMaxIdleTime(5 * time.Minute)
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connecting to the database: %w", err)
	}
	return db, nil
}

// New prepares every query on db. It fails when the schema is not what the queries expect, which
// is why callers check migrations first.
func New(db *sqlx.DB) (*Store, error) {
	s := &Store{db: db, Now: time.Now, MessageHost: "threesixty.invalid"}
	if err := prepare(db, &s.q); err != nil {
		return nil, err
	}
	return s, nil
}

// Ready reports whether the database answers and its migrations are current. Its errors say
// which, in words fit for an unauthenticated health check: no database text.
func (s *Store) Ready(ctx context.Context) error {
	if err := s.db.PingContext(ctx); err != nil {
		return errors.New("database unreachable")
	}
	pending, err := Pending(ctx, s.db)
	if err != nil {
		return errors.New("migration status unknown")
	}
	if pending > 0 {
		return fmt.Errorf("%d migration(s) pending", pending)
	}
	return nil
}

// Close closes the pool.
func (s *Store) Close() error { return s.db.Close() }

// inTx runs fn in a transaction, committing when it returns nil.
func (s *Store) inTx(ctx context.Context, fn func(tx *sqlx.Tx) error) error {
	tx, err := s.db.BeginTxx(ctx, &sql.TxOptions{})
	if err != nil {
		return storeError(err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return storeError(tx.Commit())
}
