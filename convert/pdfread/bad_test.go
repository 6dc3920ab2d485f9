package pdfread

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/govreport/govreport/convert/input"
	"github.com/govreport/govreport/convert/model"
)

// wantParseError asserts a *model.ParseError naming the file whose
// message contains every one of want.
func wantParseError(t *testing.T, what string, err error, want ...string) {
	t.Helper()
	t.Logf("%s: %v", what, err)
	var pe *model.ParseError
	if !errors.As(err, &pe) {
		t.Errorf("%s: err = %v, want a ParseError", what, err)
		return
	}
	if pe.File != "bad.pdf" || !strings.Contains(err.Error(), "bad.pdf") {
		t.Errorf("%s: error %q does not name the file", what, err)
	}
	for _, w := range want {
		if !strings.Contains(pe.Msg+pe.Ref, w) {
			t.Errorf("%s: error %q lacks %q", what, err, w)
		}
	}
}

var bad = input.Options{Name: "bad.pdf"}

func TestNotPDF(t *testing.T) {
	_, err := Read([]byte("hello"), bad)
	wantParseError(t, "not pdf", err, "不是 PDF")
	_, err = Read([]byte("%PDF-1.4\n"), bad)
	wantParseError(t, "header only", err)
}

func TestTruncated(t *testing.T) {
	b := readFile(t, "../../testdata/samples/401/source.pdf")
	for _, n := range []int{10, 100, 1000, len(b) / 3, len(b) / 2, len(b) - 100} {
		rep, err := Read(b[:n], bad)
		if err != nil {
			wantParseError(t, fmt.Sprintf("truncated at %d", n), err)
		} else if rep == nil {
			t.Errorf("truncated at %d: nil report and nil error", n)
		} else if !hasFinding(rep, FindingTruncated) {
			t.Errorf("truncated at %d: read without a %s finding", n, FindingTruncated)
		}
	}
}

// TestNoTextLayer: a page with only paths (a scan, or text whose font has
// no Unicode mapping) is refused with the OCR message.
func TestNoTextLayer(t *testing.T) {
	b := onePage("0 0 0 RG 10 10 m 100 100 l S", "")
	_, err := Read(b, bad)
	wantParseError(t, "no text", err, "没有可用的文字层", "OCR")
	// A CID font without ToUnicode and with Identity ordering: glyphs
	// exist but none maps to Unicode.
	b = onePage("BT /F2 12 Tf 100 700 Td <00410042> Tj ET", "/Font << /F2 6 0 R >>",
		pdfObj{body: "<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [7 0 R] >>"},
		pdfObj{body: "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /X /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>"})
	_, err = Read(b, bad)
	wantParseError(t, "unmapped", err, "OCR")
}

func TestCycles(t *testing.T) {
	// A page tree whose Kids point back at the root, and a Form XObject
	// that draws itself.
	objs := []pdfObj{
		{body: "<< /Type /Catalog /Pages 2 0 R >>"},
		{body: "<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>"},
		{body: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources 6 0 R >>"},
		{body: "<< >>", stream: []byte("BT /F1 12 Tf 72 700 Td (Hello) Tj ET /X1 Do"), deflate: true},
		{body: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"},
		{body: "<< /Font << /F1 5 0 R >> /XObject << /X1 7 0 R >> >>"},
		{body: "<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources 6 0 R >>", stream: []byte("q 1 0 0 1 1 1 cm /X1 Do Q BT /F1 12 Tf 72 600 Td (Form) Tj ET")},
	}
	start := time.Now()
	doc, err := Document(buildPDF(objs), bad)
	if err != nil {
		t.Fatal(err)
	}
	if time.Since(start) > 10*time.Second {
		t.Errorf("cycles took %v", time.Since(start))
	}
	var texts []string
	for _, b := range doc.Blocks {
		texts = append(texts, b.Text)
	}
	if got := strings.Join(texts, "|"); got != "Hello|Form" {
		t.Errorf("text = %q, want Hello|Form (form drawn once)", got)
	}
}

// TestManyPages: a page tree past MaxPages is refused, not walked.
func TestManyPages(t *testing.T) {
	n := MaxPages + 10
	objs := []pdfObj{{body: "<< /Type /Catalog /Pages 2 0 R >>"}, {}, {body: "<< >>", stream: []byte("BT /F1 12 Tf 72 700 Td (x) Tj ET")},
		{body: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"}}
	var kids strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&kids, "%d 0 R ", len(objs)+1)
		objs = append(objs, pdfObj{body: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources << /Font << /F1 4 0 R >> >> >>"})
	}
	objs[1] = pdfObj{body: fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count 1000000 >>", kids.String())}
	_, err := Read(buildPDF(objs), bad)
	wantParseError(t, "many pages", err, "页数超过")
}

// TestInflateBomb: a content stream that inflates past the limit is
// refused with a message naming the page; memory stays bounded.
func TestInflateBomb(t *testing.T) {
	data := bytes.Repeat([]byte("0 0 m "), (MaxStreamBytes+1<<20)/6)
	b := onePage(string(data), "")
	if len(b) > 1<<20 {
		t.Fatalf("bomb is %d bytes compressed", len(b))
	}
	_, err := Read(b, bad)
	wantParseError(t, "bomb", err, "上限", "第1页")
}

// TestInlineImage: binary image data between ID and EI does not derail the
// lexer, nor does an "EI" inside the data.
func TestInlineImage(t *testing.T) {
	content := "BT /F1 12 Tf 72 700 Td (Before) Tj ET\nBI /W 4 /H 4 /BPC 8 /CS /G ID \x00\xff(EI)\x80) Tj [ EI\nBT /F1 12 Tf 72 600 Td (After) Tj ET"
	doc, err := Document(onePage(content, ""), bad)
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, b := range doc.Blocks {
		texts = append(texts, b.Text)
	}
	if got := strings.Join(texts, "|"); got != "Before|After" {
		t.Errorf("text = %q", got)
	}
}

// TestPasswordProtected: a file that needs a user password says so.
func TestPasswordProtected(t *testing.T) {
	qpdf := needTool(t, "qpdf")
	dir := t.TempDir()
	out := filepath.Join(dir, "enc.pdf")
	cmd := exec.Command(qpdf, "--encrypt", "secret", "owner", "256", "--", "../../testdata/samples/401/source.pdf", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("qpdf: %v %s", err, b)
	}
	_, err := Read(readFile(t, out), bad)
	wantParseError(t, "password", err, "密码")
}

func hasFinding(r *model.Report, id string) bool {
	for _, f := range r.Findings {
		if f.ID == id {
			return true
		}
	}
	return false
}

func needTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s not installed: %v", name, err)
	}
	return p
}

var _ = os.ReadFile

// TestActualText: a marked-content ActualText replaces the glyphs drawn
// inside it (Chromium writes it where its ToUnicode cannot say the text).
func TestActualText(t *testing.T) {
	content := "BT /F1 12 Tf 72 700 Td (A) Tj /Span <</ActualText <FEFF4E2D6587>>> BDC (xy) Tj EMC (B) Tj ET"
	doc, err := Document(onePage(content, ""), bad)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Blocks) != 1 || doc.Blocks[0].Text != "A中文B" {
		t.Errorf("blocks = %+v", doc.Blocks)
	}
}

// TestReferenceCycles: a stream whose /Filter is itself, and two streams
// whose /Length point at each other, would send pdfcpu into unbounded
// recursion (a stack overflow no recover catches); they are defused first.
func TestReferenceCycles(t *testing.T) {
	self := onePage("", "")
	self = bytes.Replace(self, []byte("/Filter /FlateDecode"), []byte("/Filter 4 0 R       "), 1)
	pair := buildPDF([]pdfObj{
		{body: "<< /Type /Catalog /Pages 2 0 R >>"},
		{body: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"},
		{body: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents [4 0 R 5 0 R] /Resources << /Font << /F1 6 0 R >> >> >>"},
		{body: "<< /Length 5 0 R >>", stream: []byte("BT /F1 12 Tf 72 700 Td (Hi) Tj ET")},
		{body: "<< /Length 4 0 R >>", stream: []byte("BT /F1 12 Tf 72 680 Td (There) Tj ET")},
		{body: "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"},
	})
	// buildPDF wrote direct lengths after the references: drop them.
	pair = bytes.ReplaceAll(pair, []byte("5 0 R /Length 33"), []byte("5 0 R            "))
	pair = bytes.ReplaceAll(pair, []byte("4 0 R /Length 36"), []byte("4 0 R            "))
	// pdfcpu takes "4 0 R-" as a reference too, and "4 0\nobj" as a header.
	sloppy := bytes.Replace(self, []byte("/Filter 4 0 R       "), []byte("/Filter 4 0 R-/x    "), 1)
	sloppy = bytes.Replace(sloppy, []byte("4 0 obj"), []byte("4 0\nobj"), 1)
	for name, b := range map[string][]byte{"self filter": self, "length pair": pair, "sloppy self filter": sloppy} {
		if d := defuseCycles(b); bytes.Equal(d, b) {
			t.Errorf("%s: nothing defused", name)
		}
		_, err := Read(b, bad)
		if err != nil {
			wantParseError(t, name, err)
		}
	}
}

// TestDenseDrawing: a page of thousands of crossing rules (a chart, or a
// hostile file) is not paired rule by rule: it reads quickly, as text.
func TestDenseDrawing(t *testing.T) {
	var c strings.Builder
	c.WriteString("0 0 0 RG\n")
	for i := 0; i < 4000; i++ {
		y := 50 + float64(i)*0.19
		fmt.Fprintf(&c, "50 %.2f m 550 %.2f l S\n", y, y)
		x := 50 + float64(i)*0.125
		fmt.Fprintf(&c, "%.3f 50 m %.3f 800 l S\n", x, x)
	}
	c.WriteString(textAt(72, 820, "Chart"))
	start := time.Now()
	doc, err := Document(onePage(c.String(), ""), bad)
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v", d)
	}
	if len(doc.Blocks) != 1 || doc.Blocks[0].Text != "Chart" {
		t.Errorf("blocks %+v", doc.Blocks)
	}
}
