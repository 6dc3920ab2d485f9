package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestSpecDir: --spec-dir adds a variant to template, check, convert and
// summary; a bad folder is a usage error (exit 2) naming the file.
func TestSpecDir(t *testing.T) {
	dir := t.TempDir()
	specs := filepath.Join(dir, "specs")
	vd := filepath.Join(specs, "mixed")
	if err := os.MkdirAll(vd, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(vd, "edition.json"), []byte(`{"edition": "2021-mixed", "extends": "2021",
  "notice": "2021版表二与2019版表三混用", "tables": [{"table": "t3", "from": "2019"}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "模板.xlsx")
	if _, stderr, code := cli(t, nil, "template", "--spec-dir", specs, "--edition", "2021-mixed", "-o", out); code != 0 {
		t.Fatalf("template: exit %d, %s", code, stderr)
	}
	stdout, stderr, code := cli(t, nil, "check", "--json", "--spec-dir", specs, out)
	if code != 0 || !strings.Contains(stdout, `"edition":"2021-mixed"`) || !strings.Contains(stdout, `"t3.other.natural"`) {
		t.Fatalf("check of the variant template: exit %d, %s, %.300s", code, stderr, stdout)
	}
	// Without --spec-dir the variant is unknown to template.
	if _, stderr, code := cli(t, nil, "template", "--edition", "2021-mixed", "-o", out); code != 2 || !strings.Contains(stderr, "2021-mixed") {
		t.Errorf("template without --spec-dir: exit %d, %s", code, stderr)
	}
	if _, stderr, code := cli(t, nil, "summary", "--spec-dir", specs, "-o", filepath.Join(dir, "汇总.xlsx"), seed("002_b0e573aacea97adf.txt")); code != 0 {
		t.Errorf("summary --spec-dir: exit %d, %s", code, stderr)
	}
	// Broken folders.
	bad := filepath.Join(dir, "bad")
	os.MkdirAll(filepath.Join(bad, "v"), 0o755)
	os.WriteFile(filepath.Join(bad, "v", "edition.json"), []byte(`{"edition": "2021-v", "extends": "2021", "tabels": []}`), 0o644)
	for _, args := range [][]string{
		{"check", "--spec-dir", bad, seed("002_b0e573aacea97adf.txt")},
		{"convert", "--spec-dir", bad, "-o", dir, seed("002_b0e573aacea97adf.txt")},
		{"summary", "--spec-dir", bad, "-o", filepath.Join(dir, "x.xlsx"), seed("002_b0e573aacea97adf.txt")},
		{"template", "--spec-dir", bad, "-o", out},
	} {
		_, stderr, code := cli(t, nil, args...)
		if code != 2 || !strings.Contains(stderr, filepath.ToSlash(filepath.Join(bad, "v", "edition.json"))) || !strings.Contains(stderr, "tabels") {
			t.Errorf("%s --spec-dir bad: exit %d, stderr %q", args[0], code, stderr)
		}
	}
	if _, stderr, code := cli(t, nil, "check", "--spec-dir", filepath.Join(dir, "none"), seed("002_b0e573aacea97adf.txt")); code != 2 || !strings.Contains(stderr, "none") {
		t.Errorf("missing --spec-dir: exit %d, %s", code, stderr)
	}
}
