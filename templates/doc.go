// Package templates holds the official tables (二, 三, 四 of both editions)
// and everything else the code knows about an edition, described once, as
// data: one folder per edition under specs/ (specs/2019, specs/2021). It
// validates them when loaded (every field key of the edition placed exactly
// once, no overlapping merges, the labels of fields.tsv present around each
// key, rules naming existing rows and columns) and resolves them to a grid.
//
// It is the single source of layout and of the check equations: the
// readers match labels against it, every writer (xlsx, pdf, docx) draws
// from the resolved grid, and the checks, the xlsx template's live
// formulas and the text reader's splitting of glued digits use the same
// Equations. A new edition or a local variant is a new folder, not Go code.
//
// # Edition folders
//
// A folder holds:
//
//   - edition.json (EditionSpec): the edition id, the notice that published
//     it (国办公开办函〔2021〕30号) and the report years it is meant for, how
//     covers name it, the labels only its tables have (signatures: they
//     decide a report's edition), its tables in order with the report part
//     each is in and its short name (表三, also the xlsx sheet name), the
//     equation rules (Rule: "for each column, sum of these rows = those
//     rows", "*" for every row but the excluded ones — that is where the
//     rows excluded from the result sum live), the tables whose numbers are
//     counts (nonneg) and the cross-year checks (CrossRule);
//   - one JSON file per table (see below);
//   - fields.tsv: one row per field key the folder defines (key, edition,
//     table, group, row label, column label), tab-separated with a header.
//
// The embedded folders load through Load like any other (Default); LoadDir
// adds the folders under a directory (govreport --spec-dir), validated the
// same way; a bad folder gives a *SpecError naming the file.
//
// # Variants
//
// A folder whose edition.json says "extends": "2021" is a variant: it
// inherits everything it leaves out. Its "tables" entries replace the
// base's entry of the same id, either with a table file of its own (a
// province's extra row under （六）其他处理, a 法人或其他组织小计 column) or
// with "from": "2019" (the mixed form real reports use: 2021 table 二 with
// the 2019 table 三). Its rules replace or add to the base's by id; the
// base's "*" rules already cover an extra row. Keys the variant adds need
// rows in its own fields.tsv and must not be keys of an official edition
// (they would mean something else there); keys taken from an edition keep
// that edition's rows.
//
// How a reader picks a variant: first the official edition is decided as
// always (by signatures, else by the rows of the table marked "guess");
// then a variant of it wins when its own signature labels appear in the
// report as data rows (a label followed by values; the variant with the
// most such labels, ties to the first by id). A variant that lists no
// signatures uses the innermost row labels of the rows it adds that its
// base does not have. A workbook written by govreport names its edition,
// variants included.
//
// # Table files
//
// "rows" lists the table's rows top to bottom; each row lists its cells
// left to right, HTML-style: a cell covers "rs" rows and "cs" columns
// (default 1), and positions taken by a span from above are skipped. A cell
// is either a value cell ("key": a field key "<table>.<row>.<column>",
// optional "format": "count", "signed" or "amount") or a text cell with a
// "role": "banner" (a sub-table title such as 第二十条第（一）项), "header"
// (column label), "label" (row label), "note" (the corner note of table 三)
// or "empty". Text cells may list "aliases": other spellings seen in real
// reports.
package templates
