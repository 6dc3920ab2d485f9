package ooxml

import (
	"fmt"
	"strings"
)

// Block is a body element: a Paragraph or a Table.
type Block interface{ block() }

// Paragraph is a w:p.
type Paragraph struct {
	Style string // paragraph style id; "" is the default (Normal) style
	Props ParaProps
	Runs  []Run
}

func (Paragraph) block() {}

// Run is a w:r: text with one formatting, or a complex field.
type Run struct {
	Style string // character style id
	Props RunProps
	// Text is the run's text. A tab is written as w:tab, a newline as a line
	// break (w:br); carriage returns are ignored.
	Text string
	// Field, when set, makes the run a complex field with this instruction
	// (e.g. "PAGE"); Text is then its cached result, which applications
	// replace when they lay the document out.
	Field string
}

// VMerge is a cell's part in a vertical merge.
type VMerge int8

const (
	// NoMerge is a cell that is not vertically merged.
	NoMerge VMerge = iota
	// MergeRestart is the top cell of a vertical merge; it holds the content.
	MergeRestart
	// MergeContinue is a cell covered by the MergeRestart cell above it; its
	// content is ignored and should be one empty paragraph.
	MergeContinue
)

// Table is a w:tbl with fixed layout.
type Table struct {
	Style string
	// Grid lists the column widths in twips (w:tblGrid); the table is as wide
	// as their sum.
	Grid []int
	Rows []Row
}

func (Table) block() {}

// Row is a w:tr.
type Row struct {
	// Header repeats the row at the top of each page the table continues on
	// (w:tblHeader); only an unbroken run of rows from the top counts.
	Header bool
	// CantSplit keeps the row on one page (w:cantSplit).
	CantSplit bool
	// MinHeight is the row's minimum height in twips; 0 lets content decide.
	MinHeight int
	Cells     []Cell
}

// Cell is a w:tc.
type Cell struct {
	// Span is the number of grid columns the cell covers (w:gridSpan); 0 or 1 is one.
	Span   int
	Merge  VMerge
	VAlign string // "top", "center", "bottom"; "" is top
	// Shade is the cell's background colour as RRGGBB hex (w:shd); "" is none.
	Shade string
	// Paragraphs is the content; a cell always gets at least one paragraph,
	// as the schema requires.
	Paragraphs []Paragraph
}

// writeBody writes the w:body children and the final section properties.
// Blocks may be Paragraph, *Paragraph, Table or *Table values.
func writeBody(x *xw, blocks []Block, sec *Section, footers footerRefs) error {
	endsWithTable := false
	for i, b := range blocks {
		endsWithTable = false
		switch b := b.(type) {
		case Paragraph:
			writeParagraph(x, &b)
		case *Paragraph:
			writeParagraph(x, b)
		case Table:
			if err := writeTable(x, &b); err != nil {
				return fmt.Errorf("block %d: %w", i, err)
			}
			endsWithTable = true
		case *Table:
			if err := writeTable(x, b); err != nil {
				return fmt.Errorf("block %d: %w", i, err)
			}
			endsWithTable = true
		default:
			return fmt.Errorf("block %d: unknown block type %T", i, b)
		}
	}
	// The body must not end with a table (Word reports the file as damaged)
	// and must hold at least one paragraph.
	if len(blocks) == 0 || endsWithTable {
		writeParagraph(x, &Paragraph{})
	}
	sec.write(x, footers)
	return nil
}

func writeParagraph(x *xw, p *Paragraph) {
	x.start("w:p")
	p.Props.write(x, p.Style, nil)
	for i := range p.Runs {
		writeRun(x, &p.Runs[i])
	}
	x.end("w:p")
}

func writeRun(x *xw, r *Run) {
	if r.Field != "" {
		// A complex field: begin, instruction, separate, cached result, end,
		// each in a run of the same formatting.
		fieldRun(x, r, func() { x.empty("w:fldChar", "w:fldCharType", "begin") })
		fieldRun(x, r, func() {
			x.start("w:instrText", "xml:space", "preserve")
			x.text(" " + strings.TrimSpace(r.Field) + " ")
			x.end("w:instrText")
		})
		fieldRun(x, r, func() { x.empty("w:fldChar", "w:fldCharType", "separate") })
		fieldRun(x, r, func() { writeText(x, r.Text) })
		fieldRun(x, r, func() { x.empty("w:fldChar", "w:fldCharType", "end") })
		return
	}
	fieldRun(x, r, func() { writeText(x, r.Text) })
}

func fieldRun(x *xw, r *Run, content func()) {
	x.start("w:r")
	r.Props.write(x, r.Style)
	content()
	x.end("w:r")
}

// writeText writes s as w:t elements, tabs as w:tab and newlines as w:br.
func writeText(x *xw, s string) {
	for s != "" {
		i := strings.IndexAny(s, "\t\n\r")
		seg := s
		if i >= 0 {
			seg = s[:i]
		}
		if seg != "" {
			if seg[0] == ' ' || seg[len(seg)-1] == ' ' {
				x.start("w:t", "xml:space", "preserve")
			} else {
				x.start("w:t")
			}
			x.text(seg)
			x.end("w:t")
		}
		if i < 0 {
			break
		}
		switch s[i] {
		case '\t':
			x.empty("w:tab")
		case '\n':
			x.empty("w:br")
		}
		s = s[i+1:]
	}
}

// check verifies that every row covers the grid exactly and that every
// continued vertical merge sits under a merge of the same width.
func (t *Table) check() error {
	if len(t.Grid) == 0 {
		return fmt.Errorf("table without grid columns")
	}
	type merge struct {
		open bool
		span int
	}
	col := make([]merge, len(t.Grid))
	for r, row := range t.Rows {
		c := 0
		for i, cell := range row.Cells {
			span := max(cell.Span, 1)
			if c+span > len(t.Grid) {
				return fmt.Errorf("row %d cell %d: covers columns %d–%d of a %d-column grid", r, i, c, c+span-1, len(t.Grid))
			}
			switch cell.Merge {
			case MergeContinue:
				if !col[c].open || col[c].span != span {
					return fmt.Errorf("row %d cell %d: continues a vertical merge that does not exist above it", r, i)
				}
			case MergeRestart:
				col[c] = merge{open: true, span: span}
			default:
				col[c] = merge{}
			}
			for k := c + 1; k < c+span; k++ {
				col[k] = merge{}
			}
			c += span
		}
		if c != len(t.Grid) {
			return fmt.Errorf("row %d: covers %d of %d grid columns", r, c, len(t.Grid))
		}
	}
	return nil
}

func writeTable(x *xw, t *Table) error {
	if err := t.check(); err != nil {
		return err
	}
	width := 0
	for _, w := range t.Grid {
		width += w
	}
	x.start("w:tbl")
	x.start("w:tblPr")
	if t.Style != "" {
		x.val("w:tblStyle", t.Style)
	}
	x.empty("w:tblW", "w:w", itoa(width), "w:type", "dxa")
	x.val("w:jc", "center")
	x.empty("w:tblLayout", "w:type", "fixed")
	// Header row and first column get no special look from the style.
	x.empty("w:tblLook", "w:val", "0000", "w:firstRow", "0", "w:lastRow", "0",
		"w:firstColumn", "0", "w:lastColumn", "0", "w:noHBand", "1", "w:noVBand", "1")
	x.end("w:tblPr")
	x.start("w:tblGrid")
	for _, w := range t.Grid {
		x.empty("w:gridCol", "w:w", itoa(w))
	}
	x.end("w:tblGrid")
	for i := range t.Rows {
		row := &t.Rows[i]
		x.start("w:tr")
		if row.Header || row.CantSplit || row.MinHeight > 0 {
			x.start("w:trPr")
			if row.CantSplit {
				x.empty("w:cantSplit")
			}
			if row.MinHeight > 0 {
				x.empty("w:trHeight", "w:val", itoa(row.MinHeight), "w:hRule", "atLeast")
			}
			if row.Header {
				x.empty("w:tblHeader")
			}
			x.end("w:trPr")
		}
		c := 0
		for j := range row.Cells {
			cell := &row.Cells[j]
			span := max(cell.Span, 1)
			w := 0
			for _, g := range t.Grid[c : c+span] {
				w += g
			}
			c += span
			x.start("w:tc")
			x.start("w:tcPr")
			x.empty("w:tcW", "w:w", itoa(w), "w:type", "dxa")
			if span > 1 {
				x.val("w:gridSpan", itoa(span))
			}
			switch cell.Merge {
			case MergeRestart:
				x.val("w:vMerge", "restart")
			case MergeContinue:
				x.empty("w:vMerge")
			}
			if cell.Shade != "" {
				x.empty("w:shd", "w:val", "clear", "w:color", "auto", "w:fill", cell.Shade)
			}
			if cell.VAlign != "" {
				x.val("w:vAlign", cell.VAlign)
			}
			x.end("w:tcPr")
			if len(cell.Paragraphs) == 0 {
				writeParagraph(x, &Paragraph{})
			}
			for k := range cell.Paragraphs {
				writeParagraph(x, &cell.Paragraphs[k])
			}
			x.end("w:tc")
		}
		x.end("w:tr")
	}
	x.end("w:tbl")
	return nil
}

// Section is the page setup of the document's one section (w:sectPr).
// All lengths are in twips (1/1440 inch; 1 mm ≈ 56.69 twips).
type Section struct {
	PageWidth, PageHeight    int
	Top, Right, Bottom, Left int // page margins
	Header, Footer           int // distance of header/footer from the page edge
	// LinePitch, when > 0, sets a document grid with this line pitch: the
	// page holds a fixed number of lines, as Chinese official documents
	// expect (GB/T 9704: 22 lines).
	// The "linesAndChars" type is not used: it also fixes characters per
	// line, which LibreOffice renders with two grid cells per character
	// (condensed character spacing sets 28 characters a line instead).
	LinePitch int
}

func (s *Section) write(x *xw, footers footerRefs) {
	x.start("w:sectPr")
	if footers.odd != "" {
		x.empty("w:footerReference", "w:type", "default", "r:id", footers.odd)
	}
	if footers.even != "" {
		x.empty("w:footerReference", "w:type", "even", "r:id", footers.even)
	}
	x.empty("w:pgSz", "w:w", itoa(s.PageWidth), "w:h", itoa(s.PageHeight))
	x.empty("w:pgMar", "w:top", itoa(s.Top), "w:right", itoa(s.Right), "w:bottom", itoa(s.Bottom),
		"w:left", itoa(s.Left), "w:header", itoa(s.Header), "w:footer", itoa(s.Footer), "w:gutter", "0")
	x.empty("w:cols", "w:space", "425")
	if s.LinePitch > 0 {
		x.empty("w:docGrid", "w:type", "lines", "w:linePitch", itoa(s.LinePitch))
	}
	x.end("w:sectPr")
}

// footerRefs are the relationship ids of the footers a section uses.
type footerRefs struct{ odd, even string }

// Millimetres converts millimetres to twips, rounded.
func Millimetres(mm float64) int {
	return int(mm*1440/25.4 + 0.5)
}
