package xlsx_test

import (
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/govreport/govreport/convert"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/xlsx"
	"github.com/govreport/govreport/templates"
)

// soffice converts in (named name) with headless LibreOffice and returns
// the output folder. It skips the test when soffice is not installed.
func soffice(t *testing.T, in []byte, name, to string) string {
	t.Helper()
	bin, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice 不在 PATH 上，跳过 LibreOffice 集成测试（CI 会安装 libreoffice-calc-nogui）")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, name)
	if err := os.WriteFile(src, in, 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--norestore",
		"-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", to, "--outdir", out, src)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	return out
}

// TestLibreOfficeResave: a filled template re-saved by LibreOffice reads
// back exactly, still through its defined names.
func TestLibreOfficeResave(t *testing.T) {
	for _, ed := range templates.Default().Editions() {
		t.Run(string(ed), func(t *testing.T) {
			b, want := fill(t, template(t, ed), ed, "某某市交通运输局", 2025)
			out := soffice(t, b, "filled.xlsx", "xlsx:Calc MS Excel 2007 XML")
			resaved, err := os.ReadFile(filepath.Join(out, "filled.xlsx"))
			if err != nil {
				t.Fatal(err)
			}
			rep, err := convert.ReadBytes(resaved, convert.ReadOptions{Name: "resaved.xlsx"})
			if err != nil {
				t.Fatal(err)
			}
			checkFilled(t, rep, want, xlsx.LayoutNames)
			if rep.Meta.Agency != "某某市交通运输局" || rep.Meta.Year != 2025 || rep.Meta.Edition != ed {
				t.Errorf("meta %q %d %s", rep.Meta.Agency, rep.Meta.Year, rep.Meta.Edition)
			}
		})
	}
}

// TestLibreOfficeCSV: LibreOffice, a second implementation, sees the same
// numbers and texts in a report workbook's tables as the model holds.
func TestLibreOfficeCSV(t *testing.T) {
	all := seeds(t)
	for _, name := range []string{"001_1d4dd3ae0346d0fe.txt", "002_b0e573aacea97adf.txt", "004_22aab187490cdc1c.txt"} {
		rep := all[name]
		if rep == nil {
			t.Fatalf("seed %s not found", name)
		}
		t.Run(name, func(t *testing.T) {
			// All sheets, values not as shown: one CSV file per sheet.
			out := soffice(t, writeReport(t, rep), "report.xlsx",
				"csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1")
			sheets := readCSVs(t, out, "report", "表二", "表三", "表四")
			for _, k := range templates.Default().Keys(rep.Meta.Edition) {
				c := rep.Cells[k]
				sh, cell := refOf(t, rep.Meta.Edition, k)
				row, col := cell[0], cell[1]
				got := ""
				if rows := sheets[sh]; row < len(rows) && col < len(rows[row]) {
					got = rows[row][col]
				}
				switch {
				case c.Kind == model.KindNumber && got == model.FormatNumber(c.Value):
				case c.Kind == model.KindNumber && got == c.Raw:
				case c.Kind == model.KindNumber:
					if x, err := strconv.ParseFloat(got, 64); err != nil || x != c.Value {
						t.Errorf("%s: LibreOffice sees %q, model has %v (raw %q)", k, got, c.Value, c.Raw)
					}
				case c.Kind == model.KindBlank || c.Kind == model.KindMissing:
					if got != "" {
						t.Errorf("%s: LibreOffice sees %q, want a blank cell", k, got)
					}
				default:
					if got != c.Raw {
						t.Errorf("%s: LibreOffice sees %q, want %q", k, got, c.Raw)
					}
				}
			}
		})
	}
}

// refOf returns the sheet and zero-based (row, col) of a key in a report
// workbook, from the layout the writer uses (read back from a workbook).
func refOf(t *testing.T, ed model.Edition, key string) (string, [2]int) {
	t.Helper()
	ki := templates.Default().Key(ed, key)
	sheet := map[string]string{"t2": "表二", "t3": "表三", "t4": "表四"}[ki.Table.ID]
	// Tables start on the third row, first column (title and information rows above).
	return sheet, [2]int{ki.Cell.Row + 2, ki.Cell.Col}
}

// readCSVs reads the per-sheet CSV files LibreOffice wrote for base.
func readCSVs(t *testing.T, out, base string, sheets ...string) map[string][][]string {
	t.Helper()
	all := map[string][][]string{}
	for _, sh := range sheets {
		f, err := os.Open(filepath.Join(out, base+"-"+sh+".csv"))
		if err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(f)
		r.FieldsPerRecord = -1
		rows, err := r.ReadAll()
		f.Close()
		if err != nil {
			t.Fatal(err)
		}
		all[sh] = rows
	}
	return all
}

// TestLibreOfficeLiveChecks: the live check formulas of a template, as
// LibreOffice computes them, agree with check.Run.
func TestLibreOfficeLiveChecks(t *testing.T) {
	rep := seeds(t)["002_b0e573aacea97adf.txt"] // fails T3-BALANCE.natural and .total
	b := fillFrom(t, template(t, rep.Meta.Edition), rep)
	out := soffice(t, b, "filled.xlsx", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1")
	sheets := readCSVs(t, out, "filled", "表三", "表四")
	f := open(t, b)
	targets := map[string]string{}
	for _, dn := range f.GetDefinedName() {
		targets[dn.Name] = dn.RefersTo
	}
	n := 0
	for _, fd := range rep.Findings {
		target, ok := targets[xlsx.CheckName(fd.ID)]
		if !ok {
			continue
		}
		n++
		sh, cell, _ := strings.Cut(strings.ReplaceAll(target, "$", ""), "!")
		col, row, err := excelize.CellNameToCoordinates(cell)
		if err != nil {
			t.Fatal(err)
		}
		rows := sheets[strings.Trim(sh, "'")]
		got := ""
		if row-1 < len(rows) && col-1 < len(rows[row-1]) {
			got = rows[row-1][col-1]
		}
		want := map[model.Status]string{model.Pass: "✓ 通过", model.Fail: "✗", model.Uncertain: "待填"}[fd.Status]
		if !strings.HasPrefix(got, want) {
			t.Errorf("%s is %s, LibreOffice shows %q", fd.ID, fd.Status, got)
		}
	}
	if n != 7+7+23+3 {
		t.Errorf("%d live checks, want 40", n)
	}
}
