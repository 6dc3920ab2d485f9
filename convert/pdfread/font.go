package pdfread

import (
	"strconv"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// font is what the interpreter needs of a font: how to split a string into
// codes, each code's Unicode text and advance width.
type font struct {
	cid      bool
	type3    bool
	widths   map[int]float64 // simple: by code; CID: by CID (glyph units)
	dw       float64         // default width (glyph units)
	toUni    *cmap
	enc      *cmap   // embedded encoding CMap (CID fonts)
	pre      *predef // predefined encoding CMap (CID fonts)
	ordering string
	simple   [256]string // simple fonts: Unicode per code from /Encoding
	scale    float64     // glyph units → text space (1/1000, or FontMatrix a for Type 3)
	vertical bool
}

// glyphCode is one decoded code of a shown string.
type glyphCode struct {
	uni    string
	w      float64 // advance in text space (before font size)
	space  bool    // single-byte code 32: word spacing applies
	mapped bool
}

// loadFont builds (and caches) the font of a resource entry.
func (f *file) loadFont(o types.Object) *font {
	key := -1
	if ref, ok := o.(types.IndirectRef); ok {
		key = ref.ObjectNumber.Value()
		if ft, ok := f.fonts[key]; ok {
			return ft
		}
	}
	ft := f.buildFont(f.dict(o))
	if key >= 0 {
		f.fonts[key] = ft
	}
	return ft
}

func (f *file) buildFont(d types.Dict) *font {
	ft := &font{widths: map[int]float64{}, dw: 1000, scale: 0.001}
	if d == nil {
		return ft
	}
	if tu := d["ToUnicode"]; tu != nil {
		if data, err := f.stream(tu); err == nil {
			ft.toUni = parseCMap(data, f, 0)
		}
	}
	switch f.name(d["Subtype"]) {
	case "Type0":
		ft.cid = true
		encObj := d["Encoding"]
		if n := f.name(encObj); n != "" {
			ft.pre = predefinedCMap(n)
			if ft.pre == nil {
				ft.pre = &predef{m: spaces2, kind: "unknown"}
			}
			ft.vertical = strings.HasSuffix(n, "-V")
		} else if data, err := f.stream(encObj); err == nil {
			ft.enc = parseCMap(data, f, 0)
			if len(ft.enc.spaces) == 0 {
				ft.enc.spaces = spaces2.spaces
			}
		} else {
			ft.pre = &predef{m: spaces2, kind: "identity"}
		}
		desc := f.array(d["DescendantFonts"])
		if len(desc) > 0 {
			cd := f.dict(desc[0])
			if cd != nil {
				if v, ok := f.num(cd["DW"]); ok {
					ft.dw = v
				}
				f.cidWidths(ft, f.array(cd["W"]))
				if si := f.dict(cd["CIDSystemInfo"]); si != nil {
					ft.ordering = string(f.str(si["Ordering"]))
				}
				// An embedded TrueType CID font with an identity CID → glyph
				// map has glyph ids for CIDs, whatever its CIDSystemInfo
				// says: the Adobe-GB1 table would turn them into garbage.
				if f.name(cd["Subtype"]) == "CIDFontType2" {
					_, mapStream := f.resolve(cd["CIDToGIDMap"]).(types.StreamDict)
					fd := f.dict(cd["FontDescriptor"])
					if fd != nil && fd["FontFile2"] != nil && !mapStream {
						ft.ordering = "Identity"
					}
				}
			}
		}
		return ft
	case "Type3":
		ft.type3 = true
		if fm := f.array(d["FontMatrix"]); len(fm) == 6 {
			if a, ok := f.num(fm[0]); ok && a != 0 {
				ft.scale = a
			}
		}
	}
	// Simple font: widths and encoding.
	first := f.int(d["FirstChar"], 0)
	for i, w := range f.array(d["Widths"]) {
		if v, ok := f.num(w); ok {
			ft.widths[first+i] = v
		}
	}
	ft.dw = 0
	if fd := f.dict(d["FontDescriptor"]); fd != nil {
		if v, ok := f.num(fd["MissingWidth"]); ok {
			ft.dw = v
		}
	}
	if ft.dw == 0 && len(ft.widths) == 0 {
		ft.dw = 500 // standard 14 font without widths: an average advance
	}
	base := "WinAnsiEncoding"
	bf := f.name(d["BaseFont"])
	if strings.Contains(bf, "Symbol") || strings.Contains(bf, "Dingbats") {
		base = ""
	}
	var diffs types.Array
	switch e := f.resolve(d["Encoding"]).(type) {
	case types.Name:
		base = string(e)
	case types.Dict:
		if n := f.name(e["BaseEncoding"]); n != "" {
			base = n
		}
		diffs = f.array(e["Differences"])
	}
	for c := 0; c < 256; c++ {
		ft.simple[c] = baseEncoding(base, byte(c))
	}
	code := 0
	for _, o := range diffs {
		switch v := f.resolve(o).(type) {
		case types.Integer:
			code = int(v)
		case types.Float:
			code = int(v)
		case types.Name:
			if code >= 0 && code < 256 {
				ft.simple[code] = glyphNameUnicode(string(v))
			}
			code++
		}
	}
	return ft
}

func (f *file) cidWidths(ft *font, w types.Array) {
	for i := 0; i < len(w); {
		c0, ok := f.num(w[i])
		if !ok || i+1 >= len(w) {
			return
		}
		if arr := f.array(w[i+1]); arr != nil {
			for j, x := range arr {
				if v, ok := f.num(x); ok {
					ft.widths[int(c0)+j] = v
				}
				if j > 65536 {
					break
				}
			}
			i += 2
			continue
		}
		if i+2 >= len(w) {
			return
		}
		c1, ok1 := f.num(w[i+1])
		v, ok2 := f.num(w[i+2])
		if !ok1 || !ok2 {
			return
		}
		if c1-c0 <= 65536 {
			for c := int(c0); c <= int(c1); c++ {
				ft.widths[c] = v
			}
		}
		i += 3
	}
}

func baseEncoding(name string, c byte) string {
	switch name {
	case "MacRomanEncoding":
		if c < 0x80 {
			if c < 0x20 {
				return ""
			}
			return string(rune(c))
		}
		return string(charmap.Macintosh.DecodeByte(c))
	case "StandardEncoding", "":
		switch c {
		case 0x27:
			return "\u2019"
		case 0x60:
			return "\u2018"
		}
		if c >= 0x20 && c < 0x7f {
			return string(rune(c))
		}
		if name == "" {
			return ""
		}
	}
	if c < 0x20 {
		return ""
	}
	r := charmap.Windows1252.DecodeByte(c)
	if r == 0xFFFD {
		return ""
	}
	return string(r)
}

// decode splits s into codes with their Unicode and advance.
func (ft *font) decode(s []byte, out []glyphCode) []glyphCode {
	if !ft.cid {
		for _, c := range s {
			g := glyphCode{space: c == 32}
			if u, ok := ft.toUni.unicode(uint32(c), 1); ok {
				g.uni, g.mapped = u, true
			} else if u := ft.simple[c]; u != "" {
				g.uni, g.mapped = u, true
			}
			w, ok := ft.widths[int(c)]
			if !ok {
				w = ft.dw
			}
			g.w = w * ft.scale
			out = append(out, g)
		}
		return out
	}
	spaces := ft.enc
	kind := "embedded"
	if ft.pre != nil {
		spaces, kind = ft.pre.m, ft.pre.kind
	}
	for len(s) > 0 {
		code, n := spaces.nextCode(s, 2)
		raw := s[:n]
		s = s[n:]
		g := glyphCode{space: n == 1 && code == 32}
		var r rune = -1
		switch kind {
		case "ucs2":
			r = rune(code)
		case "utf16":
			r = []rune(utf16BE(raw))[0]
		case "gbk":
			if n == 1 {
				r = rune(code)
			} else if d, err := simplifiedchinese.GB18030.NewDecoder().Bytes(raw); err == nil {
				rs := []rune(string(d))
				if len(rs) == 1 && rs[0] != 0xFFFD {
					r = rs[0]
				}
			}
		}
		cid := int(code)
		switch {
		case kind == "embedded":
			if c, ok := ft.enc.cidOf(code, n); ok {
				cid = c
			}
		case r >= 0:
			if c, ok := gb1CID(r); ok {
				cid = c
			}
		}
		if u, ok := ft.toUni.unicode(code, n); ok {
			g.uni, g.mapped = u, true
		} else if r > 0 {
			g.uni, g.mapped = string(r), true
		} else if ft.ordering == "GB1" {
			if u, ok := gb1Unicode(cid); ok {
				g.uni, g.mapped = string(u), true
			}
		}
		w, ok := ft.widths[cid]
		if !ok {
			w = ft.dw
		}
		g.w = w * ft.scale
		out = append(out, g)
	}
	return out
}

// glyphNameUnicode maps a glyph name to Unicode: uniXXXX, uXXXX[XX], and
// the Adobe Glyph List names that occur in report PDFs.
func glyphNameUnicode(n string) string {
	if i := strings.IndexByte(n, '.'); i > 0 {
		n = n[:i]
	}
	if strings.HasPrefix(n, "uni") && len(n) >= 7 && (len(n)-3)%4 == 0 {
		var b strings.Builder
		for i := 3; i < len(n); i += 4 {
			v, err := strconv.ParseUint(n[i:i+4], 16, 32)
			if err != nil {
				return ""
			}
			b.WriteRune(rune(v))
		}
		return b.String()
	}
	if strings.HasPrefix(n, "u") && len(n) >= 5 && len(n) <= 7 {
		if v, err := strconv.ParseUint(n[1:], 16, 32); err == nil && v <= 0x10FFFF {
			return string(rune(v))
		}
	}
	if len(n) == 1 && (n[0] >= 'A' && n[0] <= 'Z' || n[0] >= 'a' && n[0] <= 'z') {
		return n
	}
	return aglNames[n]
}

var aglNames = map[string]string{
	"space": " ", "exclam": "!", "quotedbl": "\"", "numbersign": "#", "dollar": "$",
	"percent": "%", "ampersand": "&", "quotesingle": "'", "parenleft": "(", "parenright": ")",
	"asterisk": "*", "plus": "+", "comma": ",", "hyphen": "-", "period": ".", "slash": "/",
	"zero": "0", "one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6",
	"seven": "7", "eight": "8", "nine": "9", "colon": ":", "semicolon": ";", "less": "<",
	"equal": "=", "greater": ">", "question": "?", "at": "@", "bracketleft": "[",
	"backslash": "\\", "bracketright": "]", "asciicircum": "^", "underscore": "_",
	"grave": "`", "braceleft": "{", "bar": "|", "braceright": "}", "asciitilde": "~",
	"quoteleft": "\u2018", "quoteright": "\u2019", "quotedblleft": "\u201C",
	"quotedblright": "\u201D", "endash": "\u2013", "emdash": "\u2014", "bullet": "\u2022",
	"ellipsis": "\u2026", "periodcentered": "\u00B7", "degree": "\u00B0", "multiply": "\u00D7",
	"divide": "\u00F7", "minus": "\u2212", "nbspace": "\u00A0", "sfthyphen": "\u00AD",
	"yen": "\u00A5", "section": "\u00A7", "copyright": "\u00A9", "registered": "\u00AE",
	"trademark": "\u2122", "plusminus": "\u00B1", "middot": "\u00B7", "dagger": "\u2020",
	"daggerdbl": "\u2021", "perthousand": "\u2030", "fi": "fi", "fl": "fl",
	"guillemotleft": "\u00AB", "guillemotright": "\u00BB", "quotesinglbase": "\u201A",
	"quotedblbase": "\u201E", "exclamdown": "\u00A1", "questiondown": "\u00BF",
	"cent": "\u00A2", "sterling": "\u00A3", "currency": "\u00A4", "brokenbar": "\u00A6",
	"dieresis": "\u00A8", "ordfeminine": "\u00AA", "logicalnot": "\u00AC", "macron": "\u00AF",
	"acute": "\u00B4", "mu": "\u00B5", "paragraph": "\u00B6", "cedilla": "\u00B8",
	"ordmasculine": "\u00BA", "onequarter": "\u00BC", "onehalf": "\u00BD",
	"threequarters": "\u00BE", "twosuperior": "\u00B2", "threesuperior": "\u00B3",
	"onesuperior": "\u00B9", "Euro": "\u20AC",
}
