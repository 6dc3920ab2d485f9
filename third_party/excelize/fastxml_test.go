package excelize

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"math"
	"math/rand"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/tiendc/go-deepcopy"
)

// TestEncodeRowsMatchesEncodingXML: the hand-written row encoder gives
// encoding/xml's bytes for random rows (govreport patch, see PATCHES.md).
func TestEncodeRowsMatchesEncodingXML(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	texts := []string{"", "12", "a&b<c>\"d'\te\nf\rg", "中文", "\x01bad\uFFFE", " lead", "x\u00a0y", "=SUM(A1)"}
	pick := func() string { return texts[rng.Intn(len(texts))] }
	for n := 0; n < 2000; n++ {
		var rows []xlsxRow
		for i := rng.Intn(4); i >= 0; i-- {
			row := xlsxRow{R: rng.Intn(3), Spans: pick(), S: rng.Intn(3) - 1, CustomFormat: rng.Intn(2) == 0,
				Hidden: rng.Intn(2) == 0, CustomHeight: rng.Intn(2) == 0, OutlineLevel: uint8(rng.Intn(3)),
				Collapsed: rng.Intn(2) == 0, ThickTop: rng.Intn(2) == 0, ThickBot: rng.Intn(2) == 0, Ph: rng.Intn(2) == 0}
			if rng.Intn(2) == 0 {
				h := []float64{15, 20.25, 1e21, 0.1 + 0.2, -3}[rng.Intn(5)]
				row.Ht = &h
			}
			for j := rng.Intn(4); j >= 0; j-- {
				c := xlsxC{R: pick(), S: rng.Intn(3) - 1, T: pick(), V: pick()}
				switch rng.Intn(6) {
				case 0:
					c.XMLSpace = xml.Attr{Name: xml.Name{Space: NameSpaceXML, Local: "space"}, Value: "preserve"}
				case 1:
					c.IS = &xlsxSI{T: &xlsxT{Val: pick()}}
				case 2:
					u := uint(rng.Intn(3))
					b := rng.Intn(2) == 0
					c.Cm, c.Vm, c.Ph = &u, &u, &b
				}
				if rng.Intn(2) == 0 {
					c.F = &xlsxF{Content: pick(), T: pick(), Aca: rng.Intn(2) == 0, Ref: pick(), Dt2D: rng.Intn(2) == 0,
						Dtr: rng.Intn(2) == 0, Del1: rng.Intn(2) == 0, Del2: rng.Intn(2) == 0, R1: pick(), R2: pick(),
						Ca: rng.Intn(2) == 0, Bx: rng.Intn(2) == 0}
					if rng.Intn(2) == 0 {
						si := rng.Intn(3)
						c.F.Si = &si
					}
				}
				row.C = append(row.C, c)
			}
			rows = append(rows, row)
		}
		want, err := xml.Marshal(xlsxSheetData{Row: rows})
		if err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		got.WriteString("<sheetData>")
		encodeRows(&got, rows)
		got.WriteString("</sheetData>")
		if !bytes.Equal(got.Bytes(), want) {
			t.Fatalf("encodeRows:\n%s\nencoding/xml:\n%s", got.Bytes(), want)
		}
	}
}

// TestMarshalSSTAndNamesMatchEncodingXML: the shared strings and defined
// names encoders give encoding/xml's bytes.
func TestMarshalSSTAndNamesMatchEncodingXML(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	texts := []string{"", "12", "a&b<c>\"d'\te\nf\rg", "中文", "\x01bad\uFFFE", " lead", "'表三'!$D$7"}
	pick := func() string { return texts[rng.Intn(len(texts))] }
	for n := 0; n < 2000; n++ {
		sst := &xlsxSST{Count: rng.Intn(5), UniqueCount: rng.Intn(5)}
		for i := rng.Intn(4); i >= 0; i-- {
			var si xlsxSI
			switch rng.Intn(6) {
			case 0:
			case 1:
				si.T = &xlsxT{Val: pick(), Space: xml.Attr{Name: xml.Name{Space: NameSpaceXML, Local: "space"}, Value: "preserve"}}
			case 2:
				si.R = []xlsxR{{T: &xlsxT{Val: pick()}}}
			case 3:
				si.T = &xlsxT{XMLName: xml.Name{Space: NameSpaceSpreadSheet.Value, Local: "t"}, Val: pick()}
			default:
				si.T = &xlsxT{Val: pick()}
			}
			sst.SI = append(sst.SI, si)
		}
		want, _ := xml.Marshal(sst)
		if got := marshalSST(sst); !bytes.Equal(got, want) {
			t.Fatalf("marshalSST:\n%s\nencoding/xml:\n%s", got, want)
		}
		wb := &xlsxWorkbook{Sheets: xlsxSheets{Sheet: []xlsxSheet{{Name: pick(), SheetID: 1, ID: "rId1"}}}}
		if rng.Intn(4) > 0 {
			wb.DefinedNames = &xlsxDefinedNames{}
			for i := rng.Intn(4); i >= 0; i-- {
				dn := xlsxDefinedName{Comment: pick(), CustomMenu: pick(), Description: pick(), Function: rng.Intn(2) == 0,
					FunctionGroupID: rng.Intn(3), Help: pick(), Hidden: rng.Intn(2) == 0, Name: pick(),
					PublishToServer: rng.Intn(2) == 0, ShortcutKey: pick(), StatusBar: pick(), VbProcedure: rng.Intn(2) == 0,
					WorkbookParameter: rng.Intn(2) == 0, Xlm: rng.Intn(2) == 0, Data: pick()}
				if rng.Intn(2) == 0 {
					id := rng.Intn(3)
					dn.LocalSheetID = &id
				}
				wb.DefinedNames.DefinedName = append(wb.DefinedNames.DefinedName, dn)
			}
		}
		want, _ = xml.Marshal(wb)
		if got, _ := marshalWorkbook(wb); !bytes.Equal(got, want) {
			t.Fatalf("marshalWorkbook:\n%s\nencoding/xml:\n%s", got, want)
		}
	}
}

// TestTemplateTheme: NewFile's theme is written as decoding and encoding
// the template gives it.
func TestTemplateTheme(t *testing.T) {
	f := NewFile()
	f.Theme, _ = f.themeReader()
	f.themeTemplate = false
	f.themeWriter()
	want, _ := f.Pkg.Load(defaultXMLPathTheme)
	g := NewFile()
	g.themeWriter()
	got, _ := g.Pkg.Load(defaultXMLPathTheme)
	if !bytes.Equal(got.([]byte), want.([]byte)) {
		t.Fatalf("theme differs:\n%s\n%s", got, want)
	}
}

// TestEncodeWorksheetMatchesEncodingXML: whole worksheets with rows,
// merged cells and hyperlinks, spliced, give encoding/xml's bytes.
func TestEncodeWorksheetMatchesEncodingXML(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	texts := []string{"", "A1:B2", "a&b<c>\"d'", "中文", "#'表三'!D7", "x\ny"}
	pick := func() string { return texts[rng.Intn(len(texts))] }
	for n := 0; n < 2000; n++ {
		ws := &xlsxWorksheet{Dimension: &xlsxDimension{Ref: pick()}}
		for i := rng.Intn(3) - 1; i >= 0; i-- {
			row := xlsxRow{R: i + 1}
			for j := rng.Intn(3); j >= 0; j-- {
				row.C = append(row.C, xlsxC{R: pick(), V: pick(), S: rng.Intn(2)})
			}
			ws.SheetData.Row = append(ws.SheetData.Row, row)
		}
		if rng.Intn(3) > 0 {
			ws.MergeCells = &xlsxMergeCells{Count: rng.Intn(3)}
			for i := rng.Intn(4) - 1; i >= 0; i-- {
				if rng.Intn(5) == 0 {
					ws.MergeCells.Cells = append(ws.MergeCells.Cells, nil)
				} else {
					ws.MergeCells.Cells = append(ws.MergeCells.Cells, &xlsxMergeCell{Ref: pick()})
				}
			}
		}
		if rng.Intn(3) > 0 {
			ws.Hyperlinks = &xlsxHyperlinks{}
			for i := rng.Intn(4) - 1; i >= 0; i-- {
				l := xlsxHyperlink{Ref: pick(), Location: pick(), Display: pick(), Tooltip: pick()}
				if rng.Intn(6) == 0 {
					l.RID = "rId1"
				}
				ws.Hyperlinks.Hyperlink = append(ws.Hyperlinks.Hyperlink, l)
			}
		}
		if rng.Intn(4) == 0 {
			ws.PageMargins = &xlsxPageMargins{Left: 0.7}
		}
		if rng.Intn(3) > 0 {
			ws.Cols = &xlsxCols{}
			if rng.Intn(8) == 0 {
				ws.Cols.XMLName = xml.Name{Space: NameSpaceSpreadSheet.Value, Local: "cols"}
			}
			for i := rng.Intn(4) - 1; i >= 0; i-- {
				c := xlsxCol{BestFit: rng.Intn(2) == 0, Collapsed: rng.Intn(2) == 0, CustomWidth: rng.Intn(2) == 0,
					Hidden: rng.Intn(2) == 0, Max: rng.Intn(3) - 1, Min: rng.Intn(3), OutlineLevel: uint8(rng.Intn(2)),
					Phonetic: rng.Intn(2) == 0, Style: rng.Intn(3) - 1}
				if rng.Intn(3) > 0 {
					w := []float64{0, 8.43, 20.75, 1e21, 0.1 + 0.2}[rng.Intn(5)]
					c.Width = &w
				}
				ws.Cols.Col = append(ws.Cols.Col, c)
			}
		}
		var want, got bytes.Buffer
		if err := xml.NewEncoder(&want).Encode(ws); err != nil {
			t.Fatal(err)
		}
		if err := encodeWorksheet(&got, xml.NewEncoder(&got), ws); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Fatalf("encodeWorksheet:\n%s\nencoding/xml:\n%s", got.Bytes(), want.Bytes())
		}
		var again bytes.Buffer
		_ = xml.NewEncoder(&again).Encode(ws)
		if !bytes.Equal(again.Bytes(), want.Bytes()) {
			t.Fatal("encodeWorksheet changed the worksheet")
		}
	}
}

// TestFontDiffers: fontDiffers never says "differs" of deeply equal fonts.
func TestFontDiffers(t *testing.T) {
	rng := rand.New(rand.NewSource(4))
	str := func() *attrValString {
		switch rng.Intn(4) {
		case 0:
			return nil
		case 1:
			return &attrValString{}
		}
		s := []string{"宋体", "黑体"}[rng.Intn(2)]
		return &attrValString{Val: &s}
	}
	flt := func() *attrValFloat {
		switch rng.Intn(4) {
		case 0:
			return nil
		case 1:
			return &attrValFloat{}
		}
		f := []float64{10.5, 12}[rng.Intn(2)]
		return &attrValFloat{Val: &f}
	}
	bl := func() *attrValBool {
		switch rng.Intn(4) {
		case 0:
			return nil
		case 1:
			return &attrValBool{}
		}
		b := rng.Intn(2) == 0
		return &attrValBool{Val: &b}
	}
	col := func() *xlsxColor {
		if rng.Intn(3) == 0 {
			return nil
		}
		return &xlsxColor{RGB: []string{"", "FF0000"}[rng.Intn(2)]}
	}
	font := func() *xlsxFont { return &xlsxFont{Name: str(), Sz: flt(), B: bl(), Color: col(), U: str()} }
	equal := 0
	for n := 0; n < 20000; n++ {
		a, b := font(), font()
		if reflect.DeepEqual(*a, *b) {
			equal++
			if fontDiffers(a, b) {
				t.Fatalf("fontDiffers(%+v, %+v) for equal fonts", a, b)
			}
		}
	}
	if equal == 0 {
		t.Fatal("no equal fonts drawn")
	}
}

// TestCopyCol: copyCol gives what deepcopy.Copy gives, sharing nothing.
func TestCopyCol(t *testing.T) {
	w := 7.5
	for _, col := range []xlsxCol{{}, {BestFit: true, Collapsed: true, CustomWidth: true, Hidden: true, Max: 3, Min: 2,
		OutlineLevel: 1, Phonetic: true, Style: 4, Width: &w}} {
		var want xlsxCol
		if err := deepcopy.Copy(&want, col); err != nil {
			t.Fatal(err)
		}
		got := copyCol(col)
		if !reflect.DeepEqual(got, want) || col.Width != nil && got.Width == col.Width {
			t.Fatalf("copyCol(%+v) = %+v, want %+v", col, got, want)
		}
	}
	if n := reflect.TypeOf(xlsxCol{}).NumField(); n != 10 {
		t.Fatalf("xlsxCol has %d fields: check copyCol", n)
	}
}

// TestCheckDefinedNameASCII: the ASCII table gives the range tables'
// verdicts for every name of one or two ASCII characters, and names with
// other characters keep theirs.
func TestCheckDefinedNameASCII(t *testing.T) {
	old := func(name string) bool {
		for i, c := range name {
			tbl := supportedDefinedNameAfterStartCharCodeRange
			if i == 0 {
				tbl = supportedDefinedNameAtStartCharCodeRange
			}
			if !inCodeRange(int(c), tbl) {
				return false
			}
		}
		return true
	}
	var names []string
	for a := 0; a < 0x80; a++ {
		names = append(names, string(rune(a)))
		for b := 0; b < 0x80; b++ {
			names = append(names, string([]rune{rune(a), rune(b)}))
		}
	}
	names = append(names, "表三", "t3_new.natural", "_xlnm.Print_Titles", "a表", "表a", "a b", "\u00e9t\u00e9")
	for _, n := range names {
		if got := checkDefinedName(n) == nil; got != old(n) {
			t.Fatalf("checkDefinedName(%q) ok = %v, want %v", n, got, old(n))
		}
	}
}

// oldCellNameToCoordinates is CellNameToCoordinates before patch 17.
func oldCellNameToCoordinates(cell string) (int, int, error) {
	colName, row, err := SplitCellName(cell)
	if err != nil {
		return -1, -1, newCellNameToCoordinatesError(cell, err)
	}
	if row > TotalRows {
		return -1, -1, ErrMaxRows
	}
	col, err := ColumnNameToNumber(colName)
	return col, row, err
}

func TestPlainCellCoordinates(t *testing.T) {
	check := func(cell string) {
		t.Helper()
		c1, r1, e1 := CellNameToCoordinates(cell)
		c2, r2, e2 := oldCellNameToCoordinates(cell)
		if c1 != c2 || r1 != r2 || fmt.Sprint(e1) != fmt.Sprint(e2) {
			t.Fatalf("%q: got %d,%d,%v, want %d,%d,%v", cell, c1, r1, e1, c2, r2, e2)
		}
	}
	for _, cell := range []string{"", "A", "1", "A0", "A1", "a1", "$A$1", "A01", "Z9", "AA10", "XFD1048576",
		"XFE1", "XFD1048577", "AAAA1", "A12345678", "A1B", "A-1", "A+1", "Ａ1", "A１", "ZZZ9999999", "A 1"} {
		check(cell)
	}
	rng := rand.New(rand.NewSource(13))
	const alphabet = "AZaz09$-+ 5XFD"
	for range 200000 {
		b := make([]byte, 1+rng.Intn(12))
		for i := range b {
			b[i] = alphabet[rng.Intn(len(alphabet))]
		}
		check(string(b))
		col, row := 1+rng.Intn(MaxColumns+2)-1, 1+rng.Intn(TotalRows+2)-1
		name, _ := ColumnNumberToName(max(col, 1))
		check(name + strconv.Itoa(row))
	}
}

func TestPlainCellName(t *testing.T) {
	rng := rand.New(rand.NewSource(13))
	for range 200000 {
		col, row := rng.Intn(MaxColumns+2), rng.Intn(TotalRows+2)
		got, err := CoordinatesToCellName(col, row)
		want, wantErr := "", error(nil)
		if col < 1 || row < 1 {
			wantErr = newCoordinatesToCellNameError(col, row)
		} else if row > TotalRows {
			wantErr = ErrMaxRows
		} else if name, err := ColumnNumberToName(col); err != nil {
			wantErr = err
		} else {
			want = name + strconv.Itoa(row)
		}
		if got != want || fmt.Sprint(err) != fmt.Sprint(wantErr) {
			t.Fatalf("%d,%d: got %q,%v, want %q,%v", col, row, got, err, want, wantErr)
		}
		if abs, _ := CoordinatesToCellName(max(min(col, MaxColumns), 1), max(min(row, TotalRows), 1), true); abs[0] != '$' {
			t.Fatalf("%d,%d: absolute name %q", col, row, abs)
		}
	}
}

// TestCountUTF16Bound: no string has more UTF-16 units than bytes, which
// patch 19 relies on (invalid bytes count as one U+FFFD each).
func TestCountUTF16Bound(t *testing.T) {
	rng := rand.New(rand.NewSource(15))
	for _, s := range []string{"", "a", "中", "😀", "\xff", "\xed\xa0\x80", "\xf0\x9f\x98"} {
		if n := countUTF16String(s); n > len(s) {
			t.Fatalf("%q: %d units, %d bytes", s, n, len(s))
		}
	}
	for range 100000 {
		b := make([]byte, rng.Intn(9))
		for i := range b {
			b[i] = byte(rng.Intn(256))
		}
		if n := countUTF16String(string(b)); n > len(b) {
			t.Fatalf("%q: %d units, %d bytes", b, n, len(b))
		}
	}
}

// TestTemplatePartsCopied: NewFile's content types and styles (patch 21)
// equal what decoding the templates gives, and are each file's own.
func TestTemplatePartsCopied(t *testing.T) {
	decoded := func() (*xlsxStyleSheet, *xlsxTypes) {
		f := newFile()
		f.Pkg.Store(defaultXMLPathStyles, []byte(xml.Header+templateStyles))
		f.Pkg.Store(defaultXMLPathContentTypes, []byte(xml.Header+templateContentTypes))
		s, err := f.stylesReader()
		if err != nil {
			t.Fatal(err)
		}
		c, err := f.contentTypesReader()
		if err != nil {
			t.Fatal(err)
		}
		return s, c
	}
	wantStyles, wantTypes := decoded()
	f := NewFile()
	if !reflect.DeepEqual(f.Styles, wantStyles) {
		t.Fatal("NewFile's styles differ from the decoded template's")
	}
	if !reflect.DeepEqual(f.ContentTypes, wantTypes) {
		t.Fatal("NewFile's content types differ from the decoded template's")
	}
	// Changing one file's parts changes no other file's.
	if _, err := f.NewStyle(&Style{Font: &Font{Bold: true}, Border: []Border{{Type: "left", Style: 1}}, Fill: Fill{Type: "pattern", Pattern: 1, Color: []string{"FF0000"}}}); err != nil {
		t.Fatal(err)
	}
	f.Styles.Fonts.Font[0].Name.Val = stringPtr("changed")
	f.Styles.CellXfs.Xf[0].Alignment = &xlsxAlignment{Horizontal: "left"}
	f.ContentTypes.Overrides[0].PartName = "changed"
	f.ContentTypes.Defaults = append(f.ContentTypes.Defaults, xlsxDefault{Extension: "png"})
	g := NewFile()
	if !reflect.DeepEqual(g.Styles, wantStyles) || !reflect.DeepEqual(g.ContentTypes, wantTypes) {
		t.Fatal("a change to one file's parts reached a new file")
	}
}

// TestMarshalStyleSheetMatchesEncodingXML: the hand-written fonts, fills,
// borders and cell formats give encoding/xml's bytes for random style
// sheets (govreport patch, see PATCHES.md).
func TestMarshalStyleSheetMatchesEncodingXML(t *testing.T) {
	rng := rand.New(rand.NewSource(23))
	texts := []string{"", "FF000000", "a&b<c>\"d'\te\nf\rg", "宋体", "\x01bad\uFFFE", " lead", "thin", "</fonts>"}
	pick := func() string { return texts[rng.Intn(len(texts))] }
	maybe := func() bool { return rng.Intn(3) == 0 }
	intp := func() *int {
		if maybe() {
			return nil
		}
		v := rng.Intn(5) - 1
		return &v
	}
	boolp := func() *bool {
		if maybe() {
			return nil
		}
		v := rng.Intn(2) == 0
		return &v
	}
	float := func() float64 {
		return []float64{0, 11, 10.5, -0.25, 0.1 + 0.2, 1e21, math.Copysign(0, -1)}[rng.Intn(7)]
	}
	color := func() *xlsxColor {
		if maybe() {
			return nil
		}
		return &xlsxColor{Auto: rng.Intn(2) == 0, RGB: pick(), Indexed: rng.Intn(3), Theme: intp(), Tint: float()}
	}
	str := func() *attrValString {
		if maybe() {
			return nil
		}
		v := &attrValString{}
		if !maybe() {
			s := pick()
			v.Val = &s
		}
		return v
	}
	vint := func() *attrValInt {
		if maybe() {
			return nil
		}
		return &attrValInt{Val: intp()}
	}
	vbool := func() *attrValBool {
		if maybe() {
			return nil
		}
		return &attrValBool{Val: boolp()}
	}
	vfloat := func() *attrValFloat {
		if maybe() {
			return nil
		}
		v := &attrValFloat{}
		if !maybe() {
			f := float()
			v.Val = &f
		}
		return v
	}
	line := func() *xlsxLine {
		if maybe() {
			return nil
		}
		return &xlsxLine{Style: pick(), Color: color()}
	}
	xfs := func() []xlsxXf {
		var out []xlsxXf
		for i := rng.Intn(4); i > 0; i-- {
			xf := xlsxXf{NumFmtID: intp(), FontID: intp(), FillID: intp(), BorderID: intp(), XfID: intp(),
				QuotePrefix: boolp(), PivotButton: boolp(), ApplyNumberFormat: boolp(), ApplyFont: boolp(),
				ApplyFill: boolp(), ApplyBorder: boolp(), ApplyAlignment: boolp(), ApplyProtection: boolp()}
			if maybe() {
				xf.Alignment = &xlsxAlignment{Horizontal: pick(), Indent: rng.Intn(3) - 1, JustifyLastLine: rng.Intn(2) == 0,
					ReadingOrder: uint64(rng.Intn(3)), RelativeIndent: rng.Intn(3) - 1, ShrinkToFit: rng.Intn(2) == 0,
					TextRotation: rng.Intn(3) * 45, Vertical: pick(), WrapText: rng.Intn(2) == 0}
			}
			if maybe() {
				xf.Protection = &xlsxProtection{Hidden: boolp(), Locked: boolp()}
			}
			out = append(out, xf)
		}
		return out
	}
	for n := 0; n < 3000; n++ {
		s := &xlsxStyleSheet{}
		if maybe() {
			s.NumFmts = &xlsxNumFmts{Count: 1, NumFmt: []*xlsxNumFmt{{NumFmtID: 164, FormatCode: pick()}}}
		}
		if !maybe() {
			s.Fonts = &xlsxFonts{Count: rng.Intn(4)}
			for i := rng.Intn(4); i > 0; i-- {
				var f *xlsxFont
				if !maybe() || i > 1 {
					f = &xlsxFont{Name: str(), Charset: vint(), Family: vint(), B: vbool(), I: vbool(), Strike: vbool(),
						Outline: vbool(), Shadow: vbool(), Condense: vbool(), Extend: vbool(), Color: color(), Sz: vfloat(),
						U: str(), VertAlign: str(), Scheme: str()}
				}
				s.Fonts.Font = append(s.Fonts.Font, f)
			}
		}
		if !maybe() {
			s.Fills = &xlsxFills{Count: rng.Intn(4)}
			for i := rng.Intn(4); i > 0; i-- {
				f := &xlsxFill{}
				if !maybe() {
					f.PatternFill = &xlsxPatternFill{PatternType: pick(), FgColor: color(), BgColor: color()}
				}
				if rng.Intn(20) == 0 {
					f.GradientFill = &xlsxGradientFill{Degree: 90, Stop: []*xlsxGradientFillStop{{Position: 1}}}
				}
				if rng.Intn(10) == 0 {
					f = nil
				}
				s.Fills.Fill = append(s.Fills.Fill, f)
			}
		}
		if !maybe() {
			s.Borders = &xlsxBorders{Count: rng.Intn(4)}
			for i := rng.Intn(4); i > 0; i-- {
				s.Borders.Border = append(s.Borders.Border, &xlsxBorder{DiagonalDown: rng.Intn(2) == 0,
					DiagonalUp: rng.Intn(2) == 0, Outline: rng.Intn(2) == 0, Left: line(), Right: line(), Top: line(),
					Bottom: line(), Diagonal: line(), Vertical: line(), Horizontal: line()})
			}
		}
		if !maybe() {
			s.CellStyleXfs = &xlsxCellStyleXfs{Count: rng.Intn(3), Xf: xfs()}
		}
		if !maybe() {
			s.CellXfs = &xlsxCellXfs{Count: rng.Intn(3), Xf: xfs()}
		}
		if maybe() {
			s.CellStyles = &xlsxCellStyles{Count: 1, CellStyle: []*xlsxCellStyle{{Name: pick(), XfID: 0}}}
		}
		if maybe() {
			s.Dxfs = &xlsxDxfs{Count: 1, Dxfs: []*xlsxDxf{{Font: &xlsxFont{B: vbool()}, Fill: &xlsxFill{PatternFill: &xlsxPatternFill{BgColor: color()}}}}}
		}
		if maybe() {
			s.TableStyles = &xlsxTableStyles{Count: 0, DefaultPivotStyle: pick(), DefaultTableStyle: pick()}
		}
		want, err1 := xml.Marshal(s)
		got, err2 := marshalStyleSheet(s)
		if err1 != nil || err2 != nil || !bytes.Equal(got, want) {
			t.Fatalf("case %d:\n got %s (%v)\nwant %s (%v)", n, got, err2, want, err1)
		}
		if again, _ := xml.Marshal(s); !bytes.Equal(again, want) {
			t.Fatalf("case %d: marshalStyleSheet changed the style sheet", n)
		}
	}
	// The template's style sheet, as NewFile decodes it.
	f := NewFile()
	want, _ := xml.Marshal(f.Styles)
	if got, _ := marshalStyleSheet(f.Styles); !bytes.Equal(got, want) {
		t.Fatalf("template style sheet:\n got %s\nwant %s", got, want)
	}
}

// TestWriteEscapedMatchesEscapeText: writeEscaped gives xml.EscapeText's
// bytes for random strings, valid UTF-8 or not (govreport patch).
func TestWriteEscapedMatchesEscapeText(t *testing.T) {
	rng := rand.New(rand.NewSource(24))
	pieces := []string{"a", "Z", " ", "&", "<", ">", "\"", "'", "\t", "\n", "\r", "\x00", "\x1f", "\x7f", "\x80",
		"\xc3", "\xe4\xb8", "中", "\uFFFD", "\uFFFE", "\uFFFF", "\uFFFC", "\uEFBF", "\xef\xbf", "\U0001F600", "，", "“", "ÿ",
		"\u0080", "\u07ff", "\u1000", "\ucfff", "\ud7ff", "\xe4\xb8\x41", "\xe4\x41\x80", "\xc2", "\xc2\x41", "\xc1\xbf",
		"\xe0\x80\x80", "\xed\xa0\x80", "\xec\xbf\xbf", "\xe1\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80", "é"}
	for n := 0; n < 20000; n++ {
		var s string
		for i := rng.Intn(8); i > 0; i-- {
			s += pieces[rng.Intn(len(pieces))]
		}
		var want, got bytes.Buffer
		_ = xml.EscapeText(&want, []byte(s))
		writeEscaped(&got, s)
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Fatalf("%q: got %q, want %q", s, got.Bytes(), want.Bytes())
		}
	}
}

// TestSetDefinedNamesMatchesSetDefinedName: SetDefinedNames leaves the
// workbook's names as SetDefinedName called for each name does, with its
// first error (govreport patch).
func TestSetDefinedNamesMatchesSetDefinedName(t *testing.T) {
	rng := rand.New(rand.NewSource(25))
	names := []string{"a", "A", "b", "表三_1", "_xlnm.Print_Area", "_xlnm.Print_Titles", "1bad", "", "x y", "c"}
	scopes := []string{"", "", "Sheet1", "Sheet2", "sheet2", "Missing"}
	refs := []string{"Sheet1!$A$1", "'Sheet2'!$B$2", ""}
	for n := 0; n < 500; n++ {
		a, b := NewFile(), NewFile()
		for _, f := range []*File{a, b} {
			if _, err := f.NewSheet("Sheet2"); err != nil {
				t.Fatal(err)
			}
		}
		// Some names already there.
		for i := rng.Intn(4); i > 0; i-- {
			dn := DefinedName{Name: names[rng.Intn(len(names))], RefersTo: refs[rng.Intn(2)], Scope: scopes[rng.Intn(len(scopes))]}
			errA, errB := a.SetDefinedName(&dn), b.SetDefinedName(&dn)
			if errA != errB && (errA == nil || errB == nil || errA.Error() != errB.Error()) {
				t.Fatal(errA, errB)
			}
		}
		var batch []DefinedName
		for i := rng.Intn(8); i > 0; i-- {
			batch = append(batch, DefinedName{Name: names[rng.Intn(len(names))], RefersTo: refs[rng.Intn(len(refs))],
				Scope: scopes[rng.Intn(len(scopes))], Comment: names[rng.Intn(len(names))]})
		}
		var want error
		for i := range batch {
			if err := a.SetDefinedName(&batch[i]); err != nil && want == nil {
				want = err
			}
		}
		got := b.SetDefinedNames(batch)
		if (got == nil) != (want == nil) || got != nil && got.Error() != want.Error() {
			t.Fatalf("case %d: error %v, want %v", n, got, want)
		}
		if !reflect.DeepEqual(a.WorkBook.DefinedNames, b.WorkBook.DefinedNames) {
			t.Fatalf("case %d: names\n%+v\nwant\n%+v", n, b.WorkBook.DefinedNames, a.WorkBook.DefinedNames)
		}
	}
}

// TestTemplateDecodingsCopied: the relationships, workbook and worksheet a
// new file gets from templateDecoded equal their decoding and are not
// shared between files (govreport patch).
func TestTemplateDecodingsCopied(t *testing.T) {
	decode := func(data string, v interface{}) {
		if err := xml.NewDecoder(bytes.NewReader([]byte(data))).Decode(v); err != nil {
			t.Fatal(err)
		}
	}
	var rels, wbRels xlsxRelationships
	decode(xml.Header+templateRels, &rels)
	decode(xml.Header+templateWorkbookRels, &wbRels)
	var wb xlsxWorkbook
	decode(xml.Header+templateWorkbook, &wb)
	var ws xlsxWorksheet
	decode(xml.Header+templateSheet, &ws)
	check := func(f *File) {
		t.Helper()
		for path, want := range map[string]*xlsxRelationships{defaultXMLPathRels: &rels, defaultXMLPathWorkbookRels: &wbRels} {
			got, err := f.relsReader(path)
			if err != nil || !reflect.DeepEqual(got, want) {
				t.Fatalf("%s: %+v (%v), want %+v", path, got, err, want)
			}
		}
		if got, err := f.workbookReader(); err != nil || !reflect.DeepEqual(got, &wb) {
			t.Fatalf("workbook: %+v (%v), want %+v", got, err, &wb)
		}
		got, err := f.workSheetReader("Sheet1")
		if err != nil || !reflect.DeepEqual(got, &ws) {
			t.Fatalf("worksheet: %+v (%v), want %+v", got, err, &ws)
		}
	}
	f := NewFile()
	check(f)
	// Changing one file's parts changes no other file's.
	if err := f.SetCellStr("Sheet1", "B2", "x"); err != nil {
		t.Fatal(err)
	}
	if err := f.SetSheetView("Sheet1", 0, &ViewOptions{ShowGridLines: boolPtr(false)}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.NewSheet("Sheet2"); err != nil {
		t.Fatal(err)
	}
	f.WorkBook.BookViews.WorkBookView[0].ActiveTab = 1
	r, _ := f.relsReader(defaultXMLPathRels)
	r.Relationships[0].Target = "changed"
	check(NewFile())
	var core decodeCoreProperties
	decode(xml.Header+templateDocpropsCore, &core)
	c := templateCoreCopy([]byte(xml.Header + templateDocpropsCore))
	if !reflect.DeepEqual(c, &core) {
		t.Fatalf("core properties: %+v, want %+v", c, &core)
	}
	if c.Created != nil {
		c.Created.Text = "changed"
	}
	if !reflect.DeepEqual(templateCoreCopy([]byte(xml.Header+templateDocpropsCore)), &core) {
		t.Fatal("a change to one copy of the core properties reached another")
	}
	// Other bytes are decoded.
	if templateCoreCopy([]byte(templateDocpropsCore)) != nil || templateRelsCopy([]byte(xml.Header+templateRels+" ")) != nil || templateWorkbookCopy([]byte(templateWorkbook)) != nil ||
		templateSheetCopy([]byte(xml.Header+templateSheet[:len(templateSheet)-1])) != nil {
		t.Fatal("a copy for bytes other than a template's")
	}
}

// TestBorderAndFontEqual: borderEqual and fontEqual agree with
// reflect.DeepEqual on random borders and fonts (govreport patch).
func TestBorderAndFontEqual(t *testing.T) {
	rng := rand.New(rand.NewSource(26))
	ints := []int{0, 1}
	floats := []float64{0, 1, math.NaN()}
	strs := []string{"", "a"}
	bools := []bool{false, true}
	shared := &xlsxColor{RGB: "a", Tint: math.NaN()}
	color := func() *xlsxColor {
		switch rng.Intn(4) {
		case 0:
			return nil
		case 1:
			return shared
		}
		c := &xlsxColor{Auto: rng.Intn(2) == 0, RGB: strs[rng.Intn(2)], Indexed: rng.Intn(2), Tint: floats[rng.Intn(2)]}
		if rng.Intn(2) == 0 {
			c.Theme = &ints[rng.Intn(2)]
		}
		return c
	}
	line := func() *xlsxLine {
		if rng.Intn(3) == 0 {
			return nil
		}
		return &xlsxLine{Style: strs[rng.Intn(2)], Color: color()}
	}
	border := func() *xlsxBorder {
		if rng.Intn(10) == 0 {
			return nil
		}
		return &xlsxBorder{DiagonalDown: rng.Intn(4) == 0, Left: line(), Right: line(), Top: line(), Bottom: line(),
			Diagonal: line(), Vertical: line(), Horizontal: line(), Outline: rng.Intn(4) == 0}
	}
	str := func() *attrValString {
		switch rng.Intn(3) {
		case 0:
			return nil
		case 1:
			return &attrValString{}
		}
		return &attrValString{Val: &strs[rng.Intn(2)]}
	}
	vint := func() *attrValInt {
		if rng.Intn(2) == 0 {
			return nil
		}
		return &attrValInt{Val: &ints[rng.Intn(2)]}
	}
	vbool := func() *attrValBool {
		if rng.Intn(2) == 0 {
			return nil
		}
		return &attrValBool{Val: &bools[rng.Intn(2)]}
	}
	vfloat := func() *attrValFloat {
		if rng.Intn(2) == 0 {
			return nil
		}
		return &attrValFloat{Val: &floats[rng.Intn(3)]}
	}
	font := func() *xlsxFont {
		if rng.Intn(10) == 0 {
			return nil
		}
		return &xlsxFont{Name: str(), Charset: vint(), Family: vint(), B: vbool(), I: vbool(), Strike: vbool(),
			Outline: vbool(), Shadow: vbool(), Condense: vbool(), Extend: vbool(), Color: color(), Sz: vfloat(),
			U: str(), VertAlign: str(), Scheme: str()}
	}
	same := 0
	for n := 0; n < 50000; n++ {
		a, b := border(), border()
		if a != nil && rng.Intn(2) == 0 {
			// A copy, the same but for pointers (shared colours stay
			// shared), sometimes with one line changed.
			c := *a
			for _, l := range []**xlsxLine{&c.Left, &c.Right, &c.Top, &c.Bottom, &c.Diagonal, &c.Vertical, &c.Horizontal} {
				if *l != nil {
					cl := **l
					if cl.Color != nil && cl.Color != shared {
						cc := *cl.Color
						cl.Color = &cc
					}
					*l = &cl
				}
			}
			if rng.Intn(3) == 0 {
				c.Top = line()
			}
			b = &c
		}
		if a != nil && b != nil {
			if want := reflect.DeepEqual(*a, *b); borderEqual(a, b) != want {
				t.Fatalf("borderEqual(%+v, %+v) != %v", a, b, want)
			} else if want {
				same++
			}
		}
		f, g := font(), font()
		if f != nil && rng.Intn(2) == 0 {
			g = new(xlsxFont)
			if err := deepcopy.Copy(g, f); err != nil {
				t.Fatal(err)
			}
			if rng.Intn(3) == 0 {
				g.Scheme = str()
			}
		}
		if f != nil && g != nil && fontEqual(f, g) != reflect.DeepEqual(*f, *g) {
			t.Fatalf("fontEqual(%+v, %+v) != %v", f, g, reflect.DeepEqual(*f, *g))
		}
		if f != nil && !fontEqual(f, f) != !reflect.DeepEqual(*f, *f) {
			t.Fatalf("fontEqual(%+v, itself)", f)
		}
	}
	if same == 0 {
		t.Fatal("no equal borders drawn")
	}
}

// TestMarshalRelsAndTypesMatchEncodingXML: the hand-written relationships
// and content types give encoding/xml's bytes (govreport patch).
func TestMarshalRelsAndTypesMatchEncodingXML(t *testing.T) {
	rng := rand.New(rand.NewSource(27))
	texts := []string{"", "rId1", "a&b<c>\"d'\te\nf\rg", "中文", "\x01bad\uFFFE", "/xl/worksheets/sheet1.xml", "External"}
	pick := func() string { return texts[rng.Intn(len(texts))] }
	names := []xml.Name{{}, {Space: "http://schemas.openxmlformats.org/package/2006/relationships", Local: "Relationships"},
		{Local: "Relationships"}, {Space: "x", Local: "Relationships"}, {Local: "Types"}, {Space: "y", Local: "Types"}, {Local: "Other"}}
	for n := 0; n < 3000; n++ {
		rels := &xlsxRelationships{XMLName: names[rng.Intn(4)]}
		if rng.Intn(7) == 0 {
			rels.XMLName = names[6]
		}
		for i := rng.Intn(4); i > 0; i-- {
			rels.Relationships = append(rels.Relationships, xlsxRelationship{ID: pick(), Target: pick(), Type: pick(), TargetMode: pick()})
		}
		want, err1 := xml.Marshal(rels)
		got, err2 := marshalRelationships(rels)
		if err1 != nil || err2 != nil || !bytes.Equal(got, want) {
			t.Fatalf("rels %d:\n got %s (%v)\nwant %s (%v)", n, got, err2, want, err1)
		}
		types := &xlsxTypes{XMLName: names[[]int{0, 4, 5, 6}[rng.Intn(4)]]}
		for i := rng.Intn(3); i > 0; i-- {
			types.Defaults = append(types.Defaults, xlsxDefault{Extension: pick(), ContentType: pick()})
		}
		for i := rng.Intn(4); i > 0; i-- {
			types.Overrides = append(types.Overrides, xlsxOverride{PartName: pick(), ContentType: pick()})
		}
		want, err1 = xml.Marshal(types)
		got, err2 = marshalContentTypes(types)
		if err1 != nil || err2 != nil || !bytes.Equal(got, want) {
			t.Fatalf("types %d:\n got %s (%v)\nwant %s (%v)", n, got, err2, want, err1)
		}
		if again, _ := xml.Marshal(types); !bytes.Equal(again, want) {
			t.Fatal("marshalContentTypes changed the content types")
		}
	}
}

// TestSetCellStrStyle: SetCellStrStyle leaves the workbook as SetCellStr
// and SetCellStyle do (govreport patch).
func TestSetCellStrStyle(t *testing.T) {
	rng := rand.New(rand.NewSource(28))
	values := []string{"", "a", "中文", " lead", "=SUM(A1)", "a"}
	for n := 0; n < 300; n++ {
		a, b := NewFile(), NewFile()
		for _, f := range []*File{a, b} {
			if _, err := f.NewStyle(&Style{Font: &Font{Bold: true}}); err != nil {
				t.Fatal(err)
			}
			if err := f.MergeCell("Sheet1", "B2", "C3"); err != nil {
				t.Fatal(err)
			}
		}
		for i := rng.Intn(12); i >= 0; i-- {
			cell := cellNameOrBad(rng)
			v, style := values[rng.Intn(len(values))], rng.Intn(4)-1
			var want error
			if v != "" {
				want = a.SetCellStr("Sheet1", cell, v)
			}
			if err := a.SetCellStyle("Sheet1", cell, cell, style); want == nil {
				want = err
			}
			got := b.SetCellStrStyle("Sheet1", cell, v, style)
			if (got == nil) != (want == nil) || got != nil && got.Error() != want.Error() {
				t.Fatalf("case %d, %s %q %d: error %v, want %v", n, cell, v, style, got, want)
			}
		}
		var wa, wb bytes.Buffer
		if err := a.Write(&wa); err != nil {
			t.Fatal(err)
		}
		if err := b.Write(&wb); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(wa.Bytes(), wb.Bytes()) {
			t.Fatalf("case %d: workbooks differ", n)
		}
	}
}

func cellNameOrBad(rng *rand.Rand) string {
	if rng.Intn(15) == 0 {
		return []string{"", "A0", "1A", "b2"}[rng.Intn(4)]
	}
	name, _ := CoordinatesToCellName(rng.Intn(4)+1, rng.Intn(4)+1)
	return name
}

// columnNameOriginal is ColumnNumberToName's name as excelize built it.
func columnNameOriginal(num int) string {
	l := 0
	for n := num; n > 0; n = (n - 1) / 26 {
		l++
	}
	buf := make([]byte, l)
	for num > 0 {
		l--
		buf[l] = byte((num-1)%26 + 'A')
		num = (num - 1) / 26
	}
	return string(buf)
}

// TestColumnNames: the tables of patch 35 give excelize's name of every
// column, and its errors outside them.
func TestColumnNames(t *testing.T) {
	for c := MinColumns; c <= MaxColumns; c++ {
		if got, err := ColumnNumberToName(c); err != nil || got != columnNameOriginal(c) {
			t.Fatalf("ColumnNumberToName(%d) = %q, %v; want %q", c, got, err, columnNameOriginal(c))
		}
	}
	for _, c := range []int{-1, 0, MaxColumns + 1} {
		if _, err := ColumnNumberToName(c); err != ErrColumnNumber {
			t.Errorf("ColumnNumberToName(%d): error %v", c, err)
		}
	}
}

// TestFillColumns: a row filled up to a column has the cells
// CoordinatesToCellName names, one by one or many at once, inside the
// sheet and at its edges.
func TestFillColumns(t *testing.T) {
	rng := rand.New(rand.NewSource(35))
	for i := 0; i < 3000; i++ {
		row := []int{1, 9, 10, 99, 100, 12345, TotalRows, TotalRows + 1, 0, -1}[rng.Intn(10)]
		var r xlsxRow
		var want []string
		for step := 0; step < 4; step++ {
			col := len(r.C) + rng.Intn(30)
			if rng.Intn(10) == 0 {
				col = []int{700, 703, MaxColumns, MaxColumns + 2}[rng.Intn(4)]
			}
			for c := len(want); c < col; c++ {
				name, _ := CoordinatesToCellName(c+1, row)
				want = append(want, name)
			}
			fillColumns(&r, col, row)
			if len(r.C) != len(want) {
				t.Fatalf("row %d to column %d: %d cells, want %d", row, col, len(r.C), len(want))
			}
			for j := range want {
				if r.C[j].R != want[j] || r.C[j].S != 0 || r.C[j].V != "" {
					t.Fatalf("row %d to column %d: cell %d is %+v, want name %q", row, col, j, r.C[j], want[j])
				}
			}
		}
	}
}

// TestEncodeWorksheetByHandMatchesEncodingXML: worksheets with every element
// encodeWorksheetByHand writes, drawn at random (and some it leaves to
// encodeWorksheet), come out as encoding/xml writes them.
func TestEncodeWorksheetByHandMatchesEncodingXML(t *testing.T) {
	rng := rand.New(rand.NewSource(38))
	texts := []string{"", "A1:B2", "a&b<c>\"d'", "中文", "&C&9&\"宋体,常规\"标题", "x\ny\t\r", "\xff"}
	pick := func() string { return texts[rng.Intn(len(texts))] }
	coin := func() bool { return rng.Intn(2) == 0 }
	boolPtr := func() *bool {
		if rng.Intn(3) == 0 {
			return nil
		}
		v := coin()
		return &v
	}
	intPtr := func() *int {
		if rng.Intn(3) == 0 {
			return nil
		}
		v := rng.Intn(5) - 1
		return &v
	}
	float := func() float64 {
		return []float64{0, 0, math.Copysign(0, -1), 0.35, 0.75, 15, 1e21, 0.1 + 0.2, -2, math.NaN(), math.Inf(1)}[rng.Intn(11)]
	}
	plain, byHand := 0, 0
	for n := 0; n < 3000; n++ {
		ws := &xlsxWorksheet{}
		if coin() {
			ws.XMLName = xml.Name{Space: NameSpaceSpreadSheet.Value, Local: "worksheet"}
		}
		if coin() {
			p := &xlsxSheetPr{SyncHorizontal: coin(), SyncVertical: coin(), SyncRef: pick(), TransitionEvaluation: coin(),
				TransitionEntry: coin(), Published: boolPtr(), CodeName: pick(), FilterMode: coin(),
				EnableFormatConditionsCalculation: boolPtr()}
			if coin() {
				p.XMLName = xml.Name{Space: NameSpaceSpreadSheet.Value, Local: "sheetPr"}
			}
			if coin() {
				p.OutlinePr = &xlsxOutlinePr{ApplyStyles: boolPtr(), SummaryBelow: boolPtr(), SummaryRight: boolPtr(), ShowOutlineSymbols: boolPtr()}
			}
			if coin() {
				p.PageSetUpPr = &xlsxPageSetUpPr{AutoPageBreaks: coin(), FitToPage: coin()}
			}
			if rng.Intn(10) == 0 {
				p.TabColor = &xlsxColor{RGB: "FF0000"}
			}
			ws.SheetPr = p
		}
		if coin() {
			ws.Dimension = &xlsxDimension{Ref: pick()}
		}
		if coin() {
			ws.SheetViews = &xlsxSheetViews{}
			for i := rng.Intn(3) - 1; i >= 0; i-- {
				v := xlsxSheetView{WindowProtection: coin(), ShowFormulas: coin(), ShowGridLines: boolPtr(),
					ShowRowColHeaders: boolPtr(), ShowZeros: boolPtr(), RightToLeft: coin(), TabSelected: coin(),
					ShowRuler: boolPtr(), ShowWhiteSpace: boolPtr(), ShowOutlineSymbols: coin(), DefaultGridColor: boolPtr(),
					View: pick(), TopLeftCell: pick(), ColorID: rng.Intn(3) - 1, ZoomScale: float(), ZoomScaleNormal: float(),
					ZoomScalePageLayoutView: float(), ZoomScaleSheetLayoutView: float(), WorkbookViewID: rng.Intn(3) - 1}
				if coin() {
					v.Pane = &xlsxPane{ActivePane: pick(), State: pick(), TopLeftCell: pick(), XSplit: float(), YSplit: float()}
				}
				for j := rng.Intn(3) - 1; j >= 0; j-- {
					if rng.Intn(5) == 0 {
						v.Selection = append(v.Selection, nil)
					} else {
						v.Selection = append(v.Selection, &xlsxSelection{ActiveCell: pick(), ActiveCellID: intPtr(), Pane: pick(), SQRef: pick()})
					}
				}
				ws.SheetViews.SheetView = append(ws.SheetViews.SheetView, v)
			}
		}
		if coin() {
			ws.SheetFormatPr = &xlsxSheetFormatPr{BaseColWidth: uint8(rng.Intn(3) * 120), DefaultColWidth: float(),
				DefaultRowHeight: float(), CustomHeight: coin(), ZeroHeight: coin(), ThickTop: coin(), ThickBottom: coin(),
				OutlineLevelRow: uint8(rng.Intn(2) * 255), OutlineLevelCol: uint8(rng.Intn(3))}
		}
		if coin() {
			ws.Cols = &xlsxCols{}
			for i := rng.Intn(3) - 1; i >= 0; i-- {
				w := float()
				ws.Cols.Col = append(ws.Cols.Col, xlsxCol{Min: i + 1, Max: i + 2, Width: &w, CustomWidth: coin(), Style: rng.Intn(3)})
			}
		}
		for i := rng.Intn(3) - 1; i >= 0; i-- {
			row := xlsxRow{R: i + 1}
			for j := rng.Intn(3); j >= 0; j-- {
				c := xlsxC{R: pick(), V: pick(), S: rng.Intn(2), T: []string{"", "s", "str"}[rng.Intn(3)]}
				if rng.Intn(8) == 0 {
					c.IS = &xlsxSI{T: &xlsxT{Val: pick()}}
				}
				if rng.Intn(8) == 0 {
					c.F = &xlsxF{Content: pick()}
				}
				row.C = append(row.C, c)
			}
			ws.SheetData.Row = append(ws.SheetData.Row, row)
		}
		if coin() {
			ws.MergeCells = &xlsxMergeCells{Count: rng.Intn(3)}
			for i := rng.Intn(4) - 1; i >= 0; i-- {
				if rng.Intn(5) == 0 {
					ws.MergeCells.Cells = append(ws.MergeCells.Cells, nil)
				} else {
					ws.MergeCells.Cells = append(ws.MergeCells.Cells, &xlsxMergeCell{Ref: pick()})
				}
			}
		}
		if coin() {
			ws.Hyperlinks = &xlsxHyperlinks{}
			for i := rng.Intn(3) - 1; i >= 0; i-- {
				l := xlsxHyperlink{Ref: pick(), Location: pick(), Display: pick(), Tooltip: pick()}
				if rng.Intn(10) == 0 {
					l.RID = "rId1"
				}
				ws.Hyperlinks.Hyperlink = append(ws.Hyperlinks.Hyperlink, l)
			}
		}
		if coin() {
			ws.PrintOptions = &xlsxPrintOptions{GridLines: coin(), GridLinesSet: coin(), Headings: coin(),
				HorizontalCentered: coin(), VerticalCentered: coin()}
		}
		if coin() {
			ws.PageMargins = &xlsxPageMargins{Left: float(), Right: float(), Top: float(), Bottom: float(), Header: float(), Footer: float()}
		}
		if coin() {
			p := &xlsxPageSetUp{BlackAndWhite: coin(), CellComments: pick(), Copies: rng.Intn(3) - 1, Draft: coin(),
				Errors: pick(), FirstPageNumber: pick(), FitToHeight: intPtr(), FitToWidth: intPtr(), HorizontalDPI: pick(),
				Orientation: pick(), PageOrder: pick(), PaperHeight: pick(), PaperSize: intPtr(), PaperWidth: pick(),
				Scale: rng.Intn(3) - 1, UseFirstPageNumber: coin(), UsePrinterDefaults: coin(), VerticalDPI: pick()}
			if rng.Intn(10) == 0 {
				p.RID = "rId2"
			}
			ws.PageSetUp = p
		}
		if coin() {
			ws.HeaderFooter = &xlsxHeaderFooter{DifferentOddEven: coin(), DifferentFirst: coin(), ScaleWithDoc: boolPtr(),
				AlignWithMargins: boolPtr(), OddHeader: pick(), OddFooter: pick(), EvenHeader: pick(), EvenFooter: pick(),
				FirstHeader: pick(), FirstFooter: pick()}
		}
		switch rng.Intn(12) {
		case 0:
			ws.SheetProtection = &xlsxSheetProtection{Sheet: true}
		case 1:
			ws.DataValidations = &xlsxDataValidations{Count: 1}
		case 2:
			ws.ConditionalFormatting = []*xlsxConditionalFormatting{{SQRef: "A1"}}
		}
		if plainWorksheet(ws) {
			plain++
		}
		var want, got bytes.Buffer
		if err := xml.NewEncoder(&want).Encode(ws); err != nil {
			t.Fatal(err)
		}
		if err := encodeWorksheet(&got, xml.NewEncoder(&got), ws); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want.Bytes()) {
			t.Fatalf("encodeWorksheet:\n%s\nencoding/xml:\n%s", got.Bytes(), want.Bytes())
		}
		if plainWorksheet(ws) {
			byHand++
		}
	}
	if plain < 1000 || byHand != plain || plain > 2900 {
		t.Fatalf("%d of 3000 worksheets written by hand: the draw does not test both ways", plain)
	}
}

// TestXfMatchesGetXfIDFuncs: xfAlignmentMatches and xfProtectionMatches
// give getXfIDFuncs' verdicts on random cell formats and styles (patch 40).
func TestXfMatchesGetXfIDFuncs(t *testing.T) {
	rng := rand.New(rand.NewSource(40))
	boolPtr := func() *bool {
		if rng.Intn(3) == 0 {
			return nil
		}
		v := rng.Intn(2) == 0
		return &v
	}
	align := func() *xlsxAlignment {
		if rng.Intn(4) == 0 {
			return nil
		}
		return &xlsxAlignment{Horizontal: []string{"", "center", "left"}[rng.Intn(3)], Indent: rng.Intn(2),
			Vertical: []string{"", "center"}[rng.Intn(2)], WrapText: rng.Intn(2) == 0, ShrinkToFit: rng.Intn(4) == 0,
			TextRotation: rng.Intn(2) * 90, ReadingOrder: uint64(rng.Intn(2)), RelativeIndent: rng.Intn(2), JustifyLastLine: rng.Intn(4) == 0}
	}
	hits := [2]int{}
	for n := 0; n < 20000; n++ {
		xf := xlsxXf{ApplyAlignment: boolPtr(), ApplyProtection: boolPtr(), Alignment: align()}
		if rng.Intn(4) > 0 {
			xf.Protection = &xlsxProtection{Hidden: boolPtr(), Locked: boolPtr()}
		}
		style := &Style{}
		if a := align(); a != nil {
			style.Alignment = &Alignment{Horizontal: a.Horizontal, Indent: a.Indent, JustifyLastLine: a.JustifyLastLine,
				ReadingOrder: a.ReadingOrder, RelativeIndent: a.RelativeIndent, ShrinkToFit: a.ShrinkToFit,
				TextRotation: a.TextRotation, Vertical: a.Vertical, WrapText: a.WrapText}
			if rng.Intn(2) == 0 && xf.Alignment != nil {
				style.Alignment = &Alignment{Horizontal: xf.Alignment.Horizontal, Indent: xf.Alignment.Indent,
					JustifyLastLine: xf.Alignment.JustifyLastLine, ReadingOrder: xf.Alignment.ReadingOrder,
					RelativeIndent: xf.Alignment.RelativeIndent, ShrinkToFit: xf.Alignment.ShrinkToFit,
					TextRotation: xf.Alignment.TextRotation, Vertical: xf.Alignment.Vertical, WrapText: xf.Alignment.WrapText}
			}
		}
		if rng.Intn(3) > 0 {
			style.Protection = &Protection{Hidden: rng.Intn(2) == 0, Locked: rng.Intn(2) == 0}
		}
		var wantA *xlsxAlignment
		if style.Alignment != nil {
			wantA = newAlignment(style)
		}
		var wantP *xlsxProtection
		if style.Protection != nil {
			wantP = newProtection(style)
		}
		a, b := getXfIDFuncs["alignment"](0, xf, style), xfAlignmentMatches(&xf, wantA)
		c, d := getXfIDFuncs["protection"](0, xf, style), xfProtectionMatches(&xf, wantP)
		if a != b || c != d {
			t.Fatalf("xf %+v, style %+v: alignment %v/%v, protection %v/%v", xf, style, a, b, c, d)
		}
		if a {
			hits[0]++
		}
		if c {
			hits[1]++
		}
	}
	if hits[0] < 1000 || hits[1] < 1000 {
		t.Fatalf("matches %v: the draw does not test both verdicts", hits)
	}
}

// TestCheckDefinedNameByBytes: checkDefinedName gives the verdict of its loop
// over runes on random names, ASCII, beyond it and too long (patch 43).
func TestCheckDefinedNameByBytes(t *testing.T) {
	original := func(name string) error {
		if countUTF16String(name) > MaxFieldLength {
			return ErrNameLength
		}
		for i, c := range name {
			if i == 0 {
				if inCodeRange(int(c), supportedDefinedNameAtStartCharCodeRange) {
					continue
				}
				return newInvalidNameError(name)
			}
			if inCodeRange(int(c), supportedDefinedNameAfterStartCharCodeRange) {
				continue
			}
			return newInvalidNameError(name)
		}
		return nil
	}
	rng := rand.New(rand.NewSource(43))
	pieces := []string{"a", "Z", "_", "\\", "1", ".", "?", " ", "-", "!", "\x00", "\x7f", "表", "\xff", "é"}
	valid := 0
	for n := 0; n < 50000; n++ {
		var name string
		for i := rng.Intn(8); i > 0; i-- {
			name += pieces[rng.Intn(len(pieces))]
		}
		if rng.Intn(50) == 0 {
			name = strings.Repeat("a", MaxFieldLength-1+rng.Intn(3)) + name
		}
		got, want := checkDefinedName(name), original(name)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("checkDefinedName(%q) = %v, want %v", name, got, want)
		}
		if got == nil {
			valid++
		}
	}
	if valid < 1000 {
		t.Fatalf("%d valid names: the draw does not test both verdicts", valid)
	}
}
