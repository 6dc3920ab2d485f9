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
// moves between points become smaller numbers, more of them zero, and the
// outline bytes compress a quarter to a third better.

// Simple glyph point flags (TrueType 'glyf').
const (
	ptOnCurve  = 0x01
	ptXShort   = 0x02
	ptYShort   = 0x04
	ptRepeat   = 0x08
	ptXSame    = 0x10 // or, with ptXShort, positive
	ptYSame    = 0x20
	ptOverlap  = 0x40
	compXYArgs = 0x0002
)

// scaler maps font units to the coarser units of a subset: v·num/den,
// rounded half away from zero (so the mapping is monotonic and symmetric,
// and a glyph's rounded bounding box is the bounding box of its rounded
// points).
type scaler struct{ num, den int }

func (s scaler) v(v int) int {
	if v < 0 {
		return -s.v(-v)
	}
	return (2*v*s.num + s.den) / (2 * s.den)
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
		for ; r > 0 && len(flags) < n; r-- {
			flags = append(flags, f)
		}
	}
	w.flags = flags
	xs, ys := slices.Grow(w.x[:0], n)[:n], slices.Grow(w.y[:0], n)[:n]
	w.x, w.y = xs, ys
	var ok bool
	if at, ok = decodeAxis(d, at, flags, xs, ptXShort, ptXSame, s); !ok {
		return dst, false
	}
	if _, ok = decodeAxis(d, at, flags, ys, ptYShort, ptYSame, s); !ok {
		return dst, false
	}

	// Header: contours, bounding box of the scaled points, end points,
	// instructions.
	var xMin, yMin, xMax, yMax int32
	if n > 0 {
		xMin, xMax = slices.Min(xs), slices.Max(xs)
		yMin, yMax = slices.Min(ys), slices.Max(ys)
	}
	base := len(dst)
	dst = binary.BigEndian.AppendUint16(dst, uint16(nc))
	for _, v := range [4]int32{xMin, yMin, xMax, yMax} {
		dst = binary.BigEndian.AppendUint16(dst, uint16(int16(v)))
	}
	dst = append(dst, d[10:10+2*nc+2+ins]...)

	// The new flags, in place of the old ones: on curve (and the first
	// point's overlap bit), and how each move is written.
	var px, py int32
	for i := range flags {
		f := flags[i] & ptOnCurve
		if i == 0 {
			f |= flags[0] & ptOverlap
		}
		f |= moveFlag(xs[i]-px, ptXShort, ptXSame) | moveFlag(ys[i]-py, ptYShort, ptYSame)
		px, py = xs[i], ys[i]
		flags[i] = f
	}
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
// absolute coordinates scaled by s, and returns where they end.
func decodeAxis(d []byte, at int, flags []byte, vs []int32, short, same byte, s scaler) (int, bool) {
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
		vs[i] = int32(s.v(v))
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
	mu    sync.Mutex
	m     map[uint32][]byte // upem<<16 | glyph → outline; nil: malformed
	arena []byte            // where the outlines are stored, in chunks
	w     glyphScratch
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
	s := scaler{upem, t.upem}
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
