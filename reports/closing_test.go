package reports

import (
	"bytes"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"threesixty/internal/results"
	"threesixty/internal/threesixty"
)

func TestClosingSectionsComeInOrder(t *testing.T) {
	c := testClosing("Zoë Łukasiewicz")
	text := squash(renderClosing(t, c, Options{}).text(t))
	at := 0
	for _, h := range []string{"Closing report", "Prepared for Zoë Łukasiewicz", "What changed", "Goal 1: Share the reasoning behind decisions",
		"Change in its competencies", "Midpoint pulse", "Check-ins", "Goal 2: Let the team own the quarterly plan",
		"Items that moved most", "Risen most", "Fallen most", "Comments from the closing round", "Coaching sessions",
		"Forward development plan", "Prompts", "Your plan", "What to keep doing", "Next development goals"} {
		i := strings.Index(text[at:], h)
		if i < 0 {
			t.Fatalf("%q is missing, or out of order", h)
		}
		at += i + len(h)
	}
}

// row finds a line of the laid-out text holding the words in order, apart only by spaces.
func row(text string, words ...string) bool {
	parts := make([]string, len(words))
	for i, w := range words {
		parts[i] = regexp.QuoteMeta(w)
	}
	return regexp.MustCompile(`(?m)` + strings.Join(parts, ` +`) + `( |$)`).MatchString(text)
}

func TestEveryChangeIsShownAsCompared(t *testing.T) {
	c := testClosing("José Núñez")
	r := renderClosing(t, c, Options{})
	text := r.text(t)
	labels := map[string]string{}
	for _, g := range c.Results.Groups {
		labels[g.Key] = g.Label
	}
	meaningful := 0
	for _, cc := range c.Comparison.Competencies {
		for _, ch := range cc.Changes {
			words := []string{labels[ch.Group], mean(ch.Baseline.Mean), mean(ch.Closing.Mean), signed(ch.Change)}
			if ch.Meaningful {
				meaningful++
				words = append(words, "meaningful")
			}
			if !row(text, words...) {
				t.Errorf("competency %s, %s: no row reads %q", cc.ID, ch.Group, words)
			}
		}
	}
	// The items that moved most: the largest rises and falls of All others, meaningful ones marked.
	var all []results.Change
	for _, it := range c.Comparison.Items {
		for _, ch := range it.Changes {
			if ch.Group == results.KeyAllOthers {
				all = append(all, ch)
			}
		}
	}
	rising, falling := 0, 0
	for _, ch := range all {
		above, below := 0, 0
		for _, o := range all {
			if o.Change > ch.Change {
				above++
			}
			if o.Change < ch.Change {
				below++
			}
		}
		top := ch.Change > 0 && above < movedSize || ch.Change < 0 && below < movedSize
		if !top {
			continue
		}
		if ch.Change > 0 {
			rising++
		} else {
			falling++
		}
		words := []string{mean(ch.Baseline.Mean), mean(ch.Closing.Mean), signed(ch.Change)}
		if ch.Meaningful {
			words = append(words, "meaningful")
		}
		if !row(text, words...) {
			t.Errorf("an item that moved %s is not listed as %q", signed(ch.Change), words)
		}
	}
	if rising == 0 || falling == 0 || meaningful == 0 {
		t.Errorf("the fixture moves items both ways with meaningful changes: %d rising, %d falling, %d meaningful competencies", rising, falling, meaningful)
	}
	squashed := squash(text)
	for _, want := range []string{
		// respondents per group in both rounds
		"Self 1 1", "Superiors and others 4 4", "Peers 5 5", "Direct reports 5 5", "All others 14 14",
		"Engagement 20 August 2026 to 28 February 2027 (planned)", "Baseline round 1 September 2026 to 15 September 2026",
		"Closing round 1 February 2027 to 14 February 2027", "Report created 20 February 2027",
		// the pulse, shown around its zero: 6 reads +2.00, 5.33 reads +1.33, 3 reads -1.00, 3.60 reads -0.40
		"Self +2.00 (1 rater) All others +1.33 (6 raters)", "Self -1.00 (1 rater) All others -0.40 (5 raters)",
		"On 30 November 2026, the midpoint pulse",
		// check-ins
		"20 October 2026 On track Wrote the first three decision notes", "1 December 2026 At risk The reorganisation",
		"12 January 2027 Done Team leads presented the Q1 plan.",
		// sessions: 90+60+60+45+60 minutes
		"5 sessions held, 5 hours 15 minutes in total, from 22 September 2026 to 12 January 2027",
		"1 22 September 2026 1 hour 30 minutes", "4 15 December 2026 45 minutes",
		"A change is marked meaningful when it is at least 0.50 points and at least twice what chance alone would move it",
	} {
		if !strings.Contains(squashed, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	low, least := newClosingView(c, Options{}).planPrompts()
	for _, p := range append(low, least...) {
		if !strings.Contains(squashed, p) {
			t.Errorf("the plan's prompt %q is not shown", p)
		}
	}
	if len(low) != 3 || len(least) != 3 {
		t.Errorf("the plan prompts %d lowest and %d least improved competencies, not 3 and 3", len(low), len(least))
	}
	for _, comment := range c.Results.Comments {
		if first := strings.Fields(comment.Text); !strings.Contains(squashed, strings.Join(first[:min(6, len(first))], " ")) {
			t.Errorf("the comment %.40q is not shown", comment.Text)
		}
	}
}

// TestGroupsNotComparedAreNamed publishes peers alone at the baseline and merged with others at
// the closing round: their change is said not to be shown, and no number pairs them.
func TestGroupsNotComparedAreNamed(t *testing.T) {
	c := testClosing("Søren Ørsted")
	rel := realisticRelease()
	rel.seed = 7
	rel.groups = []results.PublishedGroup{
		{Key: "self", Label: "Self", Members: []threesixty.RaterGroup{"self"}, Respondents: 1},
		{Key: "superior", Label: "Superiors", Members: []threesixty.RaterGroup{"superior"}, Respondents: 3},
		{Key: "peer+other", Label: "Peers and others", Members: []threesixty.RaterGroup{"peer", "other"}, Respondents: 6},
		{Key: "direct_report", Label: "Direct reports", Members: []threesixty.RaterGroup{"direct_report"}, Respondents: 5},
		{Key: "all_others", Label: "All others", Members: []threesixty.RaterGroup{"superior", "peer", "direct_report", "other"}, Respondents: 14},
	}
	baseline := realisticRelease().build(c.Instrument)
	c.Results = rel.build(c.Instrument)
	c.Closing.Groups = c.Results.Groups
	c.Comparison = results.Compare("b", baseline, "c", c.Results)
	r := renderClosing(t, c, Options{})
	text := squash(r.text(t))
	for _, want := range []string{
		"Superiors were grouped differently in the two rounds (at the baseline: Superiors and others), so their change is not shown.",
		"Peers and others were grouped differently in the two rounds (at the baseline: Superiors and others, Peers), so their change is not shown.",
		"Peers 5 -", "Superiors and others 4 -", "Superiors - 3", "Peers and others - 6",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q", want)
		}
	}
	checkLayout(t, r, A4)
}

func TestNoComparableGroupSaysSo(t *testing.T) {
	c := testClosing("Αλέξανδρος")
	c.Comparison = &results.Comparison{}
	c.Pulse, c.Sessions = nil, nil
	for i := range c.Goals {
		c.Goals[i].CheckIns = nil
	}
	for _, size := range []PageSize{A4, Letter} {
		r := renderClosing(t, c, Options{PageSize: size})
		text := squash(r.text(t))
		for _, want := range []string{
			"No change can be shown: no group was shown in both rounds, made up of the same rater groups, on enough of the same items.",
			"Self were shown in both rounds, but on too few of the same items for a change to be shown.",
			"All others were not compared between the two rounds",
			"There was no midpoint pulse in this engagement.", "No check-ins were recorded for this goal.",
			"No coaching sessions were recorded for this engagement.",
			"No change to show for Strategic thinking and decisions, Communication: no group was compared on it.",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("%s: the report lacks %q", size, want)
			}
		}
		checkLayout(t, r, size)
	}
}

// TestLongGoalsAndManyGroupsStayOnThePage gives every rater group its own row, goals with long
// texts and many check-ins, and long item texts, at both paper sizes.
func TestLongGoalsAndManyGroupsStayOnThePage(t *testing.T) {
	c := testClosing("Nguyễn Thị Minh Khai")
	long := func(ci, i int) string {
		return "Item " + itoa(ci+1) + "." + itoa(i+1) + ": " + strings.Repeat("Takes the time to explain to every stakeholder, internal and external, ", 2+i%3) + "and checks their understanding."
	}
	c.Instrument = testInstrument(5, long)
	allGroups := []results.PublishedGroup{
		{Key: "self", Label: "Self", Members: []threesixty.RaterGroup{"self"}, Respondents: 1},
		{Key: "superior", Label: "Superiors", Members: []threesixty.RaterGroup{"superior"}, Respondents: 3},
		{Key: "peer", Label: "Peers", Members: []threesixty.RaterGroup{"peer"}, Respondents: 6},
		{Key: "direct_report", Label: "Direct reports", Members: []threesixty.RaterGroup{"direct_report"}, Respondents: 9},
		{Key: "other", Label: "Others, such as clients and partners from outside the organisation", Members: []threesixty.RaterGroup{"other"}, Respondents: 5},
		{Key: "all_others", Label: "All others", Members: []threesixty.RaterGroup{"superior", "peer", "direct_report", "other"}, Respondents: 23},
	}
	before := release{groups: allGroups, comments: 20}.build(c.Instrument)
	c.Results = release{groups: allGroups, comments: 40, seed: 3}.build(c.Instrument)
	c.Baseline.Groups, c.Closing.Groups = before.Groups, c.Results.Groups
	c.Comparison = results.Compare("b", before, "c", c.Results)
	c.Goals[0].Title = strings.Repeat("Share the reasoning behind every major decision with the whole department ", 2)
	c.Goals[0].Description = strings.Repeat("Explain the why before the what, in every team meeting, and write it down so that people who missed it can read it. ", 8)
	c.Goals[0].Competencies = []string{"strategic", "communication", "collaboration", "leading"}
	for i := range 14 {
		c.Goals[0].CheckIns = append(c.Goals[0].CheckIns, CheckIn{At: time.Date(2026, 10, 1+i, 9, 0, 0, 0, time.UTC), Status: "Off track",
			Note: strings.Repeat("A long note on what happened and what comes next. ", 1+i%5)})
	}
	for _, size := range []PageSize{A4, Letter} {
		r := renderClosing(t, c, Options{PageSize: size})
		checkLayout(t, r, size)
		text := squash(r.text(t))
		if !strings.Contains(text, "Others, such as clients") {
			t.Errorf("%s: the many groups' last group is not shown", size)
		}
	}
}

// TestSessionsCarryNoNotes: what was said in a coaching session never reaches a report, so the
// report's input has nowhere to put it.
func TestSessionsCarryNoNotes(t *testing.T) {
	st := reflect.TypeOf(Session{})
	for i := range st.NumField() {
		if f := st.Field(i); f.Type.Kind() == reflect.String || f.Type.Kind() == reflect.Slice {
			t.Errorf("a session carries %s %s: sessions are dates and minutes only", f.Name, f.Type)
		}
	}
}

func TestClosingMetadataAndReproducibility(t *testing.T) {
	c := testClosing("Zoë Łukasiewicz")
	r := renderClosing(t, c, Options{PageSize: Letter})
	info := poppler(t, "pdfinfo", r.path)
	for _, want := range []string{"Title:           360-degree feedback: closing report for Zoë Łukasiewicz",
		"Author:          Ruth Okafor", "Subject:         Closing 360-degree feedback, 14 February 2027", "612 x 792 pts (letter)"} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
	if again := renderClosing(t, c, Options{PageSize: Letter}); !bytes.Equal(r.pdf, again.pdf) {
		t.Error("two renderings of one closing report differ")
	}
	pages := r.pages(t)
	for i, p := range pages {
		if want := "Page " + itoa(i+1) + " of " + itoa(len(pages)); !strings.Contains(p, want) || !strings.Contains(squash(p), "Confidential: prepared for Zoë Łukasiewicz") {
			t.Errorf("page %d lacks its footer", i+1)
		}
	}
	checkLayout(t, r, Letter)
	checkLayout(t, renderClosing(t, c, Options{PageSize: A4}), A4)
}

func TestRefusesAnIncompleteClosing(t *testing.T) {
	c := testClosing("X")
	for name, broken := range map[string]func(*Closing){
		"no results":    func(c *Closing) { c.Results = nil },
		"no comparison": func(c *Closing) { c.Comparison = nil },
		"no instrument": func(c *Closing) { c.Instrument = nil },
		"empty pulse":   func(c *Closing) { c.Pulse = &Pulse{} },
	} {
		cc := c
		broken(&cc)
		if err := RenderClosing(new(bytes.Buffer), cc, Options{}); err == nil {
			t.Errorf("%s: rendered", name)
		}
	}
	if err := RenderClosing(new(bytes.Buffer), c, Options{PageSize: "a3"}); err == nil {
		t.Error("an unknown page size rendered")
	}
}
