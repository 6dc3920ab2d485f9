package summary

import (
	"sort"
	"strings"

	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/templates"
)

// Column is one field column of the summary.
type Column struct {
	Key    string
	Group  string // upper header: table and row, e.g. "表三 一、本年新收政府信息公开申请数量"
	Label  string // lower header: column label, e.g. "自然人"
	Format templates.Format
	// Editions lists the editions that have this key; a report of another
	// edition leaves the column blank, never 0.
	Editions []model.Edition
}

type columnsKey struct{}

// Columns returns the columns of the embedded editions (see ColumnsOf).
func Columns() []Column { return ColumnsOf(templates.Default()) }

// ColumnsOf returns the union of the field keys of every edition and
// variant of the set in a fixed order, table by table (in the order the
// newest official edition lists them): the rows of the newest official
// edition, each row's keys from the oldest edition that has them first;
// a row only older editions or variants have comes right after the row it
// follows there (2019's （六）其他处理 before 2021's three 其他处理 rows).
// The slice is shared: do not modify it.
func ColumnsOf(set *templates.Set) []Column {
	return set.Memo(columnsKey{}, func() any { return buildColumns(set) }).([]Column)
}

func buildColumns(set *templates.Set) []Column {
	// Editions: newest official first (its order is the base), then the
	// older ones, then variants.
	var eds []*templates.Edition
	off := set.Official()
	for i := len(off) - 1; i >= 0; i-- {
		eds = append(eds, off[i])
	}
	for _, id := range set.Editions() {
		if e := set.Edition(id); !e.Official() {
			eds = append(eds, e)
		}
	}
	// Table ids in order of first appearance.
	var tables []string
	for _, e := range eds {
		for _, t := range set.Tables(e.Edition) {
			if !contains(tables, t.ID) {
				tables = append(tables, t.ID)
			}
		}
	}
	// Keys of one row, from the oldest official edition that has the row
	// to the newest, then variants.
	keyOrder := append(append([]*templates.Edition{}, off...), eds[len(off):]...)
	var cols []Column
	byKey := map[string]int{}
	for _, id := range tables {
		var rows []string // "t3.new"
		for _, e := range eds {
			t := set.Table(e.Edition, id)
			if t == nil {
				continue
			}
			prev := -1
			for _, r := range t.RowIDs() {
				if i := index(rows, id+"."+r); i >= 0 {
					prev = i
					continue
				}
				rows = append(rows[:prev+1], append([]string{id + "." + r}, rows[prev+1:]...)...)
				prev++
			}
		}
		for _, row := range rows {
			for _, e := range keyOrder {
				t := set.Table(e.Edition, id)
				if t == nil {
					continue
				}
				for _, k := range t.Keys {
					if !strings.HasPrefix(k, row+".") {
						continue
					}
					if i, ok := byKey[k]; ok {
						cols[i].Editions = append(cols[i].Editions, e.Edition)
						continue
					}
					ki := set.Key(e.Edition, k)
					c := Column{Key: k, Format: ki.Format, Editions: []model.Edition{e.Edition}}
					c.Group, c.Label = headers(ki)
					byKey[k] = len(cols)
					cols = append(cols, c)
				}
			}
		}
	}
	// Editions of a column in set order, for a stable output.
	order := map[model.Edition]int{}
	for i, ed := range set.Editions() {
		order[ed] = i
	}
	for i := range cols {
		sort.Slice(cols[i].Editions, func(a, b int) bool { return order[cols[i].Editions[a]] < order[cols[i].Editions[b]] })
	}
	return cols
}

func contains(list []string, s string) bool { return index(list, s) >= 0 }

func index(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

// headers returns the two header levels of a key.
func headers(ki *templates.KeyInfo) (group, label string) {
	parts := []string{ki.Table.Ref.Name}
	if ki.Banner != "" {
		parts = append(parts, ki.Banner)
	}
	if n := len(ki.RowLabels); n > 0 {
		row := ki.RowLabels[n-1]
		if n > 1 && strings.Contains(ki.RowLabels[n-2], "）") && !strings.HasPrefix(row, "（") {
			row = ki.RowLabels[n-2] + row
		}
		parts = append(parts, row)
	}
	cl := ki.ColLabels
	if ki.SharedCol && len(cl) > 1 {
		parts = append(parts, strings.Join(cl[:len(cl)-1], "·"))
		cl = cl[len(cl)-1:]
	}
	if len(cl) > 0 {
		label = cl[len(cl)-1]
		if label == "其他" && len(cl) > 1 {
			label = cl[len(cl)-2] + "·其他"
		}
	}
	return strings.Join(parts, " "), label
}
