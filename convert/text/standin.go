package text

import (
	"fmt"
	"strings"

	"github.com/govreport/govreport/convert/match"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/templates"
)

// A report may write one group of a table in another edition's form: a
// 2021 report (table 二 decides the edition) whose table 三 keeps the 2019
// single （六）其他处理 row where 2021 has three rows under that group
// label. Nothing here names an edition: a group label of the report's
// edition that is a data row of another official edition's same table,
// with the same columns, is such a form. The row is read with that
// edition's spec and kept under its keys; each of its cells becomes a
// model.StandIn for the group's cells of that column, which stay missing
// (not 0); the checks add up the stand-in instead (package check).

// readStandIns looks, in the table t of edition ed, for groups none of
// whose rows was read and reads them in the form of another edition. It
// returns the keys of ed the stand-ins replace.
func readStandIns(set *templates.Set, r *model.Report, ed model.Edition, t *templates.Table, toks []token) map[string]bool {
	tm := tableMatchers(set, ed, t.ID)
	out := map[string]bool{}
	for gi, g := range tm.outer {
		rows := tm.outerRows[gi]
		if len(rows) < 2 || anyRead(r, tm, rows) {
			continue
		}
		for _, other := range set.Official() {
			if other.Edition == ed || set.Table(other.Edition, t.ID) == nil {
				continue
			}
			if keys := readStandInRow(set, r, ed, other.Edition, t, tm, g, rows, toks); len(keys) > 0 {
				for _, k := range keys {
					out[k] = true
				}
				break
			}
		}
	}
	return out
}

// anyRead reports whether a cell of one of the rows was read.
func anyRead(r *model.Report, tm *tableMatcher, rows []int) bool {
	for _, k := range rows {
		for _, key := range tm.rows[k].row.Keys {
			if _, ok := r.Cells[key]; ok {
				return true
			}
		}
	}
	return false
}

// readStandInRow reads, with edition other's spec, the data row of table t
// labelled like group g, and records its cells as stand-ins for the rows
// of g in edition ed. It returns the keys of ed replaced.
func readStandInRow(set *templates.Set, r *model.Report, ed, other model.Edition, t *templates.Table, tm *tableMatcher, g match.Label, rows []int, toks []token) []string {
	om := tableMatchers(set, other, t.ID)
	row := -1
	for k, rm := range om.rows {
		for _, l := range rm.inner {
			if match.Score(l, g) >= match.Body {
				row = k
			}
		}
	}
	if row < 0 {
		return nil
	}
	width := len(om.rows[row].row.Keys)
	for _, k := range rows {
		if len(tm.rows[k].row.Keys) != width {
			return nil
		}
	}
	scratch := &model.Report{Cells: map[string]*model.Cell{}}
	tr := newTableReader(set, other, t.ID, scratch)
	tr.readRows(toks)
	if !tr.done(row) {
		return nil
	}
	var replaced, names []string
	line := 0
	for j, key := range om.rows[row].row.Keys {
		c := scratch.Cells[key]
		if c == nil {
			continue
		}
		r.Cells[key] = c
		if line == 0 {
			line = c.Line
		}
		si := model.StandIn{Key: key}
		for _, k := range rows {
			si.For = append(si.For, tm.rows[k].row.Keys[j])
		}
		r.StandIns = append(r.StandIns, si)
		replaced = append(replaced, si.For...)
	}
	for _, k := range rows {
		d := tm.rows[k].row
		names = append(names, d.Labels[len(d.Labels)-1])
	}
	r.AddFinding(model.Finding{ID: "READ-MIXED-EDITION", Status: model.Warning, Keys: replaced, Line: line,
		Message: fmt.Sprintf("第%d行：报告按%s版格式，但“%s”是%s版格式的一行（%s版在这里分为%d行：%s）；该行数值已保留，%s版的这%d行在原文中没有，记为缺失（不是0）；勾稽检查用这一行代替这几行之和",
			line, ed, g.Text, other, ed, len(rows), strings.Join(names, "、"), ed, len(rows))})
	return replaced
}
