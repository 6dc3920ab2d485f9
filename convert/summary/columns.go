package summary

import (
	"strings"
	"sync"

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

var (
	colsOnce sync.Once
	cols     []Column
)

// Columns returns the union of the field keys of both editions in a fixed
// order: table 二 (2019 keys, then 2021-only keys), table 三 in row order
// with 2019's （六）其他处理 before 2021's three 其他处理 rows, table 四.
func Columns() []Column {
	colsOnce.Do(func() {
		set := templates.Default()
		byKey := map[string]*Column{}
		add := func(ed model.Edition, key string) {
			if c, ok := byKey[key]; ok {
				c.Editions = append(c.Editions, ed)
				return
			}
			ki := set.Key(ed, key)
			c := Column{Key: key, Format: ki.Format, Editions: []model.Edition{ed}}
			c.Group, c.Label = headers(ki)
			cols = append(cols, c)
			byKey[key] = &cols[len(cols)-1]
		}
		// Reserve capacity so the pointers in byKey stay valid.
		cols = make([]Column, 0, 256)
		for _, id := range []string{"t2", "t3", "t4"} {
			k19 := set.Table(model.Edition2019, id).Keys
			k21 := set.Table(model.Edition2021, id).Keys
			switch id {
			case "t3":
				// 2021 order, with 2019's t3.other.* placed before t3.other_no_correction.*.
				for _, k := range k21 {
					if strings.HasPrefix(k, "t3.other_no_correction.") && strings.HasSuffix(k, ".natural") {
						for _, o := range k19 {
							if strings.HasPrefix(o, "t3.other.") {
								add(model.Edition2019, o)
							}
						}
					}
					add(model.Edition2021, k)
				}
				for _, k := range k19 {
					add(model.Edition2019, k)
				}
			default:
				for _, k := range k19 {
					add(model.Edition2019, k)
				}
				for _, k := range k21 {
					add(model.Edition2021, k)
				}
			}
		}
	})
	return cols
}

// headers returns the two header levels of a key.
func headers(ki *templates.KeyInfo) (group, label string) {
	names := map[string]string{"t2": "表二", "t3": "表三", "t4": "表四"}
	parts := []string{names[ki.Table.ID]}
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
	if ki.Table.ID == "t4" && len(cl) > 1 {
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
