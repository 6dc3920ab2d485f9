package convert

// This file is the table of input readers, one entry per input format,
// mirroring formats.go for the writers. ReadBytes, the batch's list of
// extensions, the CLI help texts and the README's list of inputs all derive
// from it. A new input format touches its reader package, one entry here
// and its testdata (see doc.go).

import (
	"strings"

	"github.com/govreport/govreport/convert/docxread"
	"github.com/govreport/govreport/convert/html"
	"github.com/govreport/govreport/convert/input"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/office"
	"github.com/govreport/govreport/convert/pdfread"
	"github.com/govreport/govreport/convert/text"
	"github.com/govreport/govreport/convert/xlsx"
)

// ReadOptions configure reading; every reader takes this one type.
type ReadOptions = input.Options

// Reader is one input format of the registry.
type Reader struct {
	Name string   // short name, e.g. "pdf"
	Exts []string // file extensions with dot, lower case, that batches pick up in folders
	Help string   // one line, Chinese: what the reader takes
	// Sniff tells by content whether b is this reader's format; readers are
	// tried in registry order and the last one (text) takes the rest. The
	// file name is never consulted: a report saved as .txt that is really
	// HTML is read as HTML.
	Sniff func(b []byte) bool
	// Read reads one report from the whole input. It does not run the
	// checks: ReadBytes does.
	Read func(b []byte, o ReadOptions) (*model.Report, error)
}

var readers = []Reader{
	{Name: "pdf", Exts: []string{".pdf"}, Help: "PDF 文件（WPS、Word、LibreOffice、浏览器导出的有文字层的 PDF；扫描件需先 OCR）",
		Sniff: pdfread.Sniff, Read: pdfread.Read},
	{Name: "docx", Exts: []string{".docx", ".docm", ".dotx", ".dotm"}, Help: "Word 文档（Word、WPS、LibreOffice 保存的均可，表格按单元格读取）",
		Sniff: docxread.Sniff, Read: docxread.Read},
	{Name: "doc", Exts: []string{".doc", ".wps", ".rtf"}, Help: "旧版 Word/WPS 文档和 RTF（经本机 LibreOffice 转换后读取）",
		Sniff: office.SniffWord, Read: office.ReadWord},
	{Name: "xlsx", Exts: []string{".xlsx"}, Help: "填好的 Excel 填报模板或按官方表样排版的工作簿",
		Sniff: func(b []byte) bool { return xlsx.Sniff(b) },
		Read:  xlsx.ReadBytes},
	{Name: "html", Exts: []string{".html", ".htm", ".shtml"}, Help: "网页（HTML，表格按单元格读取）",
		Sniff: func(b []byte) bool { return html.Sniff(b[:min(len(b), 4096)]) },
		Read:  html.Read},
	{Name: "text", Exts: []string{".txt", ".md"}, Help: "网页抓取或从 PDF 复制的文本（各种排版、编码、简繁体）",
		Read: text.ReadBytes},
}

// Readers lists the input readers in registry order.
func Readers() []Reader { return append([]Reader(nil), readers...) }

// RegisterReader adds a reader before the text fallback, or replaces the
// one of the same name.
func RegisterReader(r Reader) {
	for i, g := range readers {
		if g.Name == r.Name {
			readers[i] = r
			return
		}
	}
	readers = append(readers[:len(readers)-1:len(readers)-1], r, readers[len(readers)-1])
}

// InputExts is the set of extensions that batches pick up in folders.
func InputExts() map[string]bool {
	m := map[string]bool{}
	for _, r := range readers {
		for _, e := range r.Exts {
			m[e] = true
		}
	}
	return m
}

// InputExtList lists the extensions for help texts: ".txt .md .html …".
func InputExtList() string {
	var out []string
	for _, r := range readers {
		out = append(out, r.Exts...)
	}
	return strings.Join(out, " ")
}

// ReaderFor returns the reader that takes b: the first whose Sniff accepts
// it, else the last (text).
func ReaderFor(b []byte) Reader {
	for _, r := range readers[:len(readers)-1] {
		if r.Sniff != nil && r.Sniff(b) {
			return r
		}
	}
	return readers[len(readers)-1]
}
