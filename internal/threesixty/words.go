package threesixty

import "strings"

// JoinAnd joins names as a sentence does: "Peers", "Peers and Others", "Superiors, Peers and
// Others"; "" for none.
func JoinAnd(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}
