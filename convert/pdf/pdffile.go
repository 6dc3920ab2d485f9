package pdf

import (
	"bytes"
	"fmt"
	"io"
	"slices"
	"strconv"
	"sync"
	"time"
	"unicode/utf16"

	"github.com/klauspost/compress/zlib"
)

// This file is the PDF file format layer of the painter: numbered objects,
// Flate-compressed streams, the cross-reference table, and the embedded
// fonts (Type 0 / CIDFontType2 with Identity-H encoding, a ToUnicode CMap
// so the text can be extracted, and the font program as a true subset). The
// painting itself (what goes in the page content streams) is in writer.go.

// pdfFile accumulates a PDF in memory; a report's PDF is a few hundred
// kilobytes at most, and writing it in one piece lets the object offsets be
// plain lengths.
type pdfFile struct {
	out     []byte
	offsets []int // byte offset of object i+1; 0 until written
}

// alloc reserves the next object number.
func (p *pdfFile) alloc() int {
	p.offsets = append(p.offsets, 0)
	return len(p.offsets)
}

// obj writes object id with the given body (a dictionary or array).
func (p *pdfFile) obj(id int, body []byte) {
	p.begin(id)
	p.out = append(p.out, body...)
	p.out = append(p.out, "\nendobj\n"...)
}

func (p *pdfFile) begin(id int) {
	p.offsets[id-1] = len(p.out)
	p.out = strconv.AppendInt(p.out, int64(id), 10)
	p.out = append(p.out, " 0 obj\n"...)
}

// stream writes object id as a Flate-compressed stream of data; extra is
// added to its dictionary (such as "/Length1 1234").
func (p *pdfFile) stream(id int, extra string, data []byte, level int) error {
	z := getZ(level)
	defer putZ(z, level)
	z.buf.Reset()
	z.w.Reset(&z.buf)
	if _, err := z.w.Write(data); err != nil {
		return err
	}
	if err := z.w.Close(); err != nil {
		return err
	}
	p.begin(id)
	p.out = append(p.out, "<</Length "...)
	p.out = strconv.AppendInt(p.out, int64(z.buf.Len()), 10)
	p.out = append(p.out, " /Filter /FlateDecode"...)
	if extra != "" {
		p.out = append(p.out, ' ')
		p.out = append(p.out, extra...)
	}
	p.out = append(p.out, ">>\nstream\n"...)
	p.out = append(p.out, z.buf.Bytes()...)
	p.out = append(p.out, "\nendstream\nendobj\n"...)
	return nil
}

// finish writes the cross-reference table and trailer and copies the file
// to w.
func (p *pdfFile) finish(w io.Writer, root, info int) error {
	for i, off := range p.offsets {
		if off == 0 {
			return fmt.Errorf("PDF 对象 %d 未写出", i+1)
		}
	}
	xref := len(p.out)
	p.out = fmt.Appendf(p.out, "xref\n0 %d\n0000000000 65535 f \n", len(p.offsets)+1)
	for _, off := range p.offsets {
		p.out = fmt.Appendf(p.out, "%010d 00000 n \n", off)
	}
	p.out = fmt.Appendf(p.out, "trailer\n<</Size %d /Root %d 0 R /Info %d 0 R>>\nstartxref\n%d\n%%%%EOF\n", len(p.offsets)+1, root, info, xref)
	_, err := w.Write(p.out)
	return err
}

// Compression levels. The font programs are nine tenths of the file, but
// their glyph outlines hardly compress: level 6 makes them only 5–6 %
// smaller than the fastest level for half as much again of the time of
// writing a document, so every stream uses the fastest.
const (
	contentLevel = zlib.BestSpeed
	fontLevel    = zlib.BestSpeed
)

// zstate is a reusable compressor and its output buffer. A zlib writer
// allocates about a megabyte of tables; one per stream was most of the
// allocation of writing a document.
type zstate struct {
	w   *zlib.Writer
	buf bytes.Buffer
}

// zpools holds the compressors of each level, indexed by level.
var zpools [10]sync.Pool

func getZ(level int) *zstate {
	if z, ok := zpools[level].Get().(*zstate); ok {
		return z
	}
	z := &zstate{}
	w, err := zlib.NewWriterLevel(&z.buf, level)
	if err != nil {
		panic(err) // the levels are constants
	}
	z.w = w
	return z
}

func putZ(z *zstate, level int) {
	if z.buf.Cap() > 4<<20 {
		z.buf = bytes.Buffer{} // do not keep an unusually large buffer
	}
	zpools[level].Put(z)
}

// pdfText appends s as a PDF text string: UTF-16BE with a byte order mark,
// in hex, which every reader decodes and needs no escaping.
func pdfText(b []byte, s string) []byte {
	b = append(b, "<FEFF"...)
	for _, u := range utf16.Encode([]rune(s)) {
		b = appendHex4(b, u)
	}
	return append(b, '>')
}

// pdfDate appends t as a PDF date string in UTC.
func pdfDate(b []byte, t time.Time) []byte {
	return append(b, t.UTC().Format("(D:20060102150405+00'00')")...)
}

const hexDigits = "0123456789ABCDEF"

func appendHex4(b []byte, v uint16) []byte {
	return append(b, hexDigits[v>>12], hexDigits[v>>8&15], hexDigits[v>>4&15], hexDigits[v&15])
}

// appendNum appends v with at most two decimals and no trailing zeros, the
// precision the layout works in.
func appendNum(b []byte, v float64) []byte {
	n := len(b)
	b = strconv.AppendFloat(b, v, 'f', 2, 64)
	for b[len(b)-1] == '0' {
		b = b[:len(b)-1]
	}
	if b[len(b)-1] == '.' {
		b = b[:len(b)-1]
	}
	if string(b[n:]) == "-0" {
		b = append(b[:n], '0')
	}
	return b
}

// fontUse is one font as used by one document: the glyphs drawn, in order
// of first use. The character ids (CIDs) written in the page content are
// the glyph numbers in the embedded subset, which numbers glyph i of
// glyphs as i+1 (0 stays .notdef): the CIDToGIDMap is the identity.
type fontUse struct {
	f      *face
	res    string      // resource name, "F1"…
	id     int         // object number of the Type 0 font
	cid    map[int]int // glyph in the font → CID
	glyphs []int       // CID-1 → glyph in the font
	chars  []rune      // CID-1 → the character it was first drawn for
}

// code returns the CID to draw c with, 0 when the font has no glyph for
// it and no white square to stand in.
func (u *fontUse) code(c rune) int {
	g := u.f.glyph(c)
	if g == 0 {
		// The layout only sends a font characters it has; should one
		// slip through, draw a visible white square, not nothing.
		glyphMisses.Add(1)
		if c, g = '□', u.f.glyph('□'); g == 0 {
			return 0
		}
	}
	if id, ok := u.cid[g]; ok {
		return id
	}
	u.glyphs = append(u.glyphs, g)
	u.chars = append(u.chars, c)
	id := len(u.glyphs)
	u.cid[g] = id
	return id
}

// embed writes the font's five objects: the Type 0 font (object u.id, which
// the pages' resources refer to), its CIDFont, the font descriptor, the
// subset font program and the ToUnicode CMap.
func (u *fontUse) embed(p *pdfFile) error {
	cidFont, desc, file, cmap := p.alloc(), p.alloc(), p.alloc(), p.alloc()
	tt := u.f.tt
	name := subsetTag(u.f.name, u.glyphs) + "+" + u.f.name

	var b []byte
	b = fmt.Appendf(b, "<</Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R>>", name, cidFont, cmap)
	p.obj(u.id, b)

	// Widths: 1000 (a full-width CJK glyph) is the default; list the
	// runs of other widths.
	b = fmt.Appendf(b[:0], "<</Type /Font /Subtype /CIDFontType2 /BaseFont /%s /CIDSystemInfo <</Registry (Adobe) /Ordering (Identity) /Supplement 0>> /FontDescriptor %d 0 R /CIDToGIDMap /Identity /DW 1000 /W [", name, desc)
	for i := 0; i < len(u.glyphs); {
		if u.f.width(u.glyphs[i]) == 1000 {
			i++
			continue
		}
		b = strconv.AppendInt(b, int64(i+1), 10)
		b = append(b, " ["...)
		for ; i < len(u.glyphs) && u.f.width(u.glyphs[i]) != 1000; i++ {
			b = strconv.AppendInt(b, int64(u.f.width(u.glyphs[i])), 10)
			b = append(b, ' ')
		}
		b[len(b)-1] = ']'
		b = append(b, ' ')
	}
	b = append(b, "]>>"...)
	p.obj(cidFont, b)

	m := tt.Metrics()
	scale := func(v int) int { return v * 1000 / u.f.upem }
	// Flags 4: symbolic, as the glyphs are outside the standard Latin
	// character set (ISO 32000-1 §9.8.2).
	b = fmt.Appendf(b[:0], "<</Type /FontDescriptor /FontName /%s /Flags 4 /FontBBox [%d %d %d %d] /ItalicAngle %d /Ascent %d /Descent %d /CapHeight %d /XHeight %d /StemV 80 /FontFile2 %d 0 R>>",
		name, scale(m.XMin), scale(m.YMin), scale(m.XMax), scale(m.YMax), m.ItalicAngle,
		scale(m.Ascent), scale(m.Descent), scale(m.CapHeight), scale(m.XHeight), file)
	p.obj(desc, b)

	prog := tt.Subset(u.glyphs)
	if err := p.stream(file, "/Length1 "+strconv.Itoa(len(prog)), prog, fontLevel); err != nil {
		return err
	}
	return p.stream(cmap, "", u.toUnicode(), contentLevel)
}

// toUnicode returns the ToUnicode CMap mapping each CID to the character
// drawn with it, so that text extraction gives the report's characters.
func (u *fontUse) toUnicode() []byte {
	b := []byte("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for start := 0; start < len(u.chars); start += 100 {
		chunk := u.chars[start:min(start+100, len(u.chars))]
		b = strconv.AppendInt(b, int64(len(chunk)), 10)
		b = append(b, " beginbfchar\n"...)
		for i, c := range chunk {
			b = append(b, '<')
			b = appendHex4(b, uint16(start+i+1))
			b = append(b, "> <"...)
			for _, v := range utf16.Encode([]rune{c}) {
				b = appendHex4(b, v)
			}
			b = append(b, ">\n"...)
		}
		b = append(b, "endbfchar\n"...)
	}
	return append(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"...)
}

// sortedUses returns the uses in resource order.
func sortedUses(m map[*face]*fontUse) []*fontUse {
	us := make([]*fontUse, 0, len(m))
	for _, u := range m {
		us = append(us, u)
	}
	slices.SortFunc(us, func(a, b *fontUse) int { return a.id - b.id })
	return us
}
