package postgres_test

import (
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/lib/pq"

	"threesixty/internal/mail"
	"threesixty/internal/outbox"
	"threesixty/internal/postgres"
	"threesixty/internal/threesixty"
)

// quill is the rater who asks to be forgotten; nothing else in the fixture spells "quill".
var quill = threesixty.Rater{Name: "Quinn Quill", Email: "Quinn.Quill@example.com", Group: threesixty.GroupPeer}

// drainToMailbox sends everything queued the way the demo does, keeping each message in the
// mailbox table: the kept copies are in the database, names and all.
func (f *fixture) drainToMailbox() {
	f.t.Helper()
	base, _ := url.Parse("http://survey.test")
	composer, err := mail.NewComposer(base)
	if err != nil {
		f.t.Fatal(err)
	}
	w := &outbox.Worker{Store: f.store, Composer: composer, Sender: &postgres.KeptMail{Store: f.store},
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if _, err := w.Drain(f.ctx); err != nil {
		f.t.Fatal(err)
	}
}

// tracesOf lists every text, json and array column of every table of the public schema (the
// rounds' own drafts and held responses included) that holds one of the needles, in any case.
func (f *fixture) tracesOf(needles ...string) []string {
	f.t.Helper()
	var columns []struct {
		Table  string `db:"table_name"`
		Column string `db:"column_name"`
	}
	f.Select(&columns, `SELECT c.table_name, c.column_name FROM information_schema.columns c
		JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
		WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
		  AND c.data_type IN ('text', 'character varying', 'json', 'jsonb', 'ARRAY')
		ORDER BY c.table_name, c.column_name`)
	if len(columns) < 20 {
		f.t.Fatalf("only %d columns to search: the query over information_schema is wrong", len(columns))
	}
	var found []string
	for _, c := range columns {
		for _, needle := range needles {
			var n int
			f.Get(&n, fmt.Sprintf(`SELECT count(*) FROM %s WHERE strpos(lower(CAST(%s AS text)), $1) > 0`,
				pq.QuoteIdentifier(c.Table), pq.QuoteIdentifier(c.Column)), strings.ToLower(needle))
			if n > 0 {
				found = append(found, fmt.Sprintf("%s.%s holds %q in %d row(s)", c.Table, c.Column, needle, n))
			}
		}
	}
	return found
}

// kept is what erasure must leave byte for byte: every stored response, every release, and the
// responses held for open rounds.
func (f *fixture) kept() string {
	f.t.Helper()
	var b strings.Builder
	var rows []string
	f.Select(&rows, `SELECT CAST(r AS text) FROM responses r ORDER BY id`)
	b.WriteString(strings.Join(rows, "\n"))
	f.Select(&rows, `SELECT round_id || ' ' || CAST(snapshot AS text) FROM results ORDER BY round_id`)
	b.WriteString(strings.Join(rows, "\n"))
	var tables []string
	f.Select(&tables, `SELECT relname FROM pg_class WHERE relkind = 'r' AND relname LIKE 'held\_responses\_%' ORDER BY relname`)
	for _, table := range tables {
		f.Select(&rows, `SELECT CAST(h AS text) FROM `+pq.QuoteIdentifier(table)+` h ORDER BY CAST(h AS text)`)
		b.WriteString(table + "\n" + strings.Join(rows, "\n"))
	}
	return b.String()
}

func invitationOf(issued []threesixty.Invitation, email string) threesixty.Invitation {
	for _, inv := range issued {
		if inv.To.Email == email {
			return inv
		}
	}
	panic("no invitation for " + email)
}

// TestErasingARaterLeavesNoTraceOfThem: a rater who answered the released baseline and saved a
// draft in the open closing round asks to be forgotten. Afterwards their name and address are
// in no column of any table, not even the removal of an earlier variant of their address or the
// kept mail that told the leader who was asked; every response, release and held response is
// byte for byte what it was; their link opens nothing; their queued reminder is cancelled; the
// audit trail says an erasure happened and names nobody; and erasing again changes nothing.
func TestErasingARaterLeavesNoTraceOfThem(t *testing.T) {
	f := newFixture(t)
	earlier := threesixty.Rater{Name: "Q. Quill", Email: "quinn.quill+old@Example.com", Group: threesixty.GroupPeer}
	e := f.engagement(threesixty.Anonymity{Threshold: 3}, earlier)
	raters, err := f.store.Raters(f.ctx, f.coach, e)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.store.RemoveRater(f.ctx, f.coach, e, raters[0].ID); err != nil {
		t.Fatal(err)
	}
	others := append(people(threesixty.GroupPeer, "peer", 3), people(threesixty.GroupDirectReport, "report", 3)...)
	if _, _, err := f.store.AddRaters(f.ctx, f.coach, e, append(others, quill)); err != nil {
		t.Fatal(err)
	}

	baseline, issued := f.open(e, threesixty.RoundKindBaseline)
	f.drainToMailbox()
	for i, inv := range issued {
		f.submit(inv, f.answers(1+i%5, fmt.Sprintf("Comment %d.", i)))
	}
	f.close(baseline.ID)

	closing, issued := f.open(e, threesixty.RoundKindClosing)
	f.drainToMailbox()
	mine := invitationOf(issued, quill.Email)
	for _, inv := range issued[:5] {
		if inv.ID != mine.ID {
			f.submit(inv, f.answers(3, "Better."))
		}
	}
	if ok, err := f.store.SaveDraft(f.ctx, mine.ID, f.answers(2, "Half written.")); err != nil || !ok {
		t.Fatalf("saving a draft: %v %v", ok, err)
	}
	tokens, err := f.store.MintTokens(f.ctx, []string{mine.ID})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.RemindNow(f.ctx, f.coach, closing.ID); err != nil {
		t.Fatal(err)
	}
	if traces := f.tracesOf("Quinn", "quill"); len(traces) < 5 {
		t.Fatalf("before erasure the rater is found only in %v: the search finds too little to prove anything", traces)
	}
	keptBefore := f.kept()
	_, draftsBefore := f.OpenRoundAnswers()
	progressBefore, err := f.store.Round(f.ctx, f.coach, closing.ID)
	if err != nil {
		t.Fatal(err)
	}

	var id string
	f.Get(&id, `SELECT id FROM raters WHERE email = $1`, quill.Email)
	if err := f.store.EraseRater(f.ctx, f.coach, e, id); err != nil {
		t.Fatal(err)
	}

	if traces := f.tracesOf("Quinn", "quill"); len(traces) > 0 {
		t.Errorf("after erasure:\n%s", strings.Join(traces, "\n"))
	}
	if keptAfter := f.kept(); keptAfter != keptBefore {
		t.Errorf("erasure changed responses or releases:\n before %s\n after  %s", keptBefore, keptAfter)
	}
	if _, drafts := f.OpenRoundAnswers(); drafts != draftsBefore-1 {
		t.Errorf("%d drafts after erasure, want the rater's gone from %d", drafts, draftsBefore)
	}
	if _, err := f.store.SurveyAccess(f.ctx, tokens[0]); threesixty.ErrorCode(err) != threesixty.ENOTFOUND {
		t.Errorf("the erased rater's link: %v, want not found", err)
	}
	var tokensLeft int
	f.Get(&tokensLeft, `SELECT count(*) FROM invitation_tokens t JOIN invitations i ON i.id = t.invitation_id WHERE i.rater_id = $1`, id)
	if tokensLeft != 0 {
		t.Errorf("%d tokens of the erased rater's invitations remain", tokensLeft)
	}
	var statuses []string
	f.Select(&statuses, `SELECT i.status FROM invitations i JOIN rounds r ON r.id = i.round_id WHERE i.rater_id = $1 ORDER BY r.opened_at`, id)
	if !reflect.DeepEqual(statuses, []string{"completed", "withdrawn"}) {
		t.Errorf("the erased rater's invitations are %v, want the answered one completed and the pending one withdrawn", statuses)
	}
	var mailStatuses []string
	f.Select(&mailStatuses, `SELECT o.purpose || ' ' || o.status FROM outbox o JOIN invitations i ON i.id = o.invitation_id
		WHERE i.rater_id = $1 ORDER BY o.created_at, o.purpose`, id)
	if !reflect.DeepEqual(mailStatuses, []string{"invitation sent", "invitation sent", "reminder cancelled"}) {
		t.Errorf("the erased rater's mail is %v", mailStatuses)
	}
	progressAfter, err := f.store.Round(f.ctx, f.coach, closing.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(progressAfter.Progress, progressBefore.Progress) {
		t.Errorf("the open round's progress changed:\n before %+v\n after  %+v", progressBefore.Progress, progressAfter.Progress)
	}
	list, err := f.store.Raters(f.ctx, f.coach, e)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != len(others) {
		t.Errorf("the raters list has %d raters, want the %d others", len(list), len(others))
	}

	// Twice is harmless: nothing more changes, and the trail has one erasure.
	if err := f.store.EraseRater(f.ctx, f.coach, e, id); err != nil {
		t.Errorf("erasing again: %v", err)
	}
	trail, err := f.store.AuditTrail(f.ctx, f.coach, e)
	if err != nil {
		t.Fatal(err)
	}
	erasures := 0
	for _, entry := range trail {
		if entry.Action != threesixty.AuditRaterErased {
			continue
		}
		erasures++
		if entry.Rater != nil || len(entry.Detail) != 0 || entry.By == nil || entry.By.ID != f.coach.AccountID() {
			t.Errorf("the erasure's entry names more than who erased: %+v", entry)
		}
	}
	if erasures != 1 {
		t.Errorf("%d rater_erased entries, want 1", erasures)
	}
	if err := f.store.EraseRater(f.ctx, f.coach, e, "6a0d0f3e-58f5-4d1c-9c3e-2f0c4f1b9a11"); threesixty.ErrorCode(err) != threesixty.ENOTFOUND {
		t.Errorf("erasing a rater the engagement does not have: %v", err)
	}
	if err := f.store.RemoveRater(f.ctx, f.coach, e, id); threesixty.ErrorCode(err) != threesixty.ENOTFOUND {
		t.Errorf("removing an erased rater: %v, want not found", err)
	}

	// The round still closes and releases, from the answers it holds.
	f.close(closing.ID)
}

// TestErasureDoesNotSayWhetherTheRaterAnswered: of two peers, one has answered and one has not.
// Whichever is erased, what the coach can read about the open round (its progress, how many a
// reminder reaches, whether the threshold notice goes) is what it would have been without the
// erasure, and the next round invites neither of them.
func TestErasureDoesNotSayWhetherTheRaterAnswered(t *testing.T) {
	for _, answered := range []bool{true, false} {
		t.Run(fmt.Sprintf("answered=%v", answered), func(t *testing.T) {
			f := newFixture(t)
			// Direct reports reach k; the peers stand at two answers of three, so the
			// threshold notice waits for the third peer.
			e := f.engagement(threesixty.Anonymity{Threshold: 3},
				append(people(threesixty.GroupDirectReport, "report", 3), append(people(threesixty.GroupPeer, "peer", 2), quill)...)...)
			round, issued := f.open(e, threesixty.RoundKindBaseline)
			for _, inv := range issued {
				pending := inv.To.Email == "peer1@example.com"
				if inv.To.Email == quill.Email {
					pending = !answered
				}
				if !pending {
					f.submit(inv, f.answers(4, ""))
				}
			}
			if _, err := f.store.RemindNow(f.ctx, f.coach, round.ID); err != nil {
				t.Fatal(err)
			}
			before, err := f.store.Round(f.ctx, f.coach, round.ID)
			if err != nil {
				t.Fatal(err)
			}
			var id string
			f.Get(&id, `SELECT id FROM raters WHERE email = $1`, quill.Email)
			if err := f.store.EraseRater(f.ctx, f.coach, e, id); err != nil {
				t.Fatal(err)
			}
			after, err := f.store.Round(f.ctx, f.coach, round.ID)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(after.Progress, before.Progress) {
				t.Errorf("progress changed:\n before %+v\n after  %+v", before.Progress, after.Progress)
			}
			// peer1 is pending either way, and so, as far as counts go, is a withdrawn
			// invitation: two reminded when the erased rater had not answered, one when they had.
			want := 1
			if !answered {
				want = 2
			}
			if n, err := f.store.RemindNow(f.ctx, f.coach, round.ID); err != nil || n != want {
				t.Errorf("a reminder after erasure reached %d (%v), want %d as without it", n, err, want)
			}
			if n, err := f.store.NotifyThresholds(f.ctx); err != nil || n != 0 {
				t.Errorf("the threshold notice went right after the erasure (%d, %v)", n, err)
			}
			var queued int
			f.Get(&queued, `SELECT count(*) FROM outbox o JOIN invitations i ON i.id = o.invitation_id
				WHERE i.rater_id = $1 AND o.status = 'queued'`, id)
			if queued != 0 {
				t.Errorf("%d messages to the erased rater are queued", queued)
			}

			f.close(round.ID)
			_, next := f.open(e, threesixty.RoundKindClosing)
			if len(next) != len(issued)-1 {
				t.Errorf("the next round invited %d, want everyone but the erased rater (%d)", len(next), len(issued)-1)
			}
			for _, inv := range next {
				if inv.RaterID != nil && *inv.RaterID == id {
					t.Error("the erased rater was invited to the next round")
				}
			}
		})
	}
}

// TestErasingTheSponsorKeepsTheirAnswerKnown: the sponsor's response stays known to a reader of
// what the sponsor is shown after the sponsor is erased as a rater, so the release treats it as
// it would have.
func TestErasingTheSponsorKeepsTheirAnswerKnown(t *testing.T) {
	f := newFixture(t)
	sponsor := threesixty.Rater{Name: "Priya", Email: "priya@example.com", Group: threesixty.GroupSuperior}
	e := f.engagement(threesixty.Anonymity{Threshold: 3}, append(people(threesixty.GroupSuperior, "boss", 2), sponsor)...)
	round, issued := f.open(e, threesixty.RoundKindBaseline)
	for _, inv := range issued {
		f.submit(inv, f.answers(3, ""))
	}
	var id string
	f.Get(&id, `SELECT id FROM raters WHERE email = $1`, sponsor.Email)
	if err := f.store.EraseRater(f.ctx, f.coach, e, id); err != nil {
		t.Fatal(err)
	}
	f.close(round.ID)
	_, res, err := f.store.Results(f.ctx, f.coach, round.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range res.Groups {
		if g.Key == string(threesixty.GroupSuperior) {
			t.Errorf("the superiors are shown on their own, as if the erased sponsor's answer were unknown: %+v", res.Groups)
		}
	}
}

// TestAnErasureRacingASubmissionEndsOneWayOrTheOther: a rater submits at the moment they are
// erased. Either the submission came first (the invitation is completed, the response held, and
// the erasure leaves both) or the erasure did (the invitation is withdrawn, nothing is held, and
// the submission is refused); never a response without its invitation used, or the reverse.
func TestAnErasureRacingASubmissionEndsOneWayOrTheOther(t *testing.T) {
	f := newFixture(t)
	for i := 0; i < 12; i++ {
		rater := threesixty.Rater{Name: "Racer", Email: fmt.Sprintf("racer%d@example.com", i), Group: threesixty.GroupPeer}
		e := f.engagement(threesixty.Anonymity{Threshold: 3}, rater)
		round, issued := f.open(e, threesixty.RoundKindBaseline)
		inv := invitationOf(issued, rater.Email)
		heldBefore, _ := f.OpenRoundAnswers()
		submitted := make(chan bool)
		go func() {
			ok, err := f.store.SubmitResponse(f.ctx, inv.ID, f.answers(3, ""))
			if err != nil {
				t.Error(err)
			}
			submitted <- ok
		}()
		if err := f.store.EraseRater(f.ctx, f.coach, e, *inv.RaterID); err != nil {
			t.Fatal(err)
		}
		ok := <-submitted
		var status string
		f.Get(&status, `SELECT status FROM invitations WHERE id = $1`, inv.ID)
		held, _ := f.OpenRoundAnswers()
		switch {
		case ok && (status != "completed" || held != heldBefore+1):
			t.Errorf("the submission went through but the invitation is %s with %d responses held (was %d)", status, held, heldBefore)
		case !ok && (status != "withdrawn" || held != heldBefore):
			t.Errorf("the submission was refused but the invitation is %s with %d responses held (was %d)", status, held, heldBefore)
		}
		f.close(round.ID)
	}
}
