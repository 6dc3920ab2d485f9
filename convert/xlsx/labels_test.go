package xlsx_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/govreport/govreport/convert"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/xlsx"
	"github.com/govreport/govreport/templates"
)

// edit opens a workbook, applies fn and returns the new bytes.
func edit(t *testing.T, b []byte, fn func(f *excelize.File)) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fn(f)
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func dropNames(t *testing.T, f *excelize.File) {
	for _, dn := range f.GetDefinedName() {
		if err := f.DeleteDefinedName(&excelize.DefinedName{Name: dn.Name, Scope: dn.Scope}); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(f.GetDefinedName()); n != 0 {
		t.Fatalf("%d names left", n)
	}
}

// TestLabelsFallback removes every defined name, inserts rows above and
// inside the tables, moves table 四 to the right and renames its sheet: the
// reader must find every cell by its labels.
func TestLabelsFallback(t *testing.T) {
	for _, ed := range templates.Default().Editions() {
		t.Run(string(ed), func(t *testing.T) {
			b, want := fill(t, template(t, ed), ed, "某某县人民政府办公室", 2024)
			b = edit(t, b, func(f *excelize.File) {
				// excelize cannot adjust formulas that use names that no
				// longer exist: make the information rows plain text.
				for _, sh := range []string{"表二", "表三", "表四"} {
					must(t, f.SetCellStr(sh, "A2", "填报单位："))
				}
				dropNames(t, f)
				for _, sh := range []string{"表二", "表三", "表四"} {
					if err := f.UnprotectSheet(sh); err != nil {
						t.Fatal(err)
					}
				}
				must(t, f.InsertRows("表二", 1, 3))
				must(t, f.InsertRows("表二", 12, 1)) // between sub-tables
				must(t, f.InsertRows("表三", 12, 2)) // inside （三）不予公开
				must(t, f.InsertRows("表三", 7, 1))  // after 一、本年新收
				must(t, f.InsertCols("表四", "A", 2))
				must(t, f.SetSheetName("表四", "复议诉讼情况"))
				must(t, f.SetCellStr("表三", "A1", "表三 收到和处理政府信息公开申请情况（本表自行调整过格式）"))
			})
			rep, err := convert.ReadBytes(b, convert.ReadOptions{Name: "改过的模板.xlsx"})
			if err != nil {
				t.Fatal(err)
			}
			checkFilled(t, rep, want, xlsx.LayoutLabels)
			if rep.Meta.Agency != "某某县人民政府办公室" || rep.Meta.Year != 2024 || rep.Meta.Edition != ed {
				t.Errorf("meta %q %d %s", rep.Meta.Agency, rep.Meta.Year, rep.Meta.Edition)
			}
			seen := 0
			for _, f := range rep.Findings {
				if strings.HasPrefix(f.ID, "READ-XLSX.t") {
					seen++
					if f.Status != model.Info || !strings.Contains(f.Message, "按行列标签") {
						t.Errorf("finding %+v", f)
					}
				}
			}
			if seen != 3 {
				t.Errorf("%d READ-XLSX.t* findings, want 3", seen)
			}
			if c := rep.Cells["t4.review.upheld"]; c.Ref != "复议诉讼情况!C6" {
				t.Errorf("t4.review.upheld ref %q", c.Ref)
			}
		})
	}
}

// TestBrokenNames: a deleted row leaves #REF! names; the table is read by
// labels and the deleted row's cells are missing, with a warning.
func TestBrokenNames(t *testing.T) {
	ed := model.Edition2021
	b, want := fill(t, template(t, ed), ed, "某局", 2024)
	b = edit(t, b, func(f *excelize.File) {
		must(t, f.UnprotectSheet("表三"))
		must(t, f.RemoveRow("表三", 8)) // （一）予以公开
		for _, dn := range f.GetDefinedName() {
			if strings.HasPrefix(dn.Name, "t3_granted_") {
				must(t, f.DeleteDefinedName(&excelize.DefinedName{Name: dn.Name}))
				must(t, f.SetDefinedName(&excelize.DefinedName{Name: dn.Name, RefersTo: "#REF!"}))
			}
		}
	})
	rep, err := convert.ReadBytes(b, convert.ReadOptions{Name: "删了一行.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	for k := range want {
		if strings.HasPrefix(k, "t3.granted.") {
			want[k] = model.Cell{Kind: model.KindMissing}
		}
	}
	for k, w := range want {
		if g := rep.Cells[k]; g.Kind != w.Kind || g.Value != w.Value || g.Raw != w.Raw {
			t.Errorf("%s = %+v, want %+v", k, g, w)
		}
	}
	var msg string
	for _, f := range rep.Findings {
		if f.ID == "READ-XLSX.t3" {
			msg = f.Message
			if f.Status != model.Warning {
				t.Errorf("status %s", f.Status)
			}
		}
	}
	if !strings.Contains(msg, "予以公开") {
		t.Errorf("READ-XLSX.t3 = %q", msg)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
