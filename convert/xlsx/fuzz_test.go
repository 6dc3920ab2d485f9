package xlsx

import (
	"archive/zip"
	"bytes"
	"github.com/govreport/govreport/convert/input"
	"io"
	"strings"
	"testing"

	"github.com/govreport/govreport/convert/model"
)

func fuzzTemplate(f *testing.F) []byte {
	var buf bytes.Buffer
	if err := WriteTemplate(&buf, TemplateOptions{Edition: model.Edition2021, Agency: "某局", Year: 2025}); err != nil {
		f.Fatal(err)
	}
	return buf.Bytes()
}

// FuzzRead: no input makes the reader panic or hang; every success has
// every key of its edition.
func FuzzRead(f *testing.F) {
	tmpl := fuzzTemplate(f)
	f.Add(tmpl)
	f.Add(tmpl[:len(tmpl)/2])
	f.Add([]byte("PK\x03\x04"))
	f.Add(append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...))
	f.Fuzz(func(t *testing.T, b []byte) {
		checkRead(t, b)
	})
}

// FuzzSheet replaces the worksheet of table 三 in a template with the
// fuzzed XML, so that the fuzzer explores worksheet parsing rather than
// zip checksums.
func FuzzSheet(f *testing.F) {
	tmpl := fuzzTemplate(f)
	sheets := map[string][]byte{}
	zr, _ := zip.NewReader(bytes.NewReader(tmpl), int64(len(tmpl)))
	for _, zf := range zr.File {
		rc, _ := zf.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		sheets[zf.Name] = b
	}
	const target = "xl/worksheets/sheet4.xml"
	f.Add(sheets[target])
	f.Add([]byte(strings.Replace(string(sheets[target]), `<c r="D6"`, `<c r="D6" t="e"><v>#DIV/0!</v></c><c r="D99"`, 1)))
	f.Add([]byte(`<worksheet><sheetData><row r="6"><c r="D6"><f>D6+1</f></c><c r="E6"><f>SUM(A1:XFD1048576)</f></c></row></sheetData></worksheet>`))
	f.Fuzz(func(t *testing.T, sheet []byte) {
		var buf bytes.Buffer
		zw := zip.NewWriter(&buf)
		for _, zf := range zr.File {
			w, _ := zw.Create(zf.Name)
			if zf.Name == target {
				w.Write(sheet)
			} else {
				w.Write(sheets[zf.Name])
			}
		}
		zw.Close()
		checkRead(t, buf.Bytes())
	})
}

func checkRead(t *testing.T, b []byte) {
	rep, err := ReadBytes(b, input.Options{Name: "fuzz.xlsx"})
	if err != nil {
		if pe, ok := err.(*model.ParseError); !ok || pe.File != "fuzz.xlsx" {
			t.Fatalf("error %T %v does not name the file", err, err)
		}
		if strings.Contains(err.Error(), "工作簿内容损坏，无法读取（") && !strings.Contains(err.Error(), "excelize") {
			// A recovered panic: acceptable for excelize internals, but
			// record it so that fuzzing shows where it came from.
			t.Logf("recovered: %v", err)
		}
		return
	}
	if rep.Meta.Edition.HasTables() {
		for _, t2 := range []string{"t3.new.natural", "t4.review.total"} {
			if rep.Cells[t2] == nil {
				t.Fatalf("%s missing from a successful read", t2)
			}
		}
	}
}
