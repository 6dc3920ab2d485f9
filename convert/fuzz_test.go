package convert_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/govreport/govreport/convert"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/xlsx"
)

// FuzzReadBytes feeds arbitrary bytes through the reader registry (every
// reader, chosen by content) and the checks: never a panic, and an input
// that cannot be read is a *model.ParseError naming it. Seeded with a
// text, an HTML, a workbook, a Word document and a PDF from testdata, so
// that each reader's path is explored; .ci/fuzz runs it.
func FuzzReadBytes(f *testing.F) {
	for _, p := range []string{
		"../testdata/seeds/001_1d4dd3ae0346d0fe.txt",
		"../testdata/inputs/seed000.govreport.docx",
	} {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	for _, pat := range []string{"../testdata/samples/*/source.html", "../testdata/inputs/*.govreport.pdf"} {
		if m, _ := filepath.Glob(pat); len(m) > 0 {
			if b, err := os.ReadFile(m[0]); err == nil {
				f.Add(b)
			}
		}
	}
	var tmpl bytes.Buffer
	if err := xlsx.WriteTemplate(&tmpl, xlsx.TemplateOptions{}); err == nil {
		f.Add(tmpl.Bytes())
	}
	f.Add([]byte{})
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte("%PDF-1.7\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rep, err := convert.ReadBytes(b, convert.ReadOptions{Name: "fuzz.bin"})
		var pe *model.ParseError
		switch {
		case err == nil && rep == nil:
			t.Fatal("nil report without error")
		case err != nil && (!errors.As(err, &pe) || pe.File != "fuzz.bin"):
			t.Fatalf("error %T %v does not name the input", err, err)
		}
	})
}
