package docxread

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/govreport/govreport/convert/grid"
	"github.com/govreport/govreport/convert/input"
)

const docNS = `xmlns:w="` + nsW + `" xmlns:mc="` + nsMC + `" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"`

// pkgOf builds a zip from name/content pairs, in order.
func pkgOf(t testing.TB, parts ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(parts); i += 2 {
		w, err := zw.Create(parts[i])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(parts[i+1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const pkgRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`

// docxOf builds a .docx whose body is body (WordprocessingML, prefix w),
// with styles.xml when styles is not empty.
func docxOf(t testing.TB, body, styles string) []byte {
	t.Helper()
	parts := []string{
		"[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
		"_rels/.rels", pkgRels,
		"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ` + docNS + `><w:body>` + body + `</w:body></w:document>`,
		"word/header1.xml", `<w:hdr xmlns:w="` + nsW + `"><w:p><w:r><w:t>页眉文字</w:t></w:r></w:p></w:hdr>`,
	}
	if styles != "" {
		parts = append(parts, "word/styles.xml", `<w:styles xmlns:w="`+nsW+`">`+styles+`</w:styles>`)
	}
	return pkgOf(t, parts...)
}

// dump renders a grid document compactly: "P<level> text" per paragraph,
// "T<n>" per table, then "  r,c[ rsN][ csN] text" per cell.
func dump(doc *grid.Document) string {
	var b strings.Builder
	for _, bl := range doc.Blocks {
		if bl.Kind == grid.Paragraph {
			fmt.Fprintf(&b, "P%d %s\n", bl.Level, bl.Text)
			continue
		}
		fmt.Fprintf(&b, "T%d\n", bl.Table.Pos.Table)
		for _, r := range bl.Table.Rows {
			for _, c := range r {
				if c.Pos.Table != bl.Table.Pos.Table {
					fmt.Fprintf(&b, "  (cell of table %d)", c.Pos.Table)
				}
				fmt.Fprintf(&b, "  %d,%d", c.Pos.Row, c.Pos.Col)
				if c.RowSpan > 1 {
					fmt.Fprintf(&b, " rs%d", c.RowSpan)
				}
				if c.ColSpan > 1 {
					fmt.Fprintf(&b, " cs%d", c.ColSpan)
				}
				fmt.Fprintf(&b, " %s\n", c.Text)
			}
		}
	}
	return b.String()
}

func read(t *testing.T, body, styles string) string {
	t.Helper()
	doc, err := Document(docxOf(t, body, styles), input.Options{Name: "t.docx"})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Layout != Layout {
		t.Errorf("layout %q", doc.Layout)
	}
	return dump(doc)
}

func p(s string) string { return `<w:p><w:r><w:t>` + s + `</w:t></w:r></w:p>` }

func tc(props, content string) string {
	return `<w:tc><w:tcPr>` + props + `</w:tcPr>` + content + `</w:tc>`
}

func check(t *testing.T, name, got, want string) {
	t.Helper()
	if got != want {
		t.Errorf("%s:\n got:\n%s\nwant:\n%s", name, got, want)
	}
}

func TestParagraphs(t *testing.T) {
	styles := `<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="MyHead"><w:name w:val="我的标题"/><w:basedOn w:val="1"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="WpsH2"><w:name w:val="标题 2"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Body9"><w:name w:val="正文"/><w:basedOn w:val="1"/><w:pPr><w:outlineLvl w:val="9"/></w:pPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Loop1"><w:name w:val="x"/><w:basedOn w:val="Loop2"/></w:style>` +
		`<w:style w:type="paragraph" w:styleId="Loop2"><w:name w:val="y"/><w:basedOn w:val="Loop1"/></w:style>`
	body := `<w:p><w:pPr><w:pStyle w:val="MyHead"/></w:pPr><w:r><w:t>一、总体情况</w:t></w:r></w:p>` +
		`<w:p><w:pPr><w:pStyle w:val="WpsH2"/></w:pPr><w:r><w:t>（一）主动公开</w:t></w:r></w:p>` +
		`<w:p><w:pPr><w:outlineLvl w:val="2"/></w:pPr><w:r><w:t>直接</w:t></w:r></w:p>` +
		`<w:p><w:pPr><w:pStyle w:val="Body9"/></w:pPr><w:r><w:t>正文级别</w:t></w:r></w:p>` +
		`<w:p><w:pPr><w:pStyle w:val="Loop1"/></w:pPr><w:r><w:t>循环样式</w:t></w:r></w:p>` +
		`<w:p><w:r><w:t xml:space="preserve">本年</w:t></w:r><w:r><w:tab/><w:t>共</w:t><w:br/><w:t>12件</w:t><w:noBreakHyphen/><w:sym w:font="Wingdings" w:char="F0FC"/><w:sym w:char="2460"/></w:r></w:p>` +
		`<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>显示</w:t></w:r></w:p>` +
		`<w:p><w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>zhù</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>注</w:t></w:r></w:rubyBase></w:ruby></w:r><w:r><w:t>音</w:t></w:r></w:p>` +
		`<w:p></w:p><w:p><w:r><w:t xml:space="preserve">   </w:t></w:r></w:p>` +
		`<w:sectPr><w:headerReference w:type="default"/></w:sectPr>`
	check(t, "paragraphs", read(t, body, styles),
		"P1 一、总体情况\nP2 （一）主动公开\nP3 直接\nP0 正文级别\nP0 循环样式\nP0 本年\t共\n12件-\uf0fc①\nP0 显示\nP0 注音\n")
}

func TestTrackedChangesFieldsControls(t *testing.T) {
	body := `<w:p><w:r><w:t>收到</w:t></w:r><w:ins><w:r><w:t>申请</w:t></w:r></w:ins><w:del><w:r><w:delText>删掉</w:delText></w:r></w:del>` +
		`<w:moveFrom><w:r><w:t>移走</w:t></w:r></w:moveFrom><w:moveTo><w:r><w:t>移来</w:t></w:r></w:moveTo><w:r><w:delText>孤立删除</w:delText></w:r></w:p>` +
		// A deleted paragraph mark joins the paragraph with the next.
		`<w:p><w:pPr><w:rPr><w:del w:id="1"/></w:rPr></w:pPr><w:r><w:t>前半</w:t></w:r></w:p><w:p><w:r><w:t>后半</w:t></w:r></w:p>` +
		// Complex field: instruction dropped, result kept; nested field in the instruction dropped.
		`<w:p><w:r><w:t>第</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> IF </w:instrText></w:r>` +
		`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>MERGEFIELD x</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>内层结果</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>` +
		`<w:r><w:t>指令文字</w:t></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>页</w:t></w:r>` +
		`<w:fldSimple w:instr=" NUMPAGES "><w:r><w:t>9</w:t></w:r></w:fldSimple></w:p>` +
		// Content controls: block, run; properties are not text.
		`<w:sdt><w:sdtPr><w:alias w:val="机关"/><w:placeholder><w:docPart w:val="x"/></w:placeholder></w:sdtPr><w:sdtContent>` + p("控件段落") + `</w:sdtContent></w:sdt>` +
		`<w:p><w:sdt><w:sdtPr><w:text/></w:sdtPr><w:sdtContent><w:r><w:t>控件文字</w:t></w:r></w:sdtContent></w:sdt><w:hyperlink w:history="1"><w:r><w:t>链接</w:t></w:r></w:hyperlink><w:smartTag><w:r><w:t>标记</w:t></w:r></w:smartTag></w:p>` +
		`<w:customXml><w:p><w:r><w:t>自定义</w:t></w:r></w:p></w:customXml>` +
		`<w:p><w:r><w:t>占位：</w:t></w:r><w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r><w:t>单击或点击此处输入文字。</w:t></w:r></w:sdtContent></w:sdt></w:p>` +
		`<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>单击此处输入</w:t></w:r></w:p></w:sdtContent></w:sdt>` +
		`<w:del><w:p><w:r><w:delText>整段删除</w:delText></w:r></w:p></w:del>`
	check(t, "changes", read(t, body, ""),
		"P0 收到申请移来\nP0 前半后半\nP0 第3页9\nP0 控件段落\nP0 控件文字链接标记\nP0 自定义\nP0 占位：\n")
}

func TestTextBoxes(t *testing.T) {
	// Word writes a text box twice: DrawingML in mc:Choice and VML in
	// mc:Fallback. It must be read once.
	box := `<w:txbxContent><w:p><w:r><w:t>框内文字</w:t></w:r></w:p></w:txbxContent>`
	body := `<w:p><w:r><w:t>锚点</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx>` + box +
		`</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>` + box +
		`</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>` +
		`<w:p><w:r><w:pict><v:shape><v:textbox>` + `<w:txbxContent><w:p><w:r><w:t>仅VML</w:t></w:r></w:p></w:txbxContent>` + `</v:textbox></v:shape></w:pict></w:r></w:p>`
	check(t, "text boxes", read(t, body, ""), "P0 锚点\nP0 框内文字\nP0 仅VML\n")
}

func TestTables(t *testing.T) {
	// Row 1: a cell over two grid columns and one restarting a vertical
	// merge; row 2 and 3 continue it the Word way (no value) and the WPS way
	// ("continue"). A deleted row is dropped; a line break stays in a cell.
	tbl := `<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>` +
		`<w:tr>` + tc(`<w:gridSpan w:val="2"/>`, p("申请人")) + tc(`<w:vMerge w:val="restart"/>`, p("总计")) + `</w:tr>` +
		`<w:tr>` + tc(``, p("自然人")) + tc(``, `<w:p><w:r><w:t>法人</w:t><w:br/><w:t>组织</w:t></w:r></w:p><w:p><w:r><w:t>其他</w:t></w:r></w:p><w:p/>`) + tc(`<w:vMerge/>`, `<w:p/>`) + `</w:tr>` +
		`<w:tr><w:trPr><w:del w:id="3"/></w:trPr>` + tc(``, p("删除行")) + tc(``, p("x")) + tc(``, p("y")) + `</w:tr>` +
		`<w:tr>` + tc(``, p("1")) + tc(``, p("2")) + tc(`<w:vMerge w:val="continue"/>`, `<w:p/>`) + `</w:tr>` +
		`<w:tr>` + tc(``, p("3")) + tc(``, `<w:sdt><w:sdtContent>`+p("4")+`</w:sdtContent></w:sdt>`) + tc(``, `<w:p><w:ins><w:r><w:t>5</w:t></w:r></w:ins><w:del><w:r><w:delText>6</w:delText></w:r></w:del></w:p>`) + `</w:tr>` +
		`</w:tbl>`
	check(t, "table", read(t, p("表前")+tbl+p("表后"), ""),
		"P0 表前\nT1\n  1,1 cs2 申请人\n  1,3 rs3 总计\n  2,1 自然人\n  2,2 法人\n组织\n其他\n  3,1 1\n  3,2 2\n  4,1 3\n  4,2 4\n  4,3 5\nP0 表后\n")
}

// TestPlaceholderCells: content controls of a fill-in form that still show
// their placeholder are empty cells, not text.
func TestPlaceholderCells(t *testing.T) {
	ph := func(inner string) string {
		return `<w:sdt><w:sdtPr><w:showingPlcHdr/><w:text/></w:sdtPr><w:sdtContent>` + inner + `</w:sdtContent></w:sdt>`
	}
	tbl := `<w:tbl><w:tr>` + tc(``, p("自然人")) + ph(tc(``, p("单击或点击此处输入文字。"))) + `</w:tr>` +
		`<w:tr>` + tc(``, p("法人")) + tc(``, `<w:p>`+ph(`<w:r><w:t>输入数字</w:t></w:r>`)+`</w:p>`) + `</w:tr>` +
		`<w:tr>` + tc(``, p("其他")) + tc(``, `<w:sdt><w:sdtPr><w:showingPlcHdr w:val="0"/></w:sdtPr><w:sdtContent>`+p("5")+`</w:sdtContent></w:sdt>`) + `</w:tr></w:tbl>`
	check(t, "placeholders", read(t, tbl, ""), "T1\n  1,1 自然人\n  1,2 \n  2,1 法人\n  2,2 \n  3,1 其他\n  3,2 5\n")
}

func TestLogicalColumns(t *testing.T) {
	// LibreOffice's HTML import: six grid columns, every cell spanning
	// two or three of them; the logical table has three columns.
	tbl := `<w:tbl><w:tblGrid>` + strings.Repeat(`<w:gridCol/>`, 6) + `</w:tblGrid>` +
		`<w:tr>` + tc(`<w:gridSpan w:val="2"/>`, p("a")) + tc(`<w:gridSpan w:val="4"/>`, p("b")) + `</w:tr>` +
		`<w:tr>` + tc(`<w:gridSpan w:val="2"/>`, p("c")) + tc(`<w:gridSpan w:val="2"/>`, p("d")) + tc(`<w:gridSpan w:val="2"/>`, p("e")) + `</w:tr>` +
		`<w:tr><w:trPr><w:gridBefore w:val="2"/></w:trPr>` + tc(`<w:gridSpan w:val="4"/>`, p("f")) + `</w:tr>` +
		`</w:tbl>`
	check(t, "logical", read(t, tbl, ""), "T1\n  1,1 a\n  1,2 cs2 b\n  2,1 c\n  2,2 d\n  2,3 e\n  3,2 cs2 f\n")
	// Legacy horizontal merge widens the cell before.
	tbl = `<w:tbl><w:tr>` + tc(`<w:hMerge w:val="restart"/>`, p("横")) + tc(`<w:hMerge/>`, `<w:p/>`) + tc(``, p("z")) + `</w:tr>` +
		`<w:tr>` + tc(``, p("1")) + tc(``, p("2")) + tc(``, p("3")) + `</w:tr></w:tbl>`
	check(t, "hMerge", read(t, tbl, ""), "T1\n  1,1 cs2 横\n  1,3 z\n  2,1 1\n  2,2 2\n  2,3 3\n")
	// A vertical continuation that does not line up with the cell above is a
	// cell of its own, and one in the first row has nothing to continue.
	tbl = `<w:tbl><w:tr>` + tc(`<w:vMerge/>`, p("首")) + tc(`<w:gridSpan w:val="2"/>`, p("宽")) + `</w:tr>` +
		`<w:tr>` + tc(``, p("1")) + tc(`<w:vMerge/>`, p("窄")) + tc(``, p("3")) + `</w:tr></w:tbl>`
	check(t, "stray vMerge", read(t, tbl, ""), "T1\n  1,1 首\n  1,2 cs2 宽\n  2,1 1\n  2,2 窄\n  2,3 3\n")
}

func TestNestedTables(t *testing.T) {
	inner := `<w:tbl><w:tr>` + tc(``, p("内1")) + tc(``, p("内2")) + `</w:tr></w:tbl>`
	// A table with a nested table in a cell: the nested table follows.
	outer := `<w:tbl><w:tr>` + tc(``, p("外1")) + tc(``, p("含表")+inner+`<w:p/>`) + `</w:tr><w:tr>` + tc(``, p("外2")) + tc(``, p("x")) + `</w:tr></w:tbl>`
	check(t, "nested", read(t, outer+p("后"), ""), "T1\n  1,1 外1\n  1,2 含表\n  2,1 外2\n  2,2 x\nT2\n  1,1 内1\n  1,2 内2\nP0 后\n")
	// A one-column frame around the whole report is replaced by its content.
	frame := `<w:tbl><w:tr>` + tc(``, p("二、主动公开")+inner) + `</w:tr><w:tr>` + tc(``, p("三、申请")+inner) + `</w:tr></w:tbl>`
	check(t, "frame", read(t, frame, ""), "P0 二、主动公开\nT1\n  1,1 内1\n  1,2 内2\nP0 三、申请\nT2\n  1,1 内1\n  1,2 内2\n")
	// A single-cell table is a framed paragraph.
	check(t, "single", read(t, `<w:tbl><w:tr>`+tc(``, p("框"))+`</w:tr></w:tbl>`, ""), "P0 框\n")
	// Nesting deeper than maxTableDepth is refused.
	deep := strings.Repeat(`<w:tbl><w:tr><w:tc>`, maxTableDepth+1) + `<w:p/>` + strings.Repeat(`</w:tc></w:tr></w:tbl>`, maxTableDepth+1)
	_, err := Document(docxOf(t, deep, ""), input.Options{Name: "deep.docx"})
	if err == nil || !strings.Contains(err.Error(), "表格嵌套") {
		t.Errorf("deep tables: %v", err)
	}
}

func TestStrictAndTitle(t *testing.T) {
	doc := `<w:document xmlns:w="` + nsWStrict + `"><w:body><w:p><w:r><w:t>严格格式</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl></w:body></w:document>`
	core := `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="` + nsDC + `"><dc:title> 某某局2023年政府信息公开工作年度报告 </dc:title></cp:coreProperties>`
	rels := strings.ReplaceAll(pkgRels, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument", "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument")
	rels = strings.ReplaceAll(rels, `Target="word/document.xml"`, `Target="/word/document.xml"`)
	d, err := Document(pkgOf(t, "_rels/.rels", rels, "word/document.xml", doc, "docProps/core.xml", core), input.Options{Name: "s.docx"})
	if err != nil {
		t.Fatal(err)
	}
	check(t, "strict", dump(d), "P0 严格格式\nT1\n  1,1 a\n  1,2 \n")
	if d.TitleHint != "某某局2023年政府信息公开工作年度报告" {
		t.Errorf("title hint %q", d.TitleHint)
	}
	// The relationships name the main part, whatever it is called.
	rels2 := strings.ReplaceAll(rels, `/word/document.xml`, `/word/document2.xml`)
	d, err = Document(pkgOf(t, "_rels/.rels", rels2, "word/document2.xml", doc), input.Options{Name: "s.docx"})
	if err != nil || len(d.Blocks) != 2 {
		t.Errorf("document2.xml: %v %+v", err, d)
	}
	// Without relationships the usual part names are used.
	d, err = Document(pkgOf(t, "word/document.xml", doc), input.Options{Name: "s.docx"})
	if err != nil || len(d.Blocks) != 2 || d.TitleHint != "" {
		t.Errorf("no rels: %v %+v", err, d)
	}
}

func TestSniff(t *testing.T) {
	for name, tt := range map[string]struct {
		b    []byte
		want bool
	}{
		"docx":      {docxOf(t, p("x"), ""), true},
		"late part": {pkgOf(t, "a.bin", strings.Repeat("x", 10000), "word/document.xml", "<w:document/>"), true},
		"document2": {pkgOf(t, "word/document2.xml", "<w:document/>"), true},
		"glossary":  {pkgOf(t, "word/glossary/document.xml", "<w:document/>"), false},
		"xlsx":      {pkgOf(t, "xl/workbook.xml", "<workbook/>"), false},
		"text":      {[]byte("word/document.xml"), false},
		"broken":    {[]byte("PK\x03\x04word/document.xml"), false},
		"too many":  {manyEntries(t, MaxEntries+1), true},
		"empty":     {nil, false},
	} {
		if got := Sniff(tt.b); got != tt.want {
			t.Errorf("%s: Sniff = %v", name, got)
		}
	}
}

// TestFindings: what the text cannot show is said in findings — revisions
// accepted, hidden text left out, an Excel worksheet embedded as an object.
func TestFindings(t *testing.T) {
	body := `<w:p><w:ins><w:r><w:t>新</w:t></w:r></w:ins><w:del><w:r><w:delText>旧</w:delText></w:r></w:del>` +
		`<w:r><w:rPr><w:vanish/></w:rPr><w:t>藏</w:t></w:r>` +
		`<w:r><w:object xmlns:o="urn:schemas-microsoft-com:office:office"><v:shape/><o:OLEObject Type="Embed" ProgID="Excel.Sheet.12" r:id="rId9" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></w:object></w:r></w:p>`
	doc, err := Document(docxOf(t, body, ""), input.Options{Name: "f.docx"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range doc.Findings {
		got[f.ID] = string(f.Status) + " " + f.Message
	}
	for id, want := range map[string]string{
		FindingRevisions: "info 文档中有 2 处修订",
		FindingHidden:    "info 文档中有 1 段隐藏文字",
		FindingObject:    "warning 文档中嵌入了 1 个 Excel 表格对象",
	} {
		if !strings.HasPrefix(got[id], want) {
			t.Errorf("%s = %q, want %q…", id, got[id], want)
		}
	}
	// A plain document has none.
	if doc, err := Document(docxOf(t, p("正文"), ""), input.Options{Name: "f.docx"}); err != nil || len(doc.Findings) != 0 {
		t.Errorf("findings %v, %v", doc.Findings, err)
	}
}
