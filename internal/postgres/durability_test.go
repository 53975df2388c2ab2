package postgres_test

import (
	"strings"
	"testing"

	"threesixty/internal/pgtest"
	"threesixty/internal/postgres"
)

// TestDurabilityWarnings: a connection whose commits do not wait for the disk is named, so that
// serve can warn the operator before anyone's answers depend on it.
func TestDurabilityWarnings(t *testing.T) {
	url := pgtest.URL(t)
	for _, tt := range []struct {
		setting string
		warns   bool
	}{{"on", false}, {"off", true}} {
		db, err := postgres.Connect(t.Context(), url+"&synchronous_commit="+tt.setting)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		s, err := postgres.New(db)
		if err != nil {
			t.Fatal(err)
		}
		warnings, err := s.DurabilityWarnings(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		said := strings.Contains(strings.Join(warnings, "\n"), "synchronous_commit off")
		if said != tt.warns {
			t.Errorf("synchronous_commit=%s: warnings %q", tt.setting, warnings)
		}
		var fsync string
		if err := db.Get(&fsync, "SHOW fsync"); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(strings.Join(warnings, "\n"), "fsync off") != (fsync == "off") {
			t.Errorf("fsync is %s; warnings %q", fsync, warnings)
		}
	}
}
