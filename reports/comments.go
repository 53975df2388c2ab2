package reports

import (
	"strings"

	"threesixty/internal/results"
)

var quoteRule = rgb{170, 182, 198}

// drawComments gives the release's comments a section of their own under heading.
func drawComments(l *layout, v *view, heading string) {
	l.section(heading)
	l.paragraph("Written answers to the open questions, quoted as written, under the group of the person who wrote them. "+
		"Their order is random, so it says nothing about who wrote what or when.", body, 0, 3)

	byQuestion := map[string][]results.Comment{}
	var unknown []string
	for _, c := range v.res.Comments {
		if _, ok := v.groupLabel(c.Group); !ok {
			continue // a comment under a group that is not published is never shown
		}
		if _, ok := v.in.Question(c.Question); !ok && len(byQuestion[c.Question]) == 0 {
			unknown = append(unknown, c.Question)
		}
		byQuestion[c.Question] = append(byQuestion[c.Question], c)
	}
	for _, q := range v.in.Questions {
		v.drawQuestion(l, q.Others, byQuestion[q.ID])
	}
	for _, id := range unknown {
		v.drawQuestion(l, id, byQuestion[id])
	}
}

func (v *view) drawQuestion(l *layout, question string, comments []results.Comment) {
	quote := l.width() - 5
	if len(comments) == 0 {
		l.heading(question, h2, 1, body.lineHeight())
		l.paragraph("No comments to show for this question.", style{size: body.size, colour: muted, leading: body.leading}, 0, 4)
		return
	}
	l.heading(question, h2, 1, small.lineHeight()+float64(keepTogether(commentLines(comments[0].Text, quote)))*body.lineHeight())
	l.onNewPage = func() { l.continued(showable(question)) }
	defer func() { l.onNewPage = nil }()
	for _, c := range comments {
		grp, _ := v.groupLabel(c.Group)
		ls := commentLines(c.Text, quote)
		l.ensure(small.lineHeight() + float64(keepTogether(ls))*body.lineHeight())
		l.textAt(l.left()+5, l.y, grp, small)
		l.y += small.lineHeight()
		for len(ls) > 0 {
			top := l.y
			page := l.page
			fit := len(ls)
			if n := int((l.room() + 1e-6) / body.lineHeight()); n < fit {
				fit = max(n, 2)
				if len(ls)-fit < 2 {
					fit = len(ls) - 2
				}
			}
			l.y += l.lines(l.left()+5, l.y, ls[:fit], body)
			l.c.setFillColour(quoteRule)
			l.c.rect(l.left()+1, top+0.4, 0.9, l.y-top-0.8, "F")
			ls = ls[fit:]
			if len(ls) > 0 && l.page == page {
				l.newPage()
			}
		}
		l.y += 3
	}
	l.y += 3
}

// commentLines wraps a comment keeping the writer's own line breaks, with runs of blank lines
// collapsed to one.
func commentLines(text string, width float64) []string {
	text = strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\r", "\n")
	var out []string
	blank := false
	for _, para := range strings.Split(strings.TrimSpace(text), "\n") {
		para = strings.TrimSpace(showable(para))
		if para == "" {
			if !blank && len(out) > 0 {
				out = append(out, "")
			}
			blank = true
			continue
		}
		blank = false
		out = append(out, wrapParagraph(para, width, body)...)
	}
	if len(out) == 0 {
		out = []string{""}
	}
	return out
}
