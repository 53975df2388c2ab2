package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"threesixty/internal/postgres"
)

func migrate(ctx context.Context, args []string, out io.Writer) error {
	cfg, err := settings(flag.NewFlagSet("migrate", flag.ContinueOnError), args)
	if err != nil {
		return err
	}
	db, err := postgres.Connect(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer db.Close()
	n, err := postgres.Migrate(ctx, db)
	if err != nil {
		return fmt.Errorf("migrating: %w", err)
	}
	fmt.Fprintf(out, "applied %d migration(s); the schema is current\n", n)
	return nil
}
