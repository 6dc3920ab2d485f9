// Package grid is the shared step from a document of paragraphs and table
// grids to the report model. Readers whose source has real table cells
// (HTML, PDF, Word) build a Document — blocks in reading order, each table
// a grid of cells with spans and source positions — and call Read. Label
// matching, spans, edition detection, metadata and findings are then the
// text reader's, written once: Read renders the document to lines (a
// paragraph per line, a table row per "| a | b |" pipe row) and maps every
// line and cell back to its source position, so the model's cells point at
// the page, table cell or line they came from.
package grid

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/govreport/govreport/convert/model"
)

// Pos is where a block or cell came from in its source. Zero fields are
// unknown or not applicable.
type Pos struct {
	Line  int // 1-based source line (HTML)
	Page  int // 1-based page (PDF)
	Table int // 1-based table number in the document (Word, PDF)
	Row   int // 1-based row in that table
	Col   int // 1-based column in that table (grid column)
	// X, Y locate a PDF cell: the top-left corner in points from the page's
	// top-left corner.
	X, Y float64
}

// IsZero reports whether nothing is known of the position.
func (p Pos) IsZero() bool { return p == Pos{} }

// String is the position for people, in Chinese: "第3页 表2 第4行第3列".
// It is what a model cell's Ref holds; an HTML line position gives "" (the
// cell's Line says it).
func (p Pos) String() string {
	var b []string
	if p.Page > 0 {
		b = append(b, "第"+strconv.Itoa(p.Page)+"页")
	}
	if p.Table > 0 {
		s := "表格" + strconv.Itoa(p.Table)
		if p.Row > 0 {
			s += " 第" + strconv.Itoa(p.Row) + "行"
			if p.Col > 0 {
				s += "第" + strconv.Itoa(p.Col) + "列"
			}
		}
		b = append(b, s)
	} else if p.Page > 0 && (p.X != 0 || p.Y != 0) {
		b = append(b, fmt.Sprintf("(%.0f, %.0f)", p.X, p.Y))
	}
	return strings.Join(b, " ")
}

// Kind is what a block is.
type Kind int

const (
	// Paragraph is a line or paragraph of prose (a heading too; Level says so).
	Paragraph Kind = iota
	// TableBlock is a table grid.
	TableBlock
)

// Block is one paragraph or table of the document, in reading order.
type Block struct {
	Kind Kind
	// Text is the paragraph's text. A paragraph may hold line breaks ("\n")
	// where the source had hard breaks; each becomes its own line.
	Text string
	// Level is the heading's outline level (1 = top) when the source marks
	// it (Word styles, HTML h1–h6), 0 for body text. Headings are still
	// found by their text, as in the text reader; Level is a hint.
	Level int
	Table *Table
	Pos   Pos
}

// Table is a grid of cells, row by row. A spanned cell appears once, in its
// top-left position, with RowSpan/ColSpan set; the positions it covers are
// not repeated in the following rows (as in HTML).
type Table struct {
	Rows [][]Cell
	Pos  Pos
}

// Cell is one table cell as written.
type Cell struct {
	// Text is the cell's text; line breaks inside a cell are kept as "\n"
	// and joined for label matching.
	Text             string
	RowSpan, ColSpan int // 0 or 1 = no span
	Pos              Pos
}

// Document is what a grid reader hands to Read.
type Document struct {
	Blocks []Block
	// Layout names the input layout for Meta.Layout ("html", "pdf-lattice",
	// "docx", …).
	Layout string
	// Encoding is the detected text encoding, for Meta.Encoding ("" when the
	// format fixes it).
	Encoding string
	// TitleHint is a title the container declares (PDF /Info Title, Word
	// core properties); used only when the text has none.
	TitleHint string
	// Findings are the reader's observations about the container that the
	// text cannot show (Word: revisions accepted, embedded objects not
	// read); Read adds them to the report.
	Findings []model.Finding
}
