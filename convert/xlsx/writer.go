package xlsx

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/templates"
)

// Options configure Write.
type Options struct {
	// Time stamps the workbook's document properties (created, modified).
	// Zero means 2000-01-01T00:00:00Z: the same report always gives the
	// same bytes.
	Time time.Time
}

// TemplateOptions configure WriteTemplate.
type TemplateOptions struct {
	// Edition of the tables; empty means 2021, the edition in force.
	Edition model.Edition
	// Agency and Year prefill the cover's input cells; empty and 0 leave
	// them blank.
	Agency string
	Year   int
	// Time stamps the document properties, as in Options.
	Time time.Time
}

// Write writes r as a report workbook: cover, text, tables 二 to 四 laid out
// as in the official form of the report's edition, and the findings with
// links to their cells. Cells of failed checks are highlighted; cells whose
// text is not a plain number keep the text, with the number in a comment.
func Write(w io.Writer, r *model.Report, o Options) error {
	b := newBook(r, false, o.Time)
	for _, f := range r.Findings {
		if f.Status != model.Fail {
			continue
		}
		for _, k := range f.Keys {
			if ids := b.failed[k]; len(ids) == 0 || ids[len(ids)-1] != f.ID {
				b.failed[k] = append(b.failed[k], f.ID)
				b.failedMsg[k] = append(b.failedMsg[k], f.Message+"（"+f.ID+"）")
			}
		}
	}
	m := r.Meta
	b.meta = append(b.meta,
		[2]string{"format", "govreport-xlsx 1"}, [2]string{"kind", "report"},
		[2]string{"edition", string(m.Edition)}, [2]string{"layout", m.Layout},
		[2]string{"encoding", m.Encoding}, [2]string{"agency_source", m.AgencySource})
	b.writeCover()
	b.writeText()
	if b.lay != nil {
		for _, p := range b.lay.tables {
			b.writeTable(p)
		}
	}
	b.writeFindings()
	b.finish()
	if b.err == nil {
		b.err = b.st.err
	}
	if b.err != nil {
		return fmt.Errorf("生成工作簿失败：%w", b.err)
	}
	_, err := b.f.WriteTo(w)
	return err
}

// WriteTemplate writes a blank template of the official tables for an
// agency to fill: unlocked and coloured input cells, each named after its
// field key, data validation with Chinese messages, sheet protection without
// a password, and live check formulas next to tables 三 and 四.
func WriteTemplate(w io.Writer, o TemplateOptions) error {
	ed := o.Edition
	if ed == "" {
		ed = model.Edition2021
	}
	if !ed.HasTables() {
		return fmt.Errorf("不支持的表格格式版本 %q（可选：2019、2021）", ed)
	}
	r := &model.Report{Meta: model.Meta{Edition: ed, Agency: o.Agency, Year: o.Year}}
	b := newBook(r, true, o.Time)
	b.meta = append(b.meta, [2]string{"format", "govreport-xlsx 1"}, [2]string{"kind", "template"},
		[2]string{"edition", string(ed)})
	b.writeCover()
	b.writeText()
	for _, p := range b.lay.tables {
		b.writeTable(p)
		b.validate(p)
	}
	b.finish()
	if b.err == nil {
		b.err = b.st.err
	}
	if b.err != nil {
		return fmt.Errorf("生成模板失败：%w", b.err)
	}
	_, err := b.f.WriteTo(w)
	return err
}

// validate adds data validation to a template table's input cells.
func (b *book) validate(p placement) {
	byFormat := map[templates.Format][]string{}
	for _, pc := range p.t.Cells {
		if pc.Role == templates.RoleValue {
			byFormat[pc.Format] = append(byFormat[pc.Format], p.sheet+"!"+p.cell(pc.Row, pc.Col))
		}
	}
	for _, f := range []templates.Format{templates.FormatCount, templates.FormatSigned, templates.FormatAmount} {
		refs := byFormat[f]
		if len(refs) == 0 {
			continue
		}
		var sq []string
		for _, r := range compressRefs(refs) {
			_, c, _ := strings.Cut(r, "!")
			sq = append(sq, c)
		}
		dv := excelize.NewDataValidation(true)
		dv.Sqref = strings.Join(sq, " ")
		switch f {
		case templates.FormatCount:
			b.check(dv.SetRange(0, 1e9, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween))
			dv.SetInput("填写件数", "请填写非负整数；没有发生的填 0。")
			dv.SetError(excelize.DataValidationErrorStyleWarning, "应为非负整数",
				"这里应填写非负整数（件数）。确实无法统计的可填“无”，点“是”保留。")
		case templates.FormatSigned:
			b.check(dv.SetRange(-1e9, 1e9, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween))
			dv.SetInput("填写增减数", "请填写整数：增加填正数，减少填负数（如 -8），没有变化填 0。")
			dv.SetError(excelize.DataValidationErrorStyleWarning, "应为整数",
				"这里应填写整数：增加填正数，减少填负数。确实无法统计的可填“无”，点“是”保留。")
		case templates.FormatAmount:
			b.check(dv.SetRange(0, 1e12, excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween))
			unit := "" // the 2019 label 采购总金额 names no unit
			for _, pc := range p.t.Cells {
				if pc.Format == templates.FormatAmount && strings.Contains(templates.Default().Label(b.ed, pc.Key), "万元") {
					unit = "（万元）"
				}
			}
			dv.SetInput("填写金额", "请填写金额"+unit+"，可保留小数；没有发生的填 0。")
			dv.SetError(excelize.DataValidationErrorStyleWarning, "应为非负数",
				"这里应填写金额"+unit+"（非负数，可有小数）。确实无法统计的可填“无”，点“是”保留。")
		}
		b.check(b.f.AddDataValidation(p.sheet, dv))
	}
}

// ---- live checks of a template ----

// rule is one check written as a formula: left = right over cells.
type rule struct {
	id          string
	left, right []string // A1 cells on the table's sheet
	bad         string
}

// formula returns the live check: 待填 while a cell is empty, 存疑 when one
// holds text (无, /), otherwise whether the sums agree.
func (r rule) formula() string {
	all := append(append([]string{}, r.left...), r.right...)
	n := len(all)
	args := strings.Join(rangeArgs(all), ",")
	return fmt.Sprintf(`IF(COUNTA(%[1]s)<%[2]d,"待填",IF(COUNT(%[1]s)<%[2]d,"存疑",IF(ROUND(SUM(%[3]s)-SUM(%[4]s),6)=0,"✓ 通过","%[5]s")))`,
		args, n, strings.Join(rangeArgs(r.left), ","), strings.Join(rangeArgs(r.right), ","), r.bad)
}

// CheckName returns the defined name of a template's live check cell:
// "T3-BALANCE.natural" → "check_t3_balance_natural".
func CheckName(id string) string {
	return "check_" + strings.ToLower(strings.NewReplacer(".", "_", "-", "_").Replace(id))
}

// rangeArgs compresses cells of one sheet into range arguments.
func rangeArgs(cells []string) []string {
	refs := make([]string, len(cells))
	for i, c := range cells {
		refs[i] = "S!" + c
	}
	out := compressRefs(refs)
	for i := range out {
		out[i] = strings.TrimPrefix(out[i], "S!")
	}
	return out
}

var t3Columns = []string{"natural", "commercial", "research", "social", "legal", "other_org", "total"}

// t3Rows returns the row ids of table 三 in order.
func t3Rows(t *templates.Table) []string {
	var rows []string
	for _, d := range t.Data {
		if len(d.Keys) > 0 {
			rows = append(rows, strings.Split(d.Keys[0], ".")[1])
		}
	}
	return rows
}

func (b *book) liveChecks(p placement) {
	t, sh := p.t, p.sheet
	set := templates.Default()
	at := func(key string) string {
		ki := set.Key(b.ed, key)
		if ki == nil {
			return ""
		}
		return p.keyCell(ki)
	}
	checkStyle := b.st.get(sk{font: fontTable, size: sizeSmall, h: "center", v: "center", wrap: true, border: true, fill: fillCheck})
	labelStyle := b.st.get(sk{font: fontTable, size: sizeSmall, h: "left", v: "center", wrap: true, border: true, fill: fillCheck})
	noteStyle := b.st.get(sk{font: fontTable, size: sizeSmall, h: "left", v: "top", wrap: true})
	below := p.row0 + t.NRows
	var checkCells []string
	put := func(r0, c0, r1, c1 int, rl rule) {
		cell := cellName(r0, c0)
		b.merge(sh, r0, c0, r1, c1, checkStyle)
		b.check(b.f.SetCellFormula(sh, cell, rl.formula()))
		b.name(CheckName(rl.id), absRef(sh, cell))
		checkCells = append(checkCells, "S!"+cell)
	}
	lastCol := p.col0 + t.Cols - 1
	labelCols := firstValueCol(t)
	switch t.ID {
	case "t3":
		rows := t3Rows(t)
		// T3-ROWSUM: a column right of the table.
		cc := p.col0 + t.Cols
		b.check(b.f.SetColWidth(sh, colName(cc), colName(cc), 11))
		b.merge(sh, p.row0, cc, p.row0+t.HeaderRows-1, cc, checkStyle)
		b.str(sh, cellName(p.row0, cc), "行校验\n（六类申请人之和=总计）", checkStyle)
		for _, row := range rows {
			var left []string
			for _, col := range t3Columns[:6] {
				left = append(left, at("t3."+row+"."+col))
			}
			r, _, _ := coords(at("t3." + row + ".total"))
			put(r, cc, r, cc, rule{id: "T3-ROWSUM." + row, left: left, right: []string{at("t3." + row + ".total")}, bad: "✗ 不相等"})
		}
		// T3-BALANCE and T3-RESULTS: two rows below the table.
		b.merge(sh, below, p.col0, below, p.col0+labelCols-1, labelStyle)
		b.str(sh, cellName(below, p.col0), "勾稽校验：一+二=（七）总计+四", labelStyle)
		b.merge(sh, below+1, p.col0, below+1, p.col0+labelCols-1, labelStyle)
		b.str(sh, cellName(below+1, p.col0), "（七）总计=（一）至（六）各项之和", labelStyle)
		var results []string
		for _, row := range rows {
			switch row {
			case "new", "carried_over", "total", "carried_forward":
			default:
				results = append(results, row)
			}
		}
		for _, col := range t3Columns {
			_, c, _ := coords(at("t3.new." + col))
			put(below, c, below, c, rule{id: "T3-BALANCE." + col,
				left:  []string{at("t3.new." + col), at("t3.carried_over." + col)},
				right: []string{at("t3.total." + col), at("t3.carried_forward." + col)}, bad: "✗ 不平衡"})
			var right []string
			for _, row := range results {
				right = append(right, at("t3."+row+"."+col))
			}
			put(below+1, c, below+1, c, rule{id: "T3-RESULTS." + col, left: []string{at("t3.total." + col)}, right: right, bad: "✗ 不相等"})
		}
		b.check(b.f.SetRowHeight(sh, below+1, 30))
		b.check(b.f.SetRowHeight(sh, below+2, 30))
		below += 2
	case "t4":
		for _, blk := range []string{"review", "suit_direct", "suit_after_review"} {
			pfx := "t4." + blk + "."
			_, c0, _ := coords(at(pfx + "upheld"))
			_, c1, _ := coords(at(pfx + "total"))
			put(below, c0, below, c1, rule{id: "T4-TOTAL." + blk,
				left:  []string{at(pfx + "upheld"), at(pfx + "corrected"), at(pfx + "other"), at(pfx + "pending")},
				right: []string{at(pfx + "total")}, bad: "✗ 不相等"})
		}
		b.check(b.f.SetRowHeight(sh, below+1, 24))
		below++
	default:
		return
	}
	const legend = "“待填”表示还有空格；“存疑”（黄色）表示有非数字内容（如“无”）；“✓ 通过”（绿色）表示平衡；“✗”（红色）表示不平衡，请核对。"
	note := "以上校验单元格随填随算（不打印）：" + legend
	if t.ID == "t4" {
		note = "上一行为各类“总计=结果维持+结果纠正+其他结果+尚未审结”的校验公式（随填随算，不打印）。" + legend
	}
	b.merge(sh, below, p.col0, below+1, lastCol, noteStyle)
	b.str(sh, cellName(below, p.col0), note, noteStyle)
	// The two rows of the merged note are as tall as its wrapped lines
	// and one more (the estimate of how office software wraps is rough),
	// so that the note is not clipped.
	width := 0.0
	for _, w := range colWidths(t) {
		width += w
	}
	h := math.Ceil(float64(lines(note, sizeSmall, width)+1)*lineHeight(sizeSmall)/2*4) / 4
	b.check(b.f.SetRowHeight(sh, below+1, h))
	b.check(b.f.SetRowHeight(sh, below+2, h))
	green := b.condStyle("006100", "C6EFCE")
	red := b.condStyle(fontColorRed, fillFail)
	amber := b.condStyle("9C5700", fillDoubt)
	// One rule set per block of check cells (a merged check cell shows the
	// format of its top-left cell).
	for _, rng := range compressRefs(checkCells) {
		b.check(b.f.SetConditionalFormat(sh, strings.TrimPrefix(rng, "S!"), []excelize.ConditionalFormatOptions{
			{Type: "text", Criteria: "begins with", Value: "✓", Format: &green},
			{Type: "text", Criteria: "begins with", Value: "✗", Format: &red},
			{Type: "text", Criteria: "begins with", Value: "存疑", Format: &amber},
		}))
	}
}

func (b *book) condStyle(color, fill string) int {
	id, err := b.f.NewConditionalStyle(&excelize.Style{
		Font: &excelize.Font{Color: color},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{fill}},
	})
	b.check(err)
	return id
}

func colName(c int) string {
	s, err := excelize.ColumnNumberToName(c + 1)
	if err != nil {
		return "A"
	}
	return s
}

// ---- findings sheet ----

var statusNames = map[model.Status]string{
	model.Pass: "通过", model.Fail: "失败", model.Uncertain: "存疑", model.Warning: "注意", model.Info: "说明",
}

func (b *book) writeFindings() {
	const sh = SheetFindings
	head := b.st.get(sk{font: fontHeading, size: sizeTable, h: "center", v: "center", border: true, wrap: true, fill: fillHeader})
	plain := b.st.get(sk{font: fontTable, size: sizeTable, h: "left", v: "center", border: true, wrap: true})
	center := b.st.get(sk{font: fontTable, size: sizeTable, h: "center", v: "center", border: true, wrap: true})
	link := b.st.get(sk{font: fontTable, size: sizeTable, h: "left", v: "center", border: true, color: "0563C1", underline: true})
	statusStyle := map[model.Status]int{
		model.Fail:      b.st.get(sk{font: fontTable, size: sizeTable, h: "center", v: "center", border: true, fill: fillFail, color: fontColorRed}),
		model.Uncertain: b.st.get(sk{font: fontTable, size: sizeTable, h: "center", v: "center", border: true, fill: fillDoubt}),
		model.Warning:   b.st.get(sk{font: fontTable, size: sizeTable, h: "center", v: "center", border: true, fill: fillDoubt}),
	}
	title := b.st.get(sk{font: fontHeading, size: sizeHeading, h: "left", v: "center"})
	b.str(sh, "A1", "校验结果", title)
	b.check(b.f.SetRowHeight(sh, 1, 30))
	// Each finding's cells, as ranges: the first in the 涉及单元格 column,
	// further ranges in the columns to its right, each a link.
	type row struct {
		f      model.Finding
		ranges []string
	}
	rows := make([]row, len(b.rep.Findings))
	maxRanges := 1
	for i, f := range b.rep.Findings {
		var refs []string
		if b.lay != nil {
			for _, k := range f.Keys {
				if ref, ok := b.lay.refs[k]; ok {
					refs = append(refs, ref)
				}
			}
		}
		rows[i] = row{f: f, ranges: compressRefs(refs)}
		maxRanges = max(maxRanges, len(rows[i].ranges))
	}
	widths := []float64{6, 24, 7, 60}
	for c, w := range widths {
		b.check(b.f.SetColWidth(sh, colName(c), colName(c), w))
	}
	b.check(b.f.SetColWidth(sh, colName(4), colName(4+maxRanges-1), 15))
	for c, h := range []string{"序号", "编号", "状态", "说明", "涉及单元格（点击跳转）"} {
		b.str(sh, cellName(1, c), h, head)
	}
	if maxRanges > 1 {
		b.merge(sh, 1, 4, 1, 4+maxRanges-1, head)
	}
	b.check(b.f.SetRowHeight(sh, 2, 22))
	order := make([]int, len(rows))
	for i := range order {
		order[i] = i
	}
	// Failed checks first, then uncertain, warnings, passes, notes; report
	// order inside each group.
	rank := map[model.Status]int{model.Fail: 0, model.Uncertain: 1, model.Warning: 2, model.Pass: 3, model.Info: 4}
	sort.SliceStable(order, func(i, j int) bool { return rank[rows[order[i]].f.Status] < rank[rows[order[j]].f.Status] })
	for n, i := range order {
		rw := rows[i]
		r := n + 2
		b.check(b.f.SetCellInt(sh, cellName(r, 0), int64(n+1)))
		b.check(b.f.SetCellStyle(sh, cellName(r, 0), cellName(r, 0), center))
		b.str(sh, cellName(r, 1), rw.f.ID, plain)
		st, ok := statusStyle[rw.f.Status]
		if !ok {
			st = center
		}
		name := statusNames[rw.f.Status]
		if name == "" {
			name = string(rw.f.Status)
		}
		b.str(sh, cellName(r, 2), name, st)
		msg := rw.f.Message
		if rw.f.Line > 0 {
			msg += fmt.Sprintf("（原文第 %d 行）", rw.f.Line)
		}
		b.str(sh, cellName(r, 3), msg, plain)
		for j := 0; j < maxRanges; j++ {
			cell := cellName(r, 4+j)
			if j >= len(rw.ranges) {
				b.str(sh, cell, "", plain)
				continue
			}
			rng := rw.ranges[j]
			shName, a1, _ := strings.Cut(rng, "!")
			b.str(sh, cell, rng, link)
			tip := "跳转到 " + rng
			b.check(b.f.SetCellHyperLink(sh, cell, "'"+shName+"'!"+a1, "Location", excelize.HyperlinkOpts{Tooltip: &tip}))
		}
		h := float64(lines(msg, sizeTable, widths[3]))*lineHeight(sizeTable) + 6
		b.check(b.f.SetRowHeight(sh, r+1, math.Max(h, 20)))
	}
	last := cellName(len(rows)+1, 4+maxRanges-1)
	b.check(b.f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A3", ActiveCell: "A3", Pane: "bottomLeft"}}}))
	b.pageSetup(sh, true, 2, fmt.Sprintf("'%s'!$A$1:$%s$%d", sh, strings.TrimRight(last, "0123456789"), len(rows)+2))
}
