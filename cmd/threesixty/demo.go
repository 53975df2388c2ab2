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
	"time"

	"threesixty/internal/config"
	"threesixty/internal/threesixty"
	"threesixty/surveys"
)

// demoRaters are the people of the demo engagement: enough in each group to pass the default
// threshold of 3, except the superiors, who are two.
var demoRaters = []threesixty.Rater{
	{Name: "Jordan Lee", Email: "jordan.lee@example.com", Group: threesixty.GroupSuperior},
	{Name: "Sam Okafor", Email: "sam.okafor@example.com", Group: threesixty.GroupSuperior},
	{Name: "Maria García", Email: "maria.garcia@example.com", Group: threesixty.GroupPeer},
	{Name: "Chen Wei", Email: "chen.wei@example.com", Group: threesixty.GroupPeer},
	{Name: "Fatima Khan", Email: "fatima.khan@example.com", Group: threesixty.GroupPeer},
	{Name: "Tom Becker", Email: "tom.becker@example.com", Group: threesixty.GroupPeer},
	{Name: "Aisha Bello", Email: "aisha.bello@example.com", Group: threesixty.GroupDirectReport},
	{Name: "Lukas Novak", Email: "lukas.novak@example.com", Group: threesixty.GroupDirectReport},
	{Name: "Sofia Rossi", Email: "sofia.rossi@example.com", Group: threesixty.GroupDirectReport},
	{Name: "Noah Williams", Email: "noah.williams@example.com", Group: threesixty.GroupDirectReport},
	{Name: "Zoë Martin", Email: "zoe.martin@example.com", Group: threesixty.GroupDirectReport},
	{Name: "Ravi Patel", Email: "ravi.patel@example.com", Group: threesixty.GroupOther},
}

// demoAnswered is how many raters of each group have already answered in the demo, so the
// progress counts show something from the start.
var demoAnswered = map[threesixty.Group]int{threesixty.GroupPeer: 2, threesixty.GroupDirectReport: 3}

func demo(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, err := config.FromEnv()
	if err != nil {
		return err
	}
	store, instruments, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer store.Close()
	in := instruments["leadership-360"]

	suffix := make([]byte, 3)
	rand.Read(suffix)
	coach, token, err := store.CreateCoach(ctx, "coach-"+hex.EncodeToString(suffix)+"@example.com", "Dana Coach", false)
	if err != nil {
		return err
	}
	e, err := store.CreateEngagement(ctx, coach, &threesixty.Engagement{
		Leader:     threesixty.Person{Name: "Alex Morgan", Email: "alex.morgan@example.com"},
		Sponsor:    &threesixty.Sponsor{Name: "Priya Shah", Email: "priya.shah@example.com", Organisation: "Northwind Ltd"},
		Instrument: in.ID,
		Anonymity:  threesixty.Anonymity{Threshold: threesixty.DefaultThreshold},
	})
	if err != nil {
		return err
	}
	raters := append([]threesixty.Rater(nil), demoRaters...)
	if _, _, err := store.AddRaters(ctx, coach, e.ID, raters); err != nil {
		return err
	}
	closes := time.Now().Add(14 * 24 * time.Hour).UTC().Truncate(time.Hour)
	round, issued, err := store.OpenRound(ctx, coach, e.ID, threesixty.RoundBaseline, closes, in.Version)
	if err != nil {
		return err
	}

	order := map[threesixty.Group]int{}
	for i, g := range threesixty.Groups {
		order[g] = i
	}
	sort.SliceStable(issued, func(i, j int) bool {
		if order[issued[i].Group] != order[issued[j].Group] {
			return order[issued[i].Group] < order[issued[j].Group]
		}
		return issued[i].To.Name < issued[j].To.Name
	})
	answered := map[threesixty.Group]int{}
	rng := mathrand.New(mathrand.NewPCG(360, 1))
	fmt.Fprintf(out, "Demo engagement for %s (baseline round closes %s)\n\n", e.Leader.Name, closes.Format("2 Jan 2006"))
	fmt.Fprintln(out, "Survey links (open one in a browser; each works once):")
	for _, inv := range issued {
		if answered[inv.Group] < demoAnswered[inv.Group] {
			answered[inv.Group]++
			if _, err := store.SubmitResponse(ctx, inv.ID, demoAnswers(in.Items, rng)); err != nil {
				return err
			}
			continue
		}
		fmt.Fprintf(out, "  %-14s %-16s %s/s/%s\n", inv.Group, inv.To.Name, cfg.BaseURL, inv.Token)
	}
	fmt.Fprintf(out, "\n%d peers and %d direct reports have already answered.\n", answered[threesixty.GroupPeer], answered[threesixty.GroupDirectReport])
	fmt.Fprintf(out, "\nCoach API (as %s):\n", coach.Name)
	fmt.Fprintf(out, "  curl -H 'Authorization: Bearer %s' %s/api/v1/rounds/%s\n", token, cfg.BaseURL, round.ID)
	fmt.Fprintf(out, "  engagement %s, round %s\n", e.ID, round.ID)
	return nil
}

// demoAnswers makes a plausible response: mostly 3 to 5, now and then "not able to rate".
func demoAnswers(items []surveys.Item, rng *mathrand.Rand) threesixty.Answers {
	a := threesixty.Answers{Ratings: map[string]*int{}, Comments: map[string]string{}}
	for _, item := range items {
		if rng.IntN(12) == 0 {
			a.Ratings[item.ID] = nil
			continue
		}
		v := 3 + rng.IntN(3)
		a.Ratings[item.ID] = &v
	}
	return a
}
