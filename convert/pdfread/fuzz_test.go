package pdfread

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/govreport/govreport/convert/input"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/pdf"
	"github.com/govreport/govreport/convert/text"
)

// FuzzRead: no input panics or escapes as anything but a ParseError
// naming the file. Seeded with the real report, a govreport PDF and the
// hand-built PDFs of the bad-input tests. The seeds are large: run with
// -fuzzminimizetime 10x or minimizing a new input takes minutes.
func FuzzRead(f *testing.F) {
	f.Add(readFile(f, "../../testdata/samples/401/source.pdf"))
	if b, err := os.ReadFile("../../testdata/seeds/002_b0e573aacea97adf.txt"); err == nil {
		if r, err := text.ReadBytes(b, input.Options{Name: "seed"}); err == nil {
			var buf bytes.Buffer
			if pdf.Write(&buf, r, pdf.Options{}) == nil {
				f.Add(buf.Bytes())
			}
		}
	}
	more, _ := filepath.Glob("../../testdata/inputs/pdf/*.pdf")
	for _, p := range more {
		if b, err := os.ReadFile(p); err == nil && len(b) < 2<<20 {
			f.Add(b)
		}
	}
	f.Add(onePage("BT /F1 12 Tf 72 700 Td (Hello) Tj ET 0 0 0 RG 10 10 m 100 10 l S 10 10 90 50 re S", ""))
	f.Add(onePage("BT /F1 12 Tf 72 700 Td [(A) -250 (B)] TJ ET BI /W 1 /H 1 ID \x00 EI q 1 0 0 1 5 5 cm Q", ""))
	f.Add(onePage("BT /F2 12 Tf 100 700 Td <4e2d> Tj ET", "/Font << /F2 6 0 R >>",
		pdfObj{body: "<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /UniGB-UCS2-H /DescendantFonts [7 0 R] >>"},
		pdfObj{body: "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /W [1 [500 600] 10 20 1000] /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 5 >> >>"}))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, err := Read(b, input.Options{Name: "fuzz.pdf"})
		if err != nil {
			var pe *model.ParseError
			if !errors.As(err, &pe) || pe.File != "fuzz.pdf" {
				t.Fatalf("error %v (%T) is not a ParseError naming the file", err, err)
			}
		}
	})
}
