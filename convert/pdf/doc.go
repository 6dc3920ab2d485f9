// Package pdf writes a report as an A4 PDF an office can publish or print as
// its 政府信息公开工作年度报告, set the way GB/T 9704 (党政机关公文格式) sets
// official documents: title in 小标宋 二号, body in 仿宋 三号 on a 22-line
// grid with two-character indents, 黑体 level-1 and 楷体 level-2 headings,
// margins of 37 mm (top) and 28 mm (left) around a 156 × 225 mm text block,
// "— N —" page numbers, and the signature block at the end. The official
// tables 二, 三 and 四 are drawn from the templates package's resolved grid,
// merged cells and all, in 宋体 五号; a table running over a page repeats its
// header rows and never splits a row.
//
// Place in the pipeline: readers → model → outline → writers. What is printed
// (title lines, paragraphs, tables and their marked cells, notes, the
// appendix) comes from package outline, shared with the Word writer; the
// page geometry and type sizes from its house style. This writer works in
// two stages:
//
//	outline.Document → Layout → *Document (pages of positioned text runs,
//	cells and rules; Dump prints it as text) → WritePDF → PDF bytes
//
// Body text sits on GB/T 9704's grid of 22 lines of 28 characters: 三号
// characters are tracked by −0.21 pt so that 28 fill the 156 mm measure. A
// character the role's font lacks is drawn with the role's fallbacks
// (outline.Fallbacks: a serif face before the sans fallback for body text).
// The PDF carries /Lang zh-CN, title and author, and bookmarks for the six
// parts, the tables and the appendix.
//
// The layout is where every decision is made (line breaks, page breaks, font
// per character); golden tests compare its dump (testdata/pdf/*.layout). The
// painter (writer.go, pdffile.go) only draws the boxes: it writes the PDF
// objects itself — page content streams, Type 0 fonts with Identity-H
// encoding whose character ids are the glyph numbers of a true subset
// (fonts.TrueType.AppendSubset: only the glyphs drawn, renumbered, their
// outlines re-encoded on a grid of 0.4 of a 600 dpi dot at the largest size
// the font is drawn at; the widths the PDF states come from the original
// font), ToUnicode maps for text extraction. The content streams and maps
// are compressed with pooled compressors; the font programs glyph by glyph
// with a fixed code made for outlines (outlinecode.go, deflate.Pieces), each
// glyph's compressed bits remembered for the next document that draws it;
// the small dictionaries (fonts, pages, bookmarks) go together into one
// compressed object stream, their cross-reference entries into a
// cross-reference stream (PDF 1.5); the catalog and the document information
// stay plain.
//
// Fonts come from package fonts (shipped free stand-ins, or the user's own
// files through fonts.FromDir / Set.WithFile). A character the role font lacks
// is drawn with the fallback font; a character no font has is drawn as a
// crossed box and reported as a finding (FindingGlyph) naming it and where it
// occurs. Each font is parsed once per process and shared by every document;
// only the glyphs used are embedded.
//
// Output depends only on the report and Options: the creation date comes
// from Options.Time and nothing is random, so the same input gives the same
// bytes. The writer does not modify the report.
package pdf
