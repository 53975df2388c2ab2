package postgres_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"threesixty/internal/pgtest"
	"threesixty/internal/postgres"
	"threesixty/internal/threesixty"
)

// TestResponsesCannotBeTiedToInvitations checks the storage half of the anonymity promise: once a
// round is closed, nothing in the database lines a response up with an invitation.
func TestResponsesCannotBeTiedToInvitations(t *testing.T) {
	ctx := context.Background()
	store, instruments := pgtest.Store(t)
	in := instruments["leadership-360"]
	coach, _, err := store.CreateCoach(ctx, "coach@example.com", "Casey", false)
	if err != nil {
		t.Fatal(err)
	}
	e, err := store.CreateEngagement(ctx, coach, &threesixty.Engagement{
		Leader: threesixty.Person{Name: "Alex", Email: "alex@example.com"}, Instrument: in.ID,
		Anonymity: threesixty.Anonymity{Threshold: 3},
	})
	if err != nil {
		t.Fatal(err)
	}
	var raters []threesixty.Rater
	for _, email := range []string{"a", "b", "c", "d", "e", "f", "g"} {
		raters = append(raters, threesixty.Rater{Name: strings.ToUpper(email), Email: email + "@example.com", Group: threesixty.GroupPeer})
	}
	if _, _, err := store.AddRaters(ctx, coach, e.ID, raters); err != nil {
		t.Fatal(err)
	}
	round, issued, err := store.OpenRound(ctx, coach, e.ID, postgres.RoundPlan{Kind: threesixty.RoundKindBaseline, ClosesAt: time.Now().Add(time.Hour * 48), InstrumentVersion: in.Version, Reminders: threesixty.DefaultReminders})
	if err != nil {
		t.Fatal(err)
	}
	v := 4
	answers := threesixty.Answers{Ratings: map[string]*int{in.Items[0].ID: &v}, Comments: map[string]string{}}
	for _, inv := range issued[:6] {
		if ok, err := store.SubmitResponse(ctx, inv.ID, answers); err != nil || !ok {
			t.Fatalf("submit: %v %v", ok, err)
		}
	}
	if ok, err := store.SaveDraft(ctx, issued[6].ID, answers); err != nil || !ok {
		t.Fatalf("draft: %v %v", ok, err)
	}
	db := store.DB()
	var heldIDs []string
	if err := db.Select(&heldIDs, "SELECT id FROM held_responses"); err != nil {
		t.Fatal(err)
	}

	// Submissions come in over days.
	db.MustExec("UPDATE held_responses SET submitted_on = submitted_on - CAST(floor(random() * 10) AS int)")
	if _, err := store.CloseRound(ctx, coach, round.ID); err != nil {
		t.Fatal(err)
	}

	var columns []string
	db.Select(&columns, "SELECT column_name FROM information_schema.columns WHERE table_name = 'responses'")
	for _, c := range columns {
		if strings.Contains(c, "invitation") || strings.Contains(c, "rater_id") || strings.Contains(c, "token") || strings.Contains(c, "email") || strings.HasSuffix(c, "_at") {
			t.Errorf("responses has a column %q that could identify a rater or time a submission", c)
		}
	}
	var submittedType string
	db.Get(&submittedType, "SELECT data_type FROM information_schema.columns WHERE table_name = 'responses' AND column_name = 'submitted_on'")
	if submittedType != "date" {
		t.Errorf("submitted_on is %s, want date", submittedType)
	}
	var invitationColumns []string
	db.Select(&invitationColumns, "SELECT column_name FROM information_schema.columns WHERE table_name = 'invitations'")
	for _, c := range invitationColumns {
		if strings.HasSuffix(c, "_at") || strings.HasSuffix(c, "_on") {
			t.Errorf("invitations has a time column %q that could be matched to a response", c)
		}
	}

	var counts struct {
		Held      int `db:"held"`
		Drafts    int `db:"drafts"`
		Responses int `db:"responses"`
		Xmins     int `db:"xmins"`
		Shared    int `db:"shared"`
		Reused    int `db:"reused"`
	}
	err = db.Get(&counts, `SELECT
		(SELECT count(*) FROM held_responses) AS held,
		(SELECT count(*) FROM drafts) AS drafts,
		(SELECT count(*) FROM responses) AS responses,
		(SELECT count(DISTINCT xmin::text) FROM responses) AS xmins,
		(SELECT count(*) FROM responses r JOIN invitations i ON i.xmin::text = r.xmin::text) AS shared,
		(SELECT count(*) FROM responses WHERE id = ANY($1::uuid[])) AS reused`, "{"+strings.Join(heldIDs, ",")+"}")
	if err != nil {
		t.Fatal(err)
	}
	if counts.Held != 0 || counts.Drafts != 0 {
		t.Errorf("after close: %d held responses and %d drafts left", counts.Held, counts.Drafts)
	}
	if counts.Responses != 6 || counts.Xmins != 1 {
		t.Errorf("%d responses written by %d transactions, want 6 by 1", counts.Responses, counts.Xmins)
	}
	if counts.Shared != 0 {
		t.Errorf("%d responses share a transaction id with an invitation", counts.Shared)
	}
	if counts.Reused != 0 {
		t.Errorf("%d responses kept the id they had while held", counts.Reused)
	}
	var dates int
	db.Get(&dates, "SELECT count(DISTINCT submitted_on) FROM responses")
	if dates != 1 {
		t.Errorf("responses carry %d different dates; each date, set against when invitations were reminded, could say whose a response is", dates)
	}
	var completed int
	db.Get(&completed, "SELECT count(*) FROM invitations WHERE status = 'completed'")
	if completed != 6 {
		t.Errorf("%d invitations marked used, want 6", completed)
	}
}

// TestDraftGoesWhenItsInvitationIsUsed: however an invitation stops being pending, its draft is
// deleted, even one saved while the status change waited for its lock.
func TestDraftGoesWhenItsInvitationIsUsed(t *testing.T) {
	ctx := context.Background()
	store, instruments := pgtest.Store(t)
	in := instruments["leadership-360"]
	coach, _, _ := store.CreateCoach(ctx, "coach@example.com", "Casey", false)
	e, _ := store.CreateEngagement(ctx, coach, &threesixty.Engagement{Leader: threesixty.Person{Name: "Alex", Email: "alex@example.com"}, Instrument: in.ID, Anonymity: threesixty.Anonymity{Threshold: 3}})
	_, issued, err := store.OpenRound(ctx, coach, e.ID, postgres.RoundPlan{Kind: threesixty.RoundKindBaseline, ClosesAt: time.Now().Add(48 * time.Hour), InstrumentVersion: in.Version, Reminders: threesixty.DefaultReminders})
	if err != nil {
		t.Fatal(err)
	}
	v := 2
	if ok, err := store.SaveDraft(ctx, issued[0].ID, threesixty.Answers{Ratings: map[string]*int{in.Items[0].ID: &v}}); !ok || err != nil {
		t.Fatal(ok, err)
	}
	store.DB().MustExec("UPDATE invitations SET status = 'declined' WHERE id = $1", issued[0].ID)
	var drafts int
	store.DB().Get(&drafts, "SELECT count(*) FROM drafts")
	if drafts != 0 {
		t.Errorf("%d drafts left after the invitation was declined", drafts)
	}
}
