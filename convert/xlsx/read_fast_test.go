package xlsx

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/govreport/govreport/convert/input"
	"github.com/govreport/govreport/convert/model"
)

// TestFastPathEdges edits table 三's worksheet of a template in the ways
// that decide between the fast path and excelize, checks which path
// each takes, and reads each (crossCheck compares the two paths whenever
// the fast one is taken).
func TestFastPathEdges(t *testing.T) {
	var tmpl bytes.Buffer
	if err := WriteTemplate(&tmpl, TemplateOptions{Edition: model.Edition2021, Agency: "某局", Year: 2025}); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(tmpl.Bytes()), int64(tmpl.Len()))
	if err != nil {
		t.Fatal(err)
	}
	const target = "xl/worksheets/sheet4.xml"
	var sheet string
	for _, f := range zr.File {
		if f.Name == target {
			rc, _ := f.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			sheet = string(b)
		}
	}
	d6, e6 := `<c r="D6" s="16"></c>`, `<c r="E6" s="16"></c>`
	if !strings.Contains(sheet, d6+e6) || !strings.Contains(sheet, "</mergeCells>") {
		t.Fatal("table 三 is not where the test expects it")
	}
	cell := func(d, e string) func(string) string {
		return func(s string) string {
			return strings.Replace(strings.Replace(s, d6, d, 1), e6, e, 1)
		}
	}
	merge := func(refs ...string) func(string) string {
		return func(s string) string {
			add := ""
			for _, r := range refs {
				add += `<mergeCell ref="` + r + `"></mergeCell>`
			}
			return strings.Replace(strings.Replace(s, "</mergeCells>", add+"</mergeCells>", 1), d6, `<c r="D6" s="16"><v>5</v></c>`, 1)
		}
	}
	cases := []struct {
		name string
		edit func(string) string
		fast bool
	}{
		{"number", cell(`<c r="D6" s="16"><v>12</v></c>`, e6), true},
		{"entities", cell(`<c r="D6" s="16" t="inlineStr"><is><t>1&#13;2&amp;&#x41;</t></is></c>`, e6), true},
		{"crlf", cell("<c r=\"D6\" s=\"16\" t=\"inlineStr\"><is><t>a\r\nb\rc</t></is></c>", e6), true},
		{"rich", cell(`<c r="D6" s="16" t="inlineStr"><is><r><rPr><b/></rPr><t>1</t></r><r><t>2</t></r><rPh><t>x</t></rPh></is></c>`, e6), true},
		{"types", cell(`<c r="D6" s="16" t="b"><v>1</v></c>`, `<c r="E6" s="16" t="e"><v>#DIV/0!</v></c>`), true},
		{"date and str", cell(`<c r="D6" s="16" t="d"><v>2025-01-01</v></c>`, `<c r="E6" s="16" t="str"><f>"a"&amp;"b"</f><v>ab</v></c>`), true},
		{"uncached", cell(`<c r="D6" s="16"><f>3+4</f></c>`, `<c r="E6" s="16"><f>MAX(1,2)</f></c>`), true},
		{"uncached refs", cell(`<c r="D6" s="16"><f>E6*2</f></c>`, `<c r="E6" s="16"><v>3</v></c>`), true},
		{"circular", cell(`<c r="D6" s="16"><f>D6+1</f></c>`, `<c r="E6" s="16"><f>NOW()</f></c>`), true},
		{"aca", cell(`<c r="D6" s="16"><f aca="false">1+1</f></c>`, e6), true},
		{"comment", cell(`<c r="D6" s="16"><!-- x --><v>5</v></c>`, e6), true},
		{"prefixed", cell(`<x:c xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" r="D6" s="16"><x:v>7</x:v></x:c>`, e6), true},
		{"spaces", cell(`<c r="D6" s="16"><v> 12 </v></c>`, `<c r="E6" s="16" t="s"><v>99999</v></c>`), true},
		{"merged values", merge("D6:E6"), true},
		{"shared formula", cell(`<c r="D6" s="16"><f t="shared" ref="D6:E6" si="0">1+1</f></c>`, e6), false},
		{"no reference", cell(`<c s="16"><v>1</v></c>`, e6), false},
		{"out of order", func(s string) string { return strings.Replace(s, d6+e6, e6+d6, 1) }, false},
		{"escaped", cell(`<c r="D6" s="16" t="inlineStr"><is><t>1_x000D_2</t></is></c>`, e6), false},
		{"cdata", cell(`<c r="D6" s="16"><v><![CDATA[5]]></v></c>`, e6), false},
		{"single-cell merge", merge("D6"), false},
		{"overlapping merges", merge("D6:E7", "E7:F8"), false},
		{"lower-case reference", cell(`<c r="d6" s="16"><v>1</v></c>`, e6), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			zw := zip.NewWriter(&buf)
			for _, f := range zr.File {
				rc, _ := f.Open()
				b, _ := io.ReadAll(rc)
				rc.Close()
				if f.Name == target {
					b = []byte(c.edit(sheet))
				}
				w, _ := zw.Create(f.Name)
				w.Write(b)
			}
			zw.Close()
			msg, _, parts := screen(buf.Bytes(), "edge.xlsx")
			if msg != "" {
				t.Fatal(msg)
			}
			if fast := openFast(buf.Bytes(), parts) != nil; fast != c.fast {
				t.Errorf("fast path %v, want %v", fast, c.fast)
			}
			if _, err := ReadBytes(buf.Bytes(), input.Options{Name: "edge.xlsx"}); err != nil {
				t.Logf("read: %v", err)
			}
		})
	}
}
