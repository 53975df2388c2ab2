package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"threesixty/internal/links"
	"threesixty/internal/threesixty"
)

// coach manages coach accounts. "coach add" prints the new API token alone on its last line, so
// scripts can take it with tail -n 1. With --password-stdin, the account's password is the first
// line of standard input, so that it is never in the command line or the shell's history;
// without it, the coach signs in once an admin has sent them a set-up link.
func coach(ctx context.Context, args []string, in io.Reader, out io.Writer) error {
	if len(args) == 0 || args[0] != "add" {
		return fmt.Errorf("usage: threesixty coach add --email E --name N [--admin] [--password-stdin]")
	}
	fs := flag.NewFlagSet("coach add", flag.ContinueOnError)
	email := fs.String("email", "", "the coach's email address")
	name := fs.String("name", "", "the coach's name")
	admin := fs.Bool("admin", false, "an admin sees every engagement")
	passwordStdin := fs.Bool("password-stdin", false, "read the account's password from the first line of standard input")
	a, err := open(ctx, fs, args[1:])
	if err != nil {
		return err
	}
	defer a.close()
	var password string
	if *passwordStdin {
		line, err := bufio.NewReader(io.LimitReader(in, 4*threesixty.MaxPasswordLength+2)).ReadString('\n')
		if err != nil && err != io.EOF {
			return fmt.Errorf("reading the password: %w", err)
		}
		password = strings.TrimRight(line, "\r\n")
		if err := threesixty.CheckPassword(password); err != nil {
			return fmt.Errorf("the password on standard input: %w", err)
		}
	}
	role := threesixty.RoleCoach
	if *admin {
		role = threesixty.RoleAdmin
	}
	account, token, err := a.store.CreateAccount(ctx, *email, *name, role)
	if err != nil {
		return err
	}
	if password != "" {
		if err := a.store.SetPassword(ctx, account.ID, password); err != nil {
			return err
		}
		l, err := links.New(a.cfg.BaseURL)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "%s signs in at %s with the password given.\n", account.Email, l.SignIn())
	}
	fmt.Fprintf(out, "created %s %s <%s>; its API token, shown only this once:\n%s\n", account.Role, account.Name, account.Email, token)
	return nil
}
