package pdf

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/govreport/govreport/fonts"
)

// face is one font as the layout measures it and the painter embeds it:
// the TrueType file read in place (fonts.TrueType: opening it reads only the
// table directory; characters, widths and outlines are looked up in the
// original bytes when needed), so a process pays for the glyphs it uses,
// not for the size of the font files.
type face struct {
	name   string // PDF font name without the subset tag, e.g. "FandolFang"
	source string // fonts.Set.Source of the role it was loaded for
	tt     *fonts.TrueType
	upem   int

	// bmp caches the lookups of BMP characters, which the layout makes
	// several times per character drawn: 0 = not looked up yet, else
	// (glyph+1)<<16 | width. Filled lazily by concurrent writers (each
	// slot is written with the same value by whoever gets there). Four
	// bytes a slot, not eight: the pages of it a process touches are
	// fresh memory, each a page fault.
	bmpOnce sync.Once
	bmp     []atomic.Uint32
}

// lookup returns c's glyph (0 when the font has none) and its width in
// 1/1000 em.
func (f *face) lookup(c rune) (glyph, width int) {
	if c <= 0 {
		return 0, 0 // U+0000 never has a glyph (some fonts map it to a blank one)
	}
	if c > 0xFFFF {
		g := f.tt.GlyphIndex(c)
		return g, f.width(g)
	}
	f.bmpOnce.Do(func() { f.bmp = make([]atomic.Uint32, 0x10000) })
	if v := f.bmp[c].Load(); v != 0 {
		return int(v>>16) - 1, int(v & 0xFFFF)
	}
	g := f.tt.GlyphIndex(c)
	w := f.width(g)
	if g < 0xFFFF { // glyph numbers are below 65535
		f.bmp[c].Store(uint32(g+1)<<16 | uint32(w))
	}
	return g, w
}

// glyph returns the font's glyph for c, 0 when it has none.
func (f *face) glyph(c rune) int {
	g, _ := f.lookup(c)
	return g
}

// has reports whether the font has a glyph for c.
func (f *face) has(c rune) bool { return f.glyph(c) > 0 }

// width returns glyph g's advance in 1/1000 em, rounded down to the
// integer the PDF's /W array states, so that the layout and the viewer
// agree to the unit.
func (f *face) width(g int) int {
	w := f.tt.Advance(g)
	if f.upem != 1000 {
		w = w * 1000 / f.upem
	}
	return min(w, 65535)
}

// advance returns c's advance at size pt; 0 for a character it lacks.
func (f *face) advance(c rune, size float64) float64 {
	g, w := f.lookup(c)
	if g == 0 {
		return 0
	}
	return float64(w) * size / 1000
}

// faceKey identifies font bytes: fonts.Default() returns a new Set on each
// call but all share the embedded bytes, so keying by the bytes (rather than
// by the *fonts.Set) lets every set of a process share one face.
type faceKey struct {
	data *byte
	n    int
}

// maxCachedFaces bounds the cache for processes that build many sets from
// user font files; the six shipped fonts are far below it.
const maxCachedFaces = 64

var faceCache struct {
	sync.Mutex
	m map[faceKey]*faceEntry
}

// faceEntry is a cache slot, filled once.
type faceEntry struct {
	once sync.Once
	f    *face
	err  error
}

// loadFace returns the font of role in set, opened at most once per process.
func loadFace(set *fonts.Set, role fonts.Role) (*face, error) {
	data := set.Bytes(role)
	if len(data) == 0 {
		return nil, fmt.Errorf("没有%s字体", roleName(role))
	}
	key := faceKey{unsafe.SliceData(data), len(data)}
	faceCache.Lock()
	if faceCache.m == nil {
		faceCache.m = map[faceKey]*faceEntry{}
	}
	e := faceCache.m[key]
	if e == nil {
		if len(faceCache.m) >= maxCachedFaces {
			clear(faceCache.m)
		}
		e = &faceEntry{}
		faceCache.m[key] = e
	}
	faceCache.Unlock()
	e.once.Do(func() { e.f, e.err = openFace(set, role) })
	return e.f, e.err
}

// openFace opens the font of role in set for measuring and embedding.
func openFace(set *fonts.Set, role fonts.Role) (*face, error) {
	source := set.Source(role)
	tt, err := set.TrueType(role)
	if err != nil {
		return nil, fmt.Errorf("字体文件 %s 无法用于 PDF（%s）：%v", displaySource(source), roleName(role), err)
	}
	return &face{name: fontName(role, source), source: source, tt: tt, upem: tt.UnitsPerEm()}, nil
}

// glyphMisses counts characters the painter was asked to draw with a font
// that lacks them; the layout is meant to keep it at zero (tests check).
var glyphMisses atomic.Int64

// subsetTag derives the six capital letters PDF prefixes to the name of a
// subset font (ISO 32000-1 §9.6.4) from the font's name and the glyphs in
// the subset, so that different subsets get different tags and the same
// document always the same ones.
func subsetTag(name string, glyphs []int) string {
	h := crc32.NewIEEE()
	h.Write([]byte(name))
	var b [4]byte
	for _, g := range glyphs {
		binary.BigEndian.PutUint32(b[:], uint32(g))
		h.Write(b[:])
	}
	v := h.Sum32()
	var tag [6]byte
	for i := range tag {
		tag[i] = 'A' + byte(v%26)
		v /= 26
	}
	return string(tag[:])
}

// fontName is the name part of the PDF font name: the family of a shipped
// font, or the ASCII letters and digits of a user file's name.
func fontName(role fonts.Role, source string) string {
	if strings.HasPrefix(source, "embedded:") {
		if n := fonts.FamilyName(role); n != "" {
			return strings.ReplaceAll(n, " ", "")
		}
	}
	stem := strings.TrimSuffix(filepath.Base(source), filepath.Ext(source))
	var b strings.Builder
	for _, c := range stem {
		if c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			b.WriteRune(c)
		}
	}
	if b.Len() == 0 {
		return "GovreportFont-" + string(role)
	}
	return b.String()
}

// displaySource is a font's origin for messages: the file path, or the
// shipped file for the embedded fonts.
func displaySource(source string) string {
	if s, ok := strings.CutPrefix(source, "embedded:"); ok {
		return "（内置）" + s
	}
	return source
}

// roleName names a font role in Chinese, for messages and the layout dump.
func roleName(r fonts.Role) string {
	switch r {
	case fonts.Body:
		return "正文仿宋"
	case fonts.Heading:
		return "一级标题黑体"
	case fonts.Subheading:
		return "二级标题楷体"
	case fonts.Table:
		return "表格宋体"
	case fonts.Title:
		return "标题小标宋"
	case fonts.Fallback:
		return "备用"
	}
	return string(r)
}
