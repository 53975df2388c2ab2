package postgres_test

import (
	"strings"
	"testing"

	"github.com/lib/pq"

	"threesixty/internal/threesixty"
)

// TestADeclineReasonIsHeldWithNothingThatSaysWhose: while the round is open, a reason sits in the
// round's own table with one column, the reason: no invitation, no group, no time. A decline
// without a reason holds nothing, and a second decline of the same invitation records nothing.
// After close only counts per reason are left, and the round's table is gone.
func TestADeclineReasonIsHeldWithNothingThatSaysWhose(t *testing.T) {
	f := newFixture(t)
	e := f.engagement(threesixty.Anonymity{Threshold: 3}, people(threesixty.GroupPeer, "peer", 5)...)
	round, issued := f.open(e, threesixty.RoundKindBaseline)
	var peers []threesixty.Invitation
	for _, inv := range issued {
		if inv.Group == threesixty.GroupPeer {
			peers = append(peers, inv)
		}
	}
	var table string
	f.Get(&table, "SELECT round_table('held_decline_reasons', $1)", round.ID)
	var columns []string
	f.Select(&columns, "SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position", table)
	if strings.Join(columns, ",") != "reason" {
		t.Fatalf("the round's table of reasons has columns %v, want the reason alone", columns)
	}
	f.decline(peers[0], threesixty.DeclineNoTime)
	f.decline(peers[1], threesixty.DeclineNoTime)
	f.decline(peers[2], threesixty.DeclineRatherNot)
	f.decline(peers[3], "")
	again := threesixty.DeclineOther
	if ok, err := f.store.Decline(f.ctx, peers[0].ID, &again); ok || err != nil {
		t.Errorf("declining again: %v %v, want false and nothing recorded", ok, err)
	}
	if held := f.HeldDeclineReasons(); held != 3 {
		t.Errorf("%d reasons held, want 3: one a decline with a reason, none for the decline without", held)
	}
	var held []string
	f.Select(&held, "SELECT reason FROM "+pq.QuoteIdentifier(table)+" ORDER BY reason")
	if strings.Join(held, ",") != "no_time,no_time,rather_not" {
		t.Errorf("held reasons %v", held)
	}
	if _, err := f.store.DeclineReasons(f.ctx, f.coach, round.ID); threesixty.ErrorCode(err) != threesixty.ECONFLICT {
		t.Errorf("reasons while the round is open: %v, want conflict", err)
	}
	f.submit(peers[4], f.answers(3, ""))
	f.close(round.ID)

	var exists bool
	f.Get(&exists, "SELECT to_regclass($1) IS NOT NULL", table)
	if exists || f.HeldDeclineReasons() != 0 {
		t.Errorf("after close the round's table of reasons is still there (%v), or reasons are held elsewhere", exists)
	}
	var kept []struct {
		Reason string `db:"reason"`
		Count  int    `db:"count"`
	}
	f.Select(&kept, "SELECT reason, count FROM decline_reasons WHERE round_id = $1 ORDER BY reason", round.ID)
	var got []string
	for _, k := range kept {
		got = append(got, k.Reason+"="+string(rune('0'+k.Count)))
	}
	if strings.Join(got, ",") != "no_time=2,not_close_enough=0,other=0,rather_not=1" {
		t.Errorf("kept %v", got)
	}
	var permanent []string
	f.Select(&permanent, "SELECT column_name FROM information_schema.columns WHERE table_name = 'decline_reasons' ORDER BY column_name")
	if strings.Join(permanent, ",") != "count,reason,round_id" {
		t.Errorf("decline_reasons has columns %v, want counts per reason and round only", permanent)
	}

	counts, err := f.store.DeclineReasons(f.ctx, f.coach, round.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(counts) != len(threesixty.DeclineReasons) {
		t.Fatalf("counts %+v", counts)
	}
	for i, c := range counts {
		if c.Reason != threesixty.DeclineReasons[i] || c.Label != c.Reason.Label("Alex") {
			t.Errorf("count %d: %+v", i, c)
		}
	}
	if counts[1].Count != 2 || counts[2].Count != 1 {
		t.Errorf("counts %+v", counts)
	}
	if _, err := f.store.DeclineReasons(f.ctx, threesixty.LeaderActor(e), round.ID); threesixty.ErrorCode(err) != threesixty.EFORBIDDEN {
		t.Errorf("the leader reading the reasons: %v, want forbidden", err)
	}
	other, _, err := f.store.CreateAccount(f.ctx, "other@coaching.example.net", "Other", threesixty.RoleCoach)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.DeclineReasons(f.ctx, threesixty.AccountActor(other), round.ID); threesixty.ErrorCode(err) != threesixty.ENOTFOUND {
		t.Errorf("another coach reading the reasons: %v, want not found", err)
	}
	if _, err := f.DB.Exec("UPDATE decline_reasons SET count = count + 1 WHERE round_id = $1", round.ID); err == nil {
		t.Error("a count of reasons changed after release")
	}
}

// TestDeclineReasonsBelowKAreNotKept: with fewer than k raters declining, whatever reasons they
// gave, nothing is kept, exactly as when nobody declined; the leader declining their own
// self-assessment does not count towards k.
func TestDeclineReasonsBelowKAreNotKept(t *testing.T) {
	f := newFixture(t)
	cases := []struct {
		name     string
		declines int // raters declining with a reason
		self     bool
	}{
		{"nobody declined", 0, false},
		{"one declined", 1, false},
		{"k-1 declined", 2, false},
		{"k-1 declined and the leader", 2, true},
	}
	for _, c := range cases {
		e := f.engagement(threesixty.Anonymity{Threshold: 3}, people(threesixty.GroupPeer, "peer", 4)...)
		round, issued := f.open(e, threesixty.RoundKindBaseline)
		n := 0
		for _, inv := range issued {
			switch {
			case inv.Group == threesixty.GroupSelf && c.self:
				f.decline(inv, "")
			case inv.Group == threesixty.GroupPeer && n < c.declines:
				f.decline(inv, threesixty.DeclineRatherNot)
				n++
			}
		}
		f.close(round.ID)
		var kept int
		f.Get(&kept, "SELECT count(*) FROM decline_reasons WHERE round_id = $1", round.ID)
		counts, err := f.store.DeclineReasons(f.ctx, f.coach, round.ID)
		if err != nil {
			t.Fatal(err)
		}
		if kept != 0 || counts == nil || len(counts) != 0 {
			t.Errorf("%s: %d counts kept, %v read, want none (and an empty list, not nil)", c.name, kept, counts)
		}
		if f.HeldDeclineReasons() != 0 {
			t.Errorf("%s: reasons are still held after close", c.name)
		}
	}
}

// TestTheLeaderDeclinesWithoutAReason: the schema refuses a reason for a self-assessment even if
// a caller skipped the domain's check, and the decline is not recorded.
func TestTheLeaderDeclinesWithoutAReason(t *testing.T) {
	f := newFixture(t)
	e := f.engagement(threesixty.Anonymity{Threshold: 3}, people(threesixty.GroupPeer, "peer", 3)...)
	_, issued := f.open(e, threesixty.RoundKindBaseline)
	reason := threesixty.DeclineNoTime
	for _, inv := range issued {
		if inv.Group != threesixty.GroupSelf {
			continue
		}
		if ok, err := f.store.Decline(f.ctx, inv.ID, &reason); ok || err == nil {
			t.Errorf("the leader declined with a reason: %v %v", ok, err)
		}
		var status string
		f.Get(&status, "SELECT status FROM invitations WHERE id = $1", inv.ID)
		if status != "pending" || f.HeldDeclineReasons() != 0 {
			t.Errorf("after a refused decline: %s, %d held", status, f.HeldDeclineReasons())
		}
	}
}
