package reports

import (
	"strconv"
	"strings"

	"threesixty/internal/results"
	"threesixty/internal/threesixty"
)

func drawGuide(l *layout, v *view) {
	k := strconv.Itoa(v.res.Threshold)
	l.section("How to read this report")

	scaleIntro := "Every item describes one behaviour. Raters said how often they see it, on this scale:"
	l.heading("The rating scale", h2, 1, l.firstBlock(scaleIntro, body, 0))
	l.paragraph(scaleIntro, body, 0, 1.5)
	v.drawScaleRow(l)
	l.y += 1.5
	nar := showable(v.in.Scale.NotAbleToRate)
	if nar == "" {
		nar = "Not able to rate"
	}
	l.paragraph("\""+nar+"\" was there for anything a rater has not seen. Those answers count towards nothing: "+
		"not towards any mean, nor towards the number of raters beside it.", body, 0, 3)

	var who []string
	for _, grp := range v.groups {
		who = append(who, grp.label+" ("+plural(grp.respondents, "respondent")+"): "+v.describeGroup(grp.key))
	}
	if len(who) > 0 {
		l.heading("Who the groups are", h2, 1, l.firstBlock(who[0], body, 0))
	}
	for _, w := range who {
		l.paragraph(w, body, 0, 1)
	}
	l.y += 2

	rules := []string{
		"A group is shown only when at least " + k + " of its people answered. Your own ratings are the exception: they are yours.",
		"A group with fewer than " + k + " people is merged with another group, or, when no merge helps, left out. A left-out group's answers are in no number or comment here, not even in All others.",
		"Where a score reads \"not enough responses to show\", fewer than " + k + " people rated that item (some may have chosen \"" + nar + "\"), or showing it would let a reader work out a smaller group's answers from the numbers that are shown. It reads the same whichever is the case, and the same as no answers at all.",
		"The spread of answers (how many chose each point) is shown only where at least " + strconv.Itoa(results.SpreadMinimum) + " people answered, so that nobody's answer can be pinned down.",
		"Comments are quoted as written, without names, in a random order, under the group of the person who wrote them, and only where that group is shown.",
	}
	for _, g := range v.res.Groups {
		if v.identifiable(g) {
			rules[0] += " So is " + showable(g.Label) + ": its raters were told, when invited, that they could be identified."
		}
	}
	if merged := v.mergedLabels(); len(merged) > 0 {
		rules[1] += " In this report: " + strings.Join(merged, "; ") + "."
	}
	l.heading("How anonymity is kept", h2, 1, l.firstBlock(rules[0], body, 6))
	for _, r := range rules {
		l.bullet(r)
	}
	l.y += 2

	reading := []string{
		"Each bar runs along the scale from 1 to the group's mean: the longer the bar, the more often the behaviour is seen. The mean is printed beside it, as the release rounded it, with the number of raters behind it.",
		"A competency's score for a group is the mean of that group's published item means for the competency, each item weighing the same. Where some of those items have no score to show for the group, the score says how many items it is based on. Its number of raters is the most raters behind any one of those items.",
	}
	if v.anySpread() {
		reading = append(reading, "\"Answers per point\" shows how many raters chose each point, from the lowest (lightest) to the highest (darkest).")
	}
	l.heading("Reading the charts", h2, 1, l.firstBlock(reading[0], body, 6))
	for _, r := range reading {
		l.bullet(r)
	}
}

// drawScaleRow shows the scale's points side by side, wrapping when they do not fit.
func (v *view) drawScaleRow(l *layout) {
	x := l.left() + 4
	l.ensure(body.lineHeight())
	for _, p := range v.in.Scale.Points {
		num := strconv.Itoa(p.Value)
		lab := v.pointLabel(p.Value)
		w := textWidth(num, true, strong.size) + 2 + textWidth(lab, false, body.size)
		if x+w > l.right() && x > l.left()+4 {
			l.y += body.lineHeight()
			l.ensure(body.lineHeight())
			x = l.left() + 4
		}
		l.textAt(x, l.y, num, strong)
		l.textAt(x+textWidth(num, true, strong.size)+2, l.y, clip(lab, l.right()-x-6, body), body)
		x += w + 8
	}
	l.y += body.lineHeight()
}

// bullet is one point of a list, kept whole on a page.
func (l *layout) bullet(text string) {
	ls := wrap(showable(text), l.width()-6, body)
	// The mark goes on the page its first lines go on.
	l.ensure(float64(keepTogether(ls)) * body.lineHeight())
	l.setStyle(body)
	l.c.setFillColour(ink)
	l.c.rect(l.left()+1.2, l.y+body.lineHeight()/2-0.6, 1.2, 1.2, "F")
	l.flowLines(ls, l.left()+6, body)
	l.y += 1.2
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

var memberNames = map[string]string{
	"self": "you", "superior": "superiors", "peer": "peers", "direct_report": "direct reports", "other": "others",
}

// describeGroup says who a published group is made of, from its members.
func (v *view) describeGroup(key string) string {
	switch key {
	case results.KeySelf:
		return "your own ratings."
	case results.KeyAllOthers:
		return "everyone who rated you, except you, from the groups shown here."
	}
	for _, g := range v.res.Groups {
		if g.Key != key {
			continue
		}
		var names []string
		for _, m := range g.Members {
			if n, ok := memberNames[string(m)]; ok {
				names = append(names, n)
			} else {
				names = append(names, showable(string(m)))
			}
		}
		s := threesixty.JoinAnd(names)
		if len(names) > 1 {
			s += ", merged into one group because at least one of them had too few respondents to be shown alone"
		}
		if v.identifiable(g) {
			s += "; this group was named to its raters as identifiable, so it is shown whatever its size, even where fewer than " + strconv.Itoa(v.res.Threshold) + " of them rated an item"
		}
		return s + "."
	}
	return ""
}

// identifiable says whether a published group is the superior group its raters were told is
// identifiable: shown on its own whatever its size, so any of its cells, not only a small group's,
// may stand on fewer raters than the threshold.
func (v *view) identifiable(g results.PublishedGroup) bool {
	return v.b.SuperiorIdentifiable && g.Key == string(threesixty.GroupSuperior)
}

// mergedLabels names the published groups made of more than one rater group.
func (v *view) mergedLabels() []string {
	var out []string
	for _, g := range v.res.Groups {
		if g.Key != results.KeySelf && g.Key != results.KeyAllOthers && len(g.Members) > 1 {
			out = append(out, "\""+showable(g.Label)+"\" is such a merge")
		}
	}
	return out
}
