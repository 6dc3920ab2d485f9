// Package compare sets two checked reports side by side — usually one
// agency's reports of consecutive years: every cell with its change, the
// cross-year checks, the derived metrics, and for each of the six parts how
// much of the later report's text was already in the earlier one. It reads
// report models and never changes them; the CLI's `compare` command and its
// terminal, xlsx and JSON outputs sit on top of it.
package compare

import (
	"fmt"
	"math/big"
	"sort"
	"strings"

	"github.com/govreport/govreport/convert/metrics"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/summary"
	"github.com/govreport/govreport/templates"
)

// Result is the comparison of report A (earlier) with report B (later).
type Result struct {
	A, B     *model.Report
	FileA    string
	FileB    string
	Warnings []string // agency or years that do not match, editions that differ
	Cells    []Cell
	Cross    []summary.CrossRow
	Metrics  []MetricPair
	Parts    [6]Reuse
}

// Cell is one field of either report. A or B is nil when that report's
// edition has no such field; such a cell is blank on that side, never 0.
type Cell struct {
	Key   string
	Table *templates.Table // the table of the first report's edition that has the key
	Label string           // row and column labels, e.g. "（一）予以公开 / 自然人"
	A, B  *model.Cell
	// Change is B − A when both hold a usable number; Pct is the change
	// relative to A (nil when A is 0 or a side has no number).
	Change *big.Rat
	Pct    *big.Rat
}

// Changed reports whether the two sides differ in what they say.
func (c Cell) Changed() bool {
	if c.A == nil || c.B == nil {
		return c.A != c.B
	}
	if c.Change != nil {
		return c.Change.Sign() != 0
	}
	return c.A.Kind != c.B.Kind || c.A.Raw != c.B.Raw
}

// MetricPair is one metric for both reports.
type MetricPair struct {
	Def  *metrics.Def
	A, B metrics.Value
}

// Reuse is the text-reuse measure of one part.
type Reuse struct {
	Heading string
	// Sentences is the number of sentences of B's part that count (after
	// boilerplate is left out); Reused how many of them were already in A.
	Sentences, Reused int
	Boilerplate       int      // sentences of B left out as official boilerplate
	List              []string // the reused sentences of B, as written
}

// Ratio is Reused / Sentences, or -1 when the part has no countable sentence.
func (r Reuse) Ratio() float64 {
	if r.Sentences == 0 {
		return -1
	}
	return float64(r.Reused) / float64(r.Sentences)
}

// Compare compares a (the earlier report) with b. fileA and fileB name them.
func Compare(a, b *model.Report, fileA, fileB string, specs *templates.Set) *Result {
	if specs == nil {
		specs = templates.Default()
	}
	res := &Result{A: a, B: b, FileA: fileA, FileB: fileB}
	ka, kb := summary.AgencyKey(a.Meta.Agency), summary.AgencyKey(b.Meta.Agency)
	switch {
	case ka == "" || kb == "":
		res.Warnings = append(res.Warnings, "有一份报告没有读到机关名称，无法确认是同一机关")
	case ka != kb:
		res.Warnings = append(res.Warnings, fmt.Sprintf("两份报告的机关不同：“%s”与“%s”", a.Meta.Agency, b.Meta.Agency))
	}
	switch {
	case a.Meta.Year == 0 || b.Meta.Year == 0:
		res.Warnings = append(res.Warnings, "有一份报告没有读到年度")
	case b.Meta.Year != a.Meta.Year+1:
		res.Warnings = append(res.Warnings, fmt.Sprintf("两份报告不是相邻年度（%d 年与 %d 年）；跨年核对按前一份为上一年度计算", a.Meta.Year, b.Meta.Year))
	}
	if a.Meta.Edition != b.Meta.Edition {
		res.Warnings = append(res.Warnings, fmt.Sprintf("两份报告的表格版本不同（%s 版与 %s 版）；只属于一个版本的栏目另一边为空", a.Meta.Edition, b.Meta.Edition))
	}
	res.Cells = cells(a, b, specs)
	res.Cross = summary.CrossPairWith(specs, summary.FromReport(fileA, a), summary.FromReport(fileB, b))
	ma, mb := metrics.Compute(a), metrics.Compute(b)
	for i := range metrics.Defs {
		res.Metrics = append(res.Metrics, MetricPair{Def: &metrics.Defs[i], A: ma[i], B: mb[i]})
	}
	for k := 0; k < 6; k++ {
		res.Parts[k] = reuse(a.Parts[k].Text, b.Parts[k].Text)
		res.Parts[k].Heading = model.PartTitles[k]
	}
	return res
}

// cells lists A's edition's fields in official order, then B's fields that
// A's edition lacks.
func cells(a, b *model.Report, specs *templates.Set) []Cell {
	var out []Cell
	seen := map[string]bool{}
	for _, r := range []*model.Report{a, b} {
		if !r.Meta.Edition.HasTables() {
			continue
		}
		for _, f := range specs.Fields(r.Meta.Edition) {
			if seen[f.Key] {
				continue
			}
			seen[f.Key] = true
			var t *templates.Table
			if ki := specs.Key(r.Meta.Edition, f.Key); ki != nil {
				t = ki.Table
			}
			c := Cell{Key: f.Key, Table: t, Label: label(f), A: a.Cells[f.Key], B: b.Cells[f.Key]}
			if c.A != nil && c.B != nil && c.A.HasNumber() && c.B.HasNumber() {
				x, y := exact(c.A.Value), exact(c.B.Value)
				c.Change = new(big.Rat).Sub(y, x)
				if x.Sign() != 0 {
					c.Pct = new(big.Rat).Quo(c.Change, x)
				}
			}
			out = append(out, c)
		}
	}
	// Keep each table's cells together (B's extra fields after A's of the
	// same table), tables in the order they first appear.
	rank := map[string]int{}
	for _, c := range out {
		if _, ok := rank[tableID(c.Table)]; !ok {
			rank[tableID(c.Table)] = len(rank)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return rank[tableID(out[i].Table)] < rank[tableID(out[j].Table)] })
	return out
}

func tableID(t *templates.Table) string {
	if t == nil {
		return ""
	}
	return t.ID
}

func label(f templates.Field) string {
	var parts []string
	for _, s := range []string{f.Group, f.RowLabel, f.ColumnLabel} {
		if s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " / ")
}

// exact turns a cell value into an exact rational (the shortest decimal
// that reads back as the float).
func exact(f float64) *big.Rat {
	r, _ := new(big.Rat).SetString(new(big.Float).SetFloat64(f).Text('g', -1))
	return r
}

// FormatRat writes an exact number for people: integers as they are,
// fractions to at most 2 decimals.
func FormatRat(r *big.Rat) string {
	if r == nil {
		return ""
	}
	if r.IsInt() {
		return r.Num().String()
	}
	return strings.TrimRight(strings.TrimRight(r.FloatString(2), "0"), ".")
}

// FormatPct writes a relative change: "+12.5%", "-3%"; "" when there is none.
func FormatPct(r *big.Rat) string {
	if r == nil {
		return ""
	}
	p := new(big.Rat).Mul(r, big.NewRat(100, 1))
	s := strings.TrimRight(strings.TrimRight(p.FloatString(1), "0"), ".")
	if p.Sign() > 0 {
		s = "+" + s
	}
	return s + "%"
}
