// Package pgtest gives each test its own fresh, migrated database on the real PostgreSQL that
// `make test` starts (TEST_DATABASE_URL). Databases are copied from a template migrated once per
// test binary, and dropped when the test ends.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"sync"
	"testing"

	"github.com/jmoiron/sqlx"

	"threesixty/internal/postgres"
	"threesixty/surveys"
)

var (
	templateOnce sync.Once
	templateName string
	templateErr  error
)

// URL returns the connection URL of a fresh, migrated database for this test.
func URL(t testing.TB) string {
	t.Helper()
	admin := os.Getenv("TEST_DATABASE_URL")
	if admin == "" {
		t.Fatal("TEST_DATABASE_URL is not set: run the tests with `make test`, which starts a throwaway PostgreSQL")
	}
	templateOnce.Do(func() { templateName, templateErr = makeTemplate(admin) })
	if templateErr != nil {
		t.Fatalf("preparing the template database: %v", templateErr)
	}
	name := "test_" + randomHex()
	exec(t, admin, fmt.Sprintf("CREATE DATABASE %s TEMPLATE %s", name, templateName))
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

// Store returns a store on a fresh database that knows the shipped instruments, and those
// instruments by ID.
func Store(t testing.TB) (*postgres.Store, map[string]*surveys.Instrument) {
	t.Helper()
	s, err := postgres.New(DB(t))
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
	return s, byID
}

func makeTemplate(admin string) (string, error) {
	name := "template_" + randomHex()
	db, err := postgres.Connect(context.Background(), admin)
	if err != nil {
		return "", err
	}
	_, err = db.Exec("CREATE DATABASE " + name)
	db.Close()
	if err != nil {
		return "", err
	}
	tdb, err := postgres.Connect(context.Background(), withDatabase(admin, name))
	if err != nil {
		return "", err
	}
	defer tdb.Close()
	_, err = postgres.Migrate(context.Background(), tdb)
	return name, err
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
