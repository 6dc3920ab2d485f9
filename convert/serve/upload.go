package serve

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"path"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/govreport/govreport/convert"
	"github.com/govreport/govreport/convert/internal/zipsafe"
	"github.com/govreport/govreport/convert/model"
)

// limitError is a request-level limit: the whole request is refused with 413.
type limitError struct{ msg string }

func (e *limitError) Error() string { return e.msg }

// size writes a limit for people: "64 MiB", "32 KiB".
func size(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	if n >= 1<<10 && n%(1<<10) == 0 {
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d 字节", n)
}

// handleUpload reads the multipart field "file" (repeatable): every file is
// read and checked, zips of reports are expanded. A request either adds all
// its files to the session or, when it breaks a limit, none.
func (s *Server) handleUpload(w http.ResponseWriter, r *http.Request) {
	if r.ContentLength > s.lim.MaxBody {
		apiError(w, http.StatusRequestEntityTooLarge, s.bodyMessage())
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.lim.MaxBody)
	mr, err := r.MultipartReader()
	if err != nil {
		apiError(w, http.StatusBadRequest, "请用 multipart/form-data 上传，文件放在字段 file 中（可重复）")
		return
	}
	// A stale cookie gets a fresh session: its reports are gone either way.
	ss, _ := s.lookup(r)
	items, err := s.readParts(mr)
	if err != nil {
		var le *limitError
		var mbe *http.MaxBytesError
		switch {
		case errors.As(err, &mbe):
			apiError(w, http.StatusRequestEntityTooLarge, s.bodyMessage())
		case errors.As(err, &le):
			apiError(w, http.StatusRequestEntityTooLarge, le.msg)
		default:
			apiError(w, http.StatusBadRequest, "上传内容不完整或格式错误（"+err.Error()+"）")
		}
		return
	}
	if len(items) == 0 {
		apiError(w, http.StatusBadRequest, "没有收到文件：请在字段 file 中上传至少一个文件")
		return
	}
	if ss == nil {
		var ok bool
		if ss, ok = s.create(w); !ok {
			apiError(w, http.StatusServiceUnavailable, "服务器正在关闭")
			return
		}
	}
	if !ss.add(items, s.lim.MaxReports) {
		apiError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("本次会话已有 %d 个文件，加上这次的 %d 个超过上限 %d；请先清空或删除部分报告", ss.count(), len(items), s.lim.MaxReports))
		return
	}
	out := make([]itemSummary, len(items))
	for i, it := range items {
		out[i] = summarize(it)
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": out, "total": ss.count()})
}

func (s *Server) bodyMessage() string {
	return fmt.Sprintf("上传内容过大：一次最多 %s；请分批上传", size(s.lim.MaxBody))
}

// readParts reads every "file" part and turns it into items.
func (s *Server) readParts(mr *multipart.Reader) ([]*item, error) {
	var items []*item
	files := 0
	count := func(n int) error {
		files += n
		if files > s.lim.MaxFiles {
			return &limitError{fmt.Sprintf("一次最多上传 %d 个文件（压缩包中的文件逐个计数）；请分批上传", s.lim.MaxFiles)}
		}
		return nil
	}
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return items, nil
		}
		if err != nil {
			return nil, err
		}
		if p.FormName() != "file" {
			if _, err := io.Copy(io.Discard, p); err != nil {
				return nil, err
			}
			continue
		}
		name := cleanName(p.FileName())
		data, err := readAtMost(p, s.lim.MaxFile)
		if err != nil && !errors.Is(err, errFileTooLarge) {
			return nil, err
		}
		if errors.Is(err, errFileTooLarge) {
			if err := count(1); err != nil {
				return nil, err
			}
			items = append(items, failedItem(name, fmt.Sprintf("%s：文件过大（超过 %s），不像是一份年度报告", name, size(s.lim.MaxFile))))
			continue
		}
		if isReportZip(data) {
			got, err := s.expandZip(name, data, count)
			if err != nil {
				return nil, err
			}
			items = append(items, got...)
			continue
		}
		if err := count(1); err != nil {
			return nil, err
		}
		items = append(items, s.read(name, data))
	}
}

var errFileTooLarge = errors.New("file too large")

// readAtMost reads r up to limit bytes; a longer input is drained (the body
// limit still bounds it) and gives errFileTooLarge.
func readAtMost(r io.Reader, limit int64) ([]byte, error) {
	var buf bytes.Buffer
	n, err := buf.ReadFrom(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if n > limit {
		if _, err := io.Copy(io.Discard, r); err != nil {
			return nil, err
		}
		return nil, errFileTooLarge
	}
	return buf.Bytes(), nil
}

// isReportZip tells a zip of reports from a zip-based document, which goes
// to the readers whole: OOXML (xlsx, docx) has [Content_Types].xml,
// OpenDocument (ods, odt) a "mimetype" entry.
func isReportZip(b []byte) bool {
	if !bytes.HasPrefix(b, []byte("PK\x03\x04")) && !bytes.HasPrefix(b, []byte("PK\x05\x06")) {
		return false
	}
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return false // damaged: the readers explain
	}
	for _, f := range zr.File {
		if f.Name == "[Content_Types].xml" || f.Name == "mimetype" {
			return false
		}
	}
	return true
}

// expandZip reads every file of a zip of reports. Problems of the zip as a
// whole (damage, a bomb) become one failed item naming it; too many files
// is a request-level limit.
func (s *Server) expandZip(name string, data []byte, count func(int) error) ([]*item, error) {
	zr, err := zipsafe.Open(data, s.lim.MaxFiles, uint64(s.lim.MaxFile), uint64(s.lim.MaxZipUnzipped))
	if err != nil {
		if errors.Is(err, zipsafe.ErrTooManyEntries) {
			return nil, &limitError{fmt.Sprintf("%s：%s（一次最多 %d 个文件）", name, err, s.lim.MaxFiles)}
		}
		return []*item{failedItem(name, name+"："+err.Error())}, count(1)
	}
	var items []*item
	var total int64
	for _, f := range zr.File {
		inner := entryName(f)
		if f.FileInfo().IsDir() || skipEntry(inner) {
			continue
		}
		if err := count(1); err != nil {
			return nil, err
		}
		display := cleanName(name + "/" + inner)
		b, err := zipsafe.ReadEntry(f, s.lim.MaxFile)
		if err != nil {
			items = append(items, failedItem(display, display+"：无法解压（"+zipsafe.Message(err)+"）"))
			continue
		}
		total += int64(len(b))
		if total > s.lim.MaxZipUnzipped {
			return []*item{failedItem(name, fmt.Sprintf("%s：压缩包解压后超过 %s，拒绝读取（可能是压缩炸弹）", name, size(s.lim.MaxZipUnzipped)))}, nil
		}
		if isReportZip(b) {
			items = append(items, failedItem(display, display+"：压缩包中的压缩包不会展开；请解压后再上传"))
			continue
		}
		items = append(items, s.read(display, b))
	}
	if len(items) == 0 {
		if err := count(1); err != nil {
			return nil, err
		}
		return []*item{failedItem(name, name+"：压缩包中没有文件")}, nil
	}
	return items, nil
}

// entryName decodes a zip entry name: zips made on Chinese Windows store
// names in GBK without the UTF-8 flag.
func entryName(f *zip.File) string {
	n := f.Name
	if f.NonUTF8 || !utf8.ValidString(n) {
		if d, err := simplifiedchinese.GB18030.NewDecoder().String(n); err == nil {
			n = d
		}
	}
	return n
}

// skipEntry leaves out what archivers add besides the files: macOS
// resource forks and hidden files.
func skipEntry(name string) bool {
	name = strings.ReplaceAll(name, "\\", "/")
	base := path.Base(name)
	return strings.HasPrefix(name, "__MACOSX/") || strings.HasPrefix(base, ".") || strings.EqualFold(base, "Thumbs.db")
}

// cleanName makes an uploaded name safe to show and to use in messages and
// summary rows: forward slashes, no "..", no leading slash or drive letter,
// no control characters, at most 200 characters. Names are never used as
// paths on disk.
func cleanName(name string) string {
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == utf8.RuneError || unicode.Is(unicode.Bidi_Control, r) {
			return -1
		}
		return r
	}, strings.ReplaceAll(name, "\\", "/"))
	var parts []string
	for _, p := range strings.Split(name, "/") {
		p = strings.TrimSpace(p)
		switch {
		case p == "" || p == "." || p == "..":
			continue
		case len(parts) == 0 && len(p) == 2 && p[1] == ':':
			continue // C:
		}
		parts = append(parts, p)
	}
	name = strings.Join(parts, "/")
	if r := []rune(name); len(r) > 200 {
		name = "…" + string(r[len(r)-199:])
	}
	if name == "" {
		name = "未命名文件"
	}
	return name
}

func failedItem(name, msg string) *item {
	return &item{File: name, Err: msg}
}

// read reads and checks one file, waiting for a work slot. A panic in a
// reader becomes a failed item: one bad file must not end the server.
func (s *Server) read(name string, data []byte) (it *item) {
	s.work <- struct{}{}
	defer func() { <-s.work }()
	defer func() {
		if p := recover(); p != nil {
			it = failedItem(name, name+"：读取时发生内部错误，无法读取（"+fmt.Sprint(p)+"）")
		}
	}()
	rep, err := convert.ReadBytes(data, convert.ReadOptions{Name: name})
	if err != nil {
		msg := err.Error()
		var pe *model.ParseError
		if !errors.As(err, &pe) || pe.File == "" {
			msg = name + "：" + msg
		}
		return failedItem(name, msg)
	}
	it = &item{File: name, Rep: rep}
	for _, f := range rep.Findings {
		switch f.Status {
		case model.Fail:
			it.Failed++
		case model.Uncertain:
			it.Uncertain++
		}
	}
	return it
}
