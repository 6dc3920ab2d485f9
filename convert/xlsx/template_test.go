package xlsx_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"github.com/govreport/govreport/convert/input"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/govreport/govreport/convert"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/xlsx"
	"github.com/govreport/govreport/templates"
)

func template(t testing.TB, ed model.Edition) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := xlsx.WriteTemplate(&buf, xlsx.TemplateOptions{Edition: ed}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// entry is how a test fills one input cell and what reading it must give.
type entry struct {
	set  func(f *excelize.File, sheet, cell string) error
	want model.Cell // Kind, Value, Raw, Unit, Sign
}

func num(v float64) model.Cell { return model.ParseValue(model.FormatNumber(v)) }

// fillings cycles through every way a person or a program fills a cell.
var fillings = []entry{
	{func(f *excelize.File, s, c string) error { return f.SetCellInt(s, c, 12) }, num(12)},
	{func(f *excelize.File, s, c string) error { return f.SetCellStr(s, c, "１２") }, model.ParseValue("１２")},
	{func(f *excelize.File, s, c string) error { return f.SetCellStr(s, c, "1,234") }, model.ParseValue("1,234")},
	{func(f *excelize.File, s, c string) error { return f.SetCellStr(s, c, "无") }, model.ParseValue("无")},
	{func(f *excelize.File, s, c string) error { return f.SetCellStr(s, c, "/") }, model.ParseValue("/")},
	{func(f *excelize.File, s, c string) error { return f.SetCellStr(s, c, "—") }, model.ParseValue("—")},
	{func(f *excelize.File, s, c string) error { return f.SetCellStr(s, c, " 12 ") }, model.ParseValue("12")},
	{func(f *excelize.File, s, c string) error { return nil }, model.ParseValue("")},
	{func(f *excelize.File, s, c string) error { return f.SetCellFloat(s, c, 0, -1, 64) }, num(0)},
	{cachedFormula("3+4", 7), num(7)},
	{func(f *excelize.File, s, c string) error { return f.SetCellFormula(s, c, "3+4") }, num(7)},
	{func(f *excelize.File, s, c string) error { return f.SetCellFormula(s, c, "SUM(2,3)*2") }, num(10)},
	{func(f *excelize.File, s, c string) error { return f.SetCellFloat(s, c, 0.1+0.2, -1, 64) }, num(0.3)},
	{func(f *excelize.File, s, c string) error { return f.SetCellStr(s, c, "=1+1") }, model.ParseValue("=1+1")},
}

// cachedFormula writes a formula with a cached result the way Excel saves
// it: the marker is turned into <f>…</f><v>…</v> without t="str" by
// fixCached after the workbook is written.
func cachedFormula(formula string, cached float64) func(f *excelize.File, s, c string) error {
	return func(f *excelize.File, s, c string) error {
		if err := f.SetCellFloat(s, c, cached, -1, 64); err != nil {
			return err
		}
		return f.SetCellFormula(s, c, formula)
	}
}

var strFormula = regexp.MustCompile(`(<c r="[A-Z]+[0-9]+"(?: s="[0-9]+")?) t="str"(><f>[^<]*</f><v>[0-9.]+</v></c>)`)

// fixCached rewrites cached formula results as numbers, as Excel stores them.
func fixCached(t testing.TB, b []byte) []byte {
	t.Helper()
	return rezip(t, b, func(name string, data []byte) []byte {
		if strings.HasPrefix(name, "xl/worksheets/") {
			return strFormula.ReplaceAll(data, []byte("$1$2"))
		}
		return data
	})
}

// rezip rewrites a zip's entries through fn.
func rezip(t testing.TB, b []byte, fn func(name string, data []byte) []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, _ := io.ReadAll(rc)
		rc.Close()
		w, _ := zw.Create(f.Name)
		w.Write(fn(f.Name, data))
	}
	zw.Close()
	return out.Bytes()
}

// fill fills every input cell of a template through its defined name and
// returns what each key must read back as.
func fill(t testing.TB, tmpl []byte, ed model.Edition, agency string, year int) ([]byte, map[string]model.Cell) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(tmpl))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	names := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		names[dn.Name] = dn.RefersTo
	}
	at := func(name string) (string, string) {
		ref, ok := names[name]
		if !ok {
			t.Fatalf("template has no name %s", name)
		}
		sheet, cell, _ := strings.Cut(strings.ReplaceAll(ref, "$", ""), "!")
		return strings.Trim(sheet, "'"), cell
	}
	want := map[string]model.Cell{}
	for i, k := range templates.Default().Keys(ed) {
		e := fillings[i%len(fillings)]
		sheet, cell := at(xlsx.Name(k))
		if err := e.set(f, sheet, cell); err != nil {
			t.Fatal(err)
		}
		want[k] = e.want
	}
	s, c := at(xlsx.NameAgency)
	f.SetCellStr(s, c, agency)
	s, c = at(xlsx.NameYear)
	f.SetCellInt(s, c, int64(year))
	s, c = at(xlsx.PartName(1))
	f.SetCellStr(s, c, "2025年，本机关认真贯彻落实《条例》。\n（一）主动公开\n=SUM(A1) 不是公式")
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return fixCached(t, buf.Bytes()), want
}

func checkFilled(t *testing.T, rep *model.Report, want map[string]model.Cell, layout string) {
	t.Helper()
	if rep.Meta.Layout != layout {
		t.Errorf("layout %q, want %q", rep.Meta.Layout, layout)
	}
	for k, w := range want {
		g := rep.Cells[k]
		if g == nil {
			t.Errorf("%s missing", k)
			continue
		}
		ws := fmt.Sprintf("%s|%v|%q|%q|%q", w.Kind, w.Value, w.Raw, w.Unit, w.Sign)
		gs := fmt.Sprintf("%s|%v|%q|%q|%q", g.Kind, g.Value, g.Raw, g.Unit, g.Sign)
		if ws != gs {
			t.Errorf("%s (%s) = %s, want %s", k, g.Ref, gs, ws)
		}
		if !strings.Contains(g.Ref, "!") {
			t.Errorf("%s: ref %q", k, g.Ref)
		}
	}
	if len(rep.Cells) != len(want) {
		t.Errorf("%d cells, want %d", len(rep.Cells), len(want))
	}
}

func TestFilledTemplateReadsBack(t *testing.T) {
	for _, ed := range templates.Default().Editions() {
		t.Run(string(ed), func(t *testing.T) {
			b, want := fill(t, template(t, ed), ed, "某某市=某某局", 2025)
			rep, err := convert.ReadBytes(b, convert.ReadOptions{Name: "填好的模板.xlsx"})
			if err != nil {
				t.Fatal(err)
			}
			checkFilled(t, rep, want, xlsx.LayoutNames)
			if rep.Meta.Agency != "某某市=某某局" || rep.Meta.Year != 2025 || rep.Meta.Edition != ed {
				t.Errorf("meta %q %d %s", rep.Meta.Agency, rep.Meta.Year, rep.Meta.Edition)
			}
			if got := rep.Parts[0]; got.Heading != "一、总体情况" || !strings.HasSuffix(got.Text, "=SUM(A1) 不是公式") {
				t.Errorf("part 1 = %+v", got)
			}
			if rep.Parts[1].Heading != "" {
				t.Errorf("empty part 2 has heading %q", rep.Parts[1].Heading)
			}
			if c := rep.Cells["t3.new.natural"]; c.Ref != "表三!D6" {
				t.Errorf("t3.new.natural ref %q", c.Ref)
			}
			for _, f := range rep.Findings {
				if strings.HasPrefix(f.ID, "READ-XLSX.") && f.Status != model.Info {
					t.Errorf("finding %+v", f)
				}
			}
		})
	}
}

// fillFrom fills a template with a report's cells, as an agency would type
// them: plain numbers as numbers, anything else as text.
func fillFrom(t testing.TB, tmpl []byte, rep *model.Report) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(tmpl))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	names := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		names[dn.Name] = dn.RefersTo
	}
	for _, k := range templates.Default().Keys(rep.Meta.Edition) {
		sheet, cell, _ := strings.Cut(strings.ReplaceAll(names[xlsx.Name(k)], "$", ""), "!")
		sheet = strings.Trim(sheet, "'")
		c := rep.Cells[k]
		switch {
		case c.Kind == model.KindNumber && c.Raw == model.FormatNumber(c.Value):
			err = f.SetCellFloat(sheet, cell, c.Value, -1, 64)
		case c.Raw != "":
			err = f.SetCellStr(sheet, cell, c.Raw)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// liveCheck computes a template's live check cell.
func liveCheck(t *testing.T, f *excelize.File, id string) string {
	t.Helper()
	for _, dn := range f.GetDefinedName() {
		if dn.Name == xlsx.CheckName(id) {
			sheet, cell, _ := strings.Cut(strings.ReplaceAll(dn.RefersTo, "$", ""), "!")
			v, err := f.CalcCellValue(strings.Trim(sheet, "'"), cell)
			if err != nil {
				t.Fatalf("%s: %v", id, err)
			}
			return v
		}
	}
	t.Fatalf("no live check %s", id)
	return ""
}

// TestLiveChecks: the formulas next to tables 三 and 四 agree with
// check.Run on the same numbers.
func TestLiveChecks(t *testing.T) {
	for name, rep := range seeds(t) {
		b := fillFrom(t, template(t, rep.Meta.Edition), rep)
		got, err := convert.ReadBytes(b, convert.ReadOptions{Name: name + ".xlsx"})
		if err != nil {
			t.Fatal(err)
		}
		sameCells(t, name, rep, got)
		f := open(t, b)
		n := 0
		for _, fd := range got.Findings {
			if !strings.HasPrefix(fd.ID, "T3-") && !strings.HasPrefix(fd.ID, "T4-") {
				continue
			}
			n++
			v := liveCheck(t, f, fd.ID)
			want := map[model.Status]string{model.Pass: "✓ 通过", model.Uncertain: "待填"}[fd.Status]
			switch {
			case fd.Status == model.Fail && strings.HasPrefix(v, "✗"):
			case fd.Status == model.Uncertain && (v == "待填" || v == "存疑"):
			case v == want:
			default:
				t.Errorf("%s: %s is %s (%s), live check shows %q", name, fd.ID, fd.Status, fd.Message, v)
			}
		}
		if want := map[model.Edition]int{model.Edition2019: 7 + 7 + 23 + 3, model.Edition2021: 7 + 7 + 25 + 3}[rep.Meta.Edition]; n != want {
			t.Errorf("%s: %d check findings, want %d", name, n, want)
		}
	}
}

// TestTemplateStructure: input cells unlocked and coloured, labels locked,
// sheets protected without a password, validation with Chinese messages.
func TestTemplateStructure(t *testing.T) {
	for _, ed := range templates.Default().Editions() {
		b := template(t, ed)
		f := open(t, b)
		for _, sh := range []string{"表二", "表三", "表四", "封面", "正文"} {
			p, err := f.GetSheetProtection(sh)
			if err != nil || !p.SelectUnlockedCells || !p.SelectLockedCells {
				t.Errorf("%s %s: protection %+v %v", ed, sh, p, err)
			}
		}
		ws := parts(t, b)
		for name, data := range ws {
			if strings.Contains(data, "<sheetProtection") && strings.Contains(data, "password") {
				t.Errorf("%s: %s protection has a password", ed, name)
			}
		}
		dv, _ := f.GetDataValidations("表三")
		if len(dv) == 0 || dv[0].Type != "whole" || dv[0].Error == nil || !strings.Contains(*dv[0].Error, "非负整数") {
			t.Errorf("%s: 表三 validation %+v", ed, dv)
		}
		dv, _ = f.GetDataValidations("表二")
		types := map[string]bool{}
		for _, d := range dv {
			types[d.Type] = true
		}
		if ed == model.Edition2019 && !(types["whole"] && types["decimal"]) || ed == model.Edition2021 && !(types["whole"] && types["decimal"]) {
			t.Errorf("%s: 表二 validation types %v", ed, types)
		}
		locked := func(sheet, cell string) bool {
			id, _ := f.GetCellStyle(sheet, cell)
			st, _ := f.GetStyle(id)
			return st.Protection == nil || st.Protection.Locked
		}
		if locked("表三", "D6") || !locked("表三", "A6") || !locked("表三", "D3") {
			t.Errorf("%s: locking of 表三 D6/A6/D3 wrong", ed)
		}
		if locked("封面", "B3") || locked("封面", "B4") || !locked("封面", "B5") {
			t.Errorf("%s: locking of the cover inputs wrong", ed)
		}
		for _, k := range templates.Default().Keys(ed) {
			found := false
			for _, dn := range f.GetDefinedName() {
				if dn.Name == xlsx.Name(k) && dn.Scope == "Workbook" {
					found = true
				}
			}
			if !found {
				t.Errorf("%s: no workbook-level name for %s", ed, k)
			}
		}
	}
}

// TestUnreadableAndMerged: text that is not a number, error values and two
// key cells merged into one become findings naming the sheet and cell;
// nothing is read as zero, nothing is counted twice.
func TestUnreadableAndMerged(t *testing.T) {
	ed := model.Edition2021
	b, _ := fill(t, template(t, ed), ed, "某局", 2025)
	b = edit(t, b, func(f *excelize.File) {
		must(t, f.UnprotectSheet("表三"))
		must(t, f.SetCellStr("表三", "D6", "约10"))
		must(t, f.SetCellDefault("表三", "D7", ""))
		must(t, f.SetCellFormula("表三", "D7", "1/0"))
		must(t, f.SetCellInt("表三", "D8", 5))
		must(t, f.SetCellStr("表三", "E8", ""))
		must(t, f.MergeCell("表三", "D8", "E8"))
		must(t, f.SetCellStr("表三", "D9", "TRUE"))
	})
	rep, err := convert.ReadBytes(b, convert.ReadOptions{Name: "问题.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	find := func(key string) string {
		var msgs []string
		for _, f := range rep.Findings {
			if strings.HasPrefix(f.ID, "READ-XLSX-") && len(f.Keys) == 1 && f.Keys[0] == key {
				msgs = append(msgs, f.Message)
			}
		}
		return strings.Join(msgs, "|")
	}
	if c := rep.Cells["t3.new.natural"]; c.Kind != model.KindText || c.Raw != "约10" || !strings.Contains(find("t3.new.natural"), "表三!D6") {
		t.Errorf("约10: %+v, %q", c, find("t3.new.natural"))
	}
	if c := rep.Cells["t3.carried_over.natural"]; c.Kind != model.KindText || !strings.Contains(find("t3.carried_over.natural"), "#DIV/0!") || !strings.Contains(find("t3.carried_over.natural"), "表三!D7") {
		t.Errorf("=1/0: %+v, %q", c, find("t3.carried_over.natural"))
	}
	if c := rep.Cells["t3.granted.natural"]; c.Kind != model.KindNumber || c.Value != 5 {
		t.Errorf("merged top-left: %+v", c)
	}
	if c := rep.Cells["t3.granted.commercial"]; c.Kind != model.KindBlank || !strings.Contains(find("t3.granted.commercial"), "合并") {
		t.Errorf("merged cell: %+v, %q", c, find("t3.granted.commercial"))
	}
	for _, f := range rep.Findings {
		if f.ID == "T3-BALANCE.natural" && f.Status != model.Uncertain {
			t.Errorf("balance with unreadable cells is %s", f.Status)
		}
	}
}

// TestFormulaLimit: in a workbook with very many formulas nothing is
// computed (computing follows references recursively); a formula without a
// cached result then becomes a finding, not a number.
func TestFormulaLimit(t *testing.T) {
	ed := model.Edition2019
	b, want := fill(t, template(t, ed), ed, "某局", 2020)
	b = edit(t, b, func(f *excelize.File) {
		for r := 1; r <= 5001; r++ {
			must(t, f.SetCellFormula("正文", fmt.Sprintf("Z%d", r), "1+1"))
		}
	})
	rep, err := xlsx.ReadBytes(b, input.Options{Name: "f.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for k, w := range want {
		g := rep.Cells[k]
		if g.Raw == "=3+4" || g.Raw == "=SUM(2,3)*2" {
			n++
			if g.Kind != model.KindText {
				t.Errorf("%s = %+v", k, g)
			}
			continue
		}
		if g.Kind != w.Kind || g.Value != w.Value {
			t.Errorf("%s = %+v, want %+v", k, g, w)
		}
	}
	if n == 0 {
		t.Error("no uncomputed formula")
	}
}
