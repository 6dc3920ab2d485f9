package convert

import (
	"bytes"
	"io"
	"strings"
	"time"

	"github.com/govreport/govreport/convert/check"
	"github.com/govreport/govreport/convert/input"
	"github.com/govreport/govreport/convert/jsonfmt"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/oserr"
	"github.com/govreport/govreport/convert/text"
	"github.com/govreport/govreport/fonts"
	"github.com/govreport/govreport/templates"
)

// WriteOptions configure writing; format-specific options live here as
// typed fields, never as a map.
type WriteOptions struct {
	// Time stamps the metadata of formats that carry one (xlsx, docx, PDF).
	// Zero means: SOURCE_DATE_EPOCH if set, else 2000-01-01 UTC, so that the
	// same input always gives the same bytes.
	Time time.Time
	// WithFindings adds the failed checks to document outputs (PDF appendix).
	WithFindings bool
	// KeepScript keeps traditional-script text as written in documents
	// (PDF, Word); by default it is printed in simplified characters.
	KeepScript bool
	// Fonts are the fonts the PDF writer draws and embeds; nil means the
	// shipped fonts (fonts.Default()).
	Fonts *fonts.Set
	// OnFinding, when set, receives the observations a writer makes while
	// writing (for example a character no font can draw). Writers never
	// modify the report.
	OnFinding func(model.Finding)
	// Specs are the table specs the report was read against (--spec-dir);
	// nil means the embedded editions. The JSON and xlsx writers lay a
	// variant's tables out from them.
	Specs *templates.Set
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

// Read reads one report from r, choosing the reader by content, and runs
// the checks.
func Read(r io.Reader, o ReadOptions) (*model.Report, error) { return readSized(r, 512, o) }

// readSized is Read with the expected size of the input (a file's size
// when it was opened): the buffer is allocated once at that size instead
// of growing from 512 bytes, as os.ReadFile does. At most input.MaxSize+1
// bytes are read, whatever the input's real size.
func readSized(r io.Reader, size int64, o ReadOptions) (*model.Report, error) {
	limit := int64(input.MaxSize + 1)
	b := make([]byte, 0, min(max(size, 0)+1, limit))
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // the input grew: let append pick the next size
		}
		n, err := r.Read(b[len(b):min(int64(cap(b)), limit)])
		b = b[:len(b)+n]
		if err == io.EOF || int64(len(b)) >= limit {
			break
		}
		if err != nil {
			return nil, o.Errorf("读取失败（%s）", oserr.Message(err))
		}
	}
	return ReadBytes(b, o)
}

// MaxLines is the most lines a text or HTML input may have. The readers
// keep a record per line; real reports have a few thousand lines, and
// this bound keeps the memory of reading any input under about 150 MB
// for the lines, whatever its shape (two million lines of "|" in 4 MB).
const MaxLines = 2_000_000

// ReadBytes is Read for input already in memory.
func ReadBytes(b []byte, o ReadOptions) (*model.Report, error) {
	if err := input.CheckSize(b, o); err != nil {
		return nil, err
	}
	rd := ReaderFor(b)
	if rd.Name == "text" || rd.Name == "html" {
		if n := bytes.Count(b, []byte{'\n'}); n > MaxLines {
			return nil, o.Errorf("文件有 %d 行，超过 %d 行的上限，不像是一份年度报告（可能是抓取时产生的大量重复行或空行）", n, MaxLines)
		}
	}
	rep, err := rd.Read(b, o)
	if err != nil {
		return nil, err
	}
	applyOverrides(rep, o)
	check.RunWith(rep, check.Options{Specs: o.Specs})
	return rep, nil
}

// applyOverrides puts the agency and year the user supplied (--agency,
// --year, --meta) into a report whose reader did not already, recording
// the source as text.SourceOverride. The report's own year stays among the
// year sources, so the YEAR check still says when the two differ.
func applyOverrides(rep *model.Report, o ReadOptions) {
	m := &rep.Meta
	if a := text.NormalizeAgency(o.Agency); a != "" && m.AgencySource != text.SourceOverride {
		m.Agency, m.AgencySource = a, text.SourceOverride
	}
	if o.Year > 0 && (len(m.YearSources) == 0 || m.YearSources[0].Source != text.SourceOverride) {
		m.YearSources = append([]model.YearSource{{Source: text.SourceOverride, Year: o.Year}}, m.YearSources...)
		m.Year = o.Year
	}
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
