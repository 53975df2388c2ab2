package web

import (
	"net/http"
	"strings"

	"threesixty/internal/threesixty"
)

// fieldNotes are the problems of a form sent back to the coach, each under the name of the
// input it is about ("" for the form as a whole), in the order the form shows its inputs. A
// page shows them twice: in a summary at the top, each linking to its input, and beside the
// input itself.
type fieldNotes struct {
	List   []fieldNote
	status int
}

// fieldNote is one problem: the input's name and id, what the summary calls it, and the message.
type fieldNote struct {
	Field, ID, Label, Message string
}

// add notes a problem with the input field (whose element id is id and which the summary calls
// label); the first problem of a field is the one shown.
func (n *fieldNotes) add(field, id, label, message string) {
	n.List = append(n.List, fieldNote{Field: field, ID: id, Label: label, Message: message})
}

// For is the message shown beside the input field, "" when it has none.
func (n fieldNotes) For(field string) string {
	for _, p := range n.List {
		if p.Field == field {
			return p.Message
		}
	}
	return ""
}

// Summary is the note as the summary at the top of the form says it: "Title: is required."
func (p fieldNote) Summary() string {
	if p.Label == "" || p.Message == "" {
		return p.Message
	}
	return p.Label + ": " + strings.ToLower(p.Message[:1]) + p.Message[1:]
}

// Any reports whether the form has problems.
func (n fieldNotes) Any() bool { return len(n.List) > 0 }

// take adds the problems of err when it is one a form shows back: EINVALID, each field error
// placed by place (the input's name, id and label for a store's field name), and ECONFLICT, for
// the form as a whole. It reports false, and adds nothing, for any other error.
func (n *fieldNotes) take(err error, place func(field string) (name, id, label string)) bool {
	te := toError(err)
	switch te.Code {
	case threesixty.EINVALID:
		n.status = http.StatusUnprocessableEntity
	case threesixty.ECONFLICT:
		n.status = http.StatusConflict
	default:
		return false
	}
	if len(te.Fields) == 0 {
		n.add("", "", "", sentence(te.Message))
	}
	for _, f := range te.Fields {
		name, id, label := place(f.Field)
		n.add(name, id, label, sentence(f.Message))
	}
	return true
}

// Status is how the page that shows the notes answers: 422 for input that breaks a rule, 409 for
// a change the state of things refuses.
func (n fieldNotes) Status() int {
	if n.status == 0 {
		return http.StatusUnprocessableEntity
	}
	return n.status
}
