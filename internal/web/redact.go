package web

import (
	"encoding/base64"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
)

// Tokens never reach the logs: a token in a log is a key to someone's survey. Paths are logged
// with every token replaced by [token], found two ways, so that a new kind of link is covered
// without anyone remembering to add it here:
//
//   - by shape: any path segment that holds a well-formed token, wherever it is, even with
//     something stuck to it (a mail client often keeps the punctuation after a link);
//   - by route: whatever a link route's :token parameter holds, whatever its shape, since a
//     token cut short by a line break in an email is still most of a key.

// tokenLen is the length of a well-formed token.
var tokenLen = base64.RawURLEncoding.EncodedLen(threesixty.TokenBytes)

// loggedPath is the request's path as it may be logged.
func loggedPath(c echo.Context) string {
	return redactPath(c.Request().URL.EscapedPath(), c.Path())
}

// redactPath replaces the tokens in path, an escaped URL path, with [token]. route is the
// pattern of the route that path matched ("/s/:token/draft"), or "" when it matched none.
func redactPath(path, route string) string {
	segments := strings.Split(path, "/")
	pattern := strings.Split(route, "/")
	for i, seg := range segments {
		if seg != "" && ((i < len(pattern) && pattern[i] == ":token") || holdsToken(seg)) {
			segments[i] = "[token]"
		}
	}
	return strings.Join(segments, "/")
}

// holdsToken reports whether a path segment is, or contains, a well-formed token, escaped or not.
func holdsToken(segment string) bool {
	if plain, err := url.PathUnescape(segment); err == nil {
		segment = plain
	}
	run := 0 // token characters up to and including i
	for i := 0; i < len(segment); i++ {
		if !isTokenChar(segment[i]) {
			run = 0
			continue
		}
		if run++; run >= tokenLen && threesixty.WellFormedToken(segment[i+1-tokenLen:i+1]) {
			return true
		}
	}
	return false
}

// isTokenChar reports whether b is in the alphabet of tokens, base64url.
func isTokenChar(b byte) bool {
	return 'A' <= b && b <= 'Z' || 'a' <= b && b <= 'z' || '0' <= b && b <= '9' || b == '-' || b == '_'
}
