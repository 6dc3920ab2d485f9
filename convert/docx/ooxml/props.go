package ooxml

// Toggle is a property that may be inherited, switched on or switched off.
type Toggle int8

const (
	// Inherit leaves the property to the style hierarchy (nothing is written).
	Inherit Toggle = iota
	// On sets the property.
	On
	// Off clears the property, overriding a style that sets it.
	Off
)

// Fonts names the typefaces of a run. Word picks the face per character:
// Chinese characters use EastAsia, Latin letters and digits use ASCII.
type Fonts struct {
	ASCII    string // w:ascii, w:hAnsi and w:cs; "" inherits
	EastAsia string // w:eastAsia; "" inherits
}

// RunProps is character formatting (w:rPr).
type RunProps struct {
	Fonts Fonts
	Size  int // font size in half-points (w:sz, w:szCs): 32 is 16 pt; 0 inherits
	Bold  Toggle
	Kern  int // kerning threshold in half-points (w:kern); 0 writes nothing
	// Spacing is extra space after each character in twentieths of a
	// point (w:spacing; negative condenses); 0 writes nothing.
	Spacing int
	// Lang is the language of Latin text (w:lang w:val), LangEastAsia that of
	// Chinese text (w:lang w:eastAsia). Both "" write nothing.
	Lang, LangEastAsia string
}

func (p *RunProps) empty() bool {
	return *p == RunProps{}
}

// write writes <w:rPr> unless it would be empty; style is a character style id.
func (p *RunProps) write(x *xw, style string) {
	if style == "" && (p == nil || p.empty()) {
		return
	}
	x.start("w:rPr")
	if style != "" {
		x.val("w:rStyle", style)
	}
	if p != nil {
		if f := p.Fonts; f != (Fonts{}) {
			var a []string
			if f.ASCII != "" {
				a = append(a, "w:ascii", f.ASCII, "w:hAnsi", f.ASCII)
			}
			if f.EastAsia != "" {
				a = append(a, "w:eastAsia", f.EastAsia)
			}
			if f.ASCII != "" {
				a = append(a, "w:cs", f.ASCII)
			}
			x.empty("w:rFonts", a...)
		}
		switch p.Bold {
		case On:
			x.empty("w:b")
			x.empty("w:bCs")
		case Off:
			x.val("w:b", "0")
			x.val("w:bCs", "0")
		}
		if p.Spacing != 0 {
			x.val("w:spacing", itoa(p.Spacing))
		}
		if p.Kern > 0 {
			x.val("w:kern", itoa(p.Kern))
		}
		if p.Size > 0 {
			x.val("w:sz", itoa(p.Size))
			x.val("w:szCs", itoa(p.Size))
		}
		if p.Lang != "" || p.LangEastAsia != "" {
			var a []string
			if p.Lang != "" {
				a = append(a, "w:val", p.Lang)
			}
			if p.LangEastAsia != "" {
				a = append(a, "w:eastAsia", p.LangEastAsia)
			}
			x.empty("w:lang", a...)
		}
	}
	x.end("w:rPr")
}

// Spacing is the space around and between a paragraph's lines (w:spacing), in twips.
type Spacing struct {
	Before, After int
	// Line is the line pitch: with LineRule "exact" or "atLeast" in twips, with
	// "auto" in 240ths of a line. 0 writes no line spacing.
	Line     int
	LineRule string
}

// Indent is paragraph indentation (w:ind). The *Chars fields are in hundredths
// of a character of the paragraph's font (200 = two characters, the Chinese
// first-line indent); Word prefers them over the twips fields, LibreOffice may
// only read the twips, so set both. Every field is written, so zero values
// override an inherited indent.
type Indent struct {
	Left, Right, FirstLine                int // twips
	LeftChars, RightChars, FirstLineChars int // hundredths of a character
}

// ParaProps is paragraph formatting (w:pPr).
type ParaProps struct {
	KeepNext, KeepLines, PageBreakBefore bool
	WidowControl                         Toggle
	// SnapToGrid says whether lines snap to the section's document grid.
	// Table text should not: a grid pitch sized for body text doubles the
	// height of every table row.
	SnapToGrid Toggle
	Spacing    *Spacing
	Indent     *Indent
	Align      string // w:jc: "left", "center", "right", "both"; "" inherits
	// Outline is the 1-based outline level (navigation pane, table of
	// contents); 0 writes none.
	Outline int
}

// write writes <w:pPr> unless it would be empty. Children follow the order
// of CT_PPr, which Word enforces.
func (p *ParaProps) write(x *xw, style string, run *RunProps) {
	empty := p == nil || (!p.KeepNext && !p.KeepLines && !p.PageBreakBefore && p.WidowControl == Inherit &&
		p.SnapToGrid == Inherit && p.Spacing == nil && p.Indent == nil && p.Align == "" && p.Outline == 0)
	if style == "" && empty && (run == nil || run.empty()) {
		return
	}
	x.start("w:pPr")
	if style != "" {
		x.val("w:pStyle", style)
	}
	if !empty {
		if p.KeepNext {
			x.empty("w:keepNext")
		}
		if p.KeepLines {
			x.empty("w:keepLines")
		}
		if p.PageBreakBefore {
			x.empty("w:pageBreakBefore")
		}
		toggle(x, "w:widowControl", p.WidowControl)
		toggle(x, "w:snapToGrid", p.SnapToGrid)
		if s := p.Spacing; s != nil {
			a := []string{"w:before", itoa(s.Before), "w:after", itoa(s.After)}
			if s.Line > 0 {
				rule := s.LineRule
				if rule == "" {
					rule = "auto"
				}
				a = append(a, "w:line", itoa(s.Line), "w:lineRule", rule)
			}
			x.empty("w:spacing", a...)
		}
		if in := p.Indent; in != nil {
			x.empty("w:ind",
				"w:leftChars", itoa(in.LeftChars), "w:left", itoa(in.Left),
				"w:rightChars", itoa(in.RightChars), "w:right", itoa(in.Right),
				"w:firstLineChars", itoa(in.FirstLineChars), "w:firstLine", itoa(in.FirstLine))
		}
		if p.Align != "" {
			x.val("w:jc", p.Align)
		}
		if p.Outline > 0 {
			x.val("w:outlineLvl", itoa(p.Outline-1))
		}
	}
	if run != nil {
		run.write(x, "")
	}
	x.end("w:pPr")
}

func toggle(x *xw, name string, t Toggle) {
	switch t {
	case On:
		x.empty(name)
	case Off:
		x.val(name, "0")
	}
}

// TableProps is the formatting a table style gives its tables.
type TableProps struct {
	// Border is the width of the single-line borders around and between all
	// cells in eighths of a point (4 = ½ pt); 0 draws none.
	Border int
	// CellMargins are the default cell margins in twips.
	CellMargins Margins4
}

// Margins4 are four margins in twips.
type Margins4 struct{ Top, Left, Bottom, Right int }

func (m Margins4) write(x *xw, name string) {
	x.start(name)
	x.empty("w:top", "w:w", itoa(m.Top), "w:type", "dxa")
	x.empty("w:left", "w:w", itoa(m.Left), "w:type", "dxa")
	x.empty("w:bottom", "w:w", itoa(m.Bottom), "w:type", "dxa")
	x.empty("w:right", "w:w", itoa(m.Right), "w:type", "dxa")
	x.end(name)
}

func writeBorders(x *xw, width int) {
	x.start("w:tblBorders")
	for _, side := range []string{"w:top", "w:left", "w:bottom", "w:right", "w:insideH", "w:insideV"} {
		x.empty(side, "w:val", "single", "w:sz", itoa(width), "w:space", "0", "w:color", "000000")
	}
	x.end("w:tblBorders")
}
