package docx

import (
	"fmt"
	"strings"

	"github.com/govreport/govreport/convert/docx/ooxml"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/templates"
)

// tableOfPart gives the official table that follows each part's text.
var tableOfPart = [6]string{1: "t2", 2: "t3", 3: "t4"}

// layout builds the body: title, subtitle, preamble, the six parts with
// their tables, the signature and, when asked, the failed checks.
func (b *builder) layout() {
	r := b.r
	agency := b.clean("机关名称", nil, 0, model.CleanText(r.Meta.Agency))
	date := model.ChineseDate(b.clean("发布日期", nil, 0, model.CleanText(r.Meta.Published)))
	b.agency = agency

	b.title = b.clean("标题", nil, 0, model.CleanText(r.Meta.Title))
	if b.title == "" {
		b.title = model.DefaultTitle(r.Meta.Year, agency)
	}
	b.add(ooxml.Paragraph{Style: styleTitle, Runs: []ooxml.Run{{Text: b.title}}})
	var sub []string
	for _, s := range []string{agency, date} {
		if s != "" {
			sub = append(sub, s)
		}
	}
	if len(sub) > 0 {
		b.add(ooxml.Paragraph{Style: styleSubtitle, Runs: []ooxml.Run{{Text: strings.Join(sub, "　")}}})
	} else {
		// No subtitle: keep the blank line GB/T 9704 puts under the title.
		b.body[len(b.body)-1] = ooxml.Paragraph{Style: styleTitle,
			Props: ooxml.ParaProps{Spacing: &ooxml.Spacing{After: linePitch, Line: titleLine, LineRule: "exact"}},
			Runs:  []ooxml.Run{{Text: b.title}}}
	}

	b.text("前言", 0, r.Preamble)

	set := templates.Default()
	hasTables := r.Meta.Edition.HasTables() && len(set.Tables(r.Meta.Edition)) > 0
	for i, part := range r.Parts {
		heading := b.clean(model.PartTitles[i]+"（标题）", nil, part.Line, model.CleanText(part.Heading))
		if heading == "" {
			heading = model.PartTitles[i]
		}
		b.add(ooxml.Paragraph{Style: styleHeading1, Runs: []ooxml.Run{{Text: heading}}})
		text := part.Text
		if part.Absent && strings.TrimSpace(text) == "" && tableOfPart[i] == "" {
			text = model.AbsentText
		}
		b.text(model.PartTitles[i], part.Line, text)
		id := tableOfPart[i]
		if id == "" {
			continue
		}
		if !hasTables {
			b.add(ooxml.Paragraph{Runs: []ooxml.Run{{Text: noTablesNote}}})
			continue
		}
		if t := set.Table(r.Meta.Edition, id); t != nil {
			b.table(t)
		}
	}

	b.signature(agency, date)
	if b.o.WithFindings {
		b.findings()
	}
}

// noTablesNote stands in for a table the report does not have (reports in the
// pre-2019 structure, or tables not attributable to an edition).
const noTablesNote = "（原报告未采用政府信息公开工作年度报告统一格式，本部分没有统计表格。）"

func (b *builder) add(blocks ...ooxml.Block) { b.body = append(b.body, blocks...) }

// text adds a part's prose: one paragraph per non-empty line. Lines that
// start with a sub-head number （一）/(一) become level-2 headings; where the
// sub-head is only the first sentence of a longer paragraph
// (（一）主动公开情况。本年度…), that sentence is set in the heading's
// character style and the rest as body text.
func (b *builder) text(where string, line int, s string) {
	n := 0
	for _, ln := range strings.Split(s, "\n") {
		ln = model.CleanText(ln)
		if ln == "" {
			continue
		}
		n++
		ln = b.clean(fmt.Sprintf("%s第 %d 段", where, n), nil, line, ln)
		if ln == "" {
			continue
		}
		head, rest, ok := model.SplitSubHead(ln)
		switch {
		case !ok:
			b.add(ooxml.Paragraph{Runs: []ooxml.Run{{Text: ln}}})
		case rest == "":
			b.add(ooxml.Paragraph{Style: styleHeading2, Runs: []ooxml.Run{{Text: head}}})
		default:
			b.add(ooxml.Paragraph{Runs: []ooxml.Run{{Style: styleHeading2Char, Text: head}, {Text: rest}}})
		}
	}
}

// table adds one official table, drawn from the resolved spec grid: a cell
// covering several columns gets w:gridSpan, one covering several rows a
// vertical merge (restart in its first row, continue below).
func (b *builder) table(t *templates.Table) {
	tb := ooxml.Table{Style: styleTableGrid, Grid: gridTwips(t.Widths, textWidth)}
	ed := b.r.Meta.Edition
	for r := 0; r < t.NRows; r++ {
		row := ooxml.Row{Header: r < t.HeaderRows, CantSplit: true, MinHeight: rowHeight}
		for c := 0; c < t.Cols; {
			p := t.Cells[t.Grid[r][c]]
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
			style, text := styleTableText, p.Text
			switch p.Role {
			case templates.RoleBanner, templates.RoleHeader:
				style = styleTableHead
			case templates.RoleLabel, templates.RoleNote:
				style = styleTableLabel
			case templates.RoleValue:
				text = b.cellText(ed, p.Key)
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
}

// rowHeight is the minimum table row height: 7 mm, roomy for one line of 五号.
var rowHeight = ooxml.Millimetres(7)

// cellText is what a value cell shows: the text as written (blank stays
// blank, 无 stays 无, 增81 stays 增81); a cell the reader did not find shows
// nothing.
func (b *builder) cellText(ed model.Edition, key string) string {
	c := b.r.Cells[key]
	if c == nil || c.Kind == model.KindMissing {
		return ""
	}
	if _, dropped := ooxml.Clean(c.Raw); dropped == nil {
		return c.Raw // the common case: no label to build
	}
	return b.clean("表格单元格「"+templates.Default().Label(ed, key)+"」", []string{key}, c.Line, c.Raw)
}

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

// signature adds the closing block: the agency and the publish date,
// right-aligned two characters in from the margin, one blank line below the
// text (GB/T 9704 §7.3.5).
func (b *builder) signature(agency, date string) {
	first := true
	for _, s := range []string{agency, date} {
		if s == "" {
			continue
		}
		p := ooxml.Paragraph{Style: styleSignature, Runs: []ooxml.Run{{Text: s}}}
		if first {
			p.Props.Spacing = &ooxml.Spacing{Before: linePitch, Line: linePitch, LineRule: "exact"}
			first = false
		}
		b.add(p)
	}
}

// findings adds the failed checks on a page of their own.
func (b *builder) findings() {
	var failed []model.Finding
	for _, f := range b.r.Findings {
		if f.Status == model.Fail {
			failed = append(failed, f)
		}
	}
	b.add(ooxml.Paragraph{Style: styleHeading1, Props: ooxml.ParaProps{PageBreakBefore: true},
		Runs: []ooxml.Run{{Text: "附：数据检查未通过的项目"}}})
	if len(failed) == 0 {
		b.add(ooxml.Paragraph{Runs: []ooxml.Run{{Text: "所有检查均已通过。"}}})
		return
	}
	for i, f := range failed {
		msg := b.clean(fmt.Sprintf("检查结果第 %d 条", i+1), f.Keys, f.Line, f.Message)
		b.add(ooxml.Paragraph{Runs: []ooxml.Run{{Text: fmt.Sprintf("%d. %s：%s", i+1, f.ID, msg)}}})
	}
}
