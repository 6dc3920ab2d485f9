package serve

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"path"
	"strconv"
	"strings"
	"unicode"

	"github.com/govreport/govreport/convert"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/summary"
	"github.com/govreport/govreport/convert/xlsx"
	"github.com/govreport/govreport/templates"
)

// contentTypes of the downloads, by extension.
var contentTypes = map[string]string{
	".json": "application/json; charset=utf-8",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".pdf":  "application/pdf",
	".csv":  "text/csv; charset=utf-8",
}

func (s *Server) handleDownload(w http.ResponseWriter, r *http.Request) {
	it := s.item(w, r)
	if it == nil {
		return
	}
	f, ok := convert.Lookup(r.PathValue("format"))
	if !ok {
		apiError(w, http.StatusNotFound, fmt.Sprintf("不支持的下载格式 %q（可选：%s）", r.PathValue("format"), convert.FormatNames()))
		return
	}
	if it.Rep == nil {
		apiError(w, http.StatusConflict, "这个文件没有读取成功，无法转换："+it.Err)
		return
	}
	var buf bytes.Buffer
	if err := f.Write(&buf, it.Rep, convert.WriteOptions{Time: s.t, WithFindings: true}); err != nil {
		apiError(w, http.StatusInternalServerError, "生成 "+f.Name+" 失败："+err.Error())
		return
	}
	send(w, reportFileName(it)+f.Ext, "report-"+it.ID+f.Ext, buf.Bytes())
}

// handleSummary writes the 汇总 workbook (汇总.xlsx) or its CSV (汇总.csv)
// of every file of the session, unreadable ones included.
func (s *Server) handleSummary(w http.ResponseWriter, r *http.Request) {
	ext := path.Ext(r.URL.Path)
	ss := s.need(w, r)
	if ss == nil {
		return
	}
	items := ss.snapshot()
	if len(items) == 0 {
		apiError(w, http.StatusNotFound, "还没有上传报告，无法汇总")
		return
	}
	sum, err := summary.New(s.tmp)
	if err != nil {
		apiError(w, http.StatusInternalServerError, err.Error())
		return
	}
	var buf bytes.Buffer
	err = func() error {
		// The spool files are removed before the answer goes out, so
		// nothing is on disk once the client has the file.
		defer sum.Close()
		for _, it := range items {
			rec := summary.Record{File: it.File, Error: it.Err}
			if it.Rep != nil {
				rec = summary.FromReport(it.File, it.Rep)
			}
			if err := sum.Add(rec); err != nil {
				return err
			}
		}
		if ext == ".xlsx" {
			return sum.WriteXLSX(&buf, s.t)
		}
		return sum.WriteCSV(&buf)
	}()
	if err != nil {
		apiError(w, http.StatusInternalServerError, "生成汇总失败："+err.Error())
		return
	}
	send(w, "汇总"+ext, "summary"+ext, buf.Bytes())
}

// handleTemplate writes a blank template: ?edition=2021|2019, optional
// agency and year filled in.
func (s *Server) handleTemplate(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	set := templates.Default()
	ed := model.Edition(strings.TrimSpace(q.Get("edition")))
	if ed == "" {
		ed = set.Newest().Edition
	}
	if !set.Has(ed) {
		apiError(w, http.StatusBadRequest, fmt.Sprintf("不支持的表格格式版本 %q（可选：%s）", q.Get("edition"), xlsx.EditionChoices(set)))
		return
	}
	year := 0
	if y := strings.TrimSpace(q.Get("year")); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 2000 || n > 2100 {
			apiError(w, http.StatusBadRequest, fmt.Sprintf("报告年度 %q 不合理（应为四位数的年份，例如 2025）", y))
			return
		}
		year = n
	}
	agency := strings.TrimSpace(q.Get("agency"))
	if len([]rune(agency)) > 100 {
		apiError(w, http.StatusBadRequest, "机关名称过长（不超过 100 个字）")
		return
	}
	var buf bytes.Buffer
	if err := xlsx.WriteTemplate(&buf, xlsx.TemplateOptions{Edition: ed, Agency: agency, Year: year, Time: s.t}); err != nil {
		apiError(w, http.StatusInternalServerError, "生成模板失败："+err.Error())
		return
	}
	name := "政府信息公开工作年度报告模板（" + string(ed) + "版）"
	if a := safeName(agency); a != "" {
		name = a + name
	}
	if year > 0 {
		name = strconv.Itoa(year) + "年" + name
	}
	send(w, name+".xlsx", "template-"+string(ed)+".xlsx", buf.Bytes())
}

// send writes b as an attachment named name (RFC 6266 / RFC 5987: an ASCII
// fallback and the UTF-8 name).
func send(w http.ResponseWriter, name, ascii string, b []byte) {
	ct := contentTypes[path.Ext(name)]
	if ct == "" {
		ct = "application/octet-stream"
	}
	h := w.Header()
	h.Set("Content-Type", ct)
	h.Set("Content-Length", strconv.Itoa(len(b)))
	h.Set("Content-Disposition", contentDisposition(name, ascii))
	w.WriteHeader(http.StatusOK)
	io.Copy(w, bytes.NewReader(b))
}

func contentDisposition(name, ascii string) string {
	return `attachment; filename="` + ascii + `"; filename*=UTF-8''` + extValue(name)
}

// extValue percent-encodes s as an RFC 5987 ext-value: every byte that is
// not an attr-char is escaped.
func extValue(s string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$&+-.^_`|~", c) >= 0 {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hex[c>>4])
		b.WriteByte(hex[c&15])
	}
	return b.String()
}

// reportFileName is the download name of a report without extension:
// {year}年{agency}政府信息公开工作年度报告, or the uploaded file's base name.
func reportFileName(it *item) string {
	m := it.Rep.Meta
	if a := safeName(m.Agency); a != "" {
		return safeName(model.DefaultTitle(m.Year, a))
	}
	base := path.Base(it.File)
	if n := safeName(strings.TrimSuffix(base, path.Ext(base))); n != "" {
		return n
	}
	return "报告" + it.ID
}

// safeName keeps a name usable as a file name on Windows, macOS and Linux:
// no path separators, reserved characters or control characters, no leading
// dots, at most 80 characters.
func safeName(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case strings.ContainsRune(`/\:*?"<>|`, r):
			return '_'
		case unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r):
			return -1
		}
		return r
	}, s)
	s = strings.TrimLeft(strings.TrimSpace(s), ".")
	if r := []rune(s); len(r) > 80 {
		s = string(r[:80])
	}
	return strings.TrimSpace(s)
}
