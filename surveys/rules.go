package surveys

import (
	"cmp"
	"slices"
)

// crossCheck runs the checks that need the whole file, after the walk, since
// a file may list items before the competencies they refer to.
// competenciesListed is false when the competency list is missing or
// broken; checking references against it would then flag every item.
func (c *checker) crossCheck(competenciesListed bool) {
	c.duplicates(c.competencyIDs, "duplicate competency id %q (first on line %d)")
	// Item and question ids share one namespace because both become HTML
	// form field names and keys of stored answers.
	c.duplicates(c.fieldIDs, "duplicate id %q (first on line %d)")
	if !competenciesListed {
		return
	}
	defined := make(map[string]bool)
	for _, m := range c.competencyIDs {
		defined[m.id] = true
	}
	used := make(map[string]bool)
	for _, r := range c.references {
		if !defined[r.id] {
			c.add(r.line, "unknown competency %q", r.id)
		}
		used[r.id] = true
	}
	// With no items at all that is the one problem worth reporting, not
	// one per competency.
	if len(c.references) == 0 {
		return
	}
	for _, m := range c.competencyIDs {
		if !used[m.id] {
			c.add(m.line, "competency %q has no items", m.id)
		}
	}
}

// duplicates reports every mention of an id after its first, in file order.
func (c *checker) duplicates(mentions []mention, format string) {
	sorted := slices.Clone(mentions)
	slices.SortStableFunc(sorted, func(a, b mention) int { return cmp.Compare(a.line, b.line) })
	first := make(map[string]int)
	for _, m := range sorted {
		if l, seen := first[m.id]; seen {
			c.add(m.line, format, m.id, l)
			continue
		}
		first[m.id] = m.line
	}
}
