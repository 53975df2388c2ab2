package main

import (
	"bytes"
	"context"
	"regexp"
	"strings"
	"testing"

	"threesixty/internal/pgtest"
	"threesixty/internal/postgres"
	"threesixty/internal/threesixty"
)

// signsIn reports whether email and password sign in to the database at url.
func signsIn(t *testing.T, url, email, password string) bool {
	t.Helper()
	db, err := postgres.Connect(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	store, err := postgres.New(db)
	if err != nil {
		t.Fatal(err)
	}
	_, err = store.SignIn(context.Background(), threesixty.SignIn{Email: email, Password: password, Client: "127.0.0.1"})
	if err != nil && threesixty.ErrorCode(err) != threesixty.EUNAUTH {
		t.Fatal(err)
	}
	return err == nil
}

func TestCoachAddTakesAPasswordFromStandardInput(t *testing.T) {
	url := pgtest.URL(t)
	t.Setenv("DATABASE_URL", url)
	t.Setenv("BASE_URL", "http://demo.test")
	var out bytes.Buffer
	err := run(context.Background(), []string{"coach", "add", "--email", "dana@example.com", "--name", "Dana", "--password-stdin"},
		strings.NewReader("a long enough password\n"), &out)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "http://demo.test/login") {
		t.Errorf("coach add does not say where to sign in:\n%s", out.String())
	}
	if !signsIn(t, url, "dana@example.com", "a long enough password") {
		t.Error("the password from standard input does not sign in")
	}
	// A password that breaks a rule is refused before any account is made.
	err = run(context.Background(), []string{"coach", "add", "--email", "short@example.com", "--name", "Shor", "--password-stdin"},
		strings.NewReader("short\n"), &out)
	if err == nil || !strings.Contains(err.Error(), "at least 10 characters") {
		t.Fatalf("a short password: %v", err)
	}
	if _, err := runCommand(t, "coach", "add", "--email", "short@example.com", "--name", "Shor"); err != nil {
		t.Errorf("the refused password left an account behind: %v", err)
	}
}

// The demo prints a coach's sign-in, and it works.
func TestDemoPrintsASignInThatWorks(t *testing.T) {
	url := pgtest.URL(t)
	t.Setenv("DATABASE_URL", url)
	t.Setenv("BASE_URL", "http://demo.test")
	out, err := runCommand(t, "demo")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`sign in at http://demo.test/login\n  email: +(\S+)\n  password: +(\S+)`).FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("the demo prints no sign-in:\n%s", out)
	}
	if !signsIn(t, url, m[1], m[2]) {
		t.Errorf("the demo's sign-in %s / %s does not work", m[1], m[2])
	}
}
