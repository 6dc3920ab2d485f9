package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// jsonMeta reads the agency and year out of a JSON output.
func jsonMeta(t *testing.T, path string) (string, int) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Agency string `json:"agency"`
		Year   int    `json:"year"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	return doc.Agency, doc.Year
}

func TestAgencyYearFlags(t *testing.T) {
	dir := t.TempDir()
	_, stderr, code := cli(t, nil, "convert", "-o", dir, "--agency", "某某县城市管理局", "--year", "2020", seed("002"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	agency, year := jsonMeta(t, filepath.Join(dir, strings.TrimSuffix(filepath.Base(seed("002")), ".txt")+".json"))
	if agency != "某某县城市管理局" || year != 2020 {
		t.Errorf("agency %q year %d", agency, year)
	}
	// Several inputs: --agency is refused with a hint at --meta.
	_, stderr, code = cli(t, nil, "check", "--agency", "某局", seed("001"), seed("002"))
	if code != 2 || !strings.Contains(stderr, "--meta") {
		t.Errorf("exit %d: %s", code, stderr)
	}
	_, stderr, code = cli(t, nil, "check", "--year", "20", seed("001"))
	if code != 2 || !strings.Contains(stderr, "四位年份") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}

func TestMetaFile(t *testing.T) {
	dir := t.TempDir()
	meta := filepath.Join(dir, "meta.csv")
	b1, b2 := filepath.Base(seed("001")), filepath.Base(seed("004"))
	csv := "\ufeff文件,机关名称,年度\n" + b1 + ",某某市大祥区行政审批服务局,2021\n" + b2 + ",,2020\n不存在.txt,某局,2020\n"
	if err := os.WriteFile(meta, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	_, stderr, code := cli(t, nil, "convert", "-q", "-o", out, "--meta", meta, seed("001"), seed("004"), seed("002"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "第4行：文件“不存在.txt”不在输入中") {
		t.Errorf("stderr = %s", stderr)
	}
	for name, want := range map[string]struct {
		agency string
		year   int
	}{b1: {"某某市大祥区行政审批服务局", 2021}, b2: {"铜陵市郊区安庆矿区办事处", 2020}, filepath.Base(seed("002")): {"市城管执法局", 2020}} {
		agency, year := jsonMeta(t, filepath.Join(out, strings.TrimSuffix(name, ".txt")+".json"))
		if agency != want.agency || year != want.year {
			t.Errorf("%s: agency %q year %d, want %q %d", name, agency, year, want.agency, want.year)
		}
	}
	// summary takes --meta too.
	sum := filepath.Join(dir, "s.csv")
	_, stderr, code = cli(t, nil, "summary", "-q", "--csv", sum, "--meta", meta, seed("001"))
	if code != 0 {
		t.Fatalf("summary exit %d: %s", code, stderr)
	}
	if b, _ := os.ReadFile(sum); !strings.Contains(string(b), "某某市大祥区行政审批服务局") {
		t.Errorf("summary CSV lacks the agency from --meta:\n%s", b)
	}
	// A broken metadata file is a usage error naming the line.
	if err := os.WriteFile(meta, []byte("a.txt,某局,二〇二〇\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code = cli(t, nil, "check", "--meta", meta, seed("001"))
	if code != 2 || !strings.Contains(stderr, "第1行") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}
