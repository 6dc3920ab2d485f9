package grid

import (
	"strings"

	"github.com/govreport/govreport/convert/input"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/text"
)

// Render turns the document into the text the text reader reads: one line
// per paragraph line, one "| a | b |" line per table row (a "|" inside a
// cell becomes "｜"; line breaks inside a cell are joined, since a label
// wrapped in its cell is one label), with the source map of every line and
// cell. Rows without cells are left out.
func Render(doc *Document) (string, text.Source) {
	var b strings.Builder
	var src text.Source
	hasLines := false
	for _, bl := range doc.Blocks {
		if bl.Pos.Line > 0 {
			hasLines = true
			break
		}
	}
	emit := func(s string, p Pos, cells []string) {
		b.WriteString(s)
		b.WriteByte('\n')
		n := p.Line
		if !hasLines || n == 0 {
			// Sources without lines (PDF, Word) still need distinct line
			// numbers: the text reader groups a row's cells by line.
			n = len(src.Lines) + 1
		}
		src.Lines = append(src.Lines, n)
		src.Cells = append(src.Cells, cells)
	}
	for _, bl := range doc.Blocks {
		switch bl.Kind {
		case Paragraph:
			for _, l := range strings.Split(bl.Text, "\n") {
				if l = strings.TrimSpace(l); l != "" {
					emit(l, bl.Pos, nil)
				}
			}
		case TableBlock:
			if bl.Table == nil {
				continue
			}
			for _, row := range bl.Table.Rows {
				if len(row) == 0 {
					continue
				}
				texts := make([]string, len(row))
				var refs []string
				for j, c := range row {
					texts[j] = cellText(c.Text)
					if r := c.Pos.String(); r != "" {
						if refs == nil {
							refs = make([]string, len(row))
						}
						refs[j] = r
					}
				}
				p := row[0].Pos
				if p.Line == 0 {
					p.Line = bl.Pos.Line
				}
				emit("| "+strings.Join(texts, " | ")+" |", p, refs)
			}
		}
	}
	return b.String(), src
}

// cellText is a cell's text on one line: lines joined (without a space
// between Han characters, with one between other words), pipes replaced.
func cellText(s string) string {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "\n") {
		parts := strings.Split(s, "\n")
		var b strings.Builder
		for i, p := range parts {
			p = strings.TrimSpace(p)
			if p == "" {
				continue
			}
			if i > 0 && b.Len() > 0 && needsSpace(b.String(), p) {
				b.WriteByte(' ')
			}
			b.WriteString(p)
		}
		s = b.String()
	}
	return strings.ReplaceAll(s, "|", "｜")
}

// needsSpace reports whether two joined pieces of a wrapped cell need a
// space between them: only between two Latin letters or digits.
func needsSpace(a, b string) bool {
	x, y := a[len(a)-1], b[0]
	isWord := func(c byte) bool {
		return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
	}
	return isWord(x) && isWord(y)
}

// Read turns a grid document into the report model: Render, then the text
// reader with the source map. Cells keep their source positions as Ref;
// for sources without lines (PDF, Word) the cells' and findings' Line is 0.
func Read(doc *Document, o input.Options) (*model.Report, error) {
	s, src := Render(doc)
	rep, err := text.ReadMapped(s, src, o)
	if err != nil {
		return nil, err
	}
	hasLines := false
	for _, bl := range doc.Blocks {
		if bl.Pos.Line > 0 {
			hasLines = true
			break
		}
	}
	if !hasLines {
		for _, c := range rep.Cells {
			c.Line = 0
		}
		for i := range rep.Findings {
			rep.Findings[i].Line = 0
		}
		for i := range rep.Parts {
			rep.Parts[i].Line = 0
		}
		for i := range rep.Meta.YearSources {
			rep.Meta.YearSources[i].Line = 0
		}
	}
	if doc.Layout != "" {
		rep.Meta.Layout = doc.Layout
	}
	rep.Meta.Encoding = doc.Encoding
	if rep.Meta.Title == "" && doc.TitleHint != "" {
		rep.Meta.Title = strings.TrimSpace(doc.TitleHint)
	}
	for _, f := range doc.Findings {
		rep.AddFinding(f)
	}
	return rep, nil
}
