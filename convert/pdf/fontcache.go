package pdf

import (
	"fmt"
	"hash/crc32"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/signintech/gopdf"
	"github.com/signintech/gopdf/fontmaker/core"

	"github.com/govreport/govreport/fonts"
)

// face is one parsed font: the gopdf container the painter embeds it from
// and the advance widths the layout measures with. Both come from gopdf's
// own TrueType parser, so the layout routes a character to a font exactly
// when gopdf will find a glyph for it there.
type face struct {
	family    string // PDF font name: subset tag + "+" + name, e.g. "GVQRBK+FandolFang"
	source    string // fonts.Set.Source of the role it was loaded for
	container *gopdf.FontContainer
	// widths maps each character the font has a glyph for to its advance
	// in 1/1000 em (gopdf's integer PDF widths, so that the layout and the
	// /W array of the PDF agree to the unit).
	widths map[rune]uint16
}

// has reports whether the font has a glyph for c.
func (f *face) has(c rune) bool {
	_, ok := f.widths[c]
	return ok
}

// advance returns c's advance at size pt; 0 for a character it lacks.
func (f *face) advance(c rune, size float64) float64 {
	return float64(f.widths[c]) * size / 1000
}

// faceKey identifies font bytes: fonts.Default() returns a new Set on each
// call but all share the embedded bytes, so keying by the bytes (rather than
// by the *fonts.Set) lets every set of a process share one parse.
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

// faceEntry is a cache slot, filled once; concurrent writers of the first
// documents wait for the one parse instead of parsing in parallel.
type faceEntry struct {
	once sync.Once
	f    *face
	err  error
}

// loadFace returns the parsed font of role in set, parsing it at most once
// per process.
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
	e.once.Do(func() { e.f, e.err = parseFace(role, set.Source(role), data) })
	return e.f, e.err
}

// parseFace parses data with gopdf and derives the measuring table.
func parseFace(role fonts.Role, source string, data []byte) (*face, error) {
	fail := func(err error) error {
		return fmt.Errorf("字体文件 %s 无法用于 PDF（%s）：%v", displaySource(source), roleName(role), err)
	}
	var p core.TTFParser
	if err := p.ParseFontData(data); err != nil {
		return nil, fail(err)
	}
	upem := p.UnitsPerEm()
	nh := p.NumberOfHMetrics()
	ws := p.Widths()
	if upem == 0 || nh == 0 || len(ws) == 0 {
		return nil, fail(fmt.Errorf("缺少字宽信息"))
	}
	width := func(gid uint) uint16 {
		// As gopdf's SubsetFontObj.GlyphIndexToPdfWidth.
		if gid >= nh {
			gid = nh - 1
		}
		if int(gid) >= len(ws) {
			return 0
		}
		w := ws[gid]
		if upem != 1000 {
			w = w * 1000 / upem
		}
		return uint16(min(w, 65535))
	}
	chars := p.Chars()
	f := &face{source: source, widths: make(map[rune]uint16, len(chars))}
	// gopdf looks characters of the BMP up in the format-4 cmap and the
	// others in the format-12 groups; glyph 0 (.notdef) draws nothing.
	for c, gid := range chars {
		if c > 0 && c <= 0xFFFF && gid > 0 {
			f.widths[rune(c)] = width(gid)
		}
	}
	for _, g := range p.GroupingTables() {
		lo := max(g.StartCharCode, 0x10000)
		if g.EndCharCode < lo || g.EndCharCode > 0x10FFFF || g.EndCharCode-lo > 0x20000 {
			continue
		}
		for c := lo; c <= g.EndCharCode; c++ {
			if gid := c - g.StartCharCode + g.GlyphID; gid > 0 {
				f.widths[rune(c)] = width(gid)
			}
		}
	}
	f.family = subsetTag(role, data) + "+" + fontName(role, source)
	opt := gopdf.TtfOption{
		// The layout only sends a font characters it has a glyph for;
		// should one slip through anyway, draw a visible white square
		// rather than gopdf's default blank.
		OnGlyphNotFound: func(rune) { glyphMisses.Add(1) },
		OnGlyphNotFoundSubstitute: func(rune) rune {
			return '□'
		},
	}
	f.container = &gopdf.FontContainer{}
	if err := f.container.AddTTFFontDataWithOption(f.family, data, opt); err != nil {
		return nil, fail(err)
	}
	return f, nil
}

// glyphMisses counts characters gopdf was asked to draw with a font that
// lacks them; the layout is meant to keep it at zero (tests check).
var glyphMisses atomic.Int64

// subsetTag derives the six capital letters PDF prefixes to the name of a
// subset font (ISO 32000-1 §9.6.4) from the font's bytes, so that the same
// font always gets the same tag and output stays reproducible.
func subsetTag(role fonts.Role, data []byte) string {
	h := crc32.NewIEEE()
	h.Write([]byte(role))
	h.Write(data)
	v := h.Sum32()
	var b [6]byte
	for i := range b {
		b[i] = 'A' + byte(v%26)
		v /= 26
	}
	return string(b[:])
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
