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
// without it, the coach signs in once they have used a set-up link: sent with --send-setup-link,
// or later from the admin page.
func coach(ctx context.Context, args []string, in io.Reader, out io.Writer) error {
	if len(args) == 0 || args[0] != "add" {
		return fmt.Errorf("usage: threesixty coach add --email E --name N [--admin] [--password-stdin | --send-setup-link]")
	}
	fs := flag.NewFlagSet("coach add", flag.ContinueOnError)
	email := fs.String("email", "", "the coach's email address")
	name := fs.String("name", "", "the coach's name")
	admin := fs.Bool("admin", false, "an admin sees every engagement")
	passwordStdin := fs.Bool("password-stdin", false, "read the account's password from the first line of standard input")
	sendSetupLink := fs.Bool("send-setup-link", false, "email the account a link that sets its password (the running service sends it)")
	a, err := open(ctx, fs, args[1:])
	if err != nil {
		return err
	}
	defer a.close()
	if *passwordStdin && *sendSetupLink {
		return fmt.Errorf("--password-stdin sets the password; --send-setup-link lets the coach set it: choose one")
	}
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
	l, err := links.New(a.cfg.BaseURL)
	if err != nil {
		return err
	}
	switch {
	case password != "":
		if err := a.store.SetPassword(ctx, account.ID, password); err != nil {
			return err
		}
		fmt.Fprintf(out, "%s signs in at %s with the password given.\n", account.Email, l.SignIn())
	case *sendSetupLink:
		if _, err := a.store.SendSetupLink(ctx, threesixty.Service, account.ID); err != nil {
			return err
		}
		fmt.Fprintf(out, "a link that sets the password is on its way to %s; it works once, for 7 days.\n", account.Email)
	default:
		fmt.Fprintf(out, "%s has no password yet: an admin sends them a set-up link from %s (--send-setup-link sends one when the account is added).\n", account.Email, l.AdminCoaches())
	}
	fmt.Fprintf(out, "created %s %s <%s>; its API token, shown only this once:\n%s\n", account.Role, account.Name, account.Email, token)
	return nil
}
