package threesixty

import (
	"net/mail"
	"strings"
)

// EmailKey is an address in the normal form addresses are compared in: without case, and
// without the "+tag" of its local part, so that "Ann+x@Example.com" and "ann@example.com" are
// one person. Whoever runs an engagement could otherwise be added as a rater under a variant of
// their own address, or one rater twice.
func EmailKey(address string) string {
	a := strings.ToLower(strings.TrimSpace(address))
	at := strings.LastIndexByte(a, '@')
	if at < 0 {
		return a
	}
	local, domain := a[:at], a[at+1:]
	if plus := strings.IndexByte(local, '+'); plus > 0 {
		local = local[:plus]
	}
	return local + "@" + domain
}

// EmailDomain is the domain of an address, in lower case.
func EmailDomain(address string) string {
	a := strings.ToLower(strings.TrimSpace(address))
	return a[strings.LastIndexByte(a, '@')+1:]
}

// ValidEmail accepts a bare address (no display name) whose domain has a dot: the only form a
// rater list, a leader or an account should hold. It refuses the forms that route mail on to
// another mailbox (the "percent hack" local%other@relay, bang paths, quoted local parts) and a
// local part that starts with the tag separator, since EmailKey could not tell whose they are.
func ValidEmail(s string) bool {
	if len(s) > 254 || !PlainText(s) {
		return false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	local := s[:at]
	return strings.Contains(s[at:], ".") && !strings.ContainsAny(local, "%!\"") && !strings.HasPrefix(local, "+")
}

// ValidDomain accepts a domain name as an organisation's email domain: letters, digits, hyphens
// and dots, with at least one dot, in lower case.
func ValidDomain(d string) bool {
	if len(d) > 253 || !strings.Contains(d, ".") || strings.HasPrefix(d, ".") || strings.HasSuffix(d, ".") || strings.Contains(d, "..") {
		return false
	}
	for _, r := range d {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '.') {
			return false
		}
	}
	return true
}
