package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/jmoiron/sqlx"

	"threesixty/internal/config"
	"threesixty/internal/postgres"
	"threesixty/surveys"
)

// settings parses a subcommand's flags and reads the service's settings: how every subcommand
// starts.
func settings(fs *flag.FlagSet, args []string) (*config.Config, error) {
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("%s takes no arguments, only flags (got %q)", fs.Name(), fs.Arg(0))
	}
	return config.FromEnv()
}

// app is what the subcommands that work on the database start from.
type app struct {
	cfg         *config.Config
	db          *sqlx.DB // the store's pool, for the metrics of its connections
	store       *postgres.Store
	instruments map[string]*surveys.Instrument
}

// open parses the flags, reads the settings and opens the store: a database whose schema is
// current, with the instrument versions this binary ships recorded. It refuses a database with
// pending migrations rather than fail later.
func open(ctx context.Context, fs *flag.FlagSet, args []string) (*app, error) {
	cfg, err := settings(fs, args)
	if err != nil {
		return nil, err
	}
	list, err := surveys.Load()
	if err != nil {
		return nil, fmt.Errorf("the instrument files are invalid:\n%w", err)
	}
	db, err := postgres.Connect(ctx, cfg.DatabaseURL)
	if err != nil {
		return nil, err
	}
	pending, err := postgres.Pending(ctx, db)
	if err != nil {
		db.Close()
		return nil, err
	}
	if pending > 0 {
		db.Close()
		return nil, fmt.Errorf("the database has %d pending migration(s); run `threesixty migrate` first", pending)
	}
	store, err := postgres.New(db)
	if err != nil {
		db.Close()
		return nil, err
	}
	store.MessageHost = cfg.BaseURL.Hostname()
	if err := store.SaveInstruments(ctx, list); err != nil {
		store.Close()
		return nil, err
	}
	a := &app{cfg: cfg, db: db, store: store, instruments: map[string]*surveys.Instrument{}}
	for _, in := range list {
		a.instruments[in.ID] = in
	}
	return a, nil
}

// close closes the store.
func (a *app) close() { a.store.Close() }
