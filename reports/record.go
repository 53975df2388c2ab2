package reports

// op is one recorded drawing operation.
type op struct {
	kind opKind
	f    [4]float64
	s    string
	c    rgb
	n    int
	b    bool
}

type opKind uint8

const (
	opAddPage opKind = iota
	opFont
	opTextColour
	opFillColour
	opDrawColour
	opLineWidth
	opText
	opRect
	opLine
	opBookmark
)

// recorder passes every operation on to next and keeps a copy, for replay.
type recorder struct {
	next canvas
	ops  []op
}

func (r *recorder) add(o op) { r.ops = append(r.ops, o) }

func (r *recorder) addPage() { r.add(op{kind: opAddPage}); r.next.addPage() }
func (r *recorder) setFont(bold bool, size float64) {
	r.add(op{kind: opFont, b: bold, f: [4]float64{size}})
	r.next.setFont(bold, size)
}
func (r *recorder) setTextColour(c rgb) { r.add(op{kind: opTextColour, c: c}); r.next.setTextColour(c) }
func (r *recorder) setFillColour(c rgb) { r.add(op{kind: opFillColour, c: c}); r.next.setFillColour(c) }
func (r *recorder) setDrawColour(c rgb) { r.add(op{kind: opDrawColour, c: c}); r.next.setDrawColour(c) }
func (r *recorder) setLineWidth(w float64) {
	r.add(op{kind: opLineWidth, f: [4]float64{w}})
	r.next.setLineWidth(w)
}
func (r *recorder) text(x, y float64, s string) {
	r.add(op{kind: opText, f: [4]float64{x, y}, s: s})
	r.next.text(x, y, s)
}
func (r *recorder) rect(x, y, w, h float64, style string) {
	r.add(op{kind: opRect, f: [4]float64{x, y, w, h}, s: style})
	r.next.rect(x, y, w, h, style)
}
func (r *recorder) line(x1, y1, x2, y2 float64) {
	r.add(op{kind: opLine, f: [4]float64{x1, y1, x2, y2}})
	r.next.line(x1, y1, x2, y2)
}
func (r *recorder) bookmark(title string, level int, y float64) {
	r.add(op{kind: opBookmark, s: title, n: level, f: [4]float64{y}})
	r.next.bookmark(title, level, y)
}

// replay draws recorded operations onto c.
func replay(ops []op, c canvas) {
	for _, o := range ops {
		switch o.kind {
		case opAddPage:
			c.addPage()
		case opFont:
			c.setFont(o.b, o.f[0])
		case opTextColour:
			c.setTextColour(o.c)
		case opFillColour:
			c.setFillColour(o.c)
		case opDrawColour:
			c.setDrawColour(o.c)
		case opLineWidth:
			c.setLineWidth(o.f[0])
		case opText:
			c.text(o.f[0], o.f[1], o.s)
		case opRect:
			c.rect(o.f[0], o.f[1], o.f[2], o.f[3], o.s)
		case opLine:
			c.line(o.f[0], o.f[1], o.f[2], o.f[3])
		case opBookmark:
			c.bookmark(o.s, o.n, o.f[0])
		}
	}
}
