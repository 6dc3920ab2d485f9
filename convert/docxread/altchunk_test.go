package docxread_test

import (
	"archive/zip"
	"bytes"
	"mime/quotedprintable"
	"os"
	"strings"
	"testing"

	"github.com/govreport/govreport/convert/docxread"
	"github.com/govreport/govreport/convert/html"
	"github.com/govreport/govreport/convert/input"
)

// chunkDocx builds a .docx the way HTML→Word exporters do: document.xml
// holds one w:altChunk, the page itself is the part it points at.
func chunkDocx(t *testing.T, partName string, part []byte) []byte {
	return chunkDocxID(t, partName, part, "htmlChunk")
}

func chunkDocxID(t *testing.T, partName string, part []byte, relID string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name string, data []byte) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	add("_rels/.rels", []byte(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="R1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document.xml"/></Relationships>`))
	add("word/document.xml", []byte(`<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body><w:altChunk r:id="htmlChunk"/><w:sectPr/></w:body></w:document>`))
	add("word/_rels/document.xml.rels", []byte(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" Target="/word/`+partName+`" Id="`+relID+`"/></Relationships>`))
	add("word/"+partName, part)
	zw.Close()
	return buf.Bytes()
}

func mht(t *testing.T, page []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	b.WriteString("MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n    type=\"text/html\";\r\n    boundary=\"----=mhtDocumentPart\"\r\n\r\n\r\n" +
		"------=mhtDocumentPart\r\nContent-Type: text/html;\r\n    charset=\"utf-8\"\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Location: file:///C:/fake/document.html\r\n\r\n")
	qw := quotedprintable.NewWriter(&b)
	qw.Write(page)
	qw.Close()
	b.WriteString("\r\n\r\n------=mhtDocumentPart--\r\n")
	return b.Bytes()
}

// TestAltChunk reads sample 001 (a real government web page) imported into
// a .docx as an HTML part and as an MHT part: every cell as the HTML
// reader reads the page.
func TestAltChunk(t *testing.T) {
	page, err := os.ReadFile("../../testdata/samples/001/source.html")
	if err != nil {
		t.Fatal(err)
	}
	want, err := html.Read(page, input.Options{Name: "source.html"})
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{
		"afchunk.htm": chunkDocx(t, "afchunk.htm", page),
		"afchunk.mht": chunkDocx(t, "afchunk.mht", mht(t, page)),
	} {
		t.Run(name, func(t *testing.T) {
			got, err := docxread.Read(b, input.Options{Name: "page.docx"})
			if err != nil {
				t.Fatal(err)
			}
			if got.Meta.Agency != want.Meta.Agency || got.Meta.Year != want.Meta.Year || got.Meta.Edition != want.Meta.Edition {
				t.Errorf("meta %+v", got.Meta)
			}
			compareCells(t, got, want)
		})
	}
	// A chunk that is not there, or in a format the reader does not
	// convert, is refused with a message naming it.
	for name, b := range map[string][]byte{
		"missing": chunkDocxID(t, "afchunk.htm", page, "elsewhere"),
		"rtf":     chunkDocx(t, "afchunk.rtf", []byte(`{\rtf1 text}`)),
	} {
		_, err := docxread.Read(b, input.Options{Name: "page.docx"})
		if err == nil || !strings.Contains(err.Error(), "page.docx") || !strings.Contains(err.Error(), "导入") {
			t.Errorf("%s: %v", name, err)
		}
	}
}
