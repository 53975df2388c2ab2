package web

import (
	"errors"
	"regexp"
	"strings"

	"threesixty/internal/threesixty"
)

// typedForm is a dashboard form as shown again after it was refused: what was typed, each
// problem beside its input and in a summary at the top, or one problem of the form as a whole.
type typedForm struct {
	Values  map[string]string
	Errors  map[string][]string // by the id of the input they are about
	Summary []typedProblem
	// Problem is what stands in the way of the whole form (a conflict with the engagement's
	// state), shown above it.
	Problem string
}

// typedProblem is one line of a form's summary: the input it is about and what is wrong.
type typedProblem struct {
	ID      string // "" for a problem of no one input
	Message string
}

// Value is what was typed in an input.
func (f typedForm) Value(id string) string { return f.Values[id] }

// Invalid reports whether an input has a problem.
func (f typedForm) Invalid(id string) bool { return len(f.Errors[id]) > 0 }

// Error is an input's problems as one sentence.
func (f typedForm) Error(id string) string { return strings.Join(f.Errors[id], " ") }

// Refused reports whether the form has any problem to show.
func (f typedForm) Refused() bool { return len(f.Summary) > 0 || f.Problem != "" }

// DescribedBy is an input's aria-describedby: its hint, when it has one, and its problem.
func (f typedForm) DescribedBy(id string, hint bool) string {
	var ids []string
	if hint {
		ids = append(ids, id+"-hint")
	}
	if f.Invalid(id) {
		ids = append(ids, id+"-error")
	}
	return strings.Join(ids, " ")
}

// add records a problem of an input, as one sentence that names it by label, shown beside the
// input and in the summary alike.
func (f *typedForm) add(id, label, message string) {
	if f.Errors == nil {
		f.Errors = map[string][]string{}
	}
	sentence := label + ": " + message
	for _, verb := range []string{"is ", "must ", "has ", "appears "} {
		if strings.HasPrefix(message, verb) {
			sentence = label + " " + message
		}
	}
	if !strings.HasSuffix(sentence, ".") {
		sentence += "."
	}
	f.Errors[id] = append(f.Errors[id], sentence)
	f.Summary = append(f.Summary, typedProblem{ID: id, Message: sentence})
}

// typedField is an input of a page form: its id (also its name in the form) and its label.
type typedField struct{ ID, Label string }

// fieldListIndex is the "[2]" of a field of a list, as the store names "rater_domains[2]".
var fieldListIndex = regexp.MustCompile(`\[\d+\]$`)

// refuse turns what the store refused into the form's problems: EINVALID's field errors beside
// the inputs that fields maps them to (the store's field name, without a list index), ECONFLICT
// as the form's problem. Any other error is returned, to be answered as an error page.
func (f *typedForm) refuse(err error, fields map[string]typedField) error {
	var te *threesixty.Error
	if !errors.As(err, &te) {
		return err
	}
	switch te.Code {
	case threesixty.EINVALID:
		for _, fe := range te.Fields {
			if in, ok := fields[fieldListIndex.ReplaceAllString(fe.Field, "")]; ok {
				f.add(in.ID, in.Label, fe.Message)
			} else {
				f.Summary = append(f.Summary, typedProblem{Message: fe.Message})
			}
		}
		if len(te.Fields) == 0 {
			f.Problem = te.Message
		}
		return nil
	case threesixty.ECONFLICT:
		f.Problem = te.Message
		return nil
	}
	return err
}

// typedInput is one text input of a form as a page draws it, with its label, hint and problem.
type typedInput struct {
	ID, Label, Type, Autocomplete, Hint string
	Value, Error, DescribedBy           string
}

// Field is the input id of the form, to draw with the label, type, autocomplete and hint given.
func (f typedForm) Field(id, label, typ, autocomplete, hint string) typedInput {
	return typedInput{ID: id, Label: label, Type: typ, Autocomplete: autocomplete, Hint: hint,
		Value: f.Value(id), Error: f.Error(id), DescribedBy: f.DescribedBy(id, hint != "")}
}

// typedSummary is what the top of a page says of a refused form: a heading, the problem of the
// form as a whole, and each problem linked to its input.
type typedSummary struct {
	Heading, Problem string
	Summary          []typedProblem
}

// Problems is the summary of a refused form under heading; nil when it was not refused.
func (f typedForm) Problems(heading string) *typedSummary {
	if !f.Refused() {
		return nil
	}
	return &typedSummary{Heading: heading, Problem: f.Problem, Summary: f.Summary}
}
