package reports

import (
	"strconv"
	"strings"
	"testing"

	"threesixty/internal/results"
	"threesixty/internal/threesixty"
)

// TestWebChangesShowTheComparison: every change of the comparison is a row under its competency
// and group, rounded as the release rounded it, and marked meaningful exactly when it is.
func TestWebChangesShowTheComparison(t *testing.T) {
	c := testClosing("Alex Morgan")
	ch, err := WebChanges(c)
	if err != nil {
		t.Fatal(err)
	}
	if ch.Nothing != "" || ch.Rule != meaningfulRule() || !strings.Contains(ch.Intro, "from 1 to 5") {
		t.Errorf("the words: %+v", ch)
	}
	labels := map[string]string{}
	for _, g := range c.Results.Groups {
		labels[g.Key] = g.Label
	}
	rows := map[string]ChangeRow{}
	for _, cc := range ch.Competencies {
		for _, r := range cc.Rows {
			rows[cc.ID+" "+r.Group] = r
		}
	}
	shown := 0
	for _, cc := range c.Comparison.Competencies {
		for _, d := range cc.Changes {
			r, ok := rows[cc.ID+" "+labels[d.Group]]
			if !ok {
				t.Errorf("%s %s: no row", cc.ID, d.Group)
				continue
			}
			shown++
			want := ChangeRow{Group: labels[d.Group], Baseline: strconv.FormatFloat(d.Baseline.Mean, 'f', 2, 64), Closing: strconv.FormatFloat(d.Closing.Mean, 'f', 2, 64),
				BaselineN: d.Baseline.N, ClosingN: d.Closing.N, Change: signed(d.Change), Meaningful: d.Meaningful}
			if r != want {
				t.Errorf("%s %s: %+v, want %+v", cc.ID, d.Group, r, want)
			}
		}
	}
	if shown == 0 || ch.Groups[0] != "All others" || ch.Groups[len(ch.Groups)-1] != "Self" {
		t.Errorf("%d changes shown, groups %q: All others first and Self last", shown, ch.Groups)
	}
}

func TestWebChangesSayWhatIsNotCompared(t *testing.T) {
	c := testClosing("Alex Morgan")
	c.Comparison = &results.Comparison{}
	ch, err := WebChanges(c)
	if err != nil {
		t.Fatal(err)
	}
	if ch.Nothing != nothingCompared || len(ch.Competencies) != 0 || len(ch.NotCompared) != len(c.Results.Groups) {
		t.Errorf("with nothing compared: %+v", ch)
	}

	c = testClosing("Alex Morgan")
	c.Results.Groups = append(c.Results.Groups, results.PublishedGroup{Key: "other", Label: "Others", Members: []threesixty.RaterGroup{"other"}, Respondents: 3})
	if ch, err = WebChanges(c); err != nil {
		t.Fatal(err)
	}
	if want := "Others were grouped differently in the two rounds (at the baseline: Superiors and others), so their change is not shown."; !strings.Contains(strings.Join(ch.NotCompared, "\n"), want) {
		t.Errorf("not compared: %q, want %q", ch.NotCompared, want)
	}
	if _, err := WebChanges(Closing{}); err == nil {
		t.Error("what changed without a release")
	}
}
