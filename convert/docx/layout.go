package docx

import (
	"fmt"
	"math"
	"strings"

	"github.com/govreport/govreport/convert/docx/ooxml"
	"github.com/govreport/govreport/convert/outline"
	"github.com/govreport/govreport/templates"
)

// layout renders the document outline as WordprocessingML: the title, the
// body blocks (headings, paragraphs, tables, signature) and, when asked,
// the appendix.
func (b *builder) layout(d *outline.Document) {
	b.agency = b.clean("机关名称", nil, 0, d.Info.Author)
	// A title built from the agency name carries the agency's characters:
	// report them once, under the agency.
	b.titleWhere = "标题"
	if OneLineEmpty(b.r.Meta.Title) {
		b.titleWhere = "机关名称"
	}
	b.title = b.clean(b.titleWhere, nil, 0, d.Info.Title)
	b.titleBlock(d.Title)
	for _, blk := range d.Blocks {
		switch x := blk.(type) {
		case *outline.Heading:
			b.add(ooxml.Paragraph{Style: styleHeading1, Runs: []ooxml.Run{{Text: b.clean(x.Where, nil, x.Line, x.Text)}}})
		case *outline.Paragraph:
			b.paragraph(x)
		case *outline.Table:
			b.table(x)
		case *outline.Signature:
			b.signature(b.clean("机关名称", nil, 0, x.Agency), b.clean("落款", nil, 0, x.Date))
		}
	}
	if d.Appendix != nil {
		// As the PDF does, the appendix ends with the writer's own
		// findings (characters Word cannot hold).
		b.appendix(d.Appendix.With(b.own))
	}
}

// OneLineEmpty reports whether s has no text once joined and trimmed.
func OneLineEmpty(s string) bool { return outline.OneLine(s) == "" }

func (b *builder) add(blocks ...ooxml.Block) { b.body = append(b.body, blocks...) }

// titleBlock adds the title, broken into the outline's lines (line breaks
// within one Title paragraph), with the blank line GB/T 9704 puts under it.
func (b *builder) titleBlock(t outline.Title) {
	lines := make([]string, len(t.Lines))
	for i, l := range t.Lines {
		lines[i] = b.clean(b.titleWhere, nil, 0, l)
	}
	b.add(ooxml.Paragraph{Style: styleTitle,
		Props: ooxml.ParaProps{Spacing: &ooxml.Spacing{After: linePitch, Line: titleLine, LineRule: "exact"}},
		Runs:  []ooxml.Run{{Text: strings.Join(lines, "\n")}}})
}

// paragraph adds prose. A sub-head （一）… alone becomes a level-2 heading;
// run in before the rest of its paragraph, it is set in the heading's
// character style.
func (b *builder) paragraph(p *outline.Paragraph) {
	head := b.clean(p.Where, nil, p.Line, p.SubHead)
	text := b.clean(p.Where, nil, p.Line, p.Text)
	switch {
	case head == "" && text == "":
	case head == "":
		b.add(ooxml.Paragraph{Runs: []ooxml.Run{{Text: text}}})
	case text == "":
		b.add(ooxml.Paragraph{Style: styleHeading2, Runs: []ooxml.Run{{Text: head}}})
	default:
		b.add(ooxml.Paragraph{Runs: []ooxml.Run{{Style: styleHeading2Char, Text: head}, {Text: text}}})
	}
}

// table adds one official table, drawn from the resolved spec grid: a cell
// covering several columns gets w:gridSpan, one covering several rows a
// vertical merge (restart in its first row, continue below). Marked values
// carry their symbol and shade; the notes follow the table.
func (b *builder) table(ot *outline.Table) {
	t := ot.Spec
	tb := ooxml.Table{Style: styleTableGrid, Grid: gridTwips(t.Widths, textWidth)}
	for r := 0; r < t.NRows; r++ {
		row := ooxml.Row{Header: r < t.HeaderRows, CantSplit: true, MinHeight: rowHeight}
		for c := 0; c < t.Cols; {
			ci := t.Grid[r][c]
			p := t.Cells[ci]
			cell := ooxml.Cell{Span: p.ColSpan, VAlign: "center"}
			c = p.Col + p.ColSpan
			if p.RowSpan > 1 {
				cell.Merge = ooxml.MergeRestart
				if p.Row != r {
					cell.Merge = ooxml.MergeContinue
					row.Cells = append(row.Cells, cell)
					continue
				}
			}
			oc := &ot.Cells[ci]
			style, text := styleTableText, oc.Text
			switch p.Role {
			case templates.RoleBanner, templates.RoleHeader:
				style = styleTableHead
				text = labelText(tb.Grid, p)
			case templates.RoleLabel, templates.RoleNote:
				style = styleTableLabel
				text = labelText(tb.Grid, p)
			case templates.RoleValue:
				text = b.clean(oc.Where, oc.Keys, oc.Line, text) + oc.Mark.Symbol()
				cell.Shade = oc.Mark.Shade()
			}
			para := ooxml.Paragraph{Style: style}
			if text != "" {
				para.Runs = []ooxml.Run{{Text: text}}
			}
			cell.Paragraphs = []ooxml.Paragraph{para}
			row.Cells = append(row.Cells, cell)
		}
		tb.Rows = append(tb.Rows, row)
	}
	b.add(tb)
	for _, n := range ot.Notes {
		b.add(ooxml.Paragraph{Style: styleTableNote, Runs: []ooxml.Run{{Text: b.clean(ot.Name+"的注", nil, 0, n)}}})
	}
}

// labelText is a label or header cell's text with the line breaks of
// outline.LabelLines for the cell's width: in 五号 characters (condensed
// as body text is), with a little to spare, since Word breaks a line that
// is a hair too long.
func labelText(grid []int, p templates.Placed) string {
	w := 0
	for _, g := range grid[p.Col : p.Col+p.ColSpan] {
		w += g
	}
	ems := 0.97 * float64(w-2*cellPadX) / 20 / (outline.TableSize + float64(condense)/20)
	return strings.Join(outline.LabelLines(p.Text, ems), "\n")
}

// rowHeight is the minimum table row height: 7 mm, roomy for one line of 五号.
var rowHeight = ooxml.Millimetres(7)

// gridTwips scales relative widths to total twips, rounding so that the
// columns add up to total exactly.
func gridTwips(widths []float64, total int) []int {
	sum := 0.0
	for _, w := range widths {
		sum += w
	}
	out := make([]int, len(widths))
	acc, used := 0.0, 0
	for i, w := range widths {
		acc += w
		end := int(acc/sum*float64(total) + 0.5)
		out[i] = end - used
		used = end
	}
	return out
}

// signature adds the closing block as the PDF sets it (GB/T 9704 §7.3.5):
// after a blank line, the date four characters in from the right margin and
// the agency centred above it, flush right when it is too long for that.
// Word breaks the lines, so the centring uses the outline's width estimate.
func (b *builder) signature(agency, date string) {
	wa, wd := outline.Ems(agency), outline.Ems(date)
	dateIn := 4.0
	agencyIn := dateIn + (wd-wa)/2
	if date == "" {
		agencyIn = dateIn
	}
	agencyIn = max(agencyIn, 0)
	first := true
	for _, s := range []struct {
		text string
		in   float64
	}{{agency, agencyIn}, {date, dateIn}} {
		if s.text == "" {
			continue
		}
		p := ooxml.Paragraph{Style: styleSignature, Runs: []ooxml.Run{{Text: s.text}}}
		p.Props.Indent = &ooxml.Indent{Right: int(math.Round(s.in * charPitch)), RightChars: int(math.Round(s.in * 100))}
		if first {
			p.Props.Spacing = &ooxml.Spacing{Before: linePitch, Line: linePitch, LineRule: "exact"}
			first = false
		}
		b.add(p)
	}
}

// appendix adds the outline's appendix on a page of its own: each entry in
// plain Chinese, its check id in small print.
func (b *builder) appendix(a *outline.Appendix) {
	b.add(ooxml.Paragraph{Style: styleHeading1, Props: ooxml.ParaProps{PageBreakBefore: true},
		Runs: []ooxml.Run{{Text: a.Heading}}})
	if len(a.Items) == 0 {
		b.add(ooxml.Paragraph{Runs: []ooxml.Run{{Text: a.Empty}}})
		return
	}
	for i, it := range a.Items {
		msg := b.clean(fmt.Sprintf("检查结果第 %d 条", i+1), nil, 0, it.Text)
		b.add(ooxml.Paragraph{Runs: []ooxml.Run{
			{Text: fmt.Sprintf("%d.【%s】%s", i+1, it.Label, msg)},
			{Text: "（" + it.ID + "）", Props: ooxml.RunProps{Size: sizeNote}},
		}})
	}
}
