package templates

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/govreport/govreport/convert/model"
)

//go:embed specs/*/*.json fields.tsv
var embedded embed.FS

// Role is what a text cell of a table is.
type Role string

const (
	RoleBanner Role = "banner" // sub-table title row, e.g. 第二十条第（一）项
	RoleHeader Role = "header" // column label
	RoleLabel  Role = "label"  // row label
	RoleNote   Role = "note"   // the corner note of table 三
	RoleEmpty  Role = "empty"  // a ruled cell with nothing in it
	RoleValue  Role = "value"  // a value cell (has a Key)
)

// Format says how a value cell's number is written.
type Format string

const (
	FormatCount  Format = "count"  // whole number ≥ 0
	FormatSigned Format = "signed" // whole number that may be negative (本年增/减)
	FormatAmount Format = "amount" // money, may have decimals and a written unit
)

// CellSpec is one cell as written in a spec file.
type CellSpec struct {
	Text    string   `json:"text,omitempty"`
	Role    Role     `json:"role,omitempty"`
	Key     string   `json:"key,omitempty"`
	Format  Format   `json:"format,omitempty"`
	Aliases []string `json:"aliases,omitempty"`
	RS      int      `json:"rs,omitempty"`
	CS      int      `json:"cs,omitempty"`
}

// Placed is a spec cell at its resolved grid position (zero-based).
type Placed struct {
	CellSpec
	Row, Col         int
	RowSpan, ColSpan int
}

// Table is one official table of one edition, resolved to a grid.
type Table struct {
	ID         string        `json:"table"` // "t2", "t3", "t4"
	Edition    model.Edition `json:"edition"`
	Title      string        `json:"title"`
	Widths     []float64     `json:"widths"`      // relative column widths (≈ characters)
	HeaderRows int           `json:"header_rows"` // rows of column headers repeated on each page
	Layout     [][]CellSpec  `json:"rows"`

	Cols, NRows int
	Cells       []Placed // in reading order
	// Grid[r][c] is the index in Cells of the cell covering (r, c).
	Grid [][]int
	// Keys lists the table's field keys in reading order.
	Keys []string
	// Data lists the rows that hold value cells, top to bottom.
	Data  []DataRow
	byKey map[string]*KeyInfo
}

// DataRow is a row of value cells with the labels that name it.
type DataRow struct {
	Row int
	// Labels are the row-label texts covering this row, outer to inner, e.g.
	// ["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密"].
	Labels []string
	// Aliases holds, per label, other spellings of it.
	Aliases [][]string
	// Banner is the sub-table title above this row (table 二), or "".
	Banner string
	// Keys are the row's value keys left to right.
	Keys []string
}

// KeyInfo places one field key.
type KeyInfo struct {
	Key       string
	Table     *Table
	Cell      Placed
	Format    Format
	RowLabels []string // outer to inner
	ColLabels []string // top to bottom, banner excluded
	Banner    string
}

// Field is one row of fields.tsv.
type Field struct {
	Key         string
	Edition     model.Edition
	Table       int
	Group       string
	RowLabel    string
	ColumnLabel string
}

// Set is every table of every edition, validated.
type Set struct {
	allKeys map[model.Edition][]string
	tables  map[model.Edition][]*Table
	keys    map[model.Edition]map[string]*KeyInfo
	fields  map[model.Edition][]Field

	labels sync.Map // *KeyInfo → its Label, built on first use (checks ask often)
}

var (
	defaultOnce sync.Once
	defaultSet  *Set
	defaultErr  error
)

// Default returns the embedded specs, loaded and validated once per process.
// It panics if the embedded data is invalid, which the package tests rule out.
func Default() *Set {
	defaultOnce.Do(func() { defaultSet, defaultErr = Load(embedded) })
	if defaultErr != nil {
		panic("templates: embedded specs are invalid: " + defaultErr.Error())
	}
	return defaultSet
}

// Editions lists the editions that have tables.
func Editions() []model.Edition { return []model.Edition{model.Edition2019, model.Edition2021} }

// Load reads fields.tsv and specs/<edition>/<table>.json from fsys and validates them.
func Load(fsys fs.FS) (*Set, error) {
	fields, err := loadFields(fsys)
	if err != nil {
		return nil, err
	}
	s := &Set{allKeys: map[model.Edition][]string{}, tables: map[model.Edition][]*Table{}, keys: map[model.Edition]map[string]*KeyInfo{}, fields: fields}
	for _, ed := range Editions() {
		s.keys[ed] = map[string]*KeyInfo{}
		for _, id := range []string{"t2", "t3", "t4"} {
			name := path.Join("specs", string(ed), id+".json")
			b, err := fs.ReadFile(fsys, name)
			if err != nil {
				return nil, err
			}
			t := &Table{}
			dec := json.NewDecoder(strings.NewReader(string(b)))
			dec.DisallowUnknownFields()
			if err := dec.Decode(t); err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			if t.ID != id || t.Edition != ed {
				return nil, fmt.Errorf("%s: declares table %q edition %q", name, t.ID, t.Edition)
			}
			if err := t.resolve(); err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			for _, k := range t.Keys {
				if _, dup := s.keys[ed][k]; dup {
					return nil, fmt.Errorf("%s: key %s placed twice in edition %s", name, k, ed)
				}
				s.keys[ed][k] = t.byKey[k]
			}
			s.tables[ed] = append(s.tables[ed], t)
		}
		if err := s.checkFields(ed); err != nil {
			return nil, err
		}
		for _, t := range s.tables[ed] {
			s.allKeys[ed] = append(s.allKeys[ed], t.Keys...)
		}
	}
	return s, nil
}

func loadFields(fsys fs.FS) (map[model.Edition][]Field, error) {
	b, err := fs.ReadFile(fsys, "fields.tsv")
	if err != nil {
		return nil, err
	}
	out := map[model.Edition][]Field{}
	for i, line := range strings.Split(strings.TrimRight(string(b), "\n"), "\n") {
		if i == 0 {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 6 {
			return nil, fmt.Errorf("fields.tsv:%d: want 6 columns, got %d", i+1, len(f))
		}
		var tab int
		if _, err := fmt.Sscanf(f[2], "%d", &tab); err != nil {
			return nil, fmt.Errorf("fields.tsv:%d: table %q", i+1, f[2])
		}
		ed := model.Edition(f[1])
		out[ed] = append(out[ed], Field{Key: f[0], Edition: ed, Table: tab, Group: f[3], RowLabel: f[4], ColumnLabel: f[5]})
	}
	return out, nil
}

// resolve places the cells on the grid and derives the labels of every key.
func (t *Table) resolve() error {
	t.Cols = len(t.Widths)
	if t.Cols == 0 {
		return fmt.Errorf("no column widths")
	}
	t.NRows = len(t.Layout)
	t.Grid = make([][]int, t.NRows)
	for r := range t.Grid {
		t.Grid[r] = make([]int, t.Cols)
		for c := range t.Grid[r] {
			t.Grid[r][c] = -1
		}
	}
	t.byKey = map[string]*KeyInfo{}
	for r, row := range t.Layout {
		c := 0
		for _, cs := range row {
			for c < t.Cols && t.Grid[r][c] >= 0 {
				c++
			}
			rs, cspan := max(cs.RS, 1), max(cs.CS, 1)
			if c+cspan > t.Cols || r+rs > t.NRows {
				return fmt.Errorf("row %d: cell %q overflows the %d×%d grid", r+1, cs.Text+cs.Key, t.NRows, t.Cols)
			}
			if cs.Key != "" {
				if cs.Role != "" && cs.Role != RoleValue {
					return fmt.Errorf("row %d: key %s with role %s", r+1, cs.Key, cs.Role)
				}
				cs.Role = RoleValue
				if cs.Format == "" {
					cs.Format = FormatCount
				}
			}
			switch cs.Role {
			case RoleBanner, RoleHeader, RoleLabel, RoleNote, RoleEmpty, RoleValue:
			default:
				return fmt.Errorf("row %d: cell %q has unknown role %q", r+1, cs.Text, cs.Role)
			}
			idx := len(t.Cells)
			for dr := 0; dr < rs; dr++ {
				for dc := 0; dc < cspan; dc++ {
					if t.Grid[r+dr][c+dc] >= 0 {
						return fmt.Errorf("row %d col %d: cell %q overlaps %q", r+dr+1, c+dc+1, cs.Text+cs.Key, t.Cells[t.Grid[r+dr][c+dc]].Text)
					}
					t.Grid[r+dr][c+dc] = idx
				}
			}
			t.Cells = append(t.Cells, Placed{CellSpec: cs, Row: r, Col: c, RowSpan: rs, ColSpan: cspan})
			c += cspan
		}
	}
	for r := range t.Grid {
		for c, idx := range t.Grid[r] {
			if idx < 0 {
				return fmt.Errorf("row %d col %d is not covered by any cell", r+1, c+1)
			}
		}
	}
	// Derive labels: banner = the last banner row above; column labels = header
	// cells above in the same column since that banner; row labels = label
	// cells to the left in the same grid row.
	banner, bannerRow := "", -1
	for r := 0; r < t.NRows; r++ {
		var dr *DataRow
		for c := 0; c < t.Cols; c++ {
			p := t.Cells[t.Grid[r][c]]
			if p.Row != r || p.Col != c {
				continue
			}
			if p.Role == RoleBanner {
				banner, bannerRow = p.Text, r
			}
			if p.Role != RoleValue {
				continue
			}
			ki := &KeyInfo{Key: p.Key, Table: t, Cell: p, Format: p.Format, Banner: banner}
			seen := map[int]bool{}
			for cc := 0; cc < c; cc++ {
				q := t.Cells[t.Grid[r][cc]]
				if q.Role == RoleLabel && !seen[t.Grid[r][cc]] {
					seen[t.Grid[r][cc]] = true
					ki.RowLabels = append(ki.RowLabels, q.Text)
				}
			}
			for rr := bannerRow + 1; rr < r; rr++ {
				idx := t.Grid[rr][c]
				q := t.Cells[idx]
				if q.Role == RoleHeader && !seen[idx] {
					seen[idx] = true
					ki.ColLabels = append(ki.ColLabels, q.Text)
				}
			}
			if dr == nil {
				dr = &DataRow{Row: r, Labels: ki.RowLabels, Banner: banner}
				for cc := 0; cc < c; cc++ {
					q := t.Cells[t.Grid[r][cc]]
					if q.Role == RoleLabel && (cc == 0 || t.Grid[r][cc] != t.Grid[r][cc-1]) {
						dr.Aliases = append(dr.Aliases, q.Aliases)
					}
				}
			}
			dr.Keys = append(dr.Keys, p.Key)
			t.Keys = append(t.Keys, p.Key)
			if _, dup := t.byKey[p.Key]; dup {
				return fmt.Errorf("key %s placed twice", p.Key)
			}
			t.byKey[p.Key] = ki
		}
		if dr != nil {
			t.Data = append(t.Data, *dr)
		}
	}
	if t.HeaderRows < 0 || t.HeaderRows > t.NRows {
		return fmt.Errorf("header_rows %d out of range", t.HeaderRows)
	}
	return nil
}

// checkFields verifies that the edition's keys are exactly those of fields.tsv
// and that the labels fields.tsv gives for each key surround it in the spec.
func (s *Set) checkFields(ed model.Edition) error {
	want := map[string]Field{}
	for _, f := range s.fields[ed] {
		want[f.Key] = f
	}
	for k := range s.keys[ed] {
		if _, ok := want[k]; !ok {
			return fmt.Errorf("edition %s: spec key %s is not in fields.tsv", ed, k)
		}
	}
	var missing []string
	for k, f := range want {
		ki, ok := s.keys[ed][k]
		if !ok {
			missing = append(missing, k)
			continue
		}
		if fmt.Sprintf("t%d", f.Table) != ki.Table.ID {
			return fmt.Errorf("edition %s: %s is in %s, fields.tsv says table %d", ed, k, ki.Table.ID, f.Table)
		}
		around := append(append(append([]string{}, ki.RowLabels...), ki.ColLabels...), ki.Banner)
		var need []string
		if f.RowLabel != "" {
			need = append(need, f.RowLabel)
		}
		// A "/" separates header levels ("法人或其他组织/商业企业"), except
		// inside a label that itself contains one ("本年增/减").
		for _, l := range []string{f.ColumnLabel, f.Group} {
			if l == "" {
				continue
			}
			if contains(around, l) {
				need = append(need, l)
			} else {
				need = append(need, strings.Split(l, "/")...)
			}
		}
		for _, n := range need {
			if !contains(around, n) {
				return fmt.Errorf("edition %s: %s: label %q from fields.tsv is not around the key in the spec (found %q)", ed, k, n, around)
			}
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return fmt.Errorf("edition %s: fields.tsv keys not placed in any spec: %s", ed, strings.Join(missing, ", "))
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Tables returns the tables of an edition in order (二, 三, 四), or nil.
func (s *Set) Tables(ed model.Edition) []*Table { return s.tables[ed] }

// Table returns one table ("t2", "t3", "t4") of an edition, or nil.
func (s *Set) Table(ed model.Edition, id string) *Table {
	for _, t := range s.tables[ed] {
		if t.ID == id {
			return t
		}
	}
	return nil
}

// Key returns where a key sits in an edition, or nil.
func (s *Set) Key(ed model.Edition, key string) *KeyInfo { return s.keys[ed][key] }

// Keys returns every key of an edition in table and reading order. The
// slice is shared: do not modify it.
func (s *Set) Keys(ed model.Edition) []string { return s.allKeys[ed] }

// Fields returns the fields.tsv rows of an edition in file order.
func (s *Set) Fields(ed model.Edition) []Field { return s.fields[ed] }

// Label returns a short Chinese label for a key: row label and column label,
// e.g. "一、本年新收政府信息公开申请数量 / 自然人".
func (s *Set) Label(ed model.Edition, key string) string {
	ki := s.Key(ed, key)
	if ki == nil {
		return key
	}
	if l, ok := s.labels.Load(ki); ok {
		return l.(string)
	}
	l := label(ki)
	s.labels.Store(ki, l)
	return l
}

func label(ki *KeyInfo) string {
	var parts []string
	if ki.Banner != "" {
		parts = append(parts, ki.Banner)
	}
	if n := len(ki.RowLabels); n > 0 {
		// Numbered items (1.属于国家秘密) are only unique inside their group.
		if n > 1 && ki.Table.ID == "t3" && strings.Contains(ki.RowLabels[n-2], "）") && !strings.HasPrefix(ki.RowLabels[n-1], "（") {
			parts = append(parts, ki.RowLabels[n-2]+ki.RowLabels[n-1])
		} else {
			parts = append(parts, ki.RowLabels[n-1])
		}
	}
	if n := len(ki.ColLabels); n > 0 {
		// The innermost header names the column; the outer levels
		// (申请人情况, 法人或其他组织, 行政诉讼) only where it is ambiguous.
		col := ki.ColLabels[n-1]
		if n > 1 && (ki.Table.ID == "t4" || col == "其他") {
			col = ki.ColLabels[n-2] + "·" + col
		}
		parts = append(parts, col)
	}
	return strings.Join(parts, " / ")
}
