package summary

import (
	"archive/zip"
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/govreport/govreport/convert"
)

func TestQuantile(t *testing.T) {
	xs := []float64{0, 0.25, 0.5, 1}
	// h = q·(n−1): P25 → 0.75 → 0 + 0.75·0.25; median → 1.5 → 0.25 + 0.5·0.25; P75 → 2.25 → 0.5 + 0.25·0.5.
	for q, want := range map[float64]float64{0.25: 0.1875, 0.5: 0.375, 0.75: 0.625, 1: 1} {
		if got := quantile(xs, q); math.Abs(got-want) > 1e-12 {
			t.Errorf("quantile(%v) = %v, want %v", q, got, want)
		}
	}
	if quantile([]float64{0.4}, 0.75) != 0.4 {
		t.Error("one value")
	}
}

// TestInsightSheets builds a summary of the seeds, the samples and a
// "next year" copy of seed 001, and checks the 指标, 指标分布 and 趋势
// sheets and the two charts.
func TestInsightSheets(t *testing.T) {
	files := seeds(t)
	files = append(files, "../../testdata/samples/003/source.txt", "../../testdata/samples/006/source.txt")
	s, _ := build(t, files)
	defer s.Close()
	b, err := os.ReadFile(files[1]) // seed 001, 2021, 大祥区
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.ReplaceAll(string(b), "2021年", "2022年"), "\n")
	if lines[71] != "15 |" || lines[77] != "15 |" {
		t.Fatalf("seed 001 changed: %q %q", lines[71], lines[77])
	}
	lines[71], lines[77] = "20 |", "20 |" // 本年新收 自然人 and 总计
	next := strings.Join(lines, "\n")
	r, err := convert.ReadBytes([]byte(next), convert.ReadOptions{Name: "next.txt"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Meta.Year != 2022 {
		t.Fatalf("next year's copy reads as %d", r.Meta.Year)
	}
	if err := s.Add(FromReport(filepath.Base("next.txt"), r)); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := s.WriteXLSX(&out, time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(out.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// 实质公开率 has values for seed 001 (15/15 = 1), its copy (granted 15 of
	// total 15 = 1: only the new-requests cell changed), sample 003
	// (395/718) and sample 006 (8/23); the others have a zero denominator.
	// Sorted: 8/23 = 0.3478, 395/718 = 0.5501, 1, 1 → P25 at h = 0.75:
	// 0.3478 + 0.75·(0.5501 − 0.3478) = 0.4996; median h = 1.5: 0.7751.
	rows, err := f.GetRows("指标分布")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 2 || rows[1][1] != "disclosed_rate" || rows[1][3] != "4" {
		t.Fatalf("指标分布 first row = %q", rows[1])
	}
	p25, _ := f.GetCellValue("指标分布", "F2", excelize.Options{RawCellValue: true})
	med, _ := f.GetCellValue("指标分布", "G2", excelize.Options{RawCellValue: true})
	want25 := 8.0/23 + 0.75*(395.0/718-8.0/23)
	want50 := (395.0/718 + 1) / 2
	if !near(p25, want25) || !near(med, want50) {
		t.Errorf("disclosed_rate P25 %s (want %.4f), median %s (want %.4f)", p25, want25, med, want50)
	}
	mrows, err := f.GetRows("指标")
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, row := range mrows[2:] {
		if len(row) > 5 && row[0] == "source.txt" && strings.Contains(row[1], "平潭") {
			found = true
			// 8/23 is the lowest of the four.
			if row[5] != "第1四分位（最低）" {
				t.Errorf("sample 006's position = %q", row[5])
			}
		}
		if len(row) > 4 && strings.HasPrefix(row[0], "002_") && row[4] != "不适用" {
			t.Errorf("seed 002 disclosed_rate = %q, want 不适用", row[4])
		}
	}
	if !found {
		t.Error("sample 006 not in 指标")
	}
	trows, err := f.GetRows("趋势")
	if err != nil {
		t.Fatal(err)
	}
	var years []string
	for _, row := range trows[1:] {
		if len(row) > 2 && strings.Contains(row[0], "大祥区") {
			years = append(years, row[1]+":"+row[2])
		}
	}
	if strings.Join(years, " ") != "2021:15 2022:20" {
		t.Errorf("趋势 rows for 大祥区 = %q", years)
	}
	zr, err := zip.NewReader(bytes.NewReader(out.Bytes()), int64(out.Len()))
	if err != nil {
		t.Fatal(err)
	}
	charts := 0
	for _, zf := range zr.File {
		if strings.HasPrefix(zf.Name, "xl/charts/chart") {
			charts++
		}
	}
	if charts != 2 {
		t.Errorf("%d charts, want 2", charts)
	}
}

func near(s string, want float64) bool {
	var f float64
	if _, err := fmtSscan(s, &f); err != nil {
		return false
	}
	return math.Abs(f-want) < 1e-9
}

func fmtSscan(s string, f *float64) (int, error) { return fmt.Sscan(s, f) }
