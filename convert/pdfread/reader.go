package pdfread

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/govreport/govreport/convert/grid"
	"github.com/govreport/govreport/convert/input"
	"github.com/govreport/govreport/convert/model"
	pdfcpuread "github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
)

// Layout is the model's Meta.Layout for PDF input.
const Layout = "pdf"

// Finding IDs of the PDF reader.
const (
	// FindingUnmapped: some glyphs have no Unicode mapping and were left out.
	FindingUnmapped = "READ-PDF-UNMAPPED"
	// FindingTruncated: the file is cut short; what precedes the cut was read.
	FindingTruncated = "READ-PDF-TRUNCATED"
	// FindingOffPage: a table runs off the page; its columns beside the
	// page may be missing from the file or unplaceable.
	FindingOffPage = "READ-PDF-OFFPAGE"
)

// Sniff reports whether b is a PDF: "%PDF-" in the first 1024 bytes (some
// writers put junk before the header, which readers accept).
func Sniff(b []byte) bool {
	return bytes.Contains(b[:min(len(b), 1024)], []byte("%PDF-"))
}

// errNoText is the refusal for a PDF without a usable text layer.
const errNoText = "PDF 没有可用的文字层（可能是扫描件或字体缺少 ToUnicode），需要 OCR"

// Read reads a PDF report: Document, then the shared grid → model step.
// Glyphs without a Unicode mapping are reported as a finding.
func Read(b []byte, o input.Options) (*model.Report, error) {
	doc, st, err := document(b, o)
	if err != nil {
		return nil, err
	}
	rep, err := grid.Read(doc, o)
	if err != nil {
		return nil, err
	}
	if st.truncated {
		rep.AddFinding(model.Finding{ID: FindingTruncated, Status: model.Warning,
			Message: "PDF 文件不完整（可能未下载完整），只读取了截断处之前的内容；缺少的页面和表格请用完整文件重新读取"})
	}
	if len(st.offPagePages) > 0 {
		rep.AddFinding(model.Finding{ID: FindingOffPage, Status: model.Warning,
			Message: fmt.Sprintf("第 %s 页的表格超出页面边缘，页面以外的列可能缺失，其文字也没有表格线、未能读入单元格；这些表格的数字请对照原文件核对", pageList(st.offPagePages))})
	}
	if st.unmapped > 0 {
		rep.AddFinding(model.Finding{ID: FindingUnmapped, Status: model.Warning,
			Message: fmt.Sprintf("PDF 中有 %d 个字符没有 Unicode 映射（字体缺少 ToUnicode），已略去，涉及第 %s 页；这些位置的文字和数字请对照原件核对", st.unmapped, pageList(st.unmappedPages))})
	}
	return rep, nil
}

// Document reads a PDF into blocks in reading order: paragraphs and the
// lattice tables with every cell's page and position.
func Document(b []byte, o input.Options) (*grid.Document, error) {
	doc, _, err := document(b, o)
	return doc, err
}

type stats struct {
	offPagePages  []int // pages with a table running off the page
	truncated     bool  // read from the part before a truncation
	unmapped      int
	unmappedPages []int
}

func pageList(p []int) string {
	var s []string
	for i, n := range p {
		if i == 10 {
			s = append(s, "…")
			break
		}
		s = append(s, fmt.Sprint(n))
	}
	return strings.Join(s, "、")
}

func document(b []byte, o input.Options) (doc *grid.Document, st stats, err error) {
	if err := input.CheckSize(b, o); err != nil {
		return nil, st, err
	}
	if !Sniff(b) {
		return nil, st, o.Errorf("不是 PDF 文件（缺少 %%PDF- 文件头）")
	}
	// pdfcpu is a large parser of hostile input: a panic inside it must
	// become a read error naming the file, never a crash.
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, o.Errorf("PDF 文件已损坏，无法解析%s", shortPanic(r))
		}
	}()
	f, err := open(b)
	if err != nil && !isPasswordErr(err) {
		// A truncated download: cut at the last complete object and let
		// pdfcpu rebuild the cross-reference table by scanning.
		if i := bytes.LastIndex(b, []byte("endobj")); i > 0 {
			cut := append(b[:i+6:i+6], '\n')
			if f2, err2 := open(cut); err2 == nil {
				f, err = f2, nil
				st.truncated = true
			}
		}
	}
	if err != nil {
		return nil, st, openError(err, o)
	}
	pages, err := f.pages()
	if err != nil {
		return nil, st, limitError(err, o, 0)
	}
	if len(pages) == 0 {
		return nil, st, o.Errorf("PDF 中没有页面")
	}
	pagesLines := make([][]tline, len(pages))
	pagesTables := make([][]*ltable, len(pages))
	heights := make([]float64, len(pages))
	glyphs := 0
	for i, p := range pages {
		pc, err := f.runPage(p, i+1)
		if err != nil {
			return nil, st, limitError(err, o, i+1)
		}
		if pc.unmapped > 0 {
			st.unmapped += pc.unmapped
			st.unmappedPages = append(st.unmappedPages, i+1)
		}
		glyphs += len(pc.glyphs)
		tables, rest := findTables(pc, i+1)
		if offPage(tables, rest, p.box[2]-p.box[0]) {
			st.offPagePages = append(st.offPagePages, i+1)
		}
		kept := tables[:0]
		for _, t := range tables {
			empty := true
			for _, c := range t.cells {
				c.text = cellText(c.glyphs)
				c.glyphs = nil
				empty = empty && c.text == ""
			}
			t.owner = nil
			// A grid without any text (a frame, a chart's grid lines)
			// says nothing; as a table it would read as rows of blanks.
			if !empty {
				kept = append(kept, t)
			}
		}
		tables = kept
		lines, stream := streamTables(makeLines(rest, i+1), i+1)
		pagesTables[i] = append(tables, stream...)
		pagesLines[i] = lines
		heights[i] = p.box[3] - p.box[1]
	}
	// No text, or hardly any next to the glyphs without a mapping (a few
	// digits from a font that has a ToUnicode among many that have none):
	// nothing to read a report from.
	if glyphs == 0 || glyphs*20 < st.unmapped {
		return nil, st, o.Errorf(errNoText)
	}
	pagesLines = dropHeadersFooters(pagesLines, heights)
	dropMarginsBetweenTables(pagesLines, pagesTables, heights)
	blocks, tabs := assemble(pagesLines, pagesTables)
	n := 0
	for i := range blocks {
		if t, ok := tabs[i]; ok {
			n++
			blocks[i].Table = toGrid(t, n)
			blocks[i].Pos.Table = n
		}
	}
	doc = &grid.Document{Blocks: blocks, Layout: Layout, TitleHint: f.title()}
	return doc, st, nil
}

func shortPanic(r any) string {
	return damage(fmt.Sprint(r))
}

// openError turns a pdfcpu open failure into the user's message.
func openError(err error, o input.Options) error {
	msg := err.Error()
	switch {
	case isPasswordErr(err):
		return o.Errorf("PDF 已加密，需要密码才能打开；请提供未加密的文件（或先用 PDF 工具输入密码解除加密）")
	case strings.Contains(msg, "encrypt") || strings.Contains(msg, "Encrypt") || strings.Contains(msg, "crypt"):
		return o.Errorf("PDF 使用了不支持的加密方式，无法读取")
	}
	var le *errLimit
	if errors.As(err, &le) {
		return o.Errorf("%s", le.msg)
	}
	if strings.Contains(msg, "limit") || strings.Contains(msg, "exceed") {
		return o.Errorf("PDF 超出读取上限，疑似恶意或损坏的文件")
	}
	return o.Errorf("PDF 文件不完整或已损坏（可能未下载完整），无法解析%s", damage(msg))
}

// damage says in Chinese what pdfcpu found wrong (its messages are
// English and technical, so they are not shown as such).
func damage(msg string) string {
	m := strings.ToLower(msg)
	switch {
	case strings.Contains(m, "header"):
		return "：缺少 %PDF 文件头"
	case strings.Contains(m, "root"):
		return "：找不到文档目录"
	case strings.Contains(m, "eof"):
		return "：文件在中途截断"
	case strings.Contains(m, "xref"):
		return "：交叉引用表损坏"
	case strings.Contains(m, "depth") || strings.Contains(m, "recursion"):
		return "：对象嵌套过深"
	case strings.Contains(m, "stream"):
		return "：数据流损坏"
	}
	return ""
}

func isPasswordErr(err error) bool {
	msg := err.Error()
	return errors.Is(err, pdfcpuread.ErrWrongPassword) || strings.Contains(msg, "password") || strings.Contains(msg, "Password")
}

func limitError(err error, o input.Options, page int) error {
	var le *errLimit
	msg := err.Error()
	if errors.As(err, &le) {
		msg = le.msg
	}
	if page > 0 {
		return &model.ParseError{File: o.Name, Ref: fmt.Sprintf("第%d页", page), Msg: msg}
	}
	return o.Errorf("%s", msg)
}

// offPage tells whether a table is cut by the page edge with text beside
// the page in its rows (LibreOffice lays a wide web table out that way).
func offPage(tables []*ltable, rest []glyph, width float64) bool {
	for _, t := range tables {
		if t.cut {
			return true
		}
		if t.x0 > 1 && t.x1 < width-1 {
			continue
		}
		for _, g := range rest {
			if cy := g.cy(); cy > t.y0 && cy < t.y1 && (g.cx() < 0 || g.cx() > width) {
				return true
			}
		}
	}
	return false
}
