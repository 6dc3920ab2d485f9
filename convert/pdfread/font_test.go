package pdfread

import (
	"fmt"
	"math"
	"strings"
	"testing"
)

// textOf reads a one-page PDF and returns its paragraphs joined by "|".
func textOf(t *testing.T, b []byte) string {
	t.Helper()
	doc, err := Document(b, bad)
	if err != nil {
		t.Fatal(err)
	}
	var s []string
	for _, bl := range doc.Blocks {
		s = append(s, bl.Text)
	}
	return strings.Join(s, "|")
}

func type0(encoding, ordering, extra string) []pdfObj {
	return []pdfObj{
		{body: "<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding " + encoding + " /DescendantFonts [7 0 R] " + extra + " >>"},
		{body: "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /X /CIDSystemInfo << /Registry (Adobe) /Ordering (" + ordering + ") /Supplement 5 >> /DW 1000 >>"},
	}
}

func TestPredefinedCMaps(t *testing.T) {
	cid, ok := gb1CID('中')
	if !ok {
		t.Fatal("no Adobe-GB1 CID for 中")
	}
	if r, _ := gb1Unicode(cid); r != '中' {
		t.Fatalf("Adobe-GB1 CID %d = %q", cid, r)
	}
	cases := []struct {
		name, enc, ordering, show, want string
	}{
		{"UniGB-UCS2-H", "/UniGB-UCS2-H", "GB1", "<4E2D6587>", "中文"},
		{"UniGB-UTF16-H", "/UniGB-UTF16-H", "GB1", "<4E2DD840DC00>", "中\U00020000"},
		{"GBK-EUC-H", "/GBK-EUC-H", "GB1", "<D6D0CEC441>", "中文A"},
		{"GB-EUC-H", "/GB-EUC-H", "GB1", "<D6D0CEC4>", "中文"},
		{"Identity-H, Adobe-GB1, no ToUnicode", "/Identity-H", "GB1", fmt.Sprintf("<%04X>", cid), "中"},
	}
	for _, c := range cases {
		b := onePage("BT /F2 12 Tf 100 700 Td "+c.show+" Tj ET", "/Font << /F2 6 0 R >>", type0(c.enc, c.ordering, "")...)
		if got := textOf(t, b); got != c.want {
			t.Errorf("%s: text %q, want %q", c.name, got, c.want)
		}
	}
}

// TestToUnicodeMixed: a ToUnicode CMap with 1- and 2-byte codespaces,
// bfchar, bfrange with a start value and with an array, and an embedded
// encoding CMap with the same codespaces.
func TestToUnicodeMixed(t *testing.T) {
	cmap := `/CIDInit /ProcSet findresource begin 12 dict begin begincmap
2 begincodespacerange <00> <7F> <8000> <FFFF> endcodespacerange
2 beginbfchar <41> <0041> <8001> <4E2D> endbfchar
2 beginbfrange <8010> <8011> <6587> <8020> <8021> [<4E00> <2F00>] endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end`
	enc := `/CIDInit /ProcSet findresource begin 12 dict begin begincmap
2 begincodespacerange <00> <7F> <8000> <FFFF> endcodespacerange
1 begincidrange <00> <7F> 0 endcidrange
1 begincidrange <8000> <FFFF> 200 endcidrange
endcmap CMapName currentdict /CMap defineresource pop end end`
	extra := []pdfObj{
		{body: "<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding 9 0 R /ToUnicode 8 0 R /DescendantFonts [7 0 R] >>"},
		{body: "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /W [65 [500] 200 300 1000] >>"},
		{body: "<< >>", stream: []byte(cmap)},
		{body: "<< /Type /CMap >>", stream: []byte(enc)},
	}
	b := onePage("BT /F2 12 Tf 100 700 Td <41800180108011802080214141> Tj ET", "/Font << /F2 6 0 R >>", extra...)
	// U+2F00 (Kangxi radical one) comes out as 一.
	if got := textOf(t, b); got != "A中文斈一一AA" {
		t.Errorf("text %q", got)
	}
}

// TestSimpleFonts: /Differences glyph names (uniXXXX, AGL names), WinAnsi
// bytes, and a Type 3 font whose FontMatrix scales its widths.
func TestSimpleFonts(t *testing.T) {
	b := onePage("BT /F2 12 Tf 100 700 Td <0102034142> Tj /F3 12 Tf 0 -20 Td <01> Tj ET", "/Font << /F2 6 0 R /F3 7 0 R >>",
		pdfObj{body: "<< /Type /Font /Subtype /TrueType /BaseFont /X /FirstChar 1 /LastChar 66 /Encoding << /BaseEncoding /WinAnsiEncoding /Differences [1 /uni4E2D /uni6587 /emdash] >> >>"},
		pdfObj{body: "<< /Type /Font /Subtype /Type3 /FontMatrix [0.01 0 0 0.01 0 0] /FontBBox [0 0 100 100] /CharProcs << >> /FirstChar 1 /LastChar 1 /Widths [100] /Encoding << /Differences [1 /uni5E74] >> /Resources << >> >>"})
	if got := textOf(t, b); got != "中文—AB年" { // one paragraph: the first line is full
		t.Errorf("text %q", got)
	}
	f, _ := open(b)
	ps, _ := f.pages()
	pc, err := f.runPage(ps[0], 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range pc.glyphs {
		if g.r == "年" && (g.x1-g.x0 < 11.9 || g.x1-g.x0 > 12.1) {
			t.Errorf("Type 3 glyph advance %.2f, want 12 (100 × 0.01 × 12)", g.x1-g.x0)
		}
	}
}

// TestVertical: Identity-V text runs down the page, one character a line
// (as a label printed one character per line reads).
func TestVertical(t *testing.T) {
	b := onePage("BT /F2 12 Tf 100 700 Td <4E2D6587> Tj ET", "/Font << /F2 6 0 R >>", type0("/UniGB-UCS2-V", "GB1", "")...)
	f, _ := open(b)
	ps, _ := f.pages()
	pc, err := f.runPage(ps[0], 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(pc.glyphs) != 2 || pc.glyphs[0].r != "中" || pc.glyphs[1].y-pc.glyphs[0].y < 11.9 || math.Abs(pc.glyphs[1].x0-pc.glyphs[0].x0) > 0.01 {
		t.Errorf("glyphs %+v", pc.glyphs)
	}
}

// TestGB1NotForGlyphIDs: an embedded TrueType CID font with an identity
// CID → glyph map claims Adobe-GB1, but its codes are glyph ids: no text
// is made up from them (the page is refused as needing OCR).
func TestGB1NotForGlyphIDs(t *testing.T) {
	cid, _ := gb1CID('中')
	b := onePage(fmt.Sprintf("BT /F2 12 Tf 100 700 Td <%04X> Tj ET", cid), "/Font << /F2 6 0 R >>",
		pdfObj{body: "<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [7 0 R] >>"},
		pdfObj{body: "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /CIDToGIDMap /Identity /FontDescriptor 8 0 R /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 5 >> >>"},
		pdfObj{body: "<< /Type /FontDescriptor /FontName /X /FontFile2 9 0 R >>"},
		pdfObj{body: "<< >>", stream: []byte("not a font")})
	_, err := Document(b, bad)
	wantParseError(t, "glyph ids", err, "OCR")
}
