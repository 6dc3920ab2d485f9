package outline

import "github.com/govreport/govreport/fonts"

// The house style: GB/T 9704-2012 (党政机关公文格式) on A4, the one
// definition the PDF, Word and Excel writers read.
//
// The text block is 156 mm × 225 mm, 37 mm from the top edge and 28 mm from
// the left (binding) edge; it holds 22 lines of 28 characters of 三号 text.
// 28 三号 characters (16 pt) are 448 pt, wider than the 442 pt block, so the
// characters sit on a grid of CharPitch (≈ 15.79 pt): the standard's line of
// 28 characters, as Word's document grid sets it.
const (
	PageWidthMM    = 210.0
	PageHeightMM   = 297.0
	MarginTopMM    = 37.0
	MarginLeftMM   = 28.0
	MarginRightMM  = 26.0 // 210 − 28 − 156
	MarginBottomMM = 35.0 // 297 − 37 − 225
	TextWidthMM    = 156.0
	TextHeightMM   = 225.0
	// FooterDropMM is how far below the text block the page number's
	// line sits (GB/T 9704 §7.5: 一字线 7 mm below the block).
	FooterDropMM = 7.0

	LinesPerPage = 22
	CharsPerLine = 28
)

// Type sizes in points (号: 二号 22, 三号 16, 四号 14, 五号 10.5).
const (
	TitleSize  = 22.0 // 二号 小标宋
	BodySize   = 16.0 // 三号: body, headings, sub-heads, signature
	FooterSize = 14.0 // 四号 page numbers
	TableSize  = 10.5 // 五号 tables
	// NoteSize is the size of the notes under a table and of the check ids
	// in the appendix: 小五 (9 pt).
	NoteSize = 9.0
)

// CellPadMM is the left and right padding of table cells, so that labels
// do not touch the rules.
const CellPadMM = 1.2

// PointsPerMM converts millimetres to PDF points.
const PointsPerMM = 72 / 25.4

// CharPitch is the advance of one body character on the 28-character grid,
// in points; LinePitch the distance between body lines on the 22-line grid.
const (
	CharPitch = TextWidthMM * PointsPerMM / CharsPerLine
	LinePitch = TextHeightMM * PointsPerMM / LinesPerPage
)

// Face is a font role with the names office software knows it by. The PDF
// writer draws the role's font file (package fonts); Word and Excel only
// name the face: Office names the face the official-document templates ask
// for, Alt the face newer Windows ships instead, which Word substitutes
// when Office is missing.
type Face struct {
	Role   fonts.Role
	Office string
	Alt    string
	Size   float64 // pt, for the role's usual text
}

// The faces of GB/T 9704: 小标宋 title, 黑体 level-1 headings, 楷体 level-2
// headings, 仿宋 body, 宋体 tables; Latin text is set in Times New Roman.
// The names come from package fonts (fonts.OfficeName), which also ships
// the free stand-ins the PDF writer draws.
var (
	TitleFace      = face(fonts.Title, TitleSize)
	HeadingFace    = face(fonts.Heading, BodySize)
	SubheadingFace = face(fonts.Subheading, BodySize)
	BodyFace       = face(fonts.Body, BodySize)
	TableFace      = face(fonts.Table, TableSize)
	FooterFace     = face(fonts.Table, FooterSize)
)

func face(r fonts.Role, size float64) Face {
	return Face{Role: r, Office: fonts.OfficeName(r), Alt: fonts.OfficeAltName(r), Size: size}
}

// LatinFont is the face for Latin letters and digits in Word and Excel.
const LatinFont = "Times New Roman"

// FaceOf returns the face of a font role; the fallback role has none.
func FaceOf(r fonts.Role) (Face, bool) {
	for _, f := range []Face{TitleFace, HeadingFace, SubheadingFace, BodyFace, TableFace} {
		if f.Role == r {
			return f, true
		}
	}
	return Face{}, false
}

// Fallbacks lists, for a role, the fonts to try for a character the role's
// font lacks, in order: a face of the same kind first (serif 宋体 for the
// serif 仿宋 and 楷体 body faces, the bold serif title face before it for
// the title), the sans fallback font last, so that a rare character in a
// sentence does not switch to a sans face when a serif one has it.
func Fallbacks(r fonts.Role) []fonts.Role {
	switch r {
	case fonts.Body, fonts.Subheading:
		return []fonts.Role{fonts.Table, fonts.Fallback}
	case fonts.Title:
		return []fonts.Role{fonts.Table, fonts.Fallback}
	case fonts.Table:
		return []fonts.Role{fonts.Body, fonts.Fallback}
	}
	return []fonts.Role{fonts.Fallback}
}

// Shades of marked table cells (RGB hex), the same in every writer: amber
// for a value the reader doubted, pale red for a value a failed check reads.
const (
	ShadeDoubt = "FFEB9C"
	ShadeFail  = "FFC7CE"
	// FailText is the text colour of failed cells in Excel.
	FailText = "9C0006"
)

// noLineStart are characters that must not begin a line (closing
// punctuation, as GB/T 15834 and the usual CJK line-breaking rules say).
const noLineStart = "，。、；：？！）》」』】〕〉〗”’…—～·％‰℃,.;:?!)]}%"

// noLineEnd are characters that must not end a line (opening punctuation).
const noLineEnd = "（《「『【〔〈〖“‘([{"
