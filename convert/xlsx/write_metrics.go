package xlsx

// Writer: the 指标 sheet of a report workbook — the derived metrics of
// convert/metrics with their formulas, numerators and denominators.

import (
	"math/big"
	"strings"

	"github.com/govreport/govreport/convert/metrics"
)

// SheetMetrics lists the derived metrics.
const SheetMetrics = "指标"

func (b *book) writeMetrics() {
	const sh = SheetMetrics
	head := b.st.get(sk{font: fontHeading, size: sizeTable, h: "center", v: "center", border: true, wrap: true, fill: fillHeader})
	plain := b.st.get(sk{font: fontTable, size: sizeTable, h: "left", v: "center", border: true, wrap: true})
	num := b.st.get(sk{font: fontTable, size: sizeTable, h: "right", v: "center", border: true})
	pct := b.st.get(sk{font: fontTable, size: sizeTable, h: "right", v: "center", border: true, numFmt: "0.0%"})
	marked := b.st.get(sk{font: fontTable, size: sizeTable, h: "right", v: "center", border: true, numFmt: "0.0%", fill: fillFail})
	title := b.st.get(sk{font: fontHeading, size: sizeHeading, h: "left", v: "center"})
	b.str(sh, "A1", "派生指标", title)
	b.check(b.f.SetRowHeight(sh, 1, 30))
	for c, w := range []float64{24, 12, 10, 10, 50, 40} {
		b.check(b.f.SetColWidth(sh, colName(c), colName(c), w))
	}
	for c, h := range []string{"指标", "数值", "分子", "分母", "公式", "说明"} {
		b.str(sh, cellName(1, c), h, head)
	}
	for i, v := range metrics.Compute(b.rep) {
		r := i + 2
		b.str(sh, cellName(r, 0), v.Def.Name, plain)
		note := ""
		switch v.Status {
		case metrics.OK:
			f, _ := v.Fraction()
			st := pct
			if len(v.Failed) > 0 {
				st = marked
				note = "输入格参与了未通过的检查：" + joinIDs(v.Failed)
			}
			b.check(b.f.SetCellFloat(sh, cellName(r, 1), f, -1, 64))
			b.check(b.f.SetCellStyle(sh, cellName(r, 1), cellName(r, 1), st))
		default:
			b.str(sh, cellName(r, 1), v.Percent(), plain)
			switch v.Status {
			case metrics.NotApplicable:
				note = "分母为 0"
			case metrics.NoData:
				note = "有输入格为空白、“无”或存疑"
			}
		}
		if v.Num != nil {
			b.str(sh, cellName(r, 2), ratText(v.Num), num)
			b.str(sh, cellName(r, 3), ratText(v.Den), num)
		} else {
			b.str(sh, cellName(r, 2), "", num)
			b.str(sh, cellName(r, 3), "", num)
		}
		b.str(sh, cellName(r, 4), v.Def.Formula, plain)
		b.str(sh, cellName(r, 5), note, plain)
	}
	b.pageSetup(sh, true, 1, "")
}

func joinIDs(ids []string) string { return strings.Join(ids, "、") }

// ratText writes an exact sum: whole numbers as they are, others to at most
// four decimals.
func ratText(r *big.Rat) string {
	if r.IsInt() {
		return r.Num().String()
	}
	return strings.TrimRight(strings.TrimRight(r.FloatString(4), "0"), ".")
}
