package templates

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/govreport/govreport/convert/model"
)

//go:embed specs/*/*.json specs/*/fields.tsv
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

	// Ref is the table's entry in its edition.json (part, name, notes).
	Ref TableRef `json:"-"`

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
	// Row and Column are the key's second and third parts
	// ("t3.new.natural": "new", "natural").
	Row, Column string
	// SharedCol is set when another value cell of the same grid row has the
	// same innermost column label (table 四's 结果维持 under each block):
	// the label then needs its outer level to say which column it is.
	SharedCol bool
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

// Set is every edition and variant with its tables, validated. A Set is
// immutable once loaded and safe for concurrent use.
type Set struct {
	editions map[model.Edition]*Edition
	order    []*Edition
	allKeys  map[model.Edition][]string
	keys     map[model.Edition]map[string]*KeyInfo
	fields   map[model.Edition][]Field

	memoMu sync.Mutex
	memo   map[any]any

	labels sync.Map // *KeyInfo → its Label, built on first use (checks ask often)
}

func newSet() *Set {
	return &Set{editions: map[model.Edition]*Edition{}, allKeys: map[model.Edition][]string{},
		keys: map[model.Edition]map[string]*KeyInfo{}, fields: map[model.Edition][]Field{}}
}

var (
	defaultOnce sync.Once
	defaultSet  *Set
	defaultErr  error
)

// embeddedSpecs is the folder of the embedded editions, one value per
// process so that Load can tell its files (see decodeSpecFile).
var embeddedSpecs = sync.OnceValue(func() fs.FS {
	sub, err := fs.Sub(embedded, "specs")
	if err != nil {
		panic(err)
	}
	return sub
})

// Embedded returns the source of the embedded official editions.
func Embedded() Source {
	return Source{FS: embeddedSpecs(), Display: "templates/specs"}
}

// Default returns the embedded specs, loaded and validated once per process.
// It panics if the embedded data is invalid, which the package tests rule out.
func Default() *Set {
	defaultOnce.Do(func() { defaultSet, defaultErr = Load(Embedded()) })
	if defaultErr != nil {
		panic("templates: embedded specs are invalid: " + defaultErr.Error())
	}
	return defaultSet
}

// LoadDir returns the embedded editions extended by the edition and
// variant folders under dir (the --spec-dir of the command line): dir
// itself, or its subfolders, each holding an edition.json. Errors are
// *SpecError naming the file.
func LoadDir(dir string) (*Set, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, specErr(dir, "无法打开规格文件夹：%v", err)
	}
	if !fi.IsDir() {
		return nil, specErr(dir, "不是文件夹")
	}
	s, err := Load(Embedded(), Source{FS: os.DirFS(dir), Display: filepath.ToSlash(filepath.Clean(dir))})
	if err != nil {
		return nil, err
	}
	if len(s.order) == len(Default().order) {
		return nil, specErr(dir, "文件夹中没有找到 edition.json（每个版本或变体一个文件夹）")
	}
	return s, nil
}

// sortEditions orders the editions: official ones by the year they came
// into force, then variants by id.
func (s *Set) sortEditions() {
	sort.SliceStable(s.order, func(i, j int) bool {
		a, b := s.order[i], s.order[j]
		if a.Official() != b.Official() {
			return a.Official()
		}
		if a.Official() && a.From != b.From {
			return a.From < b.From
		}
		return a.Edition < b.Edition
	})
}

// Editions lists the ids of every edition and variant of the set: official
// editions by the year they came into force, then variants.
func (s *Set) Editions() []model.Edition {
	out := make([]model.Edition, len(s.order))
	for i, e := range s.order {
		out[i] = e.Edition
	}
	return out
}

// Official lists the official editions (those that extend nothing), oldest
// first.
func (s *Set) Official() []*Edition {
	var out []*Edition
	for _, e := range s.order {
		if e.Official() {
			out = append(out, e)
		}
	}
	return out
}

// Variants lists the variants that extend ed, directly or through another
// variant.
func (s *Set) Variants(ed model.Edition) []*Edition {
	var out []*Edition
	for _, e := range s.order {
		for b := e.Base; b != nil; b = b.Base {
			if b.Edition == ed {
				out = append(out, e)
				break
			}
		}
	}
	return out
}

// Edition returns an edition or variant of the set, or nil.
func (s *Set) Edition(ed model.Edition) *Edition { return s.editions[ed] }

// Has reports whether the set defines tables for ed.
func (s *Set) Has(ed model.Edition) bool { return s.editions[ed] != nil }

// InForce returns the official edition meant for reports of a year, or
// nil.
func (s *Set) InForce(year int) *Edition {
	var out *Edition
	for _, e := range s.Official() {
		if year >= e.From && (e.To == 0 || year <= e.To) {
			out = e
		}
	}
	return out
}

// Newest returns the official edition that came into force last.
func (s *Set) Newest() *Edition {
	off := s.Official()
	if len(off) == 0 {
		return nil
	}
	return off[len(off)-1]
}

// TableParts lists the report parts (1…6) holding a table in any edition
// of the set, in order.
func (s *Set) TableParts() []int {
	seen := map[int]bool{}
	var out []int
	for _, e := range s.order {
		for _, t := range e.Tables {
			if !seen[t.Part] {
				seen[t.Part] = true
				out = append(out, t.Part)
			}
		}
	}
	sort.Ints(out)
	return out
}

// Memo returns the value stored under key, building it once with build.
// Packages keep what they derive from a set (label matchers, rules) here,
// so that a set loaded at run time has its own and the embedded one is
// built once per process.
func (s *Set) Memo(key any, build func() any) any {
	s.memoMu.Lock()
	v, ok := s.memo[key]
	s.memoMu.Unlock()
	if ok {
		return v
	}
	// Built outside the lock: a builder may use other memos. Two callers
	// racing build twice and keep the first.
	v = build()
	s.memoMu.Lock()
	defer s.memoMu.Unlock()
	if old, ok := s.memo[key]; ok {
		return old
	}
	if s.memo == nil {
		s.memo = map[any]any{}
	}
	s.memo[key] = v
	return v
}

// resolve places the cells on the grid and derives the labels of every key.
func (t *Table) resolve() error {
	t.Cols = len(t.Widths)
	if t.Cols == 0 {
		return fmt.Errorf("没有列宽（widths）")
	}
	t.NRows = len(t.Layout)
	t.Grid = make([][]int, t.NRows)
	cells := make([]int, t.NRows*t.Cols) // the rows' backing array
	for i := range cells {
		cells[i] = -1
	}
	for r := range t.Grid {
		t.Grid[r] = cells[r*t.Cols : (r+1)*t.Cols : (r+1)*t.Cols]
	}
	n, values := 0, 0
	for _, row := range t.Layout {
		n += len(row)
		for _, cs := range row {
			if cs.Key != "" {
				values++
			}
		}
	}
	t.Cells = make([]Placed, 0, n)
	t.byKey = make(map[string]*KeyInfo, values)
	for r, row := range t.Layout {
		c := 0
		for _, cs := range row {
			for c < t.Cols && t.Grid[r][c] >= 0 {
				c++
			}
			rs, cspan := max(cs.RS, 1), max(cs.CS, 1)
			if c+cspan > t.Cols || r+rs > t.NRows {
				return fmt.Errorf("第 %d 行：单元格 %q 超出了 %d×%d 的表格（overflows）", r+1, cs.Text+cs.Key, t.NRows, t.Cols)
			}
			if cs.Key != "" {
				if cs.Role != "" && cs.Role != RoleValue {
					return fmt.Errorf("第 %d 行：字段 %s 的 role 是 %s，应为 value", r+1, cs.Key, cs.Role)
				}
				cs.Role = RoleValue
				if cs.Format == "" {
					cs.Format = FormatCount
				}
			}
			switch cs.Role {
			case RoleBanner, RoleHeader, RoleLabel, RoleNote, RoleEmpty, RoleValue:
			default:
				return fmt.Errorf("第 %d 行：单元格 %q 的 role %q 未知", r+1, cs.Text, cs.Role)
			}
			idx := len(t.Cells)
			for dr := 0; dr < rs; dr++ {
				for dc := 0; dc < cspan; dc++ {
					if t.Grid[r+dr][c+dc] >= 0 {
						return fmt.Errorf("第 %d 行第 %d 列：单元格 %q 与 %q 重叠", r+dr+1, c+dc+1, cs.Text+cs.Key, t.Cells[t.Grid[r+dr][c+dc]].Text)
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
				return fmt.Errorf("第 %d 行第 %d 列没有被任何单元格覆盖（not covered）", r+1, c+1)
			}
		}
	}
	// Derive labels: banner = the last banner row above; column labels = header
	// cells above in the same column since that banner; row labels = label
	// cells to the left in the same grid row.
	banner, bannerRow := "", -1
	var seen []int
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
			if parts := strings.Split(p.Key, "."); len(parts) == 3 && parts[1] != "" && parts[2] != "" {
				ki.Row, ki.Column = parts[1], parts[2]
			} else {
				return fmt.Errorf("字段 %s 应为“表格.行.列”三段，例如 t3.new.natural", p.Key)
			}
			seen = seen[:0] // the cells taken, a handful
			for cc := 0; cc < c; cc++ {
				q := t.Cells[t.Grid[r][cc]]
				if q.Role == RoleLabel && !slices.Contains(seen, t.Grid[r][cc]) {
					seen = append(seen, t.Grid[r][cc])
					ki.RowLabels = append(ki.RowLabels, q.Text)
				}
			}
			for rr := bannerRow + 1; rr < r; rr++ {
				idx := t.Grid[rr][c]
				q := t.Cells[idx]
				if q.Role == RoleHeader && !slices.Contains(seen, idx) {
					seen = append(seen, idx)
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
				return fmt.Errorf("字段 %s 出现了两次（placed twice）", p.Key)
			}
			t.byKey[p.Key] = ki
		}
		if dr != nil {
			t.Data = append(t.Data, *dr)
		}
	}
	// Column labels shared within a grid row.
	for _, d := range t.Data {
		n := map[string]int{}
		for _, k := range d.Keys {
			if cl := t.byKey[k].ColLabels; len(cl) > 0 {
				n[cl[len(cl)-1]]++
			}
		}
		for _, k := range d.Keys {
			if cl := t.byKey[k].ColLabels; len(cl) > 0 && n[cl[len(cl)-1]] > 1 {
				t.byKey[k].SharedCol = true
			}
		}
	}
	if t.HeaderRows < 0 || t.HeaderRows > t.NRows {
		return fmt.Errorf("header_rows %d 超出范围", t.HeaderRows)
	}
	return nil
}

// checkFields verifies that the edition's keys are exactly those of fields.tsv
// and that the labels fields.tsv gives for each key surround it in the spec.
func (s *Set) checkFields(ed model.Edition, file string) error {
	want := make(map[string]Field, len(s.fields[ed]))
	for _, f := range s.fields[ed] {
		want[f.Key] = f
	}
	for k := range s.keys[ed] {
		if _, ok := want[k]; !ok {
			return specErr(file, "版本 %s：规格中的字段 %s 不在 fields.tsv 中（not in fields.tsv）", ed, k)
		}
	}
	var missing []string
	var around []string
	for k, f := range want {
		ki, ok := s.keys[ed][k]
		if !ok {
			missing = append(missing, k)
			continue
		}
		if "t"+strconv.Itoa(f.Table) != ki.Table.ID {
			return specErr(file, "版本 %s：字段 %s 在表格 %s 中，fields.tsv 写的是表 %d", ed, k, ki.Table.ID, f.Table)
		}
		around = append(append(append(around[:0], ki.RowLabels...), ki.ColLabels...), ki.Banner)
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
				return specErr(file, "版本 %s：字段 %s：fields.tsv 中的标签 %q 不在规格中该字段的行列标签里（not around the key；实际为 %q）", ed, k, n, around)
			}
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return specErr(file, "版本 %s：fields.tsv 中的这些字段没有出现在任何表格规格中：%s", ed, strings.Join(missing, ", "))
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
func (s *Set) Tables(ed model.Edition) []*Table {
	if e := s.editions[ed]; e != nil {
		return e.tables
	}
	return nil
}

// Table returns one table ("t2", "t3", "t4") of an edition, or nil.
func (s *Set) Table(ed model.Edition, id string) *Table {
	for _, t := range s.Tables(ed) {
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
	l := keyLabel(ki)
	s.labels.Store(ki, l)
	return l
}

// keyLabel builds Label's text for ki.
func keyLabel(ki *KeyInfo) string {
	var parts []string
	if ki.Banner != "" {
		parts = append(parts, ki.Banner)
	}
	if n := len(ki.RowLabels); n > 0 {
		// Numbered items (1.属于国家秘密) are only unique inside their group.
		if n > 1 && strings.Contains(ki.RowLabels[n-2], "）") && !strings.HasPrefix(ki.RowLabels[n-1], "（") {
			parts = append(parts, ki.RowLabels[n-2]+ki.RowLabels[n-1])
		} else {
			parts = append(parts, ki.RowLabels[n-1])
		}
	}
	if n := len(ki.ColLabels); n > 0 {
		// The innermost header names the column; the outer levels
		// (申请人情况, 法人或其他组织, 行政诉讼) only where it is ambiguous.
		col := ki.ColLabels[n-1]
		if n > 1 && (ki.SharedCol || col == "其他") {
			col = ki.ColLabels[n-2] + "·" + col
		}
		parts = append(parts, col)
	}
	return strings.Join(parts, " / ")
}

// RowLabel is Label without the column: the row a key is in, e.g.
// "（三）不予公开1.属于国家秘密".
func (s *Set) RowLabel(ed model.Edition, key string) string {
	ki := s.Key(ed, key)
	if ki == nil {
		return key
	}
	l := s.Label(ed, key)
	if n := len(ki.ColLabels); n > 0 {
		col := ki.ColLabels[n-1]
		if n > 1 && (ki.SharedCol || col == "其他") {
			col = ki.ColLabels[n-2] + "·" + col
		}
		l = strings.TrimSuffix(l, " / "+col)
	}
	return l
}

// RowIDs lists the row ids of the table's keys ("new", "carried_over" …)
// in order.
func (t *Table) RowIDs() []string {
	var out []string
	seen := map[string]bool{}
	for _, k := range t.Keys {
		if r := t.byKey[k].Row; !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	return out
}

// ColumnIDs lists the column ids of the table's keys ("natural" …, or
// "upheld" … for table 四) in order of first appearance.
func (t *Table) ColumnIDs() []string {
	var out []string
	seen := map[string]bool{}
	for _, k := range t.Keys {
		if c := t.byKey[k].Column; !seen[c] {
			seen[c] = true
			out = append(out, c)
		}
	}
	return out
}

// KeyInfo returns where a key of the table sits, or nil.
func (t *Table) KeyInfo(key string) *KeyInfo { return t.byKey[key] }

// FirstValueCol is the leftmost grid column holding a value cell: the
// columns left of it hold the row labels.
func (t *Table) FirstValueCol() int {
	c := t.Cols
	for _, pc := range t.Cells {
		if pc.Role == RoleValue && pc.Col < c {
			c = pc.Col
		}
	}
	if c == t.Cols {
		return 0
	}
	return c
}

// ValueRow reports whether the table's data rows have no row labels
// (table 四: one row of values under column headers).
func (t *Table) ValueRow() bool {
	for _, d := range t.Data {
		if len(d.Labels) > 0 {
			return false
		}
	}
	return len(t.Data) > 0
}
