package web

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/labstack/echo/v4"

	"threesixty/internal/pgtest"
	"threesixty/internal/postgres"
	"threesixty/internal/threesixty"
)

// testEnv is one service on its own fresh database, with one coach.
type testEnv struct {
	t             *testing.T
	e             *echo.Echo
	store         *postgres.Store
	pgtest.Tables // the pool under store, for looking at the tables
	srv           *Server
	coach         threesixty.Actor
	token         string // the coach's API token
	logged        *lockedBuffer
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func newEnv(t *testing.T) *testEnv {
	t.Helper()
	db := pgtest.New(t)
	base, _ := url.Parse("http://survey.test")
	logged := &lockedBuffer{}
	srv := &Server{Store: db.Store, Instruments: db.Instruments, BaseURL: base, Log: slog.New(slog.NewTextHandler(logged, nil))}
	env := &testEnv{t: t, e: New(srv), store: db.Store, Tables: pgtest.Tables{T: t, DB: db.DB}, srv: srv, logged: logged}
	env.coach, env.token = env.account("coach@coaching.example.net", "Casey Coach", threesixty.RoleCoach)
	return env
}

// account makes an account and returns it as an actor, with its API token.
func (env *testEnv) account(email, name string, role threesixty.Role) (threesixty.Actor, string) {
	env.t.Helper()
	a, token, err := env.store.CreateAccount(context.Background(), email, name, role)
	if err != nil {
		env.t.Fatal(err)
	}
	return threesixty.AccountActor(a), token
}

// do sends a request through the whole Echo stack and returns the recorder.
func (env *testEnv) do(method, path, contentType, body string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	env.e.ServeHTTP(rec, req)
	return rec
}

// api sends a JSON request as the env's coach.
func (env *testEnv) api(method, path string, body any) *httptest.ResponseRecorder {
	var b []byte
	switch v := body.(type) {
	case nil:
	case string:
		b = []byte(v)
	default:
		b, _ = json.Marshal(v)
	}
	ct := ""
	if body != nil {
		ct = "application/json"
	}
	return env.do(method, path, ct, string(b), "Authorization", "Bearer "+env.token)
}

func decode[T any](t *testing.T, rec *httptest.ResponseRecorder) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
		t.Fatalf("decoding %q: %v", rec.Body.String(), err)
	}
	return v
}

func expectStatus(t *testing.T, rec *httptest.ResponseRecorder, want int) {
	t.Helper()
	if rec.Code != want {
		body, _ := io.ReadAll(rec.Body)
		t.Fatalf("status %d, want %d; body: %s", rec.Code, want, body)
	}
}

// engagement creates an engagement with raters in every group and returns its id.
func (env *testEnv) engagement(threshold int, superiorIdentifiable bool) string {
	env.t.Helper()
	rec := env.api("POST", "/api/v1/engagements", map[string]any{
		"leader":     map[string]string{"name": "Alex Morgan", "email": "alex@example.com"},
		"instrument": "leadership-360",
		"anonymity":  map[string]any{"threshold": threshold, "superior_identifiable": superiorIdentifiable},
	})
	expectStatus(env.t, rec, http.StatusCreated)
	id := decode[map[string]any](env.t, rec)["id"].(string)
	rec = env.api("POST", "/api/v1/engagements/"+id+"/raters", map[string]any{"raters": []map[string]string{
		{"name": "Sam Superior", "email": "sam@example.com", "group": "superior"},
		{"name": "Pat Peer", "email": "pat@example.com", "group": "peer"},
		{"name": "Pia Peer", "email": "pia@example.com", "group": "peer"},
		{"name": "Dee Report", "email": "dee@example.com", "group": "direct_report"},
	}})
	expectStatus(env.t, rec, http.StatusCreated)
	return id
}

// openRound opens a baseline round through the store, mints a link for every invitation as mail
// would, and returns the round and the tokens by group.
func (env *testEnv) openRound(engagementID string) (*threesixty.Round, map[threesixty.RaterGroup][]string) {
	env.t.Helper()
	in := env.srv.Instruments["leadership-360"]
	round, issued, err := env.store.OpenRound(context.Background(), env.coach, engagementID, threesixty.RoundPlan{
		Kind: threesixty.RoundKindBaseline, ClosesAt: time.Now().Add(72 * time.Hour), InstrumentVersion: in.Version, Reminders: threesixty.DefaultReminders,
	})
	if err != nil {
		env.t.Fatal(err)
	}
	tokens := map[threesixty.RaterGroup][]string{}
	for _, inv := range issued {
		minted, err := env.store.MintTokens(context.Background(), []string{inv.ID})
		if err != nil {
			env.t.Fatal(err)
		}
		tokens[inv.Group] = append(tokens[inv.Group], minted[0])
	}
	return round, tokens
}

// answerAll submits a full survey, every item rated value, on every link of tokens.
func (env *testEnv) answerAll(tokens map[threesixty.RaterGroup][]string, value string) {
	env.t.Helper()
	for _, list := range tokens {
		for _, token := range list {
			expectStatus(env.t, env.post("/s/"+token, env.fullForm(value)), http.StatusOK)
		}
	}
}

// fullForm answers every item of the shipped instrument with value, and the questions with text.
func (env *testEnv) fullForm(value string) url.Values {
	in := env.srv.Instruments["leadership-360"]
	form := url.Values{}
	for _, item := range in.Items {
		form.Set(item.ID, value)
	}
	for _, q := range in.Questions {
		form.Set(q.ID, "Keeps the team focused on what matters.")
	}
	return form
}

func (env *testEnv) post(path string, form url.Values, header ...string) *httptest.ResponseRecorder {
	return env.do("POST", path, "application/x-www-form-urlencoded", form.Encode(), header...)
}
