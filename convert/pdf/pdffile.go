package pdf

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"sync"
	"time"
	"unicode/utf16"

	"github.com/klauspost/compress/zlib"

	"github.com/govreport/govreport/convert/internal/deflate"
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
	offsets []int // byte offset of object i+1 when written on its own; 0 if not
	// packed[i] is 1 + the index of object i+1 in the object stream, 0
	// when it is not there.
	packed []int
	objs   []byte // the object stream's objects, one after another
	objIDs []int  // their numbers and offsets in objs, in pairs
	sub    []byte // scratch for the font subsets
	cuts   []int  // where a subset's glyphs begin
}

// buffers keeps the byte buffers of finished documents for the next ones
// (like zfree, it survives garbage collections): a document's file and
// font subsets are a few hundred kilobytes each, most of the allocation of
// writing it.
var buffers struct {
	sync.Mutex
	idle [][2][]byte
}

// newPDFFile returns an empty file using recycled buffers when there are.
func newPDFFile() *pdfFile {
	buffers.Lock()
	defer buffers.Unlock()
	if n := len(buffers.idle); n > 0 {
		b := buffers.idle[n-1]
		buffers.idle = buffers.idle[:n-1]
		return &pdfFile{out: b[0][:0], sub: b[1][:0]}
	}
	return &pdfFile{out: make([]byte, 0, 512<<10)}
}

// recycle hands p's buffers to the next document; p must not be used
// afterwards.
func (p *pdfFile) recycle() {
	if cap(p.out) > 8<<20 || cap(p.sub) > 8<<20 {
		return // an unusually large document: let the memory go
	}
	buffers.Lock()
	buffers.idle = append(buffers.idle, [2][]byte{p.out, p.sub})
	buffers.Unlock()
	p.out, p.sub = nil, nil
}

// alloc reserves the next object number.
func (p *pdfFile) alloc() int {
	p.offsets = append(p.offsets, 0)
	p.packed = append(p.packed, 0)
	return len(p.offsets)
}

// obj adds object id with the given body (a dictionary or array) to the
// object stream (ISO 32000-1 §7.5.7), where the document's many small
// objects — fonts, pages, bookmarks — are compressed together: a few
// kilobytes less than each written out, and their cross-reference entries
// in a compressed stream too (finish).
func (p *pdfFile) obj(id int, body []byte) {
	p.objIDs = append(p.objIDs, id, len(p.objs))
	p.objs = append(p.objs, body...)
	p.objs = append(p.objs, '\n')
	p.packed[id-1] = len(p.objIDs) / 2
}

// plainObj writes object id with the given body as it is, outside the
// object stream: the catalog and the document information, which tools
// that do not decompress may look for.
func (p *pdfFile) plainObj(id int, body []byte) {
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
// added to its dictionary (such as "/Length1 1234"). The data is
// compressed straight into the file, its length filled in afterwards.
func (p *pdfFile) stream(id int, extra string, data []byte, level int) error {
	p.begin(id)
	p.out = append(p.out, "<</Filter /FlateDecode"...)
	if extra != "" {
		p.out = append(p.out, ' ')
		p.out = append(p.out, extra...)
	}
	p.out = append(p.out, " /Length "...)
	at := len(p.out)
	p.out = append(p.out, "          >>\nstream\n"...) // room for the length
	start := len(p.out)
	z := getZ(level)
	z.w.Reset((*appender)(p))
	_, err := z.w.Write(data)
	if err == nil {
		err = z.w.Close()
	}
	putZ(z)
	if err != nil {
		return err
	}
	n := strconv.AppendInt(nil, int64(len(p.out)-start), 10)
	copy(p.out[at:], n) // the rest of the room stays spaces
	p.out = append(p.out, "\nendstream\nendobj\n"...)
	return nil
}

// fontStream writes object id as the Flate-compressed font program data
// (fonts.TrueType.AppendSubsetCuts), each glyph between cuts compressed as
// a piece of its own with the code made for outlines (outlineCode): the
// glyphs a document draws have mostly been compressed for an earlier one.
func (p *pdfFile) fontStream(id int, data []byte, cuts []int) {
	p.begin(id)
	p.out = append(p.out, "<</Filter /FlateDecode /Length1 "...)
	p.out = strconv.AppendInt(p.out, int64(len(data)), 10)
	p.out = append(p.out, " /Length "...)
	at := len(p.out)
	p.out = append(p.out, "          >>\nstream\n"...) // room for the length
	start := len(p.out)
	p.out = outlinePieces().AppendZlib(p.out, data, cuts)
	n := strconv.AppendInt(nil, int64(len(p.out)-start), 10)
	copy(p.out[at:], n) // the rest of the room stays spaces
	p.out = append(p.out, "\nendstream\nendobj\n"...)
}

// outlinePieces is the compressor of the font programs, made on first use.
var outlinePieces = sync.OnceValue(func() *deflate.Pieces {
	return deflate.NewPieces(outlineLit[:], outlineDist[:])
})

// appender is a pdfFile as an io.Writer appending to the file.
type appender pdfFile

func (a *appender) Write(b []byte) (int, error) {
	a.out = append(a.out, b...)
	return len(b), nil
}

// finish writes the object stream and the cross-reference stream (with
// the trailer's entries, ISO 32000-1 §7.5.8) and copies the file to w.
func (p *pdfFile) finish(w io.Writer, root, info int) error {
	stm := 0
	if len(p.objIDs) > 0 {
		stm = p.alloc()
		var head []byte
		for i := 0; i < len(p.objIDs); i += 2 {
			head = strconv.AppendInt(head, int64(p.objIDs[i]), 10)
			head = append(head, ' ')
			head = strconv.AppendInt(head, int64(p.objIDs[i+1]), 10)
			head = append(head, ' ')
		}
		extra := fmt.Sprintf("/Type /ObjStm /N %d /First %d", len(p.objIDs)/2, len(head))
		if err := p.stream(stm, extra, append(head, p.objs...), contentLevel); err != nil {
			return err
		}
	}
	xref := p.alloc()
	// Entries of 1 + 4 + 2 bytes: type, offset or object stream, index.
	at := len(p.out) // where the cross-reference stream begins
	entries := make([]byte, 0, 7*(len(p.offsets)+1))
	entries = append(entries, 0, 0, 0, 0, 0, 0xFF, 0xFF)
	for i, off := range p.offsets {
		switch {
		case i == xref-1:
			entries = append(entries, 1, byte(at>>24), byte(at>>16), byte(at>>8), byte(at), 0, 0)
		case p.packed[i] > 0:
			k := p.packed[i] - 1
			entries = append(entries, 2, byte(stm>>24), byte(stm>>16), byte(stm>>8), byte(stm), byte(k>>8), byte(k))
		case off > 0:
			entries = append(entries, 1, byte(off>>24), byte(off>>16), byte(off>>8), byte(off), 0, 0)
		default:
			return fmt.Errorf("PDF 对象 %d 未写出", i+1)
		}
	}
	extra := fmt.Sprintf("/Type /XRef /Size %d /W [1 4 2] /Root %d 0 R /Info %d 0 R", len(p.offsets)+1, root, info)
	if err := p.stream(xref, extra, entries, contentLevel); err != nil {
		return err
	}
	p.out = fmt.Appendf(p.out, "startxref\n%d\n%%%%EOF\n", at)
	_, err := w.Write(p.out)
	return err
}

// contentLevel is the compression level of the page contents and CMaps
// (the font programs: fontStream).
const contentLevel = zlib.BestSpeed

// zstate is a reusable compressor. A zlib writer allocates about a
// megabyte of tables; one per stream was most of the allocation of writing
// a document.
type zstate struct {
	w     *zlib.Writer
	level int
}

// zfree keeps idle compressors. Unlike a sync.Pool it survives garbage
// collections, which in a short process would otherwise throw the
// compressor away between two streams of the same document; it holds at
// most as many as were ever in use at once (one per concurrent writer).
var zfree struct {
	sync.Mutex
	idle []*zstate
}

func getZ(level int) *zstate {
	zfree.Lock()
	for i := len(zfree.idle) - 1; i >= 0; i-- {
		if z := zfree.idle[i]; z.level == level {
			zfree.idle = append(zfree.idle[:i], zfree.idle[i+1:]...)
			zfree.Unlock()
			return z
		}
	}
	zfree.Unlock()
	w, err := zlib.NewWriterLevel(io.Discard, level)
	if err != nil {
		panic(err) // the levels are constants
	}
	return &zstate{w: w, level: level}
}

func putZ(z *zstate) {
	z.w.Reset(io.Discard) // drop the reference to the document
	zfree.Lock()
	zfree.idle = append(zfree.idle, z)
	zfree.Unlock()
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
	// maxSize is the largest size (pt) the document draws with the font.
	maxSize float64
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

	p.sub, p.cuts = tt.AppendSubsetCuts(p.sub[:0], u.glyphs, subsetUnits(u.maxSize), p.cuts[:0])
	p.fontStream(file, p.sub, p.cuts)
	return p.stream(cmap, "", u.toUnicode(), contentLevel)
}

// toUnicode returns the ToUnicode CMap mapping each CID to the character
// drawn with it, so that text extraction gives the report's characters.
// The CIDs are numbered from 1 in a row, so the map is ranges of them with
// an array of characters each (a range stays within one high byte and has
// at most 100 entries, as CMaps require), half the size of a line per CID.
func (u *fontUse) toUnicode() []byte {
	b := []byte("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo <</Registry (Adobe) /Ordering (UCS) /Supplement 0>> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	// Ranges: from CID lo to the end of its high byte, at most 100.
	var ranges [][2]int
	for lo := 1; lo <= len(u.chars); {
		hi := min(lo+99, len(u.chars), lo|0xFF)
		ranges = append(ranges, [2]int{lo, hi})
		lo = hi + 1
	}
	for start := 0; start < len(ranges); start += 100 {
		chunk := ranges[start:min(start+100, len(ranges))]
		b = strconv.AppendInt(b, int64(len(chunk)), 10)
		b = append(b, " beginbfrange\n"...)
		for _, r := range chunk {
			b = append(b, '<')
			b = appendHex4(b, uint16(r[0]))
			b = append(b, "> <"...)
			b = appendHex4(b, uint16(r[1]))
			b = append(b, "> ["...)
			for i, c := range u.chars[r[0]-1 : r[1]] {
				if i > 0 {
					b = append(b, ' ')
				}
				b = append(b, '<')
				for _, v := range utf16.Encode([]rune{c}) {
					b = appendHex4(b, v)
				}
				b = append(b, '>')
			}
			b = append(b, "]\n"...)
		}
		b = append(b, "endbfrange\n"...)
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

// subsetUnits returns the units per em to embed a font drawn at most at
// size pt in: the coarsest grid whose step is at most subsetStep of a dot
// of a 600 dpi printer at that size (the largest sizes, 22 pt for the
// title and 16 pt for body text, get 459 and 334 units per em). Rounding to
// it moves a point by at most half a step, a fifth of a dot, and the
// subset's straightened curves (fonts.TrueType.AppendSubset) by as much
// again. The outlines are nine tenths of a file; so re-encoded they
// compress a quarter smaller, and the seeds' pages rendered at 600 dpi
// differ from the exact ones in the grey levels of edge pixels (2.7 % of
// the ink pixels change sides of the half-grey threshold, none by more
// than a pixel but at the tips of hairline strokes).
func subsetUnits(size float64) int {
	return int(math.Ceil(size / 72 * 600 / subsetStep))
}

const subsetStep = 0.4
