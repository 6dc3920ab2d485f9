package docx_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/govreport/govreport/convert/docx"
	"github.com/govreport/govreport/convert/jsonfmt"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/templates"
)

// synthetic returns a report of edition ed whose every cell holds a distinct
// text, so that a cell written in the wrong place cannot go unnoticed.
func synthetic(ed model.Edition) *model.Report {
	r := &model.Report{
		Meta:  model.Meta{Edition: ed, Year: 2021, Agency: "某某局", Published: "2022-01-11"},
		Cells: map[string]*model.Cell{},
	}
	for i, k := range templates.Default().Keys(ed) {
		r.Cells[k] = &model.Cell{Key: k, Raw: fmt.Sprintf("v%d", i), Kind: model.KindText}
	}
	for i := range r.Parts {
		r.Parts[i].Text = fmt.Sprintf("第%d部分正文。", i+1)
	}
	return r
}

// checkTables verifies that document.xml holds the edition's tables exactly
// as the specs lay them out (every merge, every label) and that every field
// key's cell shows want(key) in its own grid cell. It returns the number of
// keys checked.
func checkTables(t *testing.T, d *doc, ed model.Edition, want func(key string) string) int {
	t.Helper()
	set := templates.Default()
	tables := set.Tables(ed)
	if len(d.tables) != len(tables) {
		t.Fatalf("%d tables in the document, want %d", len(d.tables), len(tables))
	}
	keys := 0
	for ti, tb := range tables {
		if len(d.tables[ti]) != tb.NRows {
			t.Errorf("%s: %d rows, want %d", tb.ID, len(d.tables[ti]), tb.NRows)
			continue
		}
		for ri, row := range d.tables[ti] {
			w := 0
			for _, c := range row {
				w += c.span
			}
			if w != tb.Cols {
				t.Errorf("%s row %d covers %d columns, want %d", tb.ID, ri, w, tb.Cols)
			}
		}
		for _, p := range tb.Cells {
			c, ok := d.cellAt(ti, p.Row, p.Col)
			if !ok {
				t.Errorf("%s: no cell starts at (%d,%d) for %q%s", tb.ID, p.Row, p.Col, p.Text, p.Key)
				continue
			}
			wantMerge := ""
			if p.RowSpan > 1 {
				wantMerge = "restart"
			}
			if c.span != p.ColSpan || c.vmerge != wantMerge {
				t.Errorf("%s (%d,%d): span %d merge %q, want %d %q", tb.ID, p.Row, p.Col, c.span, c.vmerge, p.ColSpan, wantMerge)
			}
			for r := p.Row + 1; r < p.Row+p.RowSpan; r++ {
				if cc, ok := d.cellAt(ti, r, p.Col); !ok || cc.vmerge != "continue" || cc.span != p.ColSpan || cc.text != "" {
					t.Errorf("%s (%d,%d): want an empty vMerge continuation of %q, got %+v", tb.ID, r, p.Col, p.Text, cc)
				}
			}
			text := p.Text
			if p.Role == templates.RoleValue {
				text = want(p.Key)
				keys++
			}
			if c.text != text {
				t.Errorf("%s (%d,%d) %s: text %q, want %q", tb.ID, p.Row, p.Col, p.Key, c.text, text)
			}
		}
	}
	return keys
}

// TestEveryFieldInItsCell: writers never silently drop a field. Every key of
// the edition shows its cell's text, as written, in its own table cell.
func TestEveryFieldInItsCell(t *testing.T) {
	for _, ed := range templates.Default().Editions() {
		t.Run("synthetic-"+string(ed), func(t *testing.T) {
			r := synthetic(ed)
			_, data := unzip(t, writeDocx(t, r, docx.Options{}))
			n := checkTables(t, parseDoc(t, data["word/document.xml"]), ed, func(k string) string { return r.Cells[k].Raw })
			if want := len(templates.Default().Fields(ed)); n != want {
				t.Errorf("%d keys checked, fields.tsv has %d", n, want)
			}
		})
	}
	for _, seed := range seeds {
		t.Run(seed, func(t *testing.T) {
			r := readSeed(t, seed)
			_, data := unzip(t, writeDocx(t, r, docx.Options{}))
			n := checkTables(t, parseDoc(t, data["word/document.xml"]), r.Meta.Edition, func(k string) string { return shown(r, k) })
			if n != len(templates.Default().Keys(r.Meta.Edition)) || n == 0 {
				t.Errorf("%d keys checked", n)
			}
		})
	}
}

// TestCellTextAsWritten: blank stays blank, 无 stays 无, 增81 stays 增81, and a
// cell the reader did not find prints empty.
func TestCellTextAsWritten(t *testing.T) {
	r := synthetic(model.Edition2019)
	r.Cells["t2.licensing.change"] = &model.Cell{Raw: "增81", Kind: model.KindNumber, Value: 81, Sign: "增"}
	r.Cells["t2.fees.amount"] = &model.Cell{Raw: "38.47万元", Kind: model.KindNumber, Value: 38.47, Unit: "万元"}
	r.Cells["t3.new.natural"] = &model.Cell{Raw: "无", Kind: model.KindNone}
	r.Cells["t3.new.total"] = &model.Cell{Raw: "", Kind: model.KindBlank}
	r.Cells["t4.review.total"] = &model.Cell{Raw: "7", Kind: model.KindMissing}
	delete(r.Cells, "t4.review.pending")
	_, data := unzip(t, writeDocx(t, r, docx.Options{}))
	checkTables(t, parseDoc(t, data["word/document.xml"]), model.Edition2019, func(k string) string {
		switch c := r.Cells[k]; {
		case c == nil || c.Kind == model.KindMissing:
			return ""
		default:
			return c.Raw
		}
	})
}

func TestDocumentStructure(t *testing.T) {
	r := readSeed(t, "001_1d4dd3ae0346d0fe")
	r.Meta.Published = "2022-01-11"
	_, data := unzip(t, writeDocx(t, r, docx.Options{}))
	d := parseDoc(t, data["word/document.xml"])
	if d.paras[0].style != "Title" || d.paras[0].text != "2021年大祥区行政审批服务局政府信息公开工作年度报告" {
		t.Errorf("title paragraph %+v", d.paras[0])
	}
	// The title breaks as the PDF's: agency and year, then
	// 政府信息公开工作年度报告; no extra line repeats the agency.
	if !strings.Contains(string(data["word/document.xml"]), "<w:t>2021年大祥区行政审批服务局</w:t><w:br/><w:t>政府信息公开工作年度报告</w:t>") {
		t.Error("title not broken before 政府信息公开工作年度报告")
	}
	if !strings.HasPrefix(d.paras[1].text, "本年度报告根据") || d.paras[1].style != "" {
		t.Errorf("preamble paragraph %+v", d.paras[1])
	}
	var headings, subs []string
	for _, p := range d.paras {
		switch p.style {
		case "Heading1":
			headings = append(headings, p.text)
		case "Heading2":
			subs = append(subs, p.text)
		}
	}
	if strings.Join(headings, "|") != strings.Join(model.PartTitles[:], "|") {
		t.Errorf("headings %q", headings)
	}
	if len(subs) == 0 || subs[0] != "(一)主动公开方面" {
		t.Errorf("sub-heads %q", subs)
	}
	n := len(d.paras)
	if d.paras[n-2] != (para{"Signature", "大祥区行政审批服务局"}) || d.paras[n-1] != (para{"Signature", "2022年1月11日"}) {
		t.Errorf("signature %+v %+v", d.paras[n-2], d.paras[n-1])
	}
	// Tables follow the headings (and text) of parts 二, 三 and 四.
	order := strings.Join(d.order, " ")
	if strings.Count(order, "tbl") != 3 {
		t.Errorf("block order %s", order)
	}
	if got := strings.Count(string(data["word/document.xml"]), "<w:tblHeader/>"); got != 6 {
		t.Errorf("%d repeated header rows, want 3 for 表三 and 3 for 表四", got)
	}
	if got := strings.Count(string(data["word/document.xml"]), "<w:cantSplit/>"); got < 40 {
		t.Errorf("only %d rows kept from splitting", got)
	}
	core := string(data["docProps/core.xml"])
	for _, want := range []string{
		"<dc:title>2021年大祥区行政审批服务局政府信息公开工作年度报告</dc:title>",
		"<dc:creator>大祥区行政审批服务局</dc:creator>",
		"<dc:subject>政府信息公开工作年度报告</dc:subject>",
		`<dcterms:created xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:created>`,
	} {
		if !strings.Contains(core, want) {
			t.Errorf("core.xml lacks %s", want)
		}
	}
}

func TestStylesAndPage(t *testing.T) {
	_, data := unzip(t, writeDocx(t, synthetic(model.Edition2021), docx.Options{}))
	st := string(data["word/styles.xml"])
	for _, want := range []string{
		`w:styleId="Normal"><w:name w:val="Normal"/>`,
		`w:styleId="Heading1"><w:name w:val="heading 1"/>`,
		`w:styleId="Heading2"><w:name w:val="heading 2"/>`,
		`w:styleId="Title"><w:name w:val="Title"/>`,
		`w:styleId="TableGrid"><w:name w:val="Table Grid"/>`,
		`w:styleId="Footer"><w:name w:val="footer"/>`,
		`w:eastAsia="仿宋_GB2312"`, `w:eastAsia="黑体"`, `w:eastAsia="楷体_GB2312"`, `w:eastAsia="方正小标宋简体"`,
		`<w:lang w:val="en-US" w:eastAsia="zh-CN"/>`,
		`w:firstLineChars="200" w:firstLine="632"`,
		// 28 characters a line: 三号 condensed by 0.25 pt.
		`<w:spacing w:val="-5"/><w:sz w:val="32"/>`,
		`<w:spacing w:before="0" w:after="0" w:line="579" w:lineRule="exact"/>`,
		`<w:sz w:val="44"/>`, `<w:sz w:val="32"/>`, `<w:sz w:val="28"/>`, `<w:sz w:val="21"/>`,
	} {
		if !strings.Contains(st, want) {
			t.Errorf("styles.xml lacks %s", want)
		}
	}
	d := string(data["word/document.xml"])
	for _, want := range []string{
		`<w:pgSz w:w="11906" w:h="16838"/>`,
		`<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"`,
		`<w:docGrid w:type="lines" w:linePitch="579"/>`,
		`<w:tblLayout w:type="fixed"/>`,
	} {
		if !strings.Contains(d, want) {
			t.Errorf("document.xml lacks %s", want)
		}
	}
	if strings.Contains(d, "linesAndChars") {
		t.Error("document grid must be of type lines")
	}
	ftr := string(data["word/footer1.xml"])
	if !strings.Contains(ftr, "<w:t xml:space=\"preserve\">— </w:t>") || !strings.Contains(ftr, " PAGE ") {
		t.Errorf("footer: %s", ftr)
	}
}

func TestEscapingAndFormulaText(t *testing.T) {
	r := synthetic(model.Edition2021)
	r.Preamble = `说明<b>&"引号"'单引号'`
	r.Meta.Agency = "A&B<局>"
	r.Cells["t3.new.natural"] = &model.Cell{Raw: "=SUM(A1:A9)", Kind: model.KindText}
	r.Cells["t3.new.total"] = &model.Cell{Raw: `<&>"'`, Kind: model.KindText}
	_, data := unzip(t, writeDocx(t, r, docx.Options{}))
	mustParseAll(t, data)
	raw := string(data["word/document.xml"])
	if strings.Contains(raw, "<b>") || strings.Contains(raw, "<局>") {
		t.Fatal("text not escaped")
	}
	d := parseDoc(t, data["word/document.xml"])
	if !contains(d.texts(), r.Preamble) || !contains(d.texts(), "A&B<局>") {
		t.Errorf("escaped text does not read back: %q", d.texts()[:4])
	}
	checkTables(t, d, model.Edition2021, func(k string) string { return r.Cells[k].Raw })
	if !strings.Contains(string(data["docProps/core.xml"]), "<dc:creator>A&amp;B&lt;局&gt;</dc:creator>") {
		t.Error("creator not escaped")
	}
}

func TestInvalidCharDroppedWithFinding(t *testing.T) {
	r := synthetic(model.Edition2019)
	r.Preamble = "前言\x01文字"
	r.Parts[0].Text = "第一段\n第二段\uFFFE有\x0b坏字符"
	r.Cells["t3.new.natural"] = &model.Cell{Raw: "1\x002", Kind: model.KindText, Line: 42}
	r.Meta.Agency = "某\x1b局"
	var before bytes.Buffer
	if err := jsonfmt.Write(&before, r); err != nil {
		t.Fatal(err)
	}
	var got []model.Finding
	_, data := unzip(t, writeDocx(t, r, docx.Options{OnFinding: func(f model.Finding) { got = append(got, f) }}))
	mustParseAll(t, data)
	if len(got) != 4 {
		t.Fatalf("%d findings, want 4 (preamble, part 一, cell, agency): %+v", len(got), got)
	}
	for _, f := range got {
		if f.ID != docx.FindingInvalidChar || f.Status != model.Warning || f.Message == "" {
			t.Errorf("finding %+v", f)
		}
	}
	msgs := fmt.Sprint(got)
	for _, want := range []string{"前言", "一、总体情况第 2 段", "U+FFFE、U+000B", "机关名称", "U+001B"} {
		if !strings.Contains(msgs, want) {
			t.Errorf("findings do not mention %q: %s", want, msgs)
		}
	}
	var cellFinding *model.Finding
	for i := range got {
		if len(got[i].Keys) == 1 && got[i].Keys[0] == "t3.new.natural" {
			cellFinding = &got[i]
		}
	}
	if cellFinding == nil || cellFinding.Line != 42 {
		t.Errorf("cell finding missing or without its line: %+v", got)
	}
	d := parseDoc(t, data["word/document.xml"])
	if !contains(d.texts(), "前言文字") || !contains(d.texts(), "第二段有坏字符") {
		t.Errorf("cleaned text not written: %q", d.texts()[:6])
	}
	if c, _ := d.cellAt(1, 3, 3); c.text != "12" {
		t.Errorf("cleaned cell %q", c.text)
	}
	var after bytes.Buffer
	if err := jsonfmt.Write(&after, r); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before.Bytes(), after.Bytes()) {
		t.Error("the writer modified the report")
	}
	// Without a callback the characters are still dropped, silently.
	_, data = unzip(t, writeDocx(t, r, docx.Options{}))
	mustParseAll(t, data)
}

func TestDeterministic(t *testing.T) {
	for _, seed := range seeds {
		r := readSeed(t, seed)
		a := writeDocx(t, r, docx.Options{Time: testTime})
		b := writeDocx(t, r, docx.Options{Time: testTime.In(time.FixedZone("CST", 8*3600))})
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two writes differ", seed)
		}
		if bytes.Equal(a, writeDocx(t, r, docx.Options{Time: testTime.Add(time.Hour)})) {
			t.Errorf("%s: the time does not reach the output", seed)
		}
		names, data := unzip(t, a)
		mustParseAll(t, data)
		want := "[Content_Types].xml _rels/.rels docProps/app.xml docProps/core.xml word/document.xml " +
			"word/_rels/document.xml.rels word/styles.xml word/settings.xml word/fontTable.xml word/footer1.xml word/footer2.xml"
		if strings.Join(names, " ") != want {
			t.Errorf("entries %v", names)
		}
		if !strings.Contains(string(data["docProps/core.xml"]), "2021-01-11T09:00:00Z") {
			t.Error("core.xml does not carry Options.Time")
		}
	}
}

func TestNoTables(t *testing.T) {
	for _, ed := range []model.Edition{model.EditionLegacy, model.EditionUnknown, ""} {
		r := &model.Report{Meta: model.Meta{Edition: ed}, Parts: [6]model.Part{{Heading: "一、概述", Text: "正文"}}}
		_, data := unzip(t, writeDocx(t, r, docx.Options{}))
		d := parseDoc(t, data["word/document.xml"])
		if len(d.tables) != 0 {
			t.Errorf("%q: %d tables", ed, len(d.tables))
		}
		notes := 0
		for _, p := range d.paras {
			if strings.Contains(p.text, "没有统计表格") {
				notes++
			}
		}
		if notes != 3 {
			t.Errorf("%q: %d notes about missing tables, want 3", ed, notes)
		}
		if d.paras[0].text != "政府信息公开工作年度报告" || d.paras[1].style != "Heading1" || d.paras[1].text != "一、概述" {
			t.Errorf("%q: opening %+v", ed, d.paras[:2])
		}
		if last := d.paras[len(d.paras)-1]; last.style == "Signature" {
			t.Errorf("%q: signature without agency or date: %+v", ed, last)
		}
	}
}

func TestTitles(t *testing.T) {
	tests := []struct {
		meta model.Meta
		want string
	}{
		{model.Meta{Year: 2020, Agency: "市城管执法局"}, "2020年市城管执法局政府信息公开工作年度报告"},
		{model.Meta{Agency: "市城管执法局"}, "市城管执法局政府信息公开工作年度报告"},
		{model.Meta{Year: 2022}, "2022年政府信息公开工作年度报告"},
		{model.Meta{}, "政府信息公开工作年度报告"},
		{model.Meta{Year: 2022, Agency: "甲", Title: "甲局2022年度政府信息公开工作年度报告"}, "甲局2022年度政府信息公开工作年度报告"},
	}
	for _, tt := range tests {
		pkg, err := docx.Package(&model.Report{Meta: tt.meta}, docx.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if pkg.Core.Title != tt.want {
			t.Errorf("%+v: title %q, want %q", tt.meta, pkg.Core.Title, tt.want)
		}
	}
	if _, err := docx.Package(nil, docx.Options{}); err == nil {
		t.Error("nil report: no error")
	}
}

func TestWithFindings(t *testing.T) {
	r := readSeed(t, "002_b0e573aacea97adf")
	_, data := unzip(t, writeDocx(t, r, docx.Options{WithFindings: true}))
	texts := parseDoc(t, data["word/document.xml"]).texts()
	// The same appendix as the PDF's (package outline): plain Chinese
	// first, the check id after it in small print.
	if !contains(texts, "附：数据检查未通过或无法确定的项目") || !contains(texts, "1.【未通过】表三自然人列 本年新收+上年结转=办理结果总计+结转下年度") ||
		!contains(texts, "（T3-BALANCE.natural）") {
		t.Errorf("no findings appendix: %q", texts[len(texts)-4:])
	}
	if !strings.Contains(string(data["word/document.xml"]), `<w:r><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr><w:t>（T3-BALANCE.natural）</w:t></w:r>`) {
		t.Error("check id not in small print")
	}
	_, data = unzip(t, writeDocx(t, r, docx.Options{}))
	if contains(parseDoc(t, data["word/document.xml"]).texts(), "T3-BALANCE") {
		t.Error("findings written without WithFindings")
	}
}

// BenchmarkWrite: one seed to .docx (layout, XML and zip), target < 5 ms.
func BenchmarkWrite(b *testing.B) {
	for _, seed := range seeds {
		r := readSeed(b, seed)
		b.Run(seed, func(b *testing.B) {
			var buf bytes.Buffer
			b.ReportAllocs()
			for b.Loop() {
				buf.Reset()
				if err := docx.Write(&buf, r, docx.Options{Time: testTime}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(buf.Len()), "bytes/doc")
		})
	}
}
