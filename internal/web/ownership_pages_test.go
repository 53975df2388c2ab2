package web

import (
	"context"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"threesixty/internal/threesixty"
)

// pageRequest says how the walk calls a page route: the form a POST sends (as the owner's page
// would, the CSRF token added), and whether the route names something of one engagement's, which
// another coach must get 404 for. Routes that name nothing (lists, one's own account) are called
// too, and must show nothing of the first coach's.
type pageRequest struct {
	form  url.Values
	names bool
}

// signedOutPages are the routes for a browser that is not signed in, which the walk leaves alone:
// they name nothing.
var signedOutPages = map[string]bool{
	"GET /":       true,
	"GET /login":  true,
	"POST /login": true,
}

// ownedPages is every route of the dashboard, by the file that registers it; a page route missing
// here fails TestEveryPageHidesWhatIsNotYours, so a new page cannot skip the check.
func ownedPages() map[string]pageRequest {
	all := map[string]pageRequest{}
	for _, part := range []map[string]pageRequest{sessionPageRequests, engagementPageRequests, roundPageRequests, accountPageRequests, adminPageRequests} {
		maps.Copy(all, part)
	}
	return all
}

var sessionPageRequests = map[string]pageRequest{
	"POST /logout":            {},
	"POST /logout-everywhere": {},
}

// TestEveryPageHidesWhatIsNotYours walks the dashboard's routes as a second coach, signed in,
// with the ids of the first coach's engagement, rater, goal, nomination, rounds (one open, one released) and
// account: every route that names something answers 404 and changes nothing; the others show
// nothing of the first coach's. The sign-out routes go last, since they end the walk's session.
func TestEveryPageHidesWhatIsNotYours(t *testing.T) {
	env := newEnv(t)
	engagement, ids := env.firstCoachsThings()
	before := env.snapshotOf(engagement)

	_, other := env.coachWithPassword("other@coaching.example.net", "Other Coach", threesixty.RoleCoach)
	requests := ownedPages()
	walked := map[string]bool{}
	var last []echo.Route
	for _, r := range env.e.Routes() {
		route := r.Method + " " + r.Path
		if r.Method == echo.RouteNotFound || signedOutPages[route] || strings.HasPrefix(r.Path, "/api/") ||
			strings.HasPrefix(r.Path, "/s") || strings.HasPrefix(r.Path, "/l/") || strings.HasPrefix(r.Path, "/static/") ||
			route == "GET /healthz" || route == "GET /readyz" || route == "GET /robots.txt" || route == "GET /mailbox" {
			continue
		}
		if _, known := requests[route]; !known {
			t.Errorf("%s is not in ownedPages: say how to call it, so that its ownership is checked", route)
			continue
		}
		walked[route] = true
		if strings.HasPrefix(r.Path, "/logout") {
			last = append(last, *r)
			continue
		}
		env.walkPage(other, *r, requests[route], ids, engagement)
	}
	for _, r := range last {
		env.walkPage(other, r, requests[r.Method+" "+r.Path], ids, engagement)
	}
	for route := range requests {
		if !walked[route] {
			t.Errorf("ownedPages names %s, which the route table does not have", route)
		}
	}
	if after := env.snapshotOf(engagement); after != before {
		t.Errorf("another coach's requests changed the engagement:\n before %s\n after  %s", before, after)
	}
}

func (env *testEnv) walkPage(b *pageClient, r echo.Route, req pageRequest, ids map[string][]string, engagement string) {
	t := env.t
	t.Helper()
	for _, path := range fill(r.Path, ids) {
		b.get("/engagements") // a page of the second coach's own, for a fresh CSRF token
		var got *httptest.ResponseRecorder
		if r.Method == http.MethodGet {
			got = b.get(path)
		} else {
			form := url.Values{}
			maps.Copy(form, req.form)
			got = b.submit(path, form)
		}
		code, body := got.Code, got.Body.String()
		switch {
		case !req.names:
			if strings.Contains(body, engagement) || strings.Contains(body, "Alex Morgan") {
				t.Errorf("%s %s shows the first coach's engagement", r.Method, path)
			}
		case code != http.StatusNotFound:
			t.Errorf("%s %s as another coach: %d, want 404", r.Method, path, code)
		}
	}
}

// firstCoachsThings gives the env's coach one of everything a page route can name: an engagement
// with a never-invited rater, a released baseline and an open closing round, a goal, a waiting
// nomination and an API token. It returns the engagement and the ids for fill, for the page
// routes and the API's alike.
func (env *testEnv) firstCoachsThings() (string, map[string][]string) {
	t := env.t
	t.Helper()
	engagement := env.engagement(3, false)
	baseline, _ := env.openRound(engagement)
	if _, err := env.store.CloseRound(context.Background(), env.coach, baseline.ID); err != nil {
		t.Fatal(err)
	}
	rec := env.api("POST", "/api/v1/engagements/"+engagement+"/raters", map[string]any{"raters": []map[string]string{
		{"name": "Nat Never", "email": "nat@example.com", "group": "peer"},
	}})
	expectStatus(t, rec, http.StatusCreated)
	never := decode[struct{ Raters []threesixty.Rater }](t, rec).Raters[0].ID
	closing := decode[threesixty.Round](t, env.api("POST", "/api/v1/engagements/"+engagement+"/rounds", map[string]any{
		"kind": "closing", "closes_at": time.Now().Add(72 * time.Hour).UTC().Format(time.RFC3339),
	}))
	rec = env.api("POST", "/api/v1/engagements/"+engagement+"/goals", map[string]any{"title": "Listen first", "competencies": []string{"communication"}})
	expectStatus(t, rec, http.StatusCreated)
	goal := decode[threesixty.Goal](t, rec).ID
	coachingSession := env.createCoachingSession(engagement, daysAgo(1), 60, "The coach's own notes").ID
	expectStatus(t, env.api("PATCH", "/api/v1/engagements/"+engagement, map[string]any{"nomination_allowed": true}), http.StatusOK)
	nomination, err := env.store.ProposeNomination(context.Background(), threesixty.LeaderActor(engagement), engagement,
		threesixty.Nomination{Name: "Nina Nominee", Email: "nina@example.com", Group: threesixty.GroupPeer})
	if err != nil {
		t.Fatal(err)
	}
	_, tokenListed, err := env.store.CreateAPIToken(context.Background(), env.coach.AccountID(), "Zapier")
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string][]string{
		"/goals/:id":        {"/goals/" + goal},
		"/engagements/:id":  {"/engagements/" + engagement},
		"/rounds/:id":       {"/rounds/" + baseline.ID, "/rounds/" + closing.ID},
		":rater":            {never},
		":account":          {env.coach.AccountID()},
		":token":            {tokenListed.ID},
		":nomination":       {nomination.ID},
		"/nominations/:id":  {"/nominations/" + nomination.ID},
		"/sessions/:id":     {"/sessions/" + coachingSession},
		":coaching_session": {coachingSession},
	}
	return engagement, ids
}

// TestEveryFormRefusesARequestWithoutItsToken walks every page route that takes a POST, as the
// owner of what it names, with a form a page would send but without the CSRF token, and with the
// token but from another site: every one is refused with 403, and nothing changes.
func TestEveryFormRefusesARequestWithoutItsToken(t *testing.T) {
	env := newEnv(t)
	engagement, ids := env.firstCoachsThings()
	if err := env.store.SetPassword(context.Background(), env.coach.AccountID(), testPassword); err != nil {
		t.Fatal(err)
	}
	owner := env.browser()
	owner.signIn(env.coach.Account.Email, testPassword)
	before := env.snapshotOf(engagement)
	requests := ownedPages()
	posts := 0
	for _, r := range env.e.Routes() {
		if r.Method != http.MethodPost || strings.HasPrefix(r.Path, "/api/") || strings.HasPrefix(r.Path, "/s/") || strings.HasPrefix(r.Path, "/l/") {
			continue
		}
		for _, path := range fill(r.Path, ids) {
			posts++
			form := url.Values{}
			maps.Copy(form, requests[r.Method+" "+r.Path].form)
			form.Set(csrfField, "")
			owner.get("/engagements")
			if rec := owner.submit(path, form); rec.Code != http.StatusForbidden {
				t.Errorf("POST %s without the CSRF token: %d, want 403", path, rec.Code)
			}
			form.Del(csrfField)
			if rec := owner.submit(path, form, "Sec-Fetch-Site", "cross-site"); rec.Code != http.StatusForbidden {
				t.Errorf("POST %s from another site, token and all: %d, want 403", path, rec.Code)
			}
		}
	}
	if posts < 20 {
		t.Errorf("the walk sent only %d forms", posts)
	}
	if after := env.snapshotOf(engagement); after != before {
		t.Errorf("forms refused for their token changed the engagement:\n before %s\n after  %s", before, after)
	}
	if rec := owner.get("/engagements"); rec.Code != http.StatusOK {
		t.Errorf("a refused sign-out signed the owner out: %d", rec.Code)
	}
}
