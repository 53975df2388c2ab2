package web

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"threesixty/internal/pgtest"
	"threesixty/internal/threesixty"
)

// browserTimeout bounds the whole browser test, so a browser that hangs cannot hang the suite.
const browserTimeout = 90 * time.Second

// TestSurveyInBrowser fills in a rater's survey the way a person does, in a real headless
// Chromium at a phone's width: clicks on the answer labels, typed text, save and come back,
// a submission with gaps, the full submission, a used link, and the keyboard alone.
func TestSurveyInBrowser(t *testing.T) {
	start := time.Now()
	env, base := newBrowserEnv(t)
	_, tokens := env.openRound(env.engagement(3, false))
	in := env.srv.Instruments["leadership-360"]
	peer, otherPeer := tokens[threesixty.GroupPeer][0], tokens[threesixty.GroupPeer][1]
	link := base + "/s/" + peer

	// Canceled after the browser's own cleanups, which close it gracefully first.
	ctx, cancel := context.WithTimeout(context.Background(), browserTimeout)
	t.Cleanup(cancel)
	b := startBrowser(t, ctx)

	// 1. The page at a phone's width: who it is for, and the anonymity promise on the first screen.
	b.do("setting a mobile viewport", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulatePortrait))
	b.navigate(link, http.StatusOK)
	if h1 := b.text("h1"); h1 != "Feedback for Alex Morgan" {
		t.Errorf("heading = %q, want %q", h1, "Feedback for Alex Morgan")
	}
	if title := b.text("#promise-title"); title != "Your answers are anonymous" {
		t.Errorf("promise heading = %q", title)
	}
	if !evaluate[bool](b, `(() => {
		const p = document.querySelector("section.promise"), r = p.getBoundingClientRect(), s = getComputedStyle(p);
		return r.width > 0 && r.height > 0 && s.visibility === "visible" && s.display !== "none" && r.top < innerHeight;
	})()`) {
		t.Error("the anonymity promise is not visible on the first screen")
	}
	if promise := b.text("section.promise"); !strings.Contains(promise, "at least 3 people") || !strings.Contains(promise, "without your name") {
		t.Errorf("the promise does not say what it should: %q", promise)
	}
	if wide := evaluate[bool](b, `document.documentElement.scrollWidth > innerWidth`); wide {
		t.Error("the page scrolls sideways at 390 px")
	}
	b.screenshot("survey-mobile.png", true)
	b.accessible("survey-mobile")
	b.do("setting a desktop viewport", chromedp.EmulateViewport(1280, 900))
	b.screenshot("survey-desktop.png", false)
	b.accessible("survey-desktop")
	if wide := evaluate[bool](b, `document.documentElement.scrollWidth > innerWidth`); wide {
		t.Error("the page scrolls sideways at 1280 px")
	}
	b.do("setting a mobile viewport again", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulatePortrait))

	// Every item of the instrument is on the page, in page order.
	order := evaluate[[]string](b, `[...document.querySelectorAll("fieldset.item")].map(f => f.id)`)
	if len(order) != len(in.Items) {
		t.Fatalf("the page has %d items, the instrument %d", len(order), len(in.Items))
	}
	onPage := map[string]bool{}
	for _, id := range order {
		onPage[id] = true
	}
	for _, item := range in.Items {
		if !onPage[item.ID] {
			t.Errorf("item %s is not on the page", item.ID)
		}
	}
	total := len(order)

	// 2. Answer the first five items by clicking their labels, and write a comment.
	chosen := map[string]string{}
	for i, value := range []string{"4", "5", "3", threesixty.NotAbleToRate, "2"} {
		b.choose(order[i], value)
		chosen[order[i]] = value
	}
	if got, want := b.text("#progress-text"), fmt.Sprintf("5 of %d", total); got != want {
		t.Errorf("progress after five clicks = %q, want %q (survey.js keeps it current)", got, want)
	}
	question := in.Questions[0].ID
	const comment = "Zoë keeps stand-ups short ✓"
	b.do("typing a comment", chromedp.SendKeys(chromedp.ID(question), comment))
	if got := b.value(question); got != comment {
		t.Fatalf("the textarea holds %q after typing, want %q", got, comment)
	}

	// 2b. Autosave: a couple of seconds later the bar says the answers are saved, and a reload
	// (a crashed tab, a phone that dropped the page) finds them.
	var status string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		if status = b.text("#autosave-status"); strings.HasPrefix(status, "Saved at ") {
			break
		}
	}
	if !strings.HasPrefix(status, "Saved at ") {
		t.Fatalf("autosave status = %q, want it to say when the answers were saved", status)
	}
	b.navigate(link, http.StatusOK)
	b.expectChecked(chosen)
	if got := b.value(question); got != comment {
		t.Errorf("after autosave and a reload the textarea holds %q, want %q", got, comment)
	}

	// 3. Save and finish later: back on the same page, with a notice.
	b.submit("saving a draft", "button.secondary", http.StatusOK)
	if loc := b.location(); loc != link+"?saved=1" {
		t.Errorf("after saving the page is %q, want %q", loc, link+"?saved=1")
	}
	if saved := b.text("div.saved"); !strings.Contains(saved, "Your answers are saved") {
		t.Errorf("saved notice = %q", saved)
	}
	b.screenshot("survey-saved.png", true)
	b.accessible("survey-saved")

	// 4. Coming back with the plain link shows the saved answers, opened at the first statement
	// not yet answered.
	b.navigate(link, http.StatusOK)
	if top := evaluate[float64](b, fmt.Sprintf(`document.getElementById(%q).getBoundingClientRect().top`, order[5])); top < 0 || top > 250 {
		t.Errorf("the resumed page opens with the first unanswered statement at %v px, want it at the top", top)
	}
	if n := evaluate[int](b, `document.querySelectorAll("div.saved").length`); n != 0 {
		t.Error("the saved notice shows on a plain visit")
	}
	b.expectChecked(chosen)
	if got := b.value(question); got != comment {
		t.Errorf("the resumed textarea holds %q, want %q", got, comment)
	}
	if got, want := b.text("#progress-text"), fmt.Sprintf("5 of %d", total); got != want {
		t.Errorf("resumed progress = %q, want %q", got, want)
	}

	// 5. Submitting with gaps brings the form back with the problems, keeping the answers.
	b.submit("submitting with gaps", "button.primary", http.StatusUnprocessableEntity)
	if h := b.text("#problems h2"); h != "Not sent yet: some answers need your attention" {
		t.Errorf("problems heading = %q", h)
	}
	if title := evaluate[string](b, `document.title`); !strings.HasPrefix(title, "Not sent: ") {
		t.Errorf("the page title after a refused submit is %q", title)
	}
	missing := order[5]
	if p := b.text("#" + missing + "-problem"); !strings.Contains(p, "Choose an answer") {
		t.Errorf("problem by %s = %q", missing, p)
	}
	if invalid := evaluate[string](b, fmt.Sprintf(`document.getElementById(%q).getAttribute("aria-invalid") || ""`, missing)); invalid != "true" {
		t.Errorf("the unanswered statement %s is not marked invalid: aria-invalid=%q", missing, invalid)
	}
	if count := b.text("#" + question + " + .count"); count != fmt.Sprintf("%d of 4,000 characters", len([]rune(comment))) {
		t.Errorf("the comment's character count reads %q", count)
	}
	if got, want := b.text("#problems li"), fmt.Sprintf("%d statements have no answer yet", total-5); !strings.Contains(got, want) {
		t.Errorf("problem summary = %q, want it to say %q", got, want)
	}
	if n := evaluate[int](b, `document.querySelectorAll(".item.has-problem").length`); n != total-5 {
		t.Errorf("%d items marked, want %d", n, total-5)
	}
	if focused := evaluate[string](b, `document.activeElement.id`); focused != "problems" {
		t.Errorf("focus is on %q, want the problems box (survey.js moves it there)", focused)
	}
	b.expectChecked(chosen)
	if got := b.value(question); got != comment {
		t.Errorf("the re-shown textarea holds %q, want %q", got, comment)
	}
	b.screenshot("survey-problems.png", true)
	b.accessible("survey-problems")

	// 6. Answer everything else by clicking, then submit.
	values := []string{"1", "2", "3", "4", "5", threesixty.NotAbleToRate}
	for i, id := range order[5:] {
		b.choose(id, values[i%len(values)])
	}
	if got, want := b.text("#progress-text"), fmt.Sprintf("%d of %d", total, total); got != want {
		t.Errorf("progress with every item answered = %q, want %q", got, want)
	}
	b.submit("submitting", "button.primary", http.StatusOK)
	if h1 := b.text("h1"); h1 != "Thank you" {
		t.Errorf("after submitting the heading is %q, want %q", h1, "Thank you")
	}
	b.screenshot("survey-thanks.png", true)
	b.accessible("survey-thanks")

	// 7. One held response, no draft left, and the link is spent.
	if held, drafts := env.OpenRoundAnswers(); held != 1 || drafts != 0 {
		t.Errorf("%d held responses and %d drafts, want 1 and 0", held, drafts)
	}
	b.navigate(link, http.StatusGone)
	if body := b.text("main"); !strings.Contains(body, "already been used") {
		t.Errorf("a used link shows %q", body)
	}
	b.accessible("survey-used")
	for _, page := range []string{"/decline", "/stop-reminders"} {
		b.navigate(base+"/s/"+otherPeer+page, http.StatusOK)
		b.accessible("survey" + strings.ReplaceAll(page, "/", "-"))
	}

	// 8. The keyboard alone: the first Tab reaches the way to decline at the top, the next the
	// list of the survey's parts, the next the first answer, with a visible focus ring; Space
	// chooses it and the arrow keys move the choice within the item.
	b.navigate(base+"/s/"+otherPeer, http.StatusOK)
	b.do("pressing Tab", chromedp.KeyEvent(kb.Tab))
	if decline := evaluate[string](b, `document.activeElement.textContent || ""`); !strings.Contains(decline, "Decline this survey") {
		t.Errorf("the first Tab focuses %q, want the decline button at the top", decline)
	}
	b.do("pressing Tab", chromedp.KeyEvent(kb.Tab))
	if parts := evaluate[string](b, `document.activeElement.textContent || ""`); !strings.Contains(parts, "parts of this survey") {
		t.Errorf("the second Tab focuses %q, want the list of the survey's parts", parts)
	}
	b.do("pressing Tab", chromedp.KeyEvent(kb.Tab))
	focus := evaluate[struct {
		Name, Value, Outline string
		Visible              bool
	}](b, `(() => {
		const e = document.activeElement, s = getComputedStyle(e);
		return {Name: e.name || "", Value: e.value || "", Visible: e.matches(":focus-visible"),
			Outline: s.outlineStyle + " " + s.outlineWidth + " " + s.outlineColor};
	})()`)
	if focus.Name != order[0] || focus.Value != "1" {
		t.Errorf("the third Tab focuses %s=%s, want the first answer of %s", focus.Name, focus.Value, order[0])
	}
	if !focus.Visible || strings.HasPrefix(focus.Outline, "none") || strings.Contains(focus.Outline, " 0px ") {
		t.Errorf("the focused answer shows no focus ring: :focus-visible=%v, outline %q", focus.Visible, focus.Outline)
	}
	b.screenshot("survey-keyboard.png", false)
	b.do("pressing Space", chromedp.KeyEvent(" "))
	b.expectChecked(map[string]string{order[0]: "1"})
	b.do("pressing the right arrow", chromedp.KeyEvent(kb.ArrowRight))
	b.expectChecked(map[string]string{order[0]: "2"})
	b.do("pressing Tab", chromedp.KeyEvent(kb.Tab))
	if name := evaluate[string](b, `document.activeElement.name || ""`); name != order[1] {
		t.Errorf("Tab from the first item moves to %q, want %q", name, order[1])
	}
	if got, want := b.text("#progress-text"), fmt.Sprintf("1 of %d", total); got != want {
		t.Errorf("progress after the keyboard answer = %q, want %q", got, want)
	}

	// 9. The list of parts leads to each part's heading, clear of the sticky progress bar.
	b.do("opening the list of parts", chromedp.Click(chromedp.CSS("details.parts summary")))
	b.do("jumping to part 3", chromedp.Click(chromedp.CSS(`details.parts a[href="#section-3"]`)))
	top := evaluate[float64](b, `document.getElementById("section-3").getBoundingClientRect().top`)
	bar := evaluate[float64](b, `document.querySelector(".progress").getBoundingClientRect().bottom`)
	if top < bar || top > 250 {
		t.Errorf("part 3's heading is at %v px after the jump, the progress bar ends at %v px", top, bar)
	}
	b.screenshot("survey-parts.png", false)

	b.expectQuietConsole()
	t.Logf("browser test took %s", time.Since(start).Round(time.Millisecond))
}

// newBrowserEnv is newEnv on a real listener: the browser needs an address, and the Server's
// BaseURL is that address, as it is in production (New hands it to the same-origin check).
func newBrowserEnv(t *testing.T) (*testEnv, string) {
	t.Helper()
	db := pgtest.New(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := &url.URL{Scheme: "http", Host: l.Addr().String()}
	logged := &lockedBuffer{}
	srv := &Server{Store: db.Store, Instruments: db.Instruments, BaseURL: base, Log: slog.New(slog.NewTextHandler(logged, nil))}
	e := New(srv)
	ts := &httptest.Server{Listener: l, Config: &http.Server{Handler: e}}
	ts.Start()
	t.Cleanup(ts.Close) // before the database is dropped: cleanups run last first
	env := &testEnv{t: t, e: e, store: db.Store, Tables: pgtest.Tables{T: t, DB: db.DB}, srv: srv, logged: logged}
	env.coach, env.token = env.account("coach@coaching.example.net", "Casey Coach", threesixty.RoleCoach)
	return env, ts.URL
}

// findChromium returns the browser that `make test` makes sure is installed.
func findChromium(t *testing.T) string {
	t.Helper()
	if fi, err := os.Stat("/usr/bin/chromium"); err == nil && !fi.IsDir() && fi.Mode()&0o111 != 0 {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("no Chromium found (looked for /usr/bin/chromium, chromium and chromium-browser on PATH): " +
		"run the tests with `make test`, which installs it, or `apt-get install chromium`")
	return ""
}

// browser is one headless Chromium tab, with the helpers the test reads as steps.
type browser struct {
	t       *testing.T
	ctx     context.Context
	output  *lockedBuffer // the browser's own stdout and stderr, shown when a step fails
	shots   string        // where screenshots go
	mu      sync.Mutex
	console []string // page errors: exceptions, console.error, CSP and other browser log entries
}

func startBrowser(t *testing.T, ctx context.Context) *browser {
	t.Helper()
	b := &browser{t: t, output: &lockedBuffer{}, shots: os.Getenv("SCREENSHOT_DIR")}
	if b.shots == "" {
		b.shots = t.TempDir()
	} else if err := os.MkdirAll(b.shots, 0o755); err != nil {
		t.Fatal(err)
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(findChromium(t)),
		chromedp.Headless,
		chromedp.NoSandbox, // the tests run as root
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.CombinedOutput(b.output),
	)
	tabCtx, cancelTab := chromedp.NewContext(allocCtx)
	// Cleanups run last first: the tab, then the browser process (waited for), then the
	// temporary profile directory that t.TempDir registered before.
	t.Cleanup(cancelAlloc)
	t.Cleanup(cancelTab)
	b.ctx = tabCtx
	b.do("starting Chromium")
	if err := chromedp.Listen(tabCtx, b.listen); err != nil {
		t.Fatalf("listening to the page: %v", err)
	}
	return b
}

// listen keeps what the page reports as wrong. It runs in the tab's event loop: no commands.
func (b *browser) listen(ev any) {
	var line string
	switch ev := ev.(type) {
	case *runtime.EventExceptionThrown:
		line = "exception: " + ev.ExceptionDetails.Text
		if ev.ExceptionDetails.Exception != nil {
			line += " " + ev.ExceptionDetails.Exception.Description
		}
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning {
			line = fmt.Sprintf("console.%s called", ev.Type)
		}
	case *log.EventEntryAdded:
		// A 422 or 410 page is logged as a failed load; those statuses are what the test wants.
		if ev.Entry.Source != log.EntrySourceNetwork && (ev.Entry.Level == log.EntryLevelWarning || ev.Entry.Level == log.EntryLevelError) {
			line = fmt.Sprintf("%s %s: %s", ev.Entry.Source, ev.Entry.Level, ev.Entry.Text)
		}
	}
	if line != "" {
		b.mu.Lock()
		b.console = append(b.console, line)
		b.mu.Unlock()
	}
}

func (b *browser) expectQuietConsole() {
	b.t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, line := range b.console {
		b.t.Errorf("the page reported: %s", line)
	}
}

// fatal stops the test with what the browser printed, which is where a crash shows.
func (b *browser) fatal(step string, err error) {
	b.t.Helper()
	if out := strings.TrimSpace(b.output.String()); out != "" {
		b.t.Logf("Chromium's output:\n%s", out)
	}
	b.t.Fatalf("%s: %v", step, err)
}

func (b *browser) do(step string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.fatal(step, err)
	}
}

func evaluate[T any](b *browser, js string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](js))
	if err != nil {
		b.fatal("evaluating "+js, err)
	}
	return v
}

// navigate opens url and checks the status of the page.
func (b *browser) navigate(url string, status int) {
	b.t.Helper()
	resp, err := chromedp.Run(b.ctx, chromedp.NavigateResponse(url))
	if err != nil {
		b.fatal("opening "+url, err)
	}
	if resp == nil || resp.Status != int64(status) {
		b.t.Fatalf("opening %s: response %+v, want status %d", url, resp, status)
	}
}

// submit clicks a form button, waits for the page that comes back and checks its status.
func (b *browser) submit(step, button string, status int) {
	b.t.Helper()
	resp, err := chromedp.RunResponse(b.ctx, chromedp.Click(chromedp.CSS(button)))
	if err != nil {
		b.fatal(step, err)
	}
	if resp == nil || resp.Status != int64(status) {
		b.t.Fatalf("%s: response %+v, want status %d", step, resp, status)
	}
}

func (b *browser) text(css string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(css)))
	if err != nil {
		b.fatal("reading "+css, err)
	}
	return strings.TrimSpace(s)
}

func (b *browser) value(id string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Value(chromedp.ID(id)))
	if err != nil {
		b.fatal("reading the value of #"+id, err)
	}
	return s
}

func (b *browser) location() string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Location())
	if err != nil {
		b.fatal("reading the location", err)
	}
	return s
}

// choose clicks the label of one answer, as a person taps it, and checks that it took.
func (b *browser) choose(item, value string) {
	b.t.Helper()
	label := fmt.Sprintf(`.choices label:has(> input[type=radio][name=%q][value=%q])`, item, value)
	b.do("choosing "+value+" for "+item, chromedp.Click(chromedp.CSS(label)))
	b.expectChecked(map[string]string{item: value})
}

// expectChecked checks the chosen answer of each item.
func (b *browser) expectChecked(want map[string]string) {
	b.t.Helper()
	for item, value := range want {
		got := evaluate[string](b, fmt.Sprintf(`(document.querySelector('input[name=%q]:checked') || {value: ""}).value`, item))
		if got != value {
			b.t.Errorf("item %s has %q checked, want %q", item, got, value)
		}
	}
}

// screenshot saves the whole page, or only what is on the screen, as a PNG in $SCREENSHOT_DIR
// (or a temporary directory) for a person to look at.
func (b *browser) screenshot(name string, wholePage bool) {
	b.t.Helper()
	shot := chromedp.CaptureScreenshot()
	if wholePage {
		shot = chromedp.FullScreenshot(100) // 100 means PNG
	}
	png, err := chromedp.Run(b.ctx, shot)
	if err != nil {
		b.fatal("taking the screenshot "+name, err)
	}
	path := filepath.Join(b.shots, name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot: %s", path)
}

// TestLeaderPageInBrowser: the leader opens their link on a phone, proposes a rater, adds a
// check-in and sees a mistake shown beside its field; axe-core finds nothing serious on any of it.
func TestLeaderPageInBrowser(t *testing.T) {
	env, base := newBrowserEnv(t)
	engagement := env.engagement(3, false)
	expectStatus(t, env.api("PATCH", "/api/v1/engagements/"+engagement, map[string]any{"nomination_allowed": true}), http.StatusOK)
	expectStatus(t, env.api("POST", "/api/v1/engagements/"+engagement+"/goals", map[string]any{
		"title": "Delegate decisions", "competencies": []string{"communication"},
		"key_results": []map[string]string{{"text": "Leads run the weekly prioritisation", "measure": "meetings led", "target": "8 of 8"}},
	}), http.StatusCreated)
	env.openRound(engagement)
	link := base + env.leaderLink(engagement)

	ctx, cancel := context.WithTimeout(context.Background(), browserTimeout)
	t.Cleanup(cancel)
	b := startBrowser(t, ctx)
	b.do("setting a mobile viewport", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulatePortrait))
	b.navigate(link, http.StatusOK)
	if h1 := b.text("h1"); h1 != "Your coaching page" {
		t.Errorf("heading = %q", h1)
	}
	b.screenshot("leader-mobile.png", true)
	b.accessible("leader-mobile")

	nominate := func(name, email string, status int) {
		b.t.Helper()
		b.do("typing the nominee", chromedp.SetValue(chromedp.ID("nominee-name"), name), chromedp.SetValue(chromedp.ID("nominee-email"), email))
		b.do("choosing peer", chromedp.Click(chromedp.CSS(`form:has(input[value=nominate]) .choices label:has(> input[value=peer])`)))
		b.submit("proposing "+email, `form:has(input[value=nominate]) button[type=submit]`, status)
	}
	nominate("Alex Again", "alex@example.com", http.StatusUnprocessableEntity)
	if msg := b.text("#nominee-email-error"); !strings.Contains(msg, "leader's address") {
		t.Errorf("the error beside the address says %q", msg)
	}
	b.screenshot("leader-problems.png", true)
	b.accessible("leader-problems")
	b.navigate(link, http.StatusOK)
	nominate("Nia New", "nia@example.com", http.StatusOK)
	if body := b.text("main"); !strings.Contains(body, "Your proposal was sent to your coach") || !strings.Contains(body, "Waiting for your coach") {
		t.Errorf("after the proposal the page says %q", body)
	}

	b.do("choosing a check-in status", chromedp.Click(chromedp.CSS(`form.check-in .choices label:has(> input[value=at_risk])`)))
	b.do("typing a note", chromedp.SendKeys(chromedp.CSS(`form.check-in textarea`), "Two of three meetings led by the team."))
	b.submit("adding a check-in", `form.check-in button[type=submit]`, http.StatusOK)
	if body := b.text("main"); !strings.Contains(body, "Your check-in was recorded.") || !strings.Contains(body, "Two of three meetings led by the team.") {
		t.Errorf("after the check-in the page says %q", body)
	}
	if loc := b.location(); strings.Contains(loc, "/s/") {
		t.Errorf("the page moved to %s", loc)
	}
	b.screenshot("leader-done.png", true)
	b.accessible("leader-done")
	b.do("setting a desktop viewport", chromedp.EmulateViewport(1280, 900))
	b.navigate(link, http.StatusOK)
	b.accessible("leader-desktop")

	// The self-assessment, from the leader's page, to the end.
	b.do("setting a mobile viewport", chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile, chromedp.EmulatePortrait))
	b.press("Start your self-assessment", http.StatusOK)
	if loc := b.location(); !strings.Contains(loc, "/s/") {
		t.Fatalf("the self-assessment opens %s", loc)
	}
	in := env.srv.Instruments["leadership-360"]
	for _, item := range in.Items {
		b.do("choosing for "+item.ID, chromedp.Click(chromedp.CSS(fmt.Sprintf(`.choices label:has(> input[type=radio][name=%q][value="4"])`, item.ID))))
	}
	b.submit("sending the self-assessment", "button.primary", http.StatusOK)
	if h1 := b.text("h1"); h1 != "Thank you" {
		t.Errorf("after the self-assessment the heading is %q", h1)
	}
	if held, _ := env.OpenRoundAnswers(); held != 1 {
		t.Errorf("%d held responses after the self-assessment, want 1", held)
	}
	b.navigate(link, http.StatusOK)
	if body := b.text("main"); !strings.Contains(body, "self-assessment") {
		t.Errorf("the leader's page after the self-assessment says %q", body)
	}
	b.screenshot("leader-after-self.png", true)
	b.accessible("leader-after-self")
	b.expectQuietConsole()
}
