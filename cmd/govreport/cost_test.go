package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/govreport/govreport/convert"
)

// writeBig writes a seed report followed by extra text.
func writeBig(t *testing.T, path, extra string) {
	t.Helper()
	b, err := os.ReadFile(seed("001"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append(b, extra...), 0o644); err != nil {
		t.Fatal(err)
	}
}

func textRows(t *testing.T, path string) int {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("正文")
	if err != nil {
		t.Fatal(err)
	}
	return len(rows)
}

// TestDecorativeLinesNoRows: 200,000 lines of "|" after a report do not
// become 200,000 rows of the 正文 sheet (nor pages of the PDF).
func TestDecorativeLinesNoRows(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "pipes.txt")
	writeBig(t, in, strings.Repeat("|\n", 200000))
	out := filepath.Join(dir, "out")
	if _, stderr, code := cli(t, nil, "convert", "-q", "-t", "xlsx,docx", "-o", out, in); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if n := textRows(t, filepath.Join(out, "pipes.xlsx")); n > 500 {
		t.Errorf("正文 has %d rows for a report followed by lines of |", n)
	}
	if fi, err := os.Stat(filepath.Join(out, "pipes.docx")); err != nil || fi.Size() > 200<<10 {
		t.Errorf("docx: %v, %d bytes", err, fi.Size())
	}
}

// TestProseLimit: prose beyond the document limit is cut with a note and a
// finding, never written as a sheet Excel refuses (1,048,576 rows).
func TestProseLimit(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "long.txt")
	writeBig(t, in, strings.Repeat("本机关继续做好政府信息公开工作。\n", convert.MaxDocLines+3000))
	out := filepath.Join(dir, "out")
	_, stderr, code := cli(t, nil, "convert", "-t", "xlsx", "-o", out, in)
	if code != 0 || !strings.Contains(stderr, "WRITE-TEXT-LIMIT") || !strings.Contains(stderr, in) {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	n := textRows(t, filepath.Join(out, "long.xlsx"))
	if n > convert.MaxDocLines+100 || n < convert.MaxDocLines {
		t.Errorf("正文 has %d rows, want about %d", n, convert.MaxDocLines)
	}
}

// TestTooManyLines: an input of more than convert.MaxLines lines is
// refused with a message naming it, before any reader builds a record per
// line.
func TestTooManyLines(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "lines.txt")
	writeBig(t, in, strings.Repeat("\n", convert.MaxLines+1))
	_, stderr, code := cli(t, nil, "check", in)
	if code != 1 || !strings.Contains(stderr, in) || !strings.Contains(stderr, "行的上限") {
		t.Errorf("exit %d: %s", code, stderr)
	}
}
