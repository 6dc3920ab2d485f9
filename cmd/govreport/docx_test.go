package main

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestConvertDocx: convert -t docx -o DIR seed writes DIR/<base>.docx, a zip
// with the Word parts, stamped with SOURCE_DATE_EPOCH, same bytes every run.
func TestConvertDocx(t *testing.T) {
	env := map[string]string{"SOURCE_DATE_EPOCH": "1609459200"} // 2021-01-01T00:00:00Z
	var first []byte
	for run := 0; run < 2; run++ {
		dir := t.TempDir()
		_, stderr, code := cli(t, env, "convert", "-q", "-t", "docx", "-o", dir, seed("001"))
		if code != 0 {
			t.Fatalf("exit %d, stderr %s", code, stderr)
		}
		base := strings.TrimSuffix(filepath.Base(seed("001")), ".txt")
		b, err := os.ReadFile(filepath.Join(dir, base+".docx"))
		if err != nil {
			t.Fatal(err)
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 1 {
			t.Errorf("%d files in the output folder, want only the .docx", len(entries))
		}
		zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
		if err != nil {
			t.Fatalf("not a zip: %v", err)
		}
		parts := map[string]string{}
		for _, f := range zr.File {
			rc, err := f.Open()
			if err != nil {
				t.Fatal(err)
			}
			d, _ := io.ReadAll(rc)
			rc.Close()
			parts[f.Name] = string(d)
		}
		if !strings.Contains(parts["word/document.xml"], "大祥区行政审批服务局") {
			t.Error("document.xml lacks the report")
		}
		if !strings.Contains(parts["docProps/core.xml"], "2021-01-01T00:00:00Z") {
			t.Error("SOURCE_DATE_EPOCH not honoured in core.xml")
		}
		if run == 0 {
			first = b
		} else if !bytes.Equal(first, b) {
			t.Error("two runs wrote different bytes")
		}
	}
}

func TestConvertDocxWithJSONAndHelp(t *testing.T) {
	dir := t.TempDir()
	_, stderr, code := cli(t, nil, "convert", "-q", "-t", "json,docx", "-o", dir, seed("002"))
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	base := strings.TrimSuffix(filepath.Base(seed("002")), ".txt")
	for _, ext := range []string{".json", ".docx"} {
		if _, err := os.Stat(filepath.Join(dir, base+ext)); err != nil {
			t.Error(err)
		}
	}
	out, _, code := cli(t, nil, "help", "convert")
	if code != 0 || !strings.Contains(out, "docx") {
		t.Errorf("help does not list docx (exit %d):\n%s", code, out)
	}
}
