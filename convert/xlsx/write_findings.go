package xlsx

// Writer: the findings sheet of a report workbook.

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/govreport/govreport/convert/model"
)

var statusNames = map[model.Status]string{
	model.Pass: "通过", model.Fail: "失败", model.Uncertain: "存疑", model.Warning: "注意", model.Info: "说明",
}

func (b *book) writeFindings() {
	const sh = SheetFindings
	head := b.st.get(sk{font: fontHeading, size: sizeTable, h: "center", v: "center", border: true, wrap: true, fill: fillHeader})
	plain := b.st.get(sk{font: fontTable, size: sizeTable, h: "left", v: "center", border: true, wrap: true})
	center := b.st.get(sk{font: fontTable, size: sizeTable, h: "center", v: "center", border: true, wrap: true})
	link := b.st.get(sk{font: fontTable, size: sizeTable, h: "left", v: "center", border: true, color: "0563C1", underline: true})
	statusStyle := map[model.Status]int{
		model.Fail:      b.st.get(sk{font: fontTable, size: sizeTable, h: "center", v: "center", border: true, fill: fillFail, color: fontColorRed}),
		model.Uncertain: b.st.get(sk{font: fontTable, size: sizeTable, h: "center", v: "center", border: true, fill: fillDoubt}),
		model.Warning:   b.st.get(sk{font: fontTable, size: sizeTable, h: "center", v: "center", border: true, fill: fillDoubt}),
	}
	title := b.st.get(sk{font: fontHeading, size: sizeHeading, h: "left", v: "center"})
	b.str(sh, "A1", "校验结果", title)
	b.check(b.f.SetRowHeight(sh, 1, 30))
	// Each finding's cells, as ranges: the first in the 涉及单元格 column,
	// further ranges in the columns to its right, each a link.
	type row struct {
		f      model.Finding
		ranges []string
	}
	rows := make([]row, len(b.rep.Findings))
	maxRanges := 1
	for i, f := range b.rep.Findings {
		var ranges []string
		if b.sheets != nil {
			ranges = b.sheets.keyRanges(f.Keys)
		}
		rows[i] = row{f: f, ranges: ranges}
		maxRanges = max(maxRanges, len(rows[i].ranges))
	}
	widths := []float64{6, 24, 7, 60}
	for c, w := range widths {
		b.check(b.f.SetColWidth(sh, colName(c), colName(c), w))
	}
	b.check(b.f.SetColWidth(sh, colName(4), colName(4+maxRanges-1), 15))
	for c, h := range []string{"序号", "编号", "状态", "说明", "涉及单元格（点击跳转）"} {
		b.str(sh, cellName(1, c), h, head)
	}
	if maxRanges > 1 {
		b.merge(sh, 1, 4, 1, 4+maxRanges-1, head)
	}
	b.check(b.f.SetRowHeight(sh, 2, 22))
	order := make([]int, len(rows))
	for i := range order {
		order[i] = i
	}
	// Failed checks first, then uncertain, warnings, passes, notes; report
	// order inside each group.
	rank := map[model.Status]int{model.Fail: 0, model.Uncertain: 1, model.Warning: 2, model.Pass: 3, model.Info: 4}
	sort.SliceStable(order, func(i, j int) bool { return rank[rows[order[i]].f.Status] < rank[rows[order[j]].f.Status] })
	for n, i := range order {
		rw := rows[i]
		r := n + 2
		b.check(b.f.SetCellInt(sh, cellName(r, 0), int64(n+1)))
		b.check(b.f.SetCellStyle(sh, cellName(r, 0), cellName(r, 0), center))
		b.str(sh, cellName(r, 1), rw.f.ID, plain)
		st, ok := statusStyle[rw.f.Status]
		if !ok {
			st = center
		}
		name := statusNames[rw.f.Status]
		if name == "" {
			name = string(rw.f.Status)
		}
		b.str(sh, cellName(r, 2), name, st)
		msg := rw.f.Message
		if rw.f.Line > 0 {
			msg += fmt.Sprintf("（原文第 %d 行）", rw.f.Line)
		}
		b.str(sh, cellName(r, 3), msg, plain)
		for j := 0; j < maxRanges; j++ {
			cell := cellName(r, 4+j)
			if j >= len(rw.ranges) {
				b.str(sh, cell, "", plain)
				continue
			}
			rng := rw.ranges[j]
			shName, a1, _ := strings.Cut(rng, "!")
			b.str(sh, cell, rng, link)
			tip := "跳转到 " + rng
			b.check(b.f.SetCellHyperLink(sh, cell, "'"+shName+"'!"+a1, "Location", excelize.HyperlinkOpts{Tooltip: &tip}))
		}
		h := float64(lines(msg, sizeTable, widths[3]))*lineHeight(sizeTable) + 6
		b.check(b.f.SetRowHeight(sh, r+1, math.Max(h, 20)))
	}
	last := cellName(len(rows)+1, 4+maxRanges-1)
	b.check(b.f.SetPanes(sh, &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A3", ActiveCell: "A3", Pane: "bottomLeft"}}}))
	b.pageSetup(sh, true, 2, fmt.Sprintf("'%s'!$A$1:$%s$%d", sh, strings.TrimRight(last, "0123456789"), len(rows)+2))
}
