package threesixty

import (
	"fmt"
	"strings"
	"testing"

	"threesixty/surveys"
)

func testInstrument(t *testing.T) *surveys.Instrument {
	t.Helper()
	list, err := surveys.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range list {
		if in.ID == "leadership-360" {
			return in
		}
	}
	t.Fatal("leadership-360 is not shipped")
	return nil
}

func TestReadAnswers(t *testing.T) {
	in := testInstrument(t)
	full := func() map[string][]string {
		form := map[string][]string{"action": {"ignored"}}
		for _, item := range in.Items {
			form[item.ID] = []string{"3"}
		}
		return form
	}
	first, second := in.Items[0].ID, in.Items[1].ID
	question := in.Questions[0].ID
	cases := []struct {
		name     string
		edit     func(map[string][]string)
		complete bool
		problems []string // fields with a problem
	}{
		{"all answered", func(map[string][]string) {}, true, nil},
		{"not able to rate counts as an answer", func(f map[string][]string) { f[first] = []string{"na"} }, true, nil},
		{"missing item", func(f map[string][]string) { delete(f, first) }, true, []string{first}},
		{"empty item", func(f map[string][]string) { f[first] = []string{""} }, true, []string{first}},
		{"missing item in a draft", func(f map[string][]string) { delete(f, first) }, false, nil},
		{"off the scale", func(f map[string][]string) { f[first] = []string{"6"}; f[second] = []string{"0"} }, true, []string{first, second}},
		{"not a number", func(f map[string][]string) { f[first] = []string{"often"} }, false, []string{first}},
		{"two values", func(f map[string][]string) { f[first] = []string{"1", "2"} }, true, []string{first}},
		{"comment at the limit", func(f map[string][]string) { f[question] = []string{strings.Repeat("ü", MaxCommentRunes)} }, true, nil},
		{"comment over the limit", func(f map[string][]string) { f[question] = []string{strings.Repeat("a", MaxCommentRunes+1)} }, true, []string{question}},
		{"comment not UTF-8", func(f map[string][]string) { f[question] = []string{"a\xffb"} }, true, []string{question}},
		{"comment with NUL", func(f map[string][]string) { f[question] = []string{"a\x00b"} }, true, []string{question}},
		{"two comments", func(f map[string][]string) { f[question] = []string{"a", "b"} }, true, []string{question}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			form := full()
			c.edit(form)
			_, problems := ReadAnswers(in, form, c.complete)
			var got []string
			for _, p := range problems {
				got = append(got, p.Field)
				if p.Message == "" {
					t.Errorf("problem on %s has no message", p.Field)
				}
			}
			if strings.Join(got, ",") != strings.Join(c.problems, ",") {
				t.Errorf("problems on %v, want %v (%+v)", got, c.problems, problems)
			}
		})
	}
}

func TestReadAnswersValues(t *testing.T) {
	in := testInstrument(t)
	form := map[string][]string{in.Items[0].ID: {"5"}, in.Items[1].ID: {"na"}, in.Questions[0].ID: {"  Clear goals.\r\nEvery week.  "}, in.Questions[1].ID: {"   "}}
	a, problems := ReadAnswers(in, form, false)
	if len(problems) != 0 {
		t.Fatal(problems)
	}
	if v := a.Ratings[in.Items[0].ID]; v == nil || *v != 5 {
		t.Errorf("rating = %v", v)
	}
	if v, ok := a.Ratings[in.Items[1].ID]; !ok || v != nil {
		t.Errorf("not able to rate read as %v, %v", v, ok)
	}
	if a.Comments[in.Questions[0].ID] != "Clear goals.\nEvery week." {
		t.Errorf("comment = %q", a.Comments[in.Questions[0].ID])
	}
	if _, ok := a.Comments[in.Questions[1].ID]; ok {
		t.Error("a blank comment was kept")
	}
	if a.Answered() != 2 || a.FormValue(in.Items[0].ID) != "5" || a.FormValue(in.Items[1].ID) != "na" || a.FormValue(in.Items[2].ID) != "" {
		t.Errorf("answered %d, form values %q %q %q", a.Answered(), a.FormValue(in.Items[0].ID), a.FormValue(in.Items[1].ID), a.FormValue(in.Items[2].ID))
	}
}

// TestCommentsAreCleaned: a comment is quoted verbatim, but nothing in it may hide or reorder
// text in a report: no escape sequences or bells, no bidirectional overrides, no zero-width
// characters; separators become line breaks.
func TestCommentsAreCleaned(t *testing.T) {
	in := testInstrument(t)
	q := in.Questions[0].ID
	form := map[string][]string{q: {"ctl\x1b[31mRED\x07bell\u202eRLO\u2066iso\u2069\u200bZW\u2028LS\u0085NEL\r\nCRLF\tTab é 👍"}}
	a, problems := ReadAnswers(in, form, false)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	if got, want := a.Comments[q], "ctl[31mREDbellRLOisoZW\nLS\nNEL\nCRLF\tTab é 👍"; got != want {
		t.Errorf("cleaned comment %q, want %q", got, want)
	}
}

// TestRatingsAreReadExactly: a program that sends "+3", "03", " 3" or "na " meant something,
// but what is not one of the form's own values is refused, not guessed at.
func TestRatingsAreReadExactly(t *testing.T) {
	in := testInstrument(t)
	for _, value := range []string{"+3", "03", " 3", "3 ", "na ", "NA", "3.0", "0x3", "３"} {
		_, problems := ReadAnswers(in, map[string][]string{in.Items[0].ID: {value}}, false)
		if len(problems) != 1 || problems[0].Field != in.Items[0].ID {
			t.Errorf("%q: %v, want one problem at %s", value, problems, in.Items[0].ID)
		}
	}
	a, problems := ReadAnswers(in, map[string][]string{in.Items[0].ID: {"3"}, in.Items[1].ID: {"na"}}, false)
	if len(problems) != 0 || *a.Ratings[in.Items[0].ID] != 3 || a.Ratings[in.Items[1].ID] != nil {
		t.Errorf("exact values: %v %v", a, problems)
	}
}

func TestUnknownFieldsAreNamed(t *testing.T) {
	in := testInstrument(t)
	form := map[string][]string{in.Items[0].ID: {"3"}, "_action": {"save"}, in.Questions[0].ID: {"x"}, "communication-99": {"4"}, "Keep-Doing": {"y"}}
	if got := UnknownFields(in, form); fmt.Sprint(got) != "[Keep-Doing communication-99]" {
		t.Errorf("unknown fields %v", got)
	}
}

// TestCommentsAreComposed: the same words typed with combining accents (as some keyboards and
// copied text send them) are stored as the composed letters, so they read, count and compare the
// same.
func TestCommentsAreComposed(t *testing.T) {
	in := testInstrument(t)
	q := in.Questions[0].ID
	a, problems := ReadAnswers(in, map[string][]string{q: {"Cafe\u0301 re\u0301sume\u0301 Nguye\u0302\u0303n"}}, false)
	if len(problems) > 0 {
		t.Fatal(problems)
	}
	if got, want := a.Comments[q], "Café résumé Nguyễn"; got != want {
		t.Errorf("comment %q, want %q", got, want)
	}
}
