// Package summary builds the consolidated workbook (汇总) of many reports:
// one row per report with one column per field key of both editions, the
// failed and uncertain checks, and the cross-year checks X-CARRY and
// X-INFORCE for the same agency in consecutive years. It also writes the
// same rows as CSV (UTF-8 with BOM) and JSON lines.
//
// It sits after the readers and checks (model → summary rows → xlsx/CSV/
// JSONL). Memory stays flat in the number of reports: each report is
// reduced to compact records (Prepare, in the batch's workers) that are
// spooled to two temporary files — the row and its issues; the metrics,
// cross-year numbers and metadata the 指标, 跨年 and 趋势 sheets need — and
// only a pointer-free 48-byte entry (sort key and offsets) and the file
// name stay in memory. Rows are then streamed out (excelize StreamWriter;
// the wide 汇总 and 指标 sheets with its typed SetRowCells) in a
// deterministic order: agency, year, file; 跨年 and 趋势 are computed and
// written one agency at a time.
package summary
