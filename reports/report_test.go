package reports

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"threesixty/internal/results"
)

var scripts = []string{"Zoë Łukasiewicz", "Nguyễn Thị Minh Khai", "Søren Ørsted", "José Núñez", "Αλέξανδρος"}

// sectionHeadings are the headings every baseline report has, in their order.
func sectionHeadings(b Baseline) []string {
	h := []string{"How to read this report", "Summary of competencies", "What stands out", "Blind spots",
		"Hidden strengths", "Highest rated items", "Lowest rated items", "Where raters disagree"}
	for _, c := range b.Results.Competencies {
		h = append(h, c.Title)
	}
	h = append(h, "Comments")
	for _, q := range b.Instrument.Questions {
		h = append(h, q.Others)
	}
	return append(h, "From feedback to goals", "Suggested focus areas")
}

func TestSectionsComeInOrder(t *testing.T) {
	b := testBaseline("Zoë Łukasiewicz")
	text := squash(render(t, b, Options{}).text(t))
	at := 0
	for _, h := range append(sectionHeadings(b), "Goal worksheet") {
		i := strings.Index(text[at:], h)
		if i < 0 {
			t.Fatalf("heading %q is missing, or out of order", h)
		}
		at += i + len(h)
	}
}

func TestLeaderNameShowsInEveryScriptOnCoverAndFooter(t *testing.T) {
	for _, name := range scripts {
		t.Run(name, func(t *testing.T) {
			pages := render(t, testBaseline(name), Options{}).pages(t)
			if !strings.Contains(squash(pages[0]), "Prepared for "+name) {
				t.Errorf("the cover does not name %q:\n%s", name, pages[0])
			}
			for i, p := range pages {
				if !strings.Contains(squash(p), "Confidential: prepared for "+name) {
					t.Errorf("page %d has no footer for %q", i+1, name)
				}
				if want := "Page " + itoa(i+1) + " of " + itoa(len(pages)); !strings.Contains(p, want) {
					t.Errorf("page %d does not say %q", i+1, want)
				}
			}
		})
	}
}

func TestEveryPublishedNumberIsShownAsPublished(t *testing.T) {
	b := testBaseline("José Núñez")
	text := render(t, b, Options{}).text(t)
	for _, it := range b.Results.Items {
		for _, s := range it.Scores {
			if !strings.Contains(text, mean(s.Mean)) {
				t.Errorf("item %s, %s: mean %s is not shown", it.ID, s.Group, mean(s.Mean))
			}
		}
	}
	for _, c := range b.Results.Competencies {
		for _, s := range c.Scores {
			if !strings.Contains(text, mean(s.Mean)) {
				t.Errorf("competency %s, %s: mean %s is not shown", c.ID, s.Group, mean(s.Mean))
			}
		}
	}
	notes := 0
	for _, c := range b.Results.Competencies {
		for _, s := range c.Scores {
			if s.Items < c.Items {
				notes++
				if want := "based on " + itoa(s.Items) + " of " + itoa(c.Items) + " items"; !strings.Contains(text, want) {
					t.Errorf("competency %s, %s: %q is not said", c.ID, s.Group, want)
				}
			}
		}
	}
	if notes == 0 {
		t.Error("the fixture has no competency score that covers fewer than all items")
	}
	for _, in := range b.Results.Insights.Disagreement {
		if !strings.Contains(text, mean(*in.SD)) {
			t.Errorf("the spread %s of %s is not shown", mean(*in.SD), in.Item)
		}
	}
	for _, in := range b.Results.Insights.BlindSpots {
		if !strings.Contains(text, signed(*in.Gap)) {
			t.Errorf("the gap %s of %s is not shown", signed(*in.Gap), in.Item)
		}
	}
}

// TestWhatIsNotPublishedNeverShows gives the report a score and a comment under a group the
// release does not publish, as a left-out group would have: neither may appear.
func TestWhatIsNotPublishedNeverShows(t *testing.T) {
	b := testBaseline("Søren Ørsted")
	res := *b.Results
	res.Items = append([]results.ItemResult(nil), res.Items...)
	item := res.Items[0]
	item.Scores = append(append([]results.Score(nil), item.Scores...), results.Score{Group: "other", N: 2, Mean: 1.37})
	res.Items[0] = item
	res.Comments = append(append([]results.Comment(nil), res.Comments...), results.Comment{Question: "keep-doing", Group: "other", Text: "Withheld remark from a left-out group."})
	b.Results = &res
	text := render(t, b, Options{}).text(t)
	for _, hidden := range []string{"1.37", "Withheld remark"} {
		if strings.Contains(text, hidden) {
			t.Errorf("%q is not in the published results but shows in the report", hidden)
		}
	}
}

func TestTextTheFontCannotDrawBecomesANotice(t *testing.T) {
	b := testBaseline("张伟")
	res := *b.Results
	res.Comments = append([]results.Comment{
		{Question: "keep-doing", Group: "peer", Text: "شكرا جزيلا على القيادة الرائعة"},
		{Question: "keep-doing", Group: "peer", Text: "素晴らしいリーダーです 👍"},
	}, res.Comments...)
	b.Results = &res
	r := render(t, b, Options{})
	text := squash(r.text(t))
	if !strings.Contains(text, "Prepared for "+unshowable) || !strings.Contains(text, "Confidential: prepared for "+unshowable) {
		t.Error("the leader's name in Chinese does not come out as the notice")
	}
	if strings.Count(text, unshowable) < 3 {
		t.Errorf("the Arabic and Japanese comments do not come out as the notice")
	}
	for _, s := range []string{"张", "شكرا", "素"} {
		if strings.Contains(text, s) {
			t.Errorf("%q reached the page", s)
		}
	}
	checkLayout(t, r, A4)
}

func TestPageSizes(t *testing.T) {
	for _, c := range []struct {
		size PageSize
		want string
	}{{"", "595.28 x 841.89 pts (A4)"}, {A4, "595.28 x 841.89 pts (A4)"}, {Letter, "612 x 792 pts (letter)"}} {
		info := poppler(t, "pdfinfo", render(t, testBaseline("Zoë Łukasiewicz"), Options{PageSize: c.size}).path)
		if !strings.Contains(info, c.want) {
			t.Errorf("page size %q: pdfinfo says\n%s", c.size, info)
		}
	}
}

func TestMetadataNamesLeaderAndCoachOnly(t *testing.T) {
	info := poppler(t, "pdfinfo", render(t, testBaseline("Nguyễn Thị Minh Khai"), Options{}).path)
	for _, want := range []string{"Title:           360-degree feedback: baseline report for Nguyễn Thị Minh Khai",
		"Author:          Ruth Okafor", "Subject:         Baseline 360-degree feedback, 15 September 2026",
		"CreationDate:    Wed Sep 16 10:00:00 2026 UTC"} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
}

func TestTheSameReleaseGivesTheSameFile(t *testing.T) {
	b := testBaseline("Zoë Łukasiewicz")
	first, second := render(t, b, Options{}), render(t, b, Options{})
	if !bytes.Equal(first.pdf, second.pdf) {
		t.Error("two renderings of one release differ")
	}
}

func TestLayoutStaysInsideThePage(t *testing.T) {
	for _, size := range []PageSize{A4, Letter} {
		t.Run(string(size), func(t *testing.T) {
			checkLayout(t, render(t, testBaseline("Zoë Łukasiewicz"), Options{PageSize: size}), size)
		})
	}
}

func TestRefusesAnIncompleteBaseline(t *testing.T) {
	if err := RenderBaseline(new(strings.Builder), Baseline{Leader: "X"}, Options{}); err == nil {
		t.Error("a baseline without results rendered")
	}
	if err := RenderBaseline(new(strings.Builder), testBaseline("X"), Options{PageSize: "a3"}); err == nil {
		t.Error("an unknown page size rendered")
	}
}

func itoa(n int) string { return mean(float64(n))[:len(mean(float64(n)))-3] }

func TestDatesShowInTheChosenZone(t *testing.T) {
	b := testBaseline("Zoë Łukasiewicz")
	b.Closed = time.Date(2026, 9, 15, 23, 30, 0, 0, time.UTC)
	text := squash(render(t, b, Options{Location: time.FixedZone("UTC+9", 9*3600)}).text(t))
	if !strings.Contains(text, "1 September 2026 to 16 September 2026") {
		t.Errorf("the round's close is not shown on its local day:\n%.600s", text)
	}
}

// TestTextIsQuotedAsWrittenWhateverItHolds: gofpdf's page-count alias "{nb}" in a comment or a
// name was replaced by the number of pages; comments are quoted verbatim, so it is not, and the
// rune the footer uses for the total can reach the page only through the footer.
func TestTextIsQuotedAsWrittenWhateverItHolds(t *testing.T) {
	b := testBaseline("Leader {nb} Name")
	res := *b.Results
	res.Comments = append([]results.Comment{
		{Question: "keep-doing", Group: "peer", Text: "Marker {nb} end"},
		{Question: "keep-doing", Group: "peer", Text: "Alias " + pageCountAlias + " here"},
	}, res.Comments...)
	b.Results = &res
	r := render(t, b, Options{})
	text := squash(r.text(t))
	for _, want := range []string{"Marker {nb} end", "Leader {nb} Name", "Alias " + unshowable + " here"} {
		if !strings.Contains(text, want) {
			t.Errorf("the report lacks %q as written", want)
		}
	}
	if showable(pageCountAlias) == pageCountAlias {
		t.Error("showable lets the page-count alias through")
	}
}
