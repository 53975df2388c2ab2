package web

import (
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"threesixty/internal/threesixty"
)

// TestMalformedInputGetsAClearError sends what a careless or hostile client might, and wants a
// 4xx with a message every time: never a 500, never PostgreSQL's words.
func TestMalformedInputGetsAClearError(t *testing.T) {
	env := newEnv(t)
	id := env.engagement(3, false)
	auth := []string{"Authorization", "Bearer " + env.token}
	cases := []struct {
		name, method, path, contentType, body string
		status                                int
	}{
		{"NUL in an id", "GET", "/api/v1/engagements/%00", "", "", 404},
		{"broken UTF-8 in an id", "GET", "/api/v1/rounds/%FF", "", "", 404},
		{"not an id", "POST", "/api/v1/rounds/abc/close", "", "", 404},
		{"NUL in a leader's name", "POST", "/api/v1/engagements", "application/json",
			`{"leader":{"name":"Al\u0000ex","email":"alex@example.com"},"instrument":"leadership-360"}`, 422},
		{"broken UTF-8 in a leader's name", "POST", "/api/v1/engagements", "application/json",
			"{\"leader\":{\"name\":\"Al\xffex\",\"email\":\"alex@example.com\"},\"instrument\":\"leadership-360\"}", 400},
		{"NUL in a rater's name", "POST", "/api/v1/engagements/" + id + "/raters", "application/json",
			`{"raters":[{"name":"Ne\u0000d","email":"ned@example.com","group":"peer"}]}`, 422},
		{"control character in a CSV", "POST", "/api/v1/engagements/" + id + "/raters", "text/csv",
			"name,email,group\nNe\x01d,ned@example.com,peer\n", 422},
		{"broken UTF-8 in a CSV", "POST", "/api/v1/engagements/" + id + "/raters", "text/csv",
			"name,email,group\nNe\xffd,ned@example.com,peer\n", 422},
		{"a round closing in 9999", "POST", "/api/v1/engagements/" + id + "/rounds", "application/json",
			`{"kind":"baseline","closes_at":"9999-12-31T23:59:59-10:00"}`, 422},
		{"a CSV over the size limit", "POST", "/api/v1/engagements/" + id + "/raters", "text/csv",
			"name,email,group\n" + strings.Repeat("Ann,ann@example.com,peer\n", maxJSONBody/20), 413},
		{"a JSON body over the size limit", "POST", "/api/v1/engagements/" + id + "/raters", "application/json",
			`{"raters":[` + strings.Repeat(`{"name":"Ann","email":"ann@example.com","group":"peer"},`, maxJSONBody/50) + `]}`, 413},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := env.do(c.method, c.path, c.contentType, c.body, auth...)
			expectStatus(t, rec, c.status)
			if body := rec.Body.String(); strings.Contains(body, "pq:") || !strings.Contains(body, `"message"`) {
				t.Errorf("body %s", body)
			}
		})
	}
	rec := env.api("GET", "/api/v1/engagements/"+id+"/raters", nil)
	if raters := decode[map[string][]any](t, rec)["raters"]; len(raters) != 4 {
		t.Errorf("the engagement has %d raters after rejected requests, want the original 4", len(raters))
	}
}

func TestMailboxIsOnlyForThisMachine(t *testing.T) {
	store := newEnv(t).store
	base, _ := url.Parse("http://127.0.0.1:8080")
	e := New(&Server{Store: store, BaseURL: base, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Mailbox: true})
	get := func(remote string, header ...string) int {
		req := httptest.NewRequest("GET", "/mailbox", nil)
		req.RemoteAddr, req.Host = remote, "127.0.0.1:8080"
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		return rec.Code
	}
	getHost := func(remote, host string) int {
		req := httptest.NewRequest("GET", "/mailbox", nil)
		req.RemoteAddr, req.Host = remote, host
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		return rec.Code
	}
	if code := get("127.0.0.1:5000"); code != http.StatusOK {
		t.Errorf("from this machine: %d", code)
	}
	if code := get("192.0.2.7:5000"); code != http.StatusForbidden {
		t.Errorf("from elsewhere: %d", code)
	}
	for _, host := range []string{"localhost:8080", "[::1]:8080", "127.0.0.1"} {
		if code := getHost("127.0.0.1:5000", host); code != http.StatusOK {
			t.Errorf("from this machine as %s: %d", host, code)
		}
	}
	// DNS rebinding: another site's name made to resolve to 127.0.0.1.
	if code := getHost("127.0.0.1:5000", "rebind.attacker.example:8080"); code != http.StatusForbidden {
		t.Errorf("under another site's name: %d", code)
	}
	if code := get("127.0.0.1:5000", "X-Forwarded-For", "192.0.2.7"); code != http.StatusForbidden {
		t.Errorf("through a local proxy: %d", code)
	}
}

func TestTrustedProxiesForwardTheClientAddress(t *testing.T) {
	env := newEnv(t)
	_, proxies, _ := net.ParseCIDR("10.0.0.0/8")
	base, _ := url.Parse("http://survey.test")
	e := New(&Server{Store: env.store, Instruments: env.srv.Instruments, BaseURL: base, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), TrustedProxies: []*net.IPNet{proxies}})
	for _, remote := range []string{"10.1.2.3:4000", "192.0.2.9:4000"} {
		req := httptest.NewRequest("GET", "/s/not-a-token", nil)
		req.RemoteAddr = remote
		req.Header.Set("X-Forwarded-For", "203.0.113.5")
		e.ServeHTTP(httptest.NewRecorder(), req)
	}
	var clients []string
	if err := env.DB.Select(&clients, "SELECT client FROM token_guesses WHERE client <> '*' ORDER BY client"); err != nil {
		t.Fatal(err)
	}
	if strings.Join(clients, " ") != "192.0.2.9 203.0.113.5" {
		t.Errorf("guesses counted against %v; want the forwarded address behind the trusted proxy, and the direct one otherwise", clients)
	}
}

func TestARaterListOverTheCapIsRefusedWhole(t *testing.T) {
	env := newEnv(t)
	id := env.engagement(3, false)
	var csv strings.Builder
	csv.WriteString("name,email,group\n")
	for i := 0; i < threesixty.MaxRaters; i++ {
		fmt.Fprintf(&csv, "Rater %d,rater%d@example.com,peer\n", i, i)
	}
	rec := env.do("POST", "/api/v1/engagements/"+id+"/raters", "text/csv", csv.String(), "Authorization", "Bearer "+env.token)
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	got := decode[apiError](t, rec)
	if len(got.Errors) != 1 || !strings.Contains(got.Errors[0].Message, "at most 150 raters") {
		t.Errorf("errors %+v", got.Errors)
	}
	rec = env.api("GET", "/api/v1/engagements/"+id+"/raters", nil)
	if raters := decode[map[string][]any](t, rec)["raters"]; len(raters) != 4 {
		t.Errorf("%d raters after a refused list, want the original 4", len(raters))
	}
}
