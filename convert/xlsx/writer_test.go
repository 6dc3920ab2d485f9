package xlsx_test

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/govreport/govreport/convert"
	"github.com/govreport/govreport/convert/internal/deflate"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/xlsx"
	"github.com/govreport/govreport/templates"
)

// parts returns the zip entries of a workbook.
func parts(t testing.TB, b []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range zr.File {
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		out[f.Name] = string(data)
	}
	return out
}

func open(t testing.TB, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

func TestWriteDeterministic(t *testing.T) {
	for name, rep := range seeds(t) {
		a, b := writeReport(t, rep), writeReport(t, rep)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two writes differ", name)
		}
		core := parts(t, a)["docProps/core.xml"]
		if !strings.Contains(core, "2024-05-06T07:08:09Z") || strings.Contains(core, "2006-09-16") {
			t.Errorf("%s: core.xml does not carry the given time: %s", name, core)
		}
	}
	var x, y bytes.Buffer
	at := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := xlsx.WriteTemplate(&x, xlsx.TemplateOptions{Time: at, Agency: "某局", Year: 2025}); err != nil {
		t.Fatal(err)
	}
	if err := xlsx.WriteTemplate(&y, xlsx.TemplateOptions{Time: at, Agency: "某局", Year: 2025}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(x.Bytes(), y.Bytes()) {
		t.Error("two templates differ")
	}
}

// hostile is a report whose texts try to become formulas.
func hostile(t testing.TB) *model.Report {
	t.Helper()
	rep := seeds(t)["002_b0e573aacea97adf.txt"]
	r := *rep
	r.Cells = map[string]*model.Cell{}
	for k, c := range rep.Cells {
		cc := *c
		r.Cells[k] = &cc
	}
	r.Meta.Agency = `=HYPERLINK("http://example.com","点我")`
	r.Meta.Title = "+1+1"
	r.Parts[0].Text = "-2+3\n@SUM(1,2)\n=cmd|' /C calc'!A0"
	for _, k := range []string{"t3.new.natural", "t2.regulations.made", "t4.review.total"} {
		c := model.ParseValue("=1+1")
		c.Key = k
		r.Cells[k] = &c
	}
	c := model.ParseValue("@A1")
	r.Cells["t3.new.legal"] = &c
	return &r
}

func TestNoFormulaFromText(t *testing.T) {
	b := writeReport(t, hostile(t))
	for name, data := range parts(t, b) {
		if strings.HasPrefix(name, "xl/worksheets/sheet") && strings.Contains(data, "<f>") {
			t.Errorf("%s contains a formula", name)
		}
	}
	rep, err := convert.ReadBytes(b, convert.ReadOptions{Name: "hostile.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Meta.Agency != `=HYPERLINK("http://example.com","点我")` || rep.Meta.Title != "+1+1" {
		t.Errorf("meta %q %q", rep.Meta.Agency, rep.Meta.Title)
	}
	if rep.Parts[0].Text != "-2+3\n@SUM(1,2)\n=cmd|' /C calc'!A0" {
		t.Errorf("part 1 = %q", rep.Parts[0].Text)
	}
	if c := rep.Cells["t3.new.natural"]; c.Kind != model.KindText || c.Raw != "=1+1" {
		t.Errorf("t3.new.natural = %+v", c)
	}
	f := open(t, b)
	if typ, _ := f.GetCellType("封面", "B3"); typ != excelize.CellTypeSharedString {
		t.Errorf("agency cell type %v", typ)
	}
}

// TestReportCells: plain numbers are numbers with the right format, other
// texts stay visible with the value in a comment, blanks stay blank, failed
// cells are highlighted, and every key has its defined name.
func TestReportCells(t *testing.T) {
	all := seeds(t)
	rep := all["002_b0e573aacea97adf.txt"] // 2019, 增81, 38.47万元, failed balance
	b := writeReport(t, rep)
	f := open(t, b)
	names := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		names[dn.Name] = dn.RefersTo
	}
	comments := map[string]string{}
	for _, sh := range []string{"表二", "表三", "表四"} {
		cs, err := f.GetComments(sh)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			var s strings.Builder
			for _, p := range c.Paragraph {
				s.WriteString(p.Text)
			}
			comments[sh+"!"+c.Cell] = s.String() + c.Text
		}
	}
	for _, k := range templates.Default().Keys(rep.Meta.Edition) {
		ref, ok := names[xlsx.Name(k)]
		if !ok {
			t.Errorf("%s has no defined name", k)
			continue
		}
		sh, cell, _ := strings.Cut(strings.ReplaceAll(ref, "$", ""), "!")
		sh = strings.Trim(sh, "'")
		c := rep.Cells[k]
		typ, _ := f.GetCellType(sh, cell)
		v, _ := f.GetCellValue(sh, cell)
		switch {
		case c.Kind == model.KindNumber && c.Raw == model.FormatNumber(c.Value):
			if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber || v != c.Raw {
				t.Errorf("%s: %v %q, want the number %s", k, typ, v, c.Raw)
			}
		case c.Kind == model.KindBlank:
			if v != "" {
				t.Errorf("%s: %q, want blank", k, v)
			}
		default:
			if typ != excelize.CellTypeSharedString || v != c.Raw {
				t.Errorf("%s: %v %q, want the text %q", k, typ, v, c.Raw)
			}
			if c.Kind == model.KindNumber && !strings.Contains(comments[sh+"!"+cell], model.FormatNumber(c.Value)) {
				t.Errorf("%s: comment %q does not give the value %v", k, comments[sh+"!"+cell], c.Value)
			}
		}
	}
	// 增81 is text with its value in a comment.
	if got := comments["表二!C9"]; !strings.Contains(got, "增81") || !strings.Contains(got, "81") {
		t.Errorf("comment on 增81: %q", got)
	}
	// Failed balance: t3.new.natural is highlighted.
	sid, _ := f.GetCellStyle("表三", "D6")
	st, _ := f.GetStyle(sid)
	if len(st.Fill.Color) == 0 || st.Fill.Color[0] != "FFC7CE" {
		t.Errorf("t3.new.natural fill %+v, want the failed-check colour", st.Fill)
	}
	if !strings.Contains(comments["表三!D6"], "T3-BALANCE.natural") {
		t.Errorf("t3.new.natural comment %q", comments["表三!D6"])
	}
	sid, _ = f.GetCellStyle("表三", "E6")
	st, _ = f.GetStyle(sid)
	if len(st.Fill.Color) != 0 {
		t.Errorf("t3.new.commercial is highlighted: %+v", st.Fill)
	}
	// Number formats: counts whole, amounts with decimals.
	amount := all["001_1d4dd3ae0346d0fe.txt"]
	f2 := open(t, writeReport(t, amount))
	sid, _ = f2.GetCellStyle("表二", "B16")
	st, _ = f2.GetStyle(sid)
	if st.CustomNumFmt == nil || *st.CustomNumFmt != "0.00" {
		t.Errorf("t2.fees.amount format %v", st.CustomNumFmt)
	}
	sid, _ = f2.GetCellStyle("表三", "D6")
	st, _ = f2.GetStyle(sid)
	if st.CustomNumFmt == nil || *st.CustomNumFmt != "0" {
		t.Errorf("t3.new.natural format %v", st.CustomNumFmt)
	}
}

func TestPrintSetup(t *testing.T) {
	b := writeReport(t, seeds(t)["001_1d4dd3ae0346d0fe.txt"])
	f := open(t, b)
	for _, sh := range []string{"封面", "正文", "表二", "表三", "表四", "校验结果"} {
		pl, err := f.GetPageLayout(sh)
		if err != nil {
			t.Fatal(err)
		}
		if pl.Size == nil || *pl.Size != 9 || pl.FitToWidth == nil || *pl.FitToWidth != 1 {
			t.Errorf("%s: page layout %+v, want A4 fitted to one page wide", sh, pl)
		}
		props, _ := f.GetSheetProps(sh)
		if props.FitToPage == nil || !*props.FitToPage {
			t.Errorf("%s: fit to page not set", sh)
		}
	}
	titles := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" {
			titles[dn.Scope] = dn.RefersTo
		}
	}
	if titles["表三"] != "'表三'!$1:$5" || titles["表四"] != "'表四'!$1:$5" {
		t.Errorf("print titles %v", titles)
	}
	styles := parts(t, b)["xl/styles.xml"]
	for _, font := range []string{"宋体", "黑体", "仿宋_GB2312"} {
		if !strings.Contains(styles, `val="`+font+`"`) {
			t.Errorf("styles.xml does not use %s", font)
		}
	}
	if w, _ := f.GetColWidth("表三", "C"); w < 20 {
		t.Errorf("label column of table 三 is %v wide", w)
	}
}

func TestFindingsSheet(t *testing.T) {
	rep := seeds(t)["002_b0e573aacea97adf.txt"]
	f := open(t, writeReport(t, rep))
	rows, err := f.GetRows("校验结果")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows)-2 != len(rep.Findings) {
		t.Fatalf("%d finding rows, want %d", len(rows)-2, len(rep.Findings))
	}
	// Failed checks come first, with links to their cells.
	if rows[2][1] != "T3-BALANCE.natural" || rows[2][2] != "失败" {
		t.Errorf("first row %q", rows[2])
	}
	ok, target, err := f.GetCellHyperLink("校验结果", "E3")
	if err != nil || !ok || target != "'表三'!D6:D7" {
		t.Errorf("link %v %q %v", ok, target, err)
	}
	if rows[2][4] != "表三!D6:D7" || rows[2][5] != "表三!D27:D28" {
		t.Errorf("cells %q", rows[2][4:])
	}
}

// TestConstantPartsCompressedAsOthers: every entry of report workbooks
// written one after another (the constant parts replayed from memory) holds
// the bytes the pooled compressor gives for its content.
func TestConstantPartsCompressedAsOthers(t *testing.T) {
	all := seeds(t)
	for _, name := range []string{"001_1d4dd3ae0346d0fe.txt", "002_b0e573aacea97adf.txt", "001_1d4dd3ae0346d0fe.txt"} {
		b := writeReport(t, all[name])
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range zr.File {
			rc, _ := f.Open()
			content, _ := io.ReadAll(rc)
			rc.Close()
			raw, _ := f.OpenRaw()
			got, _ := io.ReadAll(raw)
			var want bytes.Buffer
			w, _ := deflate.NewWriter(&want)
			w.Write(content)
			w.Close()
			if !bytes.Equal(got, want.Bytes()) {
				t.Errorf("%s %s: compressed bytes differ from the compressor's", name, f.Name)
			}
		}
	}
}

// TestWriteConcurrent: workbooks written at once in several goroutines
// (sharing the decoded templates and the compressed constant parts; go
// test -race) are all the same bytes.
func TestWriteConcurrent(t *testing.T) {
	rep := seeds(t)["001_1d4dd3ae0346d0fe.txt"]
	want := writeReport(t, rep)
	out := make(chan []byte, 4)
	for g := 0; g < 4; g++ {
		go func() {
			var buf bytes.Buffer
			if err := xlsx.Write(&buf, rep, xlsx.Options{Time: time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)}); err != nil {
				out <- nil
				return
			}
			out <- buf.Bytes()
		}()
	}
	for g := 0; g < 4; g++ {
		if got := <-out; !bytes.Equal(got, want) {
			t.Fatal("a workbook written concurrently differs")
		}
	}
}
