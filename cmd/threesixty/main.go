// Command threesixty is the whole service in one binary: the web service, its database
// migrations, a demo engagement, coach accounts, rater erasure, a check of the instrument
// files and the PDF reports of released rounds.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

const usage = `threesixty: 360-degree feedback for executive coaching

Usage:
  threesixty serve                                   run the web service
  threesixty migrate                                 bring the database schema up to date
  threesixty demo                                    load a demo engagement and print its survey links
  threesixty coach add --email E --name N [--admin]  create a coach account and print its API token
                  [--password-stdin]                 with the password read from standard input
  threesixty rater erase --email E                   erase a rater who asked to be forgotten, in every engagement
  threesixty instruments [--dir DIR]                 list and validate the instrument files
  threesixty report --round ID --out FILE            write a released baseline round's PDF report
  threesixty report --all-released --out DIR         write the report of every released baseline
                    [--page-size a4|letter]

Settings come from the environment: DATABASE_URL, LISTEN_ADDR, BASE_URL, SMTP_URL, MAIL_FROM,
MAIL_REPLY_TO, TRUSTED_PROXIES, LOG_FORMAT, METRICS_ADDR, RETENTION_DAYS (see the README).
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdin, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "threesixty:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, in io.Reader, out io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(out, usage)
		return fmt.Errorf("no command given")
	}
	switch args[0] {
	case "serve":
		return serve(ctx, args[1:])
	case "migrate":
		return migrate(ctx, args[1:], out)
	case "demo":
		return demo(ctx, args[1:], out)
	case "coach":
		return coach(ctx, args[1:], in, out)
	case "rater":
		return rater(ctx, args[1:], out)
	case "instruments":
		return instruments(args[1:], out)
	case "report":
		return report(ctx, args[1:], out)
	case "help", "-h", "--help":
		fmt.Fprint(out, usage)
		return nil
	}
	fmt.Fprint(out, usage)
	return fmt.Errorf("unknown command %q", args[0])
}
