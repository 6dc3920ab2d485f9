package docxread_test

import (
	"testing"

	"github.com/govreport/govreport/convert/check"
	"github.com/govreport/govreport/convert/docxread"
	"github.com/govreport/govreport/convert/input"
)

// BenchmarkRead reads a 2021-edition report from govreport's .docx and runs
// the checks: what `govreport check report.docx` costs after the file is
// read from disk.
func BenchmarkRead(b *testing.B) {
	data := writeDocx(b, readSeedText(b, "001_1d4dd3ae0346d0fe"))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		r, err := docxread.Read(data, input.Options{Name: "001.docx"})
		if err != nil {
			b.Fatal(err)
		}
		check.Run(r)
	}
}

// BenchmarkDocument is the Word part alone: unzip and parse into the grid.
func BenchmarkDocument(b *testing.B) {
	data := writeDocx(b, readSeedText(b, "001_1d4dd3ae0346d0fe"))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := docxread.Document(data, input.Options{Name: "001.docx"}); err != nil {
			b.Fatal(err)
		}
	}
}
