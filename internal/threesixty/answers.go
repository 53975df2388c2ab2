package threesixty

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"threesixty/surveys"
)

// MaxCommentRunes bounds each open answer: long enough for a considered paragraph or three.
const MaxCommentRunes = 4000

// NotAbleToRate is the form value of the "not able to rate" choice.
const NotAbleToRate = "na"

// Answers is what one person answered: a rating per item (nil for "not able to rate") and the
// open answers they wrote. It carries nothing about who answered.
type Answers struct {
	Ratings  map[string]*int   `json:"ratings"`
	Comments map[string]string `json:"comments"`
}

// Answered counts the items that have a rating or "not able to rate".
func (a Answers) Answered() int { return len(a.Ratings) }

// FormValue is the value of an item's radio group as the form sends it: "1".."5", "na" or "".
func (a Answers) FormValue(itemID string) string {
	v, ok := a.Ratings[itemID]
	switch {
	case !ok:
		return ""
	case v == nil:
		return NotAbleToRate
	}
	return strconv.Itoa(*v)
}

// ReadAnswers reads a submitted survey form against the instrument version of the round. Fields
// that are neither items nor questions are not read here: UnknownFields names them. A rating is
// read exactly as the form's choices send it ("3", "na"), so that a program's "+3", "03" or
// "na " is refused rather than guessed at. With complete set,
// every item must be answered; a draft may leave items open. Every problem is returned, each
// against the field it belongs to, together with what could be read, so the form can be shown
// again with the answers kept.
func ReadAnswers(in *surveys.Instrument, form map[string][]string, complete bool) (Answers, []FieldError) {
	a := Answers{Ratings: map[string]*int{}, Comments: map[string]string{}}
	var problems []FieldError
	bad := func(field, format string, args ...any) {
		problems = append(problems, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
	}
	for _, item := range in.Items {
		values := form[item.ID]
		if len(values) > 1 {
			bad(item.ID, "choose one answer only")
			continue
		}
		value := ""
		if len(values) == 1 {
			value = values[0]
		}
		switch n, err := strconv.Atoi(value); {
		case value == "":
			if complete {
				bad(item.ID, "Choose an answer, or %q", in.Scale.NotAbleToRate)
				problems[len(problems)-1].Missing = true
			}
		case value == NotAbleToRate:
			a.Ratings[item.ID] = nil
		case err != nil || !in.Scale.Valid(n) || strconv.Itoa(n) != value:
			bad(item.ID, "%q is not a choice on the scale (1 to %d, or %s)", value, in.Scale.Max(), NotAbleToRate)
		default:
			a.Ratings[item.ID] = &n
		}
	}
	for _, q := range in.Questions {
		values := form[q.ID]
		if len(values) > 1 {
			bad(q.ID, "send one answer only")
			continue
		}
		if len(values) == 0 {
			continue
		}
		text := strings.TrimSpace(CleanComment(values[0]))
		switch {
		case !utf8.ValidString(values[0]) || strings.ContainsRune(values[0], 0):
			bad(q.ID, "contains characters that are not text")
		case utf8.RuneCountInString(text) > MaxCommentRunes:
			bad(q.ID, "is %d characters long; the limit is %d", utf8.RuneCountInString(text), MaxCommentRunes)
			a.Comments[q.ID] = text
		case text != "":
			a.Comments[q.ID] = text
		}
	}
	return a, problems
}

// UnknownFields names the fields of a survey form that are neither an item nor an open question
// of the instrument, nor a control of the form (a name starting with "_", such as the buttons'
// _action), in the form's order of names. An answer sent under a wrong name must be refused, not
// dropped without a word.
func UnknownFields(in *surveys.Instrument, form map[string][]string) []string {
	known := map[string]bool{}
	for _, item := range in.Items {
		known[item.ID] = true
	}
	for _, q := range in.Questions {
		known[q.ID] = true
	}
	var unknown []string
	for name := range form {
		if !known[name] && !strings.HasPrefix(name, "_") {
			unknown = append(unknown, name)
		}
	}
	sort.Strings(unknown)
	return unknown
}

// CleanComment keeps what a comment says and drops what could hide or reorder it in a report:
// control characters other than line breaks and tabs, bidirectional overrides and isolates,
// zero-width characters and the Unicode line and paragraph separators (which become line breaks).
// Line breaks are "\n" whatever the browser sent. The text is in Unicode's composed form (NFC),
// so that "é" typed as e and a combining accent is stored, compared, counted against the limit
// and drawn in a report as the one letter it is.
func CleanComment(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return norm.NFC.String(strings.Map(func(r rune) rune {
		switch {
		case r == '\n' || r == '\t':
			return r
		case r == '\r' || r == '\u2028' || r == '\u2029' || r == '\u0085':
			return '\n'
		case unicode.IsControl(r),
			r >= '\u202A' && r <= '\u202E',                               // embeddings and overrides
			r >= '\u2066' && r <= '\u2069',                               // isolates
			r == '\u200E' || r == '\u200F' || r == '\u061C',              // direction marks
			r >= '\u200B' && r <= '\u200D', r == '\u2060', r == '\uFEFF': // zero-width
			return -1
		}
		return r
	}, s))
}

// Response is one person's answers in a round, with their rater group and nothing else: no
// invitation, no rater, no time beyond a date.
type Response struct {
	Group   RaterGroup
	Answers Answers
}
