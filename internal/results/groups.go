package results

import (
	"sort"
	"strings"

	"threesixty/internal/threesixty"
)

// Keys of the two groups that are not rater groups of their own.
const (
	KeySelf      = "self"
	KeyAllOthers = "all_others"
)

// plan is a group whose cells may be published, with the raters (response indexes) behind it.
type plan struct {
	PublishedGroup
	raters []int
	// unknown is how many of its respondents have an author a reader does not know: all but the
	// known superiors (see Input.KnownSuperiors).
	unknown int
	// minN is how many raters a cell needs: 1 for self and an identifiable superior group, k
	// for everyone else.
	minN int
}

// formGroups decides which groups are published. Self and an identifiable superior group stand
// alone whatever their size. Every other rater group below k is merged with the smallest group
// that lifts the merge to k; when no single group does, with the largest, and the merge tries
// again. What is still below k when nothing is left to merge with is left out. A group that took
// part in a merge is never published on its own, or subtracting would give the other part away.
//
// Sizes are counted in respondents a reader does not know: a superior group holding the
// sponsor's response needs k superiors besides it.
func formGroups(groupOf []threesixty.RaterGroup, k int, superiorIdentifiable bool, knownSuperiors int) []plan {
	byGroup := map[threesixty.RaterGroup][]int{}
	for r, g := range groupOf {
		byGroup[g] = append(byGroup[g], r)
	}
	var plans []plan
	if raters := byGroup[threesixty.GroupSelf]; len(raters) > 0 {
		plans = append(plans, plan{PublishedGroup: PublishedGroup{Key: KeySelf, Label: "Self", Members: []threesixty.RaterGroup{threesixty.GroupSelf}, Respondents: len(raters)}, raters: raters, unknown: len(raters), minN: 1})
	}
	var clusters []plan
	for _, g := range threesixty.OthersGroups {
		raters := byGroup[g]
		if len(raters) == 0 {
			continue
		}
		p := plan{PublishedGroup: PublishedGroup{Members: []threesixty.RaterGroup{g}, Respondents: len(raters)}, raters: raters, unknown: len(raters), minN: k}
		if g == threesixty.GroupSuperior && superiorIdentifiable {
			p.minN = 1
			plans = append(plans, p)
			continue
		}
		if g == threesixty.GroupSuperior {
			p.unknown -= min(knownSuperiors, len(raters))
		}
		clusters = append(clusters, p)
	}
	var merged []plan
	for len(clusters) > 0 {
		small := smallest(clusters)
		if clusters[small].unknown >= k {
			merged = append(merged, clusters...)
			break
		}
		if len(clusters) == 1 {
			break // alone and below k: left out
		}
		partner := -1
		for i, c := range clusters {
			if i == small || clusters[small].unknown+c.unknown < k {
				continue
			}
			if partner < 0 || c.unknown < clusters[partner].unknown {
				partner = i
			}
		}
		if partner < 0 {
			for i, c := range clusters {
				if i != small && (partner < 0 || c.unknown > clusters[partner].unknown) {
					partner = i
				}
			}
		}
		a, b := clusters[small], clusters[partner]
		a.Members = append(append([]threesixty.RaterGroup(nil), a.Members...), b.Members...)
		a.raters = append(append([]int(nil), a.raters...), b.raters...)
		a.Respondents += b.Respondents
		a.unknown += b.unknown
		rest := []plan{a}
		for i, c := range clusters {
			if i != small && i != partner {
				rest = append(rest, c)
			}
		}
		clusters = rest
	}
	plans = append(plans, merged...)
	for i := range plans {
		if plans[i].Key == "" {
			name(&plans[i].PublishedGroup)
		}
	}
	order := func(p plan) int { return p.Members[0].Order() }
	sort.SliceStable(plans, func(i, j int) bool { return order(plans[i]) < order(plans[j]) })
	return plans
}

// smallest is the cluster with the fewest unknown respondents, the first in group order on a tie.
func smallest(clusters []plan) int {
	best := 0
	for i, c := range clusters {
		if c.unknown < clusters[best].unknown || (c.unknown == clusters[best].unknown && c.Members[0].Order() < clusters[best].Members[0].Order()) {
			best = i
		}
	}
	return best
}

// name gives a group its key and label from its members, in the order reports list groups:
// "peer+direct_report", "Peers and direct reports".
func name(g *PublishedGroup) {
	sort.Slice(g.Members, func(i, j int) bool { return g.Members[i].Order() < g.Members[j].Order() })
	keys := make([]string, len(g.Members))
	labels := make([]string, len(g.Members))
	for i, m := range g.Members {
		keys[i] = string(m)
		labels[i] = strings.ToLower(m.Label())
	}
	g.Key = strings.Join(keys, "+")
	label := labels[0]
	if n := len(labels); n > 1 {
		label = strings.Join(labels[:n-1], ", ") + " and " + labels[n-1]
	}
	g.Label = strings.ToUpper(label[:1]) + label[1:]
}

// plansFor makes the groups a grouping chose: self and an identifiable superior group alone, as
// formGroups has them, and each of parts as one group of the rater groups in it.
func plansFor(groupOf []threesixty.RaterGroup, parts [][]threesixty.RaterGroup, k int, superiorIdentifiable bool, knownSuperiors int) []plan {
	byGroup := map[threesixty.RaterGroup][]int{}
	for r, g := range groupOf {
		byGroup[g] = append(byGroup[g], r)
	}
	var plans []plan
	if raters := byGroup[threesixty.GroupSelf]; len(raters) > 0 {
		plans = append(plans, plan{PublishedGroup: PublishedGroup{Key: KeySelf, Label: "Self", Members: []threesixty.RaterGroup{threesixty.GroupSelf}, Respondents: len(raters)}, raters: raters, unknown: len(raters), minN: 1})
	}
	if raters := byGroup[threesixty.GroupSuperior]; superiorIdentifiable && len(raters) > 0 {
		parts = append(parts, []threesixty.RaterGroup{threesixty.GroupSuperior})
	}
	for _, members := range parts {
		p := plan{PublishedGroup: PublishedGroup{Members: append([]threesixty.RaterGroup(nil), members...)}, minN: k}
		for _, g := range members {
			p.raters = append(p.raters, byGroup[g]...)
			p.unknown += len(byGroup[g])
			if g == threesixty.GroupSuperior {
				if superiorIdentifiable {
					p.minN = 1
				} else {
					p.unknown -= min(knownSuperiors, len(byGroup[g]))
				}
			}
		}
		sort.Ints(p.raters)
		p.Respondents = len(p.raters)
		name(&p.PublishedGroup)
		plans = append(plans, p)
	}
	order := func(p plan) int { return p.Members[0].Order() }
	sort.SliceStable(plans, func(i, j int) bool { return order(plans[i]) < order(plans[j]) })
	return plans
}
