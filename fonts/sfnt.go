package fonts

import (
	"encoding/binary"
	"slices"
	"sync/atomic"
)

// This file reads a TrueType font in place, without copying or decoding the
// whole file: opening one looks at the table directory and a few fixed-size
// headers only, and a character's glyph, a glyph's advance and a glyph's
// outline are read from the original bytes when asked for. A process that
// draws 750 characters from six 3–6 MB fonts so touches a few hundred
// kilobytes of them. Subset builds the font program a PDF embeds: only the
// glyphs drawn, renumbered, with loca and hmtx as long as that.

// TrueType is a TrueType-outline font read in place from its bytes. It is
// safe for concurrent use; the only state it changes after OpenTrueType is
// a cache of the outlines AppendSubset re-encodes.
type TrueType struct {
	data []byte

	head, hhea, maxp, hmtx, loca, glyf []byte
	cvt, fpgm, prep, os2, post         []byte

	numGlyphs   int
	numHMetrics int
	upem        int
	longLoca    bool

	cmap4  reader // format 4 subtable (BMP), clamped to its length; empty if none
	segs   int
	cmap12 reader // format 12 subtable (all planes); empty if none
	groups int

	scaled *scaledCache // outlines re-encoded for subsets
	// kinds has two bits per glyph, set once looked at: bit 0 that it
	// was, bit 1 that it is composite. A subset asks of every glyph
	// whether it brings components, and reading the glyph's own record
	// for that is a cache miss or two in the font file.
	kinds []atomic.Uint32
}

// OpenTrueType reads the table directory and headers of the TrueType font in
// data. data is kept, not copied, and must not change afterwards. Errors wrap
// the same "font data damaged" error as the coverage reader's.
func OpenTrueType(data []byte) (*TrueType, error) {
	t, err := openTables(data)
	if err != nil {
		return nil, err
	}
	if err := t.findCmap(); err != nil {
		return nil, err
	}
	return t, nil
}

// openTables is OpenTrueType without the cmap, which a font program
// embedded in a PDF (such as a Subset) does without.
func openTables(data []byte) (*TrueType, error) {
	t := &TrueType{data: data, scaled: &scaledCache{}}
	need := func(tag string, min int) ([]byte, error) {
		r, ok, err := findTable(data, tag)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, malformed("缺少 %s 表", tag)
		}
		if len(r.b) < min {
			return nil, malformed("%s 表太短", tag)
		}
		return r.b, nil
	}
	var err error
	if t.head, err = need("head", 54); err != nil {
		return nil, err
	}
	if t.hhea, err = need("hhea", 36); err != nil {
		return nil, err
	}
	if t.maxp, err = need("maxp", 6); err != nil {
		return nil, err
	}
	if t.hmtx, err = need("hmtx", 4); err != nil {
		return nil, err
	}
	if t.loca, err = need("loca", 2); err != nil {
		return nil, err
	}
	if t.glyf, err = need("glyf", 0); err != nil {
		return nil, err
	}
	optional := func(tag string) []byte {
		r, ok, _ := findTable(data, tag)
		if !ok {
			return nil
		}
		return r.b
	}
	t.cvt, t.fpgm, t.prep = optional("cvt "), optional("fpgm"), optional("prep")
	t.os2, t.post = optional("OS/2"), optional("post")

	t.upem = int(be16(t.head, 18))
	if t.upem < 16 || t.upem > 16384 {
		return nil, malformed("head 表的 unitsPerEm %d 无效", t.upem)
	}
	t.longLoca = be16(t.head, 50) != 0
	t.numGlyphs = int(be16(t.maxp, 4))
	t.numHMetrics = int(be16(t.hhea, 34))
	if t.numGlyphs == 0 {
		return nil, malformed("字体没有字形")
	}
	if t.numHMetrics == 0 || 4*t.numHMetrics > len(t.hmtx) {
		return nil, malformed("hmtx 表与 numberOfHMetrics %d 不符", t.numHMetrics)
	}
	if n := (t.numGlyphs + 1) * t.locaSize(); len(t.loca) < n {
		return nil, malformed("loca 表太短（%d 字节，需要 %d）", len(t.loca), n)
	}
	t.kinds = make([]atomic.Uint32, (t.numGlyphs+15)/16)
	return t, nil
}

func be16(b []byte, off int) uint16 { return binary.BigEndian.Uint16(b[off:]) }

func (t *TrueType) locaSize() int {
	if t.longLoca {
		return 4
	}
	return 2
}

// findCmap picks the Unicode subtables: the first format 4 one for the BMP
// and the first format 12 one for every plane, as PDF writers and viewers
// look characters up.
func (t *TrueType) findCmap() error {
	cmap, ok, err := findTable(t.data, "cmap")
	if err != nil {
		return err
	}
	if !ok {
		return malformed("没有 cmap 表")
	}
	n, err := cmap.u16(2)
	if err != nil {
		return malformed("cmap 表太短")
	}
	for i := 0; i < int(n); i++ {
		rec, err := cmap.sub(4+8*i, 8)
		if err != nil {
			return malformed("cmap 编码记录不完整")
		}
		platform, _ := rec.u16(0)
		encoding, _ := rec.u16(2)
		off, _ := rec.u32(4)
		if !(platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10))) {
			continue
		}
		if int64(off) >= int64(len(cmap.b)) {
			return malformed("cmap 子表偏移 %d 超出表长 %d", off, len(cmap.b))
		}
		st := reader{cmap.b[off:]}
		format, _ := st.u16(0)
		switch {
		case format == 4 && t.segs == 0:
			length, err := st.u16(2)
			if err != nil {
				return malformed("格式 4 子表太短")
			}
			st.b = st.b[:min(int(length), len(st.b))]
			segX2, err := st.u16(6)
			if err != nil || segX2%2 != 0 || segX2 == 0 {
				return malformed("格式 4 段数无效")
			}
			segs := int(segX2) / 2
			if _, err := st.sub(0, 16+8*segs); err != nil {
				return malformed("格式 4 段数组超出子表（%d 段）", segs)
			}
			t.cmap4, t.segs = st, segs
		case format == 12 && t.groups == 0:
			hdr, err := st.sub(0, 16)
			if err != nil {
				return malformed("格式 12 子表太短")
			}
			g, _ := hdr.u32(12)
			if g == 0 || uint64(g)*12+16 > uint64(len(st.b)) {
				return malformed("格式 12 组数 %d 超出子表", g)
			}
			t.cmap12, t.groups = reader{st.b[:16+12*int(g)]}, int(g)
		}
	}
	if t.segs == 0 && t.groups == 0 {
		return malformed("cmap 表没有可用的 Unicode 子表（格式 4 或 12）")
	}
	return nil
}

// NumGlyphs returns the number of glyphs in the font.
func (t *TrueType) NumGlyphs() int { return t.numGlyphs }

// UnitsPerEm returns the font's design units per em.
func (t *TrueType) UnitsPerEm() int { return t.upem }

// GlyphIndex returns the glyph the font draws c with, or 0 (.notdef) when
// it has none. Characters of the BMP are looked up in the format 4 subtable
// when there is one, the others (and all, for a font with only format 12)
// in the format 12 subtable. An index the font does not have counts as none.
func (t *TrueType) GlyphIndex(c rune) int {
	var g int
	if c >= 0 && c <= 0xFFFF && t.segs > 0 {
		g = t.lookup4(int(c))
	} else if t.groups > 0 {
		g = t.lookup12(c)
	}
	if g >= t.numGlyphs {
		return 0
	}
	return g
}

func (t *TrueType) lookup4(c int) int {
	b := t.cmap4.b
	segs := t.segs
	const endOff = 14
	startOff := endOff + 2*segs + 2
	deltaOff := startOff + 2*segs
	rangeOff := deltaOff + 2*segs
	// The first segment whose end code is at least c.
	lo, hi := 0, segs
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if int(be16(b, endOff+2*m)) < c {
			lo = m + 1
		} else {
			hi = m
		}
	}
	s := lo
	if s >= segs {
		return 0
	}
	start := int(be16(b, startOff+2*s))
	if c < start {
		return 0
	}
	delta := int(be16(b, deltaOff+2*s))
	ro := int(be16(b, rangeOff+2*s))
	if ro == 0 {
		return (c + delta) & 0xFFFF
	}
	at := rangeOff + 2*s + ro + 2*(c-start)
	if at < 0 || at+2 > len(b) {
		return 0
	}
	v := int(be16(b, at))
	if v == 0 {
		return 0
	}
	return (v + delta) & 0xFFFF
}

func (t *TrueType) lookup12(c rune) int {
	b := t.cmap12.b
	lo, hi := 0, t.groups
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if rune(binary.BigEndian.Uint32(b[16+12*m+4:])) < c {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo >= t.groups {
		return 0
	}
	g := b[16+12*lo:]
	start := rune(binary.BigEndian.Uint32(g))
	if c < start {
		return 0
	}
	id := int64(binary.BigEndian.Uint32(g[8:])) + int64(c-start)
	if id > 0xFFFF {
		return 0
	}
	return int(id)
}

// Advance returns the advance width of glyph g in font units.
func (t *TrueType) Advance(g int) int {
	if g >= t.numHMetrics {
		g = t.numHMetrics - 1
	}
	if g < 0 {
		return 0
	}
	return int(be16(t.hmtx, 4*g))
}

// lsb returns the left side bearing of glyph g.
func (t *TrueType) lsb(g int) uint16 {
	if g < t.numHMetrics {
		return be16(t.hmtx, 4*g+2)
	}
	at := 4*t.numHMetrics + 2*(g-t.numHMetrics)
	if at+2 > len(t.hmtx) {
		return 0
	}
	return be16(t.hmtx, at)
}

// glyph returns the outline bytes of glyph g (empty for a glyph without
// outline, or one whose loca entries point outside glyf).
func (t *TrueType) glyph(g int) []byte {
	if g < 0 || g >= t.numGlyphs {
		return nil
	}
	var a, b int
	if t.longLoca {
		a = int(binary.BigEndian.Uint32(t.loca[4*g:]))
		b = int(binary.BigEndian.Uint32(t.loca[4*g+4:]))
	} else {
		a = 2 * int(be16(t.loca, 2*g))
		b = 2 * int(be16(t.loca, 2*g+2))
	}
	if a < 0 || b <= a || b > len(t.glyf) {
		return nil
	}
	return t.glyf[a:b]
}

// Metrics are the font-wide values a PDF font descriptor states, in font
// units.
type Metrics struct {
	Ascent, Descent        int
	CapHeight, XHeight     int
	ItalicAngle            int // degrees
	XMin, YMin, XMax, YMax int
}

// Metrics returns the font's ascent and descent (hhea), cap and x height
// (OS/2 version 2 and later; otherwise the ascent and half of it), italic
// angle (post) and bounding box (head).
func (t *TrueType) Metrics() Metrics {
	s16 := func(b []byte, off int) int { return int(int16(be16(b, off))) }
	m := Metrics{
		Ascent:  s16(t.hhea, 4),
		Descent: s16(t.hhea, 6),
		XMin:    s16(t.head, 36), YMin: s16(t.head, 38),
		XMax: s16(t.head, 40), YMax: s16(t.head, 42),
	}
	m.CapHeight, m.XHeight = m.Ascent, m.Ascent/2
	if len(t.os2) >= 90 && be16(t.os2, 0) >= 2 {
		m.XHeight, m.CapHeight = s16(t.os2, 86), s16(t.os2, 88)
	}
	if len(t.post) >= 8 {
		m.ItalicAngle = int(int32(binary.BigEndian.Uint32(t.post[4:]))) >> 16
	}
	return m
}

// Composite glyph component flags (TrueType 'glyf').
const (
	compArgsAreWords = 0x0001
	compHaveScale    = 0x0008
	compMore         = 0x0020
	compXYScale      = 0x0040
	compTwoByTwo     = 0x0080
)

// components calls fn with the byte offset of each component record of
// composite glyph data d (its flags; the glyph index follows at +2 and the
// offsets or point numbers at +4) and the record's flags, and stops at the
// first record that does not fit.
func components(d []byte, fn func(at int, flags uint16)) {
	if len(d) < 10 || int16(be16(d, 0)) >= 0 {
		return
	}
	at := 10
	for at+4 <= len(d) {
		flags := be16(d, at)
		fn(at, flags)
		at += 4
		if flags&compArgsAreWords != 0 {
			at += 4
		} else {
			at += 2
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
			return
		}
	}
}

// composite reports whether glyph g is a composite glyph (with at least
// one component record), from kinds when it was asked before.
func (t *TrueType) composite(g int) bool {
	if g < 0 || g >= t.numGlyphs {
		return false
	}
	w, sh := &t.kinds[g/16], uint(g%16)*2
	if v := w.Load() >> sh; v&1 != 0 {
		return v&2 != 0
	}
	d := t.glyph(g)
	c := false
	components(d, func(int, uint16) { c = true })
	bits := uint32(1)
	if c {
		bits = 3
	}
	w.Or(bits << sh)
	return c
}

// Subset returns a TrueType font program holding glyph 0 and the glyphs
// listed, renumbered: the i-th glyph of glyphs becomes glyph i+1 (repeats
// and 0 keep their first number), and the components composite glyphs are
// built from follow, numbered after them. The result has only the tables a
// PDF viewer draws with (glyf, loca, hmtx, hhea, maxp, head and the hinting
// tables cvt, fpgm, prep), loca and hmtx as long as the subset. Glyph
// numbers outside the font are drawn as empty glyphs.
func (t *TrueType) Subset(glyphs []int) []byte { return t.AppendSubset(nil, glyphs, 0) }

// AppendSubset appends Subset(glyphs) to dst (which it may reuse when its
// capacity allows) and returns the extended slice; every table is written
// in place, so the only allocation is dst's growth.
//
// With upem between 16 and the font's own units per em, the outlines,
// advances, side bearings and the font-wide boxes and heights are
// re-encoded in units of 1/upem em instead, each coordinate rounded to the
// nearest, and the control points of nearly straight curves between two
// on-curve points dropped where that moves the curve by at most flatUnits
// (half a new unit). A shape so moves by at most one new unit (half of it
// rounding, half straightening); a PDF states the advances itself and
// takes them from the original font, so the text stays where it was to the
// last unit. Units says what a given font allows: a font with hinting
// programs, or with a glyph this package cannot read, is subset exactly
// whatever upem says.
func (t *TrueType) AppendSubset(dst []byte, glyphs []int, upem int) []byte {
	dst, _ = t.AppendSubsetCuts(dst, glyphs, upem, nil)
	return dst
}

// AppendSubsetCuts is AppendSubset that also appends to cuts where, in the
// subset (from its start in dst), each glyph's record in glyf begins (its
// outline and padding) and where the last one ends: a compressor can treat
// the glyphs, which recur from one subset to the next, as pieces of their
// own.
func (t *TrueType) AppendSubsetCuts(dst []byte, glyphs []int, upem int, cuts []int) ([]byte, []int) {
	order := make([]int, 1, len(glyphs)+1) // new number → old glyph
	num := make(map[int]int, len(glyphs)+1)
	num[0] = 0
	add := func(g int) {
		if _, ok := num[g]; !ok {
			num[g] = len(order)
			order = append(order, g)
		}
	}
	for _, g := range glyphs {
		add(g)
	}
	// Components, transitively (a component may itself be composite).
	for i := 0; i < len(order) && len(order) < 0xFFFF; i++ {
		if !t.composite(order[i]) {
			continue
		}
		d := t.glyph(order[i])
		components(d, func(at int, _ uint16) { add(int(be16(d, at+2))) })
	}
	n := len(order)

	// The outlines: the font's own bytes, or re-encoded ones.
	var scaled [][]byte
	if upem = t.Units(upem); upem != t.upem {
		if scaled = t.scaled.outlines(t, order, upem); scaled == nil {
			upem = t.upem // a glyph it cannot read: all exact
		}
	}
	sc := newScaler(upem, t.upem, false)
	glyph := func(i int) []byte {
		if scaled != nil {
			return scaled[i]
		}
		return t.glyph(order[i])
	}
	unit := func(v int) int {
		if scaled != nil {
			return sc.v(v)
		}
		return v
	}
	advance := func(i int) int { return unit(t.Advance(order[i])) }

	glyfLen := 0
	for i := range order {
		glyfLen += (len(glyph(i)) + 3) &^ 3
	}
	long := glyfLen > 0x1FFFE
	locaLen := 2 * (n + 1)
	if long {
		locaLen = 4 * (n + 1)
	}
	// hmtx: full metrics up to the last change of advance, then side
	// bearings only (the last advance repeats, as the format allows).
	hm := n
	for hm > 1 && advance(hm-1) == advance(hm-2) {
		hm--
	}
	hmtxLen := 4*hm + 2*(n-hm)

	type table struct {
		tag  string
		src  []byte // copied as it is, or nil for the ones built here
		size int
	}
	tables := []table{ // sorted by tag, as the directory must be
		{"cvt ", t.cvt, len(t.cvt)}, {"fpgm", t.fpgm, len(t.fpgm)}, {"glyf", nil, glyfLen},
		{"head", t.head[:54], 54}, {"hhea", t.hhea[:36], 36}, {"hmtx", nil, hmtxLen},
		{"loca", nil, locaLen}, {"maxp", t.maxp, len(t.maxp)}, {"prep", t.prep, len(t.prep)},
	}
	tables = slices.DeleteFunc(tables, func(tb table) bool {
		return tb.size == 0 && (tb.tag == "cvt " || tb.tag == "fpgm" || tb.tag == "prep") && tb.src == nil
	})
	count := len(tables)
	total := 12 + 16*count
	for _, tb := range tables {
		total += (tb.size + 3) &^ 3
	}
	base := len(dst)
	dst = slices.Grow(dst, total)[:base+total]
	out := dst[base:]
	clear(out)

	sel := 0
	for 1<<(sel+1) <= count {
		sel++
	}
	binary.BigEndian.PutUint32(out, 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(count))
	binary.BigEndian.PutUint16(out[6:], uint16(16<<sel))
	binary.BigEndian.PutUint16(out[8:], uint16(sel))
	binary.BigEndian.PutUint16(out[10:], uint16(16*count-16<<sel))
	at := 12 + 16*count
	headAt := 0
	var tablesSum uint32
	for i, tb := range tables {
		body := out[at : at+tb.size]
		switch tb.tag {
		case "glyf":
			// Each glyph padded to 4 bytes, component indices
			// rewritten to the new numbers.
			o := 0
			for i := range order {
				d := glyph(i)
				cuts = append(cuts, at+o)
				copy(body[o:], d)
				start := o
				components(d, func(at int, _ uint16) {
					c := at + 2
					binary.BigEndian.PutUint16(body[start+c:], uint16(num[int(be16(d, c))]))
				})
				o += (len(d) + 3) &^ 3
			}
			cuts = append(cuts, at+o)
		case "loca":
			o := 0
			for i := range order {
				if long {
					binary.BigEndian.PutUint32(body[4*i:], uint32(o))
				} else {
					binary.BigEndian.PutUint16(body[2*i:], uint16(o/2))
				}
				o += (len(glyph(i)) + 3) &^ 3
			}
			if long {
				binary.BigEndian.PutUint32(body[4*n:], uint32(o))
			} else {
				binary.BigEndian.PutUint16(body[2*n:], uint16(o/2))
			}
		case "hmtx":
			h := body[:0]
			for i, g := range order {
				if i < hm {
					h = binary.BigEndian.AppendUint16(h, uint16(advance(i)))
				}
				h = binary.BigEndian.AppendUint16(h, uint16(int16(unit(int(int16(t.lsb(g)))))))
			}
		default:
			copy(body, tb.src)
		}
		switch tb.tag {
		case "head":
			headAt = at
			binary.BigEndian.PutUint32(body[8:], 0) // checkSumAdjustment, set below
			binary.BigEndian.PutUint16(body[50:], 0)
			if long {
				binary.BigEndian.PutUint16(body[50:], 1)
			}
			if scaled != nil {
				binary.BigEndian.PutUint16(body[18:], uint16(upem))
				scaleFields(body, sc, 36, 38, 40, 42) // the font's bounding box
			}
		case "hhea":
			binary.BigEndian.PutUint16(body[34:], uint16(hm))
			if scaled != nil {
				// Ascender, descender, line gap, widest advance,
				// extreme side bearings and extent, caret offset.
				scaleFields(body, sc, 4, 6, 8, 12, 14, 16, 22)
				binary.BigEndian.PutUint16(body[10:], uint16(sc.v(int(be16(body, 10)))))
			}
		case "maxp":
			binary.BigEndian.PutUint16(body[4:], uint16(n))
		}
		rec := out[12+16*i:]
		copy(rec, tb.tag)
		sum := checksum(body)
		tablesSum += sum
		binary.BigEndian.PutUint32(rec[4:], sum)
		binary.BigEndian.PutUint32(rec[8:], uint32(at))
		binary.BigEndian.PutUint32(rec[12:], uint32(tb.size))
		at += (tb.size + 3) &^ 3
	}
	// The file's checksum: the tables are 4-byte aligned and padded with
	// zeros, so it is the directory's plus theirs.
	binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-(checksum(out[:12+16*count])+tablesSum))
	return dst, cuts
}

// Units returns the units per em AppendSubset(…, upem) writes t's subsets
// in: upem when the font's outlines can be re-encoded at that coarser
// grid, else the font's own.
func (t *TrueType) Units(upem int) int {
	if upem < 16 || upem >= t.upem || !t.canScale() {
		return t.upem
	}
	return upem
}

// scaleFields scales the signed 16-bit values at the offsets in b.
func scaleFields(b []byte, s scaler, offs ...int) {
	for _, o := range offs {
		binary.BigEndian.PutUint16(b[o:], uint16(int16(s.v(int(int16(be16(b, o)))))))
	}
}

// checksum is the TrueType table checksum: the sum of big-endian uint32s,
// the last one padded with zeros.
func checksum(b []byte) uint32 {
	// Two words a step: the sum of a big-endian 64-bit word's halves.
	var s, s2 uint32
	for len(b) >= 16 {
		v, w := binary.BigEndian.Uint64(b), binary.BigEndian.Uint64(b[8:])
		s += uint32(v>>32) + uint32(v)
		s2 += uint32(w>>32) + uint32(w)
		b = b[16:]
	}
	s += s2
	for len(b) >= 4 {
		s += binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	if len(b) > 0 {
		var last [4]byte
		copy(last[:], b)
		s += binary.BigEndian.Uint32(last[:])
	}
	return s
}
