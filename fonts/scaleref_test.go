package fonts

import (
	"encoding/binary"
	"slices"
)

// This file keeps the first, plain implementation of appendScaledGlyph
// (one pass per step, slices in between) as the reference the faster one
// in scale.go must equal byte for byte (TestScaledGlyphMatchesReference).

// appendScaledGlyphRef appends glyph data d re-encoded by s to dst, in the
// most compact form the format allows (repeated flags, one-byte and
// omitted coordinate moves), and reports false (dst unchanged) when d is
// malformed. Empty glyphs stay empty; a composite glyph's component
// offsets are scaled, its component numbers left for the caller to
// rewrite; instructions are kept as they are.
func appendScaledGlyphRef(dst, d []byte, s scaler, w *glyphScratch) ([]byte, bool) {
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
	if at, ok = decodeAxisRef(d, at, flags, xs, 1); !ok {
		return dst, false
	}
	if _, ok = decodeAxisRef(d, at, flags, ys, 2); !ok {
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
		markStraightRef(flags, xs, ys, ends, s.flat2)
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
			flags[k] = nf | moveFlagRef(x-px, ptXShort, ptXSame) | moveFlagRef(y-py, ptYShort, ptYSame)
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
	dst = appendMovesRef(dst, xs)
	dst = appendMovesRef(dst, ys)
	if len(dst)-base > 0xFFFF*2 {
		return dst[:base], false
	}
	return dst, true
}

// decodeAxisRef reads the moves along one axis from d at at into vs, as
// absolute coordinates, and returns where they end. shift is 1 for x, 2 for
// y: the axis' short bit is 1<<shift, its same-or-positive bit 1<<(shift+3).
func decodeAxisRef(d []byte, at int, flags []byte, vs []int32, shift uint) (int, bool) {
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

// moveFlagRef returns the flag bits that write move dv along an axis.
func moveFlagRef(dv int32, short, same byte) byte {
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

// appendMovesRef appends the moves between the coordinates vs (from 0) as
// moveFlagRef says they are written.
func appendMovesRef(dst []byte, vs []int32) []byte {
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

// markStraightRef marks with ptDrop (a bit reserved in fonts) the off-curve points that make a
// quadratic segment between two on-curve points bulge by at most half of
// sqrt(flat2) from the straight line between them (a control point within
// sqrt(flat2) of the chord and over it); ends are the contours' last
// points.
func markStraightRef(flags []byte, xs, ys []int32, ends []int, flat2 float64) {
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
			if flags[i]&ptOnCurve == 0 && flags[a]&ptOnCurve != 0 && flags[b]&ptOnCurve != 0 && nearChordRef(xs, ys, i, a, b, flat2) {
				flags[i] |= ptDrop
			}
		}
		start = end + 1
	}
}

// v32 is v for coordinates, from the table when it has them.
func (s scaler) v32(v int32) int32 {
	if i := int(v) + s.off; i >= 0 && i < len(s.tab) {
		return s.tab[i]
	}
	return int32(s.v(int(v)))
}

func nearChordRef(xs, ys []int32, i, a, b int, flat2 float64) bool {
	dx, dy := int64(xs[b]-xs[a]), int64(ys[b]-ys[a])
	px, py := int64(xs[i]-xs[a]), int64(ys[i]-ys[a])
	l2 := dx*dx + dy*dy
	if dot := px*dx + py*dy; l2 == 0 || dot < 0 || dot > l2 {
		return false
	}
	cross := float64(px*dy - py*dx)
	return float64(cross*cross) <= float64(flat2*float64(l2))
}
