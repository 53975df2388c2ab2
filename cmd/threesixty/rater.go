package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"threesixty/internal/threesixty"
)

// rater works on raters across engagements. "rater erase" is how a rater's request to be
// forgotten is carried out: every engagement they rate in, whoever runs it, as the service.
func rater(ctx context.Context, args []string, out io.Writer) error {
	if len(args) == 0 || args[0] != "erase" {
		return fmt.Errorf("usage: threesixty rater erase --email E")
	}
	fs := flag.NewFlagSet("rater erase", flag.ContinueOnError)
	email := fs.String("email", "", "the rater's email address; variants in case or +tag are the same rater")
	a, err := open(ctx, fs, args[1:])
	if err != nil {
		return err
	}
	defer a.close()
	if *email == "" {
		return fmt.Errorf("usage: threesixty rater erase --email E")
	}
	n, err := a.store.EraseRatersByEmail(ctx, threesixty.Service, *email)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "erased %d rater(s)\n", n)
	return nil
}
