// Package pgtest gives each test its own fresh, migrated database on the real PostgreSQL that
// `make test` starts (TEST_DATABASE_URL). Databases are copied from a template migrated once per
// set of migrations, and dropped when the test ends.
package pgtest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/jmoiron/sqlx"
	"github.com/lib/pq"

	"threesixty/internal/postgres"
	"threesixty/migrations"
	"threesixty/surveys"
)

var (
	templateOnce sync.Once
	template     string
	templateErr  error
)

// URL returns the connection URL of a fresh, migrated database for this test.
func URL(t testing.TB) string {
	t.Helper()
	admin := os.Getenv("TEST_DATABASE_URL")
	if admin == "" {
		t.Fatal("TEST_DATABASE_URL is not set: run the tests with `make test`, which starts a throwaway PostgreSQL")
	}
	templateOnce.Do(func() { template, templateErr = makeTemplate(admin) })
	if templateErr != nil {
		t.Fatalf("preparing the template database: %v", templateErr)
	}
	name := "test_" + randomHex()
	exec(t, admin, fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s", name, template))
	t.Cleanup(func() {
		exec(t, admin, fmt.Sprintf("DROP DATABASE IF EXISTS %s WITH (FORCE)", name))
	})
	return withDatabase(admin, name)
}

// BlankURL returns the connection URL of a fresh database with no schema at all, for testing
// migrations and what happens without them.
func BlankURL(t testing.TB) string {
	t.Helper()
	admin := os.Getenv("TEST_DATABASE_URL")
	if admin == "" {
		t.Fatal("TEST_DATABASE_URL is not set: run the tests with `make test`, which starts a throwaway PostgreSQL")
	}
	name := "blank_" + randomHex()
	exec(t, admin, "CREATE DATABASE "+name)
	t.Cleanup(func() {
		exec(t, admin, fmt.Sprintf("DROP DATABASE IF EXISTS %s WITH (FORCE)", name))
	})
	return withDatabase(admin, name)
}

// DB returns a pool on a fresh, migrated database, closed when the test ends.
func DB(t testing.TB) *sqlx.DB {
	t.Helper()
	db, err := postgres.Connect(context.Background(), URL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// Env is a store on a fresh database that knows the shipped instruments; the pool under it, for
// tests that look at the tables themselves; and the instruments by ID.
type Env struct {
	Store       *postgres.Store
	DB          *sqlx.DB
	Instruments map[string]*surveys.Instrument
}

// New returns a store on a fresh database, with the instruments saved.
func New(t testing.TB) *Env {
	t.Helper()
	db := DB(t)
	s, err := postgres.New(db)
	if err != nil {
		t.Fatal(err)
	}
	list, err := surveys.Load()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveInstruments(context.Background(), list); err != nil {
		t.Fatal(err)
	}
	byID := map[string]*surveys.Instrument{}
	for _, in := range list {
		byID[in.ID] = in
	}
	return &Env{Store: s, DB: db, Instruments: byID}
}

// makeTemplate returns the template database of the current migrations, creating it when the
// cluster does not have it yet. Its name is a hash of the migration files, so every test binary
// of a run shares one, and an advisory lock keeps two binaries from building it at once.
func makeTemplate(admin string) (string, error) {
	name, err := templateName()
	if err != nil {
		return "", err
	}
	ctx := context.Background()
	db, err := postgres.Connect(ctx, admin)
	if err != nil {
		return "", err
	}
	defer db.Close()
	conn, err := db.Connx(ctx)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(360360)"); err != nil {
		return "", err
	}
	defer conn.ExecContext(ctx, "SELECT pg_advisory_unlock(360360)")
	var exists bool
	if err := conn.GetContext(ctx, &exists, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name); err != nil || exists {
		return name, err
	}
	building := name + "_building"
	if _, err := conn.ExecContext(ctx, "DROP DATABASE IF EXISTS "+building); err != nil {
		return "", err
	}
	if _, err := conn.ExecContext(ctx, "CREATE DATABASE "+building); err != nil {
		return "", err
	}
	tdb, err := postgres.Connect(ctx, withDatabase(admin, building))
	if err != nil {
		return "", err
	}
	_, err = postgres.Migrate(ctx, tdb)
	tdb.Close()
	if err != nil {
		return "", err
	}
	// Renamed only once complete, so a template that exists is always a whole one.
	_, err = conn.ExecContext(ctx, "ALTER DATABASE "+building+" RENAME TO "+name)
	return name, err
}

// templateName is named after the content of the migrations.
func templateName() (string, error) {
	h := sha256.New()
	files, err := fs.Glob(migrations.FS, "*.sql")
	if err != nil {
		return "", err
	}
	for _, f := range files {
		b, err := fs.ReadFile(migrations.FS, f)
		if err != nil {
			return "", err
		}
		h.Write([]byte(f))
		h.Write(b)
	}
	return "template_" + hex.EncodeToString(h.Sum(nil))[:16], nil
}

func exec(t testing.TB, admin, stmt string) {
	t.Helper()
	db, err := sqlx.Open("postgres", admin)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(stmt); err != nil {
		t.Fatalf("%s: %v", stmt, err)
	}
}

func withDatabase(raw, name string) string {
	u, err := url.Parse(raw)
	if err != nil {
		panic(err)
	}
	u.Path = "/" + name
	return u.String()
}

func randomHex() string {
	b := make([]byte, 6)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// Tables is a test's direct look at the tables, as a database administrator would take it. Every
// query must work: a test fails when its query breaks, rather than asserting on a zero value.
type Tables struct {
	T  testing.TB
	DB *sqlx.DB
}

// Get runs a query and scans its one row into dst.
func (x Tables) Get(dst any, query string, args ...any) {
	x.T.Helper()
	if err := x.DB.Get(dst, query, args...); err != nil {
		x.T.Fatalf("%s: %v", query, err)
	}
}

// Select runs a query and scans its rows into dst.
func (x Tables) Select(dst any, query string, args ...any) {
	x.T.Helper()
	if err := x.DB.Select(dst, query, args...); err != nil {
		x.T.Fatalf("%s: %v", query, err)
	}
}

// Exec runs a statement.
func (x Tables) Exec(query string, args ...any) {
	x.T.Helper()
	if _, err := x.DB.Exec(query, args...); err != nil {
		x.T.Fatalf("%s: %v", query, err)
	}
}

// OpenRoundAnswers counts, across the tables each open round keeps of its own, the responses
// held and the drafts saved: what sits beside invitations until rounds close.
func (x Tables) OpenRoundAnswers() (held, drafts int) {
	x.T.Helper()
	var tables []string
	x.Select(&tables, `SELECT relname FROM pg_class
		WHERE relkind = 'r' AND relname ~ '^(held_responses|drafts)_[0-9a-f]{32}$' ORDER BY relname`)
	for _, table := range tables {
		var n int
		x.Get(&n, "SELECT count(*) FROM "+pq.QuoteIdentifier(table))
		if strings.HasPrefix(table, "drafts_") {
			drafts += n
		} else {
			held += n
		}
	}
	return held, drafts
}

// HeldDeclineReasons counts, across the tables each open round keeps of its own, the reasons
// held for declining: what sits beside invitations until rounds close.
func (x Tables) HeldDeclineReasons() int {
	x.T.Helper()
	var tables []string
	x.Select(&tables, `SELECT relname FROM pg_class
		WHERE relkind = 'r' AND relname ~ '^held_decline_reasons_[0-9a-f]{32}$' ORDER BY relname`)
	held := 0
	for _, table := range tables {
		var n int
		x.Get(&n, "SELECT count(*) FROM "+pq.QuoteIdentifier(table))
		held += n
	}
	return held
}
