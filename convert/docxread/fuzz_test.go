package docxread

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"os"
	"testing"

	"github.com/govreport/govreport/convert/grid"
	"github.com/govreport/govreport/convert/input"
	"github.com/govreport/govreport/convert/model"
)

// fuzzSeeds are Word files of the repository: govreport's own, LibreOffice's
// import of an HTML report, and the official blank form.
func fuzzSeeds(f *testing.F) [][]byte {
	var out [][]byte
	for _, p := range []string{
		"../../testdata/inputs/seed001.govreport.docx",
		"../../testdata/inputs/sample001.html.lo.docx",
		"../../testdata/inputs/seed002.govreport-docx.lo.docx",
		"../../testdata/samples/404/source.docx",
	} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		out = append(out, b)
	}
	return out
}

// firstTable cuts a document.xml after its first top-level table, so that
// the fuzzer works on a real table without paying for a whole report on
// every run.
func firstTable(d []byte) []byte {
	i := bytes.Index(d, []byte("</w:tbl>"))
	if i < 0 {
		return nil
	}
	return append(d[:i+len("</w:tbl>"):i+len("</w:tbl>")], "</w:body></w:document>"...)
}

// documentPart returns the uncompressed word/document.xml of a .docx.
func documentPart(b []byte) []byte {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil
	}
	for _, f := range zr.File {
		if f.Name == "word/document.xml" {
			rc, err := f.Open()
			if err != nil {
				return nil
			}
			defer rc.Close()
			data, _ := io.ReadAll(rc)
			return data
		}
	}
	return nil
}

// FuzzDocument feeds each input to Document three times: as a whole file
// (the container: zip, relationships, limits), as the word/document.xml of
// an otherwise valid package (the body parser, which mutated zips rarely
// reach because of their checksums), and as an imported MHT chunk. Neither may panic; a failure must be a
// ParseError naming the file; a success must be a well-formed grid that
// the grid → model step accepts.
func FuzzDocument(f *testing.F) {
	for _, b := range fuzzSeeds(f) {
		f.Add(b)
		if d := firstTable(documentPart(b)); d != nil {
			f.Add(d)
		}
	}
	// The bodies of the unit tests, as documents.
	for _, body := range []string{
		p("一、总体情况") + `<w:tbl><w:tr>` + tc(`<w:gridSpan w:val="2"/>`, p("a")) + tc(`<w:vMerge w:val="restart"/>`, p("b")) + `</w:tr><w:tr>` +
			tc(``, p("1")) + tc(``, p("2")) + tc(`<w:vMerge/>`, `<w:p/>`) + `</w:tr></w:tbl>`,
		`<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>`,
		`<w:sdt><w:sdtContent><w:p><w:ins><w:r><w:t>x</w:t></w:r></w:ins><w:del><w:r><w:delText>y</w:delText></w:r></w:del></w:p></w:sdtContent></w:sdt>`,
		`<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>` + p("框") + `</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback/></mc:AlternateContent></w:r></w:p>`,
	} {
		doc := `<w:document ` + docNS + `><w:body>` + body + `</w:body></w:document>`
		f.Add([]byte(doc))
		f.Add(docxOf(f, body, `<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>`))
	}
	f.Add([]byte(`<w:document xmlns:w="` + nsW + `"><w:body><w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="3"/><w:vMerge/></w:tcPr><w:p><w:r><w:fldChar w:fldCharType="begin"/><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>`))
	f.Add([]byte("MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n<table><tr><td rowspan=3D2>=E6=80=BB</td></tr></table>\r\n--b--\r\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		var buf, chunk bytes.Buffer
		zw := zip.NewWriter(&buf)
		w, _ := zw.Create("word/document.xml")
		w.Write(b)
		zw.Close()
		// The input as an imported MHT chunk (w:altChunk).
		zw = zip.NewWriter(&chunk)
		w, _ = zw.Create("word/document.xml")
		w.Write([]byte(`<w:document xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:body><w:altChunk r:id="c"/></w:body></w:document>`))
		w, _ = zw.Create("word/_rels/document.xml.rels")
		w.Write([]byte(`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="c" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" Target="afchunk.mht"/></Relationships>`))
		w, _ = zw.Create("word/afchunk.mht")
		w.Write(b)
		zw.Close()
		for _, in := range [][]byte{b, buf.Bytes(), chunk.Bytes()} {
			o := input.Options{Name: "fuzz.docx"}
			doc, err := Document(in, o)
			if err != nil {
				var pe *model.ParseError
				if !errors.As(err, &pe) || pe.File != "fuzz.docx" || pe.Msg == "" {
					t.Fatalf("error %T %v is not a ParseError naming the file", err, err)
				}
				continue
			}
			n := 0
			for _, bl := range doc.Blocks {
				if bl.Kind != grid.TableBlock {
					continue
				}
				n++
				if bl.Table.Pos.Table != n {
					t.Fatalf("table %d numbered %d", n, bl.Table.Pos.Table)
				}
				for i, r := range bl.Table.Rows {
					prev := 0
					for _, c := range r {
						if c.Pos.Table != n || c.Pos.Row != i+1 || c.Pos.Col <= prev || c.ColSpan < 0 || c.RowSpan < 0 {
							t.Fatalf("table %d row %d: bad cell %+v", n, i+1, c.Pos)
						}
						prev = c.Pos.Col + max(c.ColSpan, 1) - 1
					}
				}
			}
			if _, err := grid.Read(doc, o); err != nil {
				var pe *model.ParseError
				if !errors.As(err, &pe) {
					t.Fatalf("grid.Read: %T %v", err, err)
				}
			}
		}
	})
}
