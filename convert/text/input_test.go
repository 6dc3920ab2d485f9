package text

import (
	"bytes"
	"errors"
	"github.com/govreport/govreport/convert/input"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"github.com/govreport/govreport/convert/check"
	"github.com/govreport/govreport/convert/model"
)

func read(t *testing.T, s string) (*model.Report, error) {
	t.Helper()
	return Read(strings.NewReader(s), input.Options{Name: "in.txt"})
}

func TestBadInput(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"empty", "", "文件为空"},
		{"blank lines", " \n\n\u3000\n", "文件为空"},
		{"binary", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + strings.Repeat("\x00\x01\x02\xff", 64), "不是文本文件"},
		{"not a report", "今天天气很好。\n我们去公园散步。\n", "未识别为政府信息公开工作年度报告"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, err := read(t, tc.in)
			var pe *model.ParseError
			if r != nil || !errors.As(err, &pe) || !strings.Contains(err.Error(), tc.want) || pe.File != "in.txt" {
				t.Fatalf("Read = %v, %v; want ParseError containing %q", r, err, tc.want)
			}
		})
	}
}

func TestNoTables(t *testing.T) {
	in := "2020年某某局政府信息公开工作年度报告\n一、总体情况\n2020年，我局认真贯彻条例。\n二、主动公开政府信息情况\n全年公开信息100条。\n五、存在的主要问题及改进情况\n无。\n六、其他需要报告的事项\n无。\n"
	r, err := read(t, in)
	if err != nil {
		t.Fatal(err)
	}
	if r.Meta.Edition != model.EditionUnknown || len(r.Cells) != 0 || r.Meta.Agency != "某某局" || r.Meta.Year != 2020 {
		t.Fatalf("meta = %+v, %d cells", r.Meta, len(r.Cells))
	}
	if !hasFinding(r, "TABLES-MISSING", model.Warning) {
		t.Errorf("no TABLES-MISSING finding: %+v", r.Findings)
	}
	if r.Parts[1].Text != "全年公开信息100条。" {
		t.Errorf("part 二 text = %q", r.Parts[1].Text)
	}
}

func TestLegacyReport(t *testing.T) {
	in := "某县政府2017年政府信息公开工作年度报告\n一、概述\n2017年，我县……\n二、主动公开政府信息情况\n共公开信息。\n三、依申请公开政府信息情况\n受理申请3件。\n四、政府信息公开的收费及减免情况\n未收费。\n五、因政府信息公开申请行政复议、提起行政诉讼的情况\n无。\n六、存在的主要问题及改进措施\n无。\n"
	r, err := read(t, in)
	if err != nil {
		t.Fatal(err)
	}
	if r.Meta.Edition != model.EditionLegacy || !hasFinding(r, "TABLES-MISSING", model.Warning) {
		t.Fatalf("edition %s, findings %+v", r.Meta.Edition, r.Findings)
	}
}

func hasFinding(r *model.Report, id string, st model.Status) bool {
	for _, f := range r.Findings {
		if f.ID == id && f.Status == st {
			return true
		}
	}
	return false
}

// A minimal 2021-edition report in pipe rows with Markdown --- rules,
// whitespace-separated rows (PDF text) and a truncated row.
const pipeReport = `2022年某某区人民政府政府信息公开工作年度报告
一、总体情况
2022年，某某区人民政府……
二、主动公开政府信息情况
| 第二十条第（一）项 | | | |
|---|---|---|---|
| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
| 规章 | 0 | 0 | 0 |
| 行政规范性文件 | 3 | 1 | 20 |
| 第二十条第（五）项 | | | |
| 信息内容 | 本年处理决定数量 | | |
| 行政许可 | 1,234 | | |
| 第二十条第（六）项 | | | |
| 信息内容 | 本年处理决定数量 | | |
| 行政处罚 | １２ | | |
| 行政强制 | / | | |
| 第二十条第（八）项 | | | |
| 信息内容 | 本年收费金额（单位：万元） | | |
| 行政事业性收费 | 96171.6 | | |
三、收到和处理政府信息公开申请情况
一、本年新收政府信息公开申请数量 3001 53 0 0 61 4 3119
二、上年结转政府信息公开申请数量 10 0 0 0 0 0 10
（一）予以公开 1000 20 0 0 30 2 1052
（七）总计 3000 53 0 0 61 4
四、政府信息公开行政复议、行政诉讼情况
行政复议 行政诉讼
0 1 0 0 1 2 0 0 0 2 0 0 0 0 0
五、存在的主要问题及改进情况
无
`

func TestLayouts(t *testing.T) {
	r, err := read(t, pipeReport)
	if err != nil {
		t.Fatal(err)
	}
	if r.Meta.Edition != model.Edition2021 {
		t.Fatalf("edition = %s", r.Meta.Edition)
	}
	want := map[string]string{
		"t2.normative.issued": "3", "t2.normative.in_force": "20", "t2.licensing.decisions": "1,234",
		"t2.penalty.decisions": "１２", "t2.coercion.decisions": "/", "t2.fees.amount": "96171.6",
		"t3.new.natural": "3001", "t3.new.legal": "61", "t3.new.total": "3119", "t3.granted.total": "1052",
		"t4.review.corrected": "1", "t4.review.total": "1", "t4.suit_direct.upheld": "2", "t4.suit_direct.total": "2",
	}
	for k, raw := range want {
		if c := r.Cells[k]; c == nil || c.Raw != raw || c.Doubt != "" {
			t.Errorf("%s = %+v, want raw %q", k, c, raw)
		}
	}
	if c := r.Cells["t2.licensing.decisions"]; c.Value != 1234 {
		t.Errorf("1,234 read as %v", c.Value)
	}
	if c := r.Cells["t2.penalty.decisions"]; c.Value != 12 {
		t.Errorf("１２ read as %v", c.Value)
	}
	if c := r.Cells["t2.coercion.decisions"]; c.Kind != model.KindNone {
		t.Errorf("/ read as %s", c.Kind)
	}
	// The （七）总计 row has 6 values for 7 columns: kept, doubtful, with a finding.
	if c := r.Cells["t3.total.natural"]; c.Raw != "3000" || c.Doubt == "" {
		t.Errorf("short row cell = %+v", c)
	}
	if c := r.Cells["t3.total.total"]; c.Kind != model.KindMissing {
		t.Errorf("short row last cell = %+v", c)
	}
	if !hasFinding(r, "READ-SHORT-ROW", model.Uncertain) {
		t.Error("no READ-SHORT-ROW finding")
	}
	check.Run(r)
	for _, f := range r.Findings {
		if f.ID == "T3-RESULTS.natural" && f.Status != model.Uncertain {
			t.Errorf("a doubtful cell must make the check uncertain: %+v", f)
		}
		if f.ID == "T3-BALANCE.natural" && f.Status != model.Uncertain {
			t.Errorf("T3-BALANCE.natural = %+v", f)
		}
	}
}

// TestEncodings reads a seed re-encoded in every supported encoding and
// expects the same cells as from UTF-8.
func TestEncodings(t *testing.T) {
	src, err := os.ReadFile("../../testdata/seeds/002_b0e573aacea97adf.txt")
	if err != nil {
		t.Fatal(err)
	}
	base, err := Read(bytes.NewReader(src), input.Options{Name: "utf8"})
	if err != nil {
		t.Fatal(err)
	}
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes(src)
	if err != nil {
		t.Fatal(err)
	}
	u16 := func(big bool, bom bool) []byte {
		var out []byte
		if bom {
			if big {
				out = append(out, 0xFE, 0xFF)
			} else {
				out = append(out, 0xFF, 0xFE)
			}
		}
		for _, u := range utf16.Encode([]rune(string(src))) {
			if big {
				out = append(out, byte(u>>8), byte(u))
			} else {
				out = append(out, byte(u), byte(u>>8))
			}
		}
		return out
	}
	inputs := map[string][]byte{
		"utf8-bom": append([]byte{0xEF, 0xBB, 0xBF}, src...),
		"gb18030":  gb,
		"utf16le":  u16(false, true), "utf16be": u16(true, true),
		"utf16le-nobom": u16(false, false), "utf16be-nobom": u16(true, false),
	}
	for name, b := range inputs {
		r, err := Read(bytes.NewReader(b), input.Options{Name: name})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		for k, c := range base.Cells {
			if g := r.Cells[k]; g == nil || g.Raw != c.Raw || g.Kind != c.Kind || g.Value != c.Value {
				t.Errorf("%s: %s = %+v, want %+v", name, k, g, c)
				break
			}
		}
		if r.Meta.Agency != base.Meta.Agency {
			t.Errorf("%s: agency %q", name, r.Meta.Agency)
		}
	}
	// Big5: seed 000 is traditional; encode the lines Big5 can represent.
	trad, _ := os.ReadFile("../../testdata/seeds/000_2a7c9f704202fa4c.txt")
	var b5 []byte
	enc := traditionalchinese.Big5.NewEncoder()
	for _, line := range strings.SplitAfter(string(trad), "\n") {
		if e, err := enc.Bytes([]byte(line)); err == nil {
			b5 = append(b5, e...)
		}
	}
	r, err := Read(bytes.NewReader(b5), input.Options{Name: "big5"})
	if err != nil {
		t.Fatal(err)
	}
	if r.Meta.Encoding != "Big5" || r.Meta.Edition != model.Edition2019 {
		t.Errorf("big5: encoding %s edition %s", r.Meta.Encoding, r.Meta.Edition)
	}
}

func FuzzRead(f *testing.F) {
	paths, _ := os.ReadDir("../../testdata/seeds")
	for _, p := range paths {
		b, err := os.ReadFile("../../testdata/seeds/" + p.Name())
		if err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(pipeReport))
	if b, err := os.ReadFile("../../testdata/samples/451/source.txt"); err == nil {
		f.Add(b)
	}
	f.Add([]byte(pdfReport(pdfRows)))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, err := Read(bytes.NewReader(b), input.Options{Name: "fuzz"})
		if err != nil {
			var pe *model.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error is not a ParseError: %v", err)
			}
			return
		}
		check.Run(r)
	})
}

func BenchmarkReadAndCheck(b *testing.B) {
	src, err := os.ReadFile("../../testdata/seeds/001_1d4dd3ae0346d0fe.txt")
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		r, err := ReadBytes(src, input.Options{Name: "bench"})
		if err != nil {
			b.Fatal(err)
		}
		check.Run(r)
	}
}

// BenchmarkReadAndCheckLayouts reads and checks every text layout the
// test data has: the seeds (cell lines, traditional script, pipe rows) and
// the text samples (glued digits in 006, pdftotext -layout whitespace rows
// in 451).
func BenchmarkReadAndCheckLayouts(b *testing.B) {
	var paths []string
	for _, g := range []string{"../../testdata/seeds/*.txt", "../../testdata/samples/*/source.txt"} {
		m, _ := filepath.Glob(g)
		paths = append(paths, m...)
	}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		name := strings.TrimSuffix(filepath.Base(p), filepath.Ext(p))
		if name == "source" {
			name = "sample" + filepath.Base(filepath.Dir(p))
		} else {
			name = "seed" + name[:3]
		}
		b.Run(name, func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			b.ReportAllocs()
			for b.Loop() {
				r, err := ReadBytes(src, input.Options{Name: "bench"})
				if err != nil {
					b.Fatal(err)
				}
				check.Run(r)
			}
		})
	}
}

// TestConcurrentReads: the reader's process-wide caches (specs, label
// matchers, the label cache, the converter tables) are safe for the batch
// workers. Meaningful under -race.
func TestConcurrentReads(t *testing.T) {
	paths, _ := filepath.Glob("../../testdata/seeds/*.txt")
	done := make(chan error, 8)
	for i := 0; i < 8; i++ {
		go func(p string) {
			b, err := os.ReadFile(p)
			if err == nil {
				var r *model.Report
				if r, err = Read(bytes.NewReader(b), input.Options{Name: p}); err == nil {
					check.Run(r)
				}
			}
			done <- err
		}(paths[i%len(paths)])
	}
	for i := 0; i < 8; i++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

// TestStackedLabels: PDF text that stacks a label one character per line
// (三、/本/年/度/…) and spaces characters inside labels (结 果 维 持).
func TestStackedLabels(t *testing.T) {
	in := "一、总体情况\n2021年，某局……\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n" +
		"一、本年新收政府信息公开申请数量 5 0 0 0 0 0 5\n" +
		"（\n一\n）\n予\n以\n公\n开\n4 0 0 0 0 0 4\n" +
		"四、政府信息公开行政复议、行政诉讼情况\n行政复议 行政诉讼\n结 果 维 持 结 果 纠 正\n1 0 0 0 1 0 0 0 0 0 0 0 0 0 0\n五、存在的主要问题及改进情况\n无\n"
	r, err := read(t, in)
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]string{"t3.new.total": "5", "t3.granted.natural": "4", "t3.granted.total": "4", "t4.review.upheld": "1", "t4.review.total": "1"} {
		if c := r.Cells[k]; c == nil || c.Raw != want || c.Doubt != "" {
			t.Errorf("%s = %+v, want %q", k, c, want)
		}
	}
}
