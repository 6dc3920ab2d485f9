// Package fonts ships the CJK TrueType fonts govreport draws PDFs with, and
// answers which characters they can draw.
//
// It sits under the PDF writer: the pdf package takes each role's font bytes
// from a Set (Default, or FromDir / WithFile for fonts the user supplies, such
// as the Windows 仿宋/黑体/楷体 files) and embeds subsets of them in the PDF.
// The docx and xlsx writers embed no fonts: they only name them (OfficeName,
// OfficeAltName, read through the house style of package convert/outline),
// and Word or WPS substitutes whatever the reader has installed.
//
// The six roles follow GB/T 9704 (党政机关公文格式): body text in 仿宋, level-1
// headings in 黑体, level-2 headings in 楷体, the title in 小标宋; tables use
// 宋体; a fallback font draws rare characters (for example in names: 堃, 喆)
// that the role fonts lack. The shipped fonts are free stand-ins (Fandol,
// Noto Serif CJK SC Bold, Droid Sans Fallback) converted to TrueType outlines
// and subset to GB2312 plus the punctuation and symbols annual reports use.
// build.sh rebuilds them from Debian packages; PROVENANCE.md records sources,
// commands, checksums and coverage; the LICENSE-* files hold their licences.
//
// The shipped files are embedded as byte slices the binary's data section
// holds, so using them copies nothing. TrueType (Set.TrueType) reads a font
// in place: opening it reads the table directory only; a character's glyph
// (binary search in the cmap), a glyph's advance and outline are read from
// the bytes when asked for, so a process touches only the parts of the
// fonts it draws with. TrueType.AppendSubset builds the font program the PDF
// embeds: the glyphs drawn, renumbered, with loca and hmtx as long as that,
// the outlines optionally re-encoded at fewer units per em (scale.go).
//
// Before drawing, the PDF writer calls Set.Missing to report any character
// that neither the role's font nor the fallback font has, instead of printing
// an empty box.
package fonts
