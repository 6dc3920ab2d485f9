package docxread

import (
	"strings"
	"testing"

	"github.com/govreport/govreport/convert/input"
)

func TestFormatNumber(t *testing.T) {
	for _, tt := range []struct {
		v      int
		format string
		want   string
	}{
		{1, "chineseCounting", "一"}, {10, "chineseCounting", "十"}, {11, "chineseCounting", "十一"}, {20, "chineseCounting", "二十"},
		{21, "chineseCountingThousand", "二十一"}, {105, "chineseCounting", "一百零五"}, {1010, "chineseCounting", "一千零一十"},
		{0, "chineseCounting", "〇"}, {3, "ideographTraditional", "丙"}, {11, "ideographTraditional", "甲"}, {3, "decimalEnclosedCircle", "③"},
		{21, "decimalEnclosedCircle", "21"}, {2, "decimalEnclosedParen", "⑵"}, {12, "decimalFullWidth", "１２"}, {7, "decimalZero", "07"},
		{28, "upperLetter", "BB"}, {3, "lowerLetter", "c"}, {14, "upperRoman", "XIV"}, {9, "lowerRoman", "ix"}, {5, "decimal", "5"},
		{205, "ideographDigital", "二〇五"}, {4, "unknownFormat", "4"}, {1 << 20, "upperLetter", "1048576"},
	} {
		if got := formatNumber(tt.v, tt.format); got != tt.want {
			t.Errorf("formatNumber(%d, %s) = %q, want %q", tt.v, tt.format, got, tt.want)
		}
	}
}

// TestNumbering: automatic numbers are read in front of the text, as Word
// shows them: style-linked headings (一、 / （一）), a paragraph's own list
// in table cells (1. 2. …), restarts, bullets and removed numbers.
func TestNumbering(t *testing.T) {
	numbering := `<w:numbering xmlns:w="` + nsW + `">` +
		`<w:abstractNum w:abstractNumId="10"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/><w:pStyle w:val="H1"/></w:lvl>` +
		`<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/><w:pStyle w:val="H2"/></w:lvl>` +
		`<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2.%3"/><w:isLgl/></w:lvl></w:abstractNum>` +
		`<w:abstractNum w:abstractNumId="20"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>` +
		`<w:abstractNum w:abstractNumId="30"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="●"/></w:lvl></w:abstractNum>` +
		`<w:num w:numId="1"><w:abstractNumId w:val="10"/></w:num>` +
		`<w:num w:numId="2"><w:abstractNumId w:val="20"/></w:num>` +
		`<w:num w:numId="3"><w:abstractNumId w:val="20"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>` +
		`<w:num w:numId="4"><w:abstractNumId w:val="30"/></w:num></w:numbering>`
	styles := `<w:styles xmlns:w="` + nsW + `"><w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>` +
		`<w:style w:type="paragraph" w:styleId="H2"><w:name w:val="heading 2"/><w:basedOn w:val="H1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style></w:styles>`
	num := func(id, lvl string) string {
		return `<w:pPr><w:numPr><w:ilvl w:val="` + lvl + `"/><w:numId w:val="` + id + `"/></w:numPr></w:pPr>`
	}
	para := func(ppr, text string) string { return `<w:p>` + ppr + `<w:r><w:t>` + text + `</w:t></w:r></w:p>` }
	h1 := `<w:pPr><w:pStyle w:val="H1"/></w:pPr>`
	h2 := `<w:pPr><w:pStyle w:val="H2"/></w:pPr>`
	body := para(h1, "总体情况") + para(h2, "主动公开") + para(h2, "依申请公开") + para(num("1", "2"), "细项") + para(h1, "主动公开政府信息情况") +
		para(h2, "规章") +
		`<w:tbl><w:tr>` + tc(``, para(num("2", "0"), "属于国家秘密")) + tc(``, p("0")) + `</w:tr><w:tr>` + tc(``, para(num("2", "0"), "其他法律行政法规禁止公开")) + tc(``, p("1")) + `</w:tr></w:tbl>` +
		para(num("3", "0"), "重新编号") + para(num("4", "0"), "项目符号") + para(`<w:pPr><w:pStyle w:val="H1"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr>`, "取消编号") +
		para(h1, "收到和处理政府信息公开申请情况")
	doc := `<w:document xmlns:w="` + nsW + `"><w:body>` + body + `</w:body></w:document>`
	rels := `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>` +
		`<Relationship Id="r2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="/word/styles.xml"/></Relationships>`
	d, err := Document(pkgOf(t, "_rels/.rels", pkgRels, "word/document.xml", doc, "word/_rels/document.xml.rels", rels,
		"word/numbering.xml", numbering, "word/styles.xml", styles), input.Options{Name: "n.docx"})
	if err != nil {
		t.Fatal(err)
	}
	check(t, "numbering", dump(d), strings.Join([]string{
		"P1 一、总体情况", "P2 （一）主动公开", "P2 （二）依申请公开", "P0 1.2.1 细项", "P1 二、主动公开政府信息情况", "P2 （一）规章",
		"T1", "  1,1 1.属于国家秘密", "  1,2 0", "  2,1 2.其他法律行政法规禁止公开", "  2,2 1",
		"P0 1.重新编号", "P0 项目符号", "P1 取消编号", "P1 三、收到和处理政府信息公开申请情况", ""}, "\n"))
	// A broken numbering part is named.
	_, err = Document(pkgOf(t, "word/document.xml", doc, "word/numbering.xml", "<w:numbering"), input.Options{Name: "n.docx"})
	if err == nil || !strings.Contains(err.Error(), "word/numbering.xml") {
		t.Errorf("broken numbering: %v", err)
	}
}
