package reports

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// rendered is one report on disk, for the poppler tools to read.
type rendered struct {
	path string
	pdf  []byte
}

func render(t testing.TB, b Baseline, opt Options) rendered {
	t.Helper()
	if opt.Created.IsZero() {
		opt.Created = fixedCreated
	}
	var buf bytes.Buffer
	if err := RenderBaseline(&buf, b, opt); err != nil {
		t.Fatalf("RenderBaseline: %v", err)
	}
	return save(t, buf.Bytes())
}

// save writes a report where the poppler tools can read it: a temporary directory, or
// $REPORTS_SAMPLES to keep it for a look.
func save(t testing.TB, pdf []byte) rendered {
	t.Helper()
	path := filepath.Join(t.TempDir(), "report.pdf")
	if dir := os.Getenv("REPORTS_SAMPLES"); dir != "" {
		path = filepath.Join(dir, strings.ReplaceAll(t.Name(), "/", "_")+".pdf")
	}
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	return rendered{path: path, pdf: pdf}
}

func poppler(t testing.TB, tool string, args ...string) string {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		t.Fatalf("%s is needed to read the reports back: install poppler-utils (make test does)", tool)
	}
	out, err := exec.Command(tool, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", tool, args, err, out)
	}
	return string(out)
}

// text is the report as pdftotext reads it, laid out.
func (r rendered) text(t testing.TB) string { return poppler(t, "pdftotext", "-layout", r.path, "-") }

// pages is the text of each page.
func (r rendered) pages(t testing.TB) []string {
	pages := strings.Split(r.text(t), "\f")
	if len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	return pages
}

// squash joins a text's words with single spaces, so a phrase can be found across columns.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }
