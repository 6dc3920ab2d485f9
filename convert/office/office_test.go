package office_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/govreport/govreport/convert/docxread"
	"github.com/govreport/govreport/convert/input"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/office"
	"github.com/govreport/govreport/convert/text"
)

const legacyDoc = "../../testdata/inputs/seed001.govreport-docx.lo.doc"

// isolatedTemp points TMPDIR at an empty folder of the test's own and
// returns a function that fails the test if anything is left in it.
func isolatedTemp(t *testing.T) func() {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	return func() {
		t.Helper()
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			t.Errorf("left behind in TMPDIR: %s", e.Name())
		}
	}
}

// TestNoLibreOffice: without soffice the message says how to convert.
func TestNoLibreOffice(t *testing.T) {
	b, err := os.ReadFile(legacyDoc)
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", t.TempDir())
	_, err = office.ReadWord(b, input.Options{Name: "报告.doc"})
	var pe *model.ParseError
	if !errors.As(err, &pe) || pe.File != "报告.doc" || !strings.Contains(pe.Msg, "soffice --headless --convert-to docx") || !strings.Contains(pe.Msg, "另存为 .docx") {
		t.Fatalf("err = %v", err)
	}
}

func TestSniffWord(t *testing.T) {
	b, err := os.ReadFile(legacyDoc)
	if err != nil {
		t.Fatal(err)
	}
	if !office.SniffWord(b) {
		t.Error("LibreOffice's .doc not sniffed")
	}
	xls := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, []byte("W\x00o\x00r\x00k\x00b\x00o\x00o\x00k\x00")...)
	if office.SniffWord(xls) || office.SniffWord([]byte("WordDocument")) || office.SniffWord([]byte("rtf {\\rtf1")) {
		t.Error("a workbook or text sniffed as Word")
	}
	if !office.SniffWord([]byte("\xEF\xBB\xBF\r\n{\\rtf1\\ansi x}")) {
		t.Error("RTF not sniffed")
	}
}

// TestReadWordLibreOffice reads LibreOffice's .doc of seed 001 through
// LibreOffice: every cell as in the text reading, nothing left behind.
func TestReadWordLibreOffice(t *testing.T) {
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Skip("soffice not found: install libreoffice-writer-nogui to test reading .doc through LibreOffice")
	}
	left := isolatedTemp(t)
	b, err := os.ReadFile(legacyDoc)
	if err != nil {
		t.Fatal(err)
	}
	got, err := office.ReadWord(b, input.Options{Name: "seed001.doc"})
	if err != nil {
		t.Fatal(err)
	}
	left()
	tb, err := os.ReadFile("../../testdata/seeds/001_1d4dd3ae0346d0fe.txt")
	if err != nil {
		t.Fatal(err)
	}
	want, err := text.ReadBytes(tb, input.Options{Name: "001.txt"})
	if err != nil {
		t.Fatal(err)
	}
	if got.Meta.Edition != want.Meta.Edition || got.Meta.Year != want.Meta.Year || got.Meta.Agency != want.Meta.Agency || got.Meta.Layout != office.LayoutDoc {
		t.Errorf("meta = %+v", got.Meta)
	}
	for k, w := range want.Cells {
		g := got.Cells[k]
		if g == nil || g.Kind != w.Kind || g.Raw != w.Raw || g.Value != w.Value {
			t.Errorf("%s = %+v, want %+v", k, g, w)
		}
	}
	converted := false
	for _, f := range got.Findings {
		converted = converted || f.ID == office.FindingConverted
	}
	if !converted {
		t.Error("no finding says the file was converted")
	}
	// The converted bytes are a Word document docxread sniffs.
	data, err := office.ToDocx(context.Background(), b, ".doc", office.Options{})
	if err != nil || !docxread.Sniff(data) {
		t.Errorf("ToDocx: %v", err)
	}
	left()
}

// rtfTable is a small RTF file with a paragraph and a two-cell table row,
// in Chinese (\uN escapes), the way RTF writers store non-ASCII text.
const rtfTable = `{\rtf1\ansi\deff0{\fonttbl{\f0 SimSun;}}
\pard \u19968?\u12289?\u24635?\u20307?\u24773?\u20917?\par
\trowd\cellx2000\cellx4000
\pard\intbl \u35268?\u31456?\cell 12\cell\row
}`

// TestRTFThroughLibreOffice converts an RTF file and reads it: the text and
// the table cells come through.
func TestRTFThroughLibreOffice(t *testing.T) {
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Skip("soffice not found: install libreoffice-writer-nogui to test reading RTF through LibreOffice")
	}
	left := isolatedTemp(t)
	data, err := office.ToDocx(context.Background(), []byte(rtfTable), ".rtf", office.Options{})
	if err != nil {
		t.Fatal(err)
	}
	left()
	doc, err := docxread.Document(data, input.Options{Name: "x.rtf"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range doc.Blocks {
		if b.Table == nil {
			got = append(got, b.Text)
			continue
		}
		for _, r := range b.Table.Rows {
			for _, c := range r {
				got = append(got, c.Text)
			}
		}
	}
	if strings.Join(got, "|") != "一、总体情况|规章|12" {
		t.Errorf("read %q", got)
	}
}
