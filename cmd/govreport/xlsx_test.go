package main

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
)

func TestTemplateCommand(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "模板.xlsx")
	stdout, stderr, code := cli(t, nil, "template", "--edition", "2019", "--agency", "某某市某某局", "--year", "2020", "-o", out)
	if code != 0 || !strings.Contains(stdout, out) {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	first, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	// The blank template reads back: edition, agency and year, no numbers.
	stdout, stderr, code = cli(t, nil, "check", "--json", out)
	if code != 0 {
		t.Fatalf("check of a blank template: exit %d, %s", code, stderr)
	}
	var doc struct {
		Edition string `json:"edition"`
		Agency  string `json:"agency"`
		Year    int    `json:"year"`
		Source  struct{ Layout string }
		Cells   map[string]struct{ Kind string }
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Edition != "2019" || doc.Agency != "某某市某某局" || doc.Year != 2020 || doc.Source.Layout != "xlsx-names" || len(doc.Cells) != 198 {
		t.Errorf("blank template reads as %+v", doc)
	}
	for k, c := range doc.Cells {
		if c.Kind != "blank" {
			t.Errorf("%s is %s in a blank template", k, c.Kind)
		}
	}
	// Same command, same bytes; SOURCE_DATE_EPOCH is honoured.
	if _, _, code = cli(t, nil, "template", "--edition", "2019", "--agency", "某某市某某局", "--year", "2020", "-o", out); code != 0 {
		t.Fatal(code)
	}
	if second, _ := os.ReadFile(out); !bytes.Equal(first, second) {
		t.Error("template is not reproducible")
	}
	if _, _, code = cli(t, map[string]string{"SOURCE_DATE_EPOCH": "1700000000"}, "template", "-o", out); code != 0 {
		t.Fatal(code)
	}
	if core := zipPart(t, out, "docProps/core.xml"); !strings.Contains(core, "2023-11-14T22:13:20Z") {
		t.Errorf("core.xml: %s", core)
	}
	// Default edition is 2021.
	stdout, _, _ = cli(t, nil, "check", "--json", out)
	if !strings.Contains(stdout, `"edition":"2021"`) {
		t.Errorf("default template: %.200s", stdout)
	}
	// Usage errors.
	for _, args := range [][]string{
		{"template", "--edition", "2018", "-o", out},
		{"template", "--year", "25", "-o", out},
		{"template", "-o", out, "extra.txt"},
		{"template", "--bogus"},
		{"template", "-o", ""},
	} {
		if _, stderr, code := cli(t, nil, args...); code != 2 || !strings.Contains(stderr, "govreport") {
			t.Errorf("%q: exit %d, stderr %q; want 2", args, code, stderr)
		}
	}
	if stdout, _, code := cli(t, nil, "help", "template"); code != 0 || !strings.Contains(stdout, "--edition") {
		t.Errorf("help template: %d %q", code, stdout)
	}
	// Output folder that cannot be created: exit 1 naming the file.
	blocker := filepath.Join(dir, "file")
	os.WriteFile(blocker, nil, 0o644)
	if _, stderr, code := cli(t, nil, "template", "-o", filepath.Join(blocker, "x.xlsx")); code != 1 || !strings.Contains(stderr, "x.xlsx") && !strings.Contains(stderr, blocker) {
		t.Errorf("unwritable: exit %d, %q", code, stderr)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

func zipPart(t *testing.T, path, name string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == name {
			rc, _ := f.Open()
			var b bytes.Buffer
			b.ReadFrom(rc)
			rc.Close()
			return b.String()
		}
	}
	t.Fatalf("%s has no %s", path, name)
	return ""
}

// TestConvertXLSX writes report workbooks, reproducibly, and reads them
// back with convert and check (xlsx input, detected by content).
func TestConvertXLSX(t *testing.T) {
	dir := t.TempDir()
	for _, s := range []string{"000", "001", "002", "003", "004"} {
		_, stderr, code := cli(t, nil, "convert", "-q", "-t", "xlsx,json", "-o", dir, seed(s))
		if code != 0 {
			t.Fatalf("%s: exit %d, %s", s, code, stderr)
		}
		base := strings.TrimSuffix(filepath.Base(seed(s)), ".txt")
		a, err := os.ReadFile(filepath.Join(dir, base+".xlsx"))
		if err != nil {
			t.Fatal(err)
		}
		// A second run gives the same bytes (cmp).
		cli(t, nil, "convert", "-q", "-t", "xlsx", "-o", dir, seed(s))
		if b, _ := os.ReadFile(filepath.Join(dir, base+".xlsx")); !bytes.Equal(a, b) {
			t.Errorf("%s: two runs differ", s)
		}
		// Read the workbook back, under a name without .xlsx.
		renamed := filepath.Join(dir, base+".workbook")
		os.WriteFile(renamed, a, 0o644)
		back := filepath.Join(dir, "back")
		if _, stderr, code := cli(t, nil, "convert", "-q", "-t", "json", "-o", back, renamed); code != 0 {
			t.Fatalf("%s: reading the workbook: exit %d, %s", s, code, stderr)
		}
		var orig, again struct {
			Agency string                     `json:"agency"`
			Year   int                        `json:"year"`
			Cells  map[string]json.RawMessage `json:"cells"`
		}
		ob, _ := os.ReadFile(filepath.Join(dir, base+".json"))
		nb, _ := os.ReadFile(filepath.Join(back, base+".json"))
		json.Unmarshal(ob, &orig)
		json.Unmarshal(nb, &again)
		if orig.Agency != again.Agency || orig.Year != again.Year || len(orig.Cells) != len(again.Cells) {
			t.Errorf("%s: %q %d %d cells, back %q %d %d", s, orig.Agency, orig.Year, len(orig.Cells), again.Agency, again.Year, len(again.Cells))
		}
	}
	// check on a workbook with failed checks: exit 3, the failure listed.
	wb := filepath.Join(dir, strings.TrimSuffix(filepath.Base(seed("002")), ".txt")+".xlsx")
	stdout, _, code := cli(t, nil, "check", wb)
	if code != 3 || !strings.Contains(stdout, "T3-BALANCE.natural") {
		t.Errorf("check workbook: exit %d\n%s", code, stdout)
	}
}

func TestBadXLSXInput(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	utf16le := func(s string) []byte {
		var b []byte
		for _, u := range utf16.Encode([]rune(s)) {
			b = append(b, byte(u), byte(u>>8))
		}
		return b
	}
	oleHead := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 504)...)
	var bomb bytes.Buffer
	zw := zip.NewWriter(&bomb)
	w, _ := zw.Create("xl/workbook.xml")
	w.Write([]byte("<workbook/>"))
	w, _ = zw.Create("xl/worksheets/sheet1.xml")
	zeros := make([]byte, 1<<20)
	for i := 0; i < 64; i++ {
		w.Write(zeros)
	}
	zw.Close()
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"garbage.xlsx", bytes.Repeat([]byte{0x00, 0xff, 0x13, 0x88}, 2000), ""},
		{"broken.xlsx", append([]byte("PK\x03\x04"), bytes.Repeat([]byte("xl/garbage"), 300)...), "损坏"},
		{"old.xls", append(append([]byte{}, oleHead...), utf16le("Workbook")...), ".xls"},
		{"locked.xlsx", append(append([]byte{}, oleHead...), utf16le("EncryptedPackage")...), "密码"},
		{"bomb.xlsx", bomb.Bytes(), "压缩炸弹"},
	}
	for _, c := range cases {
		p := write(c.name, c.data)
		for _, cmd := range []string{"convert", "check"} {
			args := []string{cmd, p}
			if cmd == "convert" {
				args = []string{cmd, "-o", filepath.Join(dir, "out"), p}
			}
			_, stderr, code := cli(t, nil, args...)
			if code != 1 || !strings.Contains(stderr, p) || !strings.Contains(stderr, c.want) {
				t.Errorf("%s %s: exit %d, stderr %q; want 1 naming the file and saying %q", cmd, c.name, code, stderr, c.want)
			}
		}
	}
}

// TestConvertDoesNotOverwriteInput: converting a workbook to xlsx into its
// own folder would overwrite it; the tool refuses, and the input is intact.
func TestConvertDoesNotOverwriteInput(t *testing.T) {
	dir := t.TempDir()
	tpl := filepath.Join(dir, "报表.xlsx")
	if _, stderr, code := cli(t, nil, "template", "-o", tpl); code != 0 {
		t.Fatalf("template: %d %s", code, stderr)
	}
	before, _ := os.ReadFile(tpl)
	_, stderr, code := cli(t, nil, "convert", "-t", "xlsx", "-o", dir, tpl)
	if code != 1 || !strings.Contains(stderr, "输出文件与输入文件相同") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	after, _ := os.ReadFile(tpl)
	if !bytes.Equal(before, after) {
		t.Error("input workbook changed")
	}
}
