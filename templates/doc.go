// Package templates holds the official tables (二, 三, 四 of both editions)
// described once, as data: one JSON file per table and edition under specs/,
// plus fields.tsv, the field-key list (rendered as docs/fields.md). It validates them when loaded (every
// field key of the edition placed exactly once, no overlapping merges, the
// labels of fields.tsv present around each key) and resolves them to a grid.
//
// It is the single source of layout: the readers match labels against it and
// every writer (xlsx, pdf, docx) draws from the resolved grid. A new official
// table or a local variant is a new spec file here, not Go code.
//
// Spec format: "rows" lists the table's rows top to bottom; each row lists its
// cells left to right, HTML-style: a cell covers "rs" rows and "cs" columns
// (default 1), and positions taken by a span from above are skipped. A cell is
// either a value cell ("key": a field key, optional "format": "count",
// "signed" or "amount") or a text cell with a "role": "banner" (a sub-table
// title such as 第二十条第（一）项), "header" (column label), "label" (row
// label), "note" (the corner note of table 三) or "empty". Text cells may list
// "aliases": other spellings seen in real reports.
package templates
