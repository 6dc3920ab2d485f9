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
	ptDrop     = 0x80 // reserved in fonts, cleared on reading
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

func (s scaler) v(v int) int {
	if v < 0 {
		return -((-2*v*s.num + s.den) / (2 * s.den))
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
	flags  []byte  // the points' flags as read
	x, y   []int32 // their coordinates
	ends   []int
	nf     []byte  // the flags written, one per point kept
	sx, sy []int32 // the points kept, scaled
	mv     []byte  // the moves written, x then y
}

// axisBytes[f] is how many bytes of x moves (low half) and y moves (high
// half) a point with flags f has; sums over a glyph's points stay apart.
var axisBytes = func() (t [256]uint64) {
	for f := range t {
		size := func(short, same int) uint64 {
			switch {
			case f&short != 0:
				return 1
			case f&same == 0:
				return 2
			}
			return 0
		}
		t[f] = size(ptXShort, ptXSame) | size(ptYShort, ptYSame)<<32
	}
	return t
}()

// appendScaledGlyph appends glyph data d re-encoded by s to dst, in the
// most compact form the format allows (repeated flags, one-byte and
// omitted coordinate moves), and reports false (dst unchanged) when d is
// malformed. Empty glyphs stay empty; a composite glyph's component
// offsets are scaled, its component numbers left for the caller to
// rewrite; instructions are kept as they are.
//
// It is the hot loop of a process's first document (a hundred thousand
// points), so each step is a small loop of its own over scratch slices
// sized in advance: the flags read once, both axes decoded in one pass,
// straightened and scaled in one, each axis' moves encoded in one.
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
	ends := slices.Grow(w.ends[:0], nc)[:nc]
	w.ends = ends
	prev := 0
	for i := range ends {
		e := int(be16(d, 10+2*i))
		if e >= n || e < prev {
			return dst, false
		}
		ends[i], prev = e, e
	}
	flags := slices.Grow(w.flags[:0], n)[:n]
	w.flags = flags
	at, xLen, yLen, ok := decodeFlags(d, at, flags)
	if !ok || at+xLen+yLen > len(d) {
		return dst, false
	}
	xs, ys := slices.Grow(w.x[:0], n)[:n], slices.Grow(w.y[:0], n)[:n]
	w.x, w.y = xs, ys
	decodeCoords(d[at:at+xLen], d[at+xLen:at+xLen+yLen], flags, xs, ys)

	nf := slices.Grow(w.nf[:0], n)[:n]
	sx, sy := slices.Grow(w.sx[:0], n)[:n], slices.Grow(w.sy[:0], n)[:n]
	w.nf, w.sx, w.sy = nf, sx, sy
	var flat2 float64
	if ins == 0 {
		flat2 = s.flat2
	}
	k := straightenScale(flags, xs, ys, ends, s, flat2, nf, sx, sy)
	nf, sx, sy = nf[:k], sx[:k], sy[:k]
	if k > 0 {
		nf[0] |= flags[0] & ptOverlap
	}
	mv := slices.Grow(w.mv[:0], 4*k)[:4*k]
	w.mv = mv
	xo, xMin, xMax := encodeMoves(sx, nf, mv, ptXShort, ptXSame)
	yo, yMin, yMax := encodeMoves(sy, nf, mv[xo:], ptYShort, ptYSame)

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
	dst = appendFlags(dst, nf)
	dst = append(dst, mv[:xo+yo]...)
	if len(dst)-base > 0xFFFF*2 {
		return dst[:base], false
	}
	return dst, true
}

// decodeFlags reads the len(flags) points' flags, with their repeats, from
// d at at into flags, and returns where they end and how many bytes the x
// and the y moves after them take.
func decodeFlags(d []byte, at int, flags []byte) (end, xLen, yLen int, ok bool) {
	var sum uint64 // x bytes + y bytes<<32
	for i := 0; i < len(flags); {
		if at >= len(d) {
			return at, 0, 0, false
		}
		f := d[at] &^ ptDrop
		at++
		if f&ptRepeat == 0 {
			flags[i] = f
			sum += axisBytes[f]
			i++
			continue
		}
		if at >= len(d) {
			return at, 0, 0, false
		}
		r := min(1+int(d[at]), len(flags)-i)
		at++
		sum += uint64(r) * axisBytes[f]
		fill := flags[i : i+r]
		for j := range fill {
			fill[j] = f
		}
		i += r
	}
	return at, int(uint32(sum)), int(sum >> 32), true
}

// decodeCoords reads the moves of the points with flags from xd and yd
// (which hold exactly as many bytes as the flags say) into absolute
// coordinates xs, ys.
func decodeCoords(xd, yd []byte, flags []byte, xs, ys []int32) {
	var vx, vy int32
	ix, iy := 0, 0
	xs, ys = xs[:len(flags)], ys[:len(flags)]
	for i, f := range flags {
		switch f & (ptXShort | ptXSame) {
		case ptXShort | ptXSame:
			vx += int32(xd[ix])
			ix++
		case ptXShort:
			vx -= int32(xd[ix])
			ix++
		case 0:
			vx += int32(int16(uint16(xd[ix])<<8 | uint16(xd[ix+1])))
			ix += 2
		}
		switch f & (ptYShort | ptYSame) {
		case ptYShort | ptYSame:
			vy += int32(yd[iy])
			iy++
		case ptYShort:
			vy -= int32(yd[iy])
			iy++
		case 0:
			vy += int32(int16(uint16(yd[iy])<<8 | uint16(yd[iy+1])))
			iy += 2
		}
		xs[i], ys[i] = vx, vy
	}
}

// straightenScale drops, per contour (ends are their last points), the
// control points of nearly straight segments between two on-curve points
// (with flat2 > 0, see scaler.flat2), scales the others into sx, sy and
// sets their on-curve bit in nf, rewrites ends to the points kept, and
// returns how many it kept.
func straightenScale(flags []byte, xs, ys []int32, ends []int, s scaler, flat2 float64, nf []byte, sx, sy []int32) int {
	tab, off := s.tab, s.off
	xs, ys = xs[:len(flags)], ys[:len(flags)]
	k, start := 0, 0
	for c, end := range ends {
		straighten := flat2 > 0 && end+1-start >= 3
		for i := start; i <= end; i++ {
			f := flags[i]
			if straighten && f&ptOnCurve == 0 {
				a, b := i-1, i+1
				if i == start {
					a = end
				} else if i == end {
					b = start
				}
				if flags[a]&flags[b]&ptOnCurve != 0 && nearChord(int64(xs[i]-xs[a]), int64(ys[i]-ys[a]), int64(xs[b]-xs[a]), int64(ys[b]-ys[a]), flat2) {
					continue
				}
			}
			var x, y int32
			if j := int(xs[i]) + off; uint(j) < uint(len(tab)) {
				x = tab[j]
			} else {
				x = int32(s.v(int(xs[i])))
			}
			if j := int(ys[i]) + off; uint(j) < uint(len(tab)) {
				y = tab[j]
			} else {
				y = int32(s.v(int(ys[i])))
			}
			sx[k], sy[k], nf[k] = x, y, f&ptOnCurve
			k++
		}
		ends[c] = k - 1
		start = end + 1
	}
	return k
}

// encodeMoves writes the moves between the coordinates vs (from 0) into
// buf, each in as few bytes as it takes, sets in nf the bits (short, same:
// the axis' flags) that say how, and returns the bytes written and the
// least and the greatest of vs (0, 0 when there are none).
func encodeMoves(vs []int32, nf, buf []byte, short, same byte) (o int, lo, hi int32) {
	if len(vs) == 0 {
		return 0, 0, 0
	}
	var prev int32
	lo, hi = vs[0], vs[0]
	nf = nf[:len(vs)]
	for i, v := range vs {
		lo, hi = min(lo, v), max(hi, v)
		switch dv := v - prev; {
		case dv == 0:
			nf[i] |= same
		case dv > 0 && dv < 256:
			nf[i] |= short | same
			buf[o] = byte(dv)
			o++
		case dv < 0 && dv > -256:
			nf[i] |= short
			buf[o] = byte(-dv)
			o++
		default:
			buf[o], buf[o+1] = byte(uint16(dv)>>8), byte(dv)
			o += 2
		}
		prev = v
	}
	return o, lo, hi
}

// appendFlags appends the flags nf, each written once with a repeat count
// for the ones that follow it unchanged (when that is shorter).
func appendFlags(dst, nf []byte) []byte {
	base := len(dst)
	dst = slices.Grow(dst, len(nf))[:base+len(nf)]
	out := dst[base:]
	o := 0
	for i := 0; i < len(nf); {
		f := nf[i]
		j, lim := i+1, min(len(nf), i+256)
		for j < lim && nf[j] == f {
			j++
		}
		switch r := j - i; {
		case r >= 3:
			out[o], out[o+1] = f|ptRepeat, byte(r-1)
			o += 2
		case r == 2:
			out[o], out[o+1] = f, f
			o += 2
		default:
			out[o] = f
			o++
		}
		i = j
	}
	return dst[:base+o]
}

// nearChord reports whether a point p lies over the segment from a to b
// (its projection on the line falls between them) within sqrt(flat2) of
// it, given p−a and b−a (each difference taken in int32, as the
// coordinates are). The products are exact integers; the one
// floating-point comparison rounds each side explicitly, so every platform
// decides alike.
func nearChord(px, py, dx, dy int64, flat2 float64) bool {
	l2 := dx*dx + dy*dy
	// 0 ≤ dot ≤ l2 in one comparison.
	if dot := px*dx + py*dy; l2 == 0 || uint64(dot) > uint64(l2) {
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
	components(g, func(at int, flags uint16) {
		if flags&compXYArgs == 0 {
			return // point numbers, not offsets
		}
		arg := at + 4
		if flags&compArgsAreWords != 0 {
			if arg+4 <= len(g) {
				for k := 0; k < 2; k++ {
					v := int(int16(be16(g, arg+2*k)))
					binary.BigEndian.PutUint16(g[arg+2*k:], uint16(int16(s.v(v))))
				}
			}
		} else if arg+2 <= len(g) {
			for k := 0; k < 2; k++ {
				g[arg+k] = byte(int8(s.v(int(int8(g[arg+k])))))
			}
		}
	})
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
