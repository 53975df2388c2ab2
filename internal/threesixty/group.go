package threesixty

// RaterGroup is a rater group. The same words are used in SQL, the API and on pages.
type RaterGroup string

// The rater groups. Self is the leader's own assessment; the others rate the leader.
const (
	GroupSelf         RaterGroup = "self"
	GroupSuperior     RaterGroup = "superior"
	GroupPeer         RaterGroup = "peer"
	GroupDirectReport RaterGroup = "direct_report"
	GroupOther        RaterGroup = "other"
)

// RaterGroups lists every group in the order reports and progress show them.
var RaterGroups = []RaterGroup{GroupSelf, GroupSuperior, GroupPeer, GroupDirectReport, GroupOther}

// OthersGroups are the groups a rater (anyone but the leader) can be invited in.
var OthersGroups = []RaterGroup{GroupSuperior, GroupPeer, GroupDirectReport, GroupOther}

// OfOthers reports whether g is a group a rater can belong to.
func (g RaterGroup) OfOthers() bool {
	for _, r := range OthersGroups {
		if g == r {
			return true
		}
	}
	return false
}

// Label is the plural name a person reads.
func (g RaterGroup) Label() string {
	switch g {
	case GroupSelf:
		return "Self"
	case GroupSuperior:
		return "Superiors"
	case GroupPeer:
		return "Peers"
	case GroupDirectReport:
		return "Direct reports"
	case GroupOther:
		return "Others"
	}
	return string(g)
}

// Noun is how one member of the group is named in a sentence: "a peer", "Maria, direct report".
func (g RaterGroup) Noun() string {
	switch g {
	case GroupSelf:
		return "self"
	case GroupSuperior:
		return "superior"
	case GroupPeer:
		return "peer"
	case GroupDirectReport:
		return "direct report"
	}
	return "other colleague"
}

// Order is the group's place in RaterGroups, the order reports and lists show groups in.
func (g RaterGroup) Order() int {
	for i, x := range RaterGroups {
		if x == g {
			return i
		}
	}
	return len(RaterGroups)
}
