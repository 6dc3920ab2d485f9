package summary

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/govreport/govreport/convert/internal/zipnorm"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/templates"
)

// maxRows is Excel's row limit.
const maxRows = 1048576

var metaHeaders = []string{"来源文件", "机关", "年度", "版本"}

func cellName(col, row int) string {
	n, _ := excelize.CoordinatesToCellName(col, row)
	return n
}

// yearValue leaves an unknown year blank.
func yearValue(y int) any {
	if y == 0 {
		return nil
	}
	return y
}

// WriteXLSX writes the 汇总, 校验 and 跨年 sheets to w. t stamps the
// document properties so the same reports give the same bytes.
func (s *Summary) WriteXLSX(w io.Writer, t time.Time) error {
	// excelize hands its zip writer an in-memory buffer; write the
	// normalised archive straight to w instead, spooling the entries (to a
	// temporary file once large) rather than holding the whole archive
	// twice in memory. The large streamed sheets go into it as they are
	// written, not through excelize's temporary files.
	zw := zipnorm.NewWriter(w, t)
	defer zw.Discard() // after an error: the spool file goes
	return s.writeXLSX(t, func(io.Writer) excelize.ZipWriter { return zw }, zw, nil)
}

// writeXLSX builds the workbook and saves it through the zip writers zip
// makes (streams straight into streamZip when not nil); when buf is not
// nil excelize's own output goes there (the tests' reference path,
// normalised afterwards).
func (s *Summary) writeXLSX(t time.Time, zip func(io.Writer) excelize.ZipWriter, streamZip excelize.ZipWriter, buf io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	f.SetZipWriter(zip)
	if streamZip != nil {
		f.SetStreamZipWriter(streamZip)
	}
	if err := f.SetSheetName("Sheet1", "汇总"); err != nil {
		return err
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	if err := s.writeMain(f, st); err != nil {
		return err
	}
	if err := s.writeIssues(f, st); err != nil {
		return err
	}
	if err := s.writeCross(f, st); err != nil {
		return err
	}
	if err := s.writeMetrics(f, st); err != nil {
		return err
	}
	if err := s.writeTrend(f, st); err != nil {
		return err
	}
	ts := t.UTC().Format(time.RFC3339)
	if err := f.SetDocProps(&excelize.DocProperties{Title: "政府信息公开工作年度报告汇总", Creator: "govreport", Created: ts, Modified: ts, Language: "zh-CN"}); err != nil {
		return err
	}
	// No SetActiveSheet(0): the first sheet is active by default, and the
	// call reads back and fully decodes every streamed sheet still in
	// memory (up to 16 MiB each) only to marshal it again — half the time
	// of a large summary, for the same bytes.
	if buf == nil {
		buf = io.Discard
	}
	return f.Write(buf)
}

// metaCells fills the four metadata columns (file, agency, year, edition)
// that the 汇总 and 指标 rows start with.
func metaCells(vals []excelize.StreamCell, rec *header, st *styles) {
	vals[0] = textCell(st.text, rec.File)
	vals[1] = textCell(st.text, rec.Agency)
	vals[2] = excelize.StreamCell{StyleID: st.count, Kind: excelize.StreamEmpty}
	if rec.Year != 0 {
		vals[2] = excelize.StreamCell{StyleID: st.count, Kind: excelize.StreamInt, Int: int64(rec.Year)}
	}
	vals[3] = textCell(st.text, rec.Edition)
}

func textCell(style int, s string) excelize.StreamCell {
	return excelize.StreamCell{StyleID: style, Kind: excelize.StreamString, Str: s}
}

func numberCell(style int, v float64) excelize.StreamCell {
	return excelize.StreamCell{StyleID: style, Kind: excelize.StreamFloat, Num: v}
}

type styles struct{ head, key, text, count, amount, pct, pctMarked int }

func newStyles(f *excelize.File) (*styles, error) {
	border := []excelize.Border{{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
		{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1}}
	var s styles
	var err error
	mk := func(st *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = f.NewStyle(st)
		return id
	}
	font := &excelize.Font{Family: "宋体", Size: 10.5}
	s.head = mk(&excelize.Style{Font: &excelize.Font{Family: "黑体", Size: 10.5, Bold: true}, Border: border,
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E8EEF7"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	s.key = mk(&excelize.Style{Font: &excelize.Font{Family: "宋体", Size: 9, Color: "666666"}, Border: border,
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F4F4F4"}}})
	s.text = mk(&excelize.Style{Font: font, Alignment: &excelize.Alignment{Vertical: "top"}})
	s.count = mk(&excelize.Style{Font: font, NumFmt: 1})
	s.amount = mk(&excelize.Style{Font: font, CustomNumFmt: ptr("0.00##")})
	s.pct = mk(&excelize.Style{Font: font, CustomNumFmt: ptr("0.0%")})
	s.pctMarked = mk(&excelize.Style{Font: font, CustomNumFmt: ptr("0.0%"), Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FCE4D6"}}})
	return &s, err
}

func ptr[T any](v T) *T { return &v }

func (s *Summary) writeMain(f *excelize.File, st *styles) error {
	sw, err := f.NewStreamWriter("汇总")
	if err != nil {
		return err
	}
	cols := ColumnsOf(s.set)
	n := len(metaHeaders) + len(cols)
	if err := sw.SetColWidth(1, 1, 36); err != nil {
		return err
	}
	_ = sw.SetColWidth(2, 2, 28)
	_ = sw.SetColWidth(3, 4, 7)
	_ = sw.SetColWidth(5, n, 11)
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 4, YSplit: 3, TopLeftCell: "E4", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	// Header: group over label over key; the four metadata columns span all three rows.
	r1 := make([]any, n)
	r2 := make([]any, n)
	r3 := make([]any, n)
	metaKeys := []string{"file", "agency", "year", "edition"}
	for i, h := range metaHeaders {
		r1[i] = excelize.Cell{StyleID: st.head, Value: h}
		r2[i] = excelize.Cell{StyleID: st.head}
		r3[i] = excelize.Cell{StyleID: st.key, Value: metaKeys[i]}
	}
	for i, c := range cols {
		r1[4+i] = excelize.Cell{StyleID: st.head, Value: c.Group}
		r2[4+i] = excelize.Cell{StyleID: st.head, Value: c.Label}
		r3[4+i] = excelize.Cell{StyleID: st.key, Value: c.Key}
	}
	// Merge runs of equal groups; repeated text stays in the first cell only.
	type span struct{ a, b int }
	var merges []span
	for i := 0; i < len(cols); {
		j := i
		for j+1 < len(cols) && cols[j+1].Group == cols[i].Group {
			j++
			r1[4+j] = excelize.Cell{StyleID: st.head}
		}
		if j > i {
			merges = append(merges, span{5 + i, 5 + j})
		}
		i = j + 1
	}
	for i, row := range [][]any{r1, r2, r3} {
		opts := excelize.RowOpts{Height: []float64{48, 30, 14}[i]}
		if err := sw.SetRow(cellName(1, i+1), row, opts); err != nil {
			return err
		}
	}
	for c := 1; c <= 4; c++ {
		if err := sw.MergeCell(cellName(c, 1), cellName(c, 2)); err != nil {
			return err
		}
	}
	for _, m := range merges {
		if err := sw.MergeCell(cellName(m.a, 1), cellName(m.b, 1)); err != nil {
			return err
		}
	}
	read, _ := s.sorted()
	rowNum := 4
	vals := make([]excelize.StreamCell, n)
	err = s.eachRow(read, func(rec *row) error {
		if rowNum > maxRows {
			return nil
		}
		metaCells(vals, &rec.header, st)
		for i, c := range cols {
			v := rec.vals[i]
			switch v.kind {
			case valNone:
				vals[4+i] = excelize.StreamCell{}
			case valNumber:
				sid := st.count
				if c.Format == templates.FormatAmount || v.n != float64(int64(v.n)) {
					sid = st.amount
				}
				vals[4+i] = numberCell(sid, v.n)
			default:
				vals[4+i] = textCell(st.text, v.text)
			}
		}
		err := sw.SetRowCells(rowNum, vals)
		rowNum++
		return err
	})
	if err != nil {
		return err
	}
	// A table gives the header row its filter buttons (an AutoFilter would
	// make excelize parse the whole streamed sheet back into memory).
	last := max(rowNum-1, 4)
	no := false
	if err := sw.AddTable(&excelize.Table{Range: fmt.Sprintf("A3:%s", cellName(n, last)), Name: "SummaryRows", StyleName: "", ShowRowStripes: &no}); err != nil {
		return err
	}
	return sw.Flush()
}

func (s *Summary) writeIssues(f *excelize.File, st *styles) error {
	if _, err := f.NewSheet("校验"); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter("校验")
	if err != nil {
		return err
	}
	heads := []string{"来源文件", "机关", "年度", "编号", "状态", "说明", "字段"}
	widths := []float64{36, 28, 7, 22, 8, 90, 40}
	for i, w := range widths {
		_ = sw.SetColWidth(i+1, i+1, w)
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	hr := make([]any, len(heads))
	for i, h := range heads {
		hr[i] = excelize.Cell{StyleID: st.head, Value: h}
	}
	if err := sw.SetRow("A1", hr); err != nil {
		return err
	}
	row := 2
	full := false
	cells := make([]excelize.StreamCell, 7)
	// put writes one row: file, agency, year (0: blank), id, status,
	// message, keys.
	put := func(file, agency string, year int, id, status, msg, keys string) error {
		if row >= maxRows {
			if !full {
				full = true
				return sw.SetRow(cellName(1, row), []any{"（超过 Excel 的行数上限，其余结果见 --csv 或 --json 输出）"})
			}
			return nil
		}
		cells[0], cells[1] = textCell(st.text, file), textCell(st.text, agency)
		cells[2] = excelize.StreamCell{StyleID: st.text, Kind: excelize.StreamEmpty}
		if year != 0 {
			cells[2] = excelize.StreamCell{StyleID: st.text, Kind: excelize.StreamInt, Int: int64(year)}
		}
		cells[3], cells[4], cells[5], cells[6] = textCell(st.text, id), textCell(st.text, status), textCell(st.text, msg), textCell(st.text, keys)
		err := sw.SetRowCells(row, cells)
		row++
		return err
	}
	err = s.eachIssues(s.all(), func(rec issueRow) error {
		if rec.Error != "" {
			return put(rec.File, "", 0, "READ", "无法读取", rec.Error, "")
		}
		for _, is := range rec.Issues {
			if err := put(rec.File, rec.Agency, rec.Year, is.ID, is.Status, is.Message, joinKeys(is.Keys)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	no := false
	if err := sw.AddTable(&excelize.Table{Range: fmt.Sprintf("A1:G%d", max(row-1, 2)), Name: "CheckRows", ShowRowStripes: &no}); err != nil {
		return err
	}
	return sw.Flush()
}

func joinKeys(k []string) string {
	b, _ := json.Marshal(k)
	if len(k) == 0 {
		return ""
	}
	s := string(b)
	return s[1 : len(s)-1]
}

func (s *Summary) writeCross(f *excelize.File, st *styles) error {
	if _, err := f.NewSheet("跨年"); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter("跨年")
	if err != nil {
		return err
	}
	heads := []string{"机关（规范化）", "上一年度", "年度", "上一年度文件", "本年度文件", "编号", "状态", "说明"}
	for i, w := range []float64{28, 9, 7, 36, 36, 22, 8, 80} {
		_ = sw.SetColWidth(i+1, i+1, w)
	}
	hr := make([]any, len(heads))
	for i, h := range heads {
		hr[i] = excelize.Cell{StyleID: st.head, Value: h}
	}
	if err := sw.SetRow("A1", hr); err != nil {
		return err
	}
	next := 2
	vals := make([]any, len(heads))
	err = s.eachCross(func(r CrossRow) error {
		if next > maxRows {
			return nil
		}
		for j, v := range []any{r.Agency, yearValue(r.PrevYear), yearValue(r.Year), r.PrevFile, r.File, r.ID, r.Status, r.Message} {
			vals[j] = excelize.Cell{StyleID: st.text, Value: v}
		}
		err := sw.SetRow(cellName(1, next), vals)
		next++
		return err
	})
	if err != nil {
		return err
	}
	return sw.Flush()
}

// WriteCSV writes the 汇总 rows as CSV, UTF-8 with a byte order mark so
// Excel opens it correctly. A cell that starts with = + - or @ gets a
// leading apostrophe so spreadsheet programs do not run it as a formula.
func (s *Summary) WriteCSV(w io.Writer) error {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString("\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(bw)
	cols := ColumnsOf(s.set)
	head := append([]string{}, metaHeaders...)
	for _, c := range cols {
		head = append(head, c.Key)
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	read, _ := s.sorted()
	rec := make([]string, len(head))
	err := s.eachRow(read, func(r *row) error {
		rec[0], rec[1], rec[3] = guard(r.File), guard(r.Agency), r.Edition
		rec[2] = ""
		if r.Year > 0 {
			rec[2] = strconv.Itoa(r.Year)
		}
		for i := range cols {
			v := r.vals[i]
			switch v.kind {
			case valNumber:
				rec[4+i] = model.FormatNumber(v.n)
			default:
				rec[4+i] = guard(v.text)
			}
		}
		return cw.Write(rec)
	})
	if err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

func guard(s string) string {
	if s != "" && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@') {
		return "'" + s
	}
	return s
}

// jsonRow is one line of WriteJSON.
type jsonRow struct {
	File    string        `json:"file"`
	Agency  string        `json:"agency"`
	Year    *int          `json:"year"`
	Edition string        `json:"edition"`
	Cells   *orderedCells `json:"cells"`
	Issues  []Issue       `json:"issues"`
	Error   string        `json:"error,omitempty"`
}

// orderedCells marshals the edition's keys in column order: a number, a
// string as written, or null.
type orderedCells struct {
	keys []string
	vals map[string]Value
}

func (o *orderedCells) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	for i, k := range o.keys {
		if i > 0 {
			b = append(b, ',')
		}
		kb, _ := json.Marshal(k)
		b = append(b, kb...)
		b = append(b, ':')
		v := o.vals[k]
		switch {
		case v.N != nil:
			b = append(b, model.FormatNumber(*v.N)...)
		case v.Text != "":
			tb, _ := json.Marshal(v.Text)
			b = append(b, tb...)
		default:
			b = append(b, "null"...)
		}
	}
	return append(b, '}'), nil
}

// WriteJSON writes one JSON object per report and line, in summary order;
// unreadable inputs come last with their error.
func (s *Summary) WriteJSON(w io.Writer) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	keysOf := map[string][]string{}
	for _, ed := range s.set.Editions() {
		for _, c := range ColumnsOf(s.set) {
			for _, e := range c.Editions {
				if e == ed {
					keysOf[string(ed)] = append(keysOf[string(ed)], c.Key)
				}
			}
		}
	}
	all := s.all()
	cols := ColumnsOf(s.set)
	k := 0
	var issues issueRow
	err := s.eachRow(all, func(r *row) error {
		// Read this record's issues too: one record at a time, so memory
		// does not grow with the number of reports.
		if err := s.eachIssues(all[k:k+1], func(ir issueRow) error { issues = ir; return nil }); err != nil {
			return err
		}
		k++
		row := jsonRow{File: r.File, Agency: r.Agency, Edition: r.Edition, Issues: issues.Issues, Error: r.Error}
		if r.Year > 0 {
			y := r.Year
			row.Year = &y
		}
		if r.Error == "" {
			vals := make(map[string]Value, len(cols))
			for i, c := range cols {
				if r.vals[i].kind != valNone {
					vals[c.Key] = r.vals[i].value()
				}
			}
			row.Cells = &orderedCells{keys: keysOf[r.Edition], vals: vals}
		}
		if row.Issues == nil {
			row.Issues = []Issue{}
		}
		return enc.Encode(row)
	})
	if err != nil {
		return err
	}
	return bw.Flush()
}
