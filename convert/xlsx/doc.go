// Package xlsx writes a report as an Excel workbook and reads workbooks back
// into the report model: it is both a writer (model → xlsx) and a reader
// (xlsx → model) of the pipeline, and the two directions share one mapping
// from field keys to cells, so whatever the writer puts in a workbook the
// reader finds again.
//
// Three kinds of workbook are involved:
//
//   - Report workbooks, written by Write (govreport convert -t xlsx): a cover
//     sheet (封面), the six parts' text (正文), tables 二, 三 and 四 laid out
//     from the official specs in package templates, and the findings
//     (校验结果) with links to the cells they concern.
//   - Templates, written by WriteTemplate (govreport template): the same
//     tables with empty, unlocked input cells, data validation, sheet
//     protection without a password and live check formulas, for an agency
//     to fill in Excel or WPS.
//   - Any workbook holding the official tables, read by Read: a filled
//     template, a report workbook, either of them re-saved by other software,
//     or a workbook that only has the labels of the printed form.
//
// # Defined names
//
// Every value cell of the official tables carries a workbook-level defined
// name derived from its field key by replacing each "." with "_":
//
//	t3.new.natural          → t3_new_natural
//	t2.licensing.change     → t2_licensing_change
//	t4.suit_direct.total    → t4_suit_direct_total
//
// The field keys (docs/fields.md) use only lower-case letters,
// digits, "_" and ".", and start with "t2", "t3" or "t4" followed by a dot,
// so the names are valid Excel and LibreOffice names, cannot be mistaken for
// cell references, and map back to exactly one key (the reader looks names up
// in a table built from the edition's keys; it never splits them).
// Metadata and text cells are named too:
//
//	meta_agency, meta_year, meta_edition, meta_title, meta_published, meta_source
//	part_0 (text before part 一), part_1 … part_6 (the six parts)
//
// and a template's live check cells are named after the check ids of
// package check (see CheckName):
//
//	T3-BALANCE.natural → check_t3_balance_natural
//	T4-TOTAL.review    → check_t4_total_review
//
// # Reading
//
// Read finds each table's cells by defined name first. When the names are
// missing or broken (the workbook was rebuilt, re-saved by software that
// drops names, or rows were deleted), it falls back to finding the table's
// column headers and row labels in the sheets, using package match and the
// specs, so inserted rows and moved tables are tolerated. A finding with
// status info (READ-XLSX.t2, READ-XLSX.t3, READ-XLSX.t4) says which way each
// table was read, and Meta.Layout is "xlsx-names" or "xlsx-labels".
//
// Cell values are read as written: numbers stay numbers, text is read with
// model.ParseValue (１２, 1,234, 无, /, —, 增81), formulas give their cached
// result or, without one, the result excelize computes. Anything that is not
// a number becomes a finding naming the sheet and cell; nothing is read as
// zero silently.
//
// The cells come from a streaming reader of the sheet XML (read_fast.go,
// read_xml.go) for every workbook it can read exactly as excelize would —
// govreport's own workbooks and their LibreOffice re-saves among them — and
// from excelize for the rest (shared formulas, cells without references, overlapping merges,
// strict OOXML, anything unusual or malformed); plain arithmetic formulas
// without a cached result are computed without excelize (read_calc.go).
// The tests read every workbook both ways and compare.
//
// Input is checked before excelize sees it: legacy .xls and encrypted
// (password-protected) workbooks get a clear message, and zip bombs and
// worksheets with huge dimensions are refused (see MaxSize, MaxUnzipped,
// MaxPart, MaxRows and MaxCols).
//
// # Report workbooks
//
// A number whose source text is exactly the number ("12", "-8", "539.16")
// is written as a number, with a format that shows all its decimals; any
// other text ("增81", "+14", "1,234", "38.47万元", "无") is written as text,
// with the number it was read as in a comment, so that reading the workbook
// back gives the same raw text, kind and value. Blank cells stay blank. Text
// is always written as a string, never as a formula, whatever it starts
// with. A very hidden sheet (_govreport) records what a person does not see
// but a round trip needs: cells missing from the source, doubts, headings as
// written. The same report always gives the same bytes: document
// properties carry Options.Time, and nothing else depends on the clock.
//
// # Files
//
// The reader (read.go and read_*.go: metadata, tables, label fallback,
// values, parts, input screening, the two sources of cells) and the writers (write.go and
// write_*.go for what report workbooks and templates share, template.go
// for what only templates have: data validation and the live check
// formulas) share only names.go (sheet and defined names, edition
// notices) and refs.go (A1 references); the reader never calls the
// writer. What both need to know about a table (its sheet name, where its
// label columns end, its check equations) comes from package templates.
//
// "Layout" means one thing here, as in the rest of govreport: how the
// input was laid out as the reader found it (Meta.Layout, LayoutNames or
// LayoutLabels). Where the writer puts each table is its placement
// (sheetMap).
package xlsx
