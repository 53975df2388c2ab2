package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"threesixty/internal/pgtest"
	"threesixty/internal/postgres"
	"threesixty/internal/threesixty"
	"threesixty/surveys"
)

// TestTwoInstancesBehaveAsOne runs two services, each with its own connection pool, on one
// database: whatever one of them did, the other knows.
func TestTwoInstancesBehaveAsOne(t *testing.T) {
	ctx := context.Background()
	dbURL := pgtest.URL(t)
	base, _ := url.Parse("http://survey.test")
	var instances []http.Handler
	var stores []*postgres.Store
	for i := 0; i < 2; i++ {
		db, err := postgres.Connect(ctx, dbURL)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		store, err := postgres.New(db)
		if err != nil {
			t.Fatal(err)
		}
		instruments := surveysByID(t)
		if err := store.SaveInstruments(ctx, []*surveys.Instrument{instruments["leadership-360"]}); err != nil {
			t.Fatal(err)
		}
		stores = append(stores, store)
		instances = append(instances, New(&Server{Store: store, Instruments: instruments, BaseURL: base, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	}
	a, b := instances[0], instances[1]
	send := func(h http.Handler, method, path string, form url.Values) int {
		req := httptest.NewRequest(method, path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code
	}

	account, _, err := stores[0].CreateAccount(ctx, "coach@coaching.example.net", "Casey", threesixty.RoleCoach)
	if err != nil {
		t.Fatal(err)
	}
	coach := threesixty.AccountActor(account)
	in := surveysByID(t)["leadership-360"]
	e, err := stores[0].CreateEngagement(ctx, coach, &threesixty.Engagement{Leader: threesixty.Person{Name: "Alex", Email: "alex@example.com"}, Instrument: in.ID, Anonymity: threesixty.Anonymity{Threshold: 3}})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := stores[0].AddRaters(ctx, coach, e.ID, []threesixty.Rater{{Name: "P", Email: "p@example.com", Group: threesixty.GroupPeer}, {Name: "Q", Email: "q@example.com", Group: threesixty.GroupPeer}}); err != nil {
		t.Fatal(err)
	}
	_, issued, err := stores[1].OpenRound(ctx, coach, e.ID, threesixty.RoundPlan{
		Kind: threesixty.RoundKindBaseline, ClosesAt: time.Now().Add(48 * time.Hour), InstrumentVersion: in.Version, Reminders: threesixty.DefaultReminders,
	})
	if err != nil {
		t.Fatal(err)
	}
	firstTokens, err := stores[0].MintTokens(ctx, []string{issued[1].ID})
	if err != nil {
		t.Fatal(err)
	}
	secondTokens, err := stores[1].MintTokens(ctx, []string{issued[2].ID})
	if err != nil {
		t.Fatal(err)
	}
	first, second := "/s/"+firstTokens[0], "/s/"+secondTokens[0]

	draft := url.Values{in.Items[0].ID: {"2"}}
	if code := send(a, "POST", first+"/draft", draft); code != http.StatusSeeOther {
		t.Fatalf("draft on A: %d", code)
	}
	full := url.Values{}
	for _, item := range in.Items {
		full.Set(item.ID, "4")
	}
	if code := send(b, "POST", first, full); code != http.StatusOK {
		t.Fatalf("submit on B: %d", code)
	}
	if code := send(a, "GET", first, nil); code != http.StatusGone {
		t.Errorf("A still offers a link B used: %d", code)
	}
	if code := send(a, "POST", second+"/decline", nil); code != http.StatusOK {
		t.Fatalf("decline on A: %d", code)
	}
	if code := send(b, "POST", second, full); code != http.StatusGone {
		t.Errorf("B took a response on a link declined on A: %d", code)
	}
	for i := 0; i < threesixty.GuessLimit/2+1; i++ {
		send(a, "GET", "/s/guess-on-a", nil)
		send(b, "GET", "/s/guess-on-b", nil)
	}
	if code := send(b, "GET", "/s/yet-another", nil); code != http.StatusTooManyRequests {
		t.Errorf("guesses spread over two instances are not limited together: %d", code)
	}
}

func surveysByID(t *testing.T) map[string]*surveys.Instrument {
	list, err := surveys.Load()
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*surveys.Instrument{}
	for _, in := range list {
		byID[in.ID] = in
	}
	return byID
}
