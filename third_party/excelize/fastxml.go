package excelize

// Hand-written encoders for the largest parts of a workbook, giving the
// same bytes encoding/xml gives for the same structures (the golden tests
// of govreport's workbooks compare them part by part).
//
// govreport patch: see PATCHES.md.

import (
	"bytes"
	"encoding/xml"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/tiendc/go-deepcopy"
)

// emptySheetData is what encoding/xml writes for a worksheet's
// <sheetData> without rows.
var emptySheetData = []byte("<sheetData></sheetData>")

// encodeWorksheet writes ws as encoding/xml would, with its columns, rows,
// merged cells and hyperlinks encoded by hand: encoding/xml writes the worksheet
// without them, and they are spliced into their empty elements.
func encodeWorksheet(buf *bytes.Buffer, encoder *xml.Encoder, ws *xlsxWorksheet) error {
	if plainWorksheet(ws) {
		encodeWorksheetByHand(buf, ws)
		return nil
	}
	type splice struct {
		empty []byte
		write func(*bytes.Buffer)
	}
	var (
		splices []splice
		restore []func()
	)
	if cols := ws.Cols; cols != nil && len(cols.Col) > 0 && cols.XMLName == (xml.Name{}) {
		list := cols.Col
		cols.Col = nil
		restore = append(restore, func() { cols.Col = list })
		splices = append(splices, splice{[]byte("<cols></cols>"), func(b *bytes.Buffer) { encodeCols(b, list) }})
	}
	if rows := ws.SheetData.Row; len(rows) > 0 {
		ws.SheetData.Row = nil
		restore = append(restore, func() { ws.SheetData.Row = rows })
		splices = append(splices, splice{emptySheetData, func(b *bytes.Buffer) { encodeRows(b, rows) }})
	}
	if mc := ws.MergeCells; mc != nil && len(mc.Cells) > 0 && mc.XMLName == (xml.Name{}) {
		cells := mc.Cells
		mc.Cells = nil
		restore = append(restore, func() { mc.Cells = cells })
		empty := "<mergeCells></mergeCells>"
		if mc.Count != 0 {
			empty = `<mergeCells count="` + strconv.Itoa(mc.Count) + `"></mergeCells>`
		}
		splices = append(splices, splice{[]byte(empty), func(b *bytes.Buffer) { encodeMergeCells(b, cells) }})
	}
	if hl := ws.Hyperlinks; hl != nil && len(hl.Hyperlink) > 0 && hl.XMLName == (xml.Name{}) && plainHyperlinks(hl.Hyperlink) {
		links := hl.Hyperlink
		hl.Hyperlink = nil
		restore = append(restore, func() { hl.Hyperlink = links })
		splices = append(splices, splice{[]byte("<hyperlinks></hyperlinks>"), func(b *bytes.Buffer) { encodeHyperlinks(b, links) }})
	}
	start := buf.Len()
	err := encoder.Encode(ws)
	for _, r := range restore {
		r()
	}
	if err != nil || len(splices) == 0 {
		return err
	}
	out := append([]byte(nil), buf.Bytes()[start:]...)
	buf.Truncate(start)
	at := 0
	for _, sp := range splices {
		i := bytes.Index(out[at:], sp.empty)
		if i < 0 { // cannot happen: the elements come in this order
			buf.Truncate(start)
			return encoder.Encode(ws)
		}
		open := bytes.IndexByte(sp.empty, '>') + 1
		buf.Write(out[at : at+i+open])
		sp.write(buf)
		at += i + open
	}
	buf.Write(out[at:])
	return nil
}

// encodeCols writes cols as encoding/xml writes []xlsxCol.
func encodeCols(buf *bytes.Buffer, cols []xlsxCol) {
	for i := range cols {
		c := &cols[i]
		buf.WriteString("<col")
		writeBoolAttr(buf, "bestFit", c.BestFit)
		writeBoolAttr(buf, "collapsed", c.Collapsed)
		writeBoolAttr(buf, "customWidth", c.CustomWidth)
		writeBoolAttr(buf, "hidden", c.Hidden)
		writeIntAttr(buf, "max", int64(c.Max))
		writeIntAttr(buf, "min", int64(c.Min))
		if c.OutlineLevel != 0 {
			writeIntAttr(buf, "outlineLevel", int64(c.OutlineLevel))
		}
		writeBoolAttr(buf, "phonetic", c.Phonetic)
		if c.Style != 0 {
			writeIntAttr(buf, "style", int64(c.Style))
		}
		if c.Width != nil {
			writeFloatAttr(buf, "width", *c.Width)
		}
		buf.WriteString("></col>")
	}
}

// plainHyperlinks reports whether links have no relationship ids, which
// encoding/xml writes with a namespace prefix of its own.
func plainHyperlinks(links []xlsxHyperlink) bool {
	for i := range links {
		if links[i].RID != "" {
			return false
		}
	}
	return true
}

func encodeMergeCells(buf *bytes.Buffer, cells []*xlsxMergeCell) {
	for _, c := range cells {
		if c == nil {
			continue
		}
		buf.WriteString("<mergeCell")
		if c.Ref != "" {
			writeAttr(buf, "ref", c.Ref)
		}
		buf.WriteString("></mergeCell>")
	}
}

func encodeHyperlinks(buf *bytes.Buffer, links []xlsxHyperlink) {
	for i := range links {
		l := &links[i]
		buf.WriteString("<hyperlink")
		writeAttr(buf, "ref", l.Ref)
		if l.Location != "" {
			writeAttr(buf, "location", l.Location)
		}
		if l.Display != "" {
			writeAttr(buf, "display", l.Display)
		}
		if l.Tooltip != "" {
			writeAttr(buf, "tooltip", l.Tooltip)
		}
		buf.WriteString("></hyperlink>")
	}
}

// encodeRows writes rows as encoding/xml writes []xlsxRow.
func encodeRows(buf *bytes.Buffer, rows []xlsxRow) {
	for i := range rows {
		row := &rows[i]
		b := buf.AvailableBuffer()
		b = append(b, "<row"...)
		if row.R != 0 {
			b = append(b, ` r="`...)
			b = strconv.AppendInt(b, int64(row.R), 10)
			b = append(b, '"')
		}
		if row.Spans != "" {
			b = appendAttr(b, "spans", row.Spans)
		}
		if row.S != 0 {
			b = append(b, ` s="`...)
			b = strconv.AppendInt(b, int64(row.S), 10)
			b = append(b, '"')
		}
		b = appendBoolAttr(b, "customFormat", row.CustomFormat)
		if row.Ht != nil {
			b = append(b, ` ht="`...)
			b = strconv.AppendFloat(b, *row.Ht, 'g', -1, 64)
			b = append(b, '"')
		}
		b = appendBoolAttr(b, "hidden", row.Hidden)
		b = appendBoolAttr(b, "customHeight", row.CustomHeight)
		if row.OutlineLevel != 0 {
			b = append(b, ` outlineLevel="`...)
			b = strconv.AppendUint(b, uint64(row.OutlineLevel), 10)
			b = append(b, '"')
		}
		b = appendBoolAttr(b, "collapsed", row.Collapsed)
		b = appendBoolAttr(b, "thickTop", row.ThickTop)
		b = appendBoolAttr(b, "thickBot", row.ThickBot)
		b = appendBoolAttr(b, "ph", row.Ph)
		b = append(b, '>')
		for j := range row.C {
			c := &row.C[j]
			if plainCell(c) {
				b = appendCell(b, c)
				continue
			}
			buf.Write(b)
			encodeCell(buf, c)
			b = buf.AvailableBuffer()
		}
		buf.Write(append(b, "</row>"...))
	}
}

// plainCell reports whether appendCell writes c (inline strings, rare
// here, and unusual names are left to encoding/xml).
func plainCell(c *xlsxC) bool {
	return c.IS == nil && c.XMLName.Space == "" && (c.XMLName.Local == "" || c.XMLName.Local == "c") &&
		(c.XMLSpace.Name.Local == "" || c.XMLSpace.Name.Local == "space" && c.XMLSpace.Name.Space == NameSpaceXML)
}

// encodeCell writes c as encoding/xml writes an xlsxC.
func encodeCell(buf *bytes.Buffer, c *xlsxC) {
	if !plainCell(c) {
		enc := xml.NewEncoder(buf)
		_ = enc.Encode(c)
		return
	}
	buf.Write(appendCell(buf.AvailableBuffer(), c))
}

// appendCell appends c as encoding/xml writes it, for a plainCell.
func appendCell(b []byte, c *xlsxC) []byte {
	b = append(b, "<c"...)
	if c.XMLSpace.Name.Local != "" {
		b = appendAttr(b, "xml:space", c.XMLSpace.Value)
	}
	if c.R != "" {
		b = appendAttr(b, "r", c.R)
	}
	if c.S != 0 {
		b = append(b, ` s="`...)
		b = strconv.AppendInt(b, int64(c.S), 10)
		b = append(b, '"')
	}
	if c.T != "" {
		b = appendAttr(b, "t", c.T)
	}
	if c.Cm != nil {
		b = append(b, ` cm="`...)
		b = strconv.AppendUint(b, uint64(*c.Cm), 10)
		b = append(b, '"')
	}
	if c.Vm != nil {
		b = append(b, ` vm="`...)
		b = strconv.AppendUint(b, uint64(*c.Vm), 10)
		b = append(b, '"')
	}
	if c.Ph != nil {
		b = appendAttr(b, "ph", strconv.FormatBool(*c.Ph))
	}
	b = append(b, '>')
	if f := c.F; f != nil {
		b = append(b, "<f"...)
		if f.T != "" {
			b = appendAttr(b, "t", f.T)
		}
		b = appendBoolAttr(b, "aca", f.Aca)
		if f.Ref != "" {
			b = appendAttr(b, "ref", f.Ref)
		}
		b = appendBoolAttr(b, "dt2D", f.Dt2D)
		b = appendBoolAttr(b, "dtr", f.Dtr)
		b = appendBoolAttr(b, "del1", f.Del1)
		b = appendBoolAttr(b, "del2", f.Del2)
		if f.R1 != "" {
			b = appendAttr(b, "r1", f.R1)
		}
		if f.R2 != "" {
			b = appendAttr(b, "r2", f.R2)
		}
		b = appendBoolAttr(b, "ca", f.Ca)
		if f.Si != nil {
			b = append(b, ` si="`...)
			b = strconv.AppendInt(b, int64(*f.Si), 10)
			b = append(b, '"')
		}
		b = appendBoolAttr(b, "bx", f.Bx)
		b = append(b, '>')
		b = appendEscaped(b, f.Content)
		b = append(b, "</f>"...)
	}
	if c.V != "" {
		b = append(b, "<v>"...)
		b = appendEscaped(b, c.V)
		b = append(b, "</v>"...)
	}
	return append(b, "</c>"...)
}

func writeAttr(buf *bytes.Buffer, name, value string) {
	buf.Write(appendAttr(buf.AvailableBuffer(), name, value))
}

// appendAttr is writeAttr appending to b.
func appendAttr(b []byte, name, value string) []byte {
	b = append(b, ' ')
	b = append(b, name...)
	b = append(b, `="`...)
	b = appendEscaped(b, value)
	return append(b, '"')
}

// writeEscaped writes s escaped as encoding/xml escapes text and
// attribute values; printable ASCII without markup goes as it is.
func writeEscaped(buf *bytes.Buffer, s string) {
	buf.Write(appendEscaped(buf.AvailableBuffer(), s))
}

// xmlPlainASCII marks the ASCII bytes encoding/xml writes as they are:
// printable, not markup.
var xmlPlainASCII = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '&' && c != '<' && c != '>' && c != '"' && c != '\''
	}
	return t
}()

// appendEscaped is writeEscaped appending to b.
//
// It is xml.EscapeText's loop on a string (EscapeText takes bytes: a copy
// of every string with a non-ASCII character).
func appendEscaped(b []byte, s string) []byte {
	last := 0
	for i := 0; i < len(s); {
		c := s[i]
		if xmlPlainASCII[c] {
			i++
			continue
		}
		// Two- and three-byte sequences led by 0xC2–0xDF and 0xE1–0xEC
		// (U+0080–U+07FF, U+1000–U+CFFF: most CJK text) are valid with any
		// continuation bytes and all inside XML's character range.
		if c >= 0xC2 && c <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			i += 2
			continue
		}
		if c >= 0xE1 && c <= 0xEC && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			i += 3
			continue
		}
		r, width := rune(c), 1
		if c >= utf8.RuneSelf {
			r, width = utf8.DecodeRuneInString(s[i:])
		}
		i += width
		var esc string
		switch r {
		case '"':
			esc = "&#34;"
		case '\'':
			esc = "&#39;"
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '\t':
			esc = "&#x9;"
		case '\n':
			esc = "&#xA;"
		case '\r':
			esc = "&#xD;"
		default:
			if !inXMLCharRange(r) || (r == utf8.RuneError && width == 1) {
				esc = "\uFFFD"
				break
			}
			continue
		}
		b = append(b, s[last:i-width]...)
		b = append(b, esc...)
		last = i
	}
	return append(b, s[last:]...)
}

// inXMLCharRange is encoding/xml's isInCharacterRange.
func inXMLCharRange(r rune) bool {
	return r == 0x09 ||
		r == 0x0A ||
		r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

func writeBoolAttr(buf *bytes.Buffer, name string, v bool) {
	if v {
		buf.Write(appendBoolAttr(buf.AvailableBuffer(), name, v))
	}
}

// appendBoolAttr is writeBoolAttr appending to b.
func appendBoolAttr(b []byte, name string, v bool) []byte {
	if v {
		b = append(b, ' ')
		b = append(b, name...)
		b = append(b, `="true"`...)
	}
	return b
}

// marshalSST gives xml.Marshal(sst); string items other than one plain
// <t> are left to encoding/xml.
func marshalSST(sst *xlsxSST) []byte {
	var buf bytes.Buffer
	var num [32]byte
	buf.Grow(64 + 24*len(sst.SI))
	buf.WriteString(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="`)
	buf.Write(strconv.AppendInt(num[:0], int64(sst.Count), 10))
	buf.WriteString(`" uniqueCount="`)
	buf.Write(strconv.AppendInt(num[:0], int64(sst.UniqueCount), 10))
	buf.WriteString(`">`)
	var enc *xml.Encoder
	for i := range sst.SI {
		si := &sst.SI[i]
		t := si.T
		if si.R != nil || si.RPh != nil || si.PhoneticPr != nil || t != nil && (t.XMLName.Space != "" ||
			t.XMLName.Local != "" && t.XMLName.Local != "t" ||
			t.Space.Name.Local != "" && (t.Space.Name.Local != "space" || t.Space.Name.Space != NameSpaceXML)) {
			if enc == nil {
				enc = xml.NewEncoder(&buf)
			}
			_ = enc.EncodeElement(si, xml.StartElement{Name: xml.Name{Local: "si"}})
			_ = enc.Flush()
			continue
		}
		buf.WriteString("<si>")
		if t != nil {
			buf.WriteString("<t")
			if t.Space.Name.Local != "" {
				writeAttr(&buf, "xml:space", t.Space.Value)
			}
			buf.WriteByte('>')
			writeEscaped(&buf, t.Val)
			buf.WriteString("</t>")
		}
		buf.WriteString("</si>")
	}
	buf.WriteString("</sst>")
	return buf.Bytes()
}

// emptyDefinedNames is what encoding/xml writes for <definedNames>
// without names.
var emptyDefinedNames = []byte("<definedNames></definedNames>")

// marshalWorkbook gives xml.Marshal(wb), with the defined names encoded
// by hand.
func marshalWorkbook(wb *xlsxWorkbook) ([]byte, error) {
	if wb.DefinedNames == nil || len(wb.DefinedNames.DefinedName) == 0 {
		return xml.Marshal(wb)
	}
	names := wb.DefinedNames.DefinedName
	wb.DefinedNames.DefinedName = nil
	out, err := xml.Marshal(wb)
	wb.DefinedNames.DefinedName = names
	i := bytes.Index(out, emptyDefinedNames)
	if err != nil || i < 0 {
		return xml.Marshal(wb)
	}
	var buf bytes.Buffer
	buf.Grow(len(out) + 80*len(names))
	buf.Write(out[:i+len("<definedNames>")])
	encodeDefinedNames(&buf, names)
	buf.Write(out[i+len("<definedNames>"):])
	return buf.Bytes(), nil
}

// encodeDefinedNames writes names as encoding/xml writes
// []xlsxDefinedName.
func encodeDefinedNames(buf *bytes.Buffer, names []xlsxDefinedName) {
	var num [32]byte
	for i := range names {
		dn := &names[i]
		buf.WriteString("<definedName")
		if dn.Comment != "" {
			writeAttr(buf, "comment", dn.Comment)
		}
		if dn.CustomMenu != "" {
			writeAttr(buf, "customMenu", dn.CustomMenu)
		}
		if dn.Description != "" {
			writeAttr(buf, "description", dn.Description)
		}
		writeBoolAttr(buf, "function", dn.Function)
		if dn.FunctionGroupID != 0 {
			buf.WriteString(` functionGroupId="`)
			buf.Write(strconv.AppendInt(num[:0], int64(dn.FunctionGroupID), 10))
			buf.WriteByte('"')
		}
		if dn.Help != "" {
			writeAttr(buf, "help", dn.Help)
		}
		writeBoolAttr(buf, "hidden", dn.Hidden)
		if dn.LocalSheetID != nil {
			buf.WriteString(` localSheetId="`)
			buf.Write(strconv.AppendInt(num[:0], int64(*dn.LocalSheetID), 10))
			buf.WriteByte('"')
		}
		if dn.Name != "" {
			writeAttr(buf, "name", dn.Name)
		}
		writeBoolAttr(buf, "publishToServer", dn.PublishToServer)
		if dn.ShortcutKey != "" {
			writeAttr(buf, "shortcutKey", dn.ShortcutKey)
		}
		if dn.StatusBar != "" {
			writeAttr(buf, "statusBar", dn.StatusBar)
		}
		writeBoolAttr(buf, "vbProcedure", dn.VbProcedure)
		writeBoolAttr(buf, "workbookParameter", dn.WorkbookParameter)
		writeBoolAttr(buf, "xml", dn.Xlm)
		buf.WriteByte('>')
		writeEscaped(buf, dn.Data)
		buf.WriteString("</definedName>")
	}
}

var (
	templateThemeOnce  sync.Once
	templateThemeBytes []byte
)

// templateThemeOutput is the part themeWriter stores for NewFile's theme
// (the template decoded and encoded again), computed once.
func templateThemeOutput() []byte {
	templateThemeOnce.Do(func() {
		g := newFile()
		g.Pkg.Store(defaultXMLPathTheme, []byte(xml.Header+templateTheme))
		g.Theme, _ = g.themeReader()
		g.themeWriter()
		if b, ok := g.Pkg.Load(defaultXMLPathTheme); ok {
			templateThemeBytes = b.([]byte)
		}
	})
	return append([]byte(nil), templateThemeBytes...)
}

// fontDiffers reports cheaply that two fonts cannot be deeply equal
// (false: they may be), so that getFontID runs reflect.DeepEqual only on
// likely matches.
func fontDiffers(a, b *xlsxFont) bool {
	if a == nil || b == nil {
		return a != b
	}
	str := func(x, y *attrValString) bool {
		if x == nil || y == nil {
			return x != y
		}
		if x.Val == nil || y.Val == nil {
			return x.Val != y.Val
		}
		return *x.Val != *y.Val
	}
	if str(a.Name, b.Name) {
		return true
	}
	if x, y := a.Sz, b.Sz; x == nil || y == nil {
		if x != y {
			return true
		}
	} else if x.Val == nil || y.Val == nil {
		if x.Val != y.Val {
			return true
		}
	} else if *x.Val != *y.Val {
		return true
	}
	if x, y := a.B, b.B; x == nil || y == nil {
		if x != y {
			return true
		}
	} else if x.Val == nil || y.Val == nil {
		if x.Val != y.Val {
			return true
		}
	} else if *x.Val != *y.Val {
		return true
	}
	if x, y := a.Color, b.Color; x == nil || y == nil {
		if x != y {
			return true
		}
	} else if x.RGB != y.RGB {
		return true
	}
	return false
}

// copyCol is deepcopy.Copy for a column: Width is its only pointer.
func copyCol(col xlsxCol) xlsxCol {
	c := col
	if col.Width != nil {
		w := *col.Width
		c.Width = &w
	}
	return c
}

// definedNameASCII holds checkDefinedName's verdicts for ASCII: bit 1, the
// character may start a name; bit 2, it may follow the start. Computed on
// first use: a process writing no workbook needs none of it.
var definedNameASCII = sync.OnceValue(func() (t *[0x80]byte) {
	t = new([0x80]byte)
	for c := range t {
		if inCodeRange(c, supportedDefinedNameAtStartCharCodeRange) {
			t[c] |= 1
		}
		if inCodeRange(c, supportedDefinedNameAfterStartCharCodeRange) {
			t[c] |= 2
		}
	}
	return t
})

// plainCellCoordinates is CellNameToCoordinates for the common case of a
// name of one to three upper-case letters and one to seven digits naming a
// cell inside the sheet's bounds; ok is false for anything else, which is
// left to the general parser (and its errors).
func plainCellCoordinates(cell string) (col, row int, ok bool) {
	i := 0
	for i < len(cell) && i < 4 && 'A' <= cell[i] && cell[i] <= 'Z' {
		col = col*26 + int(cell[i]-'A'+1)
		i++
	}
	if i == 0 || i > 3 || len(cell)-i < 1 || len(cell)-i > 7 {
		return 0, 0, false
	}
	for _, c := range []byte(cell[i:]) {
		if c < '0' || c > '9' {
			return 0, 0, false
		}
		row = row*10 + int(c-'0')
	}
	if row < 1 || row > TotalRows || col > MaxColumns {
		return 0, 0, false
	}
	return col, row, true
}

// plainCellName is colName + strconv.Itoa(row) for row ≥ 1, in one
// allocation.
func plainCellName(colName string, row int) string {
	var buf [24]byte
	n := copy(buf[:], colName)
	return string(strconv.AppendInt(buf[:n], int64(row), 10))
}

// templateParts are the default template's style sheet and content types as
// NewFile's readers decode them, decoded once per process; NewFile gives
// each new file its own copy (newTemplateStyles, newTemplateContentTypes).
var templateParts = sync.OnceValues(func() (*xlsxStyleSheet, *xlsxTypes) {
	f := newFile()
	f.Pkg.Store(defaultXMLPathStyles, []byte(xml.Header+templateStyles))
	f.Pkg.Store(defaultXMLPathContentTypes, []byte(xml.Header+templateContentTypes))
	styles, err := f.stylesReader()
	if err != nil {
		return nil, nil
	}
	types, err := f.contentTypesReader()
	if err != nil {
		return nil, nil
	}
	return styles, types
})

// newTemplateStyles is a deep copy of the template's decoded style sheet,
// or nil (then NewFile decodes it).
func newTemplateStyles() *xlsxStyleSheet {
	styles, _ := templateParts()
	if styles == nil {
		return nil
	}
	c := new(xlsxStyleSheet)
	if err := deepcopy.Copy(c, styles); err != nil {
		return nil
	}
	return c
}

// newTemplateContentTypes is a copy of the template's decoded content
// types (strings only), or nil (then NewFile decodes them).
func newTemplateContentTypes() *xlsxTypes {
	_, types := templateParts()
	if types == nil {
		return nil
	}
	return &xlsxTypes{XMLName: types.XMLName, Defaults: slices.Clone(types.Defaults), Overrides: slices.Clone(types.Overrides)}
}

// PartTypes gives the types excelize decodes a workbook's XML parts into,
// by the part's root element, for readers that check a part the way
// encoding/xml would decode it without decoding it (govreport's fast
// reader).
func PartTypes() map[string]reflect.Type {
	return map[string]reflect.Type{
		"worksheet":     reflect.TypeFor[xlsxWorksheet](),
		"workbook":      reflect.TypeFor[xlsxWorkbook](),
		"sst":           reflect.TypeFor[xlsxSST](),
		"styleSheet":    reflect.TypeFor[xlsxStyleSheet](),
		"theme":         reflect.TypeFor[decodeTheme](),
		"calcChain":     reflect.TypeFor[xlsxCalcChain](),
		"Types":         reflect.TypeFor[xlsxTypes](),
		"Relationships": reflect.TypeFor[xlsxRelationships](),
	}
}

// marshalStyleSheet gives xml.Marshal(s), with the fonts, fills, borders
// and cell formats (cellStyleXfs, cellXfs) written by hand: encoding/xml
// writes the style sheet without them, and they are spliced into their
// empty elements. A style sheet with a gradient fill is left to
// encoding/xml.
func marshalStyleSheet(s *xlsxStyleSheet) ([]byte, error) {
	if s.Fills != nil {
		for _, f := range s.Fills.Fill {
			if f != nil && f.GradientFill != nil {
				return xml.Marshal(s)
			}
		}
	}
	type splice struct {
		empty string
		write func(*bytes.Buffer)
	}
	var (
		splices []splice
		restore []func()
	)
	empty := func(name string, count int) string {
		return "<" + name + ` count="` + strconv.Itoa(count) + `"></` + name + ">"
	}
	if fonts := s.Fonts; fonts != nil && len(fonts.Font) > 0 {
		s.Fonts = &xlsxFonts{Count: fonts.Count}
		restore = append(restore, func() { s.Fonts = fonts })
		splices = append(splices, splice{empty("fonts", fonts.Count), func(b *bytes.Buffer) {
			for _, f := range fonts.Font {
				encodeFont(b, f)
			}
		}})
	}
	if fills := s.Fills; fills != nil && len(fills.Fill) > 0 {
		s.Fills = &xlsxFills{Count: fills.Count}
		restore = append(restore, func() { s.Fills = fills })
		splices = append(splices, splice{empty("fills", fills.Count), func(b *bytes.Buffer) {
			for _, f := range fills.Fill {
				encodeFill(b, f)
			}
		}})
	}
	if borders := s.Borders; borders != nil && len(borders.Border) > 0 {
		s.Borders = &xlsxBorders{Count: borders.Count}
		restore = append(restore, func() { s.Borders = borders })
		splices = append(splices, splice{empty("borders", borders.Count), func(b *bytes.Buffer) {
			for _, br := range borders.Border {
				encodeBorder(b, br)
			}
		}})
	}
	if xfs := s.CellStyleXfs; xfs != nil && len(xfs.Xf) > 0 {
		s.CellStyleXfs = &xlsxCellStyleXfs{Count: xfs.Count}
		restore = append(restore, func() { s.CellStyleXfs = xfs })
		splices = append(splices, splice{empty("cellStyleXfs", xfs.Count), func(b *bytes.Buffer) {
			for i := range xfs.Xf {
				encodeXf(b, &xfs.Xf[i])
			}
		}})
	}
	if xfs := s.CellXfs; xfs != nil && len(xfs.Xf) > 0 {
		s.CellXfs = &xlsxCellXfs{Count: xfs.Count}
		restore = append(restore, func() { s.CellXfs = xfs })
		splices = append(splices, splice{empty("cellXfs", xfs.Count), func(b *bytes.Buffer) {
			for i := range xfs.Xf {
				encodeXf(b, &xfs.Xf[i])
			}
		}})
	}
	out, err := xml.Marshal(s)
	for _, r := range restore {
		r()
	}
	if err != nil || len(splices) == 0 {
		return out, err
	}
	// What precedes each empty element holds no '<' but its own tags
	// (attribute values are escaped), so the first match is the element.
	var buf bytes.Buffer
	buf.Grow(len(out) + 4096)
	at := 0
	for _, sp := range splices {
		i := bytes.Index(out[at:], []byte(sp.empty))
		if i < 0 { // cannot happen: the elements come in this order
			return xml.Marshal(s)
		}
		open := strings.IndexByte(sp.empty, '>') + 1
		buf.Write(out[at : at+i+open])
		sp.write(&buf)
		at += i + open
	}
	buf.Write(out[at:])
	return buf.Bytes(), nil
}

func writeIntAttr(buf *bytes.Buffer, name string, v int64) {
	buf.Write(appendIntAttr(buf.AvailableBuffer(), name, v))
}

// appendIntAttr is writeIntAttr appending to b.
func appendIntAttr(b []byte, name string, v int64) []byte {
	b = append(b, ' ')
	b = append(b, name...)
	b = append(b, `="`...)
	b = strconv.AppendInt(b, v, 10)
	return append(b, '"')
}

func writeFloatAttr(buf *bytes.Buffer, name string, v float64) {
	b := buf.AvailableBuffer()
	b = append(b, ' ')
	b = append(b, name...)
	b = append(b, `="`...)
	b = strconv.AppendFloat(b, v, 'g', -1, 64)
	buf.Write(append(b, '"'))
}

// writeBoolPtrAttr writes a *bool attribute without omitempty.
func writeBoolPtrAttr(buf *bytes.Buffer, name string, v *bool) {
	if v != nil {
		buf.WriteByte(' ')
		buf.WriteString(name)
		if *v {
			buf.WriteString(`="true"`)
		} else {
			buf.WriteString(`="false"`)
		}
	}
}

// writeIntPtrAttr writes a *int attribute without omitempty.
func writeIntPtrAttr(buf *bytes.Buffer, name string, v *int) {
	if v != nil {
		writeIntAttr(buf, name, int64(*v))
	}
}

func endEmpty(buf *bytes.Buffer, name string) {
	buf.WriteString("></")
	buf.WriteString(name)
	buf.WriteByte('>')
}

func encodeValString(buf *bytes.Buffer, name string, v *attrValString) {
	if v != nil {
		buf.WriteByte('<')
		buf.WriteString(name)
		if v.Val != nil {
			writeAttr(buf, "val", *v.Val)
		}
		endEmpty(buf, name)
	}
}

func encodeValInt(buf *bytes.Buffer, name string, v *attrValInt) {
	if v != nil {
		buf.WriteByte('<')
		buf.WriteString(name)
		writeIntPtrAttr(buf, "val", v.Val)
		endEmpty(buf, name)
	}
}

// encodeValBool writes what attrValBool.MarshalXML writes: val="1" or
// val="0" (also without a value).
func encodeValBool(buf *bytes.Buffer, name string, v *attrValBool) {
	if v != nil {
		buf.WriteByte('<')
		buf.WriteString(name)
		if v.Val != nil && *v.Val {
			buf.WriteString(` val="1"`)
		} else {
			buf.WriteString(` val="0"`)
		}
		endEmpty(buf, name)
	}
}

func encodeValFloat(buf *bytes.Buffer, name string, v *attrValFloat) {
	if v != nil {
		buf.WriteByte('<')
		buf.WriteString(name)
		if v.Val != nil {
			writeFloatAttr(buf, "val", *v.Val)
		}
		endEmpty(buf, name)
	}
}

func encodeColor(buf *bytes.Buffer, name string, c *xlsxColor) {
	if c == nil {
		return
	}
	buf.WriteByte('<')
	buf.WriteString(name)
	writeBoolAttr(buf, "auto", c.Auto)
	if c.RGB != "" {
		writeAttr(buf, "rgb", c.RGB)
	}
	if c.Indexed != 0 {
		writeIntAttr(buf, "indexed", int64(c.Indexed))
	}
	writeIntPtrAttr(buf, "theme", c.Theme)
	if c.Tint != 0 {
		writeFloatAttr(buf, "tint", c.Tint)
	}
	endEmpty(buf, name)
}

func encodeFont(buf *bytes.Buffer, f *xlsxFont) {
	if f == nil {
		return
	}
	buf.WriteString("<font>")
	encodeValString(buf, "name", f.Name)
	encodeValInt(buf, "charset", f.Charset)
	encodeValInt(buf, "family", f.Family)
	encodeValBool(buf, "b", f.B)
	encodeValBool(buf, "i", f.I)
	encodeValBool(buf, "strike", f.Strike)
	encodeValBool(buf, "outline", f.Outline)
	encodeValBool(buf, "shadow", f.Shadow)
	encodeValBool(buf, "condense", f.Condense)
	encodeValBool(buf, "extend", f.Extend)
	encodeColor(buf, "color", f.Color)
	encodeValFloat(buf, "sz", f.Sz)
	encodeValString(buf, "u", f.U)
	encodeValString(buf, "vertAlign", f.VertAlign)
	encodeValString(buf, "scheme", f.Scheme)
	buf.WriteString("</font>")
}

// encodeFill writes a fill without a gradient (marshalStyleSheet leaves
// those to encoding/xml).
func encodeFill(buf *bytes.Buffer, f *xlsxFill) {
	if f == nil {
		return
	}
	buf.WriteString("<fill>")
	if p := f.PatternFill; p != nil {
		buf.WriteString("<patternFill")
		if p.PatternType != "" {
			writeAttr(buf, "patternType", p.PatternType)
		}
		buf.WriteByte('>')
		encodeColor(buf, "fgColor", p.FgColor)
		encodeColor(buf, "bgColor", p.BgColor)
		buf.WriteString("</patternFill>")
	}
	buf.WriteString("</fill>")
}

func encodeLine(buf *bytes.Buffer, name string, l *xlsxLine) {
	if l == nil {
		return
	}
	buf.WriteByte('<')
	buf.WriteString(name)
	if l.Style != "" {
		writeAttr(buf, "style", l.Style)
	}
	buf.WriteByte('>')
	encodeColor(buf, "color", l.Color)
	buf.WriteString("</")
	buf.WriteString(name)
	buf.WriteByte('>')
}

func encodeBorder(buf *bytes.Buffer, b *xlsxBorder) {
	if b == nil {
		return
	}
	buf.WriteString("<border")
	writeBoolAttr(buf, "diagonalDown", b.DiagonalDown)
	writeBoolAttr(buf, "diagonalUp", b.DiagonalUp)
	writeBoolAttr(buf, "outline", b.Outline)
	buf.WriteByte('>')
	encodeLine(buf, "left", b.Left)
	encodeLine(buf, "right", b.Right)
	encodeLine(buf, "top", b.Top)
	encodeLine(buf, "bottom", b.Bottom)
	encodeLine(buf, "diagonal", b.Diagonal)
	encodeLine(buf, "vertical", b.Vertical)
	encodeLine(buf, "horizontal", b.Horizontal)
	buf.WriteString("</border>")
}

func encodeXf(buf *bytes.Buffer, xf *xlsxXf) {
	buf.WriteString("<xf")
	writeIntPtrAttr(buf, "numFmtId", xf.NumFmtID)
	writeIntPtrAttr(buf, "fontId", xf.FontID)
	writeIntPtrAttr(buf, "fillId", xf.FillID)
	writeIntPtrAttr(buf, "borderId", xf.BorderID)
	writeIntPtrAttr(buf, "xfId", xf.XfID)
	writeBoolPtrAttr(buf, "quotePrefix", xf.QuotePrefix)
	writeBoolPtrAttr(buf, "pivotButton", xf.PivotButton)
	writeBoolPtrAttr(buf, "applyNumberFormat", xf.ApplyNumberFormat)
	writeBoolPtrAttr(buf, "applyFont", xf.ApplyFont)
	writeBoolPtrAttr(buf, "applyFill", xf.ApplyFill)
	writeBoolPtrAttr(buf, "applyBorder", xf.ApplyBorder)
	writeBoolPtrAttr(buf, "applyAlignment", xf.ApplyAlignment)
	writeBoolPtrAttr(buf, "applyProtection", xf.ApplyProtection)
	buf.WriteByte('>')
	if a := xf.Alignment; a != nil {
		buf.WriteString("<alignment")
		if a.Horizontal != "" {
			writeAttr(buf, "horizontal", a.Horizontal)
		}
		if a.Indent != 0 {
			writeIntAttr(buf, "indent", int64(a.Indent))
		}
		writeBoolAttr(buf, "justifyLastLine", a.JustifyLastLine)
		if a.ReadingOrder != 0 {
			var num [24]byte
			buf.WriteString(` readingOrder="`)
			buf.Write(strconv.AppendUint(num[:0], a.ReadingOrder, 10))
			buf.WriteByte('"')
		}
		if a.RelativeIndent != 0 {
			writeIntAttr(buf, "relativeIndent", int64(a.RelativeIndent))
		}
		writeBoolAttr(buf, "shrinkToFit", a.ShrinkToFit)
		if a.TextRotation != 0 {
			writeIntAttr(buf, "textRotation", int64(a.TextRotation))
		}
		if a.Vertical != "" {
			writeAttr(buf, "vertical", a.Vertical)
		}
		writeBoolAttr(buf, "wrapText", a.WrapText)
		endEmpty(buf, "alignment")
	}
	if p := xf.Protection; p != nil {
		buf.WriteString("<protection")
		writeBoolPtrAttr(buf, "hidden", p.Hidden)
		writeBoolPtrAttr(buf, "locked", p.Locked)
		endEmpty(buf, "protection")
	}
	buf.WriteString("</xf>")
}

// templateDecodings are the decodings of the template parts NewFile stores
// and decodes for every new file: both relationships parts, the workbook
// and the first worksheet, and the core properties SetDocProps decodes.
// Readers that find exactly a template's bytes take a copy
// (templateRelsCopy, templateWorkbookCopy, templateSheetCopy,
// templateCoreCopy) instead of decoding them again.
type templateDecodings struct {
	rels     map[string]*xlsxRelationships // by the part's bytes
	workbook *xlsxWorkbook
	sheet    *xlsxWorksheet
	core     *decodeCoreProperties
}

var templateDecoded = sync.OnceValue(func() *templateDecodings {
	t := &templateDecodings{rels: map[string]*xlsxRelationships{}}
	f := newFile()
	decode := func(data string, v interface{}) bool {
		err := f.xmlNewDecoder(bytes.NewReader(namespaceStrictToTransitional([]byte(data)))).Decode(v)
		return err == nil || err == io.EOF
	}
	for _, data := range []string{xml.Header + templateRels, xml.Header + templateWorkbookRels} {
		if c := new(xlsxRelationships); decode(data, c) {
			t.rels[data] = c
		}
	}
	if wb := new(xlsxWorkbook); decode(xml.Header+templateWorkbook, wb) {
		t.workbook = wb
	}
	if ws := new(xlsxWorksheet); decode(xml.Header+templateSheet, ws) {
		t.sheet = ws
	}
	if core := new(decodeCoreProperties); decode(xml.Header+templateDocpropsCore, core) {
		t.core = core
	}
	return t
})

// templateRelsCopy is a copy of the decoding of data if data are the bytes of
// one of the template's relationships parts, or nil.
func templateRelsCopy(data []byte) *xlsxRelationships {
	if len(data) != len(xml.Header+templateRels) && len(data) != len(xml.Header+templateWorkbookRels) {
		return nil
	}
	t, ok := templateDecoded().rels[string(data)]
	if !ok {
		return nil
	}
	return &xlsxRelationships{XMLName: t.XMLName, Relationships: slices.Clone(t.Relationships)}
}

// templateWorkbookCopy is a copy of the decoding of data if data are the
// template workbook's bytes, or nil.
func templateWorkbookCopy(data []byte) *xlsxWorkbook {
	if t := templateDecoded().workbook; t != nil && string(data) == xml.Header+templateWorkbook {
		c := new(xlsxWorkbook)
		if deepcopy.Copy(c, t) == nil {
			return c
		}
	}
	return nil
}

// templateSheetCopy is a copy of the decoding of data if data are the
// template worksheet's bytes, or nil.
func templateSheetCopy(data []byte) *xlsxWorksheet {
	if t := templateDecoded().sheet; t != nil && string(data) == xml.Header+templateSheet {
		c := new(xlsxWorksheet)
		if deepcopy.Copy(c, t) == nil {
			return c
		}
	}
	return nil
}

// borderEqual is reflect.DeepEqual(*a, *b) for borders, written out (it
// was a tenth of the time of creating a style), pointers equal to
// themselves as DeepEqual takes them; a nil border equals only a nil one.
func borderEqual(a, b *xlsxBorder) bool {
	if a == b || a == nil || b == nil {
		return a == b
	}
	return a.DiagonalDown == b.DiagonalDown && a.DiagonalUp == b.DiagonalUp && a.Outline == b.Outline &&
		lineEqual(a.Left, b.Left) && lineEqual(a.Right, b.Right) && lineEqual(a.Top, b.Top) &&
		lineEqual(a.Bottom, b.Bottom) && lineEqual(a.Diagonal, b.Diagonal) && lineEqual(a.Vertical, b.Vertical) &&
		lineEqual(a.Horizontal, b.Horizontal)
}

func lineEqual(a, b *xlsxLine) bool {
	if a == b || a == nil || b == nil {
		return a == b
	}
	return a.Style == b.Style && colorEqual(a.Color, b.Color)
}

func colorEqual(a, b *xlsxColor) bool {
	if a == b || a == nil || b == nil {
		return a == b
	}
	return a.Auto == b.Auto && a.RGB == b.RGB && a.Indexed == b.Indexed && a.Tint == b.Tint &&
		(a.Theme == b.Theme || a.Theme != nil && b.Theme != nil && *a.Theme == *b.Theme)
}

// fontEqual is reflect.DeepEqual(*a, *b) for fonts, written out.
func fontEqual(a, b *xlsxFont) bool {
	if a == b || a == nil || b == nil {
		return a == b
	}
	valString := func(x, y *attrValString) bool {
		if x == y || x == nil || y == nil {
			return x == y
		}
		return x.Val == y.Val || x.Val != nil && y.Val != nil && *x.Val == *y.Val
	}
	valInt := func(x, y *attrValInt) bool {
		if x == y || x == nil || y == nil {
			return x == y
		}
		return x.Val == y.Val || x.Val != nil && y.Val != nil && *x.Val == *y.Val
	}
	valBool := func(x, y *attrValBool) bool {
		if x == y || x == nil || y == nil {
			return x == y
		}
		return x.Val == y.Val || x.Val != nil && y.Val != nil && *x.Val == *y.Val
	}
	valFloat := func(x, y *attrValFloat) bool {
		if x == y || x == nil || y == nil {
			return x == y
		}
		return x.Val == y.Val || x.Val != nil && y.Val != nil && *x.Val == *y.Val
	}
	return valString(a.Name, b.Name) && valInt(a.Charset, b.Charset) && valInt(a.Family, b.Family) &&
		valBool(a.B, b.B) && valBool(a.I, b.I) && valBool(a.Strike, b.Strike) && valBool(a.Outline, b.Outline) &&
		valBool(a.Shadow, b.Shadow) && valBool(a.Condense, b.Condense) && valBool(a.Extend, b.Extend) &&
		colorEqual(a.Color, b.Color) && valFloat(a.Sz, b.Sz) && valString(a.U, b.U) &&
		valString(a.VertAlign, b.VertAlign) && valString(a.Scheme, b.Scheme)
}

// spliceChildren gives what encoding/xml writes for an element whose
// children are all left out by marshalEmpty, with children written by
// writeChildren inserted before its end tag.
func spliceChildren(marshalEmpty func() ([]byte, error), end string, writeChildren func(*bytes.Buffer)) ([]byte, bool) {
	out, err := marshalEmpty()
	if err != nil || !bytes.HasSuffix(out, []byte(end)) {
		return nil, false
	}
	var buf bytes.Buffer
	buf.Grow(2 * len(out))
	buf.Write(out[:len(out)-len(end)])
	writeChildren(&buf)
	buf.WriteString(end)
	return buf.Bytes(), true
}

// marshalRelationships gives xml.Marshal(rels), the relationships written
// by hand.
func marshalRelationships(rels *xlsxRelationships) ([]byte, error) {
	list := rels.Relationships
	if len(list) == 0 || rels.XMLName.Local != "" && rels.XMLName.Local != "Relationships" {
		return xml.Marshal(rels)
	}
	out, ok := spliceChildren(func() ([]byte, error) {
		rels.Relationships = nil
		defer func() { rels.Relationships = list }()
		return xml.Marshal(rels)
	}, "</Relationships>", func(buf *bytes.Buffer) {
		for i := range list {
			r := &list[i]
			buf.WriteString("<Relationship")
			writeAttr(buf, "Id", r.ID)
			writeAttr(buf, "Target", r.Target)
			writeAttr(buf, "Type", r.Type)
			if r.TargetMode != "" {
				writeAttr(buf, "TargetMode", r.TargetMode)
			}
			buf.WriteString("></Relationship>")
		}
	})
	if !ok {
		return xml.Marshal(rels)
	}
	return out, nil
}

// marshalContentTypes gives xml.Marshal(types), the defaults and overrides
// written by hand.
func marshalContentTypes(types *xlsxTypes) ([]byte, error) {
	defaults, overrides := types.Defaults, types.Overrides
	if len(defaults)+len(overrides) == 0 || types.XMLName.Local != "" && types.XMLName.Local != "Types" {
		return xml.Marshal(types)
	}
	out, ok := spliceChildren(func() ([]byte, error) {
		types.Defaults, types.Overrides = nil, nil
		defer func() { types.Defaults, types.Overrides = defaults, overrides }()
		return xml.Marshal(types)
	}, "</Types>", func(buf *bytes.Buffer) {
		for i := range defaults {
			buf.WriteString("<Default")
			writeAttr(buf, "Extension", defaults[i].Extension)
			writeAttr(buf, "ContentType", defaults[i].ContentType)
			buf.WriteString("></Default>")
		}
		for i := range overrides {
			buf.WriteString("<Override")
			writeAttr(buf, "PartName", overrides[i].PartName)
			writeAttr(buf, "ContentType", overrides[i].ContentType)
			buf.WriteString("></Override>")
		}
	})
	if !ok {
		return xml.Marshal(types)
	}
	return out, nil
}

// templateCoreCopy is a copy of the decoding of data if data are the
// template core properties' bytes, or nil.
func templateCoreCopy(data []byte) *decodeCoreProperties {
	t := templateDecoded().core
	if t == nil || string(data) != xml.Header+templateDocpropsCore {
		return nil
	}
	c := *t
	if t.Created != nil {
		created := *t.Created
		c.Created = &created
	}
	if t.Modified != nil {
		modified := *t.Modified
		c.Modified = &modified
	}
	return &c
}

// fillCellNames returns CoordinatesToCellName's names of the cells from
// column c0 to c1 of row, built in one allocation (shared by the names),
// or false when the range is not inside the sheet or holds one cell.
func fillCellNames(c0, c1, row int) ([]string, bool) {
	if c0 < 1 || c1 > MaxColumns || c1-c0 < 1 || row < 1 || row > TotalRows {
		return nil, false
	}
	var rb [8]byte
	rs := strconv.AppendInt(rb[:0], int64(row), 10)
	buf := make([]byte, 0, (c1-c0+1)*(3+len(rs)))
	for c := c0; c <= c1; c++ {
		buf = appendColumnName(buf, c)
		buf = append(buf, rs...)
	}
	all := string(buf)
	names := make([]string, 0, c1-c0+1)
	at := 0
	for c := c0; c <= c1; c++ {
		n := columnNameLen(c) + len(rs)
		names = append(names, all[at:at+n])
		at += n
	}
	return names, true
}

// columnNameLen is the length of the name of column c (1 to MaxColumns).
func columnNameLen(c int) int {
	switch {
	case c <= 26:
		return 1
	case c <= 26*27:
		return 2
	}
	return 3
}

// appendColumnName appends the name of column c (1 to MaxColumns).
func appendColumnName(b []byte, c int) []byte {
	var name [3]byte
	i := len(name)
	for c > 0 {
		i--
		name[i] = byte((c-1)%26 + 'A')
		c = (c - 1) / 26
	}
	return append(b, name[i:]...)
}

// xfAlignmentMatches is getXfIDFuncs["alignment"] for a style whose
// newAlignment is want (nil: a style without an alignment), with
// reflect.DeepEqual written out (xlsxAlignment's fields are all
// comparable).
func xfAlignmentMatches(xf *xlsxXf, want *xlsxAlignment) bool {
	if want == nil {
		return xf.ApplyAlignment == nil || !*xf.ApplyAlignment
	}
	return xf.Alignment != nil && *xf.Alignment == *want
}

// xfProtectionMatches is getXfIDFuncs["protection"] for a style whose
// newProtection is want (nil: a style without a protection), with
// reflect.DeepEqual written out.
func xfProtectionMatches(xf *xlsxXf, want *xlsxProtection) bool {
	if want == nil {
		return xf.ApplyProtection == nil || !*xf.ApplyProtection
	}
	p := xf.Protection
	return p != nil && boolPtrEqual(p.Hidden, want.Hidden) && boolPtrEqual(p.Locked, want.Locked) &&
		xf.ApplyProtection != nil && *xf.ApplyProtection
}

// boolPtrEqual is reflect.DeepEqual of two *bool.
func boolPtrEqual(a, b *bool) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

// checkDefinedNameASCII is checkDefinedName for a name of at most
// MaxFieldLength bytes, as long as they are ASCII; ok is false when it
// meets a byte beyond ASCII before a verdict (or the name is longer).
func checkDefinedNameASCII(name string) (err error, ok bool) {
	if len(name) > MaxFieldLength {
		return nil, false
	}
	ascii := definedNameASCII()
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c >= 0x80 {
			return nil, false
		}
		bit := byte(2)
		if i == 0 {
			bit = 1
		}
		if ascii[c]&bit == 0 {
			return newInvalidNameError(name), true
		}
	}
	return nil, true
}
