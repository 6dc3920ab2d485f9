package xlsx

// Template-only code: options, data validation and the live check formulas.

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/templates"
)

// TemplateOptions configure WriteTemplate.
type TemplateOptions struct {
	// Edition of the tables; empty means the newest official edition of
	// Specs.
	Edition model.Edition
	// Specs are the editions and variants to choose from; nil means the
	// embedded ones.
	Specs *templates.Set
	// Agency and Year prefill the cover's input cells; empty and 0 leave
	// them blank.
	Agency string
	Year   int
	// Time stamps the document properties, as in Options.
	Time time.Time
}

// WriteTemplate writes a blank template of the official tables for an
// agency to fill: unlocked and coloured input cells, each named after its
// field key, data validation with Chinese messages, sheet protection without
// a password, and live check formulas next to tables 三 and 四.
func WriteTemplate(w io.Writer, o TemplateOptions) error {
	set := specs(o.Specs)
	ed := o.Edition
	if ed == "" {
		ed = set.Newest().Edition
	}
	if !set.Has(ed) {
		return fmt.Errorf("不支持的表格格式版本 %q（可选：%s）", ed, EditionChoices(set))
	}
	r := &model.Report{Meta: model.Meta{Edition: ed, Agency: o.Agency, Year: o.Year}}
	b := newBook(set, r, true, o.Time)
	b.meta = append(b.meta, [2]string{"format", "govreport-xlsx 1"}, [2]string{"kind", "template"},
		[2]string{"edition", string(ed)})
	b.writeCover()
	b.writeText()
	for _, p := range b.sheets.tables {
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
				if pc.Format == templates.FormatAmount && strings.Contains(b.set.Label(b.ed, pc.Key), "万元") {
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

// defaultCheckNote is the note under a table's live checks when its
// edition.json gives none (check_note).
const defaultCheckNote = "以上校验单元格随填随算（不打印）：“待填”表示还有空格；“存疑”（黄色）表示有非数字内容（如“无”）；“✓ 通过”（绿色）表示平衡；“✗”（红色）表示不平衡，请核对。"

// liveChecks writes the edition's equations of table p.t as formulas
// beside it (templates.Set.Equations: the same definition the check
// package evaluates). A row rule whose equations each lie in a grid row of
// their own gets a column right of the table, one cell per row (T3-ROWSUM);
// every other rule gets a row below the table, each equation under the
// columns of its cells (T3-BALANCE, T3-RESULTS, T4-TOTAL). Below-table
// rows are written equation by equation across the rules, so that their
// defined names come column by column.
func (b *book) liveChecks(p placement) {
	t, sh := p.t, p.sheet
	// The styles are registered for every table, with or without checks:
	// style ids, and so the workbook's bytes, do not depend on which
	// tables have rules.
	checkStyle := b.st.get(sk{font: fontTable, size: sizeSmall, h: "center", v: "center", wrap: true, border: true, fill: fillCheck})
	labelStyle := b.st.get(sk{font: fontTable, size: sizeSmall, h: "left", v: "center", wrap: true, border: true, fill: fillCheck})
	noteStyle := b.st.get(sk{font: fontTable, size: sizeSmall, h: "left", v: "top", wrap: true})
	var rules []*templates.Rule
	byRule := map[*templates.Rule][]*templates.Equation{}
	for _, q := range b.set.Equations(b.ed) {
		if q.Rule.Table != t.ID {
			continue
		}
		if len(byRule[q.Rule]) == 0 {
			rules = append(rules, q.Rule)
		}
		byRule[q.Rule] = append(byRule[q.Rule], q)
	}
	if len(rules) == 0 {
		return
	}
	at := func(key string) (int, int) {
		ki := t.KeyInfo(key)
		return p.row0 + ki.Cell.Row, p.col0 + ki.Cell.Col
	}
	// span returns the sheet rows and columns an equation's cells cover.
	span := func(q *templates.Equation) (r0, r1, c0, c1 int) {
		r0, c0 = at(q.Keys[0])
		r1, c1 = r0, c0
		for _, k := range q.Keys[1:] {
			r, c := at(k)
			r0, r1, c0, c1 = min(r0, r), max(r1, r), min(c0, c), max(c1, c)
		}
		return
	}
	var right, below []*templates.Rule
	for _, ru := range rules {
		own := ru.Each == "row"
		rows := map[int]bool{}
		for _, q := range byRule[ru] {
			r0, r1, _, _ := span(q)
			own = own && r0 == r1 && !rows[r0]
			rows[r0] = true
		}
		if own {
			right = append(right, ru)
		} else {
			below = append(below, ru)
		}
	}
	var checkCells []string
	cellOf := func(key string) string { r, c := at(key); return cellName(r, c) }
	put := func(r0, c0, r1, c1 int, q *templates.Equation) {
		cell := cellName(r0, c0)
		b.merge(sh, r0, c0, r1, c1, checkStyle)
		rl := rule{id: q.ID, bad: q.Rule.Bad}
		for _, k := range q.Left {
			rl.left = append(rl.left, cellOf(k))
		}
		for _, k := range q.Right {
			rl.right = append(rl.right, cellOf(k))
		}
		b.check(b.f.SetCellFormula(sh, cell, rl.formula()))
		b.name(CheckName(rl.id), absRef(sh, cell))
		checkCells = append(checkCells, "S!"+cell)
	}
	for i, ru := range right {
		cc := p.col0 + t.Cols + i
		b.check(b.f.SetColWidth(sh, colName(cc), colName(cc), 11))
		b.merge(sh, p.row0, cc, p.row0+max(t.HeaderRows, 1)-1, cc, checkStyle)
		b.str(sh, cellName(p.row0, cc), ru.Label, checkStyle)
		for _, q := range byRule[ru] {
			r, _, _, _ := span(q)
			put(r, cc, r, cc, q)
		}
	}
	below0 := p.row0 + t.NRows
	labelCols := t.FirstValueCol()
	for i, ru := range below {
		if ru.Label != "" && labelCols > 0 {
			b.merge(sh, below0+i, p.col0, below0+i, p.col0+labelCols-1, labelStyle)
			b.str(sh, cellName(below0+i, p.col0), ru.Label, labelStyle)
		}
	}
	for j := 0; ; j++ {
		more := false
		for i, ru := range below {
			if j >= len(byRule[ru]) {
				continue
			}
			more = true
			q := byRule[ru][j]
			_, _, c0, c1 := span(q)
			put(below0+i, c0, below0+i, c1, q)
		}
		if !more {
			break
		}
	}
	for i, ru := range below {
		h := 24.0
		if ru.Label != "" {
			h = 30 // the label wraps
		}
		b.check(b.f.SetRowHeight(sh, below0+i+1, h))
	}
	nb := below0 + len(below)
	note := t.Ref.CheckNote
	if note == "" {
		note = defaultCheckNote
	}
	lastCol := p.col0 + t.Cols - 1
	b.merge(sh, nb, p.col0, nb+1, lastCol, noteStyle)
	b.str(sh, cellName(nb, p.col0), note, noteStyle)
	// The two rows of the merged note are as tall as its wrapped lines
	// and one more (the estimate of how office software wraps is rough),
	// so that the note is not clipped.
	width := 0.0
	for _, w := range colWidths(t) {
		width += w
	}
	nh := math.Ceil(float64(lines(note, sizeSmall, width)+1)*lineHeight(sizeSmall)/2*4) / 4
	b.check(b.f.SetRowHeight(sh, nb+1, nh))
	b.check(b.f.SetRowHeight(sh, nb+2, nh))
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
