package batch

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/govreport/govreport/convert/textenc"
)

// MetaRow is one line of a metadata file (--meta): the agency and year an
// office supplies for one input, overriding what the reader finds.
type MetaRow struct {
	File   string // as written in the file
	Agency string // "" when the line gives only the year
	Year   int    // 0 when the line gives only the agency
	Line   int    // 1-based line in the metadata file
}

// MetaTable holds the rows of a metadata file and finds the row of an input.
type MetaTable struct {
	rows   []MetaRow
	byPath map[string]int // cleaned path → row
	byBase map[string]int // base name → row, -1 when two rows share it
}

// maxMetaSize bounds a metadata file (a list of a few thousand files is
// well under 1 MiB).
const maxMetaSize = 16 << 20

// ReadMeta reads a metadata file: CSV with the columns file, agency, year
// (a header line with those names, or 文件/机关/年度, is skipped), in UTF-8
// with or without a byte order mark, or GBK/GB18030 as Excel saves it on
// Chinese Windows. name is used in error messages.
func ReadMeta(r io.Reader, name string) (*MetaTable, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxMetaSize+1))
	if err != nil {
		return nil, fmt.Errorf("%s：读取失败：%w", name, err)
	}
	if len(b) > maxMetaSize {
		return nil, fmt.Errorf("%s：文件过大（超过 %d MiB），不像是元数据表", name, maxMetaSize>>20)
	}
	s, _, err := textenc.Decode(b)
	if err != nil {
		return nil, fmt.Errorf("%s：无法识别文字编码：%w", name, err)
	}
	cr := csv.NewReader(strings.NewReader(s))
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	t := &MetaTable{byPath: map[string]int{}, byBase: map[string]int{}}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf("%s 第%d行：CSV 格式错误（%v）", name, pe.Line, pe.Err)
			}
			return nil, fmt.Errorf("%s：%w", name, err)
		}
		line, _ := cr.FieldPos(0)
		for i := range rec {
			rec[i] = strings.TrimSpace(strings.Trim(rec[i], "\ufeff"))
		}
		if len(rec) == 1 && rec[0] == "" {
			continue
		}
		if len(t.rows) == 0 && isMetaHeader(rec) {
			continue
		}
		row, err := metaRow(rec, line)
		if err != nil {
			return nil, fmt.Errorf("%s 第%d行：%s", name, line, err)
		}
		key := cleanKey(row.File)
		if prev, ok := t.byPath[key]; ok {
			return nil, fmt.Errorf("%s 第%d行：文件“%s”在第%d行已经出现过", name, line, row.File, t.rows[prev].Line)
		}
		t.byPath[key] = len(t.rows)
		base := filepath.Base(key)
		if _, ok := t.byBase[base]; ok {
			t.byBase[base] = -1
		} else {
			t.byBase[base] = len(t.rows)
		}
		t.rows = append(t.rows, row)
	}
	if len(t.rows) == 0 {
		return nil, fmt.Errorf("%s：没有任何数据行（每行应为：文件,机关名称,年度）", name)
	}
	return t, nil
}

func isMetaHeader(rec []string) bool {
	switch strings.ToLower(rec[0]) {
	case "file", "文件", "文件名", "path", "路径":
		return true
	}
	return false
}

// metaRow checks one data line: file, agency, year.
func metaRow(rec []string, line int) (MetaRow, error) {
	if len(rec) > 3 {
		return MetaRow{}, fmt.Errorf("有%d列，应为 3 列：文件,机关名称,年度", len(rec))
	}
	for len(rec) < 3 {
		rec = append(rec, "")
	}
	row := MetaRow{File: rec[0], Agency: rec[1], Line: line}
	if row.File == "" {
		return row, errors.New("缺少文件名")
	}
	if y := strings.TrimSuffix(strings.TrimSuffix(rec[2], "度"), "年"); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 1990 || n > 2100 {
			return row, fmt.Errorf("年度“%s”不是四位年份", rec[2])
		}
		row.Year = n
	}
	if row.Agency == "" && row.Year == 0 {
		return row, fmt.Errorf("文件“%s”既没有机关名称也没有年度", row.File)
	}
	if len([]rune(row.Agency)) > 100 {
		return row, errors.New("机关名称过长（超过 100 个字）")
	}
	return row, nil
}

// cleanKey normalises a path for matching: forward slashes, cleaned.
func cleanKey(p string) string {
	return filepath.ToSlash(filepath.Clean(filepath.FromSlash(strings.ReplaceAll(p, "\\", "/"))))
}

// Lookup returns the row for an input: by its path as given, its path
// inside the folder argument, its absolute path, or — when only one row
// has it — its base name.
func (t *MetaTable) Lookup(in Input) (MetaRow, bool) {
	if t == nil {
		return MetaRow{}, false
	}
	keys := []string{cleanKey(in.Path), cleanKey(in.Rel)}
	if abs, err := filepath.Abs(in.Path); err == nil {
		keys = append(keys, cleanKey(abs))
	}
	for _, k := range keys {
		if i, ok := t.byPath[k]; ok {
			return t.rows[i], true
		}
	}
	if i, ok := t.byBase[filepath.Base(cleanKey(in.Path))]; ok && i >= 0 {
		return t.rows[i], true
	}
	return MetaRow{}, false
}

// Unmatched returns the rows that match none of inputs, in file order, so
// that a typo in the metadata file does not go unnoticed.
func (t *MetaTable) Unmatched(inputs []Input) []MetaRow {
	used := map[int]bool{}
	for _, in := range inputs {
		if row, ok := t.Lookup(in); ok {
			used[row.Line] = true
		}
	}
	var out []MetaRow
	for _, r := range t.rows {
		if !used[r.Line] {
			out = append(out, r)
		}
	}
	return out
}
