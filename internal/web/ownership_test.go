package web

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
)

// ownedRequests says, for every route of the coach's API, what a request to it carries: the
// kind of id each parameter takes and a body the route would accept from the owner, so that a
// refusal can only come from ownership. A route of the API missing here fails
// TestEveryAPIRouteHidesWhatIsNotYours, so a new route cannot skip the check.
var ownedRequests = map[string]string{
	"POST /api/v1/engagements":                         "",
	"GET /api/v1/engagements":                          "",
	"GET /api/v1/engagements/:id":                      "",
	"PATCH /api/v1/engagements/:id":                    `{"anonymity":{"threshold":4}}`,
	"DELETE /api/v1/engagements/:id":                   "",
	"POST /api/v1/engagements/:id/raters":              `{"raters":[{"name":"Nia New","email":"nia@example.com","group":"peer"}]}`,
	"GET /api/v1/engagements/:id/raters":               "",
	"DELETE /api/v1/engagements/:id/raters/:rater":     "",
	"POST /api/v1/engagements/:id/raters/:rater/erase": "",
	"GET /api/v1/engagements/:id/audit-trail":          "",
	"GET /api/v1/engagements/:id/export":               "",
	"GET /api/v1/engagements/:id/comparison":           "",
	"GET /api/v1/engagements/:id/sponsor-summary.pdf":  "",
	"POST /api/v1/engagements/:id/rounds":              `{"kind":"closing","closes_at":"` + time.Now().Add(72*time.Hour).UTC().Format(time.RFC3339) + `"}`,
	"GET /api/v1/engagements/:id/rounds":               "",
	"GET /api/v1/rounds/:id":                           "",
	"POST /api/v1/rounds/:id/close":                    "",
	"GET /api/v1/rounds/:id/results":                   "",
	"GET /api/v1/rounds/:id/report.pdf":                "",
	"POST /api/v1/rounds/:id/remind":                   "",
	"POST /api/v1/engagements/:id/goals":               `{"title":"Delegate more","competencies":["delegation-accountability"]}`,
	"GET /api/v1/engagements/:id/goals":                "",
	"GET /api/v1/goals/:id":                            "",
	"PATCH /api/v1/goals/:id":                          `{"title":"Delegate much more"}`,
	"DELETE /api/v1/goals/:id":                         "",
	"POST /api/v1/goals/:id/checkins":                  `{"note":"Handed over the budget","status":"on_track"}`,
	"POST /api/v1/engagements/:id/sessions":            `{"held_on":"` + time.Now().UTC().Format(threesixty.DateLayout) + `","minutes":60,"notes":"Mine now"}`,
	"GET /api/v1/engagements/:id/sessions":             "",
	"GET /api/v1/sessions/:id":                         "",
	"PATCH /api/v1/sessions/:id":                       `{"minutes":90,"notes":"Mine now"}`,
	"DELETE /api/v1/sessions/:id":                      "",
	"POST /api/v1/engagements/:id/leader-link/rotate":  "",
	"POST /api/v1/engagements/:id/archive":             "",
	"GET /api/v1/engagements/:id/nominations":          "",
	"POST /api/v1/nominations/:id/approve":             "",
	"POST /api/v1/nominations/:id/reject":              "",
	"POST /api/v1/rounds/:id/share":                    "",
	"GET /api/v1/engagements/:id/sponsor-consent":      "",
}

// TestEveryAPIRouteHidesWhatIsNotYours walks the route table as a second coach, with the ids of
// the first coach's engagement, rater, goal, nomination and rounds (one open, one released): every route that
// names something answers 404, exactly as for an id that does not exist, and changes nothing;
// the lists show nothing of the first coach's.
func TestEveryAPIRouteHidesWhatIsNotYours(t *testing.T) {
	env := newEnv(t)
	engagement, ids := env.firstCoachsThings()
	before := env.snapshotOf(engagement)

	_, other := env.account("other@coaching.example.net", "Other Coach", threesixty.RoleCoach)
	walked := map[string]bool{}
	for _, r := range env.e.Routes() {
		if !strings.HasPrefix(r.Path, "/api/") || r.Method == echo.RouteNotFound {
			continue
		}
		route := r.Method + " " + r.Path
		body, known := ownedRequests[route]
		if !known {
			t.Errorf("%s is not in ownedRequests: say how to call it, so that its ownership is checked", route)
			continue
		}
		walked[route] = true
		for _, path := range fill(r.Path, ids) {
			ct := ""
			if body != "" {
				ct = "application/json"
			}
			rec := env.do(r.Method, path, ct, body, "Authorization", "Bearer "+other)
			switch {
			case !strings.Contains(r.Path, ":"):
				// A list or a create: the second coach's own, with nothing of the first's in it.
				if strings.Contains(rec.Body.String(), engagement) {
					t.Errorf("%s %s shows the first coach's engagement: %s", r.Method, path, rec.Body.String())
				}
			case rec.Code != http.StatusNotFound:
				t.Errorf("%s %s as another coach: %d %s, want 404", r.Method, path, rec.Code, rec.Body.String())
			}
		}
	}
	for route := range ownedRequests {
		if !walked[route] {
			t.Errorf("ownedRequests names %s, which the route table does not have", route)
		}
	}
	if after := env.snapshotOf(engagement); after != before {
		t.Errorf("another coach's requests changed the engagement:\n before %s\n after  %s", before, after)
	}
}

// fill gives the paths of a route with each parameter's part of it replaced by every value given
// for that part.
func fill(path string, ids map[string][]string) []string {
	paths := []string{path}
	for param, values := range ids {
		var next []string
		for _, p := range paths {
			if !strings.Contains(p, param) {
				next = append(next, p)
				continue
			}
			for _, v := range values {
				next = append(next, strings.Replace(p, param, v, 1))
			}
		}
		paths = next
	}
	for _, p := range paths {
		if strings.Contains(p, ":") {
			panic("no ids for a parameter of " + p)
		}
	}
	return paths
}

// snapshotOf is what the owner sees of an engagement, its raters, rounds, audit trail, goals,
// nominations, sponsor consent and coaching sessions, as one string.
func (env *testEnv) snapshotOf(engagement string) string {
	env.t.Helper()
	var b strings.Builder
	for _, path := range []string{"/engagements/" + engagement, "/engagements/" + engagement + "/raters", "/engagements/" + engagement + "/rounds", "/engagements/" + engagement + "/audit-trail", "/engagements/" + engagement + "/goals", "/engagements/" + engagement + "/nominations",
		"/engagements/" + engagement + "/sponsor-consent", "/engagements/" + engagement + "/sessions"} {
		rec := env.api("GET", "/api/v1"+path, nil)
		expectStatus(env.t, rec, http.StatusOK)
		b.WriteString(rec.Body.String())
	}
	return b.String()
}
