package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"threesixty/internal/threesixty"
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
	a, err := open(ctx, fs, args[1:])
	if err != nil {
		return err
	}
	defer a.close()
	role := threesixty.RoleCoach
	if *admin {
		role = threesixty.RoleAdmin
	}
	account, token, err := a.store.CreateAccount(ctx, *email, *name, role)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "created %s %s <%s>; its API token, shown only this once:\n%s\n", account.Role, account.Name, account.Email, token)
	return nil
}
