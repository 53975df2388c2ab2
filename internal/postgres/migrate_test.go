package postgres_test

import (
	"context"
	"io/fs"
	"sync"
	"testing"

	"threesixty/internal/pgtest"
	"threesixty/internal/postgres"
	"threesixty/migrations"
)

// TestInstancesStartingTogetherMigrateOnce: several instances migrate one empty database at the
// same moment; they take turns under the advisory lock, so the schema is applied exactly once and
// every one of them ends with it current.
func TestInstancesStartingTogetherMigrateOnce(t *testing.T) {
	ctx := context.Background()
	url := pgtest.BlankURL(t)
	var wg sync.WaitGroup
	applied := make([]int, 4)
	for i := range applied {
		db, err := postgres.Connect(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		wg.Go(func() {
			n, err := postgres.Migrate(ctx, db)
			if err != nil {
				t.Errorf("instance %d: %v", i, err)
			}
			applied[i] = n
		})
	}
	wg.Wait()
	files, err := fs.Glob(migrations.FS, "*.sql")
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, n := range applied {
		total += n
	}
	if total != len(files) {
		t.Errorf("the instances applied %v migrations between them, want each of the %d once", applied, len(files))
	}
}
