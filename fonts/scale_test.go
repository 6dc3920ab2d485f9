package fonts

import (
	"bytes"
	"encoding/binary"
	"math"
	"testing"
)

// outline is a simple glyph decoded for the tests: the on-curve bit of each
// point and its absolute coordinates.
type outline struct {
	contours int
	bbox     [4]int
	ends     []int
	ins      []byte
	on       []bool
	xs, ys   []int
}

// decodeOutline decodes a simple glyph the plain way, independently of
// appendScaledGlyph.
func decodeOutline(t *testing.T, d []byte) outline {
	t.Helper()
	var o outline
	o.contours = int(int16(binary.BigEndian.Uint16(d)))
	for i := range o.bbox {
		o.bbox[i] = int(int16(binary.BigEndian.Uint16(d[2+2*i:])))
	}
	p := 10
	for i := 0; i < o.contours; i++ {
		o.ends = append(o.ends, int(binary.BigEndian.Uint16(d[p:])))
		p += 2
	}
	ni := int(binary.BigEndian.Uint16(d[p:]))
	o.ins = d[p+2 : p+2+ni]
	p += 2 + ni
	n := o.ends[len(o.ends)-1] + 1
	var flags []byte
	for len(flags) < n {
		f := d[p]
		p++
		flags = append(flags, f)
		if f&8 != 0 {
			for r := int(d[p]); r > 0; r-- {
				flags = append(flags, f)
			}
			p++
		}
	}
	if len(flags) != n {
		t.Fatalf("flags repeat past the last point: %d flags for %d points", len(flags), n)
	}
	axis := func(short, same byte) []int {
		var vs []int
		v := 0
		for _, f := range flags {
			switch {
			case f&short != 0 && f&same != 0:
				v += int(d[p])
				p++
			case f&short != 0:
				v -= int(d[p])
				p++
			case f&same == 0:
				v += int(int16(binary.BigEndian.Uint16(d[p:])))
				p += 2
			}
			vs = append(vs, v)
		}
		return vs
	}
	o.xs = axis(2, 0x10)
	o.ys = axis(4, 0x20)
	for _, f := range flags {
		o.on = append(o.on, f&1 != 0)
	}
	if (len(d)-p+3)/4 > 1 { // only the padding may follow
		t.Fatalf("%d bytes after the coordinates", len(d)-p)
	}
	return o
}

// round is v·num/den rounded half away from zero, computed in floating
// point.
func round(v, num, den int) int {
	f := float64(v) * float64(num) / float64(den)
	if f < 0 {
		return -int(-f + 0.5)
	}
	return int(f + 0.5)
}

// TestSubsetScaled: a subset at coarser units per em has every point of
// every glyph but control points of straight segments, each coordinate
// rounded to the nearest new unit, the
// advances and side bearings and font-wide values scaled alike, and the
// outlines encoded no larger than the original's bytes; it is a valid
// font, and the same call gives the same bytes.
func TestSubsetScaled(t *testing.T) {
	tt, err := Default().TrueType(Body)
	if err != nil {
		t.Fatal(err)
	}
	var glyphs []int
	for _, c := range "政府信息公开工作年度报告0123456789（）ABCxyz，。" {
		glyphs = append(glyphs, tt.GlyphIndex(c))
	}
	const upem = 267
	sub := tt.AppendSubset(nil, glyphs, upem)
	st, err := openTables(sub)
	if err != nil {
		t.Fatalf("subset does not open: %v", err)
	}
	if st.UnitsPerEm() != upem {
		t.Fatalf("unitsPerEm %d, want %d", st.UnitsPerEm(), upem)
	}
	if sum := checksum(sub); sum != 0xB1B0AFBA {
		t.Errorf("file checksum %08x, want B1B0AFBA", sum)
	}
	if !bytes.Equal(sub, tt.AppendSubset(nil, glyphs, upem)) {
		t.Error("second subset (from the cache) differs")
	}
	exact := tt.Subset(glyphs)
	if len(sub) >= len(exact) {
		t.Errorf("scaled subset %d bytes, exact %d", len(sub), len(exact))
	}
	r := func(v int) int { return round(v, upem, tt.UnitsPerEm()) }
	totalDropped := 0
	for i, g := range glyphs {
		orig, got := decodeOutline(t, tt.glyph(g)), decodeOutline(t, subsetGlyph(t, sub, i+1))
		if got.contours != orig.contours || !bytes.Equal(got.ins, orig.ins) {
			t.Fatalf("glyph %d: contours or instructions differ", g)
		}
		// Every point is there, rounded, but for control points of
		// nearly straight segments (on-curve points either side, within
		// twice flatUnits of the chord), which may be gone.
		dropped, k, start := 0, 0, 0
		for c, end := range orig.ends {
			for p := start; p <= end; p++ {
				if k < len(got.xs) && got.on[k] == orig.on[p] && got.xs[k] == r(orig.xs[p]) && got.ys[k] == r(orig.ys[p]) {
					k++
					continue
				}
				a, b := p-1, p+1
				if p == start {
					a = end
				}
				if p == end {
					b = start
				}
				if orig.on[p] || !orig.on[a] || !orig.on[b] || chordDistance(orig, p, a, b) > 2*flatUnits*float64(tt.UnitsPerEm())/upem {
					t.Fatalf("glyph %d point %d (%d,%d,%v) is missing", g, p, orig.xs[p], orig.ys[p], orig.on[p])
				}
				dropped++
			}
			if got.ends[c] != k-1 {
				t.Fatalf("glyph %d: contour %d ends at %d, want %d", g, c, got.ends[c], k-1)
			}
			start = end + 1
		}
		totalDropped += dropped
		for k, v := range orig.bbox {
			if got.bbox[k] != r(v) {
				t.Errorf("glyph %d: bounding box %v, want %v scaled", g, got.bbox, orig.bbox)
				break
			}
		}
		if n, was := len(subsetGlyph(t, sub, i+1)), len(tt.glyph(g)); n > (was+3)&^3 {
			t.Errorf("glyph %d: %d bytes, was %d", g, n, was)
		}
		if st.Advance(i+1) != r(tt.Advance(g)) {
			t.Errorf("glyph %d: advance %d, want %d", g, st.Advance(i+1), r(tt.Advance(g)))
		}
		if int(int16(st.lsb(i+1))) != r(int(int16(tt.lsb(g)))) {
			t.Errorf("glyph %d: side bearing %d, want %d scaled", g, int16(st.lsb(i+1)), int16(tt.lsb(g)))
		}
	}
	if totalDropped == 0 {
		t.Error("no control point of a straight segment was dropped")
	}
	m, sm := tt.Metrics(), st.Metrics()
	if sm.Ascent != r(m.Ascent) || sm.Descent != r(m.Descent) || sm.XMin != r(m.XMin) || sm.YMax != r(m.YMax) {
		t.Errorf("metrics %+v, want %+v scaled", sm, m)
	}

	// Re-encoded at the same units, an outline is no larger than the
	// font's own.
	for _, g := range glyphs {
		d := tt.glyph(g)
		re, ok := appendScaledGlyph(nil, d, scaler{num: 1, den: 1}, &glyphScratch{})
		if !ok || len(re) > len(d) {
			t.Errorf("glyph %d re-encoded: %v, %d bytes, was %d", g, ok, len(re), len(d))
		}
		if o, p := decodeOutline(t, re), decodeOutline(t, d); !equalInts(o.xs, p.xs) || !equalInts(o.ys, p.ys) {
			t.Errorf("glyph %d re-encoded at the same units: points differ", g)
		}
	}
}

// chordDistance is the distance of point p of o from the line through
// points a and b.
func chordDistance(o outline, p, a, b int) float64 {
	dx, dy := float64(o.xs[b]-o.xs[a]), float64(o.ys[b]-o.ys[a])
	px, py := float64(o.xs[p]-o.xs[a]), float64(o.ys[p]-o.ys[a])
	return math.Abs(px*dy-py*dx) / math.Hypot(dx, dy)
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestSubsetUnits: outlines are re-encoded only at fewer units per em than
// the font's, at least 16, and not for a font with hinting programs (their
// instructions work in the font's own units).
func TestSubsetUnits(t *testing.T) {
	tt, err := Default().TrueType(Body)
	if err != nil {
		t.Fatal(err)
	}
	for upem, want := range map[int]int{0: 1000, 8: 1000, 16: 16, 250: 250, 999: 999, 1000: 1000, 2048: 1000} {
		if got := tt.Units(upem); got != want {
			t.Errorf("Units(%d) = %d, want %d", upem, got, want)
		}
	}
	g := []int{tt.GlyphIndex('中')}
	if !bytes.Equal(tt.AppendSubset(nil, g, 1000), tt.Subset(g)) {
		t.Error("a subset at the font's own units is not the exact one")
	}
	hinted := *tt
	hinted.prep = []byte{0xB0, 0x01} // PUSHB 1
	if hinted.Units(250) != 1000 {
		t.Error("a hinted font's outlines would be re-encoded")
	}
	st, err := openTables(hinted.AppendSubset(nil, g, 250))
	if err != nil || st.UnitsPerEm() != 1000 {
		t.Errorf("hinted font's subset at 250: %v, unitsPerEm %d", err, st.UnitsPerEm())
	}
}

// TestSubsetScaledComposite: a composite glyph's offsets are scaled with
// the outlines, and a malformed glyph makes the whole subset exact rather
// than mixing units.
func TestSubsetScaledComposite(t *testing.T) {
	tt, err := Default().TrueType(Body)
	if err != nil {
		t.Fatal(err)
	}
	comp := []byte{0xFF, 0xFF, 0, 0, 0, 0, 0x03, 0xE8, 0x03, 0xE8}
	comp = binary.BigEndian.AppendUint16(comp, compMore|compArgsAreWords|compXYArgs)
	comp = binary.BigEndian.AppendUint16(comp, uint16(tt.GlyphIndex('中')))
	comp = binary.BigEndian.AppendUint16(comp, 400)
	comp = binary.BigEndian.AppendUint16(comp, uint16(0xFFFF&-100))
	comp = binary.BigEndian.AppendUint16(comp, compXYArgs)
	comp = binary.BigEndian.AppendUint16(comp, uint16(tt.GlyphIndex('国')))
	comp = append(comp, 100, 0xF6) // 100, -10
	got := appendScaledComposite(nil, comp, scaler{num: 250, den: 1000})
	want := bytes.Clone(comp)
	copy(want[6:], []byte{0, 250, 0, 250})
	copy(want[14:], []byte{0, 100, 0xFF, 0xE7}) // 100, -25
	want[22], want[23] = 25, 0xFD               // 25, -3 (−2.5 rounded away from zero)
	if !bytes.Equal(got, want) {
		t.Errorf("scaled composite\n got % x\nwant % x", got, want)
	}

	bad := []byte{0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFE, 0, 0, 1} // 65535 points, no room for them
	if _, ok := appendScaledGlyph(nil, bad, scaler{num: 1, den: 4}, &glyphScratch{}); ok {
		t.Error("truncated glyph re-encoded")
	}
	c := tt.GlyphIndex('年')
	old := tt.glyph(c)
	data := bytes.Clone(tt.data)
	off := bytes.Index(data, old)
	copy(data[off:], bad)
	mod, err := OpenTrueType(data)
	if err != nil {
		t.Fatal(err)
	}
	st, err := openTables(mod.AppendSubset(nil, []int{tt.GlyphIndex('中'), c}, 250))
	if err != nil || st.UnitsPerEm() != 1000 {
		t.Errorf("subset with a malformed glyph: %v, unitsPerEm %d, want the exact 1000", err, st.UnitsPerEm())
	}
}

// TestFlatten: a control point is dropped only between two on-curve points,
// over the segment between them and within the distance given of it.
func TestFlatten(t *testing.T) {
	// One contour: on (0,0), off (50,1) nearly on the chord, on (100,0),
	// off (100,60) far off it, on (0,100), off (-30,99) near the line
	// through its neighbours but not over the segment between them.
	on := []bool{true, false, true, false, true, false}
	xs := []int{0, 50, 100, 100, 0, -30}
	ys := []int{0, 1, 0, 60, 100, 99}
	g := []byte{0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0}
	for _, o := range on {
		f := byte(0)
		if o {
			f = 1
		}
		g = append(g, f) // both moves as words
	}
	for _, vs := range [][]int{xs, ys} {
		prev := 0
		for _, v := range vs {
			g = binary.BigEndian.AppendUint16(g, uint16(int16(v-prev)))
			prev = v
		}
	}
	for _, c := range []struct {
		flat2 float64
		xs    []int
	}{
		{2 * 2, []int{0, 100, 100, 0, -30}}, // within 2 units: the first goes
		{0.5 * 0.5, xs},                     // within half a unit: none
	} {
		re, ok := appendScaledGlyph(nil, g, scaler{num: 1, den: 1, flat2: c.flat2}, &glyphScratch{})
		if !ok {
			t.Fatal("test glyph not read")
		}
		o := decodeOutline(t, re)
		if !equalInts(o.xs, c.xs) || len(o.ys) != len(c.xs) || o.ends[0] != len(c.xs)-1 {
			t.Errorf("within %g: x %v, end %d; want x %v", c.flat2, o.xs, o.ends[0], c.xs)
		}
	}
}

// scaledGlyphUnits are the grids the equivalence test re-encodes at: the
// ones the PDF writer picks for its sizes, and a very coarse and a barely
// coarser one.
var scaledGlyphUnits = []int{40, 219, 334, 459, 999}

// TestScaledGlyphMatchesReference: appendScaledGlyph gives the same bytes
// and the same verdict as the plain reference implementation for every
// glyph of every shipped font at several grids, with straightening and
// without, and for damaged copies of some of them.
func TestScaledGlyphMatchesReference(t *testing.T) {
	units := scaledGlyphUnits
	if testing.Short() {
		units = units[1:2]
	}
	var w, wr glyphScratch
	var got, want []byte
	for _, r := range Roles() {
		tt, err := Default().TrueType(r)
		if err != nil {
			t.Fatal(err)
		}
		for _, upem := range units {
			if upem >= tt.upem {
				continue
			}
			for _, table := range []bool{true, false} {
				s := newScaler(upem, tt.upem, table)
				if !table {
					s.flat2 = 0 // the path without straightening
				}
				for g := 0; g < tt.numGlyphs; g++ {
					d := tt.glyph(g)
					var ok, okr bool
					got, ok = appendScaledGlyph(got[:0], d, s, &w)
					want, okr = appendScaledGlyphRef(want[:0], d, s, &wr)
					if ok != okr || !bytes.Equal(got, want) {
						t.Fatalf("%s glyph %d at %d units (table %v): got %v %x, reference %v %x", r, g, upem, table, ok, got, okr, want)
					}
				}
			}
		}
	}
}

// TestScaledGlyphDamagedMatchesReference: for damaged glyphs (bytes
// changed, cut short) appendScaledGlyph and the reference agree too.
func TestScaledGlyphDamagedMatchesReference(t *testing.T) {
	tt, err := Default().TrueType(Body)
	if err != nil {
		t.Fatal(err)
	}
	s := newScaler(334, tt.upem, true)
	var w, wr glyphScratch
	var got, want []byte
	rnd := uint32(1)
	next := func(n int) int {
		rnd = rnd*1664525 + 1013904223
		return int(rnd>>8) % n
	}
	var d []byte
	for g := 1; g < tt.numGlyphs; g += 97 {
		orig := tt.glyph(g)
		if len(orig) < 12 {
			continue
		}
		for k := 0; k < 20; k++ {
			d = append(d[:0], orig...)
			switch k % 4 {
			case 0:
				d = d[:next(len(d))]
			case 1:
				d[next(len(d))] = byte(next(256))
			case 2:
				d[10+next(len(d)-10)] ^= 0xFF
			default:
				for j := 0; j < 4; j++ {
					d[next(len(d))] = byte(next(256))
				}
			}
			var ok, okr bool
			got, ok = appendScaledGlyph(got[:0], d, s, &w)
			want, okr = appendScaledGlyphRef(want[:0], d, s, &wr)
			if ok != okr || !bytes.Equal(got, want) {
				t.Fatalf("damaged glyph %d (%x): got %v %x, reference %v %x", g, d, ok, got, okr, want)
			}
		}
	}
}

// benchGlyphs re-encodes the first glyphs of the body font, as a
// document's first subset does.
func benchGlyphs(b *testing.B, f func(dst, d []byte, s scaler, w *glyphScratch) ([]byte, bool)) {
	tt, err := Default().TrueType(Body)
	if err != nil {
		b.Fatal(err)
	}
	s := newScaler(334, tt.upem, true)
	var glyphs [][]byte
	points := 0
	for _, c := range "政府信息公开工作年度报告一二三四五六七八九十主动申请收到答复行政复议诉讼结果维持纠正其他" {
		d := tt.glyph(tt.GlyphIndex(c))
		glyphs = append(glyphs, d)
		points += int(be16(d, 10+2*int(be16(d, 0))-2)) + 1
	}
	var w glyphScratch
	var dst []byte
	b.ResetTimer()
	for b.Loop() {
		for _, d := range glyphs {
			dst, _ = f(dst[:0], d, s, &w)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(points), "ns/point")
}

func BenchmarkScaledGlyph(b *testing.B)    { benchGlyphs(b, appendScaledGlyph) }
func BenchmarkScaledGlyphRef(b *testing.B) { benchGlyphs(b, appendScaledGlyphRef) }
