package threesixty

// Group is a rater group. The same words are used in SQL, the API and on pages.
type Group string

// The rater groups. Self is the leader's own assessment; the others rate the leader.
const (
	GroupSelf         Group = "self"
	GroupSuperior     Group = "superior"
	GroupPeer         Group = "peer"
	GroupDirectReport Group = "direct_report"
	GroupOther        Group = "other"
)

// Groups lists every group in the order reports and progress show them.
var Groups = []Group{GroupSelf, GroupSuperior, GroupPeer, GroupDirectReport, GroupOther}

// RaterGroups are the groups a rater (anyone but the leader) can be invited in.
var RaterGroups = []Group{GroupSuperior, GroupPeer, GroupDirectReport, GroupOther}

// IsRaterGroup reports whether g is a group a rater can belong to.
func (g Group) IsRaterGroup() bool {
	for _, r := range RaterGroups {
		if g == r {
			return true
		}
	}
	return false
}

// Label is the plural name a person reads.
func (g Group) Label() string {
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
