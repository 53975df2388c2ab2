package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"threesixty/internal/threesixty"
)

// TestEveryDeclineReasonIsTakenAndAnyOtherRefused posts, from the confirmation's two addresses,
// reasons that are not offered (each a 422 naming the reason, with the confirmation again and
// nothing recorded), the leader's self-assessment with a reason (refused alike), then every reason
// offered and none: each declines, and each reason is held, once.
func TestEveryDeclineReasonIsTakenAndAnyOtherRefused(t *testing.T) {
	env := newEnv(t)
	round, tokens := env.openRound(env.engagement(3, false))
	declined := func() int {
		n := 0
		for _, p := range decode[threesixty.Round](t, env.api("GET", "/api/v1/rounds/"+round.ID, nil)).Progress {
			n += p.Declined
		}
		return n
	}
	peer := "/s/" + tokens[threesixty.GroupPeer][0]
	for _, bad := range []url.Values{
		{"reason": {"busy"}},
		{"reason": {"No_time"}},
		{"reason": {"no_time "}},
		{"reason": {"rather_not\x00"}},
		{"reason": {"I do not have the time before it closes"}},
		{"reason": {"no_time", "other"}},
		{"reason": {strings.Repeat("x", 5000)}},
	} {
		for _, path := range []string{peer + "/decline", peer} {
			form := url.Values{"_action": {"decline-confirmed"}}
			for k, v := range bad {
				form[k] = v
			}
			rec := env.post(path, form)
			expectStatus(t, rec, http.StatusUnprocessableEntity)
			body := pageText(rec)
			if !strings.Contains(body, `class="problem"`) || !strings.Contains(body, "reason") || !strings.Contains(body, "Yes, decline") {
				t.Errorf("%s with reason %q: the page does not name the reason beside the form:\n%s", path, bad["reason"], body)
			}
		}
	}
	self := "/s/" + tokens[threesixty.GroupSelf][0]
	rec := env.post(self+"/decline", url.Values{"reason": {string(threesixty.DeclineNoTime)}})
	expectStatus(t, rec, http.StatusUnprocessableEntity)
	if !strings.Contains(pageText(rec), "A self-assessment is declined without a reason.") {
		t.Errorf("the leader's reason is refused without saying why:\n%s", pageText(rec))
	}
	if n := declined(); n != 0 || env.HeldDeclineReasons() != 0 {
		t.Fatalf("refused declines recorded %d declines and %d reasons", n, env.HeldDeclineReasons())
	}
	if body := pageText(env.do("GET", self+"/decline", "", "")); strings.Contains(body, `name="reason"`) {
		t.Error("the leader's own confirmation offers reasons")
	}

	var links []string
	for _, g := range threesixty.OthersGroups {
		for _, token := range tokens[g] {
			links = append(links, "/s/"+token)
		}
	}
	if len(links) != len(threesixty.DeclineReasons) {
		t.Fatalf("%d raters for %d reasons", len(links), len(threesixty.DeclineReasons))
	}
	for i, r := range threesixty.DeclineReasons {
		path := links[i]
		if i%2 == 0 {
			path += "/decline"
		}
		page := pageText(env.do("GET", links[i]+"/decline", "", ""))
		if !strings.Contains(page, `value="`+string(r)+`"`) || !strings.Contains(page, r.Label("Alex Morgan")) {
			t.Errorf("the confirmation does not offer %q as %q", r, r.Label("Alex Morgan"))
		}
		rec := env.post(path, url.Values{"_action": {"decline-confirmed"}, "reason": {string(r)}})
		expectStatus(t, rec, http.StatusOK)
		if !strings.Contains(pageText(rec), "never shown with your name or group") {
			t.Errorf("declining with %q does not say how the reason is kept", r)
		}
		expectStatus(t, env.post(path, url.Values{"_action": {"decline-confirmed"}, "reason": {string(r)}}), http.StatusGone)
	}
	expectStatus(t, env.post(self, url.Values{"_action": {"decline-confirmed"}, "reason": {""}}), http.StatusOK)
	if n, held := declined(), env.HeldDeclineReasons(); n != 5 || held != len(threesixty.DeclineReasons) {
		t.Errorf("%d declined and %d reasons held, want 5 and %d", n, held, len(threesixty.DeclineReasons))
	}
}

// TestDeclineReasonsAreShownAfterReleaseFromKDecliners: the round's JSON has no reasons before
// release, and after it the counts per reason; the results page shows them. Below k decliners,
// nobody included, the JSON has an empty list and the page says so in one sentence.
func TestDeclineReasonsAreShownAfterReleaseFromKDecliners(t *testing.T) {
	env := newEnv(t)
	b := env.roundsCoach()
	shown := func(declines int) (map[string]any, string) {
		t.Helper()
		round, tokens := env.openRound(env.engagement(3, false))
		n := 0
		for _, g := range threesixty.OthersGroups {
			for _, token := range tokens[g] {
				if n < declines {
					expectStatus(t, env.post("/s/"+token+"/decline", url.Values{"reason": {string(threesixty.DeclineNoTime)}}), http.StatusOK)
					n++
				}
			}
		}
		if _, set := decode[map[string]any](t, env.api("GET", "/api/v1/rounds/"+round.ID, nil))["decline_reasons"]; set {
			t.Errorf("an open round's JSON has decline_reasons")
		}
		expectStatus(t, env.api("POST", "/api/v1/rounds/"+round.ID+"/close", nil), http.StatusOK)
		got := decode[map[string]any](t, env.api("GET", "/api/v1/rounds/"+round.ID, nil))
		rec := b.get("/rounds/" + round.ID)
		expectStatus(t, rec, http.StatusOK)
		return got, pageText(rec)
	}
	const fewer = "Fewer than 3 people declined, so their reasons are not shown."
	for _, declines := range []int{0, 2} {
		got, page := shown(declines)
		list, ok := got["decline_reasons"].([]any)
		if !ok || len(list) != 0 {
			t.Errorf("%d declined: decline_reasons %v, want an empty list", declines, got["decline_reasons"])
		}
		if !strings.Contains(page, fewer) || strings.Contains(page, threesixty.DeclineNoTime.Label("Alex Morgan")) {
			t.Errorf("%d declined: the results page does not say the reasons are not shown", declines)
		}
	}
	got, page := shown(3)
	list, _ := got["decline_reasons"].([]any)
	if len(list) != len(threesixty.DeclineReasons) {
		t.Fatalf("decline_reasons %v", got["decline_reasons"])
	}
	for i, r := range threesixty.DeclineReasons {
		entry := list[i].(map[string]any)
		want := 0.0
		if r == threesixty.DeclineNoTime {
			want = 3
		}
		if entry["reason"] != string(r) || entry["label"] != r.Label("Alex Morgan") || entry["count"] != want || len(entry) != 3 {
			t.Errorf("decline_reasons[%d] = %v", i, entry)
		}
	}
	if strings.Contains(page, fewer) || !strings.Contains(page, threesixty.DeclineNotCloseEnough.Label("Alex Morgan")) ||
		!strings.Contains(page, "<td class=\"num\">3</td>") {
		t.Errorf("the results page does not show the counts:\n%s", page)
	}
}
