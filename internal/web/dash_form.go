package web

import "threesixty/internal/threesixty"

// formProblems are the problems of a form sent back: each shown next to its field, and all of
// them in a summary at the top that links to the fields.
type formProblems struct {
	List []threesixty.FieldError
}

// For is the problem of one field, "" when it has none.
func (p formProblems) For(field string) string {
	for _, f := range p.List {
		if f.Field == field {
			return f.Message
		}
	}
	return ""
}

// problemsOf is an error's field problems, or, for an error without fields, one problem on
// field with the error's message.
func problemsOf(err error, field string) formProblems {
	te := toError(err)
	if len(te.Fields) > 0 {
		return formProblems{List: te.Fields}
	}
	return formProblems{List: []threesixty.FieldError{{Field: field, Message: sentence(te.Message)}}}
}

// passwordField is one password input as the pages lay it out: its name (also its id), label,
// autocomplete purpose, hint, and problem.
type passwordField struct {
	Name, Label, Autocomplete, Hint, Problem string
}

// Field describes a password input of the form, with its problem: templates call it as
// {{template "password-field" (.Problems.Field "name" "Label" "new-password" "hint")}}.
func (p formProblems) Field(name, label, autocomplete, hint string) passwordField {
	return passwordField{Name: name, Label: label, Autocomplete: autocomplete, Hint: hint, Problem: p.For(name)}
}
