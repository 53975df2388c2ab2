package web

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/chromedp/chromedp"
)

// The helpers below read a page as a person does: by the words of its labels and buttons, not by
// its markup, so that a test says what a person did.

// fill types value into the form control whose label starts with label, replacing what was there;
// "Legend › Label" looks only in the fieldset whose legend starts with Legend.
func (b *browser) fill(label, value string) {
	b.t.Helper()
	js := fmt.Sprintf(`(() => {
		let want = %s.toLowerCase(), scope = document;
		if (want.includes(" › ")) {
			const [legend, rest] = want.split(" › ");
			const f = [...document.querySelectorAll("fieldset")].find(f => f.querySelector("legend") &&
				f.querySelector("legend").textContent.trim().toLowerCase().startsWith(legend));
			if (!f) return "no fieldset's legend starts with " + legend;
			scope = f; want = rest;
		}
		const l = [...scope.querySelectorAll("label")].find(l => l.textContent.trim().toLowerCase().startsWith(want));
		if (!l) return "no label starts with " + %s;
		const c = l.control || (l.htmlFor && document.getElementById(l.htmlFor));
		if (!c) return "the label " + %s + " labels nothing";
		if (c.tagName === "SELECT") {
			const o = [...c.options].find(o => o.value === %s || o.textContent.trim() === %s);
			if (!o) return "no option " + %s + " in " + %s;
			c.value = o.value;
		} else if (c.type === "checkbox" || c.type === "radio") {
			c.checked = %s === "on";
		} else {
			c.value = %s;
		}
		c.dispatchEvent(new Event("input", {bubbles: true}));
		c.dispatchEvent(new Event("change", {bubbles: true}));
		return "";
	})()`, q(label), q(label), q(label), q(value), q(value), q(value), q(label), q(value), q(value))
	if problem := evaluate[string](b, js); problem != "" {
		b.t.Fatalf("filling %q: %s", label, problem)
	}
}

// press clicks the button or link whose text starts with text, waits for the page that comes
// back and checks its status.
func (b *browser) press(text string, status int) {
	b.t.Helper()
	sel := fmt.Sprintf(`[...document.querySelectorAll("button, a, input[type=submit]")].find(e => (e.textContent || e.value || "").trim().startsWith(%s))`, q(text))
	if !evaluate[bool](b, "!!"+sel) {
		b.t.Fatalf("no button or link starts with %q on %s", text, b.location())
	}
	resp, err := chromedp.RunResponse(b.ctx, chromedp.Click(chromedp.JSPath(sel)))
	if err != nil {
		b.fatal("pressing "+text, err)
	}
	if resp == nil || resp.Status != int64(status) {
		b.t.Fatalf("pressing %q: response %+v, want status %d (now at %s)", text, resp, status, b.location())
	}
}

// sees reports whether the page's visible text holds s.
func (b *browser) sees(s string) bool {
	b.t.Helper()
	return strings.Contains(evaluate[string](b, `document.body.innerText`), s)
}

// look keeps a screenshot of the page at a phone's width and at a desktop's, runs axe-core on
// both, and checks that neither scrolls sideways.
func (b *browser) look(name string) {
	b.t.Helper()
	b.lookAt(name, 390)
}

// lookAt is look with the phone's width in CSS pixels: 360 is the narrowest phone in common use.
func (b *browser) lookAt(name string, phone int64) {
	b.t.Helper()
	for _, w := range []struct {
		suffix string
		action chromedp.Action[chromedp.Void]
	}{
		{"phone", chromedp.EmulateViewport(phone, 844, chromedp.EmulateMobile, chromedp.EmulatePortrait)},
		{"desktop", chromedp.EmulateViewport(1280, 900)},
	} {
		b.do("setting the "+w.suffix+" viewport", w.action)
		b.screenshot(name+"-"+w.suffix+".png", true)
		b.accessible(name + " (" + w.suffix + ")")
		if evaluate[bool](b, `document.documentElement.scrollWidth > innerWidth + 1`) {
			b.t.Errorf("%s scrolls sideways at the %s's width", name, w.suffix)
		}
	}
}

// fetchStatus fetches a path from the page, with its cookies, and returns the status and the
// Content-Type.
func (b *browser) fetchStatus(path string) (int, string) {
	b.t.Helper()
	type answer struct {
		Status int
		Type   string
	}
	got, err := chromedp.Run(b.ctx, chromedp.Evaluate[answer](fmt.Sprintf(
		`fetch(%s).then(r => ({Status: r.status, Type: r.headers.get("Content-Type") || ""}))`, q(path)), chromedp.EvalAwaitPromise))
	if err != nil {
		b.fatal("fetching "+path, err)
	}
	return got.Status, got.Type
}

// q is s as a JavaScript string literal.
func q(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
