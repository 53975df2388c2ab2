package postgres_test

import (
	"strings"
	"testing"

	"github.com/lib/pq"

	"threesixty/internal/threesixty"
)

// TestResponsesCannotBeTiedToInvitations checks the storage half of the anonymity promise: once a
// round is closed, nothing in the database lines a response up with an invitation.
func TestResponsesCannotBeTiedToInvitations(t *testing.T) {
	f := newFixture(t)
	e := f.engagement(threesixty.Anonymity{Threshold: 3}, people(threesixty.GroupPeer, "peer", 7)...)
	round, issued := f.open(e, threesixty.RoundKindBaseline)
	var peers []threesixty.Invitation
	for _, inv := range issued {
		if inv.Group == threesixty.GroupPeer {
			peers = append(peers, inv)
		}
	}
	for _, inv := range peers[:6] {
		f.submit(inv, f.answers(4, ""))
	}
	if ok, err := f.store.SaveDraft(f.ctx, peers[6].ID, f.answers(2, "")); err != nil || !ok {
		t.Fatalf("draft: %v %v", ok, err)
	}
	// Submissions come in over days.
	var held string
	f.Get(&held, "SELECT round_table('held_responses', $1)", round.ID)
	f.Exec("UPDATE " + pq.QuoteIdentifier(held) + " SET submitted_on = submitted_on - CAST(floor(random() * 10) AS int)")
	f.close(round.ID)

	var columns []string
	f.Select(&columns, "SELECT column_name FROM information_schema.columns WHERE table_name = 'responses'")
	for _, c := range columns {
		if strings.Contains(c, "invitation") || strings.Contains(c, "rater") || strings.Contains(c, "token") || strings.Contains(c, "email") || strings.HasSuffix(c, "_at") {
			t.Errorf("responses has a column %q that could identify a rater or time a submission", c)
		}
	}
	var submittedType string
	f.Get(&submittedType, "SELECT data_type FROM information_schema.columns WHERE table_name = 'responses' AND column_name = 'submitted_on'")
	if submittedType != "date" {
		t.Errorf("submitted_on is %s, want date", submittedType)
	}
	var invitationColumns []string
	f.Select(&invitationColumns, "SELECT column_name FROM information_schema.columns WHERE table_name = 'invitations'")
	for _, c := range invitationColumns {
		if strings.HasSuffix(c, "_at") || strings.HasSuffix(c, "_on") {
			t.Errorf("invitations has a time column %q that could be matched to a response", c)
		}
	}
	var counts struct {
		Responses int `db:"responses"`
		Xmins     int `db:"xmins"`
		Shared    int `db:"shared"`
		Dates     int `db:"dates"`
		Completed int `db:"completed"`
	}
	f.Get(&counts, `SELECT
		(SELECT count(*) FROM responses WHERE published_group <> 'self') AS responses,
		(SELECT count(DISTINCT xmin::text) FROM responses) AS xmins,
		(SELECT count(*) FROM responses r JOIN invitations i ON i.xmin::text = r.xmin::text) AS shared,
		(SELECT count(DISTINCT submitted_on) FROM responses) AS dates,
		(SELECT count(*) FROM invitations WHERE status = 'completed') AS completed`)
	if held, drafts := f.OpenRoundAnswers(); held != 0 || drafts != 0 {
		t.Errorf("after close: %d held responses and %d drafts left", held, drafts)
	}
	if reasons := f.HeldDeclineReasons(); reasons != 0 {
		t.Errorf("after close: %d decline reasons held", reasons)
	}
	if counts.Responses != 6 || counts.Xmins != 1 {
		t.Errorf("%d responses written by %d transactions, want 6 by 1", counts.Responses, counts.Xmins)
	}
	if counts.Shared != 0 {
		t.Errorf("%d responses share a transaction id with an invitation", counts.Shared)
	}
	if counts.Dates != 1 {
		t.Errorf("responses carry %d different dates; each date, set against when invitations were reminded, could say whose a response is", counts.Dates)
	}
	if counts.Completed != 6 {
		t.Errorf("%d invitations marked used, want 6", counts.Completed)
	}
}

// TestAfterCloseEachResponseCouldBeAnyOfKPeople is the database administrator's join after close:
// for every stored response, the people it could belong to are those whose invitation to the
// round was completed in a rater group of the response's stored group. Before, responses kept
// their rater group, and the demo's one "other" rater could be read by name.
func TestAfterCloseEachResponseCouldBeAnyOfKPeople(t *testing.T) {
	f := newFixture(t)
	raters := append(append(append(people(threesixty.GroupSuperior, "boss", 2), people(threesixty.GroupPeer, "peer", 4)...),
		people(threesixty.GroupDirectReport, "report", 5)...), people(threesixty.GroupOther, "other", 1)...)
	e := f.engagement(threesixty.Anonymity{Threshold: 3}, raters...)
	round, issued := f.open(e, threesixty.RoundKindBaseline)
	for _, inv := range issued {
		f.submit(inv, f.answers(3, "said by "+string(inv.Group)))
	}
	f.close(round.ID)
	var candidates []struct {
		Group string `db:"published_group"`
		Could int    `db:"could_be"`
	}
	f.Select(&candidates, `SELECT r.published_group,
		(SELECT count(*) FROM invitations i
		 WHERE i.round_id = r.round_id AND i.status = 'completed'
		   AND i.rater_group = ANY(string_to_array(r.published_group, '+'))) AS could_be
		FROM responses r WHERE r.round_id = $1`, round.ID)
	if len(candidates) != len(issued) {
		t.Fatalf("%d responses kept of %d", len(candidates), len(issued))
	}
	groups := map[string]int{}
	for _, c := range candidates {
		groups[c.Group]++
		if c.Group != "self" && c.Could < 3 {
			t.Errorf("a response stored under %q could belong to only %d people", c.Group, c.Could)
		}
	}
	if groups["other"] != 0 || groups["superior"] != 0 {
		t.Errorf("responses are stored under groups too small to publish: %v", groups)
	}
}

// TestResponsesOfALeftOutGroupAreNotKept: a group below k with nothing to merge with is left out
// of the results, and its responses are not kept either; its count stays in the progress.
func TestResponsesOfALeftOutGroupAreNotKept(t *testing.T) {
	f := newFixture(t)
	e := f.engagement(threesixty.Anonymity{Threshold: 3}, people(threesixty.GroupPeer, "peer", 2)...)
	round, issued := f.open(e, threesixty.RoundKindBaseline)
	for _, inv := range issued {
		f.submit(inv, f.answers(4, "a comment"))
	}
	f.close(round.ID)
	var kept []string
	f.Select(&kept, "SELECT published_group FROM responses WHERE round_id = $1", round.ID)
	if strings.Join(kept, ",") != "self" {
		t.Errorf("kept responses under %v, want only the self-assessment", kept)
	}
	r, err := f.store.Round(f.ctx, f.coach, round.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range r.Progress {
		if p.Group == threesixty.GroupPeer && p.Completed != 2 {
			t.Errorf("peer progress after close: %+v", p)
		}
	}
}

// TestDraftGoesWhenItsInvitationIsUsed: however an invitation stops being pending, its draft is
// deleted, even one saved while the status change waited for its lock.
func TestDraftGoesWhenItsInvitationIsUsed(t *testing.T) {
	f := newFixture(t)
	e := f.engagement(threesixty.Anonymity{Threshold: 3})
	_, issued := f.open(e, threesixty.RoundKindBaseline)
	if ok, err := f.store.SaveDraft(f.ctx, issued[0].ID, f.answers(2, "")); !ok || err != nil {
		t.Fatal(ok, err)
	}
	f.Exec("UPDATE invitations SET status = 'declined' WHERE id = $1", issued[0].ID)
	if _, drafts := f.OpenRoundAnswers(); drafts != 0 {
		t.Errorf("%d drafts left after the invitation was declined", drafts)
	}
}
