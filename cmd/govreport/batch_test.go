package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// batchFolder builds a folder with good reports of both editions, a broken
// file and two reports with the same base name in different sub-folders.
func batchFolder(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "reports")
	cp := func(src, dst string) {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cp(seed("001"), filepath.Join(dir, "2021", "report.txt"))
	cp(seed("002"), filepath.Join(dir, "2020", "report.txt"))
	cp(seed("000"), filepath.Join(dir, "2020", "beicheng.txt"))
	cp(seed("004"), filepath.Join(dir, "other.txt"))
	if err := os.WriteFile(filepath.Join(dir, "broken.txt"), []byte("\x00\x01\x02binary\xff"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestBatchConvert(t *testing.T) {
	dir := batchFolder(t)
	out := filepath.Join(t.TempDir(), "out")
	_, stderr, code := cli(t, nil, "convert", "-t", "json", "-j", "3", "-o", out, dir)
	if code != 1 {
		t.Errorf("exit %d, want 1 (one unreadable file)", code)
	}
	for _, want := range []string{"broken.txt", "不是文本文件", "共 5 个文件：转换 4 个", "无法读取 1 个"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	// Same base name in two folders: both outputs exist, mirrored.
	for _, p := range []string{"2021/report.json", "2020/report.json", "2020/beicheng.json", "other.json"} {
		if _, err := os.Stat(filepath.Join(out, p)); err != nil {
			t.Errorf("missing output %s: %v", p, err)
		}
	}
	a, _ := os.ReadFile(filepath.Join(out, "2021/report.json"))
	b, _ := os.ReadFile(filepath.Join(out, "2020/report.json"))
	if !strings.Contains(string(a), `"edition": "2021"`) || !strings.Contains(string(b), `"edition": "2019"`) {
		t.Error("outputs of the same-named inputs are mixed up")
	}
	if _, err := os.Stat(filepath.Join(out, "broken.json")); err == nil {
		t.Error("output written for the broken file")
	}
	// The messages come in input order whatever the number of workers.
	_, stderr1, _ := cli(t, nil, "convert", "-j", "1", "-o", out, dir)
	_, stderr4, _ := cli(t, nil, "convert", "-j", "4", "-o", out, dir)
	if stderr1 != stderr4 {
		t.Errorf("output depends on --jobs:\n%s\n---\n%s", stderr1, stderr4)
	}
}

func TestBatchCheck(t *testing.T) {
	dir := batchFolder(t)
	out, stderr, code := cli(t, nil, "check", dir)
	if code != 1 || !strings.Contains(stderr, "broken.txt") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if !strings.Contains(out, "T3-BALANCE.natural") || !strings.Contains(out, "共 5 个文件：读取 4 个（其中 2 个有检查未通过）") {
		t.Errorf("check output:\n%s", out)
	}
	// Without the broken file, a failed check gives 3.
	_, _, code = cli(t, nil, "check", filepath.Join(dir, "2020"))
	if code != 3 {
		t.Errorf("exit %d, want 3", code)
	}
}

func TestSummaryCommand(t *testing.T) {
	dir := batchFolder(t)
	tmp := t.TempDir()
	xlsx, csv, jsonl := filepath.Join(tmp, "汇总.xlsx"), filepath.Join(tmp, "汇总.csv"), filepath.Join(tmp, "汇总.jsonl")
	_, stderr, code := cli(t, nil, "summary", "-o", xlsx, "--csv", csv, "--json", jsonl, dir)
	if code != 1 || !strings.Contains(stderr, "读取 4 份报告（其中 2 份有检查未通过），无法读取 1 个") {
		t.Errorf("exit %d, stderr %s", code, stderr)
	}
	f, err := excelize.OpenFile(xlsx, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("汇总")
	if len(rows) != 3+4 {
		t.Fatalf("汇总 has %d rows", len(rows))
	}
	issues, _ := f.GetRows("校验")
	var unread bool
	for _, r := range issues {
		if len(r) > 4 && r[0] == "broken.txt" && r[4] == "无法读取" {
			unread = true
		}
	}
	if !unread {
		t.Errorf("校验 lacks the broken file: %v", issues)
	}
	cross, _ := f.GetRows("跨年")
	if len(cross) < 2 {
		t.Errorf("跨年 = %v", cross)
	}
	c, _ := os.ReadFile(csv)
	if !bytes.HasPrefix(c, []byte("\ufeff来源文件")) || strings.Count(string(c), "\n") != 5 {
		t.Errorf("csv:\n%s", c)
	}
	j, _ := os.ReadFile(jsonl)
	lines := strings.Split(strings.TrimSpace(string(j)), "\n")
	if len(lines) != 5 {
		t.Fatalf("%d json lines", len(lines))
	}
	var last struct{ File, Error string }
	if err := json.Unmarshal([]byte(lines[4]), &last); err != nil || last.File != "broken.txt" || last.Error == "" {
		t.Errorf("last json line %q", lines[4])
	}
	// Same input, same bytes, whatever the number of workers.
	x2 := filepath.Join(tmp, "b.xlsx")
	cli(t, nil, "summary", "-q", "-j", "1", "-o", x2, dir)
	a, _ := os.ReadFile(xlsx)
	b, _ := os.ReadFile(x2)
	if !bytes.Equal(a, b) {
		t.Error("summary workbook depends on --jobs")
	}
	_, _, code = cli(t, nil, "summary")
	if code != 2 {
		t.Errorf("summary without input: exit %d", code)
	}
}
