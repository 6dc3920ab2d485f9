package convert

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/govreport/govreport/convert/check"
	"github.com/govreport/govreport/convert/input"
	"github.com/govreport/govreport/convert/jsonfmt"
	"github.com/govreport/govreport/convert/model"
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
func Read(r io.Reader, o ReadOptions) (*model.Report, error) {
	b, err := io.ReadAll(io.LimitReader(r, input.MaxSize+1))
	if err != nil {
		return nil, o.Errorf("读取失败：%v", err)
	}
	return ReadBytes(b, o)
}

// ReadBytes is Read for input already in memory.
func ReadBytes(b []byte, o ReadOptions) (*model.Report, error) {
	if err := input.CheckSize(b, o); err != nil {
		return nil, err
	}
	rep, err := ReaderFor(b).Read(b, o)
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

// ReadFile reads and checks the report in the file at path.
func ReadFile(path string, o ReadOptions) (*model.Report, error) {
	if o.Name == "" {
		o.Name = path
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, &model.ParseError{File: path, Msg: "无法打开：" + osMessage(err)}
	}
	if fi.IsDir() {
		return nil, &model.ParseError{File: path, Msg: "这是一个文件夹，不是文件"}
	}
	if fi.Size() > input.MaxSize {
		return nil, &model.ParseError{File: path, Msg: fmt.Sprintf("文件过大（%d 字节），不像是一份年度报告", fi.Size())}
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, &model.ParseError{File: path, Msg: "无法打开：" + osMessage(err)}
	}
	defer f.Close()
	return Read(f, o)
}

func osMessage(err error) string {
	switch {
	case errors.Is(err, os.ErrNotExist):
		return "文件不存在"
	case errors.Is(err, os.ErrPermission):
		return "没有读取权限"
	}
	return err.Error()
}

// WriteFile writes r in format f to path atomically: into a temporary file
// in the same folder, renamed over path only when complete.
func WriteFile(path string, f Format, r *model.Report, o WriteOptions) error {
	return AtomicWrite(path, func(w io.Writer) error { return f.Write(w, r, o) })
}

// AtomicWrite creates path through a temporary file in the same folder; on
// any error the temporary file is removed and path is left as it was.
func AtomicWrite(path string, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("无法创建输出文件夹 %s：%w", dir, err)
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("无法写入 %s：%w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err = write(tmp); err != nil {
		return fmt.Errorf("写入 %s 失败：%w", path, err)
	}
	if err = tmp.Chmod(0o644); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("写入 %s 失败：%w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("无法生成 %s：%w", path, err)
	}
	return nil
}

// DefaultTime returns the timestamp outputs carry: SOURCE_DATE_EPOCH when
// set (reproducible builds convention), else 2000-01-01 UTC.
func DefaultTime(getenv func(string) string) (time.Time, error) {
	if v := getenv("SOURCE_DATE_EPOCH"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH 应为非负整数秒数，而不是 %q", v)
		}
		return time.Unix(n, 0).UTC(), nil
	}
	return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), nil
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
