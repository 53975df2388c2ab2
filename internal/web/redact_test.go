package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"threesixty/internal/threesixty"
)

func TestRedactPath(t *testing.T) {
	const token = "q8Jx3kP_-Zr0aVb9cD1eF2gH3iJ4kL5mN6oP7qR8sT0"
	const round = "5f0c9a2b-0000-4000-8000-000000000002"
	tests := []struct{ path, route, want string }{
		{"/s/" + token, "/s/:token", "/s/[token]"},
		{"/s/" + token + "/stop-reminders", "/s/:token/stop-reminders", "/s/[token]/stop-reminders"},
		// By shape, wherever the token is and whatever route matched, if any.
		{"//s/" + token, "", "//s/[token]"},
		{"/s//" + token, "", "/s//[token]"},
		{"/s//" + token, "/s/:token/*", "/s//[token]"},
		{"/l/" + token, "", "/l/[token]"},
		{"/l/" + token + "/report", "/*", "/l/[token]/report"},
		{"/" + token, "", "/[token]"},
		{"/s/" + token + ".", "", "/s/[token]"},
		{"/s/%3C" + token + "%3E", "", "/s/[token]"},
		{"/s/" + token + "%0A", "", "/s/[token]"},
		// By route: what sits where a link route keeps its token, whatever its shape.
		{"/s/" + token[:30], "/s/:token", "/s/[token]"},
		{"/s/not-a-token/draft", "/s/:token/draft", "/s/[token]/draft"},
		{"/s/" + token[:30] + "/x/y", "/s/:token/*", "/s/[token]/x/y"},
		// Nothing else is hidden: ids are not keys, and a log without them would be useless.
		{"/api/v1/rounds/" + round + "/results", "/api/v1/rounds/:id/results", "/api/v1/rounds/" + round + "/results"},
		{"/static/survey.css", "/static/:file", "/static/survey.css"},
		{"/healthz", "/healthz", "/healthz"},
		{"/", "", "/"},
	}
	for _, tt := range tests {
		if got := redactPath(tt.path, tt.route); got != tt.want {
			t.Errorf("redactPath(%q, %q) = %q, want %q", tt.path, tt.route, got, tt.want)
		}
	}
}

// TestTokensNeverLoggedWhereverTheyAre sends tokens, good and mangled, where no route expects
// them and where one does, and finds none of them in the log.
func TestTokensNeverLoggedWhereverTheyAre(t *testing.T) {
	env := newEnv(t)
	_, tokens := env.openRound(env.engagement(3, false))
	token := tokens[threesixty.GroupPeer][0]
	cut := token[:30] // a link broken across lines in an email
	paths := []string{
		"//s/" + token, "/s//" + token, "/s/" + token + "/stop-reminders", "/l/" + token,
		"/l/" + token + "/report", "/s/" + token + "/nothing-here", "/s/" + url.PathEscape(token+">"),
		"/s/" + cut, "/s/" + cut + "/draft", "/api/v1/rounds/" + token,
	}
	for _, p := range paths {
		env.do("GET", p, "", "")
		env.post(p, url.Values{})
	}
	logged := env.logged.String()
	if strings.Contains(logged, cut) {
		t.Errorf("a token reached the log:\n%s", logged)
	}
	if n := strings.Count(logged, "[token]"); n < 2*len(paths) {
		t.Errorf("%d tokens hidden in the log, want at least %d:\n%s", n, 2*len(paths), logged)
	}
	// The survey link itself still works: redaction is only in the log.
	expectStatus(t, env.do("GET", "/s/"+token, "", ""), http.StatusOK)
}
