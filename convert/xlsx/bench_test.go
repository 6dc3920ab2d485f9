package xlsx_test

import (
	"bytes"
	"github.com/govreport/govreport/convert/input"
	"io"
	"testing"

	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/xlsx"
)

// BenchmarkWrite writes one report's workbook (seed 001, 2021 edition).
func BenchmarkWrite(b *testing.B) {
	rep := seeds(b)["001_1d4dd3ae0346d0fe.txt"]
	b.ReportAllocs()
	for b.Loop() {
		if err := xlsx.Write(io.Discard, rep, xlsx.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadTemplate reads one filled template (every way of filling a
// cell, formulas with and without cached results).
func BenchmarkReadTemplate(b *testing.B) {
	data, _ := fill(b, template(b, model.Edition2021), model.Edition2021, "某某市某某局", 2025)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := xlsx.ReadBytes(data, input.Options{Name: "bench.xlsx"}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWriteTemplate writes a blank template.
func BenchmarkWriteTemplate(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := xlsx.WriteTemplate(&buf, xlsx.TemplateOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
