package main

import (
	"context"
	"fmt"

	"threesixty/internal/config"
	"threesixty/internal/postgres"
	"threesixty/surveys"
)

// openStore connects to a database whose schema is current, and records the instrument versions
// this binary ships. It refuses a database with pending migrations rather than fail later.
func openStore(ctx context.Context, cfg *config.Config) (*postgres.Store, map[string]*surveys.Instrument, error) {
	instruments, err := surveys.Load()
	if err != nil {
		return nil, nil, fmt.Errorf("the instrument files are invalid:\n%w", err)
	}
	db, err := postgres.Connect(ctx, cfg.DatabaseURL)
	if err != nil {
		return nil, nil, err
	}
	pending, err := postgres.Pending(ctx, db)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	if pending > 0 {
		db.Close()
		return nil, nil, fmt.Errorf("the database has %d pending migration(s); run `threesixty migrate` first", pending)
	}
	store, err := postgres.New(db)
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	store.MessageHost = cfg.BaseURL.Hostname()
	if err := store.SaveInstruments(ctx, instruments); err != nil {
		store.Close()
		return nil, nil, err
	}
	byID := map[string]*surveys.Instrument{}
	for _, in := range instruments {
		byID[in.ID] = in
	}
	return store, byID, nil
}
