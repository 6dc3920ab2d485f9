package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// cli runs the command in-process and returns stdout, stderr and the exit status.
func cli(t *testing.T, env map[string]string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(""), &out, &errb, func(k string) string { return env[k] })
	return out.String(), errb.String(), code
}

const seedDir = "../../testdata/seeds/"

func seed(name string) string {
	m, _ := filepath.Glob(seedDir + name + "_*.txt")
	if len(m) == 1 {
		return m[0]
	}
	return seedDir + name
}

func TestConvertJSON(t *testing.T) {
	dir := t.TempDir()
	for _, s := range []string{"000", "001", "002", "003", "004"} {
		_, stderr, code := cli(t, nil, "convert", "-t", "json", "-o", dir, seed(s))
		if code != 0 {
			t.Fatalf("%s: exit %d, stderr %s", s, code, stderr)
		}
		base := strings.TrimSuffix(filepath.Base(seed(s)), ".txt")
		b, err := os.ReadFile(filepath.Join(dir, base+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Edition string                     `json:"edition"`
			Year    *int                       `json:"year"`
			Cells   map[string]json.RawMessage `json:"cells"`
			Parts   []struct{ Heading string } `json:"parts"`
		}
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		want := 198
		if doc.Edition == "2021" {
			want = 200
		}
		if len(doc.Cells) != want || len(doc.Parts) != 6 || doc.Year == nil {
			t.Errorf("%s: edition %s, %d cells, %d parts", s, doc.Edition, len(doc.Cells), len(doc.Parts))
		}
	}
	// No temporary files left behind.
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

func TestConvertStrict(t *testing.T) {
	dir := t.TempDir()
	_, stderr, code := cli(t, nil, "convert", "-o", dir, seed("002"))
	if code != 0 || !strings.Contains(stderr, "T3-BALANCE.natural") {
		t.Errorf("without --strict: exit %d, stderr %q", code, stderr)
	}
	_, _, code = cli(t, nil, "convert", "--strict", "-o", dir, seed("002"))
	if code != 3 {
		t.Errorf("--strict: exit %d, want 3", code)
	}
	_, stderr, code = cli(t, nil, "convert", "--strict", "-q", "-o", dir, seed("001"))
	if code != 0 || stderr != "" {
		t.Errorf("clean seed --strict: exit %d, stderr %q", code, stderr)
	}
}

func TestCheck(t *testing.T) {
	out, _, code := cli(t, nil, "check", seed("002"))
	if code != 3 {
		t.Errorf("check 002: exit %d, want 3", code)
	}
	for _, want := range []string{"T3-BALANCE.natural", "T3-BALANCE.total", "失败", "2 + 0 ≠ 0 + 0"} {
		if !strings.Contains(out, want) {
			t.Errorf("check output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "T3-ROWSUM.new ") || strings.Contains(out, "T4-TOTAL.review ") {
		t.Errorf("passing checks listed without --all:\n%s", out)
	}
	out, _, code = cli(t, nil, "check", "--all", seed("002"))
	if code != 3 || !strings.Contains(out, "T4-TOTAL.review") {
		t.Errorf("check --all: exit %d\n%s", code, out)
	}
	out, _, code = cli(t, nil, "check", seed("001"))
	if code != 0 || !strings.Contains(out, "失败 0") {
		t.Errorf("check 001: exit %d\n%s", code, out)
	}
	out, _, code = cli(t, nil, "check", "--json", seed("002"), seed("001"))
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 3 || len(lines) != 2 {
		t.Fatalf("check --json: exit %d, %d lines", code, len(lines))
	}
	var doc struct {
		Findings []struct{ ID, Status string } `json:"findings"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &doc); err != nil {
		t.Fatal(err)
	}
	failed := map[string]bool{}
	for _, f := range doc.Findings {
		if f.Status == "fail" {
			failed[f.ID] = true
		}
	}
	if !failed["T3-BALANCE.natural"] || !failed["T3-BALANCE.total"] || len(failed) != 2 {
		t.Errorf("failed findings = %v", failed)
	}
}

func TestBadInputs(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	empty := write("empty.txt", nil)
	binary := write("image.txt", append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00"), bytes.Repeat([]byte{0, 1, 2, 0xff}, 100)...))
	notReport := write("notes.txt", []byte("购物清单\n苹果 3\n梨 2\n"))
	xls := write("old.xls", []byte("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest"))
	emptyDir := filepath.Join(dir, "nothing")
	if err := os.MkdirAll(emptyDir, 0o755); err != nil {
		t.Fatal(err)
	}
	noTables := write("prose.txt", []byte("2020年某局政府信息公开工作年度报告\n一、总体情况\n2020年，某局……\n二、主动公开政府信息情况\n略。\n五、存在的主要问题及改进情况\n无\n"))
	out := filepath.Join(dir, "out")
	cases := []struct {
		file, want string
		code       int
	}{
		{empty, "文件为空", 1},
		{binary, "不是文本文件", 1},
		{notReport, "未识别为政府信息公开工作年度报告", 1},
		{xls, "soffice --headless --convert-to xlsx", 1},
		{filepath.Join(dir, "missing.txt"), "文件不存在", 1},
		{emptyDir, "文件夹中没有可读取的报告文件", 1},
	}
	for _, tc := range cases {
		_, stderr, code := cli(t, nil, "convert", "-o", out, tc.file)
		if code != tc.code || !strings.Contains(stderr, tc.want) || !strings.Contains(stderr, tc.file) {
			t.Errorf("%s: exit %d, stderr %q; want %d and %q", tc.file, code, stderr, tc.code, tc.want)
		}
		_, stderr, code = cli(t, nil, "check", tc.file)
		if code != tc.code || !strings.Contains(stderr, tc.want) {
			t.Errorf("check %s: exit %d, stderr %q", tc.file, code, stderr)
		}
	}
	// No output for unreadable inputs, no partial files.
	if entries, _ := os.ReadDir(out); len(entries) != 0 {
		t.Errorf("outputs written for bad inputs: %v", entries)
	}
	// A report without tables converts, with a warning, exit 0.
	_, stderr, code := cli(t, nil, "convert", "-o", out, noTables)
	if code != 0 {
		t.Errorf("no tables: exit %d, stderr %q", code, stderr)
	}
	b, err := os.ReadFile(filepath.Join(out, "prose.json"))
	if err != nil || !strings.Contains(string(b), "TABLES-MISSING") || !strings.Contains(string(b), `"edition": "unknown"`) {
		t.Errorf("no-table JSON: %v\n%s", err, b)
	}
	// One bad file does not stop the others: exit 1, the good one written.
	_, _, code = cli(t, nil, "convert", "-o", out, empty, seed("001"))
	if code != 1 {
		t.Errorf("mixed batch: exit %d, want 1", code)
	}
	if _, err := os.Stat(filepath.Join(out, "001_1d4dd3ae0346d0fe.json")); err != nil {
		t.Errorf("good file not converted after a bad one: %v", err)
	}
}

func TestUsage(t *testing.T) {
	cases := []struct {
		args []string
		code int
		want string
	}{
		{nil, 2, "用法"},
		{[]string{"frobnicate"}, 2, "未知命令"},
		{[]string{"convert"}, 2, "至少一个输入文件"},
		{[]string{"convert", "-t", "rtf", seed("001")}, 2, "不支持的输出格式"},
		{[]string{"convert", "--bogus", seed("001")}, 2, "未知选项 --bogus"},
		{[]string{"check"}, 2, "至少一个输入文件"},
	}
	for _, tc := range cases {
		_, stderr, code := cli(t, nil, tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q", tc.args, code, stderr)
		}
	}
	out, _, code := cli(t, nil, "--help")
	if code != 0 || !strings.Contains(out, "退出状态") || !strings.Contains(out, "convert") {
		t.Errorf("--help: %d %q", code, out)
	}
	out, _, code = cli(t, nil, "convert", "--help")
	if code != 0 || !strings.Contains(out, "--to") || !strings.Contains(out, "--out") {
		t.Errorf("convert --help: %d %q", code, out)
	}
	out, _, code = cli(t, nil, "help", "check")
	if code != 0 || !strings.Contains(out, "--json") {
		t.Errorf("help check: %d %q", code, out)
	}
	_, stderr, code := cli(t, map[string]string{"SOURCE_DATE_EPOCH": "yesterday"}, "convert", "-o", t.TempDir(), seed("001"))
	if code != 2 || !strings.Contains(stderr, "SOURCE_DATE_EPOCH") {
		t.Errorf("bad SOURCE_DATE_EPOCH: %d %q", code, stderr)
	}
}

func TestDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	cli(t, nil, "convert", "-o", a, seed("000"))
	cli(t, nil, "convert", "-o", b, seed("000"))
	x, _ := os.ReadFile(filepath.Join(a, "000_2a7c9f704202fa4c.json"))
	y, _ := os.ReadFile(filepath.Join(b, "000_2a7c9f704202fa4c.json"))
	if len(x) == 0 || !bytes.Equal(x, y) {
		t.Error("two conversions of the same input differ")
	}
}
