package summary

import (
	"fmt"
	"strings"

	"github.com/govreport/govreport/convert/match"
	"github.com/govreport/govreport/convert/metrics"
	"github.com/govreport/govreport/convert/model"
)

// Value is one cell of a summary row: a number, a text as written (无, a
// value that is not a number), or nothing (blank, missing, or a field the
// report's edition does not have).
type Value struct {
	N    *float64 `json:"n,omitempty"`
	Text string   `json:"t,omitempty"`
}

// Issue is one row of the 校验 sheet.
type Issue struct {
	ID      string   `json:"id"`
	Status  string   `json:"status"`
	Message string   `json:"message"`
	Keys    []string `json:"keys,omitempty"`
}

// Record is a report reduced to what the summary needs.
type Record struct {
	File    string           `json:"file"`
	Agency  string           `json:"agency"`
	Year    int              `json:"year,omitempty"`
	Edition string           `json:"edition"`
	Values  map[string]Value `json:"values,omitempty"`
	Issues  []Issue          `json:"issues,omitempty"`
	// Error is set for an input that could not be read.
	Error string `json:"error,omitempty"`
	// Metrics are the report's derived metrics in metrics.Defs order (not
	// in the JSON lines: they follow from the values).
	Metrics []Metric `json:"-"`
}

// Metric is one derived metric of a record.
type Metric struct {
	Status metrics.Status
	Value  float64 // the fraction, when Status is metrics.OK
	Marked bool    // an input took part in a failed check
}

// statusNames are the Chinese names of finding statuses.
var statusNames = map[model.Status]string{
	model.Pass: "通过", model.Fail: "失败", model.Uncertain: "存疑", model.Warning: "注意", model.Info: "说明",
}

// FromReport reduces a checked report to a record. Failed findings are kept
// one by one; uncertain ones too, except that more than three of one check
// family (a report that fills only the 总计 column) fold into one row.
func FromReport(file string, r *model.Report) Record {
	rec := Record{File: file, Agency: r.Meta.Agency, Year: r.Meta.Year, Edition: string(r.Meta.Edition), Values: map[string]Value{}}
	rec.Metrics = metricsOf(r)
	for k, c := range r.Cells {
		if v := cellVal(c); v.kind != valNone {
			rec.Values[k] = v.value()
		}
	}
	rec.Issues = issuesOf(r)
	return rec
}

// val is a Value without the pointer, as the spool and the writers hold
// it: nothing, a number, or a text as written.
type val struct {
	kind uint8
	n    float64
	text string
}

const (
	valNone uint8 = iota
	valNumber
	valText
)

func (v val) value() Value {
	switch v.kind {
	case valNumber:
		n := v.n
		return Value{N: &n}
	case valText:
		return Value{Text: v.text}
	}
	return Value{}
}

// valOf is the val of a record's value (present in the record).
func valOf(v Value) val {
	if v.N != nil {
		return val{kind: valNumber, n: *v.N}
	}
	return val{kind: valText, text: v.Text}
}

// cellVal is what the summary shows of a cell: its number when exact, its
// text as written for a number that is not exact (beyond model.MaxDigits:
// never a rounded value), 无 or a text; nothing for a blank or missing cell.
func cellVal(c *model.Cell) val {
	switch {
	case c == nil:
	case c.Exact():
		return val{kind: valNumber, n: c.Value}
	case c.Kind == model.KindNumber, c.Kind == model.KindNone, c.Kind == model.KindText:
		return val{kind: valText, text: c.Raw}
	}
	return val{}
}

// metricsOf computes the report's metrics in metrics.Defs order.
func metricsOf(r *model.Report) []Metric {
	vs := metrics.Compute(r)
	out := make([]Metric, 0, len(vs))
	for _, v := range vs {
		f, _ := v.Fraction()
		out = append(out, Metric{Status: v.Status, Value: f, Marked: len(v.Failed) > 0})
	}
	return out
}

// issuesOf lists the report's failed and uncertain findings for the 校验
// sheet (see FromReport).
func issuesOf(r *model.Report) []Issue {
	var out []Issue
	family := map[string]int{}
	for _, f := range r.Findings {
		if f.Status == model.Uncertain {
			fam, _, _ := strings.Cut(f.ID, ".")
			family[fam]++
		}
	}
	folded := map[string]bool{}
	for _, f := range r.Findings {
		switch f.Status {
		case model.Fail:
		case model.Uncertain:
			fam, _, _ := strings.Cut(f.ID, ".")
			if family[fam] > 3 {
				if !folded[fam] {
					folded[fam] = true
					out = append(out, Issue{ID: fam + ".*", Status: statusNames[f.Status],
						Message: fmt.Sprintf("%d 项无法判断：相关单元格为空、“无”或存疑", family[fam])})
				}
				continue
			}
		default:
			continue
		}
		out = append(out, Issue{ID: f.ID, Status: statusNames[f.Status], Message: f.Message, Keys: f.Keys})
	}
	return out
}

// FromError records an input that could not be read.
func FromError(file string, err error) Record {
	return Record{File: file, Error: err.Error()}
}

// AgencyKey normalises an agency name for matching reports across years:
// simplified characters, no spaces or punctuation, and a name written twice
// in a row (北城区街道办事处街道办事处) counted once.
func AgencyKey(name string) string {
	k := match.Core(name)
	for _, suf := range []string{"街道办事处", "人民政府", "办事处", "管委会"} {
		for strings.HasSuffix(k, suf+suf) {
			k = strings.TrimSuffix(k, suf)
		}
	}
	return k
}
