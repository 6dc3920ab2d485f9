package compare

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/width"

	"github.com/govreport/govreport/convert/internal/zipnorm"
	"github.com/govreport/govreport/convert/metrics"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/templates"
)

// side is what one report says in a cell, for people.
func side(c *model.Cell) string {
	switch {
	case c == nil:
		return "（无此栏）"
	case c.Kind == model.KindBlank:
		return "（空白）"
	case c.Kind == model.KindMissing:
		return "（未找到）"
	case c.Kind == model.KindNumber:
		s := model.FormatNumber(c.Value)
		if c.Unit != "" {
			s += c.Unit
		}
		if c.Doubt != "" {
			s += "（存疑）"
		}
		return s
	}
	return c.Raw
}

// tableHeading names a table for people: "表三 收到和处理政府信息公开申请情况".
func tableHeading(t *templates.Table) string {
	if t == nil {
		return "其他栏目"
	}
	name := t.Ref.Name
	if name == "" {
		return t.Title
	}
	// "三、收到和处理…" → "收到和处理…": the short name already numbers it.
	title := t.Title
	if _, rest, ok := strings.Cut(title, "、"); ok && len([]rune(title))-len([]rune(rest)) <= 3 {
		title = rest
	}
	return name + " " + title
}

// tableSheet is a table's sheet name (its short name, as in the report
// workbook).
func tableSheet(t *templates.Table) string {
	if t == nil || t.Ref.Name == "" {
		return "其他栏目"
	}
	return t.Ref.Name
}

func yearOf(r *model.Report) string {
	if r.Meta.Year > 0 {
		return fmt.Sprintf("%d", r.Meta.Year)
	}
	return "年度不详"
}

// WriteText writes the comparison as a readable terminal table. With
// changedOnly, cells equal on both sides are left out of the tables.
func WriteText(w io.Writer, res *Result, changedOnly bool) error {
	var b bytes.Buffer
	fmt.Fprintf(&b, "比较：%s（%s，%s）→ %s（%s，%s）\n", res.FileA, res.A.Meta.Agency, yearOf(res.A), res.FileB, res.B.Meta.Agency, yearOf(res.B))
	for _, m := range res.Warnings {
		fmt.Fprintf(&b, "注意：%s\n", m)
	}
	var cur *templates.Table
	started := false
	var tbl [][]string
	flush := func() {
		writeTable(&b, tbl)
		tbl = nil
	}
	changed := 0
	for _, c := range res.Cells {
		if c.Changed() {
			changed++
		} else if changedOnly {
			continue
		}
		if !started || tableID(c.Table) != tableID(cur) {
			flush()
			cur, started = c.Table, true
			fmt.Fprintf(&b, "\n%s\n", tableHeading(c.Table))
			tbl = append(tbl, []string{"栏目", yearOf(res.A), yearOf(res.B), "变化", "变化率"})
		}
		mark := ""
		if c.Changed() {
			mark = " *"
		}
		ch := ""
		if c.Change != nil {
			ch = FormatRat(c.Change)
			if c.Change.Sign() > 0 {
				ch = "+" + ch
			}
		}
		tbl = append(tbl, []string{c.Label + mark, side(c.A), side(c.B), ch, FormatPct(c.Pct)})
	}
	flush()
	fmt.Fprintf(&b, "\n共 %d 个栏目，%d 个有变化（标 *）\n", len(res.Cells), changed)

	fmt.Fprintf(&b, "\n跨年核对\n")
	for _, r := range res.Cross {
		fmt.Fprintf(&b, "  %s %s：%s\n", r.ID, r.Status, r.Message)
	}
	fmt.Fprintf(&b, "\n指标\n")
	tbl = [][]string{{"指标", yearOf(res.A), yearOf(res.B), "公式"}}
	for _, m := range res.Metrics {
		tbl = append(tbl, []string{m.Def.Name, metricCell(m.A), metricCell(m.B), m.Def.Formula})
	}
	flush()
	fmt.Fprintf(&b, "（⚠：输入格参与了未通过的检查）\n")
	fmt.Fprintf(&b, "\n文字重复（%s 年报告的句子已出现在 %s 年报告中的比例；数字不同也算重复，官方格式套话不计）\n", yearOf(res.B), yearOf(res.A))
	for _, p := range res.Parts {
		fmt.Fprintf(&b, "  %s：%s\n", p.Heading, reuseText(p))
		for _, s := range p.List {
			fmt.Fprintf(&b, "    · %s\n", s)
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

func metricCell(v metrics.Value) string {
	s := v.Percent()
	if v.Status == metrics.OK {
		s += fmt.Sprintf("（%s/%s）", FormatRat(v.Num), FormatRat(v.Den))
	}
	if len(v.Failed) > 0 {
		s += "⚠"
	}
	return s
}

func reuseText(p Reuse) string {
	if p.Sentences == 0 {
		return "没有可比较的句子"
	}
	return fmt.Sprintf("%d/%d 句重复（%.0f%%）", p.Reused, p.Sentences, 100*p.Ratio())
}

// JSON shapes.
type jsonCell struct {
	Key    string   `json:"key"`
	Label  string   `json:"label"`
	A      *jsonVal `json:"a"`
	B      *jsonVal `json:"b"`
	Change *string  `json:"change"`
	Pct    *float64 `json:"pct_change"`
}

type jsonVal struct {
	Value *json.Number `json:"value"`
	Raw   string       `json:"raw"`
	Kind  string       `json:"kind"`
}

type jsonMetric struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`
	Formula string   `json:"formula"`
	A       *float64 `json:"a"`
	B       *float64 `json:"b"`
}

type jsonPart struct {
	Heading     string   `json:"heading"`
	Sentences   int      `json:"sentences"`
	Reused      int      `json:"reused"`
	Ratio       *float64 `json:"ratio"`
	Boilerplate int      `json:"boilerplate"`
	List        []string `json:"reused_sentences"`
}

type jsonCross struct {
	ID      string `json:"id"`
	Status  string `json:"status"`
	Message string `json:"message"`
}

func val(c *model.Cell) *jsonVal {
	if c == nil {
		return nil
	}
	v := &jsonVal{Raw: c.Raw, Kind: string(c.Kind)}
	if c.Kind == model.KindNumber {
		n := json.Number(model.FormatNumber(c.Value))
		v.Value = &n
	}
	return v
}

func frac(v metrics.Value) *float64 {
	if f, ok := v.Fraction(); ok {
		return &f
	}
	return nil
}

// WriteJSON writes the comparison as one JSON object.
func WriteJSON(w io.Writer, res *Result) error {
	out := struct {
		A        string       `json:"a"`
		B        string       `json:"b"`
		Warnings []string     `json:"warnings"`
		Cells    []jsonCell   `json:"cells"`
		Cross    []jsonCross  `json:"cross_checks"`
		Metrics  []jsonMetric `json:"metrics"`
		Parts    []jsonPart   `json:"text_reuse"`
	}{A: res.FileA, B: res.FileB, Warnings: append([]string{}, res.Warnings...)}
	for _, c := range res.Cells {
		jc := jsonCell{Key: c.Key, Label: c.Label, A: val(c.A), B: val(c.B)}
		if c.Change != nil {
			s := FormatRat(c.Change)
			jc.Change = &s
		}
		if c.Pct != nil {
			f, _ := c.Pct.Float64()
			jc.Pct = &f
		}
		out.Cells = append(out.Cells, jc)
	}
	for _, r := range res.Cross {
		out.Cross = append(out.Cross, jsonCross{r.ID, r.Status, r.Message})
	}
	for _, m := range res.Metrics {
		out.Metrics = append(out.Metrics, jsonMetric{m.Def.ID, m.Def.Name, m.Def.Formula, frac(m.A), frac(m.B)})
	}
	for _, p := range res.Parts {
		jp := jsonPart{Heading: p.Heading, Sentences: p.Sentences, Reused: p.Reused, Boilerplate: p.Boilerplate, List: append([]string{}, p.List...)}
		if r := p.Ratio(); r >= 0 {
			jp.Ratio = &r
		}
		out.Parts = append(out.Parts, jp)
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// WriteXLSX writes the comparison as a workbook: one sheet per table with
// changed cells coloured, then 指标, 跨年核对 and 文字重复. Every text goes in
// as a string (never a formula). t stamps the document properties.
func WriteXLSX(w io.Writer, res *Result, t time.Time) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	first := true
	sheet := func(name string) (string, error) {
		if first {
			first = false
			return name, f.SetSheetName("Sheet1", name)
		}
		_, err := f.NewSheet(name)
		return name, err
	}
	ya, yb := yearOf(res.A), yearOf(res.B)
	// One sheet per table, in the order the tables first appear.
	var order []string
	bySheet := map[string][]Cell{}
	for _, c := range res.Cells {
		n := tableSheet(c.Table)
		if _, ok := bySheet[n]; !ok {
			order = append(order, n)
		}
		bySheet[n] = append(bySheet[n], c)
	}
	for _, sn := range order {
		rows := bySheet[sn]
		name, err := sheet(sn)
		if err != nil {
			return err
		}
		put(f, name, 1, st.head, "栏目", "字段键", ya, yb, "变化", "变化率")
		for i, c := range rows {
			r := i + 2
			style := st.text
			if c.Changed() {
				style = st.changed
			}
			ch := ""
			if c.Change != nil {
				ch = FormatRat(c.Change)
			}
			put(f, name, r, style, c.Label, c.Key, side(c.A), side(c.B), ch, FormatPct(c.Pct))
		}
		widths(f, name, 48, 30, 14, 14, 10, 10)
	}
	name, err := sheet("指标")
	if err != nil {
		return err
	}
	put(f, name, 1, st.head, "指标", "编号", ya, yb, "公式")
	for i, m := range res.Metrics {
		put(f, name, i+2, st.text, m.Def.Name, m.Def.ID, metricCell(m.A), metricCell(m.B), m.Def.Formula)
	}
	widths(f, name, 26, 30, 18, 18, 60)
	if name, err = sheet("跨年核对"); err != nil {
		return err
	}
	put(f, name, 1, st.head, "检查", "结果", "说明")
	for i, r := range res.Cross {
		put(f, name, i+2, st.text, r.ID, r.Status, r.Message)
	}
	widths(f, name, 22, 8, 90)
	if name, err = sheet("文字重复"); err != nil {
		return err
	}
	put(f, name, 1, st.head, "部分", "句子数", "重复句数", "重复比例", "重复的句子（"+yb+" 年报告中已见于 "+ya+" 年的）")
	r := 2
	for _, p := range res.Parts {
		ratio := ""
		if x := p.Ratio(); x >= 0 {
			ratio = fmt.Sprintf("%.0f%%", 100*x)
		}
		put(f, name, r, st.text, p.Heading, fmt.Sprint(p.Sentences), fmt.Sprint(p.Reused), ratio, strings.Join(p.List, "\n"))
		r++
	}
	widths(f, name, 36, 8, 10, 10, 100)
	if len(res.Warnings) > 0 {
		put(f, name, r+1, st.text, "注意："+strings.Join(res.Warnings, "；"))
	}
	ts := t.UTC().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{Title: "政府信息公开工作年度报告比较", Creator: "govreport", Created: ts, Modified: ts, Language: "zh-CN"}); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return err
	}
	b, err := zipnorm.Normalize(buf.Bytes(), t)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

type styles struct{ head, text, changed int }

func newStyles(f *excelize.File) (*styles, error) {
	border := []excelize.Border{{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
		{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1}}
	font := &excelize.Font{Family: "宋体", Size: 10.5}
	var s styles
	var err error
	mk := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(st)
		return id
	}
	s.head = mk(&excelize.Style{Font: &excelize.Font{Family: "黑体", Size: 10.5, Bold: true}, Border: border,
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E8EEF7"}}, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	s.text = mk(&excelize.Style{Font: font, Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	s.changed = mk(&excelize.Style{Font: font, Border: border, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}}})
	return &s, err
}

// put writes one row of strings (always as text, never as formulas).
func put(f *excelize.File, sheet string, row, style int, vals ...string) {
	for i, v := range vals {
		cell, _ := excelize.CoordinatesToCellName(i+1, row)
		_ = f.SetCellStr(sheet, cell, v)
		_ = f.SetCellStyle(sheet, cell, cell, style)
	}
}

func widths(f *excelize.File, sheet string, w ...float64) {
	for i, x := range w {
		col, _ := excelize.ColumnNumberToName(i + 1)
		_ = f.SetColWidth(sheet, col, col, x)
	}
}

// displayWidth counts terminal columns: East Asian wide and full-width
// characters take two.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

// writeTable writes rows as columns padded to their display width, two
// spaces apart, indented by two.
func writeTable(b *bytes.Buffer, rows [][]string) {
	var w []int
	for _, r := range rows {
		for i, c := range r {
			if i >= len(w) {
				w = append(w, 0)
			}
			w[i] = max(w[i], displayWidth(c))
		}
	}
	for _, r := range rows {
		b.WriteString("  ")
		for i, c := range r {
			b.WriteString(c)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", w[i]-displayWidth(c)+2))
			}
		}
		b.WriteByte('\n')
	}
}
