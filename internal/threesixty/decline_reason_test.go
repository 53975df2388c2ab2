package threesixty

import (
	"strings"
	"testing"
)

func TestReadDeclineReason(t *testing.T) {
	for _, r := range DeclineReasons {
		got, err := ReadDeclineReason(GroupPeer, []string{string(r)})
		if err != nil || got == nil || *got != r {
			t.Errorf("%q: %v %v", r, got, err)
		}
	}
	for _, none := range [][]string{nil, {}, {""}} {
		if got, err := ReadDeclineReason(GroupPeer, none); got != nil || err != nil {
			t.Errorf("no reason %q: %v %v", none, got, err)
		}
	}
	for _, bad := range [][]string{{"busy"}, {"No_time"}, {" no_time"}, {"no_time "}, {"other\x00"}, {"no_time", "other"}, {"", ""}} {
		got, err := ReadDeclineReason(GroupPeer, bad)
		if got != nil || ErrorCode(err) != EINVALID {
			t.Errorf("%q: %v %v, want EINVALID", bad, got, err)
			continue
		}
		fields := err.(*Error).Fields
		if len(fields) != 1 || fields[0].Field != "reason" {
			t.Errorf("%q: fields %+v, want one naming reason", bad, fields)
		}
	}
	if _, err := ReadDeclineReason(GroupSelf, []string{string(DeclineNoTime)}); ErrorCode(err) != EINVALID {
		t.Errorf("the leader gave a reason for their self-assessment: %v", err)
	}
	if got, err := ReadDeclineReason(GroupSelf, nil); got != nil || err != nil {
		t.Errorf("the leader declining without a reason: %v %v", got, err)
	}
}

func TestDeclineReasonLabelsNameTheLeader(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range DeclineReasons {
		label := r.Label("Alex")
		if label == string(r) || seen[label] {
			t.Errorf("%q has no label of its own: %q", r, label)
		}
		seen[label] = true
	}
	for _, r := range []DeclineReason{DeclineNotCloseEnough, DeclineRatherNot} {
		if !strings.Contains(r.Label("Alex"), "Alex") {
			t.Errorf("%q does not name the leader: %q", r, r.Label("Alex"))
		}
	}
}

// TestDeclineReasonsNeedKDecliners: the counts exist only when at least k raters declined,
// whatever reasons they gave, and then every reason has its count, zeros included.
func TestDeclineReasonsNeedKDecliners(t *testing.T) {
	given := []DeclineReason{DeclineNoTime, DeclineNoTime, DeclineOther}
	cases := []struct {
		name                string
		given               []DeclineReason
		declined, threshold int
		shown               bool
	}{
		{"nobody declined", nil, 0, 3, false},
		{"one declined, with a reason", given[:1], 1, 3, false},
		{"k-1 declined, all with reasons", given[:2], 2, 3, false},
		{"k declined", given, 3, 3, true},
		{"k declined, one with a reason", given[:1], 3, 3, true},
		{"k declined, none with a reason", nil, 3, 3, true},
		{"more than k declined", given, 7, 5, true},
		{"k-1 of a larger k", given, 4, 5, false},
		{"a threshold below the minimum is not trusted", given[:2], 2, 2, false},
	}
	for _, c := range cases {
		counts := DeclineReasonCounts(c.given, c.declined, c.threshold)
		if (counts != nil) != c.shown {
			t.Errorf("%s: shown %v, want %v", c.name, counts != nil, c.shown)
			continue
		}
		if !c.shown {
			continue
		}
		if len(counts) != len(DeclineReasons) {
			t.Fatalf("%s: %d counts, want one per reason", c.name, len(counts))
		}
		total := 0
		for i, n := range counts {
			if n.Reason != DeclineReasons[i] {
				t.Errorf("%s: count %d is of %q, want %q", c.name, i, n.Reason, DeclineReasons[i])
			}
			total += n.Count
		}
		if total != len(c.given) {
			t.Errorf("%s: counts add up to %d, want %d", c.name, total, len(c.given))
		}
	}
	counts := DeclineReasonCounts(given, 3, 3)
	if counts[1].Count != 2 || counts[3].Count != 1 || counts[0].Count != 0 {
		t.Errorf("counts %+v", counts)
	}
}
