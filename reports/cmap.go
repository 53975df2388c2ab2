package reports

import (
	"encoding/binary"
	"errors"
)

// coverage is the set of Basic Multilingual Plane runes a font has a glyph for, read from its
// (3,1) format 4 cmap: the one table gofpdf reads, so a rune outside it (and every rune above
// U+FFFF) would come out as an empty box or break gofpdf's width lookup.
type coverage [0x10000 / 64]uint64

func (c *coverage) has(r rune) bool {
	return r >= 0 && r < 0x10000 && c[r/64]&(1<<(r%64)) != 0
}

func (c *coverage) add(r int) { c[r/64] |= 1 << (r % 64) }

// intersect keeps only runes both fonts can draw, so a text may switch weight freely.
func (c *coverage) intersect(o *coverage) {
	for i := range c {
		c[i] &= o[i]
	}
}

var errNoCmap = errors.New("the font has no Windows Unicode BMP cmap in format 4")

func readCoverage(ttf []byte) (*coverage, error) {
	be := binary.BigEndian
	u16 := func(off int) (int, bool) {
		if off < 0 || off+2 > len(ttf) {
			return 0, false
		}
		return int(be.Uint16(ttf[off:])), true
	}
	tables, ok := u16(4)
	if !ok {
		return nil, errNoCmap
	}
	cmap := -1
	for i := range tables {
		rec := 12 + 16*i
		if rec+16 > len(ttf) {
			return nil, errNoCmap
		}
		if string(ttf[rec:rec+4]) == "cmap" {
			cmap = int(be.Uint32(ttf[rec+8:]))
		}
	}
	if cmap < 0 {
		return nil, errNoCmap
	}
	subtables, _ := u16(cmap + 2)
	sub := -1
	for i := range subtables {
		rec := cmap + 4 + 8*i
		platform, ok1 := u16(rec)
		encoding, ok2 := u16(rec + 2)
		if ok1 && ok2 && platform == 3 && encoding == 1 && rec+8 <= len(ttf) {
			sub = cmap + int(be.Uint32(ttf[rec+4:]))
		}
	}
	if format, ok := u16(sub); !ok || format != 4 {
		return nil, errNoCmap
	}
	segX2, _ := u16(sub + 6)
	ends, starts, deltas, offsets := sub+14, sub+16+segX2, sub+16+2*segX2, sub+16+3*segX2
	c := new(coverage)
	for s := 0; s < segX2; s += 2 {
		end, ok1 := u16(ends + s)
		start, ok2 := u16(starts + s)
		delta, ok3 := u16(deltas + s)
		rangeOffset, ok4 := u16(offsets + s)
		if !ok1 || !ok2 || !ok3 || !ok4 {
			return nil, errNoCmap
		}
		for r := start; r <= end && r < 0xFFFF; r++ {
			glyph := 0
			if rangeOffset == 0 {
				glyph = (r + delta) & 0xFFFF
			} else if g, ok := u16(offsets + s + rangeOffset + 2*(r-start)); ok && g != 0 {
				glyph = (g + delta) & 0xFFFF
			}
			if glyph != 0 {
				c.add(r)
			}
		}
	}
	return c, nil
}
