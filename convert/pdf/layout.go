package pdf

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/fonts"
)

// Document is a report laid out on pages: every glyph run, rule and table
// cell with its final position. It is what the painter draws and what the
// golden tests compare (Dump), so layout decisions are reviewed as text.
//
// Coordinates are PDF points (1/72 inch) from the top-left corner of the
// page; a text run's Y is its baseline.
type Document struct {
	Info   Info
	Width  float64 // page width, pt
	Height float64 // page height, pt
	Pages  []*Page
	// Findings are the writer's own observations, such as characters no
	// font can draw; Write passes them to Options.OnFinding.
	Findings []model.Finding
	// Bookmarks are the document outline shown beside the pages: the
	// parts' headings, the tables and the appendix, in reading order.
	Bookmarks []Bookmark

	faces map[fonts.Role]*face // the fonts the boxes refer to
}

// Info is the document metadata written to the PDF's Info dictionary.
type Info struct {
	Title   string
	Author  string // the issuing agency
	Subject string
	Lang    string // the document's language (catalog /Lang), "zh-CN"
	Creator string
	Created time.Time // from Options.Time, so output is reproducible
}

// Bookmark is one entry of the document outline: a title and where it
// points, the top of its heading or table.
type Bookmark struct {
	Title string
	Page  int     // 1-based
	Y     float64 // pt from the top of the page
}

// Page is one page and what is drawn on it, in drawing order.
type Page struct {
	Number int // 1-based, as printed in the footer
	Boxes  []Box
}

// Box is one thing drawn on a page: *Text, *Cell or *Missing.
type Box interface {
	dump(w io.Writer)
}

// Text is a run of characters in one font at one size, on one baseline.
type Text struct {
	X, Y float64 // left end of the baseline
	Font fonts.Role
	Size float64 // pt
	// Spacing is extra space after every character (PDF Tc), used to
	// justify a line to the full measure.
	Spacing float64
	Width   float64 // advance of the run, spacing included
	Text    string
}

// Cell is the ruled rectangle of a table cell (or of the part of a
// row-spanning cell that falls on this page); the table's rules are the
// cells' borders, drawn 0.5 pt wide.
type Cell struct {
	X, Y, W, H float64 // top-left corner and size
	Table      string  // "t2", "t3", "t4"
	Row, Col   int     // zero-based grid position of the spec cell
	Rows, Cols int     // spans drawn on this page
	Role       string  // the spec cell's role (banner, header, label, note, value)
	Key        string  // field key of a value cell
	// Fill is the shade (RGB hex) of a marked value: a doubtful one, or
	// one a failed check reads; "" for none.
	Fill string
}

// Missing marks a character no available font can draw: a visible box
// where it belongs, reported as a finding too.
type Missing struct {
	X, Y, W, H float64 // the box, top-left corner and size
	Char       rune
}

func (t *Text) dump(w io.Writer) {
	fmt.Fprintf(w, "  text %s,%s %s %s", num(t.X), num(t.Y), t.Font, num(t.Size))
	if t.Spacing != 0 {
		fmt.Fprintf(w, " tc=%s", num(t.Spacing))
	}
	fmt.Fprintf(w, " w=%s %s\n", num(t.Width), strconv.Quote(t.Text))
}

func (c *Cell) dump(w io.Writer) {
	fmt.Fprintf(w, "  cell %s,%s %sx%s %s[%d,%d]", num(c.X), num(c.Y), num(c.W), num(c.H), c.Table, c.Row, c.Col)
	if c.Rows != 1 || c.Cols != 1 {
		fmt.Fprintf(w, " span=%dx%d", c.Rows, c.Cols)
	}
	fmt.Fprintf(w, " %s", c.Role)
	if c.Key != "" {
		fmt.Fprintf(w, " %s", c.Key)
	}
	if c.Fill != "" {
		fmt.Fprintf(w, " fill=%s", c.Fill)
	}
	fmt.Fprintln(w)
}

func (m *Missing) dump(w io.Writer) {
	fmt.Fprintf(w, "  missing %s,%s %sx%s U+%04X\n", num(m.X), num(m.Y), num(m.W), num(m.H), m.Char)
}

// num formats a coordinate with two decimals, the precision the painter writes.
func num(v float64) string {
	s := strconv.FormatFloat(v, 'f', 2, 64)
	if s == "-0.00" {
		s = "0.00"
	}
	return s
}

// Dump writes the layout as stable, human-readable text: one line per box,
// pages in order. Golden tests compare it; a diff shows what moved.
func (d *Document) Dump(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "govreport pdf layout 1\n")
	fmt.Fprintf(&b, "size %sx%s\n", num(d.Width), num(d.Height))
	fmt.Fprintf(&b, "title %s\n", strconv.Quote(d.Info.Title))
	fmt.Fprintf(&b, "author %s\n", strconv.Quote(d.Info.Author))
	fmt.Fprintf(&b, "subject %s\n", strconv.Quote(d.Info.Subject))
	fmt.Fprintf(&b, "lang %s\n", d.Info.Lang)
	fmt.Fprintf(&b, "created %s\n", d.Info.Created.UTC().Format(time.RFC3339))
	for _, f := range d.Findings {
		fmt.Fprintf(&b, "finding %s %s %s\n", f.ID, f.Status, strconv.Quote(f.Message))
	}
	for _, m := range d.Bookmarks {
		fmt.Fprintf(&b, "bookmark %d %s %s\n", m.Page, num(m.Y), strconv.Quote(m.Title))
	}
	for _, p := range d.Pages {
		fmt.Fprintf(&b, "page %d\n", p.Number)
		for _, bx := range p.Boxes {
			bx.dump(&b)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// DumpString is Dump into a string.
func (d *Document) DumpString() string {
	var b strings.Builder
	_ = d.Dump(&b)
	return b.String()
}
