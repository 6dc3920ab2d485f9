package xlsx_test

import (
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/govreport/govreport/convert"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/xlsx"
	"github.com/govreport/govreport/templates"
)

// nameCell returns the sheet and cell a template's defined name points at.
func nameCell(t *testing.T, f *excelize.File, name string) (string, string) {
	t.Helper()
	for _, dn := range f.GetDefinedName() {
		if dn.Name == name {
			sheet, cell, _ := strings.Cut(strings.ReplaceAll(dn.RefersTo, "$", ""), "!")
			return strings.Trim(sheet, "'"), cell
		}
	}
	t.Fatalf("no name %s", name)
	return "", ""
}

func findingsWith(rep *model.Report, prefix string) []model.Finding {
	var out []model.Finding
	for _, f := range rep.Findings {
		if strings.HasPrefix(f.ID, prefix) {
			out = append(out, f)
		}
	}
	return out
}

// TestCircularFormula: two cells referring to each other, saved without
// results, are unreadable with a finding naming the cells, not blank.
func TestCircularFormula(t *testing.T) {
	ed := model.Edition2021
	b, _ := fill(t, template(t, ed), ed, "某局", 2024)
	var ref string
	b = edit(t, b, func(f *excelize.File) {
		s1, c1 := nameCell(t, f, xlsx.Name("t3.new.natural"))
		s2, c2 := nameCell(t, f, xlsx.Name("t3.carried_over.natural"))
		must(t, f.SetCellDefault(s1, c1, ""))
		must(t, f.SetCellDefault(s2, c2, ""))
		must(t, f.SetCellFormula(s1, c1, c2+"+1"))
		must(t, f.SetCellFormula(s2, c2, "SUM("+c1+",0)"))
		ref = s1 + "!" + c1
	})
	rep, err := convert.ReadBytes(b, convert.ReadOptions{Name: "循环.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	c := rep.Cells["t3.new.natural"]
	if c.Kind == model.KindBlank || c.HasNumber() {
		t.Errorf("circular cell read as %+v", c)
	}
	found := false
	for _, f := range findingsWith(rep, "READ-XLSX-CELL") {
		if strings.Contains(f.Message, ref) && strings.Contains(f.Message, "循环引用") {
			found = true
		}
	}
	if !found {
		t.Errorf("no circular-reference finding naming %s: %v", ref, findingsWith(rep, "READ-XLSX-CELL"))
	}
	if f := findingOf(rep, "T3-BALANCE.natural"); f.Status != model.Uncertain {
		t.Errorf("T3-BALANCE.natural %s on a circular cell", f.Status)
	}
}

// TestVolatileFormula: NOW(), RAND() and a formula depending on one, saved
// without results, are unreadable with a finding: computing them at read
// time would make every run's output different.
func TestVolatileFormula(t *testing.T) {
	ed := model.Edition2021
	b, _ := fill(t, template(t, ed), ed, "某局", 2024)
	keys := []string{"t3.new.natural", "t3.new.commercial", "t3.new.research", "t3.new.social"}
	formulas := []string{"NOW()", "RANDBETWEEN(1,9)", "", "INDIRECT(\"A1\")"}
	b = edit(t, b, func(f *excelize.File) {
		for i, k := range keys {
			s, c := nameCell(t, f, xlsx.Name(k))
			fm := formulas[i]
			if fm == "" { // depends on the RANDBETWEEN cell
				_, c2 := nameCell(t, f, xlsx.Name(keys[1]))
				fm = c2 + "*2"
			}
			must(t, f.SetCellDefault(s, c, "")) // no cached result
			must(t, f.SetCellFormula(s, c, fm))
		}
	})
	var first *model.Report
	for run := 0; run < 2; run++ {
		rep, err := convert.ReadBytes(b, convert.ReadOptions{Name: "易变.xlsx"})
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range keys {
			if c := rep.Cells[k]; c.HasNumber() || c.Kind == model.KindBlank {
				t.Errorf("%s (volatile) read as %+v", k, c)
			}
		}
		n := 0
		for _, f := range findingsWith(rep, "READ-XLSX-CELL") {
			if strings.Contains(f.Message, "易变函数") {
				n++
			}
		}
		if n != len(keys) {
			t.Errorf("%d volatile findings, want %d", n, len(keys))
		}
		if first == nil {
			first = rep
		} else {
			for _, k := range keys {
				if first.Cells[k].Raw != rep.Cells[k].Raw {
					t.Errorf("%s differs between runs: %q vs %q", k, first.Cells[k].Raw, rep.Cells[k].Raw)
				}
			}
		}
	}
}

// TestLyingNames: defined names that all point at one cell of another
// sheet (the '表二'!$B$5), or two swapped names, are not trusted:
// the table is read by its labels, with a finding, and the values are the
// right ones.
func TestLyingNames(t *testing.T) {
	ed := model.Edition2021
	for _, tc := range []struct {
		name string
		lie  func(t *testing.T, f *excelize.File)
	}{
		{"all-to-one", func(t *testing.T, f *excelize.File) {
			for _, k := range templates.Default().Table(ed, "t3").Keys {
				n := xlsx.Name(k)
				must(t, f.DeleteDefinedName(&excelize.DefinedName{Name: n}))
				must(t, f.SetDefinedName(&excelize.DefinedName{Name: n, RefersTo: "'表二'!$B$5"}))
			}
		}},
		{"swapped", func(t *testing.T, f *excelize.File) {
			a, b := xlsx.Name("t3.new.natural"), xlsx.Name("t3.new.total")
			sa, ca := nameCell(t, f, a)
			sb, cb := nameCell(t, f, b)
			must(t, f.DeleteDefinedName(&excelize.DefinedName{Name: a}))
			must(t, f.DeleteDefinedName(&excelize.DefinedName{Name: b}))
			must(t, f.SetDefinedName(&excelize.DefinedName{Name: a, RefersTo: "'" + sb + "'!$" + cb[:1] + "$" + cb[1:]}))
			must(t, f.SetDefinedName(&excelize.DefinedName{Name: b, RefersTo: "'" + sa + "'!$" + ca[:1] + "$" + ca[1:]}))
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, want := fill(t, template(t, ed), ed, "某局", 2024)
			// Distinct values, so that reading the wrong cell shows.
			b = edit(t, b, func(f *excelize.File) {
				for i, k := range templates.Default().Table(ed, "t3").Keys {
					s, c := nameCell(t, f, xlsx.Name(k))
					must(t, f.SetCellInt(s, c, int64(100+i)))
					want[k] = model.ParseValue(model.FormatNumber(float64(100 + i)))
				}
				tc.lie(t, f)
			})
			rep, err := convert.ReadBytes(b, convert.ReadOptions{Name: "名称.xlsx"})
			if err != nil {
				t.Fatal(err)
			}
			for _, k := range templates.Default().Table(ed, "t3").Keys {
				if g, w := rep.Cells[k], want[k]; g.Kind != w.Kind || g.Value != w.Value {
					t.Errorf("%s = %q, want %q", k, g.Raw, w.Raw)
				}
			}
			fs := findingsWith(rep, "READ-XLSX-NAMES.t3")
			if len(fs) != 1 || fs[0].Status != model.Warning || !strings.Contains(fs[0].Message, "改按行列标签读取") {
				t.Errorf("READ-XLSX-NAMES.t3 = %+v", fs)
			}
			if rep.Meta.Layout != xlsx.LayoutLabels {
				t.Errorf("layout %s", rep.Meta.Layout)
			}
		})
	}
}

func findingOf(rep *model.Report, id string) model.Finding {
	for _, f := range rep.Findings {
		if f.ID == id {
			return f
		}
	}
	return model.Finding{}
}

// TestHugeNumbersInWorkbook: a 30-digit number typed as text, or stored as
// a number (Excel keeps 15 digits: 1.5E+29), is doubtful, never used by a
// check.
func TestHugeNumbersInWorkbook(t *testing.T) {
	ed := model.Edition2021
	b, _ := fill(t, template(t, ed), ed, "某局", 2024)
	b = edit(t, b, func(f *excelize.File) {
		s, c := nameCell(t, f, xlsx.Name("t4.review.upheld"))
		must(t, f.SetCellStr(s, c, "150000000000000000000000000001"))
		s, c = nameCell(t, f, xlsx.Name("t4.review.total"))
		must(t, f.SetCellFloat(s, c, 1.5e29, -1, 64))
	})
	rep, err := convert.ReadBytes(b, convert.ReadOptions{Name: "大数.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"t4.review.upheld", "t4.review.total"} {
		if c := rep.Cells[k]; c.HasNumber() || c.Doubt == "" {
			t.Errorf("%s = %+v: usable by checks", k, c)
		}
	}
	if f := findingOf(rep, "T4-TOTAL.review"); f.Status != model.Uncertain {
		t.Errorf("T4-TOTAL.review %s: %s", f.Status, f.Message)
	}
}
