package reports

import "errors"

// Changes is the closing report's "What changed" for a web page: the same compared groups in the
// same order, the same numbers rounded the same way, and the same sentences, so the page and the
// PDF say the same thing. Every string is plain text for the page to escape.
type Changes struct {
	// Intro says what the rows show; Rule, in plain words, what makes a change meaningful.
	Intro, Rule string
	// Groups are the labels of the compared groups, in the order every competency's rows are.
	Groups []string
	// NotCompared says, a sentence a group, why a published group has no change shown.
	NotCompared []string
	// Nothing is the sentence to show instead of any competency when no group is compared; ""
	// when some are.
	Nothing      string
	Competencies []CompetencyChange
}

// CompetencyChange is one competency's change, a row a compared group. NotCompared is the
// sentence to show instead of rows when the two rounds did not ask enough of the same items.
type CompetencyChange struct {
	ID, Title   string
	NotCompared string
	Rows        []ChangeRow
}

// ChangeRow is one compared group's change on a competency, as the report writes it: both
// rounds' means and raters, the change with its sign, and whether it is meaningful. NotCompared
// is the sentence shown instead, when the group has no change on this competency.
type ChangeRow struct {
	Group               string
	Baseline, Closing   string
	BaselineN, ClosingN int
	Change              string
	Meaningful          bool
	NotCompared         string
}

// WebChanges works out the "What changed" of c as the closing report draws it. Like the report,
// it reads only the closing release, the comparison and the baseline's published groups.
func WebChanges(c Closing) (*Changes, error) {
	if c.Results == nil || c.Instrument == nil || c.Comparison == nil {
		return nil, errors.New("reports: what changed needs the closing release, its instrument and the comparison")
	}
	v := newClosingView(c, Options{})
	ch := &Changes{Intro: whatChangedIntro(v.rel.max), Rule: meaningfulRule(), NotCompared: v.notCompared}
	for _, g := range v.compared {
		ch.Groups = append(ch.Groups, g.label)
	}
	if len(v.compared) == 0 {
		ch.Nothing = nothingCompared
		return ch, nil
	}
	for _, comp := range v.rel.res.Competencies {
		cc := CompetencyChange{ID: comp.ID, Title: showable(comp.Title)}
		if _, ok := v.changes[comp.ID]; !ok {
			cc.NotCompared = competencyNotCompared
			ch.Competencies = append(ch.Competencies, cc)
			continue
		}
		for _, g := range v.compared {
			row := ChangeRow{Group: g.label}
			if d := v.change(comp.ID, g.key); d != nil {
				row.Baseline, row.Closing, row.Change = mean(d.Baseline.Mean), mean(d.Closing.Mean), signed(d.Change)
				row.BaselineN, row.ClosingN, row.Meaningful = d.Baseline.N, d.Closing.N, d.Meaningful
			} else {
				row.NotCompared = groupNotComparedOnThis
			}
			cc.Rows = append(cc.Rows, row)
		}
		ch.Competencies = append(ch.Competencies, cc)
	}
	return ch, nil
}
