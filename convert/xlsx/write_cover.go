package xlsx

// Writer: the cover sheet.

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/govreport/govreport/convert/model"
)

type coverRow struct {
	label, name, value string
	number             bool // write value as a number (the year)
	input              bool // template input cell
}

func (b *book) writeCover() {
	const sh = SheetCover
	m := b.rep.Meta
	title := m.Title
	if title == "" {
		title = "政府信息公开工作年度报告"
		if m.Agency != "" || m.Year > 0 {
			y := ""
			if m.Year > 0 {
				y = fmt.Sprintf("%d年", m.Year)
			}
			title = y + m.Agency + title
		}
	}
	if b.tmpl {
		title = "政府信息公开工作年度报告 表格填报模板"
	}
	year := ""
	if m.Year > 0 {
		year = strconv.Itoa(m.Year)
	}
	rows := []coverRow{
		{label: "机关名称", name: NameAgency, value: m.Agency, input: b.tmpl},
		{label: "报告年度", name: NameYear, value: year, number: true, input: b.tmpl},
		{label: "表格格式", name: NameEdition, value: editionNotice(b.set, b.ed)},
	}
	if !b.tmpl {
		pub := m.Published
		if m.Title == "" {
			b.meta = append(b.meta, [2]string{"title_derived", "1"})
		}
		rows = append(rows,
			coverRow{label: "报告标题", name: NameTitle, value: coverTitle(m)},
			coverRow{label: "发布日期", name: NamePublished, value: pub},
			coverRow{label: "来源文件", name: NameSource, value: m.Source},
			coverRow{label: "来源格式", value: strings.Trim(m.Layout+"，"+m.Encoding, "，")},
			coverRow{label: "校验概况", value: b.summary()},
		)
	}
	b.check(b.f.SetColWidth(sh, "A", "A", 16))
	b.check(b.f.SetColWidth(sh, "B", "B", 70))
	b.merge(sh, 0, 0, 0, 1, b.st.get(sk{font: fontHeading, size: sizeTitle, h: "center", v: "center", wrap: true}))
	b.str(sh, "A1", title, b.st.get(sk{font: fontHeading, size: sizeTitle, h: "center", v: "center", wrap: true}))
	b.check(b.f.SetRowHeight(sh, 1, 48))
	labelStyle := b.st.get(sk{font: fontTable, size: sizeBody, h: "center", v: "center", border: true, wrap: true})
	valueStyle := b.st.get(sk{font: fontTable, size: sizeBody, h: "left", v: "center", border: true, wrap: true})
	inputStyle := b.st.get(sk{font: fontTable, size: sizeBody, h: "left", v: "center", border: true, wrap: true, fill: fillInput, unlocked: true})
	yearInput := b.st.get(sk{font: fontTable, size: sizeBody, h: "left", v: "center", border: true, fill: fillInput, unlocked: true, numFmt: "0"})
	r := 2
	for _, cr := range rows {
		b.str(sh, cellName(r, 0), cr.label, labelStyle)
		cell := cellName(r, 1)
		st := valueStyle
		if cr.input {
			st = inputStyle
			if cr.number {
				st = yearInput
			}
		}
		if cr.number && cr.value != "" {
			n, _ := strconv.Atoi(cr.value)
			b.check(b.f.SetCellInt(sh, cell, int64(n)))
			b.check(b.f.SetCellStyle(sh, cell, cell, st))
		} else {
			b.str(sh, cell, cr.value, st)
		}
		h := float64(lines(cr.value, sizeBody, 70))*lineHeight(sizeBody) + 8
		b.check(b.f.SetRowHeight(sh, r+1, math.Max(h, 26)))
		if cr.name != "" {
			b.name(cr.name, absRef(sh, cell))
		}
		if cr.input && cr.number {
			dv := excelize.NewDataValidation(true)
			dv.Sqref = cell
			b.check(dv.SetRange(2000, 2100, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween))
			dv.SetError(excelize.DataValidationErrorStyleStop, "报告年度", "请填写四位数的报告年度，例如 2025。")
			dv.SetInput("报告年度", "填写本报告所报告的年度（四位数字），例如 2025。")
			b.check(b.f.AddDataValidation(sh, dv))
		} else if cr.input {
			dv := excelize.NewDataValidation(true)
			dv.Sqref = cell
			b.check(dv.SetRange(1, 100, excelize.DataValidationTypeTextLength, excelize.DataValidationOperatorBetween))
			dv.SetError(excelize.DataValidationErrorStyleStop, "机关名称", "机关名称不能超过 100 个字。")
			dv.SetInput("机关名称", "填写发布本报告的行政机关全称，例如“××市××局”。")
			b.check(b.f.AddDataValidation(sh, dv))
		}
		r++
	}
	r++
	noteStyle := b.st.get(sk{font: fontTable, size: sizeTable, h: "left", v: "top", wrap: true})
	for _, line := range b.coverNotes() {
		b.merge(sh, r, 0, r, 1, noteStyle)
		b.str(sh, cellName(r, 0), line, noteStyle)
		b.check(b.f.SetRowHeight(sh, r+1, float64(lines(line, sizeTable, 86))*lineHeight(sizeTable)+4))
		r++
	}
	b.pageSetup(sh, false, 0, "")
	if b.tmpl {
		b.protect(sh)
	}
}

func (b *book) coverNotes() []string {
	notice := ""
	if e := b.set.Edition(b.ed); e != nil {
		notice = e.Document
	} else if n := b.set.Newest(); n != nil {
		notice = n.Document
	}
	if b.tmpl {
		return []string{
			"填报说明：",
			"1. 黄色单元格为填报区，其余单元格已锁定（工作表保护未设密码，如需调整格式可在“审阅—撤销工作表保护”中解除）。",
			"2. 表二、表三、表四的行列与" + notice + "印发的年度报告格式一致，请勿改动表头和行标题；各单元格已按字段命名，移动位置不影响读取。",
			"3. 件数填写非负整数，没有发生的填 0；" + amountNote(b.ed) + "确实无法统计的可填“无”，但不要留空。",
			"4. 表三、表四旁的“校验”单元格随填随算：“待填”表示还有空格，“存疑”表示有非数字内容，“✓ 通过”表示平衡，“✗”表示不平衡，请核对。",
			"5. “正文”工作表可粘贴报告六部分的文字。",
			"6. 填好后用 govreport check 文件名.xlsx 检查，或 govreport convert -t json,docx 文件名.xlsx 转换。",
		}
	}
	return []string{
		"说明：",
		"1. 本工作簿由 govreport 根据原报告生成，表二、表三、表四的行列与" + notice + "印发的年度报告格式一致。",
		"2. 原文不是纯数字的单元格（如“增81”“38.47万元”“无”）保留原文，按数值读取的结果写在批注中；空白单元格保持空白，不按 0 计。",
		"3. 红色底纹的单元格涉及未通过的校验，黄色底纹的单元格读取时存疑；全部校验结果见“校验结果”工作表，可点击单元格地址跳转。",
	}
}

// summary counts the findings by status for the cover.
func (b *book) summary() string {
	n := map[model.Status]int{}
	for _, f := range b.rep.Findings {
		n[f.Status]++
	}
	return fmt.Sprintf("通过 %d 项，失败 %d 项，存疑 %d 项，注意 %d 项（详见“校验结果”工作表）",
		n[model.Pass], n[model.Fail], n[model.Uncertain], n[model.Warning])
}

// amountNote is the edition's line about signed and money cells: only
// the 2019 table 二 has a 本年增/减 column, and only the 2021 one gives its
// amount a unit (万元).
func amountNote(ed model.Edition) string {
	if ed == model.Edition2019 {
		return "“本年增/减”可填负数；金额按原表填写，可保留小数。"
	}
	return "收费金额以万元为单位，可保留小数。"
}

// coverTitle is the title the cover shows: the report's, or the official
// pattern the documents print when the report has none.
func coverTitle(m model.Meta) string {
	if m.Title != "" {
		return m.Title
	}
	return model.DefaultTitle(m.Year, m.Agency)
}
