package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"threesixty/surveys"
)

// instruments lists the instrument files and checks them, those built in or those in --dir (for
// an author checking a new file before it is built in).
func instruments(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("instruments", flag.ContinueOnError)
	dir := fs.String("dir", "", "check the *.yaml files in this directory instead of the built-in ones")
	if err := fs.Parse(args); err != nil {
		return err
	}
	var list []*surveys.Instrument
	var err error
	if *dir != "" {
		list, err = surveys.LoadFS(os.DirFS(*dir))
	} else {
		list, err = surveys.Load()
	}
	if err != nil {
		return fmt.Errorf("the instrument files have problems:\n%w", err)
	}
	for _, in := range list {
		fmt.Fprintf(out, "%-20s %-30s version %.12s  %d competencies, %d items, %d open questions, %d-point scale\n",
			in.ID, in.Title, in.Version, len(in.Competencies), len(in.Items), len(in.Questions), len(in.Scale.Points))
	}
	fmt.Fprintf(out, "%d instrument(s), all valid\n", len(list))
	return nil
}
