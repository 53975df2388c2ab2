package outbox

import (
	"io"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lib/pq"

	"threesixty/internal/smtptest"
	"threesixty/internal/threesixty"
)

func TestOpeningARoundMailsEveryoneTheirLink(t *testing.T) {
	e := newEnv(t)
	_, invitations := e.round(append(raters(threesixty.GroupPeer, "pat", "pia", "pete"), raters(threesixty.GroupDirectReport, "dee")...)...)
	e.drain(e.worker(e.store))

	got := e.byRecipient()
	for _, inv := range invitations {
		if got[inv.To.Email] != 1 {
			t.Errorf("%s received %d messages, want 1", inv.To.Email, got[inv.To.Email])
		}
	}
	if len(got) != len(invitations) {
		t.Errorf("messages went to %v", got)
	}
	if conns := e.smtp.Connections(); conns != 1 {
		t.Errorf("%d SMTP connections for one batch, want 1", conns)
	}

	// Each link opens its own recipient's invitation, as the survey page would look it up.
	invitationOf := map[string]string{}
	for _, inv := range invitations {
		invitationOf[inv.To.Email] = inv.ID
	}
	for _, m := range e.smtp.Messages() {
		text, html := m.Body("text/plain"), m.Body("text/html")
		link := linkPattern.FindStringSubmatch(text)
		if link == nil || !strings.Contains(html, link[0]) {
			t.Fatalf("message to %v has no link in both parts:\n%s", m.To, text)
		}
		if m.Header("Message-ID") == "" {
			t.Errorf("message to %v has no Message-ID", m.To)
		}
		a, err := e.store.SurveyAccess(e.ctx, link[1])
		if err != nil {
			t.Errorf("the link sent to %v opens nothing: %v", m.To, err)
			continue
		}
		if len(m.To) != 1 || a.InvitationID != invitationOf[m.To[0]] {
			t.Errorf("the link sent to %v opens invitation %s", m.To, a.InvitationID)
		}
		if reason := a.Usable(time.Now()); reason != "" {
			t.Errorf("the link sent to %v is %s", m.To, reason)
		}
	}

	// The outbox never held a token: only hashes exist, one per message sent.
	var rows []string
	e.Select(&rows, "SELECT row_to_json(o)::text FROM outbox o")
	for _, row := range rows {
		if linkPattern.MatchString(row) || strings.Contains(row, "/s/") {
			t.Errorf("an outbox row holds a link: %s", row)
		}
	}
	if s := e.statuses(); s["sent"] != len(invitations) {
		t.Errorf("outbox statuses %v", s)
	}
}

func TestEveryMessageArrivesOnceAfterTheServerRecovers(t *testing.T) {
	e := newEnv(t)
	_, invitations := e.round(raters(threesixty.GroupPeer, "a", "b", "c", "d", "f")...)
	w := e.worker(e.store)
	w.Attempts = 20

	// First the server is down: connection refused, for one batch.
	e.smtp.Stop()
	if _, err := w.Step(e.ctx); err != nil {
		t.Fatal(err)
	}
	if s := e.statuses(); s["queued"] != len(invitations) {
		t.Fatalf("after a refused connection the outbox is %v, want every message queued for a retry", s)
	}
	// Then it answers "try again later" to a few attempts.
	var mu sync.Mutex
	refusals := 8
	e.smtp.Restart(t)
	e.smtp.Refuse = func(string) error {
		mu.Lock()
		defer mu.Unlock()
		if refusals > 0 {
			refusals--
			return smtptest.Temporary
		}
		return nil
	}
	e.drain(w)

	got := e.byRecipient()
	for _, inv := range invitations {
		if got[inv.To.Email] != 1 {
			t.Errorf("%s received %d messages, want exactly 1", inv.To.Email, got[inv.To.Email])
		}
	}
	ids := map[string]bool{}
	for _, m := range e.smtp.Messages() {
		ids[m.Header("Message-ID")] = true
	}
	if len(ids) != len(invitations) {
		t.Errorf("%d distinct Message-IDs for %d messages", len(ids), len(invitations))
	}
	var attempts int
	e.Get(&attempts, "SELECT max(attempts) FROM outbox")
	if attempts < 2 {
		t.Errorf("nothing was retried (max attempts %d)", attempts)
	}
}

func TestPermanentRefusalIsNotRetried(t *testing.T) {
	e := newEnv(t)
	r, _ := e.round(raters(threesixty.GroupPeer, "good", "gone")...)
	e.smtp.Refuse = func(rcpt string) error {
		if strings.HasPrefix(rcpt, "gone@") {
			return smtptest.Permanent
		}
		return nil
	}
	e.drain(e.worker(e.store))
	var bounced struct {
		Status   string `db:"status"`
		Attempts int    `db:"attempts"`
	}
	e.Get(&bounced, "SELECT status, attempts FROM outbox WHERE recipient = 'gone@example.com'")
	if bounced.Status != "bounced" || bounced.Attempts != 1 {
		t.Errorf("the refused message is %s after %d attempts, want bounced after 1", bounced.Status, bounced.Attempts)
	}
	round, err := e.store.Round(e.ctx, e.coach, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range round.Progress {
		if p.Group == threesixty.GroupPeer && (p.Bounced != 1 || p.Invited != 2) {
			t.Errorf("peer progress %+v, want 1 bounced of 2", p)
		}
	}
}

// TestProgressShowsMailWaitingForARetry: while a mail server refuses for now, the coach sees the
// invitation as delayed in its group, not simply unanswered; once it is sent, it is not.
func TestProgressShowsMailWaitingForARetry(t *testing.T) {
	e := newEnv(t)
	r, _ := e.round(raters(threesixty.GroupPeer, "slow", "fine")...)
	e.smtp.Refuse = func(rcpt string) error {
		if strings.HasPrefix(rcpt, "slow@") {
			return smtptest.Temporary
		}
		return nil
	}
	w := e.worker(e.store)
	w.Backoff, w.MaxBackoff = time.Hour, time.Hour
	if _, err := w.Drain(e.ctx); err != nil {
		t.Fatal(err)
	}
	peers := func() threesixty.GroupProgress {
		round, err := e.store.Round(e.ctx, e.coach, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range round.Progress {
			if p.Group == threesixty.GroupPeer {
				return p
			}
		}
		t.Fatal("no peer progress")
		return threesixty.GroupProgress{}
	}
	if p := peers(); p.Delayed != 1 || p.Bounced != 0 || p.Failed != 0 {
		t.Errorf("peer progress %+v, want 1 delayed", p)
	}
	e.smtp.Refuse = nil
	e.Exec("UPDATE outbox SET next_attempt_at = now() WHERE status = 'queued'")
	e.drain(w)
	if p := peers(); p.Delayed != 0 {
		t.Errorf("peer progress %+v after the retry went out, want none delayed", p)
	}
}

func TestTemporaryFailuresStopAtTheLimit(t *testing.T) {
	e := newEnv(t)
	e.round(raters(threesixty.GroupPeer, "never")...)
	e.smtp.Refuse = func(string) error { return smtptest.Temporary }
	w := e.worker(e.store)
	w.Attempts = 3
	e.drain(w)
	var failed struct {
		Status   string `db:"status"`
		Attempts int    `db:"attempts"`
	}
	e.Get(&failed, "SELECT status, attempts FROM outbox WHERE recipient = 'never@example.com'")
	if failed.Status != "failed" || failed.Attempts != 3 {
		t.Errorf("after endless 451s the message is %s after %d attempts, want failed after 3", failed.Status, failed.Attempts)
	}
}

func TestTwoWorkerPoolsSendEachMessageOnce(t *testing.T) {
	e := newEnv(t)
	var many []threesixty.Rater
	for i := 0; i < 120; i++ {
		many = append(many, threesixty.Rater{Name: "R", Email: "r" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + string(rune('a'+i/26)) + "@example.com", Group: threesixty.GroupPeer})
	}
	_, invitations := e.round(many...)

	other, _ := e.openStore() // a second instance: its own pool on the same database
	var wg sync.WaitGroup
	for _, store := range []Store{e.store, other, e.store, other} {
		w := e.worker(store)
		w.Batch = 7
		wg.Go(func() {
			if _, err := w.Drain(e.ctx); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	e.drain(e.worker(e.store))
	if n := e.smtp.Received(); n != len(invitations) {
		t.Errorf("%d messages arrived for %d invitations", n, len(invitations))
	}
	ids := map[string]int{}
	for _, m := range e.smtp.Messages() {
		ids[m.Header("Message-ID")]++
	}
	for id, n := range ids {
		if n != 1 {
			t.Errorf("%s arrived %d times", id, n)
		}
	}
}

func TestExpiredLeaseGivesTheMessageBack(t *testing.T) {
	e := newEnv(t)
	e.round()
	claim, claimed, err := e.store.Claim(e.ctx, 10, time.Second)
	if err != nil || len(claimed) != 1 {
		t.Fatalf("claimed %d, %v", len(claimed), err)
	}
	// The worker that claimed it died. Until the lease runs out, nobody else gets it.
	if _, again, err := e.store.Claim(e.ctx, 10, time.Minute); err != nil || len(again) != 0 {
		t.Fatalf("a leased message was claimed twice (%v)", err)
	}
	time.Sleep(1100 * time.Millisecond)
	e.drain(e.worker(e.store))
	if n := e.smtp.Received(); n != 1 {
		t.Errorf("%d messages arrived after the lease ran out, want 1", n)
	}
	// The first worker comes back to life: its claim is over, so what it records is ignored.
	stale := claimed[0]
	if err := e.store.Retry(e.ctx, claim, stale.ID, time.Now(), "late"); err != nil {
		t.Fatal(err)
	}
	if err := e.store.End(e.ctx, claim, stale.ID, Bounced, "late"); err != nil {
		t.Fatal(err)
	}
	if s := e.statuses(); s["sent"] != 1 || len(s) != 1 {
		t.Errorf("after a stale worker recorded outcomes the outbox is %v, want the message sent", s)
	}
}

func TestRemindersGoOnlyToThoseWhoHaveNotAnswered(t *testing.T) {
	e := newEnv(t)
	round, invitations := e.round(raters(threesixty.GroupPeer, "done", "declined", "quiet", "waiting")...)
	e.drain(e.worker(e.store))
	who := map[string]threesixty.Invitation{}
	for _, inv := range invitations {
		who[strings.TrimSuffix(inv.To.Email, "@example.com")] = inv
	}
	v := 3
	answers := threesixty.Answers{Ratings: map[string]*int{e.in.Items[0].ID: &v}}
	if ok, err := e.store.SubmitResponse(e.ctx, who["done"].ID, answers); !ok || err != nil {
		t.Fatal(ok, err)
	}
	if ok, err := e.store.Decline(e.ctx, who["declined"].ID, nil); !ok || err != nil {
		t.Fatal(ok, err)
	}
	if err := e.store.StopReminders(e.ctx, who["quiet"].ID); err != nil {
		t.Fatal(err)
	}
	before := e.smtp.Received()
	n, err := e.store.RemindNow(e.ctx, e.coach, round.ID)
	if err != nil || n != 2 {
		t.Fatalf("queued %d reminders (%v), want 2: waiting and the leader", n, err)
	}
	e.drain(e.worker(e.store))
	got := map[string]int{}
	for _, m := range e.smtp.Messages()[before:] {
		got[m.To[0]]++
		if !strings.Contains(m.Body("text/plain"), "/stop-reminders") {
			t.Errorf("the reminder to %v has no way to stop reminders", m.To)
		}
	}
	if got["waiting@example.com"] != 1 || got["alex@example.com"] != 1 || len(got) != 2 {
		t.Errorf("reminders went to %v", got)
	}
	// The limit (2) holds, however often the coach asks.
	if _, err := e.store.RemindNow(e.ctx, e.coach, round.ID); err != nil {
		t.Fatal(err)
	}
	if n, err := e.store.RemindNow(e.ctx, e.coach, round.ID); err != nil || n != 0 {
		t.Errorf("a third reminder was queued %d times (%v)", n, err)
	}
}

func TestScheduledRemindersRunOnceAndStopAtClose(t *testing.T) {
	e := newEnv(t)
	round, _ := e.round(raters(threesixty.GroupPeer, "p1", "p2")...)
	e.drain(e.worker(e.store))
	s := &Scheduler{Store: e.store, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if err := s.Tick(e.ctx); err != nil {
		t.Fatal(err)
	}
	if n := e.statuses()["queued"]; n != 0 {
		t.Fatalf("%d reminders queued before any was due", n)
	}
	// Five days on: the reminder four days after the invitation is due, once.
	e.Exec("UPDATE rounds SET opened_at = opened_at - interval '5 days' WHERE id = $1", round.ID)
	for i := 0; i < 3; i++ {
		if err := s.Tick(e.ctx); err != nil {
			t.Fatal(err)
		}
	}
	if n := e.statuses()["queued"]; n != 3 {
		t.Errorf("%d reminders queued, want 3 (two peers and the leader), once", n)
	}
	// The round closes before they go out: none is sent.
	if _, err := e.store.CloseRound(e.ctx, e.coach, round.ID); err != nil {
		t.Fatal(err)
	}
	sent := e.smtp.Received()
	e.drain(e.worker(e.store))
	for _, m := range e.smtp.Messages()[sent:] {
		if !strings.Contains(m.Header("Subject"), "closed") && !strings.Contains(strings.ToLower(m.Header("Subject")), "result") {
			t.Errorf("after close, a message went to %v: %s", m.To, m.Header("Subject"))
		}
	}
	if n := e.statuses()["cancelled"]; n != 3 {
		t.Errorf("%d reminders cancelled at close, want 3", n)
	}
}

func TestCoachIsToldWhenEveryGroupReachesTheThreshold(t *testing.T) {
	e := newEnv(t)
	// One direct report can never make a group of three: the notice does not wait for them.
	_, invitations := e.round(append(raters(threesixty.GroupPeer, "p1", "p2", "p3"), raters(threesixty.GroupDirectReport, "d1")...)...)
	e.drain(e.worker(e.store))
	s := &Scheduler{Store: e.store, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	v := 4
	answers := threesixty.Answers{Ratings: map[string]*int{e.in.Items[0].ID: &v}}
	for i, inv := range invitations {
		if inv.Group != threesixty.GroupPeer {
			continue
		}
		if err := s.Tick(e.ctx); err != nil {
			t.Fatal(err)
		}
		if n := e.statuses()["queued"]; n != 0 {
			t.Fatalf("the coach was told after %d peers answered", i)
		}
		if ok, err := e.store.SubmitResponse(e.ctx, inv.ID, answers); !ok || err != nil {
			t.Fatal(ok, err)
		}
	}
	for i := 0; i < 2; i++ {
		if err := s.Tick(e.ctx); err != nil {
			t.Fatal(err)
		}
	}
	before := e.smtp.Received()
	e.drain(e.worker(e.store))
	msgs := e.smtp.Messages()[before:]
	if len(msgs) != 1 || msgs[0].To[0] != "coach@coaching.example.net" {
		t.Fatalf("after the threshold, %d messages went out: %v", len(msgs), msgs)
	}
	text := strings.Join(strings.Fields(msgs[0].Body("text/plain")), " ")
	for _, want := range []string{"at least 3 responses: Peers.", "Too few people are left to ask in Direct reports for it ever to be shown alone."} {
		if !strings.Contains(text, want) {
			t.Errorf("the notice lacks %q:\n%s", want, text)
		}
	}
}

func TestAShortRoundGetsNoReminderOnTopOfItsInvitation(t *testing.T) {
	e := newEnv(t)
	round, _ := e.round(raters(threesixty.GroupPeer, "p1")...)
	// The round closes in 25 hours: "two days before closing" is already past at opening.
	e.Exec("UPDATE rounds SET closes_at = now() + interval '25 hours' WHERE id = $1", round.ID)
	s := &Scheduler{Store: e.store, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if err := s.Tick(e.ctx); err != nil {
		t.Fatal(err)
	}
	var reminders int
	e.Get(&reminders, "SELECT count(*) FROM outbox WHERE purpose = 'reminder'")
	if reminders != 0 {
		t.Errorf("%d reminders queued right after the invitations", reminders)
	}
}

// TestAMessageIsOneCall: a message that no other change causes, such as the notices still to
// come (a leader's report, a sponsor's summary), is queued with one call and delivered.
func TestAMessageIsOneCall(t *testing.T) {
	e := newEnv(t)
	round, _ := e.round()
	if err := e.store.Enqueue(e.ctx, []threesixty.Message{{Purpose: threesixty.PurposeRoundReleased, To: threesixty.Person{Name: "Casey Coach", Email: "coach@coaching.example.net"}, RoundID: round.ID}}); err != nil {
		t.Fatal(err)
	}
	e.drain(e.worker(e.store))
	if got := e.byRecipient()["coach@coaching.example.net"]; got != 1 {
		t.Errorf("the coach received %d messages, want 1", got)
	}
}

// TestARoundThatFailsToCloseHoldsUpNothingElse: the scheduler closes rounds whose time is up and
// sends reminders in the same tick. A round whose release fails is reported and tried again at
// the next tick; the other rounds close, and reminders still go out.
func TestARoundThatFailsToCloseHoldsUpNothingElse(t *testing.T) {
	e := newEnv(t)
	broken, _ := e.round(raters(threesixty.GroupPeer, "b1", "b2", "b3")...)
	due, _ := e.round(raters(threesixty.GroupPeer, "d1", "d2", "d3")...)
	waiting, _ := e.round(raters(threesixty.GroupPeer, "w1", "w2")...)
	e.drain(e.worker(e.store))
	e.Exec("UPDATE rounds SET closes_at = now() - interval '1 minute' WHERE id = ANY($1)", pq.Array([]string{broken.ID, due.ID}))
	e.Exec("UPDATE rounds SET opened_at = opened_at - interval '5 days' WHERE id = $1", waiting.ID)
	// The broken round's held responses are gone from under it, so its release cannot be made.
	var held string
	e.Get(&held, "SELECT round_table('held_responses', $1)", broken.ID)
	e.Exec("DROP TABLE " + pq.QuoteIdentifier(held))

	s := &Scheduler{Store: e.store, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	err := s.Tick(e.ctx)
	if err == nil || !strings.Contains(err.Error(), broken.ID) {
		t.Errorf("the tick reported %v, want the broken round's failure", err)
	}
	var statuses []string
	e.Select(&statuses, "SELECT status FROM rounds WHERE id IN ($1, $2) ORDER BY id = $1 DESC", broken.ID, due.ID)
	if strings.Join(statuses, " ") != "open closed" {
		t.Errorf("after the tick the broken and the due round are %v, want open and closed", statuses)
	}
	var reminders int
	e.Get(&reminders, "SELECT count(*) FROM outbox WHERE purpose = 'reminder' AND round_id = $1", waiting.ID)
	if reminders != 3 {
		t.Errorf("%d reminders queued for the waiting round, want 3", reminders)
	}
}

// TestAReminderThatFailsDoesNotShowInProgress: reminders go only to people who have not
// answered, and the coach can send one at will, so a reminder delayed or bounced in a group's
// counts would tell the coach that someone there has not answered. Only the invitation counts.
func TestAReminderThatFailsDoesNotShowInProgress(t *testing.T) {
	e := newEnv(t)
	r, _ := e.round(raters(threesixty.GroupPeer, "p1", "p2", "p3")...)
	w := e.worker(e.store)
	e.drain(w)
	e.smtp.Refuse = func(rcpt string) error {
		if strings.HasPrefix(rcpt, "p1@") {
			return smtptest.Permanent
		}
		if strings.HasPrefix(rcpt, "p2@") {
			return smtptest.Temporary
		}
		return nil
	}
	if _, err := e.store.RemindNow(e.ctx, e.coach, r.ID); err != nil {
		t.Fatal(err)
	}
	w.Backoff, w.MaxBackoff = time.Hour, time.Hour
	if _, err := w.Drain(e.ctx); err != nil {
		t.Fatal(err)
	}
	var failedReminders int
	e.Get(&failedReminders, "SELECT count(*) FROM outbox WHERE purpose = 'reminder' AND (status = 'bounced' OR attempts > 1 OR (status = 'queued' AND attempts > 0))")
	if failedReminders != 2 {
		t.Fatalf("%d reminders bounced or waiting, want 2: the test sets up nothing", failedReminders)
	}
	round, err := e.store.Round(e.ctx, e.coach, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range round.Progress {
		if p.Delayed+p.Bounced+p.Failed != 0 {
			t.Errorf("%s progress %+v shows a reminder's fate", p.Group, p)
		}
	}
}

// TestTheSchedulerAppliesRetention: retention runs on the scheduler's tick, with the period it
// is given, and not at all without one.
func TestTheSchedulerAppliesRetention(t *testing.T) {
	e := newEnv(t)
	r, _ := e.round(raters(threesixty.GroupPeer, "vera")...)
	if _, err := e.store.CloseRound(e.ctx, e.coach, r.ID); err != nil {
		t.Fatal(err)
	}
	e.Exec("UPDATE rounds SET closed_at = now() - interval '500 days', released_at = now() - interval '500 days' WHERE id = $1", r.ID)
	erased := func() (n int) {
		e.Get(&n, "SELECT count(*) FROM raters WHERE erased_at IS NOT NULL")
		return n
	}
	s := &Scheduler{Store: e.store, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if err := s.Tick(e.ctx); err != nil || erased() != 0 {
		t.Fatalf("without a retention period: %v, %d raters erased", err, erased())
	}
	s.Retention = 90 * 24 * time.Hour
	if err := s.Tick(e.ctx); err != nil || erased() != 1 {
		t.Fatalf("with one: %v, %d raters erased", err, erased())
	}
}

// TestTheLeaderSeesTheAddressOfEveryoneAsked: the leader's invitation lists who was asked with
// their addresses, so that a colleague's name on an address that is not theirs (a group padded
// by whoever chose the raters) stands out to the one person who knows.
func TestTheLeaderSeesTheAddressOfEveryoneAsked(t *testing.T) {
	e := newEnv(t)
	e.round(raters(threesixty.GroupPeer, "pat", "pia")...)
	e.drain(e.worker(e.store))
	var leaders []string
	for _, m := range e.smtp.Messages() {
		if m.To[0] == "alex@example.com" {
			leaders = append(leaders, strings.Join(strings.Fields(m.Body("text/plain")), " "))
		}
	}
	if len(leaders) != 1 {
		t.Fatalf("%d messages to the leader", len(leaders))
	}
	for _, want := range []string{"- pat (pat@example.com), peer", "- pia (pia@example.com), peer", "is at an address that is not theirs"} {
		if !strings.Contains(leaders[0], want) {
			t.Errorf("the leader's invitation lacks %q:\n%s", want, leaders[0])
		}
	}
}
