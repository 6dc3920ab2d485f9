package xlsx

import (
	"archive/zip"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/govreport/govreport/convert/internal/deflate"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/templates"
)

// book builds one workbook, a report or a template; both share the layout
// of the official tables, the cover and the text sheet.
type book struct {
	f    *excelize.File
	st   *styles
	ed   model.Edition
	lay  *layout
	rep  *model.Report
	tmpl bool
	err  error

	// failed maps a key to the ids of the failed checks that read it.
	failed map[string][]string
	// comments collects the comment lines of each cell, per sheet, written
	// at the end in a fixed order.
	comments map[string]map[string][]string
	meta     [][2]string // rows of the hidden metadata sheet
}

func (b *book) check(err error) {
	if err != nil && b.err == nil {
		b.err = err
	}
}

// newBook creates the workbook with its sheets in order.
func newBook(rep *model.Report, tmpl bool, t time.Time) *book {
	f := excelize.NewFile()
	// Fast deflate: a third of the writing time went to compression, for
	// files of about 30 KB either way.
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter {
		zw := zip.NewWriter(w)
		zw.RegisterCompressor(zip.Deflate, deflate.NewWriter)
		return zw
	})
	b := &book{f: f, st: &styles{f: f, ids: map[sk]int{}}, ed: rep.Meta.Edition, rep: rep, tmpl: tmpl,
		failed: map[string][]string{}, comments: map[string]map[string][]string{}}
	b.check(f.SetDefaultFont(fontTable))
	if b.ed.HasTables() {
		b.lay = newLayout(b.ed)
	}
	b.check(f.SetSheetName("Sheet1", SheetCover))
	sheets := []string{SheetText}
	if b.lay != nil {
		for _, p := range b.lay.tables {
			sheets = append(sheets, p.sheet)
		}
	}
	if !tmpl {
		sheets = append(sheets, SheetFindings)
	}
	sheets = append(sheets, sheetMeta)
	for _, s := range sheets {
		_, err := f.NewSheet(s)
		b.check(err)
	}
	if t.IsZero() {
		t = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	stamp := t.UTC().Format("2006-01-02T15:04:05Z")
	title := "政府信息公开工作年度报告"
	if tmpl {
		title += "表格填报模板"
	}
	b.check(f.SetDocProps(&excelize.DocProperties{
		Creator: "govreport", LastModifiedBy: "govreport", Created: stamp, Modified: stamp,
		Title: title, Language: "zh-CN",
	}))
	b.check(f.SetAppProps(&excelize.AppProperties{Application: "govreport"}))
	return b
}

// finish writes the pending comments, the hidden metadata sheet and the
// workbook settings.
func (b *book) finish() {
	sheets := make([]string, 0, len(b.comments))
	for s := range b.comments {
		sheets = append(sheets, s)
	}
	sort.Strings(sheets)
	for _, s := range sheets {
		cells := make([]string, 0, len(b.comments[s]))
		for c := range b.comments[s] {
			cells = append(cells, c)
		}
		sort.Slice(cells, func(i, j int) bool {
			ri, ci, _ := coords(cells[i])
			rj, cj, _ := coords(cells[j])
			return ri < rj || ri == rj && ci < cj
		})
		for _, c := range cells {
			text := strings.Join(b.comments[s][c], "\n")
			b.check(b.f.AddComment(s, excelize.Comment{Cell: c, Author: "govreport",
				Paragraph: []excelize.RichTextRun{{Text: text}}, Width: 240, Height: 90}))
		}
	}
	for i, kv := range b.meta {
		b.check(b.f.SetCellStr(sheetMeta, cellName(i, 0), kv[0]))
		b.check(b.f.SetCellStr(sheetMeta, cellName(i, 1), kv[1]))
	}
	b.check(b.f.SetColWidth(sheetMeta, "A", "A", 20))
	b.check(b.f.SetColWidth(sheetMeta, "B", "B", 60))
	b.check(b.f.SetSheetVisible(sheetMeta, false, true))
	b.f.SetActiveSheet(0)
	if b.tmpl {
		// Excel and WPS compute the live checks when the file is opened:
		// excelize stores formulas without cached results.
		yes := true
		b.check(b.f.SetCalcProps(&excelize.CalcPropsOptions{FullCalcOnLoad: &yes}))
	}
}

func (b *book) addComment(sheet, cell, line string) {
	m := b.comments[sheet]
	if m == nil {
		m = map[string][]string{}
		b.comments[sheet] = m
	}
	m[cell] = append(m[cell], line)
}

func (b *book) name(name, ref string) {
	b.check(b.f.SetDefinedName(&excelize.DefinedName{Name: name, RefersTo: ref}))
}

// str writes text as a string cell: never as a formula, whatever it starts with.
func (b *book) str(sheet, cell, s string, style int) {
	if s != "" {
		b.check(b.f.SetCellStr(sheet, cell, s))
	}
	b.check(b.f.SetCellStyle(sheet, cell, cell, style))
}

// merge merges the zero-based rectangle and styles every cell of it, so
// that borders are drawn all around.
func (b *book) merge(sheet string, r0, c0, r1, c1, style int) {
	from, to := cellName(r0, c0), cellName(r1, c1)
	if from != to {
		b.check(b.f.MergeCell(sheet, from, to))
	}
	b.check(b.f.SetCellStyle(sheet, from, to, style))
}

// pageSetup makes a sheet print on A4, fitted to the page width, centred,
// with the given rows repeated at the top of each page.
func (b *book) pageSetup(sheet string, landscape bool, titleRows int, area string) {
	b.pageSetupFit(sheet, landscape, titleRows, area, 0)
}

// pageSetupFit is pageSetup with a number of pages tall to fit (0: as many
// as needed).
func (b *book) pageSetupFit(sheet string, landscape bool, titleRows int, area string, fitH int) {
	size, fitW := 9, 1
	orient := "portrait"
	if landscape {
		orient = "landscape"
	}
	yes := true
	b.check(b.f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &size, Orientation: &orient, FitToWidth: &fitW, FitToHeight: &fitH}))
	b.check(b.f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &yes}))
	lr, tb, hf := 0.6, 0.75, 0.35
	b.check(b.f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{Left: &lr, Right: &lr, Top: &tb, Bottom: &tb,
		Header: &hf, Footer: &hf, Horizontally: &yes}))
	header := ""
	if m := b.rep.Meta; m.Agency != "" || m.Year > 0 {
		s := m.Agency
		if m.Year > 0 {
			s += fmt.Sprintf("%d年政府信息公开工作年度报告", m.Year)
		}
		header = `&C&"宋体,常规"&9` + escapeHF(s)
	}
	b.check(b.f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: header,
		OddFooter: `&C&"宋体,常规"&9第 &P 页，共 &N 页`,
	}))
	if titleRows > 0 {
		b.check(b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles",
			RefersTo: fmt.Sprintf("'%s'!$1:$%d", sheet, titleRows), Scope: sheet}))
	}
	if area != "" {
		b.check(b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", RefersTo: area, Scope: sheet}))
	}
}

// escapeHF escapes "&", the control character of header and footer text.
func escapeHF(s string) string { return strings.ReplaceAll(s, "&", "&&") }

// ---- cover ----

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
		{label: "表格格式", name: NameEdition, value: editionNotice(b.ed)},
	}
	if !b.tmpl {
		pub := m.Published
		rows = append(rows,
			coverRow{label: "报告标题", name: NameTitle, value: m.Title},
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
	notice := "国办公开办函〔2021〕30号"
	if b.ed == model.Edition2019 {
		notice = "国办公开办函〔2019〕60号"
	}
	if b.tmpl {
		return []string{
			"填报说明：",
			"1. 黄色单元格为填报区，其余单元格已锁定（工作表保护未设密码，如需调整格式可在“审阅—撤销工作表保护”中解除）。",
			"2. 表二、表三、表四的行列与" + notice + "印发的年度报告格式一致，请勿改动表头和行标题；各单元格已按字段命名，移动位置不影响读取。",
			"3. 件数填写非负整数，没有发生的填 0；“本年增/减”可填负数；金额以万元为单位，可保留小数。确实无法统计的可填“无”，但不要留空。",
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

// protect protects a template sheet without a password: labels and
// formulas are locked, input cells are not, nobody is locked out.
func (b *book) protect(sheet string) {
	b.check(b.f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{
		SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true,
	}))
}

// ---- text sheet ----

// chunkRunes is the longest piece of a paragraph put in one cell: longer
// paragraphs continue in the next row, because Excel cannot show a row
// taller than 409 points.
const chunkRunes = 450

// chunks splits a paragraph into pieces of at most chunkRunes runes,
// preferring to cut after a full stop.
func chunks(p string) []string {
	var out []string
	for utf8.RuneCountInString(p) > chunkRunes {
		cut, n := 0, 0
		for i, r := range p {
			if n == chunkRunes {
				if cut == 0 {
					cut = i
				}
				break
			}
			n++
			if (r == '。' || r == '；' || r == '！' || r == '？') && n > chunkRunes/2 {
				cut = i + utf8.RuneLen(r)
			}
		}
		out = append(out, p[:cut])
		p = p[cut:]
	}
	return append(out, p)
}

const textWidth = 88 // width of the text column, in units

func (b *book) writeText() {
	const sh = SheetText
	b.check(b.f.SetColWidth(sh, "A", "A", 3))
	b.check(b.f.SetColVisible(sh, "A", false))
	b.check(b.f.SetColWidth(sh, "B", "B", textWidth))
	titleStyle := b.st.get(sk{font: fontHeading, size: sizeHeading, h: "center", v: "center", wrap: true})
	headStyle := b.st.get(sk{font: fontHeading, size: sizeBody + 1, h: "left", v: "center", wrap: true})
	bodyStyle := b.st.get(sk{font: fontBody, size: sizeBody, h: "left", v: "top", wrap: true})
	inputStyle := b.st.get(sk{font: fontBody, size: sizeBody, h: "left", v: "top", wrap: true, border: true, fill: fillInput, unlocked: true})
	title := "报告正文"
	if b.rep.Meta.Title != "" {
		title = b.rep.Meta.Title
	}
	b.str(sh, "B1", title, titleStyle)
	b.check(b.f.SetRowHeight(sh, 1, float64(lines(title, sizeHeading, textWidth))*lineHeight(sizeHeading)+12))
	r := 2
	for i := 0; i <= 6; i++ {
		var heading, text string
		if i == 0 {
			if b.tmpl || b.rep.Preamble == "" {
				continue
			}
			heading, text = "（报告开头）", b.rep.Preamble
		} else {
			p := b.rep.Parts[i-1]
			heading, text = p.Heading, p.Text
			if heading == "" {
				heading = model.PartTitles[i-1]
			}
			if !b.tmpl {
				b.meta = append(b.meta, [2]string{fmt.Sprintf("heading:%d", i), p.Heading})
			}
		}
		r++ // blank row before each heading
		b.str(sh, cellName(r, 0), fmt.Sprintf("h%d", i), 0)
		b.str(sh, cellName(r, 1), heading, headStyle)
		b.check(b.f.SetRowHeight(sh, r+1, float64(lines(heading, sizeBody+1, textWidth))*lineHeight(sizeBody+1)+8))
		r++
		first := r
		if b.tmpl {
			b.str(sh, cellName(r, 0), "p", 0)
			b.str(sh, cellName(r, 1), "", inputStyle)
			h := 150.0
			if i >= 2 && i <= 4 {
				h = 60 // parts 二 to 四 are mostly their tables
			}
			b.check(b.f.SetRowHeight(sh, r+1, h))
			r++
		} else {
			for _, para := range strings.Split(text, "\n") {
				for j, piece := range chunks(para) {
					tag := "p"
					if j > 0 {
						tag = "c"
					}
					b.str(sh, cellName(r, 0), tag, 0)
					b.str(sh, cellName(r, 1), piece, bodyStyle)
					h := float64(lines(piece, sizeBody, textWidth))*lineHeight(sizeBody) + 6
					b.check(b.f.SetRowHeight(sh, r+1, math.Min(h, 409)))
					r++
				}
			}
		}
		b.name(PartName(i), absRange(sh, cellName(first, 1), cellName(r-1, 1)))
	}
	b.pageSetup(sh, false, 0, fmt.Sprintf("'%s'!$B$1:$B$%d", sh, r))
	if b.tmpl {
		b.protect(sh)
	}
}

// ---- tables ----

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

func (b *book) writeTable(p placement) {
	t, sh := p.t, p.sheet
	widths := colWidths(t)
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
		return float64(lines(text, size, span(pc.Col, pc.ColSpan)))*lineHeight(size) + 6
	}
	for _, pc := range t.Cells {
		r0, c0 := p.row0+pc.Row, p.col0+pc.Col
		r1, c1 := r0+pc.RowSpan-1, c0+pc.ColSpan-1
		cell := cellName(r0, c0)
		size := sizeTable
		var style int
		text := pc.Text
		switch pc.Role {
		case templates.RoleValue:
			text = b.valueText(pc.Key)
			style = b.writeValue(sh, cell, pc)
			if pc.RowSpan > 1 || pc.ColSpan > 1 {
				b.check(b.f.MergeCell(sh, cell, cellName(r1, c1)))
				b.check(b.f.SetCellStyle(sh, cell, cellName(r1, c1), style))
			}
		case templates.RoleLabel:
			h := "left"
			if pc.RowSpan > 1 {
				h = "center"
			}
			style = b.st.get(sk{font: fontTable, size: size, h: h, v: "center", wrap: true, border: true})
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
			Selection: []excelize.Selection{{SQRef: cellName(titleRows, p.col0+firstValueCol(t)), ActiveCell: cellName(titleRows, p.col0+firstValueCol(t)), Pane: "bottomLeft"}}}))
	}
	if b.tmpl {
		b.liveChecks(p)
		b.protect(sh)
	}
	// A table is filed as one page, as in the printed report.
	b.pageSetupFit(sh, false, titleRows, area, 1)
}

// firstValueCol is the leftmost column holding a value cell.
func firstValueCol(t *templates.Table) int {
	c := t.Cols
	for _, pc := range t.Cells {
		if pc.Role == templates.RoleValue && pc.Col < c {
			c = pc.Col
		}
	}
	if c == t.Cols {
		return 0
	}
	return c
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
		b.addComment(sh, cell, "未通过校验："+strings.Join(ids, "、"))
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
