package docxread

import (
	"archive/zip"
	"bytes"
	"errors"
	"hash/crc32"
	"strconv"
	"strings"
	"testing"

	"github.com/govreport/govreport/convert/input"
	"github.com/govreport/govreport/convert/model"
)

// deflated returns n zero bytes compressed, and their CRC.
func deflated(t testing.TB, n int) ([]byte, uint32) {
	t.Helper()
	var comp bytes.Buffer
	zw := zip.NewWriter(&comp)
	w, _ := zw.CreateHeader(&zip.FileHeader{Name: "x", Method: zip.Deflate})
	zeros := make([]byte, 1<<20)
	crc := crc32.NewIEEE()
	for i := 0; i < n>>20; i++ {
		w.Write(zeros)
		crc.Write(zeros)
	}
	zw.Close()
	zr, _ := zip.NewReader(bytes.NewReader(comp.Bytes()), int64(comp.Len()))
	raw, _ := zr.File[0].OpenRaw()
	var data bytes.Buffer
	data.ReadFrom(raw)
	return data.Bytes(), crc.Sum32()
}

// rawPart builds a zip holding word/document.xml as the given deflated
// data, with the sizes the header declares.
func rawPart(t testing.TB, data []byte, crc uint32, declared uint64, extra ...string) []byte {
	return rawPartSized(t, data, crc, uint64(len(data)), declared, extra...)
}

// rawPartSized is rawPart with a declared compressed size too.
func rawPartSized(t testing.TB, data []byte, crc uint32, compressed, declared uint64, extra ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(extra); i += 2 {
		w, _ := zw.Create(extra[i])
		w.Write([]byte(extra[i+1]))
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "word/document.xml", Method: zip.Deflate,
		CRC32: crc, CompressedSize64: compressed, UncompressedSize64: declared})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(data)
	zw.Close()
	return buf.Bytes()
}

func manyEntries(t testing.TB, n int) []byte {
	parts := []string{"word/document.xml", "<w:document/>"}
	for i := 0; i < n; i++ {
		parts = append(parts, "media/"+strconv.Itoa(i), "")
	}
	return pkgOf(t, parts...)
}

// manyParagraphs returns n empty paragraphs, each with a different rsid so
// that the part does not compress like a bomb.
func manyParagraphs(n int) string {
	var b strings.Builder
	x := uint32(2463534242)
	for i := 0; i < n; i++ {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b.WriteString(`<w:p w:rsidR="` + strconv.FormatUint(uint64(x), 16) + `"/>`)
	}
	return b.String()
}

func TestRefusedInputs(t *testing.T) {
	bomb, crc := deflated(t, 64<<20)
	tests := []struct {
		name string
		data []byte
		want string // in the message
		ref  string // the part named, when any
	}{
		{"empty.docx", nil, "空", ""},
		{"text.docx", []byte("这不是 Word 文档"), "不是 Word 文档", ""},
		{"old.doc", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 600)...), "soffice --headless --convert-to docx", ""},
		{"other.zip", pkgOf(t, "a.txt", "hello"), "缺少 word/document.xml", ""},
		{"truncated.docx", docxOf(t, p("x"), "")[:200], "损坏", ""},
		{"badxml.docx", docxOf(t, `<w:p><w:r><w:t>未闭合</w:r></w:p>`, ""), "XML 格式错误", "word/document.xml"},
		{"cut.docx", pkgOf(t, "word/document.xml", `<w:document xmlns:w="`+nsW+`"><w:body><w:p>`), "不完整", "word/document.xml"},
		{"notword.docx", pkgOf(t, "word/document.xml", `<html><body/></html>`), "w:document", "word/document.xml"},
		{"badstyles.docx", docxOf(t, p("x"), `<w:style><`), "XML 格式错误", "word/styles.xml"},
		{"badrels.docx", pkgOf(t, "_rels/.rels", "<Relationships><", "word/document.xml", "<w:document/>"), "XML", "_rels/.rels"},
		{"gbk.docx", pkgOf(t, "word/document.xml", `<?xml version="1.0" encoding="GBK"?><w:document/>`), "UTF-8", "word/document.xml"},
		{"deep.docx", docxOf(t, strings.Repeat("<w:sdt><w:sdtContent>", 200)+strings.Repeat("</w:sdtContent></w:sdt>", 200), ""), "嵌套", "word/document.xml"},
		// An entity bomb: encoding/xml does not expand DTD entities, so the
		// reference is an unknown entity, i.e. bad XML, found at once.
		{"laughs.docx", pkgOf(t, "word/document.xml", `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><w:document xmlns:w="`+nsW+`"><w:body><w:p><w:r><w:t>&c;</w:t></w:r></w:p></w:body></w:document>`), "XML 格式错误", "word/document.xml"},
		{"bomb.docx", rawPartSized(t, bomb, crc, 1<<20, 40<<20), "超过上限", "word/document.xml"},
		{"liar.docx", rawPart(t, bomb, crc, 100), "损坏", "word/document.xml"},
		{"dense.docx", rawPart(t, bomb, crc, 64<<20), "压缩比异常", "word/document.xml"},
		{"huge.docx", rawPartSized(t, bomb, crc, MaxUnzipped/2, MaxUnzipped+1), "解压后超过", ""},
		{"many.docx", manyEntries(t, MaxEntries+1), "部件", ""},
		{"paragraphs.docx", docxOf(t, manyParagraphs(maxItems+1), ""), "段落或表格单元格超过", "word/document.xml"},
	}
	for _, tt := range tests {
		doc, err := Document(tt.data, input.Options{Name: tt.name})
		var pe *model.ParseError
		if !errors.As(err, &pe) {
			t.Errorf("%s: got %v, %v; want a ParseError", tt.name, doc, err)
			continue
		}
		if pe.File != tt.name || !strings.Contains(err.Error(), tt.name) || !strings.Contains(pe.Msg, tt.want) || pe.Ref != tt.ref {
			t.Errorf("%s: %v (ref %q; want the file, ref %q and %q)", tt.name, err, pe.Ref, tt.ref, tt.want)
		}
	}
}

// TestUnusedPartsNotInflated: a broken or huge part the reader does not
// need (an image) does not stop it.
func TestUnusedPartsNotInflated(t *testing.T) {
	bomb, crc := deflated(t, 16<<20)
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("word/document.xml")
	w.Write([]byte(`<w:document xmlns:w="` + nsW + `"><w:body>` + p("正文") + `</w:body></w:document>`))
	// A lying header on an image part: never opened.
	w, _ = zw.CreateRaw(&zip.FileHeader{Name: "word/media/image1.png", Method: zip.Deflate, CRC32: crc, CompressedSize64: uint64(len(bomb)), UncompressedSize64: 10})
	w.Write(bomb)
	zw.Close()
	doc, err := Document(buf.Bytes(), input.Options{Name: "img.docx"})
	if err != nil || len(doc.Blocks) != 1 || doc.Blocks[0].Text != "正文" {
		t.Errorf("got %+v, %v", doc, err)
	}
}

func TestTooLarge(t *testing.T) {
	_, err := Document(make([]byte, input.MaxSize+1), input.Options{Name: "big.docx"})
	if err == nil || !strings.Contains(err.Error(), "big.docx") {
		t.Errorf("err = %v", err)
	}
}
