package outbox

import (
	"regexp"
	"strings"
	"testing"

	"threesixty/internal/threesixty"
)

var leaderLinkPattern = regexp.MustCompile(`http://survey\.test/l/([A-Za-z0-9_-]{43})`)

// leaderLinks are the leader links in the messages that reached address, oldest first, each
// checked to be in both parts.
func (e *env) leaderLinks(address string) []string {
	e.t.Helper()
	var links []string
	for _, m := range e.smtp.Messages() {
		if len(m.To) != 1 || m.To[0] != address {
			continue
		}
		text, html := m.Body("text/plain"), m.Body("text/html")
		link := leaderLinkPattern.FindStringSubmatch(text)
		if link == nil {
			continue
		}
		if !strings.Contains(html, link[0]) {
			e.t.Errorf("the leader link is in the text of %q but not its HTML", m.Header("Subject"))
		}
		links = append(links, link[1])
	}
	return links
}

// TestTheLeaderLinkIsMintedWhenSentRotatedAndRefusedOnceArchived follows the leader's link
// through its life: it arrives beside the self-assessment link, a shared report brings another,
// rotating revokes every one and sends a fresh one, and archiving leaves none that opens anything.
func TestTheLeaderLinkIsMintedWhenSentRotatedAndRefusedOnceArchived(t *testing.T) {
	e := newEnv(t)
	round, _ := e.round(raters(threesixty.GroupPeer, "pat", "pia", "pete")...)
	w := e.worker(e.store)
	e.drain(w)

	first := e.leaderLinks("alex@example.com")
	if len(first) != 1 {
		t.Fatalf("the leader's invitation carries %d leader links, want 1", len(first))
	}
	a, err := e.store.LeaderAccess(e.ctx, first[0])
	if err != nil || a.EngagementID != round.EngagementID {
		t.Fatalf("the leader link opens %+v, %v", a, err)
	}
	for _, to := range []string{"pat@example.com", "pia@example.com"} {
		if n := len(e.leaderLinks(to)); n != 0 {
			t.Errorf("a rater's invitation carries %d leader links", n)
		}
	}
	var rows []string
	e.Select(&rows, "SELECT row_to_json(o)::text FROM outbox o")
	for _, row := range rows {
		if strings.Contains(row, "/l/") {
			t.Errorf("an outbox row holds a leader link: %s", row)
		}
	}

	if _, err := e.store.CloseRound(e.ctx, e.coach, round.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := e.store.ShareReport(e.ctx, e.coach, round.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := e.store.ShareReport(e.ctx, e.coach, round.ID); err != nil { // again: no second message
		t.Fatal(err)
	}
	e.drain(w)
	shared := e.leaderLinks("alex@example.com")
	if len(shared) != 2 {
		t.Fatalf("after a report was shared twice the leader has %d leader links, want 2", len(shared))
	}

	if err := e.store.RotateLeaderLink(e.ctx, e.coach, round.EngagementID); err != nil {
		t.Fatal(err)
	}
	for _, old := range shared {
		if _, err := e.store.LeaderAccess(e.ctx, old); threesixty.ErrorCode(err) != threesixty.ENOTFOUND {
			t.Errorf("a rotated link still opens: %v", err)
		}
	}
	e.drain(w)
	fresh := e.leaderLinks("alex@example.com")
	if len(fresh) != 3 {
		t.Fatalf("after a rotation the leader has %d leader links, want 3", len(fresh))
	}
	if _, err := e.store.LeaderAccess(e.ctx, fresh[2]); err != nil {
		t.Errorf("the fresh link opens nothing: %v", err)
	}

	// A rotation queued and not yet sent when the engagement is archived is never sent.
	if err := e.store.RotateLeaderLink(e.ctx, e.coach, round.EngagementID); err != nil {
		t.Fatal(err)
	}
	if _, err := e.store.ArchiveEngagement(e.ctx, e.coach, round.EngagementID); err != nil {
		t.Fatal(err)
	}
	e.drain(w)
	if n := len(e.leaderLinks("alex@example.com")); n != 3 {
		t.Errorf("a leader link went out after the archive: %d links", n)
	}
	var minted int
	e.Get(&minted, "SELECT count(*) FROM leader_tokens")
	if minted != 0 {
		t.Errorf("%d leader tokens are left after the archive", minted)
	}
	if err := e.store.RotateLeaderLink(e.ctx, e.coach, round.EngagementID); threesixty.ErrorCode(err) != threesixty.ECONFLICT {
		t.Errorf("rotating an archived engagement's link: %v, want a conflict", err)
	}
}
