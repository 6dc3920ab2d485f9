// Package metrics computes the derived figures that supervising offices and
// researchers take from a report's tables (实质公开率, 纠错率, …), each with
// its formula, numerator and denominator. It sits after the readers and the
// checks: it reads a checked report model and never changes it. The table
// of definitions below is the only place a metric is defined; JSON, the
// report workbook, the 汇总 workbook, `compare` and the web page use it
// (documented in docs/metrics.md).
package metrics

import (
	"math"
	"math/big"
	"strings"

	"github.com/govreport/govreport/convert/model"
)

// Def is one metric: Num and Den are sums of field keys; Den may subtract
// keys (Minus), e.g. 已审结 = 总计 − 尚未审结.
type Def struct {
	ID      string // stable id used in JSON and column keys
	Name    string // Chinese name for people
	Formula string // the formula in words, shown wherever the metric appears
	Num     []string
	Den     []string
	Minus   []string // subtracted from Den
}

// t3Results are the result rows of table 三 whose total column makes up the
// outcome buckets; both editions (a key absent from the report's edition is
// simply not there).
var (
	denied      = rowTotals("denied_state_secret", "denied_prohibited", "denied_three_safeties", "denied_third_party", "denied_internal", "denied_process", "denied_enforcement", "denied_query")
	unavailable = rowTotals("unavailable_not_held", "unavailable_needs_creation", "unavailable_unclear")
	rejected    = rowTotals("rejected_petition", "rejected_duplicate", "rejected_publication", "rejected_excessive", "rejected_confirmation")
	suits       = []string{"t4.suit_direct", "t4.suit_after_review"}
)

func rowTotals(rows ...string) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = "t3." + r + ".total"
	}
	return out
}

func block(prefixes []string, col string) []string {
	out := make([]string, len(prefixes))
	for i, p := range prefixes {
		out[i] = p + "." + col
	}
	return out
}

var all = append([]string{"t4.review"}, suits...)

// Defs are the metrics, in display order.
var Defs = []Def{
	{ID: "disclosed_rate", Name: "实质公开率", Formula: "（予以公开 + 部分公开）÷ 办理结果总计",
		Num: []string{"t3.granted.total", "t3.partly_granted.total"}, Den: []string{"t3.total.total"}},
	{ID: "denied_rate", Name: "不予公开率", Formula: "不予公开（8 项之和）÷ 办理结果总计",
		Num: denied, Den: []string{"t3.total.total"}},
	{ID: "unavailable_rate", Name: "无法提供率", Formula: "无法提供（3 项之和）÷ 办理结果总计",
		Num: unavailable, Den: []string{"t3.total.total"}},
	{ID: "unavailable_not_held_rate", Name: "无法提供率·本机关不掌握", Formula: "本机关不掌握相关政府信息 ÷ 办理结果总计",
		Num: unavailable[:1], Den: []string{"t3.total.total"}},
	{ID: "unavailable_needs_creation_rate", Name: "无法提供率·需另行制作", Formula: "没有现成信息需要另行制作 ÷ 办理结果总计",
		Num: unavailable[1:2], Den: []string{"t3.total.total"}},
	{ID: "unavailable_unclear_rate", Name: "无法提供率·补正后仍不明确", Formula: "补正后申请内容仍不明确 ÷ 办理结果总计",
		Num: unavailable[2:], Den: []string{"t3.total.total"}},
	{ID: "rejected_rate", Name: "不予处理率", Formula: "不予处理（5 项之和）÷ 办理结果总计",
		Num: rejected, Den: []string{"t3.total.total"}},
	{ID: "carry_rate", Name: "结转率", Formula: "结转下年度继续办理 ÷（本年新收 + 上年结转）",
		Num: []string{"t3.carried_forward.total"}, Den: []string{"t3.new.total", "t3.carried_over.total"}},
	{ID: "natural_share", Name: "自然人申请占比", Formula: "本年新收·自然人 ÷ 本年新收·总计",
		Num: []string{"t3.new.natural"}, Den: []string{"t3.new.total"}},
	{ID: "review_correction_rate", Name: "复议纠错率", Formula: "行政复议结果纠正 ÷ 已审结（总计 − 尚未审结）",
		Num: []string{"t4.review.corrected"}, Den: []string{"t4.review.total"}, Minus: []string{"t4.review.pending"}},
	{ID: "suit_correction_rate", Name: "诉讼纠错率", Formula: "行政诉讼结果纠正（直接起诉 + 复议后起诉）÷ 已审结（两项总计 − 两项尚未审结）",
		Num: block(suits, "corrected"), Den: block(suits, "total"), Minus: block(suits, "pending")},
	{ID: "correction_rate", Name: "综合纠错率", Formula: "复议和诉讼的结果纠正之和 ÷ 复议和诉讼的已审结之和",
		Num: block(all, "corrected"), Den: block(all, "total"), Minus: block(all, "pending")},
	{ID: "dispute_rate", Name: "争议转化率", Formula: "（行政复议总计 + 行政诉讼总计（直接起诉 + 复议后起诉））÷ 本年新收·总计",
		Num: block(all, "total"), Den: []string{"t3.new.total"}},
}

// Status says whether a metric has a value.
type Status string

const (
	// OK: the value is computed.
	OK Status = "ok"
	// NotApplicable: the denominator is zero (不适用 — never 0 % or 100 %).
	NotApplicable Status = "not_applicable"
	// NoData: an input is absent, blank, 无 or doubtful; no value is guessed.
	NoData Status = "no_data"
	// NoTable: the report has no unified tables (or not the metric's keys).
	NoTable Status = "no_table"
)

// Value is one metric of one report.
type Value struct {
	Def    *Def
	Status Status
	// Num and Den are exact when Status is OK or NotApplicable.
	Num, Den *big.Rat
	// Missing lists the input keys that had no usable number (NoData).
	Missing []string
	// Failed lists the ids of failed checks that read one of
	// the metric's inputs: the value is then marked as resting on numbers
	// that do not add up.
	Failed []string
}

// Fraction returns the value as a float64 fraction and true, or false when
// there is none (不适用 or missing inputs).
func (v Value) Fraction() (float64, bool) {
	if v.Status != OK {
		return 0, false
	}
	f, _ := new(big.Rat).Quo(v.Num, v.Den).Float64()
	return f, true
}

// Percent is the value for people: "62.5%", "不适用", "缺数据", "无表格".
func (v Value) Percent() string {
	switch v.Status {
	case NotApplicable:
		return "不适用"
	case NoData:
		return "缺数据"
	case NoTable:
		return "无表格"
	}
	p := new(big.Rat).Mul(new(big.Rat).Quo(v.Num, v.Den), big.NewRat(100, 1))
	s := strings.TrimRight(strings.TrimRight(p.FloatString(1), "0"), ".")
	return s + "%"
}

// Compute returns every metric of r, in Defs order.
func Compute(r *model.Report) []Value {
	out := make([]Value, len(Defs))
	for i := range Defs {
		out[i] = compute(r, &Defs[i])
	}
	return out
}

// Lookup returns the metric with the given id.
func Lookup(id string) (*Def, bool) {
	for i := range Defs {
		if Defs[i].ID == id {
			return &Defs[i], true
		}
	}
	return nil, false
}

func compute(r *model.Report, d *Def) Value {
	v := Value{Def: d}
	if !r.Meta.Edition.HasTables() {
		v.Status = NoTable
		return v
	}
	sum := func(keys []string) *big.Rat {
		// Whole numbers (below 2^53 each, so a sum of fewer than 1,024
		// cannot overflow) add up exactly in an int64; the rest as rationals.
		var whole int64
		var rest *big.Rat
		for _, k := range keys {
			c := r.Cells[k]
			if c == nil {
				v.Status = NoTable
				continue
			}
			if !c.HasNumber() {
				v.Missing = append(v.Missing, k)
				continue
			}
			if f := c.Value; f == math.Trunc(f) && math.Abs(f) < 1<<53 && len(keys) < 1024 {
				whole += int64(f)
				continue
			}
			x, ok := exactRat(c.Value)
			if !ok {
				v.Missing = append(v.Missing, k)
				continue
			}
			if rest == nil {
				rest = new(big.Rat)
			}
			rest.Add(rest, x)
		}
		t := new(big.Rat).SetInt64(whole)
		if rest != nil {
			t.Add(t, rest)
		}
		return t
	}
	num := sum(d.Num)
	den := sum(d.Den)
	den.Sub(den, sum(d.Minus))
	v.Failed = failedChecks(r, d)
	switch {
	case v.Status == NoTable:
		return v
	case len(v.Missing) > 0:
		v.Status = NoData
		return v
	}
	v.Num, v.Den = num, den
	if den.Sign() == 0 {
		v.Status = NotApplicable
	} else {
		v.Status = OK
	}
	return v
}

// exactRat is a cell value as an exact rational: a whole number directly,
// any other through its shortest decimal (formatValue).
func exactRat(f float64) (*big.Rat, bool) {
	if f == math.Trunc(f) && math.Abs(f) < 1<<53 {
		return new(big.Rat).SetInt64(int64(f)), true
	}
	return new(big.Rat).SetString(strings.TrimSpace(formatValue(f)))
}

// formatValue writes a cell value exactly as a decimal (counts are whole
// numbers; big.Rat parses the shortest decimal representation).
func formatValue(f float64) string {
	return new(big.Float).SetFloat64(f).Text('g', -1)
}

// failedChecks lists the failed checks that read an input of d.
func failedChecks(r *model.Report, d *Def) []string {
	in := map[string]bool{}
	for _, list := range [][]string{d.Num, d.Den, d.Minus} {
		for _, k := range list {
			in[k] = true
		}
	}
	var out []string
	seen := map[string]bool{}
	for _, f := range r.Findings {
		if f.Status != model.Fail || seen[f.ID] {
			continue
		}
		for _, k := range f.Keys {
			if in[k] {
				out = append(out, f.ID)
				seen[f.ID] = true
				break
			}
		}
	}
	return out
}
