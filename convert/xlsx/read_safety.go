package xlsx

// Reader: screening the input before excelize sees it.

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"

	kflate "github.com/klauspost/compress/flate"

	"github.com/govreport/govreport/convert/internal/zipsafe"
)

// Limits on what Read accepts. A filled template is about 30 KB zipped and
// 300 KB unzipped; these limits are two orders of magnitude above any real
// report workbook and far below what would exhaust memory.
const (
	// MaxSize is the largest workbook file Read accepts.
	MaxSize = 32 << 20
	// MaxEntries is the largest number of zip entries (shared with every
	// zip-based input, see convert/internal/zipsafe).
	MaxEntries = zipsafe.MaxEntries
	// MaxUnzipped is the largest total uncompressed size of all entries.
	MaxUnzipped = zipsafe.MaxUnzipped
	// MaxPart is the largest uncompressed size of one entry.
	MaxPart = zipsafe.MaxPart
	// MaxRows and MaxCols bound the cell coordinates a worksheet may use.
	// excelize expands each row to its last used column and the sheet to
	// its last row when it loads a worksheet, so one cell at XFD1048576
	// would cost gigabytes.
	MaxRows = 20000
	MaxCols = 1024
	// maxExpanded bounds the cells excelize materialises for the
	// worksheets of a workbook: the sum over rows of the row's last column.
	maxExpanded = 200000
	// maxFormulas bounds the formulas of a workbook for which Read will
	// compute a result: computing follows references recursively.
	maxFormulas = 5000
)

// oleMagic starts every OLE compound file: legacy .xls, .doc, and
// encrypted (password-protected) .xlsx files.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// utf16le encodes s as UTF-16LE, the way OLE directory entries store names.
func utf16le(s string) []byte {
	var b []byte
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

// screen refuses what cannot or must not be opened: not a zip, an OLE file,
// a zip bomb, a worksheet with huge dimensions. The name is only a hint. It returns a Chinese message
// for people, "" when the bytes may be given to excelize, and the number of
// formulas it saw.
func screen(b []byte, name string) (msg string, formulas int, parts map[string][]byte) {
	switch {
	case len(b) == 0:
		return "文件是空的，不是 Excel 工作簿", 0, nil
	case len(b) > MaxSize:
		return fmt.Sprintf("文件过大（%d 字节），不像是一份年度报告工作簿", len(b)), 0, nil
	case bytes.HasPrefix(b, oleMagic):
		switch {
		case (bytes.Contains(b, utf16le("EncryptedPackage")) || bytes.Contains(b, utf16le("EncryptionInfo"))) && strings.EqualFold(filepath.Ext(name), ".docx"):
			// An encrypted Word document looks like an encrypted workbook
			// inside; only the name tells them apart.
			return "Word 文档设置了打开密码（已加密），无法读取；请在 Word 或 WPS 中打开后取消密码（文件—信息—保护文档—用密码进行加密，清空密码），另存为 .docx 后再读取", 0, nil
		case bytes.Contains(b, utf16le("EncryptedPackage")) || bytes.Contains(b, utf16le("EncryptionInfo")):
			return "工作簿设置了打开密码（已加密），无法读取；请在 Excel 或 WPS 中打开后取消密码（文件—信息—保护工作簿—用密码进行加密，清空密码），另存为 .xlsx 后再读取", 0, nil
		case bytes.Contains(b, utf16le("Workbook")) || bytes.Contains(b, utf16le("Book")) || strings.EqualFold(filepath.Ext(name), ".xls"):
			return "这是旧版 Excel（.xls）文件，无法直接读取；请先另存为 .xlsx，或用 LibreOffice 转换：soffice --headless --convert-to xlsx 文件名.xls", 0, nil
		}
		return "这是旧版 Office 复合文档（.xls 或 .doc），不是 .xlsx 工作簿；如果是 .xls，请先另存为 .xlsx，或用 LibreOffice 转换：soffice --headless --convert-to xlsx 文件名", 0, nil
	case !bytes.HasPrefix(b, []byte("PK")):
		return "不是 Excel 工作簿（.xlsx 文件应是 zip 压缩包，而这个文件不是）", 0, nil
	}
	zr, err := zipsafe.Screen(b, zipLimits, noun)
	if err != nil {
		return err.Error(), 0, nil
	}
	// klauspost's inflate (the same bytes as compress/flate's, which
	// excelize uses, from a quarter fewer instructions); archive/zip still
	// checks sizes and checksums.
	zr.RegisterDecompressor(zip.Deflate, newInflater)
	hasWorkbook := false
	for _, f := range zr.File {
		if strings.EqualFold(f.Name, "xl/workbook.xml") {
			hasWorkbook = true
		}
	}
	if !hasWorkbook {
		return "这是一个 zip 压缩包，但不是 Excel 工作簿（缺少 xl/workbook.xml）", 0, nil
	}
	// Unzip every part with a limit (a lying header is caught as damage),
	// and look at the coordinates each worksheet uses.
	var total uint64
	expanded := 0
	// The XML parts and relationships are kept for the fast reader
	// (read_fast.go); their total is bounded by MaxUnzipped.
	parts = map[string][]byte{}
	for _, f := range zr.File {
		name := strings.ToLower(strings.ReplaceAll(f.Name, "\\", "/"))
		// Any XML part may be a worksheet: the workbook's relationships
		// decide, so every one is scanned.
		var n int64
		switch {
		case strings.HasSuffix(name, ".rels"):
			var buf bytes.Buffer
			n, err = zipsafe.Inflate(&buf, f, MaxPart, noun)
			parts[f.Name] = buf.Bytes()
		case strings.HasSuffix(name, ".xml"):
			var buf bytes.Buffer
			buf.Grow(int(min(f.UncompressedSize64, MaxPart)) + 1)
			n, err = zipsafe.Inflate(&buf, f, MaxPart, noun)
			if err == nil {
				parts[f.Name] = buf.Bytes()
				m, fc := scanSheet(buf.Bytes(), f.Name, &expanded)
				formulas += fc
				if m != "" {
					return m, 0, nil
				}
			}
		default:
			n, err = zipsafe.Inflate(io.Discard, f, MaxPart, noun)
		}
		if err != nil {
			return err.Error(), 0, nil
		}
		total += uint64(n)
		if total > MaxUnzipped {
			return "工作簿解压后超过 64 MB，拒绝读取（可能是压缩炸弹）", 0, nil
		}
	}
	return "", formulas, parts
}

// inflaters are klauspost's decompressors, reused: each holds a 32 KB
// window.
var inflaters sync.Pool

// inflater returns its decompressor to the pool when closed (once).
type inflater struct {
	io.ReadCloser
	done bool
}

func (d *inflater) Close() error {
	if d.done {
		return nil
	}
	d.done = true
	err := d.ReadCloser.Close()
	inflaters.Put(d.ReadCloser)
	return err
}

// newInflater is a zip.Decompressor. The compressed bytes (of a workbook
// already in memory) are given to it as a bytes.Reader, which it reads
// without a bufio.Reader in between.
func newInflater(r io.Reader) io.ReadCloser {
	if sr, ok := r.(*io.SectionReader); ok && sr.Size() <= MaxSize {
		b := make([]byte, sr.Size())
		if n, err := io.ReadFull(sr, b); err != nil {
			r = bytes.NewReader(b[:n]) // what there is: the error comes from inflating
		} else {
			r = bytes.NewReader(b)
		}
	}
	if d, ok := inflaters.Get().(io.ReadCloser); ok {
		if d.(kflate.Resetter).Reset(r, nil) == nil {
			return &inflater{ReadCloser: d}
		}
	}
	return &inflater{ReadCloser: kflate.NewReader(r)}
}

// noun names a workbook in zipsafe's messages.
const noun = "工作簿"

func zipMessage(err error) string { return zipsafe.Message(err) }

// zipLimits are the central-directory limits of a workbook.
var zipLimits = zipsafe.Limits{Entries: MaxEntries, Part: MaxPart, Total: MaxUnzipped, Ratio: 500, RatioFloor: 1 << 20}

// scanSheet checks the coordinates of a worksheet's rows and cells against
// MaxRows, MaxCols and maxExpanded (a running total over the workbook), the
// way excelize will expand them, and counts formulas. It is a byte scanner,
// not an XML parser (encoding/xml took a third of the reading time), but it
// reads attributes the way XML does: quoted with ' or ", entities decoded,
// namespace prefixes ignored. Malformed XML is left for excelize to report.
func scanSheet(data []byte, part string, expanded *int) (msg string, formulas int) {
	var (
		rowMaxCol  int
		col        int // column of the previous cell, for cells without r
		lastRowNum int
	)
	i := 0
	for {
		j := bytes.IndexByte(data[i:], '<')
		if j < 0 {
			break
		}
		i += j + 1
		if i >= len(data) {
			break
		}
		end := false
		if data[i] == '/' {
			end = true
			i++
		} else if data[i] == '?' || data[i] == '!' {
			continue
		}
		n := i
		for n < len(data) && !isSpaceOrEnd(data[n]) {
			n++
		}
		name := data[i:n]
		if c := bytes.IndexByte(name, ':'); c >= 0 {
			name = name[c+1:]
		}
		i = n
		if end {
			if string(name) == "row" {
				*expanded += rowMaxCol
				rowMaxCol = 0
			}
			continue
		}
		switch string(name) {
		case "row", "c", "dimension", "f":
		default:
			continue
		}
		attrs, next := scanAttrs(data, i)
		i = next
		switch string(name) {
		case "dimension":
			if ref := attrs.ref; ref != "" {
				for _, c := range strings.Split(ref, ":") {
					if r, c, ok := splitRef(c); ok && (r > MaxRows || c > MaxCols) {
						return fmt.Sprintf("工作表 %s 的范围 %s 过大（超过 %d 行或 %d 列），拒绝读取", part, ref, MaxRows, MaxCols), 0
					}
				}
			}
		case "row":
			*expanded += rowMaxCol
			n := lastRowNum + 1
			if v, ok := attrs.r, attrs.hasR; ok {
				k, err := strconv.Atoi(strings.TrimSpace(v))
				if err != nil || k > MaxRows {
					return fmt.Sprintf("工作表 %s 使用了第 %s 行，超过上限 %d 行，拒绝读取", part, v, MaxRows), 0
				}
				n = k
			}
			if n > MaxRows {
				return fmt.Sprintf("工作表 %s 使用了第 %d 行，超过上限 %d 行，拒绝读取", part, n, MaxRows), 0
			}
			lastRowNum, rowMaxCol, col = max(lastRowNum, n), 0, 0
		case "c":
			col++
			if v, ok := attrs.r, attrs.hasR; ok {
				r, c, ok := splitRef(v)
				if !ok || r > MaxRows || c > MaxCols {
					if ok || len(v) > 3 && isLetters(v[:4]) {
						return fmt.Sprintf("工作表 %s 的单元格 %s 超出上限（%d 行、%d 列），拒绝读取", part, v, MaxRows, MaxCols), 0
					}
				} else {
					col = c
					lastRowNum = max(lastRowNum, r)
				}
			}
			rowMaxCol = max(rowMaxCol, col)
			if *expanded+rowMaxCol > maxExpanded {
				return fmt.Sprintf("工作表 %s 的单元格过多，拒绝读取", part), 0
			}
		case "f":
			formulas++
		}
	}
	*expanded += rowMaxCol
	if *expanded > maxExpanded {
		return fmt.Sprintf("工作表 %s 的单元格过多，拒绝读取", part), 0
	}
	return "", formulas
}

func isSpaceOrEnd(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '>' || b == '/'
}

func isLetters(s string) bool {
	for i := 0; i < len(s); i++ {
		if !(s[i] >= 'A' && s[i] <= 'Z' || s[i] >= 'a' && s[i] <= 'z' || s[i] == '$') {
			return false
		}
	}
	return true
}

// attrList holds the attributes scanSheet needs.
type attrList struct {
	r, ref string
	hasR   bool
}

// scanAttrs reads the attributes of a start tag from data[i:] up to its
// closing ">", and returns r and ref (local names, entities decoded) and
// the position after the tag.
func scanAttrs(data []byte, i int) (attrList, int) {
	var attrs attrList
	for i < len(data) {
		for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r' || data[i] == '/') {
			i++
		}
		if i >= len(data) {
			return attrs, len(data)
		}
		if data[i] == '>' {
			return attrs, i + 1
		}
		n := i
		for n < len(data) && data[n] != '=' && data[n] != '>' && !(data[n] == ' ' || data[n] == '\t' || data[n] == '\n' || data[n] == '\r') {
			n++
		}
		name := string(data[i:n])
		if c := strings.IndexByte(name, ':'); c >= 0 {
			if name[:c] == "xmlns" {
				name = "xmlns:"
			} else {
				name = name[c+1:]
			}
		}
		i = n
		for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
			i++
		}
		if i >= len(data) || data[i] != '=' {
			continue
		}
		i++
		for i < len(data) && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r') {
			i++
		}
		if i >= len(data) {
			break
		}
		q := data[i]
		if q != '"' && q != '\'' {
			continue
		}
		e := bytes.IndexByte(data[i+1:], q)
		if e < 0 {
			return attrs, len(data)
		}
		v := string(data[i+1 : i+1+e])
		if strings.IndexByte(v, '&') >= 0 {
			v = html.UnescapeString(v)
		}
		switch name {
		case "r":
			if !attrs.hasR {
				attrs.r, attrs.hasR = v, true
			}
		case "ref":
			if attrs.ref == "" {
				attrs.ref = v
			}
		}
		i += e + 2
	}
	return attrs, i
}

// splitRef parses "XFD1048576" (or "$A$1") into 1-based row and column;
// ok is false when it is not a cell reference.
func splitRef(s string) (row, col int, ok bool) {
	s = strings.ReplaceAll(s, "$", "")
	i := 0
	for i < len(s) && (s[i] >= 'A' && s[i] <= 'Z' || s[i] >= 'a' && s[i] <= 'z') {
		if i >= 4 {
			return 0, 0, false
		}
		c := s[i]
		if c >= 'a' {
			c -= 32
		}
		col = col*26 + int(c-'A'+1)
		i++
	}
	if i == 0 || i == len(s) || len(s)-i > 9 {
		return 0, 0, false
	}
	r, err := strconv.Atoi(s[i:])
	if err != nil || r <= 0 {
		return 0, 0, false
	}
	return r, col, true
}

// Sniff tells by content whether b is for this reader: a zip (OOXML
// workbook, or a zip whose entries do not show what it is) or an OLE file
// (legacy .xls, encrypted .xlsx) — the reader tells those apart and
// explains. Other readers of zip or OLE files (Word) are tried first.
func Sniff(b []byte) bool {
	return bytes.HasPrefix(b, []byte("PK\x03\x04")) || bytes.HasPrefix(b, oleMagic)
}
