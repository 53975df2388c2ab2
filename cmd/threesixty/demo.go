package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	mathrand "math/rand/v2"
	"sort"
	"strings"
	"time"

	"threesixty/internal/links"
	"threesixty/internal/postgres"
	"threesixty/internal/threesixty"
	"threesixty/surveys"
)

// demo loads two engagements for one new coach: Alex Morgan's baseline is open, with links to
// follow; Jamie Chen's has been answered by everyone and released, so its results can be read.
// Each run makes a new coach, so it can run again on the same database.
func demo(ctx context.Context, args []string, out io.Writer) error {
	a, err := open(ctx, flag.NewFlagSet("demo", flag.ContinueOnError), args)
	if err != nil {
		return err
	}
	defer a.close()
	store, cfg := a.store, a.cfg
	l, err := links.New(cfg.BaseURL)
	if err != nil {
		return err
	}
	in := a.instruments["leadership-360"]
	suffix := make([]byte, 3)
	rand.Read(suffix)
	// The coach's address is outside the demo organisation's domain: a coach is not one of the
	// leader's colleagues, and could not be added as a rater anyway.
	account, token, err := store.CreateAccount(ctx, "coach-"+hex.EncodeToString(suffix)+"@coaching.example.net", "Dana Coach", threesixty.RoleCoach)
	if err != nil {
		return err
	}
	coach := threesixty.AccountActor(account)
	password := demoPassword()
	if err := store.SetPassword(ctx, account.ID, password); err != nil {
		return err
	}
	rng := mathrand.New(mathrand.NewPCG(360, 1))
	closes := time.Now().Add(14 * 24 * time.Hour).UTC().Truncate(time.Hour)

	open, issued, err := demoRound(ctx, store, coach, in, demoLeaders[0], closes)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "Demo engagement for %s (baseline round open until %s)\n\n", demoLeaders[0].Name, closes.Format("2 Jan 2006"))
	fmt.Fprintln(out, "Survey links (open one in a browser; each works once):")
	answered := map[threesixty.RaterGroup]int{}
	for _, inv := range issued {
		if answered[inv.Group] < demoAnswered[inv.Group] {
			answered[inv.Group]++
			if _, err := store.SubmitResponse(ctx, inv.ID, demoAnswers(in, inv.Group, rng)); err != nil {
				return err
			}
			continue
		}
		tokens, err := store.MintTokens(ctx, []string{inv.ID})
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "  %-14s %-16s %s\n", inv.Group, inv.To.Name, l.Survey(tokens[0]))
	}
	fmt.Fprintf(out, "(%d peers and %d direct reports have already answered.)\n", answered[threesixty.GroupPeer], answered[threesixty.GroupDirectReport])

	released, issued, err := demoRound(ctx, store, coach, in, demoLeaders[1], closes)
	if err != nil {
		return err
	}
	for _, inv := range issued {
		if _, err := store.SubmitResponse(ctx, inv.ID, demoAnswers(in, inv.Group, rng)); err != nil {
			return err
		}
	}
	if _, err := store.CloseRound(ctx, coach, released.ID); err != nil {
		return err
	}
	fmt.Fprintf(out, "\nDemo engagement for %s: every rater answered and the baseline is released.\n", demoLeaders[1].Name)

	api := func(address string) string {
		return fmt.Sprintf("  curl -H 'Authorization: Bearer %s' %s\n", token, address)
	}
	if cfg.SMTPURL == "" {
		fmt.Fprintf(out, "\nNo SMTP_URL: every message the service sends (invitations, reminders, notices) is at %s\n", l.Mailbox())
	}
	fmt.Fprintf(out, "\nCoach dashboard: sign in at %s\n  email:    %s\n  password: %s\n", l.SignIn(), account.Email, password)
	fmt.Fprintf(out, "\nCoach API, as %s:\n", account.Name)
	fmt.Fprint(out, api(l.Engagements()))
	fmt.Fprint(out, api(l.Round(open.ID)))
	fmt.Fprint(out, api(l.Results(released.ID)))
	fmt.Fprintf(out, "\nThe released baseline's PDF report:\n  curl -H 'Authorization: Bearer %s' -o report.pdf %s\n", token, l.Report(released.ID))
	return nil
}

// demoRound creates an engagement for leader with the demo raters and opens its baseline. The
// invitations come back in group order.
func demoRound(ctx context.Context, store *postgres.Store, coach threesixty.Actor, in *surveys.Instrument, leader threesixty.Person, closes time.Time) (*threesixty.Round, []threesixty.Invitation, error) {
	e, err := store.CreateEngagement(ctx, coach, &threesixty.Engagement{
		Leader:       leader,
		Sponsor:      &threesixty.Sponsor{Name: "Priya Shah", Email: "priya.shah@example.com", Organisation: "Northwind Ltd"},
		Instrument:   in.ID,
		Anonymity:    threesixty.Anonymity{Threshold: threesixty.DefaultThreshold},
		RaterDomains: []string{"example.com"},
	})
	if err != nil {
		return nil, nil, err
	}
	if _, _, err := store.AddRaters(ctx, coach, e.ID, append([]threesixty.Rater(nil), demoRaters...)); err != nil {
		return nil, nil, err
	}
	round, issued, err := store.OpenRound(ctx, coach, e.ID, threesixty.RoundPlan{
		Kind: threesixty.RoundKindBaseline, ClosesAt: closes, InstrumentVersion: in.Version, Reminders: threesixty.DefaultReminders,
	})
	if err != nil {
		return nil, nil, err
	}
	order := map[threesixty.RaterGroup]int{}
	for i, g := range threesixty.RaterGroups {
		order[g] = i
	}
	sort.SliceStable(issued, func(i, j int) bool {
		if order[issued[i].Group] != order[issued[j].Group] {
			return order[issued[i].Group] < order[issued[j].Group]
		}
		return issued[i].To.Name < issued[j].To.Name
	})
	return round, issued, nil
}

// demoPassword is a fresh password for the demo's coach, easy to read off a terminal: four groups
// of four base32 characters, 80 random bits.
func demoPassword() string {
	t := strings.ToLower(rand.Text())
	return t[0:4] + "-" + t[4:8] + "-" + t[8:12] + "-" + t[12:16]
}
