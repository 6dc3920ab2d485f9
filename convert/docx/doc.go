// Package docx writes a report as a Word document (.docx) that an office can
// open, edit and publish: the title, preamble and six parts in the style of
// Chinese official documents (GB/T 9704: A4, 仿宋 三号 body on a 22-line grid,
// 黑体 and 楷体 headings, 方正小标宋简体 title, "— N —" page numbers), with the
// official tables 二, 三 and 四 drawn from the templates package, merged cells
// and all.
//
// Place in the pipeline: readers → model → outline → writers. This writer
// renders the document outline (package outline, shared with the PDF
// writer: the same title lines, paragraphs, marked table cells, notes and
// appendix) as WordprocessingML values (layout.go; styles.go from the
// outline's house style), and the ooxml subpackage serialises those to the
// package parts (document.xml, styles.xml, footers, …) and zips them:
//
//	outline.Document → ooxml.Package → word/*.xml, docProps/*.xml → zip
//
// The page holds GB/T 9704's 22 lines (a "lines" document grid) of 28
// characters (三号 condensed by 0.25 pt); page numbers sit on the outer
// edges (odd pages right, even pages left: w:evenAndOddHeaders).
//
// Every style is a real Word style (built-in ids and names such as Normal,
// Title, heading 1, Table Grid, footer, plus a few named 表格… for table
// text), so users restyle the document the usual way.
//
// Output depends only on the report and Options: the zip entry order is
// fixed and every timestamp comes from Options.Time, so the same input gives
// the same bytes. The writer prints nothing and does not modify the report;
// characters that XML forbids are dropped and reported through
// Options.OnFinding.
package docx
