package fonts

import (
	"encoding/binary"
	"slices"
	"sync"
)

// This file re-encodes glyph outlines at fewer units per em, which is most
// of what makes an embedded subset small: a detailed brush face spends
// about 170 points on a hanzi, and coordinates in 1/1000 em are far finer
// than any printer draws a 16 pt character. Rounded to a coarser grid the
// moves between points become smaller numbers, more of them zero; and a
// fifth of the points are control points of curves so nearly straight
// (from converting the PostScript outlines) that a line draws them within
// half a unit. The outlines so compress a quarter smaller.

// Simple glyph point flags (TrueType 'glyf').
const (
	ptOnCurve  = 0x01
	ptXShort   = 0x02
	ptYShort   = 0x04
	ptRepeat   = 0x08
	ptXSame    = 0x10 // or, with ptXShort, positive
	ptYSame    = 0x20
	ptOverlap  = 0x40
	ptDrop     = 0x80 // reserved in fonts, cleared on reading; marks a point to drop
	compXYArgs = 0x0002
)

// scaler maps font units to the coarser units of a subset: v·num/den,
// rounded half away from zero (so the mapping is monotonic and symmetric,
// and a glyph's rounded bounding box is the bounding box of its rounded
// points).
type scaler struct {
	num, den int
	// flat2 is the square of the largest distance (in the font's units)
	// from its chord at which the control point of a quadratic segment
	// between two on-curve points is dropped, making it a straight line:
	// the curve then moves by at most half that. 0: none.
	flat2 float64
	// tab[v+off] is v scaled, for the coordinates most glyphs have.
	tab []int32
	off int
}

// v32 is v for coordinates, from the table when it has them.
func (s scaler) v32(v int32) int32 {
	if i := int(v) + s.off; i >= 0 && i < len(s.tab) {
		return s.tab[i]
	}
	return int32(s.v(int(v)))
}

func (s scaler) v(v int) int {
	if v < 0 {
		return -s.v(-v)
	}
	return (2*v*s.num + s.den) / (2 * s.den)
}

// flatUnits is how far, in the subset's units, dropping a control point
// may move a nearly straight curve (see scaler.flat2): as far as rounding
// the points moves them. A fifth to a quarter of the control points of a
// detailed face go, and its outlines compress a tenth smaller.
const flatUnits = 0.5

// newScaler returns the scaler from units per em den to num; with table,
// it looks up the coordinates of [-den, 2·den) instead of dividing.
func newScaler(num, den int, table bool) scaler {
	d := 2 * flatUnits * float64(den) / float64(num) // control point distance
	s := scaler{num: num, den: den, flat2: d * d}
	if table {
		tab := make([]int32, 3*den)
		for i := range tab {
			tab[i] = int32(s.v(i - den))
		}
		s.tab, s.off = tab, den
	}
	return s
}

// canScale reports whether t's outlines may be re-encoded at other units
// per em: not when the font has hinting programs, whose instructions and
// control values are in the font's own units.
func (t *TrueType) canScale() bool {
	return len(t.cvt) == 0 && len(t.fpgm) == 0 && len(t.prep) == 0
}

// glyphScratch is appendScaledGlyph's working memory, reused between calls.
type glyphScratch struct {
	flags []byte
	x, y  []int32
	ends  []int
}

// appendScaledGlyph appends glyph data d re-encoded by s to dst, in the
// most compact form the format allows (repeated flags, one-byte and
// omitted coordinate moves), and reports false (dst unchanged) when d is
// malformed. Empty glyphs stay empty; a composite glyph's component
// offsets are scaled, its component numbers left for the caller to
// rewrite; instructions are kept as they are.
func appendScaledGlyph(dst, d []byte, s scaler, w *glyphScratch) ([]byte, bool) {
	if len(d) == 0 {
		return dst, true
	}
	if len(d) < 10 {
		return dst, false
	}
	nc := int(int16(be16(d, 0)))
	if nc < 0 {
		return appendScaledComposite(dst, d, s), true
	}
	at := 10 + 2*nc
	if at+2 > len(d) {
		return dst, false
	}
	n := 0
	if nc > 0 {
		n = int(be16(d, at-2)) + 1
	}
	ins := int(be16(d, at))
	at += 2 + ins
	if at > len(d) {
		return dst, false
	}
	// Decode: the flags (with their repeats), then the x moves, then the
	// y moves, into absolute coordinates, scaled.
	flags := w.flags[:0]
	for len(flags) < n {
		if at >= len(d) {
			return dst, false
		}
		f := d[at]
		at++
		r := 1
		if f&ptRepeat != 0 {
			if at >= len(d) {
				return dst, false
			}
			r += int(d[at])
			at++
		}
		f &^= ptDrop
		for ; r > 0 && len(flags) < n; r-- {
			flags = append(flags, f)
		}
	}
	w.flags = flags
	xs, ys := slices.Grow(w.x[:0], n)[:n], slices.Grow(w.y[:0], n)[:n]
	w.x, w.y = xs, ys
	var ok bool
	if at, ok = decodeAxis(d, at, flags, xs, 1); !ok {
		return dst, false
	}
	if _, ok = decodeAxis(d, at, flags, ys, 2); !ok {
		return dst, false
	}
	ends := w.ends[:0]
	for i := 0; i < nc; i++ {
		e := int(be16(d, 10+2*i))
		if e >= n || i > 0 && e < ends[i-1] {
			return dst, false
		}
		ends = append(ends, e)
	}
	w.ends = ends
	if ins == 0 && s.flat2 > 0 {
		markStraight(flags, xs, ys, ends, s.flat2)
	}
	// Drop the points marked; scale; the bounding box; the new flags, in
	// place of the old ones: on curve (and the first point's overlap
	// bit), and how each move is written; the contours' new last points.
	var xMin, yMin, xMax, yMax int32
	var px, py int32
	k, c := 0, 0
	for i, f := range flags {
		if f&ptDrop == 0 {
			x, y := s.v32(xs[i]), s.v32(ys[i])
			xs[k], ys[k] = x, y
			if k == 0 {
				xMin, xMax, yMin, yMax = x, x, y, y
			}
			xMin, xMax = min(xMin, x), max(xMax, x)
			yMin, yMax = min(yMin, y), max(yMax, y)
			nf := f & ptOnCurve
			if k == 0 {
				nf |= flags[0] & ptOverlap
			}
			flags[k] = nf | moveFlag(x-px, ptXShort, ptXSame) | moveFlag(y-py, ptYShort, ptYSame)
			px, py = x, y
			k++
		}
		for c < len(ends) && ends[c] == i {
			ends[c] = k - 1
			c++
		}
	}
	n = k
	flags, xs, ys = flags[:n], xs[:n], ys[:n]

	// Header: contours, bounding box of the scaled points, end points,
	// instructions.
	base := len(dst)
	dst = binary.BigEndian.AppendUint16(dst, uint16(nc))
	for _, v := range [4]int32{xMin, yMin, xMax, yMax} {
		dst = binary.BigEndian.AppendUint16(dst, uint16(int16(v)))
	}
	for _, e := range ends {
		dst = binary.BigEndian.AppendUint16(dst, uint16(e))
	}
	dst = append(dst, d[10+2*nc:10+2*nc+2+ins]...)

	// Each flag written once with a repeat count for the ones that
	// follow it unchanged.
	for i := 0; i < n; {
		f := flags[i]
		j := i + 1
		for j < n && j-i <= 255 && flags[j] == f {
			j++
		}
		if j-i >= 3 {
			dst = append(dst, f|ptRepeat, byte(j-i-1))
		} else {
			for ; i < j; i++ {
				dst = append(dst, f)
			}
		}
		i = j
	}
	dst = appendMoves(dst, xs)
	dst = appendMoves(dst, ys)
	if len(dst)-base > 0xFFFF*2 {
		return dst[:base], false
	}
	return dst, true
}

// decodeAxis reads the moves along one axis from d at at into vs, as
// absolute coordinates, and returns where they end. shift is 1 for x, 2 for
// y: the axis' short bit is 1<<shift, its same-or-positive bit 1<<(shift+3).
func decodeAxis(d []byte, at int, flags []byte, vs []int32, shift uint) (int, bool) {
	short, same := byte(1)<<shift, byte(1)<<(shift+3)
	v := 0
	for i, f := range flags {
		switch {
		case f&short != 0:
			if at >= len(d) {
				return at, false
			}
			if f&same != 0 {
				v += int(d[at])
			} else {
				v -= int(d[at])
			}
			at++
		case f&same == 0:
			if at+2 > len(d) {
				return at, false
			}
			v += int(int16(be16(d, at)))
			at += 2
		}
		vs[i] = int32(v)
	}
	return at, true
}

// moveFlag returns the flag bits that write move dv along an axis.
func moveFlag(dv int32, short, same byte) byte {
	switch {
	case dv == 0:
		return same
	case dv > 0 && dv < 256:
		return short | same
	case dv < 0 && dv > -256:
		return short
	}
	return 0
}

// appendMoves appends the moves between the coordinates vs (from 0) as
// moveFlag says they are written.
func appendMoves(dst []byte, vs []int32) []byte {
	var prev int32
	for _, v := range vs {
		switch dv := v - prev; {
		case dv == 0:
		case dv > 0 && dv < 256:
			dst = append(dst, byte(dv))
		case dv < 0 && dv > -256:
			dst = append(dst, byte(-dv))
		default:
			dst = binary.BigEndian.AppendUint16(dst, uint16(int16(dv)))
		}
		prev = v
	}
	return dst
}

// markStraight marks with ptDrop the off-curve points that make a
// quadratic segment between two on-curve points bulge by at most half of
// sqrt(flat2) from the straight line between them (a control point within
// sqrt(flat2) of the chord and over it); ends are the contours' last
// points.
func markStraight(flags []byte, xs, ys []int32, ends []int, flat2 float64) {
	start := 0
	for _, end := range ends {
		m := end + 1 - start
		for j := 0; j < m && m >= 3; j++ {
			i, a, b := start+j, start+j-1, start+j+1
			if j == 0 {
				a = end
			} else if j == m-1 {
				b = start
			}
			if flags[i]&ptOnCurve == 0 && flags[a]&ptOnCurve != 0 && flags[b]&ptOnCurve != 0 && nearChord(xs, ys, i, a, b, flat2) {
				flags[i] |= ptDrop
			}
		}
		start = end + 1
	}
}

// nearChord reports whether point i lies over the segment from a to b
// (its projection on the line falls between them) within sqrt(flat2) of
// it. The products are exact integers; the one floating-point comparison
// rounds each side explicitly, so every platform decides alike.
func nearChord(xs, ys []int32, i, a, b int, flat2 float64) bool {
	dx, dy := int64(xs[b]-xs[a]), int64(ys[b]-ys[a])
	px, py := int64(xs[i]-xs[a]), int64(ys[i]-ys[a])
	l2 := dx*dx + dy*dy
	if dot := px*dx + py*dy; l2 == 0 || dot < 0 || dot > l2 {
		return false
	}
	cross := float64(px*dy - py*dx)
	return float64(cross*cross) <= float64(flat2*float64(l2))
}

// appendScaledComposite appends composite glyph d with its bounding box and
// its components' offsets scaled by s (offsets that are point numbers, and
// the components' scales, stay as they are).
func appendScaledComposite(dst, d []byte, s scaler) []byte {
	base := len(dst)
	dst = append(dst, d...)
	g := dst[base:]
	for i := 2; i < 10; i += 2 {
		binary.BigEndian.PutUint16(g[i:], uint16(int16(s.v(int(int16(be16(g, i)))))))
	}
	at := 10
	for at+4 <= len(g) {
		flags := be16(g, at)
		arg := at + 4
		if flags&compArgsAreWords != 0 {
			if arg+4 > len(g) {
				break
			}
			if flags&compXYArgs != 0 {
				for k := 0; k < 2; k++ {
					v := int(int16(be16(g, arg+2*k)))
					binary.BigEndian.PutUint16(g[arg+2*k:], uint16(int16(s.v(v))))
				}
			}
			at = arg + 4
		} else {
			if arg+2 > len(g) {
				break
			}
			if flags&compXYArgs != 0 {
				for k := 0; k < 2; k++ {
					g[arg+k] = byte(int8(s.v(int(int8(g[arg+k])))))
				}
			}
			at = arg + 2
		}
		switch {
		case flags&compHaveScale != 0:
			at += 2
		case flags&compXYScale != 0:
			at += 4
		case flags&compTwoByTwo != 0:
			at += 8
		}
		if flags&compMore == 0 {
			break
		}
	}
	return dst
}

// scaledCache keeps the outlines re-encoded for subsets, per units per em
// and glyph, so that a process writing many documents re-encodes each
// glyph once: re-encoding costs about as much as compressing the result.
type scaledCache struct {
	mu      sync.Mutex
	m       map[uint32][]byte // upem<<16 | glyph → outline; nil: malformed
	arena   []byte            // where the outlines are stored, in chunks
	scalers map[int]scaler    // by upem
	w       glyphScratch
}

// outlines returns the outlines of the glyphs order at upem, or nil when
// one of them is malformed.
func (c *scaledCache) outlines(t *TrueType, order []int, upem int) [][]byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) > 4*t.numGlyphs {
		// At most a few sizes of units per em are in use; a process
		// that somehow asks for many starts over.
		c.m = make(map[uint32][]byte, len(order))
	}
	s, ok := c.scalers[upem]
	if !ok {
		if c.scalers == nil {
			c.scalers = map[int]scaler{}
		}
		s = newScaler(upem, t.upem, true)
		c.scalers[upem] = s
	}
	out := make([][]byte, len(order))
	for i, g := range order {
		key := uint32(upem)<<16 | uint32(g)
		d, ok := c.m[key]
		if !ok {
			src := t.glyph(g)
			if cap(c.arena)-len(c.arena) < 4*len(src)+64 {
				c.arena = make([]byte, 0, max(64<<10, 4*len(src)+64))
			}
			at := len(c.arena)
			var good bool
			if c.arena, good = appendScaledGlyph(c.arena, src, s, &c.w); good {
				d = c.arena[at:len(c.arena):len(c.arena)]
				if d == nil {
					d = []byte{}
				}
			}
			c.m[key] = d
		}
		if d == nil {
			return nil
		}
		out[i] = d
	}
	return out
}
