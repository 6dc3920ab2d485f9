// Package summary builds the consolidated workbook (汇总) of many reports:
// one row per report with one column per field key of both editions, the
// failed and uncertain checks, and the cross-year checks X-CARRY and
// X-INFORCE for the same agency in consecutive years. It also writes the
// same rows as CSV (UTF-8 with BOM) and JSON lines.
//
// It sits after the readers and checks (model → summary rows → xlsx/CSV/
// JSONL). Memory stays bounded whatever the number of reports: each report
// is reduced to a compact record and spooled to a temporary file; only a
// small sort key and the few numbers the cross-year checks need stay in
// memory. Rows are then streamed out (excelize StreamWriter) in a
// deterministic order: agency, year, file.
package summary
