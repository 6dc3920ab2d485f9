package jsonfmt

import (
	"bytes"
	"encoding/json"
	"io"
	"math/big"
	"strconv"
	"strings"

	"github.com/govreport/govreport/convert/metrics"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/templates"
)

type enc struct {
	b     bytes.Buffer
	depth int
	set   *templates.Set
}

func (e *enc) str(s string) {
	var tmp bytes.Buffer
	je := json.NewEncoder(&tmp)
	je.SetEscapeHTML(false)
	_ = je.Encode(s) // a string always encodes
	e.b.Write(bytes.TrimRight(tmp.Bytes(), "\n"))
}

func (e *enc) nl() {
	e.b.WriteByte('\n')
	for i := 0; i < e.depth; i++ {
		e.b.WriteString("  ")
	}
}

// obj writes an object whose members are written by the fields funcs.
type member struct {
	name string
	fn   func()
}

func (e *enc) obj(ms ...member) {
	e.b.WriteByte('{')
	e.depth++
	for i, m := range ms {
		if i > 0 {
			e.b.WriteByte(',')
		}
		e.nl()
		e.str(m.name)
		e.b.WriteString(": ")
		m.fn()
	}
	e.depth--
	if len(ms) > 0 {
		e.nl()
	}
	e.b.WriteByte('}')
}

// inline writes a one-line object.
func (e *enc) inline(ms ...member) {
	e.b.WriteByte('{')
	for i, m := range ms {
		if i > 0 {
			e.b.WriteString(", ")
		}
		e.str(m.name)
		e.b.WriteString(": ")
		m.fn()
	}
	e.b.WriteByte('}')
}

func (e *enc) arr(n int, item func(i int)) {
	e.b.WriteByte('[')
	if n == 0 {
		e.b.WriteByte(']')
		return
	}
	e.depth++
	for i := 0; i < n; i++ {
		if i > 0 {
			e.b.WriteByte(',')
		}
		e.nl()
		item(i)
	}
	e.depth--
	e.nl()
	e.b.WriteByte(']')
}

func (e *enc) strs(list []string) {
	e.b.WriteByte('[')
	for i, s := range list {
		if i > 0 {
			e.b.WriteString(", ")
		}
		e.str(s)
	}
	e.b.WriteByte(']')
}

func (e *enc) num(n int) { e.b.WriteString(strconv.Itoa(n)) }

// Write writes r as JSON to w, with the embedded specs.
func Write(w io.Writer, r *model.Report) error { return WriteWith(w, r, nil) }

// WriteWith is Write with the spec set the report was read against (nil:
// the embedded editions); it gives the order of the cells.
func WriteWith(w io.Writer, r *model.Report, set *templates.Set) error {
	if set == nil {
		set = templates.Default()
	}
	e := &enc{set: set}
	m := r.Meta
	e.obj(
		member{"edition", func() { e.str(string(m.Edition)) }},
		member{"year", func() {
			if m.Year > 0 {
				e.num(m.Year)
			} else {
				e.b.WriteString("null")
			}
		}},
		member{"agency", func() { e.str(m.Agency) }},
		member{"title", func() { e.str(m.Title) }},
		member{"published", func() { e.str(m.Published) }},
		member{"source", func() {
			e.inline(member{"file", func() { e.str(m.Source) }}, member{"layout", func() { e.str(m.Layout) }},
				member{"encoding", func() { e.str(m.Encoding) }})
		}},
		member{"agency_source", func() { e.str(m.AgencySource) }},
		member{"year_sources", func() {
			e.arr(len(m.YearSources), func(i int) {
				s := m.YearSources[i]
				e.inline(member{"source", func() { e.str(s.Source) }}, member{"year", func() { e.num(s.Year) }},
					member{"line", func() { e.num(s.Line) }}, member{"text", func() { e.str(s.Text) }})
			})
		}},
		member{"preamble", func() { e.str(r.Preamble) }},
		member{"parts", func() {
			e.arr(6, func(i int) {
				p := r.Parts[i]
				ms := []member{{"heading", func() { e.str(p.Heading) }}, {"text", func() { e.str(p.Text) }}}
				if p.Absent {
					ms = append(ms, member{"absent", func() { e.b.WriteString("true") }})
				}
				e.obj(ms...)
			})
		}},
		member{"cells", func() { e.cells(r) }},
		member{"metrics", func() { e.metrics(r) }},
		member{"findings", func() {
			e.arr(len(r.Findings), func(i int) {
				f := r.Findings[i]
				ms := []member{{"id", func() { e.str(f.ID) }}, {"status", func() { e.str(string(f.Status)) }},
					{"keys", func() { e.strs(nonNil(f.Keys)) }}, {"message", func() { e.str(f.Message) }}}
				if f.Line > 0 {
					ms = append(ms, member{"line", func() { e.num(f.Line) }})
				}
				e.inline(ms...)
			})
		}},
	)
	e.b.WriteByte('\n')
	_, err := w.Write(e.b.Bytes())
	return err
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// cells writes the cells in fields.tsv order; keys the edition does not
// know (none, normally) follow in sorted order so nothing is dropped.
func (e *enc) cells(r *model.Report) {
	var keys []string
	seen := map[string]bool{}
	if e.set.Has(r.Meta.Edition) {
		for _, f := range e.set.Fields(r.Meta.Edition) {
			if _, ok := r.Cells[f.Key]; ok {
				keys = append(keys, f.Key)
				seen[f.Key] = true
			}
		}
	}
	for _, k := range r.Keys() {
		if !seen[k] {
			keys = append(keys, k)
		}
	}
	ms := make([]member, len(keys))
	for i, k := range keys {
		c := r.Cells[k]
		ms[i] = member{k, func() { e.cell(c) }}
	}
	e.obj(ms...)
}

func (e *enc) cell(c *model.Cell) {
	ms := []member{
		{"value", func() {
			if c.Exact() { // a rounded value is never written as the value
				e.b.WriteString(model.FormatNumber(c.Value))
			} else {
				e.b.WriteString("null")
			}
		}},
		{"raw", func() { e.str(c.Raw) }},
		{"kind", func() { e.str(string(c.Kind)) }},
	}
	if c.Unit != "" {
		ms = append(ms, member{"unit", func() { e.str(c.Unit) }})
	}
	if c.Sign != "" {
		ms = append(ms, member{"sign", func() { e.str(c.Sign) }})
	}
	if c.Line > 0 {
		ms = append(ms, member{"line", func() { e.num(c.Line) }})
	}
	if c.Ref != "" {
		ms = append(ms, member{"ref", func() { e.str(c.Ref) }})
	}
	if c.Doubt != "" {
		ms = append(ms, member{"doubt", func() { e.str(c.Doubt) }})
	}
	e.inline(ms...)
}

// metrics writes the derived metrics: id → value (a fraction, null when
// 不适用 or when an input has no number), numerator, denominator, formula,
// status, and the failed checks the value rests on. Reports without the
// unified tables get an empty object.
func (e *enc) metrics(r *model.Report) {
	if !r.Meta.Edition.HasTables() {
		e.b.WriteString("{}")
		return
	}
	vals := metrics.Compute(r)
	ms := make([]member, len(vals))
	for i, v := range vals {
		ms[i] = member{v.Def.ID, func() {
			rat := func(x *big.Rat) func() {
				return func() {
					switch {
					case x == nil:
						e.b.WriteString("null")
					case x.IsInt():
						e.b.WriteString(x.Num().String())
					default:
						e.b.WriteString(strings.TrimRight(strings.TrimRight(x.FloatString(6), "0"), "."))
					}
				}
			}
			inner := []member{
				{"value", func() {
					if f, ok := v.Fraction(); ok {
						e.b.WriteString(strconv.FormatFloat(f, 'g', -1, 64))
					} else {
						e.b.WriteString("null")
					}
				}},
				{"numerator", rat(v.Num)}, {"denominator", rat(v.Den)},
				{"name", func() { e.str(v.Def.Name) }},
				{"formula", func() { e.str(v.Def.Formula) }},
				{"status", func() { e.str(string(v.Status)) }},
			}
			if len(v.Missing) > 0 {
				inner = append(inner, member{"missing", func() { e.strs(v.Missing) }})
			}
			if len(v.Failed) > 0 {
				inner = append(inner, member{"failed_checks", func() { e.strs(v.Failed) }})
			}
			e.inline(inner...)
		}}
	}
	e.obj(ms...)
}
