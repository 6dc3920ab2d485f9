package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
)

// This file is a small reader for the part of a TrueType file that says which
// characters the font can draw: the table directory, 'maxp' (glyph count) and
// 'cmap' subtables of formats 4 (BMP) and 12 (all planes). Every read is
// bounds-checked, so malformed data gives an error, never a panic (FuzzCmap).

// Font file signatures (the first four bytes of the file).
const (
	magicTrueType = 0x00010000 // TrueType outlines (Windows/OpenType)
	magicTrue     = 0x74727565 // 'true': TrueType outlines (Apple)
	magicOTTO     = 0x4F54544F // 'OTTO': OpenType with CFF outlines
	magicTTC      = 0x74746366 // 'ttcf': TrueType/OpenType collection
	magicWOFF     = 0x774F4646 // 'wOFF'
	magicWOFF2    = 0x774F4632 // 'wOF2'
)

const maxRune = 0x10FFFF

// errMalformed is wrapped by every parse error of the cmap reader.
var errMalformed = errors.New("字体数据损坏")

func malformed(format string, args ...any) error {
	return fmt.Errorf("%w: %s", errMalformed, fmt.Sprintf(format, args...))
}

// span is an inclusive range of code points.
type span struct{ lo, hi rune }

// coverage is the set of code points a font maps to a real glyph (not .notdef
// and below the font's glyph count).
type coverage struct {
	bmp  [0x10000 / 64]uint64 // one bit per BMP code point
	supp []span               // sorted, disjoint, non-adjacent; all > 0xFFFF
}

// has reports whether c is in the set.
func (cv *coverage) has(c rune) bool {
	if c < 0 || c > maxRune {
		return false
	}
	if c <= 0xFFFF {
		return cv.bmp[c>>6]&(1<<(uint(c)&63)) != 0
	}
	i := sort.Search(len(cv.supp), func(i int) bool { return cv.supp[i].hi >= c })
	return i < len(cv.supp) && cv.supp[i].lo <= c
}

// count returns the number of code points in the set.
func (cv *coverage) count() int {
	n := 0
	for _, w := range cv.bmp {
		for ; w != 0; w &= w - 1 {
			n++
		}
	}
	for _, s := range cv.supp {
		n += int(s.hi-s.lo) + 1
	}
	return n
}

// add puts the inclusive range [lo, hi] into the set.
func (cv *coverage) add(lo, hi rune) {
	if lo < 0 {
		lo = 0
	}
	if hi > maxRune {
		hi = maxRune
	}
	if lo > hi {
		return
	}
	if lo <= 0xFFFF {
		bhi := hi
		if bhi > 0xFFFF {
			bhi = 0xFFFF
		}
		cv.setBits(int(lo), int(bhi))
		lo = 0x10000
	}
	if lo <= hi {
		cv.supp = append(cv.supp, span{lo, hi})
	}
}

// setBits sets the BMP bits lo..hi (inclusive), a word at a time.
func (cv *coverage) setBits(lo, hi int) {
	for lo <= hi {
		w, b := lo>>6, uint(lo&63)
		if b == 0 && hi-lo >= 63 {
			cv.bmp[w] = ^uint64(0)
			lo += 64
			continue
		}
		cv.bmp[w] |= 1 << b
		lo++
	}
}

// normalize sorts and merges the supplementary spans.
func (cv *coverage) normalize() {
	if len(cv.supp) < 2 {
		return
	}
	sort.Slice(cv.supp, func(i, j int) bool { return cv.supp[i].lo < cv.supp[j].lo })
	out := cv.supp[:1]
	for _, s := range cv.supp[1:] {
		last := &out[len(out)-1]
		if s.lo <= last.hi+1 {
			if s.hi > last.hi {
				last.hi = s.hi
			}
			continue
		}
		out = append(out, s)
	}
	cv.supp = out
}

// reader reads big-endian values from b with bounds checks.
type reader struct{ b []byte }

func (r reader) u16(off int) (uint16, error) {
	if off < 0 || off > len(r.b)-2 {
		return 0, malformed("读取越界（偏移 %d，长度 %d）", off, len(r.b))
	}
	return binary.BigEndian.Uint16(r.b[off:]), nil
}

func (r reader) u32(off int) (uint32, error) {
	if off < 0 || off > len(r.b)-4 {
		return 0, malformed("读取越界（偏移 %d，长度 %d）", off, len(r.b))
	}
	return binary.BigEndian.Uint32(r.b[off:]), nil
}

// sub returns the bytes [off, off+n) or an error if they are not all there.
func (r reader) sub(off, n int) (reader, error) {
	if off < 0 || n < 0 || off > len(r.b) || n > len(r.b)-off {
		return reader{}, malformed("数据越界（偏移 %d，长度 %d，共 %d）", off, n, len(r.b))
	}
	return reader{r.b[off : off+n]}, nil
}

// sfntMagic returns the first four bytes of a font file as a number, or an
// error if data is shorter than that.
func sfntMagic(data []byte) (uint32, error) {
	return reader{data}.u32(0)
}

// findTable returns the contents of the table with the given tag, ok=false if
// the font has no such table.
func findTable(data []byte, tag string) (reader, bool, error) {
	r := reader{data}
	magic, err := r.u32(0)
	if err != nil {
		return reader{}, false, err
	}
	if magic != magicTrueType && magic != magicTrue && magic != magicOTTO {
		return reader{}, false, malformed("不是 sfnt 字体（文件头 %08x）", magic)
	}
	n, err := r.u16(4)
	if err != nil {
		return reader{}, false, err
	}
	for i := 0; i < int(n); i++ {
		rec := 12 + 16*i
		t, err := r.sub(rec, 16)
		if err != nil {
			return reader{}, false, malformed("表目录不完整")
		}
		if string(t.b[:4]) != tag {
			continue
		}
		off, _ := t.u32(8)
		length, _ := t.u32(12)
		if uint64(off)+uint64(length) > uint64(len(data)) {
			return reader{}, false, malformed("表 %q 超出文件末尾", tag)
		}
		return reader{data[off : off+length]}, true, nil
	}
	return reader{}, false, nil
}

// parseCmap reads which code points the TrueType/OpenType font in data can
// draw. It uses every Unicode subtable of format 4 or 12 it finds (platform 0,
// and platform 3 encodings 1 and 10) and ignores glyph ids that are 0 or not
// below maxp's glyph count.
func parseCmap(data []byte) (*coverage, error) {
	numGlyphs := 0x10000 // no maxp: accept every 16-bit glyph id
	if maxp, ok, err := findTable(data, "maxp"); err != nil {
		return nil, err
	} else if ok {
		n, err := maxp.u16(4)
		if err != nil {
			return nil, malformed("maxp 表太短")
		}
		numGlyphs = int(n)
	}
	cmap, ok, err := findTable(data, "cmap")
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, malformed("没有 cmap 表")
	}
	n, err := cmap.u16(2)
	if err != nil {
		return nil, malformed("cmap 表太短")
	}
	cv := new(coverage)
	used := 0
	seen := map[uint32]bool{}
	for i := 0; i < int(n); i++ {
		rec, err := cmap.sub(4+8*i, 8)
		if err != nil {
			return nil, malformed("cmap 编码记录不完整")
		}
		platform, _ := rec.u16(0)
		encoding, _ := rec.u16(2)
		off, _ := rec.u32(4)
		unicode := platform == 0 || (platform == 3 && (encoding == 1 || encoding == 10))
		if !unicode || seen[off] {
			continue
		}
		seen[off] = true
		if int64(off) >= int64(len(cmap.b)) {
			return nil, malformed("cmap 子表偏移 %d 超出表长 %d", off, len(cmap.b))
		}
		st := reader{cmap.b[off:]}
		format, err := st.u16(0)
		if err != nil {
			return nil, malformed("cmap 子表太短")
		}
		switch format {
		case 4:
			err = parseFormat4(st, numGlyphs, cv)
		case 12:
			err = parseFormat12(st, numGlyphs, cv)
		default:
			continue
		}
		if err != nil {
			return nil, err
		}
		used++
	}
	if used == 0 {
		return nil, malformed("cmap 表没有可用的 Unicode 子表（格式 4 或 12）")
	}
	cv.normalize()
	return cv, nil
}

// parseFormat4 reads a segment-mapping subtable (BMP only).
func parseFormat4(st reader, numGlyphs int, cv *coverage) error {
	length, err := st.u16(2)
	if err != nil {
		return malformed("格式 4 子表太短")
	}
	// Some fonts write a wrong length; clamp it to the bytes there are.
	l := int(length)
	if l > len(st.b) {
		l = len(st.b)
	}
	t, _ := st.sub(0, l)
	segX2, err := t.u16(6)
	if err != nil {
		return malformed("格式 4 子表太短")
	}
	if segX2%2 != 0 {
		return malformed("格式 4 段数 %d 不是偶数", segX2)
	}
	segs := int(segX2) / 2
	endOff := 14
	startOff := endOff + 2*segs + 2 // + reservedPad
	deltaOff := startOff + 2*segs
	rangeOff := deltaOff + 2*segs
	if _, err := t.sub(0, rangeOff+2*segs); err != nil {
		return malformed("格式 4 段数组超出子表（%d 段）", segs)
	}
	for s := 0; s < segs; s++ {
		end, _ := t.u16(endOff + 2*s)
		start, _ := t.u16(startOff + 2*s)
		delta, _ := t.u16(deltaOff + 2*s)
		ro, _ := t.u16(rangeOff + 2*s)
		if start > end {
			continue // malformed segment: ignore, as renderers do
		}
		if ro == 0 {
			addDelta(cv, int(start), int(end), int(delta), numGlyphs)
			continue
		}
		// glyphIdArray entry for c: address of idRangeOffset[s] + ro + 2*(c-start).
		base := rangeOff + 2*s + int(ro) - 2*int(start)
		if _, err := t.sub(base+2*int(start), 2*(int(end)-int(start)+1)); err != nil {
			return malformed("格式 4 glyphIdArray 越界（U+%04X–U+%04X）", start, end)
		}
		for c := int(start); c <= int(end); c++ {
			v, _ := t.u16(base + 2*c)
			if v == 0 {
				continue
			}
			if g := (int(v) + int(delta)) & 0xFFFF; g != 0 && g < numGlyphs {
				cv.setBits(c, c)
			}
		}
	}
	return nil
}

// addDelta adds the code points c in [start, end] of a format 4 segment with
// idRangeOffset 0, where glyph = (c + delta) mod 65536, that map to a glyph id
// in [1, numGlyphs). It works on ranges, not code point by code point.
func addDelta(cv *coverage, start, end, delta, numGlyphs int) {
	// Without wrap-around c maps to c+delta; past 65535-delta it maps to
	// c+delta-65536.
	pieces := [2][3]int{
		{start, min(end, 0xFFFF-delta), delta},
		{max(start, 0x10000-delta), end, delta - 0x10000},
	}
	for _, p := range pieces {
		lo, hi, k := p[0], p[1], p[2]
		lo = max(lo, 1-k)
		hi = min(hi, numGlyphs-1-k)
		if lo <= hi {
			cv.setBits(lo, hi)
		}
	}
}

// parseFormat12 reads a segmented-coverage subtable (all planes).
func parseFormat12(st reader, numGlyphs int, cv *coverage) error {
	hdr, err := st.sub(0, 16)
	if err != nil {
		return malformed("格式 12 子表太短")
	}
	length, _ := hdr.u32(4)
	n, _ := hdr.u32(12)
	if uint64(n)*12+16 > uint64(len(st.b)) || (length >= 16 && uint64(n)*12+16 > uint64(length)) {
		return malformed("格式 12 组数 %d 超出子表", n)
	}
	for i := 0; i < int(n); i++ {
		g, _ := st.sub(16+12*i, 12)
		start, _ := g.u32(0)
		end, _ := g.u32(4)
		glyph, _ := g.u32(8)
		if start > end || start > maxRune {
			continue
		}
		if end > maxRune {
			end = maxRune
		}
		// Code point c maps to glyph+(c-start); keep those with 0 < id < numGlyphs.
		lo, hi := int64(start), int64(end)
		if glyph == 0 {
			lo++
		}
		if maxHi := int64(start) + int64(numGlyphs) - 1 - int64(glyph); maxHi < hi {
			hi = maxHi
		}
		if lo <= hi {
			cv.add(rune(lo), rune(hi))
		}
	}
	return nil
}
