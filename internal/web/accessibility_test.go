package web

import (
	_ "embed"
	"fmt"
	"strings"

	"github.com/chromedp/chromedp"
)

// axeSource is axe-core (testdata/axe, MPL-2.0), injected into pages under test.
//
//go:embed testdata/axe/axe.min.js
var axeSource string

// axeViolation is what the tests read of one rule axe-core found broken.
type axeViolation struct {
	ID, Impact, Help string
	Targets          []string
}

// accessible runs axe-core over the page the browser shows, against WCAG 2.2 A and AA, and
// fails the test for every serious or critical violation, naming the rule and where it broke.
// The script goes in through the DevTools protocol, which the pages' Content-Security-Policy
// does not govern, so the pages' own policy stays as strict as it is.
func (b *browser) accessible(page string) {
	b.t.Helper()
	if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](axeSource+";true")); err != nil {
		b.fatal("injecting axe-core into "+page, err)
	}
	found, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]axeViolation](`axe.run(document, {
		runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]},
		resultTypes: ["violations"]
	}).then(r => r.violations.map(v => ({ID: v.id, Impact: v.impact || "", Help: v.help,
		Targets: v.nodes.slice(0, 3).map(n => n.target.join(" "))})))`, chromedp.EvalAwaitPromise))
	if err != nil {
		b.fatal("running axe-core on "+page, err)
	}
	for _, v := range found {
		if v.Impact == "serious" || v.Impact == "critical" {
			b.t.Errorf("%s: %s violation %s (%s) at %s", page, v.Impact, v.ID, v.Help, strings.Join(v.Targets, ", "))
		} else {
			b.t.Logf("%s: %s", page, fmt.Sprintf("%s violation %s (%s)", v.Impact, v.ID, v.Help))
		}
	}
}
