package postgres

import (
	"context"

	"threesixty/internal/threesixty"
	"threesixty/surveys"
)

// SaveInstruments records every instrument version the binary ships. Versions are content
// hashes, so this is safe to run at every start of every instance.
func (s *Store) SaveInstruments(ctx context.Context, instruments []*surveys.Instrument) error {
	for _, in := range instruments {
		if _, err := s.q.SaveInstrument.ExecContext(ctx, in.Version, in.ID, in.Title, in.Source); err != nil {
			return storeError(err)
		}
		s.versions.Store(in.Version, in)
	}
	return nil
}

// InstrumentVersion returns the exact instrument version a round pinned.
func (s *Store) InstrumentVersion(ctx context.Context, version string) (*surveys.Instrument, error) {
	if in, ok := s.versions.Load(version); ok {
		return in.(*surveys.Instrument), nil
	}
	var row struct {
		Instrument string `db:"instrument"`
		Source     []byte `db:"source"`
	}
	if err := s.q.InstrumentSource.GetContext(ctx, &row, version); err != nil {
		return nil, storeError(err)
	}
	in, err := surveys.Parse(row.Instrument+".yaml", row.Source)
	if err != nil {
		return nil, &threesixty.Error{Code: threesixty.EINTERNAL, Message: "internal error", Err: err}
	}
	s.versions.Store(version, in)
	return in, nil
}
