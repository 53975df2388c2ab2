package web

import (
	"context"
	"net/http"
	"testing"

	"github.com/chromedp/chromedp"

	"threesixty/internal/threesixty"
)

// TestDeclineInBrowser opens the decline page from the email's link in Chromium at 360 and 1280
// px: axe-core finds no serious or critical violation, nothing scrolls sideways, the reasons are
// one labelled group of radio buttons with none chosen but "no reason", and choosing a reason by
// its words and pressing "Yes, decline" declines with that reason held. The confirmation reached
// from the survey's own button is checked alike.
func TestDeclineInBrowser(t *testing.T) {
	env, base := newBrowserEnv(t)
	_, tokens := env.openRound(env.engagement(3, false))
	ctx, cancel := context.WithTimeout(context.Background(), browserTimeout)
	t.Cleanup(cancel)
	b := startBrowser(t, ctx)

	widths := []struct {
		name   string
		action chromedp.Action[chromedp.Void]
	}{
		{"360", chromedp.EmulateViewport(360, 780, chromedp.EmulateMobile, chromedp.EmulatePortrait)},
		{"1280", chromedp.EmulateViewport(1280, 900)},
	}
	for _, w := range widths {
		b.do("setting the viewport to "+w.name, w.action)
		b.navigate(base+"/s/"+tokens[threesixty.GroupPeer][0]+"/decline", http.StatusOK)
		b.screenshot("decline-"+w.name+".png", true)
		b.accessible("decline at " + w.name + " px")
		if evaluate[bool](b, `document.documentElement.scrollWidth > innerWidth + 1`) {
			t.Errorf("the decline page scrolls sideways at %s px", w.name)
		}
	}
	group := evaluate[struct {
		Legend  string
		Radios  int
		Checked string
	}](b, `(() => {
		const f = document.querySelector("fieldset");
		const radios = [...f.querySelectorAll("input[type=radio][name=reason]")];
		return {Legend: f.querySelector("legend").textContent.trim(), Radios: radios.length,
			Checked: (radios.find(r => r.checked) || {value: "none checked"}).value};
	})()`)
	if group.Legend != "Why are you declining? (optional)" || group.Radios != len(threesixty.DeclineReasons)+1 || group.Checked != "" {
		t.Errorf("the reasons are %+v, want a legend, %d radios and \"no reason\" chosen", group, len(threesixty.DeclineReasons)+1)
	}
	b.fill("Why are you declining › "+threesixty.DeclineRatherNot.Label("Alex Morgan"), "on")
	b.press("Yes, decline", http.StatusOK)
	if !b.sees("You have declined") {
		t.Errorf("after Yes, decline the page reads %q", b.text("main"))
	}
	b.accessible("declined at 1280 px")
	if held := env.HeldDeclineReasons(); held != 1 {
		t.Errorf("%d reasons held, want the one chosen", held)
	}

	// From the survey's own button, at a phone's width.
	b.do("setting the viewport to 360", widths[0].action)
	b.navigate(base+"/s/"+tokens[threesixty.GroupPeer][1], http.StatusOK)
	b.press("Decline this survey", http.StatusOK)
	if !b.sees("Why are you declining?") {
		t.Errorf("the survey's decline button leads to %q", b.text("main"))
	}
	b.accessible("decline from the survey at 360 px")
	b.expectQuietConsole()
}
