package batch_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/govreport/govreport/convert"
	"github.com/govreport/govreport/convert/batch"
	"github.com/govreport/govreport/convert/xlsx"
)

// TestIsOwnOutput: every document govreport writes is recognised by its
// producer mark, so a rerun never reads it as an input; a template (which
// people fill and hand back) and a report text are not.
func TestIsOwnOutput(t *testing.T) {
	rep, err := convert.ReadFile("../../testdata/seeds/001_1d4dd3ae0346d0fe.txt", convert.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, name := range []string{"xlsx", "pdf", "docx"} {
		f, _ := convert.Lookup(name)
		p := filepath.Join(dir, "r"+f.Ext)
		if err := convert.WriteFile(p, f, rep, convert.WriteOptions{}); err != nil {
			t.Fatal(err)
		}
		if !batch.IsOwnOutput(p) {
			t.Errorf("%s written by govreport not recognised", name)
		}
	}
	var tmpl bytes.Buffer
	if err := xlsx.WriteTemplate(&tmpl, xlsx.TemplateOptions{}); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "模板.xlsx")
	os.WriteFile(p, tmpl.Bytes(), 0o644)
	if batch.IsOwnOutput(p) {
		t.Error("a template is taken for an output")
	}
	if batch.IsOwnOutput("../../testdata/seeds/001_1d4dd3ae0346d0fe.txt") || batch.IsOwnOutput(filepath.Join(dir, "missing")) {
		t.Error("a text or a missing file is taken for an output")
	}
}
