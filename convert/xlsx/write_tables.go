package xlsx

// Writer: tables 二 to 四 laid out from the specs.

import (
	"fmt"
	"math"
	"strings"
	"sync"

	"github.com/xuri/excelize/v2"

	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/outline"
	"github.com/govreport/govreport/templates"
)

// colWidths scales the spec's relative widths so that the table fills an A4
// page in portrait at about 100 %.
func colWidths(t *templates.Table) []float64 {
	sum := 0.0
	for _, w := range t.Widths {
		sum += w
	}
	k := math.Min(math.Max(90/sum, 1), 2.5)
	out := make([]float64, len(t.Widths))
	for i, w := range t.Widths {
		out[i] = math.Round(w*k*4) / 4
	}
	return out
}

// valueText is the text a value cell shows, for estimating row heights.
func (b *book) valueText(key string) string {
	if b.tmpl {
		return ""
	}
	c := b.rep.Cells[key]
	if c == nil {
		return ""
	}
	if c.Kind == model.KindNumber && isPlain(c) {
		return model.FormatNumber(c.Value)
	}
	return c.Raw
}

// isPlain reports whether a number cell's raw text is exactly what the
// number prints as, so writing the number loses nothing ("12", "-8",
// "539.16"); "增81", "+14", "1,234", "１２", "38.47万元" are not plain and
// are written as text.
func isPlain(c *model.Cell) bool {
	if !c.Exact() || c.Unit != "" || math.IsNaN(c.Value) || math.IsInf(c.Value, 0) {
		return false
	}
	p := model.ParseValue(model.FormatNumber(c.Value))
	return p.Raw == c.Raw && p.Sign == c.Sign && p.Kind == model.KindNumber && p.Value == c.Value
}

// numFmt is the number format of a number written as a number: whole
// numbers as integers, amounts with two decimals, and never fewer decimals
// than the value has (a display that rounds would show a wrong number).
func numFmt(v float64, f templates.Format) string {
	s := model.FormatNumber(v)
	d := 0
	if i := strings.IndexByte(s, '.'); i >= 0 {
		d = len(s) - i - 1
	}
	if f == templates.FormatAmount && d < 2 {
		d = 2
	}
	if d == 0 {
		return "0"
	}
	return "0." + strings.Repeat("0", d)
}

// layoutMemo remembers the line breaks and line counts of the specs'
// texts (labels, headers, notes) for the widths they were laid out in:
// every workbook of an edition lays out the same texts, mostly in the
// same widths. Safe for concurrent use; it forgets everything when full.
type layoutMemo struct {
	mu     sync.Mutex
	broken map[layoutKey]string
	count  map[layoutKey]int
}

type layoutKey struct {
	text        string
	size, width float64
}

const layoutMemoMax = 4096

var specLayout layoutMemo

// labelLines is outline.LabelLines joined by line breaks.
func (m *layoutMemo) labelLines(text string, w float64) string {
	k := layoutKey{text: text, width: w}
	m.mu.Lock()
	s, ok := m.broken[k]
	m.mu.Unlock()
	if ok {
		return s
	}
	s = strings.Join(outline.LabelLines(text, w), "\n")
	m.mu.Lock()
	if m.broken == nil || len(m.broken) >= layoutMemoMax {
		m.broken = map[layoutKey]string{}
	}
	m.broken[k] = s
	m.mu.Unlock()
	return s
}

// lines is lines(text, size, width).
func (m *layoutMemo) lines(text string, size, width float64) int {
	k := layoutKey{text, size, width}
	m.mu.Lock()
	n, ok := m.count[k]
	m.mu.Unlock()
	if ok {
		return n
	}
	n = lines(text, size, width)
	m.mu.Lock()
	if m.count == nil || len(m.count) >= layoutMemoMax {
		m.count = map[layoutKey]int{}
	}
	m.count[k] = n
	m.mu.Unlock()
	return n
}

func (b *book) writeTable(p placement) {
	t, sh := p.t, p.sheet
	widths := colWidths(t)
	// A value column is at least as wide as its widest value, so that no
	// number shows as ### (a city's 行政处罚 count has 7 digits).
	for _, pc := range t.Cells {
		if pc.Role == templates.RoleValue && pc.ColSpan == 1 {
			if need := math.Ceil(textUnits(b.valueText(pc.Key), sizeTable)*1.1) + 2; need > widths[pc.Col] {
				widths[pc.Col] = need
			}
		}
	}
	for c, w := range widths {
		col := cellName(0, p.col0+c)
		col = strings.TrimRight(col, "0123456789")
		b.check(b.f.SetColWidth(sh, col, col, w))
	}
	span := func(c0, n int) float64 {
		s := 0.0
		for c := c0; c < c0+n && c < len(widths); c++ {
			s += widths[c]
		}
		return s
	}
	lastCol := p.col0 + t.Cols - 1
	// Title and information rows.
	titleStyle := b.st.get(sk{font: fontHeading, size: sizeHeading, h: "left", v: "center"})
	b.merge(sh, p.row0+titleRow-gridRow, p.col0, p.row0+titleRow-gridRow, lastCol, titleStyle)
	b.str(sh, cellName(p.row0+titleRow-gridRow, p.col0), t.Title, titleStyle)
	b.check(b.f.SetRowHeight(sh, p.row0+titleRow-gridRow+1, 30))
	infoStyle := b.st.get(sk{font: fontTable, size: sizeTable, h: "left", v: "center"})
	info := cellName(p.row0+infoRow-gridRow, p.col0)
	b.merge(sh, p.row0+infoRow-gridRow, p.col0, p.row0+infoRow-gridRow, lastCol, infoStyle)
	if b.tmpl {
		b.check(b.f.SetCellFormula(sh, info,
			`"填报单位："&`+NameAgency+`&"　　报告年度："&IF(`+NameYear+`="","",`+NameYear+`&"年")`))
	} else {
		b.str(sh, info, b.infoLine(), infoStyle)
	}
	b.check(b.f.SetRowHeight(sh, p.row0+infoRow-gridRow+1, 20))

	heights := make([]float64, t.NRows)
	for r := range heights {
		heights[r] = 18
		if r >= t.HeaderRows {
			heights[r] = 21
		}
	}
	need := func(pc templates.Placed, text string, size float64) float64 {
		w := span(pc.Col, pc.ColSpan)
		if pc.Role == templates.RoleValue {
			return float64(lines(text, size, w))*lineHeight(size) + 6
		}
		return float64(specLayout.lines(text, size, w))*lineHeight(size) + 6
	}
	for _, pc := range t.Cells {
		r0, c0 := p.row0+pc.Row, p.col0+pc.Col
		r1, c1 := r0+pc.RowSpan-1, c0+pc.ColSpan-1
		cell := cellName(r0, c0)
		size := sizeTable
		var style int
		text := pc.Text
		if pc.Role == templates.RoleLabel || pc.Role == templates.RoleHeader {
			// Break labels as the PDF and Word do (no 商业企/业): the
			// cell's width in 五号 characters, less the padding.
			text = specLayout.labelLines(text, 0.95*(span(pc.Col, pc.ColSpan)-1.2)/textUnits("国", sizeTable))
		}
		switch pc.Role {
		case templates.RoleValue:
			text = b.valueText(pc.Key)
			style = b.writeValue(sh, cell, pc)
			if pc.RowSpan > 1 || pc.ColSpan > 1 {
				b.check(b.f.MergeCell(sh, cell, cellName(r1, c1)))
				b.check(b.f.SetCellStyle(sh, cell, cellName(r1, c1), style))
			}
		case templates.RoleLabel:
			h, indent := "left", 1 // labels do not touch the border
			if pc.RowSpan > 1 {
				h, indent = "center", 0
			}
			style = b.st.get(sk{font: fontTable, size: size, h: h, v: "center", wrap: true, border: true, indent: indent})
			b.merge(sh, r0, c0, r1, c1, style)
			b.str(sh, cell, text, style)
		case templates.RoleNote:
			size = sizeSmall
			style = b.st.get(sk{font: fontTable, size: size, h: "center", v: "center", wrap: true, border: true})
			b.merge(sh, r0, c0, r1, c1, style)
			b.str(sh, cell, text, style)
		case templates.RoleBanner:
			style = b.st.get(sk{font: fontTable, size: size, bold: true, h: "center", v: "center", wrap: true, border: true})
			b.merge(sh, r0, c0, r1, c1, style)
			b.str(sh, cell, text, style)
		default: // header, empty
			style = b.st.get(sk{font: fontTable, size: size, h: "center", v: "center", wrap: true, border: true})
			b.merge(sh, r0, c0, r1, c1, style)
			b.str(sh, cell, text, style)
		}
		if pc.RowSpan == 1 {
			heights[pc.Row] = math.Max(heights[pc.Row], need(pc, text, size))
		}
	}
	// Cells spanning rows: grow their rows evenly when the text needs it.
	for _, pc := range t.Cells {
		if pc.RowSpan == 1 {
			continue
		}
		size := sizeTable
		if pc.Role == templates.RoleNote {
			size = sizeSmall
		}
		want := need(pc, pc.Text, size)
		have := 0.0
		for r := pc.Row; r < pc.Row+pc.RowSpan; r++ {
			have += heights[r]
		}
		if want > have {
			add := (want - have) / float64(pc.RowSpan)
			for r := pc.Row; r < pc.Row+pc.RowSpan; r++ {
				heights[r] += add
			}
		}
	}
	for r, h := range heights {
		b.check(b.f.SetRowHeight(sh, p.row0+r+1, math.Min(math.Ceil(h), 409)))
	}
	last := cellName(p.row0+t.NRows-1, lastCol)
	area := fmt.Sprintf("'%s'!$A$1:$%s$%d", sh, strings.TrimRight(last, "0123456789"), p.row0+t.NRows)
	titleRows := 0
	if t.HeaderRows > 0 {
		titleRows = p.row0 + t.HeaderRows
		b.check(b.f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: titleRows,
			TopLeftCell: cellName(titleRows, 0), ActivePane: "bottomLeft",
			Selection: []excelize.Selection{{SQRef: cellName(titleRows, p.col0+t.FirstValueCol()), ActiveCell: cellName(titleRows, p.col0+t.FirstValueCol()), Pane: "bottomLeft"}}}))
	}
	if b.tmpl {
		b.liveChecks(p)
		b.protect(sh)
	}
	// A table is filed as one page, as in the printed report.
	b.pageSetupFit(sh, false, titleRows, area, 1)
}

func (b *book) infoLine() string {
	m := b.rep.Meta
	agency := m.Agency
	if agency == "" {
		agency = "（未写明）"
	}
	year := "（未写明）"
	if m.Year > 0 {
		year = fmt.Sprintf("%d年", m.Year)
	}
	return fmt.Sprintf("填报单位：%s　　报告年度：%s", agency, year)
}

// writeValue writes one value cell and returns its style.
func (b *book) writeValue(sh, cell string, pc templates.Placed) int {
	key := pc.Key
	b.name(Name(key), absRef(sh, cell))
	base := sk{font: fontTable, size: sizeTable, h: "center", v: "center", wrap: true, border: true}
	if b.tmpl {
		base.fill, base.unlocked = fillInput, true
		switch pc.Format {
		case templates.FormatAmount:
			base.numFmt = "0.00"
		default:
			base.numFmt = "0"
		}
		style := b.st.get(base)
		b.check(b.f.SetCellStyle(sh, cell, cell, style))
		return style
	}
	c := b.rep.Cells[key]
	if ids := b.failed[key]; len(ids) > 0 {
		base.fill, base.color = fillFail, fontColorRed
		b.addComment(sh, cell, "未通过校验：\n"+strings.Join(b.failedMsg[key], "\n"))
	} else if c != nil && c.Doubt != "" {
		base.fill = fillDoubt
	}
	if c != nil && c.Doubt != "" {
		b.addComment(sh, cell, "读取存疑："+c.Doubt)
		b.meta = append(b.meta, [2]string{"doubt:" + key, c.Doubt})
	}
	switch {
	case c == nil || c.Kind == model.KindMissing:
		b.addComment(sh, cell, "原报告中没有找到这个单元格（缺失，不按 0 计）")
		b.meta = append(b.meta, [2]string{"missing:" + key, "1"})
	case c.Kind == model.KindBlank:
	case c.Kind == model.KindNumber && isPlain(c):
		base.numFmt = numFmt(c.Value, pc.Format)
		b.check(b.f.SetCellFloat(sh, cell, c.Value, -1, 64))
	case c.Kind == model.KindNumber && !c.Exact():
		b.check(b.f.SetCellStr(sh, cell, c.Raw)) // too many digits: text only, no rounded number
	case c.Kind == model.KindNumber:
		b.check(b.f.SetCellStr(sh, cell, c.Raw))
		note := "按数值 " + model.FormatNumber(c.Value)
		if c.Unit != "" {
			note += "（单位：" + c.Unit + "）"
		}
		b.addComment(sh, cell, fmt.Sprintf("原文“%s”，%s读取", c.Raw, note))
	case c.Kind == model.KindNone:
		b.check(b.f.SetCellStr(sh, cell, c.Raw))
		b.addComment(sh, cell, fmt.Sprintf("原文“%s”：表示没有数据，不按 0 计", c.Raw))
	default:
		b.check(b.f.SetCellStr(sh, cell, c.Raw))
		b.addComment(sh, cell, fmt.Sprintf("原文“%s”无法读作数字", c.Raw))
	}
	style := b.st.get(base)
	b.check(b.f.SetCellStyle(sh, cell, cell, style))
	return style
}
