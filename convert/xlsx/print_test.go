package xlsx_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/govreport/govreport/convert/input"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/xlsx"
)

// TestPrintQuality: every sheet's <dimension> is its used range, a red
// cell's comment gives the equation with both sides, the cover's title is
// filled, and a 7-digit value gets a column wide enough to show it.
func TestPrintQuality(t *testing.T) {
	var rep *model.Report
	for name, r := range seeds(t) {
		if strings.HasPrefix(name, "002") {
			rep = r
		}
	}
	if rep == nil {
		t.Fatal("seed 002 not found")
	}
	rep.Cells["t2.penalty.decisions"] = &model.Cell{Key: "t2.penalty.decisions", Raw: "3985758", Kind: model.KindNumber, Value: 3985758}
	b := writeReport(t, rep)
	dim := regexp.MustCompile(`<dimension ref="([A-Z0-9:]+)"`)
	for name, x := range parts(t, b) {
		if !strings.HasPrefix(name, "xl/worksheets/sheet") {
			continue
		}
		if m := dim.FindStringSubmatch(x); m == nil || !strings.Contains(m[1], ":") {
			t.Errorf("%s: dimension %v, want the used range", name, m)
		}
	}
	f := open(t, b)
	found := false
	for _, sh := range f.GetSheetList() {
		cs, err := f.GetComments(sh)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			var text strings.Builder
			for _, p := range c.Paragraph {
				text.WriteString(p.Text)
			}
			if s := text.String(); strings.Contains(s, "未通过校验") {
				found = true
				if !strings.Contains(s, "2 + 0 ≠ 0 + 0") || !strings.Contains(s, "T3-BALANCE.") {
					t.Errorf("%s!%s: comment without the equation's sides: %q", sh, c.Cell, s)
				}
			}
		}
	}
	if !found {
		t.Error("no comment on a failed cell")
	}
	title, wide := "", false
	for _, sh := range f.GetSheetList() {
		rows, _ := f.GetRows(sh)
		for _, row := range rows {
			for c, v := range row {
				if sh == "封面" && v == "报告标题" && c+1 < len(row) {
					title = row[c+1]
				}
				if v == "3985758" {
					col, _ := excelize.ColumnNumberToName(c + 1)
					w, err := f.GetColWidth(sh, col)
					wide = err == nil && w >= 9
				}
			}
		}
	}
	if title != "2020年市城管执法局政府信息公开工作年度报告" {
		t.Errorf("cover title %q", title)
	}
	if !wide {
		t.Error("the 7-digit value's column is too narrow (###)")
	}
	// The title derived for the cover does not read back as the report's.
	back, err := xlsx.Read(bytes.NewReader(b), input.Options{Name: "x.xlsx"})
	if err != nil || back.Meta.Title != "" {
		t.Errorf("derived title read back as %q (%v)", back.Meta.Title, err)
	}
}
