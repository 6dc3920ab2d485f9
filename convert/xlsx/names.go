package xlsx

// This file holds what the reader and the writers share: the sheet names, the
// defined names of cells and live checks, and how a cover names an edition.

import (
	"fmt"
	"strings"

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

// CheckName returns the defined name of a template's live check cell:
// "T3-BALANCE.natural" → "check_t3_balance_natural".
func CheckName(id string) string {
	return "check_" + strings.ToLower(strings.NewReplacer(".", "_", "-", "_").Replace(id))
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
