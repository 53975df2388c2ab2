package threesixty

import (
	"strings"
	"testing"
)

var instrumentCompetencies = []string{"strategic-thinking", "communication", "collaboration"}

// fieldsOf lists the fields an error names, in order, "" for nil.
func fieldsOf(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	e, ok := err.(*Error)
	if !ok || e.Code != EINVALID {
		t.Fatalf("error %v is not EINVALID", err)
	}
	var out []string
	for _, f := range e.Fields {
		out = append(out, f.Field)
	}
	return strings.Join(out, ",")
}

func TestGoalValidateReportsEveryProblemAtOnce(t *testing.T) {
	good := Goal{Title: "Delegate decisions", Competencies: []string{"collaboration"},
		KeyResults: []KeyResult{{Text: "Direct reports decide their own budgets", Measure: "budgets decided below me", Target: "4 of 5"}}}
	if err := good.Validate(instrumentCompetencies); err != nil {
		t.Fatalf("a good goal was refused: %v", err)
	}
	bad := Goal{
		Title:        " \u200b ",
		Description:  strings.Repeat("d", MaxGoalDescriptionRunes+1),
		Competencies: []string{"communication", "listening", "communication"},
		KeyResults:   []KeyResult{{Text: ""}, {Text: "ok", Measure: "bad\x00"}, {Text: "ok", Target: "\xff"}},
	}
	want := "title,description,competencies[1],competencies[2],key_results[0].text,key_results[1].measure,key_results[2].target"
	if got := fieldsOf(t, bad.Validate(instrumentCompetencies)); got != want {
		t.Errorf("fields %s, want %s", got, want)
	}
	msg := bad.Validate(instrumentCompetencies).(*Error).Fields[2].Message
	if !strings.Contains(msg, "\"listening\" is not a competency") || !strings.Contains(msg, "collaboration") {
		t.Errorf("unknown competency message %q does not name it and the choices", msg)
	}
}

func TestGoalValidateLimits(t *testing.T) {
	cases := []struct {
		name  string
		goal  Goal
		field string
	}{
		{"no competency", Goal{Title: "T"}, "competencies"},
		{"title too long", Goal{Title: strings.Repeat("é", MaxGoalTitleRunes+1), Competencies: []string{"communication"}}, "title"},
		{"title at the limit", Goal{Title: strings.Repeat("é", MaxGoalTitleRunes), Competencies: []string{"communication"}}, ""},
		{"NUL in the title", Goal{Title: "a\x00b", Competencies: []string{"communication"}}, "title"},
		{"too many key results", Goal{Title: "T", Competencies: []string{"communication"}, KeyResults: make([]KeyResult, MaxKeyResults+1)},
			"key_results,key_results[0].text,key_results[1].text,key_results[2].text,key_results[3].text,key_results[4].text,key_results[5].text"},
		{"key result text too long", Goal{Title: "T", Competencies: []string{"communication"},
			KeyResults: []KeyResult{{Text: strings.Repeat("k", MaxKeyResultTextRunes+1)}}}, "key_results[0].text"},
	}
	for _, c := range cases {
		if got := fieldsOf(t, c.goal.Validate(instrumentCompetencies)); got != c.field {
			t.Errorf("%s: fields %q, want %q", c.name, got, c.field)
		}
	}
}

func TestGoalCleanedKeepsWhatItSaysAndDropsWhatHidesIt(t *testing.T) {
	g := Goal{Title: "  Lead\nby\u202e example\t ", Description: "Line one\r\nline two\u200b",
		KeyResults: []KeyResult{{Text: " Text\n", Measure: "a\nb", Target: "\u2066x\u2069"}}}.Cleaned()
	if g.Title != "Lead by example" || g.Description != "Line one\nline two" {
		t.Errorf("title %q, description %q", g.Title, g.Description)
	}
	if kr := g.KeyResults[0]; kr.Text != "Text" || kr.Measure != "a b" || kr.Target != "x" {
		t.Errorf("key result %+v", kr)
	}
	if g := (Goal{}).Cleaned(); g.Competencies == nil || g.KeyResults == nil {
		t.Errorf("an empty goal cleans to nil lists, which JSON shows as null: %+v", g)
	}
}

func TestCheckInStatusMustBeOneOfFour(t *testing.T) {
	for _, s := range []CheckInStatus{CheckInOnTrack, CheckInAtRisk, CheckInOffTrack, CheckInDone} {
		if err := (CheckIn{Status: s}).Validate(); err != nil {
			t.Errorf("%s refused: %v", s, err)
		}
	}
	err := CheckIn{Status: "fine", Note: "x\x00"}.Validate()
	if got := fieldsOf(t, err); got != "note,status" {
		t.Fatalf("fields %q", got)
	}
	if msg := err.(*Error).Fields[1].Message; !strings.Contains(msg, "on_track, at_risk, off_track or done") {
		t.Errorf("status message %q does not name the statuses", msg)
	}
}

func TestGoalChangeAppliesOnlyWhatItNames(t *testing.T) {
	g := Goal{Title: "Old", Description: "Keep", Competencies: []string{"communication"}}
	title, competencies := "New", []string{"collaboration"}
	GoalChange{Title: &title, Competencies: &competencies}.Apply(&g)
	if g.Title != "New" || g.Description != "Keep" || g.Competencies[0] != "collaboration" {
		t.Errorf("after the change: %+v", g)
	}
	if !(GoalChange{}).Empty() || (GoalChange{Title: &title}).Empty() {
		t.Error("Empty is wrong")
	}
}

func TestGoalWarningsPastTheSuggestedNumber(t *testing.T) {
	for n := 1; n <= MaxGoals; n++ {
		w := GoalWarnings(n)
		if (len(w) > 0) != (n > SuggestedGoals) {
			t.Errorf("%d goals: warnings %q", n, w)
		}
	}
}
