package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
	"unicode"

	"threesixty/internal/postgres"
	"threesixty/internal/threesixty"
	"threesixty/reports"
)

// report writes the PDF report of one released round, or of every released round into a
// directory, several at once.
func report(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	round := fs.String("round", "", "the released round to report on")
	all := fs.Bool("all-released", false, "report on every released round")
	dest := fs.String("out", "", "the file to write (with --round) or the directory (with --all-released)")
	pageSize := fs.String("page-size", "a4", "a4 or letter")
	a, err := open(ctx, fs, args)
	if err != nil {
		return err
	}
	defer a.close()
	opt := reports.Options{PageSize: reports.PageSize(*pageSize)}
	switch {
	case *pageSize != string(reports.A4) && *pageSize != string(reports.Letter):
		return fmt.Errorf("--page-size %q: use a4 or letter", *pageSize)
	case *dest == "":
		return errors.New("--out is required")
	case *all == (*round != ""):
		return errors.New("give either --round ID or --all-released")
	case *round != "":
		return writeReport(ctx, a.store, *round, *dest, opt)
	}
	if err := os.MkdirAll(*dest, 0o750); err != nil {
		return err
	}
	rounds, err := a.store.ReleasedRounds(ctx, threesixty.Service)
	if err != nil {
		return err
	}
	return writeReports(ctx, a.store, rounds, *dest, opt, newProgress(out, len(rounds)))
}

// writeReports renders rounds on every core, going on past a failure and naming each at the end.
func writeReports(ctx context.Context, store *postgres.Store, rounds []postgres.ReleasedRound, dir string, opt reports.Options, p *progress) error {
	work := make(chan postgres.ReleasedRound)
	var mu sync.Mutex
	var failed []error
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range work {
				file := filepath.Join(dir, reportFileName(r))
				err := writeReport(ctx, store, r.ID, file, opt)
				mu.Lock()
				if err != nil {
					failed = append(failed, fmt.Errorf("round %s: %w", r.ID, err))
				}
				p.done(file, err)
				mu.Unlock()
			}
		}()
	}
	for _, r := range rounds {
		if ctx.Err() != nil {
			break
		}
		work <- r
	}
	close(work)
	wg.Wait()
	p.finish()
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if len(failed) > 0 {
		return fmt.Errorf("%d of %d reports failed:\n%w", len(failed), len(rounds), errors.Join(failed...))
	}
	return nil
}

// writeReport renders a round's report into file through a temporary file beside it, so that a
// report that fails half way never stands under the final name.
func writeReport(ctx context.Context, store *postgres.Store, roundID, file string, opt reports.Options) error {
	b, err := store.Report(ctx, threesixty.Service, roundID)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(file), ".report-*.pdf")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := reports.RenderBaseline(tmp, *b, opt); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), file)
}

// reportFileName is the leader's name, letters and digits only, then the round's id.
func reportFileName(r postgres.ReleasedRound) string {
	name := strings.Map(func(c rune) rune {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			return c
		}
		return '-'
	}, r.Leader)
	name = strings.Trim(name, "-")
	for strings.Contains(name, "--") {
		name = strings.ReplaceAll(name, "--", "-")
	}
	if name == "" {
		return r.ID + ".pdf"
	}
	return name + "-" + r.ID + ".pdf"
}

// progress shows how far a bulk run is: a bar redrawn in place on a terminal, a plain line per
// report otherwise (a log, a pipe).
type progress struct {
	out      io.Writer
	terminal bool
	total    int
	count    int
	failed   int
	started  time.Time
}

func newProgress(out io.Writer, total int) *progress {
	p := &progress{out: out, total: total, started: time.Now()}
	if f, ok := out.(*os.File); ok {
		if info, err := f.Stat(); err == nil && info.Mode()&os.ModeCharDevice != 0 {
			p.terminal = true
		}
	}
	if total == 0 {
		fmt.Fprintln(out, "No released rounds to report on.")
	}
	return p
}

func (p *progress) done(file string, err error) {
	p.count++
	if err != nil {
		p.failed++
	}
	if !p.terminal {
		if err != nil {
			fmt.Fprintf(p.out, "%d/%d failed %s: %v\n", p.count, p.total, file, err)
		} else {
			fmt.Fprintf(p.out, "%d/%d wrote %s\n", p.count, p.total, file)
		}
		return
	}
	const width = 30
	filled := width * p.count / p.total
	fmt.Fprintf(p.out, "\r[%s%s] %d/%d reports", strings.Repeat("#", filled), strings.Repeat(" ", width-filled), p.count, p.total)
	if p.failed > 0 {
		fmt.Fprintf(p.out, ", %d failed", p.failed)
	}
}

func (p *progress) finish() {
	if p.total == 0 {
		return
	}
	if p.terminal {
		fmt.Fprintln(p.out)
	}
	fmt.Fprintf(p.out, "%d reports in %s, %d failed\n", p.count, time.Since(p.started).Round(time.Millisecond), p.failed)
}
