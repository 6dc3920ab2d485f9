// Package ooxml is a tiny WordprocessingML (Office Open XML, ECMA-376) builder:
// paragraphs, runs (with complex fields such as PAGE), tables with
// horizontal (w:gridSpan) and vertical (w:vMerge) merges, paragraph,
// character and table styles, one section with page size, margins, a
// document grid and a default footer, and the package parts around them.
//
// It sits at the bottom of the docx writer (model + table spec →
// WordprocessingML parts → zip): package docx lays a report out as ooxml
// values, and Package.Write serialises them to the parts of a .docx file and
// zips them with archive/zip in a fixed order and with fixed timestamps, so
// the same value always gives the same bytes.
//
// It knows nothing of annual reports. It writes only the subset of
// WordprocessingML that Word and LibreOffice both read without repair; see
// the tests for the exact XML. Text is escaped when written; characters that
// XML 1.0 forbids are dropped silently at that point, so callers that must
// report them call Clean first.
package ooxml
