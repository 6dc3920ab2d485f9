package xlsx

// The writers (model → xlsx): report workbooks (Write) and templates
// (WriteTemplate, template.go) share the book built here. Their parts:
// write_cover.go, write_text.go, write_tables.go, write_findings.go (report
// workbooks only), write_style.go.

import (
	"archive/zip"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/govreport/govreport/convert/internal/deflate"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/templates"
)

// Options configure Write.
type Options struct {
	// Time stamps the workbook's document properties (created, modified).
	// Zero means 2000-01-01T00:00:00Z: the same report always gives the
	// same bytes.
	Time time.Time
	// Specs are the table specs the report was read against; nil means the
	// embedded editions.
	Specs *templates.Set
}

// Write writes r as a report workbook: cover, text, tables 二 to 四 laid out
// as in the official form of the report's edition, and the findings with
// links to their cells. Cells of failed checks are highlighted; cells whose
// text is not a plain number keep the text, with the number in a comment.
func Write(w io.Writer, r *model.Report, o Options) error {
	b := newBook(specs(o.Specs), r, false, o.Time)
	for _, f := range r.Findings {
		if f.Status != model.Fail {
			continue
		}
		for _, k := range f.Keys {
			if ids := b.failed[k]; len(ids) == 0 || ids[len(ids)-1] != f.ID {
				b.failed[k] = append(b.failed[k], f.ID)
				b.failedMsg[k] = append(b.failedMsg[k], f.Message+"（"+f.ID+"）")
			}
		}
	}
	m := r.Meta
	b.meta = append(b.meta,
		[2]string{"format", "govreport-xlsx 1"}, [2]string{"kind", "report"},
		[2]string{"edition", string(m.Edition)}, [2]string{"layout", m.Layout},
		[2]string{"encoding", m.Encoding}, [2]string{"agency_source", m.AgencySource})
	b.writeCover()
	b.writeText()
	if b.sheets != nil {
		for _, p := range b.sheets.tables {
			b.writeTable(p)
		}
	}
	b.writeFindings()
	if b.sheets != nil {
		b.writeMetrics()
	}
	b.finish()
	if b.err == nil {
		b.err = b.st.err
	}
	if b.err != nil {
		return fmt.Errorf("生成工作簿失败：%w", b.err)
	}
	_, err := b.f.WriteTo(w)
	return err
}

// constantParts remembers the compression of the parts that are the same
// in every workbook this package writes, or in most of an edition's (it
// compresses each once per process, not once per workbook); a part that
// changed is compressed again, the bytes are the same either way.
var constantParts deflate.Memo

// isConstantPart reports whether the zip entry name holds the same bytes
// in every workbook — excelize's theme, the package relationships and the
// application properties — or in most workbooks of one edition: the core
// properties (for one time stamp), the workbook's relationships, the
// content types and the styles (which differ only where a report has
// cells another has not: failed checks, doubts, comments).
func isConstantPart(name string) bool {
	switch name {
	case "xl/theme/theme1.xml", "_rels/.rels", "docProps/app.xml",
		"docProps/core.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml":
		return true
	}
	return false
}

// memoZip is a zip writer compressing the constant parts through
// constantParts.
type memoZip struct {
	*zip.Writer
	part string // the constant part being created, for the compressor
}

func (z *memoZip) Create(name string) (io.Writer, error) {
	if isConstantPart(name) {
		z.part = name
		defer func() { z.part = "" }()
	}
	return z.Writer.Create(name)
}

// specs returns set, or the embedded editions when nil.
func specs(set *templates.Set) *templates.Set {
	if set == nil {
		return templates.Default()
	}
	return set
}

// EditionChoices lists the editions and variants of a set for messages:
// "2019、2021".
func EditionChoices(set *templates.Set) string {
	var ids []string
	for _, ed := range set.Editions() {
		ids = append(ids, string(ed))
	}
	return strings.Join(ids, "、")
}

// Position of a table on the sheets this package writes: a title row, an
// information row, then the table grid. The reader does not rely on it: it
// finds tables by defined names, or by their labels wherever they are.
const (
	titleRow = 0 // zero-based
	infoRow  = 1
	gridRow  = 2 // first row of the table grid
	gridCol  = 0
)

// placement is one table placed on a sheet.
type placement struct {
	t          *templates.Table
	sheet      string
	row0, col0 int // zero-based sheet position of the spec's (0, 0)
}

// cell returns the A1 name of the spec position (r, c).
func (p placement) cell(r, c int) string { return cellName(p.row0+r, p.col0+c) }

// keyCell returns the A1 name of the top-left cell of key.
func (p placement) keyCell(ki *templates.KeyInfo) string {
	return p.cell(ki.Cell.Row, ki.Cell.Col)
}

// sheetMap is where every key of an edition sits in the workbooks this
// package writes: each table's placement and each key's cell. One map is
// shared by the books of its set and edition (sheetMapOf): read only.
type sheetMap struct {
	ed     model.Edition
	tables []placement
	refs   map[string]string // key → "表三!D7"

	// ranges remembers keyRanges by the keys joined with NUL: the checks
	// of an edition name the same keys in every report.
	mu     sync.Mutex
	ranges map[string][]string
}

// compress is compressRefs of the cells of keys the map places.
func (l *sheetMap) compress(keys []string) []string {
	var refs []string
	for _, k := range keys {
		if ref, ok := l.refs[k]; ok {
			refs = append(refs, ref)
		}
	}
	return compressRefs(refs)
}

// keyRanges returns compressRefs of the cells of keys (those the map
// places), shared: read only.
func (l *sheetMap) keyRanges(keys []string) []string {
	for _, k := range keys {
		if strings.IndexByte(k, 0) >= 0 { // the join would be ambiguous
			return l.compress(keys)
		}
	}
	id := strings.Join(keys, "\x00")
	l.mu.Lock()
	out, ok := l.ranges[id]
	l.mu.Unlock()
	if ok {
		return out
	}
	out = l.compress(keys)
	l.mu.Lock()
	if l.ranges == nil || len(l.ranges) >= 4096 {
		l.ranges = map[string][]string{}
	}
	l.ranges[id] = out
	l.mu.Unlock()
	return out
}

// sheetMaps remembers the sheet maps made, per set and edition: a map
// depends on nothing else, and the books only read it.
var sheetMaps struct {
	sync.Mutex
	m map[sheetMapKey]*sheetMap
}

type sheetMapKey struct {
	set *templates.Set
	ed  model.Edition
}

// sheetMapOf is newSheetMap, made once per set and edition (a few dozen
// at most are kept).
func sheetMapOf(set *templates.Set, ed model.Edition) *sheetMap {
	k := sheetMapKey{set, ed}
	sheetMaps.Lock()
	defer sheetMaps.Unlock()
	if l, ok := sheetMaps.m[k]; ok {
		return l
	}
	if sheetMaps.m == nil || len(sheetMaps.m) >= 32 {
		sheetMaps.m = map[sheetMapKey]*sheetMap{}
	}
	l := newSheetMap(set, ed)
	sheetMaps.m[k] = l
	return l
}

func newSheetMap(set *templates.Set, ed model.Edition) *sheetMap {
	l := &sheetMap{ed: ed, refs: map[string]string{}}
	for _, t := range set.Tables(ed) {
		p := placement{t: t, sheet: t.Ref.Name, row0: gridRow, col0: gridCol}
		l.tables = append(l.tables, p)
		for _, k := range t.Keys {
			ki := t.KeyInfo(k)
			l.refs[k] = p.sheet + "!" + p.keyCell(ki)
		}
	}
	return l
}

// book builds one workbook, a report or a template; both share the
// placement of the official tables, the cover and the text sheet.
type book struct {
	f      *excelize.File
	set    *templates.Set
	st     *styles
	ed     model.Edition
	sheets *sheetMap
	rep    *model.Report
	tmpl   bool
	err    error

	// failed maps a key to the ids of the failed checks that read it.
	failed map[string][]string
	// failedMsg maps a key to the failed checks that read it, as comment
	// lines: the equation with both sides, then the id.
	failedMsg map[string][]string
	// comments collects the comment lines of each cell, per sheet, written
	// at the end in a fixed order.
	comments map[string]map[string][]string
	meta     [][2]string // rows of the hidden metadata sheet
	// names are the workbook's defined names, in order, set at the end
	// in one call (one lookup of the existing names, not one per name).
	names []excelize.DefinedName
}

func (b *book) check(err error) {
	if err != nil && b.err == nil {
		b.err = err
	}
}

// newBook creates the workbook with its sheets in order.
func newBook(set *templates.Set, rep *model.Report, tmpl bool, t time.Time) *book {
	f := excelize.NewFile()
	// Fast deflate: a third of the writing time went to compression, for
	// files of about 30 KB either way.
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter {
		zw := &memoZip{Writer: zip.NewWriter(w)}
		zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
			if zw.part != "" {
				return constantParts.NewWriter(zw.part, out), nil
			}
			return deflate.NewWriter(out)
		})
		return zw
	})
	b := &book{f: f, set: set, st: &styles{f: f, ids: map[sk]int{}}, ed: rep.Meta.Edition, rep: rep, tmpl: tmpl,
		failed: map[string][]string{}, failedMsg: map[string][]string{}, comments: map[string]map[string][]string{}}
	b.check(f.SetDefaultFont(fontTable))
	if set.Has(b.ed) {
		b.sheets = sheetMapOf(set, b.ed)
	}
	b.check(f.SetSheetName("Sheet1", SheetCover))
	sheets := []string{SheetText}
	if b.sheets != nil {
		for _, p := range b.sheets.tables {
			sheets = append(sheets, p.sheet)
		}
	}
	if !tmpl {
		sheets = append(sheets, SheetFindings)
		if b.sheets != nil {
			sheets = append(sheets, SheetMetrics)
		}
	}
	sheets = append(sheets, sheetMeta)
	for _, s := range sheets {
		_, err := f.NewSheet(s)
		b.check(err)
	}
	if t.IsZero() {
		t = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	stamp := t.UTC().Format("2006-01-02T15:04:05Z")
	title := "政府信息公开工作年度报告"
	if tmpl {
		title += "表格填报模板"
	}
	b.check(f.SetDocProps(&excelize.DocProperties{
		Creator: "govreport", LastModifiedBy: "govreport", Created: stamp, Modified: stamp,
		Title: title, Language: "zh-CN",
	}))
	b.check(f.SetAppProps(&excelize.AppProperties{Application: "govreport"}))
	return b
}

// finish writes the pending comments, the hidden metadata sheet and the
// workbook settings.
// dimensions writes each sheet's real used range as its <dimension ref>:
// tools that trust it (openpyxl in read-only mode) otherwise see a 1×1
// sheet and read nothing.
func (b *book) dimensions() {
	for _, sh := range b.f.GetSheetList() {
		// The cells with a value, read from the sheet in memory (GetRows
		// would marshal the sheet to XML and parse it back).
		maxR, maxC, err := b.f.UsedRange(sh)
		if err != nil {
			b.check(err)
			continue
		}
		if merged, err := b.f.GetMergeCells(sh, true); err == nil {
			for _, m := range merged {
				if r, c, err := coords(m.GetEndAxis()); err == nil {
					maxR, maxC = max(maxR, r+1), max(maxC, c+1)
				}
			}
		}
		if maxR > 0 {
			b.check(b.f.SetSheetDimension(sh, "A1:"+cellName(maxR-1, maxC-1)))
		}
	}
}

func (b *book) finish() {
	b.check(b.f.SetDefinedNames(b.names))
	sheets := make([]string, 0, len(b.comments))
	for s := range b.comments {
		sheets = append(sheets, s)
	}
	sort.Strings(sheets)
	for _, s := range sheets {
		cells := make([]string, 0, len(b.comments[s]))
		for c := range b.comments[s] {
			cells = append(cells, c)
		}
		sort.Slice(cells, func(i, j int) bool {
			ri, ci, _ := coords(cells[i])
			rj, cj, _ := coords(cells[j])
			return ri < rj || ri == rj && ci < cj
		})
		for _, c := range cells {
			text := strings.Join(b.comments[s][c], "\n")
			b.check(b.f.AddComment(s, excelize.Comment{Cell: c, Author: "govreport",
				Paragraph: []excelize.RichTextRun{{Text: text}}, Width: 240, Height: 90}))
		}
	}
	for i, kv := range b.meta {
		b.check(b.f.SetCellStr(sheetMeta, cellName(i, 0), kv[0]))
		b.check(b.f.SetCellStr(sheetMeta, cellName(i, 1), kv[1]))
	}
	b.dimensions()
	b.check(b.f.SetColWidth(sheetMeta, "A", "A", 20))
	b.check(b.f.SetColWidth(sheetMeta, "B", "B", 60))
	b.check(b.f.SetSheetVisible(sheetMeta, false, true))
	b.f.SetActiveSheet(0)
	if b.tmpl {
		// Excel and WPS compute the live checks when the file is opened:
		// excelize stores formulas without cached results.
		yes := true
		b.check(b.f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &yes}))
	}
}

func (b *book) addComment(sheet, cell, line string) {
	m := b.comments[sheet]
	if m == nil {
		m = map[string][]string{}
		b.comments[sheet] = m
	}
	m[cell] = append(m[cell], line)
}

func (b *book) name(name, ref string) {
	b.names = append(b.names, excelize.DefinedName{Name: name, RefersTo: ref})
}

// str writes text as a string cell: never as a formula, whatever it starts with.
func (b *book) str(sheet, cell, s string, style int) {
	b.check(b.f.SetCellStrStyle(sheet, cell, s, style))
}

// merge merges the zero-based rectangle and styles every cell of it, so
// that borders are drawn all around.
func (b *book) merge(sheet string, r0, c0, r1, c1, style int) {
	from, to := cellName(r0, c0), cellName(r1, c1)
	if from != to {
		b.check(b.f.MergeCell(sheet, from, to))
	}
	b.check(b.f.SetCellStyle(sheet, from, to, style))
}

// pageSetup makes a sheet print on A4, fitted to the page width, centred,
// with the given rows repeated at the top of each page.
func (b *book) pageSetup(sheet string, landscape bool, titleRows int, area string) {
	b.pageSetupFit(sheet, landscape, titleRows, area, 0)
}

// pageSetupFit is pageSetup with a number of pages tall to fit (0: as many
// as needed).
func (b *book) pageSetupFit(sheet string, landscape bool, titleRows int, area string, fitH int) {
	size, fitW := 9, 1
	orient := "portrait"
	if landscape {
		orient = "landscape"
	}
	yes := true
	b.check(b.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &fitW, FitToHeight: &fitH}))
	b.check(b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &yes}))
	lr, tb, hf := 0.6, 0.75, 0.35
	b.check(b.f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &lr, Right: &lr, Top: &tb, Bottom: &tb,
		Header: &hf, Footer: &hf, Horizontally: &yes}))
	header := ""
	if m := b.rep.Meta; m.Title != "" || m.Agency != "" || m.Year > 0 {
		// The same title as the cover's and the documents'. The size
		// code goes before the font name: a title starting with the
		// year would otherwise extend it (&92020…).
		header = `&C&9&"宋体,常规"` + escapeHF(coverTitle(m))
	}
	b.check(b.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: header,
		OddFooter: `&C&"宋体,常规"&9第 &P 页，共 &N 页`,
	}))
	if titleRows > 0 {
		b.names = append(b.names, excelize.DefinedName{Name: "_xlnm.Print_Titles",
			RefersTo: fmt.Sprintf("'%s'!$1:$%d", sheet, titleRows), Scope: sheet})
	}
	if area != "" {
		b.names = append(b.names, excelize.DefinedName{Name: "_xlnm.Print_Area", RefersTo: area, Scope: sheet})
	}
}

// escapeHF escapes "&", the control character of header and footer text.
func escapeHF(s string) string { return strings.ReplaceAll(s, "&", "&&") }

// ---- cover ----

// protect protects a template sheet without a password: labels and
// formulas are locked, input cells are not, nobody is locked out.
func (b *book) protect(sheet string) {
	b.check(b.f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{
		SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true,
	}))
}

// ---- text sheet ----
