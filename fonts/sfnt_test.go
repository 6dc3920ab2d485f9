package fonts

import (
	"bytes"
	"encoding/binary"
	"testing"
)

// TestTrueTypeAgreesWithCoverage: every shipped font opens in place, and
// GlyphIndex finds a glyph exactly for the characters the coverage reader
// says the font has.
func TestTrueTypeAgreesWithCoverage(t *testing.T) {
	s := Default()
	for _, r := range roles {
		tt, err := s.TrueType(r)
		if err != nil {
			t.Fatalf("%s: %v", r, err)
		}
		for c := rune(1); c <= 0x2FFFF; c++ {
			if got, want := tt.GlyphIndex(c) > 0, s.Covers(r, c); got != want {
				t.Fatalf("%s U+%04X: GlyphIndex says %v, coverage %v", r, c, got, want)
			}
		}
		if tt.Advance(tt.GlyphIndex('中')) == 0 {
			t.Errorf("%s: 中 has no advance", r)
		}
	}
}

// subsetGlyph returns glyph g's outline bytes in font file f, via its own
// directory, without the padding.
func subsetGlyph(t *testing.T, f []byte, g int) []byte {
	t.Helper()
	tt, err := openTables(f)
	if err != nil {
		t.Fatal(err)
	}
	return tt.glyph(g)
}

// TestSubset: a subset holds .notdef and the glyphs asked for, renumbered in
// order, with their outlines and advances unchanged, and loca/hmtx no longer
// than the subset; it is itself a valid font with correct checksums.
func TestSubset(t *testing.T) {
	tt, err := Default().TrueType(Body)
	if err != nil {
		t.Fatal(err)
	}
	var glyphs []int
	for _, c := range "政府信息公开工作年度报告0123456789（）" {
		glyphs = append(glyphs, tt.GlyphIndex(c))
	}
	glyphs = append(glyphs, glyphs[0]) // a repeat keeps its first number
	sub := tt.Subset(glyphs)
	st, err := openTables(sub)
	if err != nil {
		t.Fatalf("subset does not open: %v", err)
	}
	n := len(glyphs) // the distinct glyphs plus .notdef
	if st.NumGlyphs() != n {
		t.Fatalf("subset has %d glyphs, want %d", st.NumGlyphs(), n)
	}
	for i, g := range glyphs[:n-1] {
		if !samePadded(subsetGlyph(t, sub, i+1), tt.glyph(g)) {
			t.Errorf("glyph %d (old %d): outline differs", i+1, g)
		}
		if st.Advance(i+1) != tt.Advance(g) {
			t.Errorf("glyph %d: advance %d, want %d", i+1, st.Advance(i+1), tt.Advance(g))
		}
	}
	if len(st.loca) > 4*(n+1) || len(st.hmtx) > 4*n {
		t.Errorf("loca %d bytes, hmtx %d bytes for %d glyphs", len(st.loca), len(st.hmtx), n)
	}
	if len(sub) > 200_000 {
		t.Errorf("subset of %d glyphs is %d bytes", n, len(sub))
	}
	if sum := checksum(sub); sum != 0xB1B0AFBA {
		t.Errorf("file checksum %08x, want B1B0AFBA", sum)
	}
}

// samePadded reports whether sub is orig followed by the zero padding (to
// a multiple of 4 bytes) Subset puts after each glyph.
func samePadded(sub, orig []byte) bool {
	if len(sub) != (len(orig)+3)&^3 || !bytes.HasPrefix(sub, orig) {
		return false
	}
	return bytes.Count(sub[len(orig):], []byte{0}) == len(sub)-len(orig)
}

// TestSubsetComposite: a composite glyph brings its components along, and
// their indices inside it are rewritten to the new numbers.
func TestSubsetComposite(t *testing.T) {
	tt, err := Default().TrueType(Body)
	if err != nil {
		t.Fatal(err)
	}
	a, b := tt.GlyphIndex('中'), tt.GlyphIndex('国')
	// A composite glyph made of a and b, built in a copy of the font that
	// puts it in place of glyph c.
	comp := []byte{0xFF, 0xFF, 0, 0, 0, 0, 0, 0, 0, 0}
	comp = binary.BigEndian.AppendUint16(comp, compMore|compArgsAreWords)
	comp = binary.BigEndian.AppendUint16(comp, uint16(a))
	comp = append(comp, 0, 0, 0, 0)
	comp = binary.BigEndian.AppendUint16(comp, compHaveScale)
	comp = binary.BigEndian.AppendUint16(comp, uint16(b))
	comp = append(comp, 0, 0, 0x40, 0)
	c := tt.GlyphIndex('年')
	old := tt.glyph(c)
	if len(old) < len(comp) {
		t.Skip("glyph too short to overwrite")
	}
	data := bytes.Clone(tt.data)
	off := bytes.Index(data, old)
	copy(data[off:], comp)
	mod, err := OpenTrueType(data)
	if err != nil {
		t.Fatal(err)
	}
	sub := mod.Subset([]int{c})
	st, err := openTables(sub)
	if err != nil {
		t.Fatal(err)
	}
	if st.NumGlyphs() != 4 {
		t.Fatalf("subset has %d glyphs, want 4 (.notdef, the composite, two components)", st.NumGlyphs())
	}
	g := st.glyph(1)
	if got := []int{int(binary.BigEndian.Uint16(g[12:])), int(binary.BigEndian.Uint16(g[20:]))}; got[0] != 2 || got[1] != 3 {
		t.Errorf("component indices %v, want [2 3]", got)
	}
	if !samePadded(st.glyph(2), tt.glyph(a)) {
		t.Error("first component's outline differs")
	}
}

// FuzzTrueType: any bytes either fail to open or can be looked up and
// subset without panicking.
func FuzzTrueType(f *testing.F) {
	fang, err := Data(Body)
	if err != nil {
		f.Fatal(err)
	}
	tt, err := OpenTrueType(fang)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(tt.Subset([]int{tt.GlyphIndex('中'), tt.GlyphIndex('A')}))
	f.Add(testFont())
	f.Fuzz(func(t *testing.T, data []byte) {
		tt, err := OpenTrueType(data)
		if err != nil {
			return
		}
		var gs []int
		for _, c := range []rune{0, 'A', '中', 0xFFFF, 0x10000, 0x20000, maxRune, -5} {
			g := tt.GlyphIndex(c)
			_ = tt.Advance(g)
			gs = append(gs, g, g+1, 70000)
		}
		_ = tt.Metrics()
		if _, err := openTables(tt.Subset(gs)); err != nil {
			t.Errorf("subset does not open: %v", err)
		}
		if _, err := openTables(tt.AppendSubset(nil, gs, 100)); err != nil {
			t.Errorf("subset at 100 units per em does not open: %v", err)
		}
	})
}

// TestSubsetCuts: the cuts AppendSubsetCuts reports are where the subset's
// own loca says its glyphs begin, and the end of the last.
func TestSubsetCuts(t *testing.T) {
	tt, err := Default().TrueType(Body)
	if err != nil {
		t.Fatal(err)
	}
	var glyphs []int
	for _, c := range "政府信息公开 2021（）" {
		glyphs = append(glyphs, tt.GlyphIndex(c))
	}
	for _, upem := range []int{0, 334} {
		sub, cuts := tt.AppendSubsetCuts([]byte("xx"), glyphs, upem, nil)
		sub = sub[2:]
		if !bytes.Equal(sub, tt.AppendSubset(nil, glyphs, upem)) {
			t.Fatal("AppendSubsetCuts and AppendSubset differ")
		}
		st, err := openTables(sub)
		if err != nil {
			t.Fatal(err)
		}
		if len(cuts) != st.NumGlyphs()+1 {
			t.Fatalf("upem %d: %d cuts for %d glyphs", upem, len(cuts), st.NumGlyphs())
		}
		glyf := cuts[0]
		if !bytes.Equal(sub[glyf:glyf+len(st.glyf)], st.glyf) {
			t.Fatalf("upem %d: first cut %d is not where glyf begins", upem, glyf)
		}
		for g := 0; g < st.NumGlyphs(); g++ {
			d := st.glyph(g)
			if len(d) > cuts[g+1]-cuts[g] || !bytes.Equal(sub[cuts[g]:cuts[g]+len(d)], d) {
				t.Fatalf("upem %d: glyph %d is not at cut %d", upem, g, cuts[g])
			}
		}
	}
}
