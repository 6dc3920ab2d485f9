package outline

import (
	"fmt"
	"strings"
	"sync"

	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/templates"
)

// tableNames are the printed names of the official tables.
var tableNames = map[string]string{"t2": "表二", "t3": "表三", "t4": "表四"}

// TableName returns the printed name of a table id (t3 → 表三).
func TableName(id string) string {
	if n, ok := tableNames[id]; ok {
		return n
	}
	return id
}

// placeKey identifies the cell places of one table of one edition as a
// spec set names them.
type placeKey struct {
	set  *templates.Set
	ed   model.Edition
	t    *templates.Table
	name string
}

// places remembers cellPlaces' lists, the same for every report of an
// edition; bounded, for processes that load many spec sets.
var places struct {
	sync.Mutex
	m map[placeKey][]string
}

// cellPlaces returns, for each cell of table t, how writer findings name
// it: 表三「label」, a value by its key's label (templates.Set.Label).
// The list is shared: callers must not change it.
func cellPlaces(set *templates.Set, ed model.Edition, t *templates.Table, name string) []string {
	k := placeKey{set, ed, t, name}
	places.Lock()
	w, ok := places.m[k]
	places.Unlock()
	if ok {
		return w
	}
	w = make([]string, len(t.Cells))
	for i, p := range t.Cells {
		text := p.Text
		if p.Role == templates.RoleValue {
			text = set.Label(ed, p.Key)
		}
		w[i] = name + "「" + text + "」"
	}
	places.Lock()
	if places.m == nil || len(places.m) >= 256 {
		places.m = map[placeKey][]string{}
	}
	places.m[k] = w
	places.Unlock()
	return w
}

// maxNoted is how many marked cells or failed checks a note names before
// it says how many more there are.
const maxNoted = 6

// table resolves one official table: every cell's text, the marks of
// doubtful values and of values a failed check reads, and the notes that
// explain the marks.
func (b *builder) table(t *templates.Table) *Table {
	r := b.r
	set := b.set
	ed := r.Meta.Edition
	name := t.Ref.Name
	if name == "" {
		name = TableName(t.ID)
	}
	tb := &Table{Spec: t, Name: name, Cells: make([]Cell, len(t.Cells))}
	tb.Bookmark = name
	if _, rest, ok := strings.Cut(t.Title, "、"); ok && rest != "" {
		tb.Bookmark = name + " " + rest
	}
	// The failed checks that read a value of this table, in report order.
	failedBy := map[string]bool{}
	var failed []string
	var inTable map[string]bool
	for _, f := range r.Findings {
		if f.Status != model.Fail {
			continue
		}
		if inTable == nil {
			inTable = make(map[string]bool, len(t.Keys))
			for _, k := range t.Keys {
				inTable[k] = true
			}
		}
		hit := false
		for _, k := range f.Keys {
			if inTable[k] {
				failedBy[k] = true
				hit = true
			}
		}
		if hit {
			failed = append(failed, OneLine(f.Message))
		}
	}
	var doubts []string
	wheres := cellPlaces(set, ed, t, name)
	for i, p := range t.Cells {
		c := Cell{Text: p.Text, Where: wheres[i]}
		if p.Role == templates.RoleValue {
			c.Keys = []string{p.Key}
			c.Text = ""
			if v := r.Cells[p.Key]; v != nil {
				c.Line = v.Line
				if v.Kind != model.KindMissing {
					c.Text = OneLine(v.Raw)
				}
				if v.Doubt != "" && v.Kind != model.KindMissing {
					c.Mark = MarkDoubt
					doubts = append(doubts, fmt.Sprintf("「%s」%s", set.Label(ed, p.Key), OneLine(v.Doubt)))
				}
			}
			if failedBy[p.Key] {
				if c.Mark == MarkDoubt {
					c.Mark = MarkBoth
				} else {
					c.Mark = MarkFail
				}
			}
		}
		tb.Cells[i] = c
	}
	if len(doubts) > 0 {
		tb.Notes = append(tb.Notes, fmt.Sprintf("注：标“%s”的数字读取时存疑，照原报告印出，未经核实：%s。", DoubtSymbol, joinLimited(doubts)))
	}
	if len(failed) > 0 {
		lead := "注："
		if len(doubts) > 0 {
			lead = ""
		}
		tb.Notes = append(tb.Notes, fmt.Sprintf("%s标“%s”的数字所在的数据检查未通过：%s。", lead, FailSymbol, joinLimited(failed)))
	}
	return tb
}

// joinLimited joins at most maxNoted items with ；, saying how many there
// are in all when there are more.
func joinLimited(items []string) string {
	for i, s := range items {
		items[i] = strings.TrimRight(s, "。；;")
	}
	if len(items) <= maxNoted {
		return strings.Join(items, "；")
	}
	return strings.Join(items[:maxNoted], "；") + fmt.Sprintf("；等共 %d 处", len(items))
}
