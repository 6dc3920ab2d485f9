package xlsx

// Reader: the fast path. openFast reads the workbook's structure, shared
// strings and worksheets with the tokenizer of read_xml.go into a table of
// cells per sheet, and answers source's questions from it. It returns nil
// for any workbook it cannot read exactly as excelize would — cells or
// rows without a reference or out of order, shared or array formulas,
// overlapping or unusual merges, escaped characters in strings (_x000D_),
// sheets that are not plain worksheets, strict OOXML, anything the
// tokenizer refuses, any attribute or text excelize's decoding would not
// parse (read_schema.go) — and the reader then uses excelize for the whole
// workbook. Formulas without a cached result are computed by calcSimple
// when they are plain arithmetic on numbers, else by excelize, opened
// then.

import (
	"bytes"
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/xuri/excelize/v2"
)

const (
	nsMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	nsRel  = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPkg  = "http://schemas.openxmlformats.org/package/2006/relationships"
	relDoc = nsRel + "/officeDocument"
	relWS  = nsRel + "/worksheet"
)

type fastCell struct {
	col  int // 1-based
	t    string
	v    string
	f    string
	hasF bool
	is   string // inline string text
	hasI bool
}

type fastRow struct {
	r     int // 1-based
	cells []fastCell
}

type fastSheet struct {
	rows   []fastRow
	merges []excelize.MergeCell
	rects  [][4]int // col0, row0, col1, row1 (1-based), per merge
}

type fastBook struct {
	raw    []byte
	sheets []string
	names  []excelize.DefinedName
	ws     map[string]*fastSheet
	sst    []string
	slow   *slowBook
	err    error // opening excelize for Calc failed
}

// openFast reads parts (every XML part of the workbook, inflated by
// screen); nil means: use excelize.
func openFast(raw []byte, parts map[string][]byte) *fastBook {
	fb := &fastBook{raw: raw, ws: map[string]*fastSheet{}}
	// Parts excelize parses when it opens a workbook or reads a cell: they
	// be such that excelize decodes them, or excelize has its say.
	for _, p := range [...]struct{ name, root string }{
		{"xl/styles.xml", "styleSheet"}, {"xl/theme/theme1.xml", "theme"}, {"xl/calcChain.xml", "calcChain"}, {"[Content_Types].xml", "Types"},
	} {
		if data, ok := parts[p.name]; ok && !acceptedParts.valid(data, p.root) {
			return fastFail(1)
		}
	}
	docRels, ok := readRels(parts["_rels/.rels"])
	if !ok {
		return fastFail(2)
	}
	wbPath := ""
	for _, r := range docRels {
		if r.typ == relDoc {
			wbPath = strings.TrimPrefix(r.target, "/")
			break
		}
	}
	if wbPath != "xl/workbook.xml" {
		return fastFail(3)
	}
	wbRels, ok := readRels(parts["xl/_rels/workbook.xml.rels"])
	if !ok {
		return fastFail(4)
	}
	wb, ok := readWorkbook(parts["xl/workbook.xml"])
	if !ok {
		return fastFail(5)
	}
	refs, localIDs := wb.refs, wb.localIDs
	fb.names = wb.names
	seen := map[string]bool{}
	for _, r := range refs {
		key := strings.ToLower(r.name)
		if seen[key] || checkSheetName(r.name) != nil {
			return fastFail(10)
		}
		seen[key] = true
		fb.sheets = append(fb.sheets, r.name)
	}
	for i, lid := range localIDs {
		if lid != nil && *lid >= 0 {
			fb.names[i].Scope = ""
			if *lid < len(fb.sheets) {
				fb.names[i].Scope = fb.sheets[*lid]
			}
		}
	}
	if data, ok := parts["xl/sharedStrings.xml"]; ok {
		if fb.sst, ok = readSST(data); !ok {
			return fastFail(11)
		}
	}
	for _, r := range refs {
		target := ""
		for _, rel := range wbRels {
			if rel.id == r.id {
				target = rel.target
				if rel.typ != relWS {
					return fastFail(12)
				}
			}
		}
		p := path.Clean("xl/" + target)
		if strings.HasPrefix(target, "/") {
			p = strings.TrimPrefix(path.Clean(target), "/")
		}
		data, ok := parts[p]
		if target == "" || !ok || !strings.HasPrefix(p, "xl/worksheets/") {
			return fastFail(13)
		}
		ws, ok := readSheet(data)
		if !ok {
			return fastFail(14)
		}
		fb.ws[r.name] = ws
	}
	return fb
}

// partMemo remembers, per root element, the last part validPart accepted:
// the same bytes get the same verdict (validPart depends on nothing
// else), and the parts checked only for excelize's sake — styles, theme,
// calculation chain, content types — are mostly the same from workbook to
// workbook (a writer's theme, a template's styles). Safe for concurrent
// use.
type partMemo struct {
	mu   sync.Mutex
	last map[string][]byte
}

var acceptedParts partMemo

// partMemoMax bounds the parts a partMemo keeps.
const partMemoMax = 256 << 10

// valid is validPart(data, root).
func (m *partMemo) valid(data []byte, root string) bool {
	m.mu.Lock()
	last, ok := m.last[root]
	m.mu.Unlock()
	if ok && bytes.Equal(last, data) {
		return true
	}
	if !validPart(data, root) {
		return false
	}
	if len(data) <= partMemoMax {
		m.mu.Lock()
		if m.last == nil {
			m.last = map[string][]byte{}
		}
		m.last[root] = bytes.Clone(data)
		m.mu.Unlock()
	}
	return true
}

// fastFail gives up on the fast path; why numbers the place, for tests.
func fastFail(why int) *fastBook {
	if fastGaveUp != nil {
		fastGaveUp(why)
	}
	return nil
}

var fastGaveUp func(why int)

// checkSheetName is excelize's test of a sheet name, with its errors: a
// name it refuses makes every access to the sheet fail.
func checkSheetName(name string) error {
	n := 0
	for _, r := range name {
		n++
		if r >= 0x10000 {
			n++
		}
	}
	switch {
	case name == "":
		return excelize.ErrSheetNameBlank
	case n > excelize.MaxSheetNameLength:
		return excelize.ErrSheetNameLength
	case strings.HasPrefix(name, "'") || strings.HasSuffix(name, "'"):
		return excelize.ErrSheetNameSingleQuote
	case strings.ContainsAny(name, ":\\/?*[]"):
		return excelize.ErrSheetNameInvalid
	}
	return nil
}

// first reads up to the root element's start tag.
func (t *xtok) first() bool {
	for t.next() {
		if t.kind == tokStart {
			return true
		}
	}
	return false
}

func rootIs(t *xtok, name string) bool {
	if t.kind != tokStart || string(t.full) != name {
		return false
	}
	ns, _ := t.attrFull("xmlns")
	want := nsMain
	if name == "Relationships" {
		want = nsPkg
	}
	return ns == want
}

type rel struct{ id, typ, target string }

// readRels reads a relationships part, checking it against excelize's
// type in the same pass.
func readRels(data []byte) ([]rel, bool) {
	if data == nil {
		return nil, false
	}
	t := newXtok(data)
	if !t.first() || !rootIs(t, "Relationships") {
		return nil, false
	}
	var out []rel
	ok := walkRoot(t, "Relationships", func(k *xnode) (bool, bool) {
		if string(t.name) != "Relationship" {
			return false, false
		}
		id, _ := t.attr("Id")
		typ, _ := t.attr("Type")
		target, _ := t.attr("Target")
		out = append(out, rel{id, typ, target})
		return false, false // the schema checks and consumes it
	})
	return out, ok
}

type sheetRef struct{ name, id string }

// workbookPart is what the fast path takes from xl/workbook.xml: the
// sheets in order and the defined names (Scope "Workbook" until the
// local sheet ids are resolved).
type workbookPart struct {
	refs     []sheetRef
	names    []excelize.DefinedName
	localIDs []*int
}

// readWorkbook reads xl/workbook.xml, checking it against excelize's type
// in the same pass.
func readWorkbook(data []byte) (*workbookPart, bool) {
	t := newXtok(data)
	if !t.first() || !rootIs(t, "workbook") {
		return nil, false
	}
	rPrefix := ""
	for _, a := range t.attrs {
		if strings.HasPrefix(string(a.full), "xmlns:") && string(a.val) == nsRel {
			rPrefix = string(a.full[len("xmlns:"):])
		}
	}
	wb := &workbookPart{}
	list := func(item string, read func(k *xnode) bool) func(k *xnode) (bool, bool) {
		return func(k *xnode) (bool, bool) {
			if k == nil {
				k = &xnode{}
			}
			return true, k.walkKids(t, func(k *xnode) (bool, bool) {
				if string(t.name) != item {
					return false, false
				}
				return true, read(k)
			})
		}
	}
	sheets := list("sheet", func(k *xnode) bool {
		name, _ := t.attr("name")
		id, ok := t.attrFull(rPrefix + ":id")
		if rPrefix == "" || !ok {
			return false
		}
		wb.refs = append(wb.refs, sheetRef{name, id})
		if k == nil {
			t.skip()
			return true
		}
		return k.walk(t)
	})
	names := list("definedName", func(k *xnode) bool {
		if k != nil && (k.ns != "" || !k.attrsOK(t)) {
			return false
		}
		name, _ := t.attr("name")
		comment, _ := t.attr("comment")
		var lid *int
		if s, ok := t.attr("localSheetId"); ok {
			n, err := strconv.Atoi(strings.TrimSpace(s))
			if err != nil {
				return false
			}
			lid = &n
		}
		data, ok := t.content()
		if !ok || k != nil && !k.text.ok(crlf(data)) {
			return false
		}
		wb.names = append(wb.names, excelize.DefinedName{Name: name, Comment: comment, RefersTo: data, Scope: "Workbook"})
		wb.localIDs = append(wb.localIDs, lid)
		return true
	})
	ok := walkRoot(t, "workbook", func(k *xnode) (bool, bool) {
		switch string(t.name) {
		case "sheets":
			return sheets(k)
		case "definedNames":
			return names(k)
		}
		return false, false
	})
	return wb, ok
}

// readSI reads the text of an <si> or <is> element just started, as
// excelize's xlsxSI.String gives it; n is the element's schema.
func readSI(t *xtok, n *xnode) (string, bool) {
	if !n.attrsOK(t) {
		return "", false
	}
	if t.empty {
		return "", true
	}
	depth := len(t.stack)
	var b strings.Builder
	haveT := false
	for t.next() {
		switch t.kind {
		case tokEnd:
			if len(t.stack) < depth {
				s := b.String()
				if strings.Contains(s, "_x") {
					return "", false // excelize decodes _xHHHH_
				}
				return s, true
			}
		case tokStart:
			switch string(t.name) {
			case "t":
				if haveT || len(t.stack) != depth+1 && !(t.empty && len(t.stack) == depth) || !n.child(t.name).attrsOK(t) {
					return "", false
				}
				haveT = true
				s, ok := t.content()
				if !ok {
					return "", false
				}
				b.WriteString(s)
			case "r":
				rt := false
				rn := n.child(t.name)
				if !rn.attrsOK(t) {
					return "", false
				}
				if t.empty {
					continue
				}
				rd := len(t.stack)
				for t.next() {
					if t.kind == tokEnd && len(t.stack) < rd {
						break
					}
					if t.kind != tokStart {
						continue
					}
					if string(t.name) == "t" && len(t.stack) == rd+1 || string(t.name) == "t" && t.empty && len(t.stack) == rd {
						if rt || !rn.child(t.name).attrsOK(t) {
							return "", false
						}
						rt = true
						s, ok := t.content()
						if !ok {
							return "", false
						}
						b.WriteString(s)
						continue
					}
					if !rn.walkChild(t) {
						return "", false
					}
				}
			default:
				if !n.walkChild(t) {
					return "", false
				}
			}
		}
	}
	return "", false
}

// readSST reads xl/sharedStrings.xml.
func readSST(data []byte) ([]string, bool) {
	t := newXtok(data)
	root := schemas()["sst"]
	if !t.first() || !rootIs(t, "sst") || !root.attrsOK(t) {
		return nil, false
	}
	var out []string
	for t.next() {
		if t.kind != tokStart {
			continue
		}
		if string(t.name) == "si" && len(t.stack) <= 2 {
			s, ok := readSI(t, root.child(t.name))
			if !ok {
				return nil, false
			}
			out = append(out, s)
			continue
		}
		if !root.walkChild(t) {
			return nil, false
		}
	}
	return out, !t.bad
}

// readSheet reads a worksheet's cells and merges.
func readSheet(data []byte) (*fastSheet, bool) {
	t := newXtok(data)
	root := schemas()["worksheet"]
	if !t.first() || !rootIs(t, "worksheet") || t.empty || !root.attrsOK(t) {
		return nil, false
	}
	ws := &fastSheet{}
	sawData, sawMerges := false, false
	for t.next() {
		if t.kind != tokStart {
			continue
		}
		switch string(t.name) {
		case "sheetData":
			if sawData {
				return nil, false
			}
			sawData = true
			if !readSheetData(t, ws, root.child(t.name)) {
				return nil, false
			}
		case "mergeCells":
			if sawMerges {
				return nil, false
			}
			sawMerges = true
			if !readMerges(t, ws, root.child(t.name)) {
				return nil, false
			}
		default:
			if !root.walkChild(t) {
				return nil, false
			}
		}
	}
	return ws, !t.bad && t.root
}

func readSheetData(t *xtok, ws *fastSheet, n *xnode) bool {
	if !n.attrsOK(t) {
		return false
	}
	return t.children(func() bool {
		if string(t.name) != "row" {
			return n.walkChild(t)
		}
		rn := n.child(t.name)
		if !rn.attrsOK(t) {
			return false
		}
		rs, ok := t.attr("r")
		r, err := strconv.Atoi(rs)
		if !ok || err != nil || r < 1 || r > MaxRows || strconv.Itoa(r) != rs {
			return false
		}
		if n := len(ws.rows); n > 0 && ws.rows[n-1].r >= r {
			return false
		}
		row := fastRow{r: r}
		if !readRow(t, &row, rn) {
			return false
		}
		ws.rows = append(ws.rows, row)
		return true
	})
}

func readRow(t *xtok, row *fastRow, n *xnode) bool {
	return t.children(func() bool {
		if string(t.name) != "c" {
			return n.walkChild(t)
		}
		cn := n.child(t.name)
		if !cn.attrsOK(t) {
			return false
		}
		var ref, typ []byte
		for _, a := range t.attrs {
			switch string(a.name) {
			case "r":
				ref = a.val
			case "t":
				typ = a.val
			}
		}
		col, r, ok := plainRef(ref)
		if !ok || r != row.r {
			return false
		}
		if n := len(row.cells); n > 0 && row.cells[n-1].col >= col {
			return false
		}
		c := fastCell{col: col}
		if len(typ) > 0 {
			c.t = internType(typ)
		}
		if !readCell(t, &c, cn) {
			return false
		}
		row.cells = append(row.cells, c)
		return true
	})
}

// plainRef parses a cell reference written the way excelize writes and
// compares them: upper-case letters and a row number without leading
// zeros, within the sheet's limits (no entities, no "$").
func plainRef(b []byte) (col, row int, ok bool) {
	i := 0
	for i < len(b) && b[i] >= 'A' && b[i] <= 'Z' {
		col = col*26 + int(b[i]-'A'+1)
		i++
	}
	if i == 0 || i > 3 || col > excelize.MaxColumns || i == len(b) || b[i] == '0' || len(b)-i > 7 {
		return 0, 0, false
	}
	for ; i < len(b); i++ {
		if b[i] < '0' || b[i] > '9' {
			return 0, 0, false
		}
		row = row*10 + int(b[i]-'0')
	}
	return col, row, row <= excelize.TotalRows
}

// internType returns a cell type without allocating for the usual ones.
func internType(b []byte) string {
	for _, t := range [...]string{"s", "n", "str", "b", "e", "inlineStr", "d"} {
		if string(b) == t {
			return t
		}
	}
	s, _ := xmlUnescape(b)
	return s
}

func readCell(t *xtok, c *fastCell, n *xnode) bool {
	sawV := false
	return t.children(func() bool {
		var ok bool
		switch string(t.name) {
		case "v":
			if sawV || !n.child(t.name).attrsOK(t) {
				return false
			}
			sawV = true
			c.v, ok = t.content()
		case "f":
			if c.hasF || !n.child(t.name).attrsOK(t) {
				return false
			}
			for _, a := range t.attrs {
				switch string(a.name) {
				case "t":
					if string(a.val) != "normal" {
						return false // shared, array, data-table formulas
					}
				case "ref", "si":
					return false
				}
			}
			c.hasF = true
			c.f, ok = t.content()
		case "is":
			if c.hasI {
				return false
			}
			c.hasI = true
			c.is, ok = readSI(t, n.child(t.name))
		default:
			ok = n.walkChild(t)
		}
		return ok
	})
}

func readMerges(t *xtok, ws *fastSheet, n *xnode) bool {
	if !n.attrsOK(t) {
		return false
	}
	return t.children(func() bool {
		if string(t.name) != "mergeCell" {
			return n.walkChild(t)
		}
		if !n.child(t.name).attrsOK(t) {
			return false
		}
		ref, _ := t.attr("ref")
		from, to, ok := strings.Cut(ref, ":")
		if !ok {
			return false
		}
		c0, r0, e1 := excelize.CellNameToCoordinates(from)
		c1, r1, e2 := excelize.CellNameToCoordinates(to)
		if e1 != nil || e2 != nil || c0 > c1 || r0 > r1 || cellName(r0-1, c0-1) != from || cellName(r1-1, c1-1) != to {
			return false
		}
		rc := [4]int{c0, r0, c1, r1}
		for _, o := range ws.rects {
			if rc[0] <= o[2] && o[0] <= rc[2] && rc[1] <= o[3] && o[1] <= rc[3] {
				return false // excelize merges overlapping ranges
			}
		}
		ws.rects = append(ws.rects, rc)
		ws.merges = append(ws.merges, excelize.MergeCell{ref, ""})
		t.skip()
		return true
	})
}

// ---- source ----

func (fb *fastBook) SheetList() []string                  { return fb.sheets }
func (fb *fastBook) DefinedNames() []excelize.DefinedName { return fb.names }

// find returns the cell (nil: none) that a read of sheet!cell gives, after
// the merge redirect.
func (fb *fastBook) sheetOf(sheet string) (*fastSheet, error) {
	if ws, ok := fb.ws[sheet]; ok {
		return ws, nil
	}
	if err := checkSheetName(sheet); err != nil {
		return nil, err
	}
	for s, w := range fb.ws {
		if strings.EqualFold(s, sheet) {
			return w, nil
		}
	}
	return nil, excelize.ErrSheetNotExist{SheetName: sheet}
}

func (fb *fastBook) find(sheet, cell string) (*fastCell, error) {
	ws, err := fb.sheetOf(sheet)
	if err != nil {
		return nil, err
	}
	col, row, err := excelize.CellNameToCoordinates(strings.ToUpper(cell))
	if err != nil {
		return nil, err
	}
	for _, rc := range ws.rects {
		if col >= rc[0] && col <= rc[2] && row >= rc[1] && row <= rc[3] {
			col, row = rc[0], rc[1]
			break
		}
	}
	i := sort.Search(len(ws.rows), func(i int) bool { return ws.rows[i].r >= row })
	if i == len(ws.rows) || ws.rows[i].r != row {
		return nil, nil
	}
	cs := ws.rows[i].cells
	j := sort.Search(len(cs), func(j int) bool { return cs[j].col >= col })
	if j == len(cs) || cs[j].col != col {
		return nil, nil
	}
	return &cs[j], nil
}

// valueOf is excelize's getValueFrom with raw values; strict gives the
// error of a shared string index out of range (GetCellValue), else "".
func (fb *fastBook) valueOf(c *fastCell, strict bool) (string, error) {
	switch c.t {
	case "s":
		if c.v == "" {
			return "", nil
		}
		i, _ := strconv.Atoi(strings.TrimSpace(c.v))
		if i < 0 || i >= len(fb.sst) {
			if strict {
				return "", fmt.Errorf("invalid shared string index %d", i) // excelize's words
			}
			return "", nil
		}
		return fb.sst[i], nil
	case "inlineStr":
		if c.hasI {
			return c.is, nil
		}
	}
	return c.v, nil
}

func (fb *fastBook) CellValue(sheet, cell string) (string, error) {
	c, err := fb.find(sheet, cell)
	if c == nil || err != nil {
		return "", err
	}
	return fb.valueOf(c, true)
}

func (fb *fastBook) CellFormula(sheet, cell string) (string, error) {
	c, err := fb.find(sheet, cell)
	if c == nil || err != nil {
		return "", err
	}
	return c.f, nil
}

var fastCellTypes = map[string]excelize.CellType{
	"b": excelize.CellTypeBool, "d": excelize.CellTypeDate, "n": excelize.CellTypeNumber,
	"e": excelize.CellTypeError, "s": excelize.CellTypeSharedString, "str": excelize.CellTypeFormula,
	"inlineStr": excelize.CellTypeInlineString,
}

func (fb *fastBook) CellType(sheet, cell string) (excelize.CellType, error) {
	c, err := fb.find(sheet, cell)
	if c == nil || err != nil {
		return excelize.CellTypeUnset, err
	}
	return fastCellTypes[c.t], nil
}

func (fb *fastBook) Cell(sheet, cell string) (formula, value string, typ excelize.CellType, err error) {
	c, err := fb.find(sheet, cell)
	if c == nil || err != nil {
		return "", "", excelize.CellTypeUnset, err
	}
	if value, err = fb.valueOf(c, true); err != nil {
		return c.f, "", excelize.CellTypeUnset, err
	}
	return c.f, value, fastCellTypes[c.t], nil
}

func (fb *fastBook) MergeCells(sheet string) ([]excelize.MergeCell, error) {
	ws, err := fb.sheetOf(sheet)
	if err != nil {
		return nil, err
	}
	return ws.merges, nil
}

func (fb *fastBook) Rows(sheet string, maxRows int) ([][]string, error) {
	ws, err := fb.sheetOf(sheet)
	if err != nil {
		return nil, err
	}
	var out [][]string
	for _, row := range ws.rows {
		for len(out) < row.r-1 && len(out) < maxRows {
			out = append(out, nil)
		}
		if len(out) >= maxRows {
			break
		}
		var cells []string
		for i := range row.cells {
			c := &row.cells[i]
			if val, _ := fb.valueOf(c, false); val != "" || c.hasF {
				for len(cells) < c.col-1 {
					cells = append(cells, "")
				}
				cells = append(cells, val)
			}
		}
		out = append(out, cells)
	}
	return out, nil
}

func (fb *fastBook) AllRows(sheet string) ([][]string, error) {
	rows, err := fb.Rows(sheet, MaxRows+1)
	n := len(rows)
	for n > 0 && len(rows[n-1]) == 0 {
		n--
	}
	return rows[:n], err
}

func (fb *fastBook) Calc(sheet, cell string) (string, error) {
	if res, ok := fb.calcSimple(sheet, cell); ok {
		return res, nil
	}
	if fb.slow == nil && fb.err == nil {
		fb.slow, fb.err = openSlow(fb.raw)
	}
	if fb.err != nil {
		return "", fb.err
	}
	return fb.slow.Calc(sheet, cell)
}

// Probe reads A1 as excelize's reader does (slowBook.Probe).
func (fb *fastBook) Probe(sheet string) error {
	_, err := fb.CellValue(sheet, "A1")
	return err
}

func (fb *fastBook) Close() {
	if fb.slow != nil {
		fb.slow.Close()
	}
}

func fmtAny(p any) string { return fmt.Sprint(p) }
