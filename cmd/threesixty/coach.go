package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/mail"
	"strings"

	"threesixty/internal/config"
)

// coach manages coach accounts. "coach add" prints the new API token alone on its last line, so
// scripts can take it with tail -n 1.
func coach(ctx context.Context, args []string, out io.Writer) error {
	if len(args) == 0 || args[0] != "add" {
		return fmt.Errorf("usage: threesixty coach add --email E --name N [--admin]")
	}
	fs := flag.NewFlagSet("coach add", flag.ContinueOnError)
	email := fs.String("email", "", "the coach's email address")
	name := fs.String("name", "", "the coach's name")
	admin := fs.Bool("admin", false, "an admin sees every engagement")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if a, err := mail.ParseAddress(*email); err != nil || a.Address != *email {
		return fmt.Errorf("--email %q is not an email address", *email)
	}
	if strings.TrimSpace(*name) == "" {
		return fmt.Errorf("--name is required")
	}
	cfg, err := config.FromEnv()
	if err != nil {
		return err
	}
	store, _, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer store.Close()
	c, token, err := store.CreateCoach(ctx, *email, *name, *admin)
	if err != nil {
		return err
	}
	role := "coach"
	if c.IsAdmin {
		role = "admin"
	}
	fmt.Fprintf(out, "created %s %s <%s>; its API token, shown only this once:\n%s\n", role, c.Name, c.Email, token)
	return nil
}
