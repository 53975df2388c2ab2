package reports

import "strconv"

// style is a font, its colour and the height of one of its lines.
type style struct {
	bold    bool
	size    float64 // points
	colour  rgb
	leading float64 // line height as a multiple of the size
}

func (s style) lineHeight() float64 { return s.size * ptToMM * s.leading }

var (
	ink   = rgb{33, 37, 41}
	muted = rgb{100, 106, 112}
	rule  = rgb{200, 204, 208}
	faint = rgb{236, 238, 240}
	white = rgb{255, 255, 255}

	body     = style{size: 9.5, colour: ink, leading: 1.45}
	small    = style{size: 7.5, colour: muted, leading: 1.35}
	smallInk = style{size: 7.5, colour: ink, leading: 1.35}
	strong   = style{bold: true, size: 9.5, colour: ink, leading: 1.45}
	title    = style{bold: true, size: 22, colour: ink, leading: 1.25}
	h1       = style{bold: true, size: 16, colour: ink, leading: 1.3}
	h2       = style{bold: true, size: 12, colour: ink, leading: 1.3}
	h3       = style{bold: true, size: 10, colour: ink, leading: 1.35}
)

// layout is a flow of blocks down pages. Every block says how tall it is before it is drawn, so
// nothing is cut at a page's foot, and a heading moves to the next page with its first block.
type layout struct {
	c      canvas
	g      pageGeometry
	page   int
	y      float64
	footer string
	// onNewPage redraws what a continued section repeats at the top of a page, such as a chart's
	// scale; nil when nothing is repeated.
	onNewPage func()
	// cur is the font and colours last set, so unchanged ones are not set again.
	cur      style
	curValid bool
}

func newLayout(c canvas, g pageGeometry, footer string) *layout {
	return &layout{c: c, g: g, footer: footer}
}

func (l *layout) left() float64   { return l.g.left }
func (l *layout) right() float64  { return l.g.width - l.g.right }
func (l *layout) width() float64  { return l.g.contentWidth() }
func (l *layout) bottom() float64 { return l.g.height - l.g.bottom }
func (l *layout) room() float64   { return l.bottom() - l.y }

// newPage closes the current page with its footer and starts the next.
func (l *layout) newPage() {
	if l.page > 0 {
		l.drawFooter()
	}
	l.c.addPage()
	l.page++
	l.y = l.g.top
	l.curValid = false
	if l.onNewPage != nil {
		l.onNewPage()
	}
}

// ensure starts a new page unless h fits on this one. It reports whether it did.
func (l *layout) ensure(h float64) bool {
	if l.page == 0 || h > l.room()+1e-6 {
		l.newPage()
		return true
	}
	return false
}

// finish draws the last page's footer.
func (l *layout) finish() {
	if l.page > 0 {
		l.drawFooter()
	}
}

func (l *layout) drawFooter() {
	y := l.g.height - l.g.bottom + 9
	l.setStyle(small)
	l.c.setDrawColour(rule)
	l.c.setLineWidth(0.2)
	l.c.line(l.left(), y-4.5, l.right(), y-4.5)
	pageText := "Page " + strconv.Itoa(l.page) + " of " + pageCountAlias
	// The total is filled in when the document is written; measure a two-digit total.
	w := textWidth("Page "+strconv.Itoa(l.page)+" of 99", false, small.size)
	l.c.text(l.right()-w, y, pageText)
	l.c.text(l.left(), y, clip("Confidential: prepared for "+l.footer, l.width()-w-6, small))
}

func (l *layout) setStyle(s style) {
	if l.curValid && l.cur == s {
		return
	}
	if !l.curValid || l.cur.bold != s.bold || l.cur.size != s.size {
		l.c.setFont(s.bold, s.size)
	}
	if !l.curValid || l.cur.colour != s.colour {
		l.c.setTextColour(s.colour)
	}
	l.cur, l.curValid = s, true
}

// textAt draws one line whose box starts at top.
func (l *layout) textAt(x, top float64, s string, st style) {
	l.setStyle(st)
	sizeMM := st.size * ptToMM
	l.c.text(x, top+(st.lineHeight()-sizeMM)/2+0.78*sizeMM, s)
}

// textRight draws one line ending at x.
func (l *layout) textRight(x, top float64, s string, st style) {
	l.textAt(x-textWidth(s, st.bold, st.size), top, s, st)
}

// lines draws wrapped lines from top and returns the height used.
func (l *layout) lines(x, top float64, ls []string, st style) float64 {
	for i, s := range ls {
		l.textAt(x, top+float64(i)*st.lineHeight(), s, st)
	}
	return float64(len(ls)) * st.lineHeight()
}

// paragraph flows text across pages at the left margin, indented by indent, keeping at least
// two lines together on each side of a page break.
func (l *layout) paragraph(text string, st style, indent, after float64) {
	ls := wrap(showable(text), l.width()-indent, st)
	l.flowLines(ls, l.left()+indent, st)
	l.y += after
}

func (l *layout) flowLines(ls []string, x float64, st style) {
	lh := st.lineHeight()
	for len(ls) > 0 {
		fit := int((l.room() + 1e-6) / lh)
		switch {
		case fit >= len(ls):
			fit = len(ls)
		case fit < 2 || len(ls) < 4:
			l.newPage()
			continue
		case len(ls)-fit < 2:
			fit = len(ls) - 2
		}
		l.y += l.lines(x, l.y, ls[:fit], st)
		ls = ls[fit:]
		if len(ls) > 0 {
			l.newPage()
		}
	}
}

// keepTogether is how many of a block's first lines must stay on one page with what comes
// before them: all of a short block, two of a long one, which flowLines then breaks with at
// least two lines on each side.
func keepTogether(lines []string) int {
	if len(lines) >= 4 {
		return 2
	}
	return len(lines)
}

// firstBlock is how tall the part of a paragraph is that a heading above it must stay with.
func (l *layout) firstBlock(text string, st style, indent float64) float64 {
	return float64(keepTogether(wrap(showable(text), l.width()-indent, st))) * st.lineHeight()
}

// heading draws a heading once there is room for it and follow, the height of what must stay
// with it, and adds it to the document outline.
func (l *layout) heading(text string, st style, level int, follow float64) {
	ls := wrap(showable(text), l.width(), st)
	before := st.lineHeight() * 0.6
	h := float64(len(ls))*st.lineHeight() + follow
	if l.ensure(before + h) {
		before = 0
	}
	if l.y == l.g.top {
		before = 0
	}
	l.y += before
	l.c.bookmark(showable(text), level, l.y)
	l.y += l.lines(l.left(), l.y, ls, st)
	l.y += st.lineHeight() * 0.25
}

// continued heads a page a block runs on to, saying what it continues.
func (l *layout) continued(what string) {
	l.textAt(l.left(), l.y, clip(what+" (continued)", l.width(), style2(small, true)), style2(small, true))
	l.y += small.lineHeight() + 1.5
}

// section starts a top-level section on a page of its own.
func (l *layout) section(text string) {
	l.onNewPage = nil
	l.newPage()
	l.heading(text, h1, 0, 0)
	l.c.setDrawColour(ink)
	l.c.setLineWidth(0.5)
	l.c.line(l.left(), l.y, l.left()+18, l.y)
	l.y += 4
}

// paragraphHeight is how tall a paragraph of text would be at full width less indent.
func (l *layout) paragraphHeight(text string, st style, indent float64) float64 {
	return float64(len(wrap(showable(text), l.width()-indent, st))) * st.lineHeight()
}
