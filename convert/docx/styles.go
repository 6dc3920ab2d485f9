package docx

import (
	"math"

	"github.com/govreport/govreport/convert/docx/ooxml"
	"github.com/govreport/govreport/convert/outline"
)

// Fonts as Chinese office software (Word, WPS) names them, from the house
// style (outline): the _GB2312 faces are what official-document templates ask
// for; the font table gives each the face newer Windows ships instead (仿宋,
// 楷体) as its alternative name.
var (
	fontLatin = outline.LatinFont
	fontSong  = outline.TableFace.Office
	fontFang  = outline.BodyFace.Office
	fontHei   = outline.HeadingFace.Office
	fontKai   = outline.SubheadingFace.Office
	fontTitle = outline.TitleFace.Office
)

// Page geometry of GB/T 9704-2012 (党政机关公文格式) on A4, in twips.
var (
	pageWidth  = ooxml.Millimetres(outline.PageWidthMM)
	pageHeight = ooxml.Millimetres(outline.PageHeightMM)
	marginTop  = ooxml.Millimetres(outline.MarginTopMM)
	marginBot  = ooxml.Millimetres(outline.MarginBottomMM)
	marginLeft = ooxml.Millimetres(outline.MarginLeftMM)
	marginRt   = ooxml.Millimetres(outline.MarginRightMM)
	// textWidth is the 156 mm text block (210 − 28 − 26 mm).
	textWidth = pageWidth - marginLeft - marginRt
	// The page number's dashes sit 7 mm below the text block; a 14 pt line is
	// about 5 mm tall, so the footer's bottom edge is 35 − 7 − 5 = 23 mm up.
	footerDist = ooxml.Millimetres(outline.MarginBottomMM - outline.FooterDropMM - 5)
	headerDist = ooxml.Millimetres(15)
)

// Type sizes in half-points (号 → pt: 二号 22, 三号 16, 四号 14, 五号 10.5).
const (
	sizeTitle  = int(2 * outline.TitleSize)  // 二号
	sizeBody   = int(2 * outline.BodySize)   // 三号
	sizeFooter = int(2 * outline.FooterSize) // 四号
	sizeTable  = int(2 * outline.TableSize)  // 五号
	sizeNote   = int(2 * outline.NoteSize)   // 小五: check ids in the appendix
)

var (
	// linePitch is the 22-line grid of GB/T 9704: the 225 mm block / 22,
	// rounded down so that 22 lines fit (579 twips ≈ 28.95 pt). Body lines
	// use it as their exact spacing.
	linePitch = ooxml.Millimetres(outline.TextHeightMM) / outline.LinesPerPage
	// charPitch is the 28-character grid: the 156 mm measure / 28 ≈ 315.9
	// twips (15.79 pt), narrower than a 三号 character (16 pt).
	charPitch = float64(textWidth) / outline.CharsPerLine
	// condense is the character spacing of body text in 1/20 pt, rounded
	// down so that 28 condensed 三号 characters always fit the measure:
	// −5 (−0.25 pt, 15.75 pt a character). A "linesAndChars" document grid
	// with w:charSpace would say the same to Word, but LibreOffice gives
	// every 16 pt character two 15.79 pt grid cells (about 14 characters a
	// line, measured); condensing gives 28 a line in both.
	condense = int(math.Floor((charPitch/20 - outline.BodySize) * 20))
	// indent2 is a two-character first-line indent on the grid, in twips.
	indent2 = int(math.Round(2 * charPitch))
)

// titleLine is the exact spacing of title lines: 二号 characters do not fit a
// 28.95 pt line in every font.
const titleLine = 700

// Style ids. Built-in styles keep Word's ids; the table text styles are ours.
const (
	styleNormal       = "Normal"
	styleTitle        = "Title"
	styleHeading1     = "Heading1"
	styleHeading2     = "Heading2"
	styleHeading2Char = "Heading2Char"
	styleSignature    = "Signature"
	styleFooter       = "Footer"
	styleTableGrid    = "TableGrid"
	styleTableText    = "TableText"
	styleTableHead    = "TableHeading"
	styleTableLabel   = "TableLabel"
	styleTableNote    = "TableNote"
)

var noIndent = &ooxml.Indent{}

// bodySpacing is the body's exact line spacing with no space around paragraphs.
var bodySpacing = &ooxml.Spacing{Line: linePitch, LineRule: "exact"}

// docDefaults are what every style starts from: Latin text in Times New
// Roman, Chinese in 宋体, and the document's languages, so that Word checks
// spelling and breaks lines by Chinese rules.
var docDefaults = ooxml.DocDefaults{
	Run: ooxml.RunProps{
		Fonts: ooxml.Fonts{ASCII: fontLatin, EastAsia: fontSong},
		Size:  sizeBody,
		Lang:  "en-US", LangEastAsia: "zh-CN",
	},
}

// styles lists the document's styles. Names of built-in styles are Word's
// English built-in names (Word shows them localised: 正文, 标题, 标题 1…).
var styles = []ooxml.Style{
	{Type: ooxml.ParagraphStyle, ID: styleNormal, Name: "Normal", Default: true, QFormat: true,
		Para: &ooxml.ParaProps{Align: "both", Spacing: bodySpacing, WidowControl: ooxml.Off,
			Indent: &ooxml.Indent{FirstLine: indent2, FirstLineChars: 200}},
		Run: &ooxml.RunProps{Fonts: ooxml.Fonts{ASCII: fontLatin, EastAsia: fontFang}, Size: sizeBody, Spacing: condense}},
	{Type: ooxml.CharacterStyle, ID: "DefaultParagraphFont", Name: "Default Paragraph Font",
		Default: true, UIPriority: 1, SemiHidden: true},
	{Type: ooxml.TableStyle, ID: "TableNormal", Name: "Normal Table", Default: true, UIPriority: 99, SemiHidden: true,
		Table: &ooxml.TableProps{CellMargins: ooxml.Margins4{Left: 108, Right: 108}}},
	{Type: ooxml.ParagraphStyle, ID: styleTitle, Name: "Title", BasedOn: styleNormal, Next: styleNormal,
		UIPriority: 10, QFormat: true,
		Para: &ooxml.ParaProps{Align: "center", Indent: noIndent, KeepNext: true, SnapToGrid: ooxml.Off,
			Spacing: &ooxml.Spacing{Line: titleLine, LineRule: "exact"}},
		Run: &ooxml.RunProps{Fonts: ooxml.Fonts{ASCII: fontTitle, EastAsia: fontTitle}, Size: sizeTitle}},
	{Type: ooxml.ParagraphStyle, ID: styleHeading1, Name: "heading 1", BasedOn: styleNormal, Next: styleNormal,
		UIPriority: 9, QFormat: true,
		Para: &ooxml.ParaProps{KeepNext: true, KeepLines: true, Outline: 1},
		Run:  &ooxml.RunProps{Fonts: ooxml.Fonts{ASCII: fontLatin, EastAsia: fontHei}, Bold: ooxml.Off}},
	{Type: ooxml.ParagraphStyle, ID: styleHeading2, Name: "heading 2", BasedOn: styleNormal, Next: styleNormal,
		Link: styleHeading2Char, UIPriority: 9, QFormat: true,
		Para: &ooxml.ParaProps{KeepNext: true, KeepLines: true, Outline: 2},
		Run:  &ooxml.RunProps{Fonts: ooxml.Fonts{ASCII: fontLatin, EastAsia: fontKai}, Bold: ooxml.Off}},
	// A sub-head run-in with its paragraph's text: （一）主动公开情况。本年度…
	{Type: ooxml.CharacterStyle, ID: styleHeading2Char, Name: "标题 2 字符", Custom: true,
		Link: styleHeading2, UIPriority: 9,
		Run: &ooxml.RunProps{Fonts: ooxml.Fonts{ASCII: fontLatin, EastAsia: fontKai}}},
	{Type: ooxml.ParagraphStyle, ID: styleSignature, Name: "Signature", BasedOn: styleNormal, UIPriority: 99,
		Para: &ooxml.ParaProps{Align: "right", KeepNext: true,
			Indent: &ooxml.Indent{Right: indent2, RightChars: 200}}},
	{Type: ooxml.ParagraphStyle, ID: styleFooter, Name: "footer", BasedOn: styleNormal, UIPriority: 99,
		Para: &ooxml.ParaProps{Align: "center", Indent: noIndent, SnapToGrid: ooxml.Off,
			Spacing: &ooxml.Spacing{Line: 240, LineRule: "auto"}},
		Run: &ooxml.RunProps{Fonts: ooxml.Fonts{ASCII: fontSong, EastAsia: fontSong}, Size: sizeFooter}},
	{Type: ooxml.TableStyle, ID: styleTableGrid, Name: "Table Grid", BasedOn: "TableNormal", UIPriority: 39,
		Table: &ooxml.TableProps{Border: 4, CellMargins: ooxml.Margins4{Left: cellPadX, Right: cellPadX}}},
	// Table text: 宋体 五号, single-spaced and off the document grid, which
	// would otherwise make every row at least 28.95 pt tall.
	{Type: ooxml.ParagraphStyle, ID: styleTableText, Name: "表格文字", Custom: true, BasedOn: styleNormal,
		UIPriority: 39, QFormat: true,
		Para: &ooxml.ParaProps{Align: "center", Indent: noIndent, SnapToGrid: ooxml.Off,
			Spacing: &ooxml.Spacing{Line: 240, LineRule: "auto"}},
		Run: &ooxml.RunProps{Fonts: ooxml.Fonts{ASCII: fontLatin, EastAsia: fontSong}, Size: sizeTable}},
	{Type: ooxml.ParagraphStyle, ID: styleTableHead, Name: "表格表头", Custom: true, BasedOn: styleTableText,
		UIPriority: 39, QFormat: true},
	{Type: ooxml.ParagraphStyle, ID: styleTableLabel, Name: "表格栏目", Custom: true, BasedOn: styleTableText,
		UIPriority: 39, QFormat: true,
		Para: &ooxml.ParaProps{Align: "left"}},
	// Notes under a table (what its marks mean): 宋体 五号, flush left.
	{Type: ooxml.ParagraphStyle, ID: styleTableNote, Name: "表注", Custom: true, BasedOn: styleTableText,
		UIPriority: 39, QFormat: true,
		Para: &ooxml.ParaProps{Align: "both", Spacing: &ooxml.Spacing{Before: 60, Line: 240, LineRule: "auto"}}},
}

// cellPadX is the left and right padding of table cells, so that labels do
// not touch the rules.
var cellPadX = ooxml.Millimetres(outline.CellPadMM)

// fonts is the font table: each face with the alternative Word substitutes
// when it is missing, and its character set (86 = GB2312).
var fonts = []ooxml.Font{
	{Name: fontLatin, Charset: "00", Family: "roman", Pitch: "variable"},
	{Name: fontSong, AltName: outline.TableFace.Alt, Charset: "86", Family: "auto", Pitch: "variable"},
	{Name: fontFang, AltName: outline.BodyFace.Alt, Charset: "86", Family: "modern", Pitch: "fixed"},
	{Name: fontHei, AltName: outline.HeadingFace.Alt, Charset: "86", Family: "modern", Pitch: "fixed"},
	{Name: fontKai, AltName: outline.SubheadingFace.Alt, Charset: "86", Family: "modern", Pitch: "fixed"},
	{Name: fontTitle, AltName: outline.TitleFace.Alt, Charset: "86", Family: "script", Pitch: "fixed"},
}

// section is the page setup: A4 portrait, GB/T 9704 margins, 22-line grid.
var section = ooxml.Section{
	PageWidth: pageWidth, PageHeight: pageHeight,
	Top: marginTop, Bottom: marginBot, Left: marginLeft, Right: marginRt,
	Header: headerDist, Footer: footerDist,
	LinePitch: linePitch,
}
