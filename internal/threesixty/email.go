package threesixty

import (
	"net/mail"
	"strings"
	"unicode"

	"golang.org/x/net/idna"
)

// EmailKey is an address in the normal form addresses are compared in: without case, without
// the "+tag" of its local part, and with its domain as DNS resolves it (UTS 46: "ｃorp.example"
// in fullwidth letters is corp.example), so that "Ann+x@Example.com" and "ann@example.com" are
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
	return local + "@" + asciiDomain(domain)
}

// EmailDomain is the domain of an address as DNS resolves it, in lower case.
func EmailDomain(address string) string {
	a := strings.ToLower(strings.TrimSpace(address))
	return asciiDomain(a[strings.LastIndexByte(a, '@')+1:])
}

// asciiDomain is a domain as DNS looks it up (IDNA's UTS 46 mapping, then Punycode), or as given
// when it is not a domain name at all (ValidEmail refuses those).
func asciiDomain(d string) string {
	if ascii, err := idna.Lookup.ToASCII(d); err == nil {
		return ascii
	}
	return d
}

// ValidEmail accepts a bare address (no display name) whose domain has a dot: the only form a
// rater list, a leader or an account should hold. It refuses the forms that route mail on to
// another mailbox (the "percent hack" local%other@relay, bang paths, quoted local parts) and a
// local part that starts with the tag separator, since EmailKey could not tell whose they are;
// an address literal (user@[192.0.2.1]) and a domain that is no domain name; and invisible
// characters (zero-width spaces, joiners), which make two addresses that read alike differ.
func ValidEmail(s string) bool {
	if len(s) > 254 || !PlainText(s) || strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Cf, r) || unicode.IsSpace(r) }) {
		return false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	local, domain := s[:at], s[at+1:]
	ascii, err := idna.Lookup.ToASCII(domain)
	if err != nil || !ValidDomain(strings.ToLower(ascii)) {
		return false
	}
	return !strings.ContainsAny(local, "%!\"") && !strings.HasPrefix(local, "+")
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
