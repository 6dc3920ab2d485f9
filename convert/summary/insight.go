package summary

import (
	"fmt"
	"math"
	"sort"

	"github.com/xuri/excelize/v2"

	"github.com/govreport/govreport/convert/metrics"
)

// This file writes the 指标 (one row per report: each metric and where the
// report stands among the run's reports), 指标分布 (per metric: count and
// quartiles) and 趋势 (agencies with several years, with native charts)
// sheets. The metrics themselves are defined once, in convert/metrics.

// packedMetric is a Metric in 16 bytes.
type packedMetric struct {
	v      float64
	status uint8
	marked bool
}

var statusCodes = []metrics.Status{"", metrics.OK, metrics.NotApplicable, metrics.NoData, metrics.NoTable}

func pack(m Metric) packedMetric {
	p := packedMetric{v: m.Value, marked: m.Marked}
	for i, s := range statusCodes {
		if s == m.Status {
			p.status = uint8(i)
		}
	}
	return p
}

// dist is the distribution of one metric over the run's reports.
type dist struct {
	n                       int
	min, p25, med, p75, max float64
}

// quantile is the linear-interpolation quantile of sorted xs (Excel's
// PERCENTILE.INC).
func quantile(xs []float64, q float64) float64 {
	if len(xs) == 1 {
		return xs[0]
	}
	h := q * float64(len(xs)-1)
	lo := math.Floor(h)
	i := int(lo)
	if i+1 >= len(xs) {
		return xs[len(xs)-1]
	}
	return xs[i] + (h-lo)*(xs[i+1]-xs[i])
}

// dists computes each metric's distribution over the readable reports that
// have a value (不适用 and 缺数据 are left out, not counted as 0). It reads
// the side spool once per metric, so that only one metric's values are
// held at a time.
func (s *Summary) dists() ([]dist, error) {
	out := make([]dist, len(metrics.Defs))
	var xs []float64
	for m := range metrics.Defs {
		xs = xs[:0]
		err := s.eachMetrics(func(ms []Metric) {
			if m < len(ms) && ms[m].Status == metrics.OK {
				xs = append(xs, ms[m].Value)
			}
		})
		if err != nil {
			return nil, err
		}
		if len(xs) == 0 {
			continue
		}
		sort.Float64s(xs)
		out[m] = dist{n: len(xs), min: xs[0], p25: quantile(xs, .25), med: quantile(xs, .5), p75: quantile(xs, .75), max: xs[len(xs)-1]}
	}
	return out, nil
}

// quartile says where v stands: 1 (lowest quarter) … 4.
func (d dist) quartile(v float64) int {
	switch {
	case v <= d.p25:
		return 1
	case v <= d.med:
		return 2
	case v <= d.p75:
		return 3
	}
	return 4
}

var quartileNames = [5]string{"", "第1四分位（最低）", "第2四分位", "第3四分位", "第4四分位（最高）"}

func metricStatusText(m Metric) string {
	switch m.Status {
	case metrics.NotApplicable:
		return "不适用"
	case metrics.NoData:
		return "缺数据"
	case metrics.NoTable:
		return "无表格"
	}
	return ""
}

// writeMetrics writes the 指标 and 指标分布 sheets.
func (s *Summary) writeMetrics(f *excelize.File, st *styles) error {
	ds, err := s.dists()
	if err != nil {
		return err
	}
	if _, err := f.NewSheet("指标"); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter("指标")
	if err != nil {
		return err
	}
	n := 4 + 2*len(metrics.Defs)
	_ = sw.SetColWidth(1, 1, 36)
	_ = sw.SetColWidth(2, 2, 28)
	_ = sw.SetColWidth(3, 4, 7)
	_ = sw.SetColWidth(5, n, 12)
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, XSplit: 4, YSplit: 2, TopLeftCell: "E3", ActivePane: "bottomRight"}); err != nil {
		return err
	}
	r1, r2 := make([]any, n), make([]any, n)
	for i, h := range metaHeaders {
		r1[i] = excelize.Cell{StyleID: st.head, Value: h}
		r2[i] = excelize.Cell{StyleID: st.head}
	}
	for m, d := range metrics.Defs {
		r1[4+2*m] = excelize.Cell{StyleID: st.head, Value: d.Name + "\n" + d.Formula}
		r1[5+2*m] = excelize.Cell{StyleID: st.head}
		r2[4+2*m] = excelize.Cell{StyleID: st.head, Value: "数值"}
		r2[5+2*m] = excelize.Cell{StyleID: st.head, Value: "在本批报告中的位置"}
	}
	if err := sw.SetRow("A1", r1, excelize.RowOpts{Height: 64}); err != nil {
		return err
	}
	if err := sw.SetRow("A2", r2); err != nil {
		return err
	}
	for c := 1; c <= 4; c++ {
		if err := sw.MergeCell(cellName(c, 1), cellName(c, 2)); err != nil {
			return err
		}
	}
	for m := range metrics.Defs {
		if err := sw.MergeCell(cellName(5+2*m, 1), cellName(6+2*m, 1)); err != nil {
			return err
		}
	}
	read, _ := s.sorted()
	vals := make([]excelize.StreamCell, n)
	rowNum := 3
	err = s.eachSide(read, func(_ int, c *side) error {
		if rowNum > maxRows {
			return nil
		}
		metaCells(vals, &c.header, st)
		for m := range metrics.Defs {
			mv := c.metric(m)
			if mv.Status == metrics.OK {
				sid := st.pct
				if mv.Marked {
					sid = st.pctMarked
				}
				vals[4+2*m] = numberCell(sid, mv.Value)
				vals[5+2*m] = textCell(st.text, quartileNames[ds[m].quartile(mv.Value)])
			} else {
				vals[4+2*m] = textCell(st.text, metricStatusText(mv))
				vals[5+2*m] = excelize.StreamCell{}
			}
		}
		err := sw.SetRowCells(rowNum, vals)
		rowNum++
		return err
	})
	if err != nil {
		return err
	}
	note := "说明：分母为 0 时为“不适用”，输入格为空白、“无”或存疑时为“缺数据”，都不计入分布；橙色数值的输入格参与了未通过的检查。位置按本批报告中有数值的报告计算。"
	if err := sw.SetRow(cellName(1, min(rowNum+1, maxRows)), []any{excelize.Cell{StyleID: st.text, Value: note}}); err != nil {
		return err
	}
	if err := sw.Flush(); err != nil {
		return err
	}

	if _, err := f.NewSheet("指标分布"); err != nil {
		return err
	}
	heads := []string{"指标", "编号", "公式", "有数值的报告数", "最小值", "下四分位（P25）", "中位数", "上四分位（P75）", "最大值"}
	for i, h := range heads {
		cell := cellName(i+1, 1)
		_ = f.SetCellStr("指标分布", cell, h)
		_ = f.SetCellStyle("指标分布", cell, cell, st.head)
	}
	for i, w := range []float64{24, 30, 56, 10, 10, 12, 10, 12, 10} {
		col, _ := excelize.ColumnNumberToName(i + 1)
		_ = f.SetColWidth("指标分布", col, col, w)
	}
	for m, d := range metrics.Defs {
		r := m + 2
		for i, v := range []string{d.Name, d.ID, d.Formula} {
			cell := cellName(i+1, r)
			_ = f.SetCellStr("指标分布", cell, v)
			_ = f.SetCellStyle("指标分布", cell, cell, st.text)
		}
		_ = f.SetCellInt("指标分布", cellName(4, r), int64(ds[m].n))
		if ds[m].n == 0 {
			continue
		}
		for i, v := range []float64{ds[m].min, ds[m].p25, ds[m].med, ds[m].p75, ds[m].max} {
			cell := cellName(5+i, r)
			_ = f.SetCellFloat("指标分布", cell, v, -1, 64)
			_ = f.SetCellStyle("指标分布", cell, cell, st.pct)
		}
	}
	return nil
}

// trendTopN caps the agencies drawn in the charts (the sheet lists all).
const trendTopN = 10

// trendAgency is what the charts keep of an agency: its 本年新收 by year
// and the latest of them.
type trendAgency struct {
	name   string
	latest float64
	year   int
	by     map[int]float64
}

// before is the charts' order: latest 本年新收 (largest first), then name.
func (a *trendAgency) before(b *trendAgency) bool {
	if a.latest != b.latest {
		return a.latest > b.latest
	}
	return a.name < b.name
}

// trendTop keeps the trendTopN first agencies in chart order as they come,
// and the years that have a 本年新收 of any agency.
type trendTop struct {
	top   []*trendAgency
	years map[int]bool
}

func (t *trendTop) offer(a *trendAgency) {
	i := sort.Search(len(t.top), func(i int) bool { return a.before(t.top[i]) })
	if i >= trendTopN {
		return
	}
	t.top = append(t.top, nil)
	copy(t.top[i+1:], t.top[i:])
	t.top[i] = a
	if len(t.top) > trendTopN {
		t.top = t.top[:trendTopN]
	}
}

// writeTrend writes the 趋势 sheet: for each agency with reports of two or
// more years, year by year 本年新收, 实质公开率, 复议 and 诉讼 totals; then a
// line chart of 本年新收 per agency over the years and a bar chart of the
// latest year's 本年新收 by agency (largest first). Agencies are written as
// they come, one at a time.
func (s *Summary) writeTrend(f *excelize.File, st *styles) error {
	const sh = "趋势"
	if _, err := f.NewSheet(sh); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sh)
	if err != nil {
		return err
	}
	for i, w := range []float64{30, 7, 14, 12, 12, 12} {
		_ = sw.SetColWidth(i+1, i+1, w)
	}
	heads := []string{"机关（规范化）", "年度", "本年新收申请（总计）", "实质公开率", "行政复议（总计）", "行政诉讼（总计）"}
	hr := make([]any, len(heads))
	for i, h := range heads {
		hr[i] = excelize.Cell{StyleID: st.head, Value: h}
	}
	if err := sw.SetRow("A1", hr, excelize.RowOpts{Height: 30}); err != nil {
		return err
	}
	top := &trendTop{years: map[int]bool{}}
	next := 2 // the sheet's next row
	vals := make([]any, 6)
	var c side
	// write puts one agency's reports (group) in the sheet when they cover
	// two or more years.
	write := func(group []int) error {
		years := map[int]bool{}
		for _, i := range group {
			years[int(s.entries[i].year)] = true
		}
		if len(years) < 2 {
			return nil
		}
		a := &trendAgency{name: s.agencyKey(group[0]), by: map[int]float64{}}
		for _, i := range group {
			if err := s.sideOf(i, &c); err != nil {
				return err
			}
			year := int(s.entries[i].year)
			newTotal := c.get(s.set, keyNew)
			if v, ok := num(newTotal.value()); ok {
				a.by[year] = v
				top.years[year] = true
				if year >= a.year {
					a.year, a.latest = year, v
				}
			}
			if next > maxRows {
				continue
			}
			vals[0] = excelize.Cell{StyleID: st.text, Value: a.name}
			vals[1] = excelize.Cell{StyleID: st.count, Value: year}
			vals[2] = cellValue(newTotal, st.count)
			if mv := c.metric(0); mv.Status == metrics.OK {
				vals[3] = excelize.Cell{StyleID: st.pct, Value: mv.Value}
			} else {
				vals[3] = excelize.Cell{StyleID: st.text, Value: metricStatusText(mv)}
			}
			vals[4] = cellValue(c.get(s.set, keyReviews), st.count)
			suits := val{}
			if a, ok := num(c.get(s.set, keySuitDirect).value()); ok {
				if b, ok := num(c.get(s.set, keySuitReviews).value()); ok {
					suits = val{kind: valNumber, n: a + b}
				}
			}
			vals[5] = cellValue(suits, st.count)
			if err := sw.SetRow(cellName(1, next), vals); err != nil {
				return err
			}
			next++
		}
		top.offer(a)
		return nil
	}
	read, _ := s.sorted()
	var group []int
	for _, i := range read {
		e := &s.entries[i]
		if s.agencies[e.agency] == "" || e.year == 0 {
			continue
		}
		if len(group) > 0 && s.entries[group[0]].agency != e.agency {
			if err := write(group); err != nil {
				return err
			}
			group = group[:0]
		}
		group = append(group, i)
	}
	if err := write(group); err != nil {
		return err
	}
	if next == 2 {
		if err := sw.SetRow("A2", []any{"本批报告中没有同一机关两个以上年度的报告"}); err != nil {
			return err
		}
		return sw.Flush()
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return s.trendCharts(f, st, top)
}

// cellValue is a value as a streamed cell (nil when there is nothing).
func cellValue(v val, style int) any {
	switch v.kind {
	case valNumber:
		return excelize.Cell{StyleID: style, Value: v.n}
	case valText:
		if v.text != "" {
			return v.text
		}
	}
	return nil
}

// trendCharts writes the 趋势图 sheet: the chart data (years × agencies of
// 本年新收; the latest year by agency), small whatever the number of
// reports, and the two charts. It is apart from the streamed 趋势 table
// because excelize adds charts only to sheets it holds in memory.
func (s *Summary) trendCharts(f *excelize.File, st *styles, top *trendTop) error {
	const sh = "趋势图"
	if _, err := f.NewSheet(sh); err != nil {
		return err
	}
	// One landscape page, so the charts print whole.
	fit := true
	_ = f.SetSheetProps(sh, &excelize.SheetPropsOptions{FitToPage: &fit})
	orient, one := "landscape", 1
	_ = f.SetPageLayout(sh, &excelize.PageLayoutOptions{Orientation: &orient, FitToWidth: &one, FitToHeight: &one})
	// Agencies ranked by their latest 本年新收 (then name), top N.
	order := top.top
	var ys []int
	for y := range top.years {
		ys = append(ys, y)
	}
	sort.Ints(ys)
	if len(ys) == 0 || len(order) == 0 {
		return nil
	}
	// Data block at column A: row 1 header (年度, agencies…), then a row
	// per year; the charts to its right.
	const c0 = 1
	_ = f.SetCellStr(sh, cellName(c0, 1), "本年新收（图表数据）")
	for j, a := range order {
		_ = f.SetCellStr(sh, cellName(c0+1+j, 1), a.name)
	}
	for i, y := range ys {
		_ = f.SetCellStr(sh, cellName(c0, 2+i), fmt.Sprint(y))
		for j, a := range order {
			if v, ok := a.by[y]; ok {
				_ = f.SetCellFloat(sh, cellName(c0+1+j, 2+i), v, -1, 64)
			}
		}
	}
	var series []excelize.ChartSeries
	lastRow := 1 + len(ys)
	for j := range order {
		col, _ := excelize.ColumnNumberToName(c0 + 1 + j)
		series = append(series, excelize.ChartSeries{
			Name:       fmt.Sprintf("'%s'!$%s$1", sh, col),
			Categories: fmt.Sprintf("'%s'!$%s$2:$%s$%d", sh, colName(c0), colName(c0), lastRow),
			Values:     fmt.Sprintf("'%s'!$%s$2:$%s$%d", sh, col, col, lastRow),
			Marker:     excelize.ChartMarker{Symbol: "circle", Size: 5},
		})
	}
	anchor := cellName(c0+len(order)+2, 1)
	if err := f.AddChart(sh, anchor, &excelize.Chart{
		Type: excelize.Line, Series: series,
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: "本年新收政府信息公开申请（按年度）"}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		Dimension: excelize.ChartDimension{Width: 720, Height: 360},
	}); err != nil {
		return err
	}
	// Bar chart: each agency's latest 本年新收, largest first.
	b0 := lastRow + 24
	_ = f.SetCellStr(sh, cellName(c0, b0), "最近年度本年新收（图表数据）")
	for j, a := range order {
		_ = f.SetCellStr(sh, cellName(c0, b0+1+j), fmt.Sprintf("%s（%d）", a.name, a.year))
		_ = f.SetCellFloat(sh, cellName(c0+1, b0+1+j), a.latest, -1, 64)
	}
	end := b0 + len(order)
	if err := f.AddChart(sh, cellName(c0+len(order)+2, 21), &excelize.Chart{
		Type: excelize.Bar,
		Series: []excelize.ChartSeries{{
			Name:       "本年新收",
			Categories: fmt.Sprintf("'%s'!$%s$%d:$%s$%d", sh, colName(c0), b0+1, colName(c0), end),
			Values:     fmt.Sprintf("'%s'!$%s$%d:$%s$%d", sh, colName(c0+1), b0+1, colName(c0+1), end),
		}},
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: fmt.Sprintf("最近年度本年新收申请（前 %d 个机关）", len(order))}}},
		Legend:    excelize.ChartLegend{Position: "none"},
		XAxis:     excelize.ChartAxis{ReverseOrder: true}, // largest on top
		Dimension: excelize.ChartDimension{Width: 720, Height: 400},
	}); err != nil {
		return err
	}
	_ = st
	return nil
}

func colName(c int) string {
	s, _ := excelize.ColumnNumberToName(c)
	return s
}
