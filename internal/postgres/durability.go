package postgres

import (
	"context"
	"fmt"
)

// DurabilityWarnings says which of PostgreSQL's settings, as this service's connections see
// them, would let a committed change vanish in a crash: an acknowledged survey answer, a
// release, a message marked sent. Each is a sentence for the operator; none means all is well.
// A test cluster may turn them off for speed; production must not.
func (s *Store) DurabilityWarnings(ctx context.Context) ([]string, error) {
	var settings struct {
		Fsync             string `db:"fsync"`
		SynchronousCommit string `db:"synchronous_commit"`
		FullPageWrites    string `db:"full_page_writes"`
	}
	if err := s.q.Durability.GetContext(ctx, &settings); err != nil {
		return nil, storeError(err)
	}
	var warnings []string
	if settings.Fsync == "off" {
		warnings = append(warnings, "PostgreSQL runs with fsync off: a crash of its machine can lose or corrupt committed answers and releases")
	}
	if settings.SynchronousCommit == "off" {
		warnings = append(warnings, "PostgreSQL runs with synchronous_commit off: a crash can lose the last answers the service told raters it had received")
	}
	if settings.FullPageWrites == "off" {
		warnings = append(warnings, "PostgreSQL runs with full_page_writes off: a crash during a write can corrupt the database")
	}
	for i, w := range warnings {
		warnings[i] = fmt.Sprintf("%s; turn it on for real use", w)
	}
	return warnings, nil
}
