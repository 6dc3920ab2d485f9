package summary

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/govreport/govreport/convert"
	"github.com/govreport/govreport/convert/internal/deflate"
	"github.com/govreport/govreport/convert/internal/zipnorm"
	"github.com/govreport/govreport/convert/model"
)

func seeds(t testing.TB) []string {
	p, _ := filepath.Glob("../../testdata/seeds/*.txt")
	if len(p) != 5 {
		t.Fatalf("%d seeds", len(p))
	}
	return p
}

func build(t testing.TB, files []string) (*Summary, map[string]*model.Report) {
	t.Helper()
	s, err := New(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	reps := map[string]*model.Report{}
	for _, f := range files {
		r, err := convert.ReadFile(f, convert.ReadOptions{Name: filepath.Base(f)})
		if err != nil {
			if err := s.Add(FromError(filepath.Base(f), err)); err != nil {
				t.Fatal(err)
			}
			continue
		}
		reps[filepath.Base(f)] = r
		if err := s.Add(FromReport(filepath.Base(f), r)); err != nil {
			t.Fatal(err)
		}
	}
	return s, reps
}

func TestColumns(t *testing.T) {
	cols := Columns()
	seen := map[string]bool{}
	for _, c := range cols {
		if seen[c.Key] {
			t.Errorf("duplicate column %s", c.Key)
		}
		seen[c.Key] = true
		if c.Group == "" || c.Label == "" {
			t.Errorf("%s: headers %q / %q", c.Key, c.Group, c.Label)
		}
	}
	// 2019 ∪ 2021: 22+10-3 (t2) + 161+175-154 (t3) + 15 (t4).
	if len(cols) != 29+182+15 {
		t.Errorf("%d columns", len(cols))
	}
	if c := cols[0]; c.Key != "t2.regulations.made" || c.Label != "本年新制作数量" {
		t.Errorf("first column %+v", c)
	}
}

// TestWorkbookMatchesJSON checks the summary workbook of the seeds cell by
// cell against each seed's model (what its JSON says).
func TestWorkbookMatchesJSON(t *testing.T) {
	s, reps := build(t, seeds(t))
	defer s.Close()
	var b bytes.Buffer
	if err := s.WriteXLSX(&b, time.Unix(0, 0)); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b.Bytes()), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("汇总")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3+5 {
		t.Fatalf("%d rows", len(rows))
	}
	keys := rows[2]
	for _, row := range rows[3:] {
		r := reps[row[0]]
		if r == nil {
			t.Fatalf("unknown file %q", row[0])
		}
		if row[1] != r.Meta.Agency || row[3] != string(r.Meta.Edition) {
			t.Errorf("%s: meta %v", row[0], row[:4])
		}
		for i := 4; i < len(keys); i++ {
			got := ""
			if i < len(row) {
				got = row[i]
			}
			c := r.Cells[keys[i]]
			want := ""
			switch {
			case c == nil:
			case c.Kind == model.KindNumber:
				want = model.FormatNumber(c.Value)
			case c.Kind == model.KindNone || c.Kind == model.KindText:
				want = c.Raw
			}
			if got != want {
				t.Errorf("%s %s: workbook %q, model %q", row[0], keys[i], got, want)
			}
		}
	}
	// Order: agency, year, file.
	var agencies []string
	for _, row := range rows[3:] {
		agencies = append(agencies, AgencyKey(row[1]))
	}
	for i := 1; i < len(agencies); i++ {
		if agencies[i-1] > agencies[i] {
			t.Errorf("rows not sorted by agency: %v", agencies)
		}
	}
	// A 2019 report leaves the 2021-only columns blank, never 0.
	for _, row := range rows[3:] {
		if row[3] == "2019" {
			for i, k := range keys {
				if strings.HasPrefix(k, "t2.regulations.issued") && i < len(row) && row[i] != "" {
					t.Errorf("%s: 2021 column %s = %q", row[0], k, row[i])
				}
			}
		}
	}
	issues, _ := f.GetRows("校验")
	found := false
	for _, r := range issues {
		if len(r) > 4 && r[3] == "T3-BALANCE.natural" && r[4] == "失败" && strings.HasPrefix(r[0], "002_") {
			found = true
		}
	}
	if !found {
		t.Errorf("校验 lacks seed 002's T3-BALANCE.natural failure: %v", issues)
	}
	if _, err := f.GetRows("跨年"); err != nil {
		t.Error(err)
	}
	// Deterministic bytes.
	var b2 bytes.Buffer
	if err := s.WriteXLSX(&b2, time.Unix(0, 0)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b.Bytes(), b2.Bytes()) {
		t.Error("two writes differ")
	}
}

func rec(file, agency string, year int, ed string, vals map[string]float64) Record {
	r := Record{File: file, Agency: agency, Year: year, Edition: ed, Values: map[string]Value{}}
	for k, v := range vals {
		v := v
		r.Values[k] = Value{N: &v}
	}
	return r
}

func TestCross(t *testing.T) {
	s, _ := New(t.TempDir())
	defer s.Close()
	s.Add(rec("a2021.txt", "某县人民政府", 2021, "2021", map[string]float64{"t3.carried_forward.total": 5, "t2.regulations.in_force": 10, "t2.normative.in_force": 20}))
	s.Add(rec("a2022.txt", "某縣人民政府", 2022, "2021", map[string]float64{"t3.carried_over.total": 5, "t2.regulations.in_force": 11, "t2.regulations.issued": 2, "t2.regulations.repealed": 1,
		"t2.normative.in_force": 25, "t2.normative.issued": 3, "t2.normative.repealed": 0}))
	s.Add(rec("a2024.txt", "某县人民政府", 2024, "2021", nil))
	s.Add(rec("b2020.txt", "乙局", 2020, "2019", map[string]float64{"t3.carried_forward.total": 1}))
	s.Add(rec("b2021.txt", "乙局", 2021, "2021", map[string]float64{"t3.carried_over.total": 2}))
	s.Add(rec("c1.txt", "丙局", 2021, "2021", nil))
	s.Add(rec("c2.txt", "丙局", 2021, "2021", nil))
	s.Add(rec("d.txt", "丁局", 0, "2021", nil))
	s.Add(FromError("bad.txt", errors.New("bad.txt: 文件为空")))
	got := map[string]string{}
	rows, err := s.Cross()
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		got[r.File+" "+r.ID] = r.Status
	}
	want := map[string]string{
		"a2022.txt X-CARRY": "通过", "a2022.txt X-INFORCE.regulations": "通过", "a2022.txt X-INFORCE.normative": "失败",
		"a2024.txt PAIR": "未配对", "b2021.txt X-CARRY": "失败", "c1.txt PAIR": "未配对", "c2.txt PAIR": "未配对", "d.txt PAIR": "未配对",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q (all: %v)", k, got[k], v, got)
		}
	}
	if _, ok := got["b2021.txt X-INFORCE.regulations"]; ok {
		t.Error("X-INFORCE run across editions")
	}
	if len(got) != len(want) {
		t.Errorf("cross rows = %v", got)
	}
	read, failed, unread := s.Counts()
	if read != 8 || failed != 0 || unread != 1 {
		t.Errorf("counts %d %d %d", read, failed, unread)
	}
}

func TestCSVAndJSON(t *testing.T) {
	s, reps := build(t, seeds(t))
	defer s.Close()
	s.Add(rec("evil.txt", "=HYPERLINK(\"x\")", 2021, "2021", nil))
	var c bytes.Buffer
	if err := s.WriteCSV(&c); err != nil {
		t.Fatal(err)
	}
	out := c.String()
	if !strings.HasPrefix(out, "\ufeff来源文件,机关,年度,版本,t2.regulations.made") {
		t.Errorf("csv head %q", out[:80])
	}
	if !strings.Contains(out, "\"'=HYPERLINK(\"\"x\"\")\"") {
		t.Errorf("formula-like agency not guarded in CSV")
	}
	if n := strings.Count(out, "\n"); n != 1+6 {
		t.Errorf("%d csv lines", n)
	}
	var j bytes.Buffer
	if err := s.WriteJSON(&j); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(j.String()), "\n")
	if len(lines) != 6 {
		t.Fatalf("%d json lines", len(lines))
	}
	for _, l := range lines {
		var row struct {
			File  string
			Cells map[string]any
		}
		if err := json.Unmarshal([]byte(l), &row); err != nil {
			t.Fatal(err)
		}
		if r := reps[row.File]; r != nil && len(row.Cells) != len(r.Cells) {
			t.Errorf("%s: %d cells, want %d", row.File, len(row.Cells), len(r.Cells))
		}
	}
}

// TestStreamedWorkbookSameBytes: the workbook streamed through
// zipnorm.Writer is byte for byte what excelize's own zip writer followed by
// zipnorm.Normalize gives, and the same on every run.
func TestStreamedWorkbookSameBytes(t *testing.T) {
	s, _ := build(t, seeds(t))
	ts := time.Date(2021, 1, 11, 9, 0, 0, 0, time.UTC)
	var streamed bytes.Buffer
	if err := s.WriteXLSX(&streamed, ts); err != nil {
		t.Fatal(err)
	}
	var raw bytes.Buffer
	err := s.writeXLSX(ts, func(w io.Writer) excelize.ZipWriter {
		zw := zip.NewWriter(w)
		zw.RegisterCompressor(zip.Deflate, deflate.NewWriter)
		return zw
	}, nil, &raw)
	if err != nil {
		t.Fatal(err)
	}
	want, err := zipnorm.Normalize(raw.Bytes(), ts)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(streamed.Bytes(), want) {
		t.Fatalf("streamed workbook (%d bytes) differs from the normalised one (%d bytes)", streamed.Len(), len(want))
	}
	var again bytes.Buffer
	if err := s.WriteXLSX(&again, ts); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Bytes(), streamed.Bytes()) {
		t.Fatal("two writes differ")
	}
}

// TestLargeWorkbookSameBytes: with sheets large enough that excelize's
// streams spill (into the zip writer, a govreport patch) the workbook is
// still byte for byte the normalised one of excelize's own zip writer.
func TestLargeWorkbookSameBytes(t *testing.T) {
	s, reps := build(t, seeds(t))
	defer s.Close()
	for i := 0; i < 600; i++ {
		for name, r := range reps {
			if err := s.Add(FromReport(fmt.Sprintf("%03d/%s", i, name), r)); err != nil {
				t.Fatal(err)
			}
		}
	}
	ts := time.Date(2021, 1, 11, 9, 0, 0, 0, time.UTC)
	var streamed bytes.Buffer
	if err := s.WriteXLSX(&streamed, ts); err != nil {
		t.Fatal(err)
	}
	var raw bytes.Buffer
	err := s.writeXLSX(ts, func(w io.Writer) excelize.ZipWriter {
		zw := zip.NewWriter(w)
		zw.RegisterCompressor(zip.Deflate, deflate.NewWriter)
		return zw
	}, nil, &raw)
	if err != nil {
		t.Fatal(err)
	}
	want, err := zipnorm.Normalize(raw.Bytes(), ts)
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(want), int64(len(want)))
	if err != nil {
		t.Fatal(err)
	}
	big := 0
	for _, f := range zr.File {
		if f.UncompressedSize64 > 2<<20 {
			big++
		}
	}
	if big < 2 {
		t.Fatalf("%d sheets over 2 MiB: the test no longer makes streams spill", big)
	}
	if !bytes.Equal(streamed.Bytes(), want) {
		t.Fatalf("streamed workbook (%d bytes) differs from the normalised one (%d bytes)", streamed.Len(), len(want))
	}
}

// TestChartWorkbookDeterministic: a summary with a trend chart (one agency
// over three years) gives the same bytes on every write; excelize used to
// list the image content types of [Content_Types].xml in map order.
func TestChartWorkbookDeterministic(t *testing.T) {
	s, _ := New(t.TempDir())
	defer s.Close()
	for i, y := range []int{2021, 2022, 2023} {
		for _, a := range []string{"甲局", "乙局"} {
			if err := s.Add(rec(fmt.Sprintf("%s%d.txt", a, y), a, y, "2021", map[string]float64{"t3.new.total": float64(10 + i)})); err != nil {
				t.Fatal(err)
			}
		}
	}
	ts := time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC)
	var first []byte
	for i := 0; i < 6; i++ {
		var b bytes.Buffer
		if err := s.WriteXLSX(&b, ts); err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			first = b.Bytes()
			if !bytes.Contains(first, []byte("xl/charts/chart")) {
				t.Fatal("the workbook has no chart: the test no longer covers charts")
			}
			continue
		}
		if !bytes.Equal(b.Bytes(), first) {
			t.Fatalf("write %d differs from the first", i+1)
		}
	}
}
