package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
)

// TestEverySurveyRouteIsGuarded walks the route table, so that a route added under a survey
// link later is checked too: none reaches its handler with an unknown or a used link.
func TestEverySurveyRouteIsGuarded(t *testing.T) {
	env := newEnv(t)
	_, tokens := env.openRound(env.engagement(3, false))
	used := tokens[threesixty.GroupPeer][0]
	expectStatus(t, env.post("/s/"+used, env.fullForm("3")), http.StatusOK)
	unknown := strings.Repeat("A", tokenLen)

	routes := 0
	for _, r := range env.e.Routes() {
		if !strings.HasPrefix(r.Path, "/s/:token") || r.Method == echo.RouteNotFound {
			continue
		}
		routes++
		for _, tt := range []struct {
			token string
			want  int
		}{{unknown, http.StatusNotFound}, {used, http.StatusGone}} {
			path := strings.Replace(r.Path, ":token", tt.token, 1)
			rec := env.do(r.Method, path, "application/x-www-form-urlencoded", env.fullForm("3").Encode())
			if rec.Code != tt.want || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/html") {
				t.Errorf("%s %s with a %s link: %d %s, want %d and a page", r.Method, r.Path,
					map[int]string{http.StatusNotFound: "unknown", http.StatusGone: "used"}[tt.want], rec.Code, rec.Header().Get("Content-Type"), tt.want)
			}
		}
	}
	if routes < 8 {
		t.Errorf("found %d survey routes, want the 8 of the route table", routes)
	}
}

// TestPageGroupsAnswerErrorsWithPages: whether an error is a page or JSON is the route group's
// choice, whatever its path, so a new group of pages (a leader's /l/ link) gets pages by
// marking itself.
func TestPageGroupsAnswerErrorsWithPages(t *testing.T) {
	env := newEnv(t)
	fail := func(c echo.Context) error {
		if c.QueryParam("internal") != "" {
			return errors.New("pq: secret detail")
		}
		return threesixty.Errorf(threesixty.ECONFLICT, "this link cannot do that now")
	}
	env.e.Group("/l/:token", pageRequests).GET("", fail)
	env.e.Group("/x/:token").GET("", fail)

	for _, tt := range []struct {
		path, contentType string
		status            int
	}{
		{"/l/abc", "text/html", http.StatusConflict},
		{"/l/abc?internal=1", "text/html", http.StatusInternalServerError},
		{"/l/abc/nothing-here", "text/html", http.StatusNotFound},
		{"/x/abc", "application/json", http.StatusConflict},
		{"/x/abc?internal=1", "application/json", http.StatusInternalServerError},
	} {
		rec := env.do("GET", tt.path, "", "")
		if rec.Code != tt.status || !strings.HasPrefix(rec.Header().Get("Content-Type"), tt.contentType) {
			t.Errorf("%s: %d %s, want %d %s", tt.path, rec.Code, rec.Header().Get("Content-Type"), tt.status, tt.contentType)
		}
		if strings.Contains(rec.Body.String(), "secret") {
			t.Errorf("%s: an internal cause reached the client: %s", tt.path, rec.Body.String())
		}
	}
}

// TestCrossSitePostIsRefusedBeforeTheLookup: a cross-site POST is refused whatever link it
// names, without counting a guess, as it was before the link was guarded by its route group.
func TestCrossSitePostIsRefusedBeforeTheLookup(t *testing.T) {
	env := newEnv(t)
	_, tokens := env.openRound(env.engagement(3, false))
	used := tokens[threesixty.GroupPeer][0]
	expectStatus(t, env.post("/s/"+used, env.fullForm("3")), http.StatusOK)
	expectStatus(t, env.post("/s/"+used+"/decline", url.Values{}, "Sec-Fetch-Site", "cross-site"), http.StatusForbidden)
	expectStatus(t, env.post("/s/not-a-token", url.Values{}, "Sec-Fetch-Site", "cross-site"), http.StatusForbidden)
	var guesses int
	if err := env.DB.Get(&guesses, "SELECT count(*) FROM token_guesses"); err != nil {
		t.Fatal(err)
	}
	if guesses != 0 {
		t.Errorf("a refused cross-site POST counted %d guesses", guesses)
	}
	// A link followed from a webmail page is a cross-site GET, and opens.
	expectStatus(t, env.do("GET", "/s/"+tokens[threesixty.GroupPeer][1], "", "", "Sec-Fetch-Site", "cross-site"), http.StatusOK)
}
