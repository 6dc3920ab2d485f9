package html

import (
	"bytes"
	"strconv"
	"strings"

	xhtml "golang.org/x/net/html"

	"github.com/govreport/govreport/convert/grid"
	"github.com/govreport/govreport/convert/input"
	"github.com/govreport/govreport/convert/model"
)

// Layout is the model's Meta.Layout for HTML input.
const Layout = "html"

// Sniff reports whether decoded-or-raw bytes look like HTML: a tag such as
// <html>, <!doctype>, <body>, <p>, <div> or <table> before any other text.
func Sniff(head []byte) bool {
	h := bytes.TrimLeft(bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF}), " \t\r\n")
	if len(h) == 0 || h[0] != '<' {
		return false
	}
	l := bytes.ToLower(h[:min(len(h), 512)])
	for _, t := range []string{"<!doctype html", "<html", "<head", "<body", "<p", "<div", "<table", "<meta", "<span", "<h1", "<h2", "<!--"} {
		if bytes.HasPrefix(l, []byte(t)) {
			return true
		}
	}
	return false
}

// Read decodes the HTML page in b and reads the report in it: the page
// becomes a grid document (paragraphs and table rows, with source lines),
// read by the shared grid step.
func Read(b []byte, o input.Options) (*model.Report, error) {
	s, enc, err := input.Decode(b, o)
	if err != nil {
		return nil, err
	}
	doc := Parse(s)
	doc.Encoding = string(enc)
	rep, err := grid.Read(doc, o)
	if rep != nil {
		// Stray non-UTF-8 bytes (a GBK word in a UTF-8 page) were decoded
		// around; say where.
		for _, f := range input.StrayFindings(b, enc) {
			rep.AddFinding(f)
		}
	}
	return rep, err
}

// Render renders an HTML document to the text the grid step reads, with
// the 1-based source line of each rendered line (for tests and fuzzing).
func Render(s string) (string, []int) {
	out, src := grid.Render(Parse(s))
	return out, src.Lines
}

// blockTags end the current line of text.
var blockTags = map[string]bool{
	"p": true, "div": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"li": true, "ul": true, "ol": true, "section": true, "article": true, "blockquote": true, "center": true,
	"table": true, "title": true, "header": true, "footer": true, "pre": true, "dd": true, "dt": true, "hr": true,
}

// skipTags hold no report text.
var skipTags = map[string]bool{"script": true, "style": true, "noscript": true, "template": true, "svg": true}

// renderer turns HTML tokens into paragraph blocks and table rows.
type renderer struct {
	doc     grid.Document
	table   *grid.Table // the table rows are added to, nil outside tables
	cur     strings.Builder
	curLine int
	srcLine int
	skip    int
	inCell  bool
	cell    strings.Builder
	span    [2]int // rowspan, colspan of the open cell
	cellAt  int    // source line of the open cell
	row     []grid.Cell
	inRow   bool
	rowLine int
}

// Parse turns an HTML document into a grid document: one paragraph per
// block of text (p, div, br, headings …), one table row per tr, each with
// the 1-based source line it started on. Spans are recorded on the cells;
// covered positions are not repeated.
func Parse(s string) *grid.Document {
	rd := &renderer{srcLine: 1}
	rd.doc.Layout = Layout
	z := xhtml.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		raw := z.Raw()
		startLine := rd.srcLine
		rd.srcLine += bytes.Count(raw, []byte{'\n'})
		switch tt {
		case xhtml.ErrorToken:
			rd.flush()
			rd.endRow()
			return &rd.doc
		case xhtml.TextToken:
			if rd.skip > 0 {
				continue
			}
			t := collapse(string(z.Text()))
			if t == "" {
				continue
			}
			if rd.inCell {
				rd.cell.WriteString(t)
				continue
			}
			if rd.cur.Len() == 0 {
				rd.curLine = startLine + leadingNewlines(string(raw))
			}
			rd.cur.WriteString(t)
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			tag := string(name)
			var span [2]int
			if hasAttr && (tag == "td" || tag == "th") {
				span = spans(z)
			}
			switch {
			case skipTags[tag]:
				if tt == xhtml.StartTagToken {
					rd.skip++
				}
			case tag == "tr":
				rd.flush()
				rd.endRow()
				rd.inRow, rd.rowLine = true, startLine
			case tag == "td" || tag == "th":
				if !rd.inRow {
					rd.flush()
					rd.inRow, rd.rowLine = true, startLine
				}
				rd.endCell()
				rd.inCell = true
				rd.cellAt = startLine
				rd.span = span
			case tag == "br":
				if !rd.inCell {
					rd.flush()
				}
			case blockTags[tag]:
				if !rd.inCell {
					rd.flush()
				}
			}
		case xhtml.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			switch {
			case skipTags[tag]:
				if rd.skip > 0 {
					rd.skip--
				}
			case tag == "td" || tag == "th":
				rd.endCell()
			case tag == "tr":
				rd.endRow()
			case tag == "table":
				rd.endRow()
				rd.table = nil
			case blockTags[tag]:
				if !rd.inCell {
					rd.flush()
				}
			}
		}
	}
}

// flush ends the current text line.
func (rd *renderer) flush() {
	if t := strings.TrimSpace(rd.cur.String()); t != "" {
		rd.doc.Blocks = append(rd.doc.Blocks, grid.Block{Kind: grid.Paragraph, Text: t, Pos: grid.Pos{Line: rd.curLine}})
		// Text between rows ends the table the rows belong to.
		rd.table = nil
	}
	rd.cur.Reset()
}

func (rd *renderer) endCell() {
	if !rd.inCell {
		return
	}
	c := strings.TrimSpace(rd.cell.String())
	rd.row = append(rd.row, grid.Cell{Text: c, RowSpan: rd.span[0], ColSpan: rd.span[1], Pos: grid.Pos{Line: rd.cellAt}})
	rd.cell.Reset()
	rd.inCell = false
}

// endRow adds the current row to the open table (starting one when needed).
// A cell holding only U+00A0 stays a blank cell.
func (rd *renderer) endRow() {
	rd.endCell()
	if rd.inRow && len(rd.row) > 0 {
		if rd.table == nil {
			rd.doc.Blocks = append(rd.doc.Blocks, grid.Block{Kind: grid.TableBlock, Table: &grid.Table{Pos: grid.Pos{Line: rd.rowLine}}, Pos: grid.Pos{Line: rd.rowLine}})
			rd.table = rd.doc.Blocks[len(rd.doc.Blocks)-1].Table
		}
		row := append([]grid.Cell(nil), rd.row...)
		row[0].Pos.Line = rd.rowLine
		rd.table.Rows = append(rd.table.Rows, row)
	}
	rd.row = rd.row[:0]
	rd.inRow = false
}

// maxSpan caps rowspan/colspan: the official tables have at most 13
// columns and 30 rows, and hostile pages must not blow up a grid.
const maxSpan = 100

// spans reads the rowspan and colspan attributes of the current td/th
// (0 when absent or unreadable).
func spans(z *xhtml.Tokenizer) [2]int {
	var out [2]int
	for {
		k, v, more := z.TagAttr()
		i := -1
		switch string(k) {
		case "rowspan":
			i = 0
		case "colspan":
			i = 1
		}
		if i >= 0 {
			if n, err := strconv.Atoi(strings.TrimSpace(string(v))); err == nil && n > 1 {
				out[i] = min(n, maxSpan)
			}
		}
		if !more {
			return out
		}
	}
}

// collapse removes the layout white space of HTML source: runs containing a
// line break vanish (Chinese text has no spaces between words), other runs
// become one space. U+00A0 (&nbsp;) is kept: it marks a blank cell.
func collapse(s string) string {
	if !strings.ContainsAny(s, " \t\r\n") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			j, nl := i, false
			for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r' || s[j] == '\n') {
				nl = nl || s[j] == '\n'
				j++
			}
			if !nl && i > 0 && j < len(s) {
				b.WriteByte(' ')
			}
			i = j
			continue
		}
		b.WriteByte(c)
		i++
	}
	return b.String()
}

func leadingNewlines(s string) int {
	n := 0
	for _, c := range s {
		switch c {
		case '\n':
			n++
		case ' ', '\t', '\r':
		default:
			return n
		}
	}
	return n
}
