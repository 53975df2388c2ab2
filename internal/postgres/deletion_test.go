package postgres_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/lib/pq"

	"threesixty/internal/threesixty"
)

// busyEngagement makes an engagement with everything an engagement can have: raters (one of
// them erased), a released baseline with its responses and counts of decline reasons, an open
// closing round with held responses, a draft and a held decline reason, reminder runs, mail sent
// and kept, links, goals with check-ins, and coaching sessions with notes.
// It returns the engagement's id.
func (f *fixture) busyEngagement(leader string) string {
	f.t.Helper()
	e, err := f.store.CreateEngagement(f.ctx, f.coach, &threesixty.Engagement{
		Leader: threesixty.Person{Name: leader, Email: strings.ToLower(leader) + "@example.com"}, Instrument: f.in.ID,
		Anonymity: threesixty.Anonymity{Threshold: 3},
	})
	if err != nil {
		f.t.Fatal(err)
	}
	raters := append(people(threesixty.GroupPeer, leader+"peer", 4), people(threesixty.GroupDirectReport, leader+"report", 3)...)
	raters = append(raters, people(threesixty.GroupOther, leader+"other", 3)...)
	added, _, err := f.store.AddRaters(f.ctx, f.coach, e.ID, raters)
	if err != nil {
		f.t.Fatal(err)
	}
	baseline, issued := f.open(e.ID, threesixty.RoundKindBaseline)
	f.drainToMailbox()
	for i, inv := range issued {
		if inv.Group == threesixty.GroupOther { // enough decliners for their reasons to be counted
			f.decline(inv, threesixty.DeclineReasons[i%len(threesixty.DeclineReasons)])
			continue
		}
		f.submit(inv, f.answers(1+i%5, leader+" listens."))
	}
	f.close(baseline.ID)
	if _, err := f.store.Report(f.ctx, f.coach, baseline.ID); err != nil { // a view in the access log
		f.t.Fatal(err)
	}
	closing, issued := f.open(e.ID, threesixty.RoundKindClosing)
	if _, err := f.store.MintTokens(f.ctx, []string{issued[0].ID, issued[1].ID}); err != nil {
		f.t.Fatal(err)
	}
	f.submit(issued[0], f.answers(4, leader+" improved."))
	if ok, err := f.store.SaveDraft(f.ctx, issued[1].ID, f.answers(2, "")); err != nil || !ok {
		f.t.Fatalf("draft: %v %v", ok, err)
	}
	for _, inv := range issued {
		if inv.Group == threesixty.GroupOther {
			f.decline(inv, threesixty.DeclineNoTime)
			break
		}
	}
	if _, err := f.store.RemindNow(f.ctx, f.coach, closing.ID); err != nil {
		f.t.Fatal(err)
	}
	f.drainToMailbox()
	if err := f.store.EraseRater(f.ctx, f.coach, e.ID, added[6].ID); err != nil {
		f.t.Fatal(err)
	}
	goal, _, err := f.store.CreateGoal(f.ctx, f.coach, e.ID, &threesixty.Goal{Title: leader + " delegates", Competencies: []string{f.in.Competencies[0].ID}})
	if err != nil {
		f.t.Fatal(err)
	}
	if _, err := f.store.AddCheckIn(f.ctx, f.coach, goal.ID, threesixty.CheckIn{Status: threesixty.CheckInOnTrack, Note: leader + " handed over"}); err != nil {
		f.t.Fatal(err)
	}
	if _, err := f.store.CreateCoachingSession(f.ctx, f.coach, e.ID, threesixty.CoachingSession{
		HeldOn: threesixty.DateOf(time.Now(), time.UTC), Minutes: 60, Notes: leader + " talked about the board",
	}); err != nil {
		f.t.Fatal(err)
	}
	return e.ID
}

// identifiers are the ids and words only this engagement's rows hold: any row that holds one
// is the engagement's.
func (f *fixture) identifiers(engagementID, leader string) []string {
	f.t.Helper()
	ids := []string{engagementID, strings.ToLower(leader)}
	for _, q := range []string{
		`SELECT CAST(id AS text) FROM rounds WHERE engagement_id = $1`,
		`SELECT replace(CAST(id AS text), '-', '') FROM rounds WHERE engagement_id = $1`, // in its rounds' own tables' names
		`SELECT CAST(i.id AS text) FROM invitations i JOIN rounds r ON r.id = i.round_id WHERE r.engagement_id = $1`,
		`SELECT CAST(id AS text) FROM raters WHERE engagement_id = $1`,
		`SELECT CAST(id AS text) FROM goals WHERE engagement_id = $1`,
		`SELECT CAST(id AS text) FROM coaching_sessions WHERE engagement_id = $1`,
		`SELECT o.message_id FROM outbox o JOIN rounds r ON r.id = o.round_id WHERE r.engagement_id = $1`,
	} {
		var more []string
		f.Select(&more, q, engagementID)
		if len(more) == 0 {
			f.t.Fatalf("%s finds nothing: the engagement is not as busy as it should be", q)
		}
		ids = append(ids, more...)
	}
	return ids
}

// everyRow is every row of every table of the public schema but deletions, as text in lower
// case, by table; the rounds' own tables included.
func (f *fixture) everyRow() map[string][]string {
	f.t.Helper()
	var tables []string
	f.Select(&tables, `SELECT table_name FROM information_schema.tables
		WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('deletions', 'goose_db_version')
		ORDER BY table_name`)
	rows := map[string][]string{}
	for _, table := range tables {
		var list []string
		f.Select(&list, fmt.Sprintf(`SELECT lower(CAST(t AS text)) FROM %s t ORDER BY 1`, pq.QuoteIdentifier(table)))
		rows[table] = list
	}
	return rows
}

func holdsAny(row string, needles []string) bool {
	for _, n := range needles {
		if strings.Contains(row, strings.ToLower(n)) {
			return true
		}
	}
	return false
}

// TestDeletingAnEngagementLeavesNothingOfIt: an admin deletes an engagement that has everything
// (a release, responses, an open round with its own tables, mail, links, goals, coaching
// sessions, an erased rater). Afterwards no row of any table holds anything of it but the record of the deletion,
// its open round's tables are gone, and every other row of the database is exactly as it was.
// Its coach may not delete it, another coach does not see it, and nothing else deletes a
// release.
func TestDeletingAnEngagementLeavesNothingOfIt(t *testing.T) {
	f := newFixture(t)
	doomed := f.busyEngagement("Doomed")
	f.busyEngagement("Kept")
	mine := f.identifiers(doomed, "Doomed")
	var openRound string
	f.Get(&openRound, `SELECT CAST(id AS text) FROM rounds WHERE engagement_id = $1 AND status = 'open'`, doomed)

	if _, err := f.DB.Exec(`DELETE FROM responses r USING rounds x WHERE x.id = r.round_id AND x.engagement_id = $1`, doomed); err == nil {
		t.Fatal("responses were deleted outside of deleting their engagement")
	}
	if _, err := f.DB.Exec(`DELETE FROM results r USING rounds x WHERE x.id = r.round_id AND x.engagement_id = $1`, doomed); err == nil {
		t.Fatal("a release was deleted outside of deleting its engagement")
	}
	if err := f.store.DeleteEngagement(f.ctx, f.coach, doomed); threesixty.ErrorCode(err) != threesixty.EFORBIDDEN {
		t.Fatalf("the coach deleting their own engagement: %v, want forbidden", err)
	}
	other, _, err := f.store.CreateAccount(f.ctx, "other@coaching.example.net", "Other", threesixty.RoleCoach)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.store.DeleteEngagement(f.ctx, threesixty.AccountActor(other), doomed); threesixty.ErrorCode(err) != threesixty.ENOTFOUND {
		t.Fatalf("another coach deleting the engagement: %v, want not found", err)
	}
	before := f.everyRow()

	admin, _, err := f.store.CreateAccount(f.ctx, "admin@coaching.example.net", "Ada Admin", threesixty.RoleAdmin)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.store.DeleteEngagement(f.ctx, threesixty.AccountActor(admin), doomed); err != nil {
		t.Fatal(err)
	}

	after := f.everyRow()
	for table, rows := range after {
		for _, row := range rows {
			if holdsAny(row, mine) {
				t.Errorf("%s still holds a row of the deleted engagement: %s", table, row)
			}
		}
	}
	for table, rows := range before {
		if holdsAny(table, mine) {
			// A table of the deleted engagement's open round: its rows need say nothing of
			// whose they are (a held decline reason is the reason alone), and the table is
			// checked to be gone below.
			continue
		}
		var kept []string
		for _, row := range rows {
			if !holdsAny(row, mine) {
				kept = append(kept, row)
			}
		}
		got := after[table]
		if table == "accounts" || table == "api_tokens" { // the admin was made in between
			got = nil
			for _, row := range after[table] {
				if !strings.Contains(row, "admin@coaching.example.net") && !strings.Contains(row, admin.ID) {
					got = append(got, row)
				}
			}
		}
		if strings.Join(kept, "\n") != strings.Join(got, "\n") {
			t.Errorf("%s changed beyond the deleted engagement:\n before %v\n after  %v", table, kept, got)
		}
	}
	for _, kind := range []string{"drafts", "held_responses", "held_decline_reasons"} {
		var exists bool
		f.Get(&exists, `SELECT to_regclass(round_table($1, $2)) IS NOT NULL`, kind, openRound)
		if exists {
			t.Errorf("the deleted engagement's open round still has its %s table", kind)
		}
	}
	var record struct {
		Engagement string `db:"engagement_id"`
		Account    string `db:"account_id"`
	}
	f.Get(&record, `SELECT CAST(engagement_id AS text) AS engagement_id, CAST(account_id AS text) AS account_id FROM deletions`)
	if record.Engagement != doomed || record.Account != admin.ID {
		t.Errorf("the deletion is recorded as %+v", record)
	}
	if _, err := f.store.Engagement(f.ctx, threesixty.AccountActor(admin), doomed); threesixty.ErrorCode(err) != threesixty.ENOTFOUND {
		t.Errorf("the deleted engagement: %v", err)
	}
	if err := f.store.DeleteEngagement(f.ctx, threesixty.AccountActor(admin), doomed); threesixty.ErrorCode(err) != threesixty.ENOTFOUND {
		t.Errorf("deleting it again: %v, want not found", err)
	}
	if _, err := f.DB.Exec(`DELETE FROM results`); err == nil {
		t.Error("after a deletion, the other engagement's release could be deleted")
	}
}
