package threesixty

import (
	"fmt"
	"strings"
)

// DeclineReason is why a rater declined, chosen from a fixed list: never free text, which from
// one decliner would be a comment with fewer than k writers behind it. Giving one is optional.
// While the round is open a reason is held alone, with nothing that says whose it is; at release
// the reasons become counts, kept only when at least k raters declined (DeclineReasonCounts).
type DeclineReason string

// The decline reasons.
const (
	DeclineNotCloseEnough DeclineReason = "not_close_enough"
	DeclineNoTime         DeclineReason = "no_time"
	DeclineRatherNot      DeclineReason = "rather_not"
	DeclineOther          DeclineReason = "other"
)

// DeclineReasons are the decline reasons, in the order the decline page offers them and counts
// are shown.
var DeclineReasons = []DeclineReason{DeclineNotCloseEnough, DeclineNoTime, DeclineRatherNot, DeclineOther}

// Valid reports whether r is a decline reason.
func (r DeclineReason) Valid() bool {
	for _, known := range DeclineReasons {
		if r == known {
			return true
		}
	}
	return false
}

// Label is the reason as the rater chose it and the coach reads it, about the leader named.
func (r DeclineReason) Label(leader string) string {
	switch r {
	case DeclineNotCloseEnough:
		return "I do not work closely enough with " + leader + " to say"
	case DeclineNoTime:
		return "I do not have the time before it closes"
	case DeclineRatherNot:
		return "I would rather not give feedback on " + leader
	case DeclineOther:
		return "Another reason"
	}
	return string(r)
}

// ReadDeclineReason reads the reason a decline form sent in its field "reason": none (the
// field absent or empty) is fine, one of DeclineReasons is read as given, anything else is
// EINVALID naming the field. The leader declining their own self-assessment gives no reason: the
// reasons are a rater's about the leader, and the leader's among them would be one the coach
// could ask about and take out of the counts.
func ReadDeclineReason(group RaterGroup, values []string) (*DeclineReason, error) {
	bad := func(format string, args ...any) error {
		return Invalid("the decline has an invalid field; nothing was recorded",
			[]FieldError{{Field: "reason", Message: fmt.Sprintf(format, args...)}})
	}
	if len(values) > 1 {
		return nil, bad("choose one reason at most; %d were sent", len(values))
	}
	if len(values) == 0 || values[0] == "" {
		return nil, nil
	}
	r := DeclineReason(values[0])
	if !r.Valid() {
		known := make([]string, len(DeclineReasons))
		for i, k := range DeclineReasons {
			known[i] = string(k)
		}
		return nil, bad("the reason %q is not one of those offered; choose one of %s, or none", values[0], strings.Join(known, ", "))
	}
	if group == GroupSelf {
		return nil, bad("a self-assessment is declined without a reason")
	}
	return &r, nil
}

// DeclineReasonCount is how many raters of a round gave one reason for declining.
type DeclineReasonCount struct {
	Reason DeclineReason `json:"reason"`
	Label  string        `json:"label"`
	Count  int           `json:"count"`
}

// DeclineReasonCounts counts the reasons given in a round, one count for every reason in the
// order of DeclineReasons, zeros included. declined is how many raters (the leader's own
// self-assessment not among them) declined the round, with or without a reason; threshold is
// the round's k. Below k decliners it returns nil, whoever gave a reason: invitations say who
// declined, so counts of fewer than k decliners would tell what each of them said. That is also
// the answer when nobody declined, so "too few" reads exactly as "none". Labels are left to
// whoever shows the counts, who knows the leader's name.
func DeclineReasonCounts(given []DeclineReason, declined, threshold int) []DeclineReasonCount {
	if declined < threshold || declined < MinThreshold {
		return nil
	}
	counts := make([]DeclineReasonCount, len(DeclineReasons))
	for i, r := range DeclineReasons {
		counts[i].Reason = r
		for _, g := range given {
			if g == r {
				counts[i].Count++
			}
		}
	}
	return counts
}
