package threesixty

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Rater is someone asked for feedback on the leader. Their name and email exist only so they can
// be sent their link and reminded; answers never sit beside them.
type Rater struct {
	ID    string     `json:"id"`
	Name  string     `json:"name"`
	Email string     `json:"email"`
	Group RaterGroup `json:"group"`
	// Sponsor marks the engagement's sponsor, who may rate only as a superior.
	Sponsor bool `json:"sponsor,omitempty"`
}

// MaxRaters bounds an engagement's raters: a 360 asks the few dozen people who work closely with
// a leader, and a list of thousands is a mistake (a whole directory pasted in) that would send
// thousands of invitations.
const MaxRaters = 150

// RaterRules is what a list of raters is checked against: the people who run the engagement
// cannot rate in it, so that nobody can pad a group with answers they know and subtract them.
type RaterRules struct {
	Leader  string // the leader's address: the leader rates themself through the self-assessment
	Coach   string // the engagement's coach's address
	Sponsor string // the sponsor's address, "" without a sponsor: may rate only as a superior
	// Accounts holds the keys (EmailKey) of the addresses that belong to an account of the
	// service, of those being checked.
	Accounts map[string]bool
	// Existing holds the keys of the engagement's raters so far.
	Existing map[string]bool
	// Domains, when not empty, are the organisation's email domains; raters must be in one of
	// them or a subdomain of one.
	Domains []string
}

// MarkSponsor marks the engagement's sponsor among raters, by EmailKey.
func MarkSponsor(raters []Rater, sponsor string) {
	for i := range raters {
		raters[i].Sponsor = sponsor != "" && EmailKey(raters[i].Email) == EmailKey(sponsor)
	}
}

// CheckRaters checks a list of raters to add to an engagement, all of them, and returns every
// problem with its row (counted from 1). Addresses are compared by EmailKey.
func CheckRaters(raters []Rater, rules RaterRules) []FieldError {
	if total := len(rules.Existing) + len(raters); total > MaxRaters {
		return []FieldError{{Field: "raters", Message: fmt.Sprintf(
			"an engagement has at most %d raters; it has %d, and these %d would make %d", MaxRaters, len(rules.Existing), len(raters), total)}}
	}
	var problems []FieldError
	seen := map[string]int{} // key -> row of first appearance
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
		groupOK := r.Group.OfOthers()
		email := strings.TrimSpace(r.Email)
		key := EmailKey(email)
		first, dup := seen[key]
		switch {
		case !PlainText(r.Email):
			bad("email", "must be plain text, without control characters")
		case email == "":
			bad("email", "is required")
		case !ValidEmail(email):
			bad("email", "%q is not an email address", email)
		case key == EmailKey(rules.Leader):
			bad("email", "%s is the leader's address; the leader rates themself through the self-assessment", email)
		case key == EmailKey(rules.Coach):
			bad("email", "%s is the coach's address; whoever runs an engagement cannot rate in it", email)
		case rules.Accounts[key]:
			bad("email", "%s belongs to an account of this service; coaches and admins cannot rate", email)
		case rules.Sponsor != "" && key == EmailKey(rules.Sponsor) && groupOK && r.Group != GroupSuperior:
			bad("email", "%s is the sponsor's address; the sponsor may rate only as a superior", email)
		case rules.Existing[key]:
			bad("email", "%s is already a rater in this engagement (addresses are compared without case and without a +tag)", email)
		case dup:
			bad("email", "%s appears twice (also in row %d; addresses are compared without case and without a +tag)", email, first)
		case len(rules.Domains) > 0 && !inDomains(email, rules.Domains):
			bad("email", "%s is outside the organisation's email domains (%s)", email, strings.Join(rules.Domains, ", "))
		default:
			seen[key] = row
		}
		if !groupOK {
			bad("group", "%q is not a rater group; use superior, peer, direct_report or other", string(r.Group))
		}
	}
	return problems
}

func inDomains(email string, domains []string) bool {
	d := EmailDomain(email)
	for _, want := range domains {
		if d == want || strings.HasSuffix(d, "."+want) {
			return true
		}
	}
	return false
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
