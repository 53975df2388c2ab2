package threesixty

import (
	"fmt"
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Rater is someone asked for feedback on the leader. Their name and email exist only so they can
// be sent their link and reminded; answers never sit beside them.
type Rater struct {
	ID    string     `json:"id" db:"id"`
	Name  string     `json:"name" db:"name"`
	Email string     `json:"email" db:"email"`
	Group RaterGroup `json:"group" db:"rater_group"`
}

// CheckRaters checks a list of raters to add to an engagement, all of them, and returns every
// problem with its row (counted from 1). existing are the emails already in the engagement.
func CheckRaters(raters []Rater, leaderEmail string, existing []string) []FieldError {
	var problems []FieldError
	seen := map[string]int{}
	for _, e := range existing {
		seen[strings.ToLower(e)] = 0
	}
	for i, r := range raters {
		row := i + 1
		bad := func(field, format string, args ...any) {
			problems = append(problems, FieldError{Row: row, Field: field, Message: fmt.Sprintf(format, args...)})
		}
		name := strings.TrimSpace(r.Name)
		switch {
		case !PlainText(r.Name):
			bad("name", "must be plain text, without control characters")
		case name == "":
			bad("name", "is required")
		case len(name) > 200:
			bad("name", "is longer than 200 characters")
		}
		email := strings.TrimSpace(r.Email)
		key := strings.ToLower(email)
		switch first, dup := seen[key]; {
		case !PlainText(r.Email):
			bad("email", "must be plain text, without control characters")
		case email == "":
			bad("email", "is required")
		case !validEmail(email):
			bad("email", "%q is not an email address", email)
		case strings.EqualFold(email, leaderEmail):
			bad("email", "%s is the leader's own address; the leader rates themself through the self-assessment", email)
		case dup && first == 0:
			bad("email", "%s is already a rater in this engagement", email)
		case dup:
			bad("email", "%s appears twice (also in row %d)", email, first)
		default:
			seen[key] = row
		}
		if !r.Group.OfOthers() {
			bad("group", "%q is not a rater group; use superior, peer, direct_report or other", string(r.Group))
		}
	}
	return problems
}

// PlainText reports whether s is valid UTF-8 without control characters: what a name or an
// address may hold, and what every page, email and database column can show.
func PlainText(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return false
		}
	}
	return true
}

// validEmail accepts a bare address (no display name), the only form a rater list should hold.
func validEmail(s string) bool {
	if len(s) > 254 {
		return false
	}
	a, err := mail.ParseAddress(s)
	return err == nil && a.Address == s && a.Name == "" && strings.Contains(s[strings.LastIndexByte(s, '@'):], ".")
}
