package ooxml

// StyleType is the kind of a style.
type StyleType string

// Style types.
const (
	ParagraphStyle StyleType = "paragraph"
	CharacterStyle StyleType = "character"
	TableStyle     StyleType = "table"
)

// Style is one w:style of styles.xml.
//
// Word recognises its built-in styles by name, not by id: a style named
// "heading 1" (lower case, English) is shown as 标题 1 in a Chinese Word, sits
// in the style gallery and drives the navigation pane. Built-in styles should
// therefore use the built-in name and the usual id ("Heading1"); styles of
// one's own set Custom and may have a Chinese name.
type Style struct {
	Type    StyleType
	ID      string // w:styleId, referenced from paragraphs, runs and tables
	Name    string // w:name
	BasedOn string
	Next    string // style of the paragraph after this one (paragraph styles)
	Link    string // linked paragraph or character style
	// Default makes the style the default of its type (Normal, Default
	// Paragraph Font, Normal Table).
	Default bool
	Custom  bool // not a built-in style
	QFormat bool // shown in the style gallery
	// UIPriority orders the gallery (lower first); 0 writes none.
	UIPriority int
	// SemiHidden hides the style from the gallery until used.
	SemiHidden bool
	Para       *ParaProps
	Run        *RunProps
	Table      *TableProps
}

// DocDefaults are the properties every style starts from (w:docDefaults).
type DocDefaults struct {
	Run  RunProps
	Para ParaProps
}

func writeStyles(x *xw, d *DocDefaults, styles []Style) {
	x.b = append(x.b, xmlHeader...)
	x.start("w:styles", "xmlns:w", nsW)
	x.start("w:docDefaults")
	x.start("w:rPrDefault")
	d.Run.write(x, "")
	x.end("w:rPrDefault")
	x.start("w:pPrDefault")
	d.Para.write(x, "", nil)
	x.end("w:pPrDefault")
	x.end("w:docDefaults")
	for i := range styles {
		s := &styles[i]
		a := []string{"w:type", string(s.Type)}
		if s.Default {
			a = append(a, "w:default", "1")
		}
		if s.Custom {
			a = append(a, "w:customStyle", "1")
		}
		a = append(a, "w:styleId", s.ID)
		x.start("w:style", a...)
		x.val("w:name", s.Name)
		if s.BasedOn != "" {
			x.val("w:basedOn", s.BasedOn)
		}
		if s.Next != "" {
			x.val("w:next", s.Next)
		}
		if s.Link != "" {
			x.val("w:link", s.Link)
		}
		if s.UIPriority > 0 {
			x.val("w:uiPriority", itoa(s.UIPriority))
		}
		if s.SemiHidden {
			x.empty("w:semiHidden")
			x.empty("w:unhideWhenUsed")
		}
		if s.QFormat {
			x.empty("w:qFormat")
		}
		if s.Para != nil {
			s.Para.write(x, "", nil)
		}
		if s.Run != nil {
			s.Run.write(x, "")
		}
		if t := s.Table; t != nil {
			x.start("w:tblPr")
			if t.Border > 0 {
				writeBorders(x, t.Border)
			}
			t.CellMargins.write(x, "w:tblCellMar")
			x.end("w:tblPr")
		}
		x.end("w:style")
	}
	x.end("w:styles")
}

// Font is one entry of the font table (word/fontTable.xml). Word uses it to
// pick a substitute when a font is not installed: AltName first, then a font
// of the same Charset, Family and Pitch.
type Font struct {
	Name    string
	AltName string // e.g. 仿宋 for 仿宋_GB2312, which newer Windows lacks
	// Charset is the Windows character set in hex: "86" GB2312, "00" ANSI.
	Charset string
	Family  string // "roman", "swiss", "modern", "script", "decorative", "auto"
	Pitch   string // "fixed", "variable", "default"
}

func writeFonts(x *xw, fonts []Font) {
	x.b = append(x.b, xmlHeader...)
	x.start("w:fonts", "xmlns:w", nsW)
	for _, f := range fonts {
		x.start("w:font", "w:name", f.Name)
		if f.AltName != "" {
			x.val("w:altName", f.AltName)
		}
		if f.Charset != "" {
			x.val("w:charset", f.Charset)
		}
		if f.Family != "" {
			x.val("w:family", f.Family)
		}
		if f.Pitch != "" {
			x.val("w:pitch", f.Pitch)
		}
		x.end("w:font")
	}
	x.end("w:fonts")
}
