package ooxml

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// sample is a small package using every feature of the builder.
func sample(text string) *Package {
	return &Package{
		Body: []Block{
			Paragraph{Style: "Title", Runs: []Run{{Text: text}}},
			Paragraph{Props: ParaProps{Align: "right", Indent: &Indent{FirstLineChars: 200, FirstLine: 640}},
				Runs: []Run{{Text: " lead\tand trail ", Props: RunProps{Bold: On, Size: 32,
					Fonts: Fonts{ASCII: "Times New Roman", EastAsia: "仿宋_GB2312"}}}}},
			Table{Style: "TableGrid", Grid: []int{1000, 1000, 2000}, Rows: []Row{
				{Header: true, CantSplit: true, Cells: []Cell{
					{Span: 2, Merge: MergeRestart, Paragraphs: []Paragraph{{Runs: []Run{{Text: "merged"}}}}},
					{Paragraphs: []Paragraph{{Runs: []Run{{Text: "c"}}}}}}},
				{MinHeight: 400, Cells: []Cell{{Span: 2, Merge: MergeContinue}, {VAlign: "center"}}},
			}},
		},
		Section:  Section{PageWidth: Millimetres(210), PageHeight: Millimetres(297), Top: 2098, LinePitch: 579},
		Footer:   []Paragraph{{Runs: []Run{{Text: "— "}, {Field: "PAGE", Text: "1"}, {Text: " —"}}}},
		Defaults: DocDefaults{Run: RunProps{Lang: "en-US", LangEastAsia: "zh-CN"}},
		Styles: []Style{
			{Type: ParagraphStyle, ID: "Normal", Name: "Normal", Default: true, QFormat: true},
			{Type: ParagraphStyle, ID: "Title", Name: "Title", BasedOn: "Normal", Para: &ParaProps{Align: "center"}},
			{Type: TableStyle, ID: "TableGrid", Name: "Table Grid", Table: &TableProps{Border: 4}},
		},
		Fonts:       []Font{{Name: "仿宋_GB2312", AltName: "仿宋", Charset: "86"}},
		Core:        CoreProps{Title: text, Creator: "机关", Created: time.Unix(0, 0), Modified: time.Unix(86400, 0)},
		Application: "test",
		Time:        time.Date(2021, 1, 11, 8, 30, 0, 0, time.UTC),
	}
}

func parts(t *testing.T, p *Package) map[string]string {
	t.Helper()
	ps, err := p.Parts()
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, part := range ps {
		m[part.Name] = string(part.Data)
	}
	return m
}

// texts returns the character data of every element named local, in order.
func texts(t *testing.T, doc string, local string) []string {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(doc))
	var out []string
	in := false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return out
		}
		if err != nil {
			t.Fatalf("XML does not parse: %v", err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if tok.Name.Local == local {
				in = true
				out = append(out, "")
			}
		case xml.EndElement:
			if tok.Name.Local == local {
				in = false
			}
		case xml.CharData:
			if in {
				out[len(out)-1] += string(tok)
			}
		}
	}
}

func TestEscaping(t *testing.T) {
	const s = `<a href="x">&'quoted'</a> =SUM(A1)`
	doc := parts(t, sample(s))["word/document.xml"]
	if strings.Contains(doc, "<a href") {
		t.Fatal("markup in text was not escaped")
	}
	if !strings.Contains(doc, "&lt;a href=&#34;x&#34;&gt;&amp;&#39;quoted&#39;&lt;/a&gt; =SUM(A1)") {
		t.Errorf("escaped text not found in %s", doc)
	}
	if got := texts(t, doc, "t")[0]; got != s {
		t.Errorf("text reads back as %q, want %q", got, s)
	}
	core := parts(t, sample(s))["docProps/core.xml"]
	if got := texts(t, core, "title"); len(got) != 1 || got[0] != s {
		t.Errorf("core title reads back as %q", got)
	}
}

func TestWhitespaceTabsAndBreaks(t *testing.T) {
	doc := parts(t, sample("x"))["word/document.xml"]
	for _, want := range []string{
		`<w:t xml:space="preserve"> lead</w:t><w:tab/><w:t xml:space="preserve">and trail </w:t>`,
		`<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="仿宋_GB2312" w:cs="Times New Roman"/><w:b/><w:bCs/><w:sz w:val="32"/>`,
		`<w:ind w:leftChars="0" w:left="0" w:rightChars="0" w:right="0" w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="right"/>`,
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("missing %s", want)
		}
	}
	var x xw
	writeText(&x, "a\nb\r\n")
	if got := string(x.b); got != "<w:t>a</w:t><w:br/><w:t>b</w:t><w:br/>" {
		t.Errorf("writeText = %s", got)
	}
}

func TestClean(t *testing.T) {
	tests := []struct {
		in, out string
		dropped []rune
	}{
		{"plain 文字\t\n", "plain 文字\t\n", nil},
		{"a\x01b\x0bc", "abc", []rune{1, 0x0b}},
		{"x\uFFFEy\uFFFF", "xy", []rune{0xFFFE, 0xFFFF}},
		{"bad\xed\xa0\x80utf8", "badutf8", []rune{utf8.RuneError, utf8.RuneError, utf8.RuneError}},
		{"\x7f ok \u00a0", "\x7f ok \u00a0", nil},
	}
	for _, tt := range tests {
		out, dropped := Clean(tt.in)
		if out != tt.out || string(dropped) != string(tt.dropped) {
			t.Errorf("Clean(%q) = %q, %U; want %q, %U", tt.in, out, dropped, tt.out, tt.dropped)
		}
		// What is written is always well-formed, cleaned or not.
		texts(t, parts(t, sample(tt.in))["word/document.xml"], "t")
	}
}

func TestTableMerges(t *testing.T) {
	doc := parts(t, sample("x"))["word/document.xml"]
	for _, want := range []string{
		`<w:tblGrid><w:gridCol w:w="1000"/><w:gridCol w:w="1000"/><w:gridCol w:w="2000"/></w:tblGrid>`,
		`<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>`,
		`<w:tcPr><w:tcW w:w="2000" w:type="dxa"/><w:gridSpan w:val="2"/><w:vMerge w:val="restart"/></w:tcPr>`,
		`<w:tcPr><w:tcW w:w="2000" w:type="dxa"/><w:gridSpan w:val="2"/><w:vMerge/></w:tcPr><w:p></w:p>`,
		`<w:trHeight w:val="400" w:hRule="atLeast"/>`,
		`<w:tblW w:w="4000" w:type="dxa"/>`,
		`<w:tblLayout w:type="fixed"/>`,
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("missing %s", want)
		}
	}
	// The body must not end with a table: a paragraph is added.
	p := sample("x")
	p.Body = p.Body[2:]
	doc = parts(t, p)["word/document.xml"]
	if !strings.Contains(doc, "</w:tbl><w:p></w:p><w:sectPr>") {
		t.Error("no paragraph after a final table")
	}
}

func TestTableErrors(t *testing.T) {
	bad := []Table{
		{Grid: nil},
		{Grid: []int{1, 1}, Rows: []Row{{Cells: []Cell{{Span: 3}}}}},
		{Grid: []int{1, 1}, Rows: []Row{{Cells: []Cell{{}}}}},
		{Grid: []int{1, 1}, Rows: []Row{{Cells: []Cell{{Merge: MergeContinue}, {}}}}},
		{Grid: []int{1, 1}, Rows: []Row{{Cells: []Cell{{Merge: MergeRestart}, {}}}, {Cells: []Cell{{Span: 2, Merge: MergeContinue}}}}},
	}
	for i, tb := range bad {
		p := sample("x")
		p.Body = []Block{&tb}
		if _, err := p.Parts(); err == nil {
			t.Errorf("table %d: no error", i)
		}
	}
}

func TestFooterField(t *testing.T) {
	ftr := parts(t, sample("x"))["word/footer1.xml"]
	want := `<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>` +
		`<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`
	if !strings.Contains(ftr, want) {
		t.Errorf("PAGE field not found in %s", ftr)
	}
	doc := parts(t, sample("x"))["word/document.xml"]
	if !strings.Contains(doc, `<w:footerReference w:type="default" r:id="rId4"/>`) ||
		!strings.Contains(doc, `<w:docGrid w:type="lines" w:linePitch="579"/>`) {
		t.Errorf("section properties: %s", doc[strings.Index(doc, "<w:sectPr"):])
	}
	// Without a footer there is no footer part, relationship or reference.
	p := sample("x")
	p.Footer = nil
	m := parts(t, p)
	if _, ok := m["word/footer1.xml"]; ok || strings.Contains(m["word/_rels/document.xml.rels"], "footer") ||
		strings.Contains(m["[Content_Types].xml"], "footer") || strings.Contains(m["word/document.xml"], "footerReference") {
		t.Error("footer written although there is none")
	}
}

func TestZipOpensAndPartsParse(t *testing.T) {
	var buf bytes.Buffer
	if err := sample("标题").Write(&buf); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if !f.Modified.Equal(time.Date(2021, 1, 11, 8, 30, 0, 0, time.UTC)) {
			t.Errorf("%s: modified %v", f.Name, f.Modified)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		if _, err := Canonical(b); err != nil {
			t.Errorf("%s does not parse: %v", f.Name, err)
		}
	}
	want := "[Content_Types].xml _rels/.rels docProps/app.xml docProps/core.xml word/document.xml " +
		"word/_rels/document.xml.rels word/styles.xml word/settings.xml word/fontTable.xml word/footer1.xml"
	if got := strings.Join(names, " "); got != want {
		t.Errorf("entries:\n got %s\nwant %s", got, want)
	}
	core := parts(t, sample("x"))["docProps/core.xml"]
	if !strings.Contains(core, `<dcterms:created xsi:type="dcterms:W3CDTF">1970-01-01T00:00:00Z</dcterms:created>`) ||
		!strings.Contains(core, `<dcterms:modified xsi:type="dcterms:W3CDTF">1970-01-02T00:00:00Z</dcterms:modified>`) {
		t.Errorf("core times: %s", core)
	}
}

func TestDeterministicAndEarlyTime(t *testing.T) {
	write := func(tm time.Time) []byte {
		p := sample("x")
		p.Time = tm
		var buf bytes.Buffer
		if err := p.Write(&buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	a, b := write(time.Unix(1e9, 0)), write(time.Unix(1e9, 0).In(time.FixedZone("CST", 8*3600)))
	if !bytes.Equal(a, b) {
		t.Error("same package and instant gave different bytes")
	}
	if bytes.Equal(a, write(time.Unix(2e9, 0))) {
		t.Error("the time does not reach the zip")
	}
	early := write(time.Unix(0, 0))
	zr, err := zip.NewReader(bytes.NewReader(early), int64(len(early)))
	if err != nil {
		t.Fatal(err)
	}
	if y := zr.File[0].Modified.Year(); y != 1980 {
		t.Errorf("1970 stamped as year %d, want 1980", y)
	}
}

func TestStyles(t *testing.T) {
	st := parts(t, sample("x"))["word/styles.xml"]
	for _, want := range []string{
		`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>`,
		`<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/></w:pPr></w:style>`,
		`<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/>`,
		`<w:rPrDefault><w:rPr><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>`,
	} {
		if !strings.Contains(st, want) {
			t.Errorf("missing %s in %s", want, st)
		}
	}
	fonts := parts(t, sample("x"))["word/fontTable.xml"]
	if !strings.Contains(fonts, `<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/><w:charset w:val="86"/></w:font>`) {
		t.Errorf("font table: %s", fonts)
	}
}

func TestCanonical(t *testing.T) {
	in := `<?xml version="1.0"?><a:r xmlns:a="urn:x" z="1" b="&lt;2"><a:e></a:e><a:t> x &amp; y </a:t>
	<a:m>t<a:e/></a:m></a:r>`
	want := `<?xml version="1.0"?>
<a:r b="&lt;2" xmlns:a="urn:x" z="1">
  <a:e/>
  <a:t> x &amp; y </a:t>
  <a:m>
    t
    <a:e/>
  </a:m>
</a:r>
`
	got, err := Canonical([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	for _, bad := range []string{"<a>", "<a></b>", "<a>&bogus;</a>"} {
		if _, err := Canonical([]byte(bad)); err == nil {
			t.Errorf("Canonical(%q): no error", bad)
		}
	}
}

func TestMillimetres(t *testing.T) {
	for mm, tw := range map[float64]int{210: 11906, 297: 16838, 37: 2098, 35: 1984, 28: 1587, 26: 1474, 156: 8844} {
		if got := Millimetres(mm); got != tw {
			t.Errorf("Millimetres(%v) = %d, want %d", mm, got, tw)
		}
	}
}
