package xlsx

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/templates"
)

// Sheet names of the workbooks this package writes.
const (
	// SheetCover holds the metadata (agency, year, edition, source).
	SheetCover = "封面"
	// SheetText holds the six parts' text, one paragraph per row.
	SheetText = "正文"
	// SheetT2, SheetT3 and SheetT4 hold tables 二, 三 and 四 of the
	// official editions: a table's sheet is named after the table (its
	// name in edition.json).
	SheetT2 = "表二"
	SheetT3 = "表三"
	SheetT4 = "表四"
	// SheetFindings lists the findings with links to their cells.
	SheetFindings = "校验结果"
	// sheetMeta is a very hidden sheet holding what a person does not need
	// to see but a round trip does (cells missing from the source, doubts,
	// the headings as written).
	sheetMeta = "_govreport"
)

// Names of the metadata and text cells (see the package documentation).
const (
	// NameAgency names the agency cell (an input cell in a template).
	NameAgency = "meta_agency"
	// NameYear names the report year cell (an input cell in a template).
	NameYear = "meta_year"
	// NameEdition names the cell stating the edition of the tables.
	NameEdition = "meta_edition"
	// NameTitle, NamePublished and NameSource name the title, publish date
	// and source file cells of a report workbook.
	NameTitle     = "meta_title"
	NamePublished = "meta_published"
	NameSource    = "meta_source"
)

// Name returns the workbook-level defined name of a field key:
// "t3.new.natural" → "t3_new_natural".
func Name(key string) string { return strings.ReplaceAll(key, ".", "_") }

// PartName returns the defined name of part i (1…6) or of the text before
// part 一 (i = 0).
func PartName(i int) string { return fmt.Sprintf("part_%d", i) }

// Position of a table on its sheet: a title row, an information row, then
// the table grid. Both the writer and the reader's label fallback start
// from here.
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

// layout is where every key of an edition sits in the workbooks this
// package writes.
type layout struct {
	ed     model.Edition
	tables []placement
	refs   map[string]string // key → "表三!D7"
}

func newLayout(set *templates.Set, ed model.Edition) *layout {
	l := &layout{ed: ed, refs: map[string]string{}}
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

// cellName converts zero-based (row, col) to an A1 reference.
func cellName(row, col int) string {
	s, err := excelize.CoordinatesToCellName(col+1, row+1)
	if err != nil {
		return "A1"
	}
	return s
}

// absRef returns an absolute reference to a cell on a sheet, quoted the way
// Excel writes it in defined names: '表三'!$D$7.
func absRef(sheet, cell string) string {
	col, row, err := excelize.SplitCellName(cell)
	if err != nil {
		return "'" + sheet + "'!" + cell
	}
	return fmt.Sprintf("'%s'!$%s$%d", strings.ReplaceAll(sheet, "'", "''"), col, row)
}

// absRange returns an absolute range reference: '正文'!$B$4:$B$9.
func absRange(sheet, from, to string) string {
	if from == to {
		return absRef(sheet, from)
	}
	c1, r1, _ := excelize.SplitCellName(from)
	c2, r2, _ := excelize.SplitCellName(to)
	return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", strings.ReplaceAll(sheet, "'", "''"), c1, r1, c2, r2)
}

// parseRef splits a defined name's target ("'表三'!$D$7", "表三!D7",
// "'正文'!$B$4:$B$9") into sheet, first and last cell. ok is false for
// anything else (#REF!, unions, constants, formulas).
func parseRef(s string) (sheet, from, to string, ok bool) {
	s = strings.TrimSpace(strings.TrimPrefix(s, "="))
	i := strings.LastIndex(s, "!")
	if i <= 0 || strings.ContainsAny(s[i+1:], ",;() #") {
		return "", "", "", false
	}
	sheet, rng := s[:i], strings.ReplaceAll(s[i+1:], "$", "")
	if strings.HasPrefix(sheet, "'") {
		if len(sheet) < 2 || !strings.HasSuffix(sheet, "'") {
			return "", "", "", false
		}
		sheet = strings.ReplaceAll(sheet[1:len(sheet)-1], "''", "'")
	}
	from, to, _ = strings.Cut(rng, ":")
	if to == "" {
		to = from
	}
	for _, c := range []string{from, to} {
		if _, _, err := excelize.CellNameToCoordinates(c); err != nil {
			return "", "", "", false
		}
	}
	if sheet == "" || strings.Contains(sheet, "#") {
		return "", "", "", false
	}
	return sheet, from, to, true
}

// coords converts an A1 reference to zero-based (row, col).
func coords(cell string) (row, col int, err error) {
	c, r, err := excelize.CellNameToCoordinates(cell)
	return r - 1, c - 1, err
}

// compressRefs turns cell references ("表三!D7") into as few ranges as
// possible ("表三!D7:D9"), keeping the order of first appearance per sheet.
func compressRefs(refs []string) []string {
	type pos struct{ r, c int }
	var sheets []string
	cells := map[string][]pos{}
	for _, ref := range refs {
		sh, cell, ok := strings.Cut(ref, "!")
		if !ok {
			continue
		}
		r, c, err := coords(cell)
		if err != nil {
			continue
		}
		if _, seen := cells[sh]; !seen {
			sheets = append(sheets, sh)
		}
		cells[sh] = append(cells[sh], pos{r, c})
	}
	var out []string
	for _, sh := range sheets {
		ps := cells[sh]
		used := make([]bool, len(ps))
		set := map[pos]bool{}
		for _, p := range ps {
			set[p] = true
		}
		for i, p := range ps {
			if used[i] || !set[p] {
				continue
			}
			// Grow a run down the column, or else along the row.
			end := p
			for set[pos{end.r + 1, end.c}] {
				end.r++
			}
			if end == p {
				for set[pos{end.r, end.c + 1}] {
					end.c++
				}
			}
			for r := p.r; r <= end.r; r++ {
				for c := p.c; c <= end.c; c++ {
					delete(set, pos{r, c})
				}
			}
			used[i] = true
			if end == p {
				out = append(out, sh+"!"+cellName(p.r, p.c))
			} else {
				out = append(out, sh+"!"+cellName(p.r, p.c)+":"+cellName(end.r, end.c))
			}
		}
	}
	return out
}

// editionNotice is how the cover names an edition: its notice in
// edition.json.
func editionNotice(set *templates.Set, ed model.Edition) string {
	if e := set.Edition(ed); e != nil {
		return e.Notice
	}
	if ed == model.EditionLegacy {
		return "非统一格式（2019年以前的结构，没有统一表格）"
	}
	return "未能确定"
}

// parseEdition reads an edition back from the cover's text: an edition's
// notice or id at the start (the longest id that fits, so that a variant
// "2021-gd" is not read as "2021").
func parseEdition(set *templates.Set, s string) model.Edition {
	s = model.FoldWidth(strings.TrimSpace(s))
	if strings.HasPrefix(s, "非统一格式") || s == string(model.EditionLegacy) {
		return model.EditionLegacy
	}
	best := model.Edition("")
	for _, ed := range set.Editions() {
		e := set.Edition(ed)
		if s == model.FoldWidth(e.Notice) {
			return ed
		}
		if strings.HasPrefix(s, string(ed)) && len(ed) > len(best) {
			best = ed
		}
	}
	return best
}
