package reports

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/jung-kurt/gofpdf"
)

// The benchmarks hold the renderer against a floor: gofpdf drawing the very same operations,
// recorded from one rendering and replayed straight into a fresh document with the same fonts
// and metadata, with no data work, measuring or layout. Run them with
//
//	go test -run '^$' -bench . -benchtime=1x ./reports

// benchTarget is how many times the floor a report may take.
const benchTarget = 2.0

type benchCase struct {
	b    Baseline
	opt  Options
	g    pageGeometry
	meta metadata
	ops  []op
}

func newBenchCase(tb testing.TB) *benchCase {
	c := &benchCase{b: testBaseline("Zoë Łukasiewicz"), opt: Options{Created: fixedCreated, Location: time.UTC}}
	c.g = geometry(c.opt.PageSize)
	c.meta = baselineMetadata(c.b, c.opt)
	rec := &recorder{next: pdfCanvas{newPDF(c.g, c.meta)}}
	drawBaseline(rec, c.g, c.b, c.opt)
	c.ops = rec.ops
	if len(c.ops) == 0 {
		tb.Fatal("nothing was recorded")
	}
	return c
}

func (c *benchCase) report(w io.Writer) error { return RenderBaseline(w, c.b, c.opt) }

func (c *benchCase) floor(w io.Writer) error {
	pdf := newPDF(c.g, c.meta)
	replay(c.ops, pdfCanvas{pdf})
	if err := pdf.Output(w); err != nil {
		return err
	}
	return pdf.Error()
}

// TestFloorDrawsTheSameDocument keeps the floor honest: it must write the very bytes the
// renderer writes.
func TestFloorDrawsTheSameDocument(t *testing.T) {
	c := newBenchCase(t)
	var ours, floor bytes.Buffer
	if err := c.report(&ours); err != nil {
		t.Fatal(err)
	}
	if err := c.floor(&floor); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(ours.Bytes(), floor.Bytes()) {
		t.Errorf("the floor's document (%d bytes) differs from the report (%d bytes)", floor.Len(), ours.Len())
	}
}

// BenchmarkBaselineReport renders one report at a time, alternating with the floor so the drift
// of a shared machine hits both alike, and compares the medians.
func BenchmarkBaselineReport(b *testing.B) {
	c := newBenchCase(b)
	const runs = 41
	var ours, floor []time.Duration
	for i := range runs + 2 {
		for turn, f := range []func(io.Writer) error{c.report, c.floor} {
			if i%2 == 1 {
				turn = 1 - turn
				f = []func(io.Writer) error{c.report, c.floor}[turn]
			}
			start := time.Now()
			if err := f(io.Discard); err != nil {
				b.Fatal(err)
			}
			took := time.Since(start)
			if i < 2 {
				continue // warming up
			}
			if turn == 0 {
				ours = append(ours, took)
			} else {
				floor = append(floor, took)
			}
		}
	}
	compare(b, "one baseline report", medianOf(ours), medianOf(floor))
}

// BenchmarkBaselineReports renders 200 reports on GOMAXPROCS goroutines, then 200 floors the
// same way, and compares the time per report.
func BenchmarkBaselineReports(b *testing.B) {
	c := newBenchCase(b)
	const reports = 200
	workers := runtime.GOMAXPROCS(0)
	batch := func(f func(io.Writer) error) time.Duration {
		var wg sync.WaitGroup
		next := make(chan struct{}, reports)
		for range reports {
			next <- struct{}{}
		}
		close(next)
		start := time.Now()
		for range workers {
			wg.Go(func() {
				for range next {
					if err := f(io.Discard); err != nil {
						b.Error(err)
						return
					}
				}
			})
		}
		wg.Wait()
		return time.Since(start) / reports
	}
	batch(c.report) // warming up
	batch(c.floor)
	ours := batch(c.report)
	floor := batch(c.floor)
	ours = (ours + batch(c.report)) / 2
	floor = (floor + batch(c.floor)) / 2
	compare(b, fmt.Sprintf("%d baseline reports on %d goroutines", reports, workers), ours, floor)
}

func compare(b *testing.B, what string, ours, floor time.Duration) {
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	ratio := float64(ours) / float64(floor)
	verdict := "met"
	if ratio > benchTarget {
		verdict = "NOT met"
	}
	fmt.Printf("%s: %.2f ms per report, floor (gofpdf replaying the same drawing) %.2f ms, ratio %.2f (target <= %.1f: %s)\n",
		what, ms(ours), ms(floor), ratio, benchTarget, verdict)
	b.ReportMetric(0, "ns/op") // the whole run is one op; its duration says nothing
	b.ReportMetric(ms(ours), "ms/report")
	b.ReportMetric(ms(floor), "floor-ms")
	b.ReportMetric(ratio, "ratio")
}

func medianOf(d []time.Duration) time.Duration {
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	return d[len(d)/2]
}

// BenchmarkFontSetup is what sharing the parsed fonts saves each document: a new document given
// the two fonts from the shared parse, against one where gofpdf parses them itself.
func BenchmarkFontSetup(b *testing.B) {
	const runs = 41
	g := geometry(A4)
	var shared, parsed []time.Duration
	for i := range runs + 1 {
		start := time.Now()
		addFonts(gofpdf.New("P", "mm", g.name, ""))
		took := time.Since(start)
		start = time.Now()
		pdf := gofpdf.New("P", "mm", g.name, "")
		pdf.AddUTF8FontFromBytes(fontFamily, "", bytes.Clone(regularTTF))
		pdf.AddUTF8FontFromBytes(fontFamily, "B", bytes.Clone(boldTTF))
		if i > 0 {
			shared = append(shared, took)
			parsed = append(parsed, time.Since(start))
		}
	}
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	s, p := medianOf(shared), medianOf(parsed)
	fmt.Printf("fonts for one document: %.2f ms from the shared parse, %.2f ms parsed again\n", ms(s), ms(p))
	b.ReportMetric(0, "ns/op")
	b.ReportMetric(ms(s), "shared-ms")
	b.ReportMetric(ms(p), "parsed-ms")
}
