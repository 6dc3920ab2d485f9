package convert

import (
	"bytes"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/govreport/govreport/convert/check"
	"github.com/govreport/govreport/convert/html"
	"github.com/govreport/govreport/convert/jsonfmt"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/oserr"
	"github.com/govreport/govreport/convert/text"
	"github.com/govreport/govreport/convert/xlsx"
	"github.com/govreport/govreport/fonts"
)

// ReadOptions configure reading.
type ReadOptions struct {
	// Name is the name used for the input in the model and in messages;
	// ReadFile sets it to the path when empty.
	Name string
}

// WriteOptions configure writing; format-specific options live here as
// typed fields, never as a map.
type WriteOptions struct {
	// Time stamps the metadata of formats that carry one (xlsx, docx, PDF).
	// Zero means: SOURCE_DATE_EPOCH if set, else 2000-01-01 UTC, so that the
	// same input always gives the same bytes.
	Time time.Time
	// WithFindings adds the failed checks to document outputs (PDF appendix).
	WithFindings bool
	// Fonts are the fonts the PDF writer draws and embeds; nil means the
	// shipped fonts (fonts.Default()).
	Fonts *fonts.Set
	// OnFinding, when set, receives the observations a writer makes while
	// writing (for example a character no font can draw). Writers never
	// modify the report.
	OnFinding func(model.Finding)
}

// Format is one output format of the registry.
type Format struct {
	Name  string // flag value, e.g. "json"
	Ext   string // file extension with dot
	Help  string // one line, Chinese
	Write func(w io.Writer, r *model.Report, o WriteOptions) error
}

var formats = []Format{
	{Name: "json", Ext: ".json", Help: "JSON：元数据、六部分正文、每个单元格（原文与数值）和检查结果，供其他程序读取",
		Write: func(w io.Writer, r *model.Report, _ WriteOptions) error { return jsonfmt.Write(w, r) }},
}

// Register adds a writer to the registry (used by format packages' wiring).
func Register(f Format) {
	for i, g := range formats {
		if g.Name == f.Name {
			formats[i] = f
			return
		}
	}
	formats = append(formats, f)
}

// Formats lists the output formats in registry order.
func Formats() []Format { return append([]Format(nil), formats...) }

// Lookup finds an output format by name.
func Lookup(name string) (Format, bool) {
	for _, f := range formats {
		if f.Name == strings.ToLower(strings.TrimSpace(name)) {
			return f, true
		}
	}
	return Format{}, false
}

// FormatNames lists the format names, comma-separated, for help texts.
func FormatNames() string {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = f.Name
	}
	return strings.Join(names, ", ")
}

// Input kinds detected by content.
const (
	KindText = "text"
	KindHTML = "html"
	KindXLSX = "xlsx"
	KindXLS  = "xls"
	KindPDF  = "pdf"
	KindZip  = "zip"
	KindDOCX = "docx"
)

// Sniff tells what an input is from its first bytes (and its name as a hint).
func Sniff(name string, head []byte) string {
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		switch {
		case bytes.Contains(head, []byte("xl/")) || strings.EqualFold(filepath.Ext(name), ".xlsx"):
			return KindXLSX
		case bytes.Contains(head, []byte("word/")) || strings.EqualFold(filepath.Ext(name), ".docx"):
			return KindDOCX
		}
		return KindZip
	case bytes.HasPrefix(head, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}):
		return KindXLS
	case bytes.HasPrefix(head, []byte("%PDF")):
		return KindPDF
	}
	return KindText
}

// Read reads one report from r, detecting its kind by content, and runs the checks.
func Read(r io.Reader, o ReadOptions) (*model.Report, error) {
	b, err := io.ReadAll(io.LimitReader(r, text.MaxSize+1))
	if err != nil {
		return nil, &model.ParseError{File: o.Name, Msg: "读取失败（" + oserr.Message(err) + "）"}
	}
	return ReadBytes(b, o)
}

// ReadBytes is Read for input already in memory.
func ReadBytes(b []byte, o ReadOptions) (*model.Report, error) {
	var rep *model.Report
	var err error
	switch kind := Sniff(o.Name, b[:min(len(b), 4096)]); kind {
	case KindPDF:
		return nil, &model.ParseError{File: o.Name, Msg: "暂不支持直接读取 PDF；请先用 pdftotext -layout 转成文本再读取"}
	case KindXLSX, KindXLS, KindZip:
		// Workbooks, zips whose first entries do not show what they are,
		// and OLE files (legacy .xls, encrypted .xlsx): the xlsx reader
		// tells them apart and explains.
		rep, err = xlsx.ReadBytes(b, xlsx.ReadOptions{Name: o.Name})
	case KindDOCX:
		return nil, &model.ParseError{File: o.Name, Msg: "暂不支持读取此类压缩文档（" + kind + "）"}
	default:
		if html.Sniff(b[:min(len(b), 4096)]) {
			rep, err = html.Read(bytes.NewReader(b), text.Options{Name: o.Name})
		} else {
			rep, err = text.ReadBytes(b, text.Options{Name: o.Name})
		}
	}
	if err != nil {
		return nil, err
	}
	check.Run(rep)
	return rep, nil
}

// Failed returns the findings of r with status fail, in report order.
func Failed(r *model.Report) []model.Finding {
	var out []model.Finding
	for _, f := range r.Findings {
		if f.Status == model.Fail {
			out = append(out, f)
		}
	}
	return out
}
