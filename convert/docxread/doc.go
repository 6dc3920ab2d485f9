// Package docxread reads Word documents (.docx, WordprocessingML, as written
// by Word, WPS, LibreOffice and govreport's own writer convert/docx) into the
// shared grid, and from there into the report model.
//
// Place in the pipeline: a grid reader. Document turns the file into a
// grid.Document — body paragraphs and tables in reading order — and Read
// hands it to grid.Read, which finds the parts, tables and cells with the
// text reader's label matching, so a Word report is understood exactly
// like its text:
//
//	.docx → zip (internal/zipsafe) → word/document.xml, styles.xml, numbering.xml, docProps/core.xml → grid.Document → grid.Read → model.Report
//
// What the reader takes from the body:
//   - paragraphs with their heading level (w:outlineLvl, or the style's,
//     following basedOn; or a built-in heading style name);
//   - tables with horizontal (w:gridSpan, legacy w:hMerge) and vertical
//     (w:vMerge: Word writes it without a value, WPS and LibreOffice with
//     w:val="continue") merges, reduced to logical columns (grid columns no
//     cell boundary separates are one column: LibreOffice's HTML imports
//     make such grids); each cell keeps its table, row and column (1-based)
//     as its source position; tables nested in cells follow their table; a
//     one-column table that only frames nested tables is replaced by its
//     content;
//   - the accepted text of tracked changes (insertions kept, deletions,
//     moves-from, deleted rows and deleted paragraph marks applied), the
//     content of content controls (not a placeholder still shown in an
//     unfilled one), custom XML and smart tags, the result text of fields
//     (never their instructions), tabs, line breaks (kept as "\n" inside
//     cells, for label matching), symbols, text boxes (of an
//     mc:AlternateContent only the first branch, so a text box is read
//     once) and the base text of a phonetic guide; hidden text (w:vanish)
//     is not read;
//   - automatic numbering (numbering.xml): the number of a list paragraph —
//     its own w:numPr or its style's — is put in front of its text as Word
//     shows it ("一、", "（三）", "1."), so auto-numbered headings and row
//     labels match like typed ones; bullets are left out;
//   - imported chunks (w:altChunk): the HTML or MHT page that web
//     exporters put into a .docx instead of converting it, read with the
//     HTML reader's parser (altchunk.go);
//   - the title from the core properties (dc:title) as a hint.
//
// What the text cannot show becomes findings on the document (and so on
// the report): revisions accepted (READ-DOCX-REVISIONS), hidden text left
// out (READ-DOCX-HIDDEN), embedded objects such as an Excel worksheet whose
// numbers cannot be read (READ-DOCX-OBJECT).
//
// Headers, footers, footnotes and comments are not part of the report.
// Both the transitional and the strict namespaces are read.
//
// document.xml and styles.xml are read by a small pull scanner of its own
// (scan.go) rather than encoding/xml, which took two thirds of the reading
// time; FuzzScanner checks that it reads what encoding/xml reads.
//
// Bad input never panics and costs bounded memory: the container is checked
// before anything is inflated (entry count, declared sizes, compression
// ratio), only the parts the reader needs are inflated, each within a
// limit and all within one budget (MaxInflated), element and table nesting
// and the number of paragraphs and cells are bounded, and a DTD is
// refused, so no entity can expand. Errors are *model.ParseError naming the file and the
// part, in Chinese. The reader never touches the file system: old binary
// .doc and .wps files and RTF are converted by the convert package through
// LibreOffice (convert/office) before they reach it.
package docxread
