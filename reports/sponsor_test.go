package reports

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"threesixty/internal/results"
	"threesixty/internal/threesixty"
)

// sponsorSources is an engagement at its end: three goals on four competencies (one twice), a
// comparison in which Communication improved, Collaboration declined, Strategic thinking held
// steady and Leading change was not compared.
func sponsorSources(scope threesixty.ConsentScope) SponsorSources {
	b := testBaseline("Zoë Łukasiewicz")
	sessions := 8
	change := func(group string, delta float64, meaningful bool) results.Change {
		return results.Change{Group: group, Baseline: results.Side{N: 14, Mean: 3.1}, Closing: results.Side{N: 13, Mean: 3.1 + delta}, Change: delta, Meaningful: meaningful}
	}
	cmp := &results.Comparison{Competencies: []results.CompetencyChanges{
		{ID: "communication", Title: "Communication", Changes: []results.Change{change("self", 1, true), change("all_others", 0.74, true), change("peer", -0.6, true)}},
		{ID: "collaboration", Title: "Collaboration", Changes: []results.Change{change("all_others", -0.62, true)}},
		{ID: "strategic", Title: "Strategic thinking and decisions", Changes: []results.Change{change("all_others", 0.3, false)}},
		{ID: "leading", Title: "Leading change", Changes: []results.Change{change("self", 2, true)}},
	}}
	return SponsorSources{
		Leader: "Zoë Łukasiewicz", Coach: "Ruth Okafor", Sponsor: "Dana Whitfield",
		Consent: threesixty.SponsorConsent{Decision: threesixty.ConsentGiven, Scope: scope, At: time.Date(2027, 2, 20, 9, 0, 0, 0, time.UTC)},
		Started: time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC), Ended: time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC),
		Sessions: &sessions, Instrument: b.Instrument, Baseline: b.Results, Comparison: cmp,
		Goals: []threesixty.Goal{
			{Title: "Say the why before the what", Description: "Secret description: the board meeting went badly.",
				Competencies: []string{"communication", "strategic"},
				KeyResults:   []threesixty.KeyResult{{Text: "Hidden key result about monthly notes", Measure: "pulse", Target: "four of five"}},
				CheckIns:     []threesixty.CheckIn{{Status: threesixty.CheckInAtRisk, Note: "Private check-in note"}, {Status: threesixty.CheckInOnTrack, Note: "Later private note"}}},
			{Title: "Work across the silos", Competencies: []string{"collaboration", "communication"}},
			{Title: "Lead the reorganisation", Competencies: []string{"leading"}},
		},
	}
}

func renderSponsor(t *testing.T, s SponsorSummary) rendered {
	t.Helper()
	var buf bytes.Buffer
	if err := RenderSponsorSummary(&buf, s, Options{Created: fixedCreated}); err != nil {
		t.Fatalf("RenderSponsorSummary: %v", err)
	}
	path := filepath.Join(t.TempDir(), "sponsor.pdf")
	if dir := os.Getenv("REPORTS_SAMPLES"); dir != "" {
		path = filepath.Join(dir, strings.ReplaceAll(t.Name(), "/", "_")+".pdf")
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return rendered{path: path, pdf: buf.Bytes()}
}

// numbersAllowed are the numbers a sponsor summary may print: dates, the count of sessions, and
// its own page numbers.
var numbersAllowed = regexp.MustCompile(`\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b|Coaching sessions +\d+|Page \d+ of \d+`)

// TestTheSponsorSummaryShowsExactlyWhatTheScopeAllows reads every scope's summary back: the
// facts and each theme's direction always; goals and the feedback's themes only where the scope
// shows them; never an item, a comment, a group, a goal's description, key result or check-in
// note, nor any number but dates and the session count.
func TestTheSponsorSummaryShowsExactlyWhatTheScopeAllows(t *testing.T) {
	for _, scope := range threesixty.ConsentScopes {
		t.Run(string(scope), func(t *testing.T) {
			src := sponsorSources(scope)
			r := renderSponsor(t, NewSponsorSummary(src))
			pages := r.pages(t)
			if len(pages) > 2 {
				t.Errorf("%d pages, want one or two", len(pages))
			}
			text := squash(r.text(t))
			must := []string{"Sponsor summary", "Prepared for Dana Whitfield", "Zoë Łukasiewicz", "Ruth Okafor",
				"1 September 2026 to 1 March 2027", "Coaching sessions 8", "agreed on 20 February 2027",
				"Communication Improved", "Collaboration Declined", "Strategic thinking and decisions Held steady", "Leading change Not measured"}
			goals := []string{"Say the why before the what", "Latest check-in: On track", "Work across the silos", "No check-in yet", "Lead the reorganisation"}
			high, low := FeedbackThemes(src.Baseline)
			if len(high) == 0 || len(low) == 0 {
				t.Fatal("the fixture's baseline has no highest and lowest competency")
			}
			themes := []string{"Rated highest by colleagues: " + strings.Join(high, ", "), "Rated lowest by colleagues: " + strings.Join(low, ", ")}
			mustNot := []string{"Secret description", "Hidden key result", "four of five", "Private check-in note", "Later private note", "At risk",
				"Peers", "Direct reports", "Superiors and others", "All others", "Self"}
			if scope.ShowsGoals() {
				must = append(must, goals...)
			} else {
				mustNot = append(mustNot, goals...)
			}
			if scope.ShowsFeedbackThemes() {
				must = append(must, themes...)
			} else {
				mustNot = append(mustNot, "Rated highest", "Rated lowest")
			}
			for _, it := range src.Baseline.Items {
				mustNot = append(mustNot, it.Text)
			}
			for _, c := range src.Baseline.Comments {
				mustNot = append(mustNot, squash(c.Text)[:min(40, len(squash(c.Text)))])
			}
			for _, w := range must {
				if !strings.Contains(text, w) {
					t.Errorf("the summary does not say %q:\n%s", w, text)
				}
			}
			for _, w := range mustNot {
				if strings.Contains(text, w) {
					t.Errorf("the summary says %q", w)
				}
			}
			if rest := numbersAllowed.ReplaceAllString(text, ""); regexp.MustCompile(`\d`).MatchString(rest) {
				t.Errorf("a number beyond dates and the session count: %q", regexp.MustCompile(`\S*\d\S*`).FindAllString(rest, -1))
			}
		})
	}
}

// TestALongSummaryStaysWithinTwoPages: five goals with long titles on every competency of the
// instrument, the widest scope, still fit two pages, each with its footer.
func TestALongSummaryStaysWithinTwoPages(t *testing.T) {
	src := sponsorSources(threesixty.ConsentThemesAndProgress)
	src.Goals = nil
	for i := range threesixty.MaxGoals {
		g := threesixty.Goal{Title: strings.Repeat("Bring the whole leadership team along on the hardest decisions of the year ", 2)}
		for _, c := range src.Instrument.Competencies[i%3:] {
			g.Competencies = append(g.Competencies, c.ID)
		}
		src.Goals = append(src.Goals, g)
	}
	src.Sessions = nil
	src.Ended = time.Time{}
	pages := renderSponsor(t, NewSponsorSummary(src)).pages(t)
	if len(pages) > 2 {
		t.Fatalf("%d pages, want at most two", len(pages))
	}
	for i, p := range pages {
		if !strings.Contains(squash(p), "Confidential: prepared for Dana Whitfield") {
			t.Errorf("page %d has no footer", i+1)
		}
	}
	text := squash(strings.Join(pages, " "))
	for _, w := range []string{"From 1 September 2026, ongoing", "Coaching sessions Not recorded"} {
		if !strings.Contains(text, w) {
			t.Errorf("the summary does not say %q", w)
		}
	}
}

// TestNoSummaryWithoutConsent: the renderer refuses a summary whose consent is withdrawn, absent,
// or for an unknown scope.
func TestNoSummaryWithoutConsent(t *testing.T) {
	for _, c := range []threesixty.SponsorConsent{
		{},
		{Decision: threesixty.ConsentWithdrawn, Scope: threesixty.ConsentThemesAndProgress},
		{Decision: threesixty.ConsentGiven, Scope: "everything"},
	} {
		src := sponsorSources(threesixty.ConsentProgressByTheme)
		src.Consent = c
		if err := RenderSponsorSummary(&bytes.Buffer{}, NewSponsorSummary(src), Options{}); err == nil {
			t.Errorf("a summary was drawn for consent %+v", c)
		}
	}
}

// TestTheSummaryKeepsWhatTheScopeDoesNot: NewSponsorSummary fills goals and the feedback's themes
// only for the scopes that show them, and the renderer draws them only then even when filled.
func TestTheSummaryKeepsWhatTheScopeDoesNot(t *testing.T) {
	narrow := NewSponsorSummary(sponsorSources(threesixty.ConsentProgressByTheme))
	if narrow.Goals != nil || narrow.Highest != nil || narrow.Lowest != nil {
		t.Errorf("the narrowest scope holds goals %+v, themes %v / %v", narrow.Goals, narrow.Highest, narrow.Lowest)
	}
	if len(narrow.Themes) != 4 {
		t.Errorf("themes %+v, want each goal competency once", narrow.Themes)
	}
	wide := NewSponsorSummary(sponsorSources(threesixty.ConsentThemesAndProgress))
	wide.Consent.Scope = threesixty.ConsentProgressByTheme
	text := squash(renderSponsor(t, wide).text(t))
	for _, w := range []string{"Say the why", "Rated highest"} {
		if strings.Contains(text, w) {
			t.Errorf("the narrowest scope's summary says %q", w)
		}
	}
}

func TestFeedbackThemesNameTheTopAndBottomOfAllOthers(t *testing.T) {
	score := func(m float64) []results.CompetencyScore {
		return []results.CompetencyScore{{Group: "self", Mean: 5 - m}, {Group: "all_others", Mean: m}}
	}
	r := &results.Results{Competencies: []results.CompetencyResult{
		{Title: "A", Scores: score(3.2)}, {Title: "B", Scores: score(4.1)}, {Title: "C", Scores: score(2.5)},
		{Title: "D", Scores: score(4.1)}, {Title: "E", Scores: []results.CompetencyScore{{Group: "self", Mean: 1}}},
	}}
	high, low := FeedbackThemes(r)
	if strings.Join(high, ",") != "B,D" || strings.Join(low, ",") != "C" {
		t.Errorf("highest %v, lowest %v", high, low)
	}
	r.Competencies = r.Competencies[:1]
	if high, low := FeedbackThemes(r); high != nil || low != nil {
		t.Errorf("one competency: %v, %v", high, low)
	}
	if high, low := FeedbackThemes(nil); high != nil || low != nil {
		t.Errorf("no release: %v, %v", high, low)
	}
}
