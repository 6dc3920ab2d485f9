package templates

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/govreport/govreport/convert/oserr"
	"hash/crc32"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/govreport/govreport/convert/model"
)

// EditionSpec is an edition.json file: what the code needs to know about an
// edition besides its tables' layout. A variant (Extends set) inherits every
// field it leaves out from its base edition.
type EditionSpec struct {
	// Edition is the id written in Meta.Edition, JSON and workbooks: "2019",
	// "2021", or a variant's own id such as "2021-gd". Lower-case letters,
	// digits, "-" and "_"; "legacy" and "unknown" are reserved.
	Edition model.Edition `json:"edition"`
	// Extends names the edition a variant builds on; empty for an official
	// edition.
	Extends model.Edition `json:"extends,omitempty"`
	// Document is the notice that published the edition, e.g.
	// 国办公开办函〔2021〕30号.
	Document string `json:"document,omitempty"`
	// From and To are the first and last report years the edition is meant
	// for (To 0: still in force).
	From int `json:"from,omitempty"`
	To   int `json:"to,omitempty"`
	// Notice is how covers and workbooks name the edition, e.g.
	// 2021版（国办公开办函〔2021〕30号）.
	Notice string `json:"notice,omitempty"`
	// Signatures are labels found in this edition's tables only: seeing them
	// in a report decides the edition. A variant's signatures are the labels
	// that tell it from its base; when a variant lists none, the row labels
	// of the rows it adds are used.
	Signatures []string `json:"signatures,omitempty"`
	// Tables lists the edition's tables in order. A variant's entry replaces
	// the base entry with the same id (fields left out are inherited); new
	// ids are appended.
	Tables []TableRef `json:"tables,omitempty"`
	// Rules are the equation checks (see Rule); a variant's rule replaces
	// the base rule with the same id, new ids are appended.
	Rules []Rule `json:"rules,omitempty"`
	// NonNeg lists the tables whose values must be whole numbers ≥ 0.
	NonNeg []string `json:"nonneg,omitempty"`
	// Cross are the checks between the reports of consecutive years.
	Cross []CrossRule `json:"cross,omitempty"`
}

// TableRef places one table of an edition.
type TableRef struct {
	// ID is the table id, the first part of its keys ("t3").
	ID string `json:"table"`
	// Part is the report part (1…6) whose text holds the table.
	Part int `json:"part,omitempty"`
	// File is the table's spec file in the edition's folder. From instead
	// takes the table of another edition as it is (the mixed form: a 2021
	// report with the 2019 table 三).
	File string        `json:"file,omitempty"`
	From model.Edition `json:"from,omitempty"`
	// Name is the table's short Chinese name (表三): sheet names and
	// messages.
	Name string `json:"name,omitempty"`
	// Guess marks the table whose row structure decides the edition when no
	// signature label was seen.
	Guess bool `json:"guess,omitempty"`
	// CheckNote is the note under the table's live checks in a template.
	CheckNote string `json:"check_note,omitempty"`
}

// Rule is a family of equation checks over one table whose keys are
// "<table>.<row>.<column>": for each column (Each "column") the rows in
// Left add up to the rows in Right, or for each row (Each "row") the
// columns in Left add up to those in Right. "*" in Left or Right stands for
// every row (or column) of the table except those in Except, so that a
// variant's extra row is summed where its base's rows are. A check's id is
// ID + "." + the column or row, e.g. T3-BALANCE.natural.
type Rule struct {
	ID     string   `json:"id"`
	Table  string   `json:"table"`
	Each   string   `json:"each"`
	Left   []string `json:"left"`
	Right  []string `json:"right"`
	Except []string `json:"except,omitempty"`
	// What is the check's Chinese description; {name} stands for the
	// column's or row's name.
	What string `json:"what"`
	// Bad is what a template's live check shows when the sums differ.
	Bad string `json:"bad"`
	// Label is the text beside (column rules) or above (row rules) a
	// template's live checks.
	Label string `json:"label,omitempty"`
	// Names are the Chinese names of the terms in What ("other_org":
	// "其他组织"); a term without one is named by its column label (column
	// rules) or its row labels (row rules).
	Names map[string]string `json:"names,omitempty"`
}

// CrossRule is a check between two consecutive years of one agency:
// Now(N) = Prev(N−1) [+ Plus(N) − Minus(N)]. It applies when both reports'
// editions have its keys.
type CrossRule struct {
	ID       string `json:"id"`
	Now      string `json:"now"`
	Prev     string `json:"prev"`
	Plus     string `json:"plus,omitempty"`
	Minus    string `json:"minus,omitempty"`
	NowName  string `json:"now_name"`
	PrevName string `json:"prev_name,omitempty"`
}

// Edition is one loaded edition or variant: its spec with everything
// inherited filled in, and its resolved tables.
type Edition struct {
	EditionSpec
	// Dir is the folder the edition was loaded from, for messages.
	Dir string
	// Base is the edition a variant extends, nil for an official edition.
	Base *Edition
	// Own are the keys a variant adds to its base (fields.tsv of its
	// folder), in table order.
	Own []string

	tables []*Table
}

// Official reports whether the edition is an official one (not a variant).
func (e *Edition) Official() bool { return e.Base == nil }

// Root returns the official edition a variant descends from (e itself for
// an official edition).
func (e *Edition) Root() *Edition {
	for e.Base != nil {
		e = e.Base
	}
	return e
}

// Ref returns the table entry with the given id, or nil.
func (e *Edition) Ref(id string) *TableRef {
	for i := range e.Tables {
		if e.Tables[i].ID == id {
			return &e.Tables[i]
		}
	}
	return nil
}

// SpecError is a spec folder that cannot be loaded; File names the file
// at fault, Msg says why in Chinese.
type SpecError struct {
	File string
	Msg  string
}

func (e *SpecError) Error() string { return "表格规格文件 " + e.File + "：" + e.Msg }

// specErr builds a SpecError.
func specErr(file, format string, args ...any) *SpecError {
	return &SpecError{File: file, Msg: fmt.Sprintf(format, args...)}
}

// reservedSheets are the other sheets of the workbooks package xlsx writes.
var reservedSheets = []string{"封面", "正文", "校验结果", "_govreport"}

// validEditionID reports whether id is an edition identifier: one to 40
// lower-case ASCII letters, digits, "-" and "_", not starting with "-" or
// "_" (the expression ^[a-z0-9][a-z0-9_-]{0,39}$, whose compilation was a
// twentieth of the instructions of a whole convert process).
func validEditionID(id string) bool {
	if id == "" || len(id) > 40 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || i > 0 && (c == '-' || c == '_')) {
			return false
		}
	}
	return true
}

// folder is one edition folder found in a source.
type folder struct {
	fsys    fs.FS
	dir     string // path inside fsys
	display string // path for messages
	spec    EditionSpec
}

// findFolders lists the edition folders of fsys: fsys itself, its
// subfolders and theirs, whichever hold an edition.json.
func findFolders(fsys fs.FS, display string) ([]folder, error) {
	var dirs []string
	var walk func(dir string, depth int) error
	walk = func(dir string, depth int) error {
		if _, err := fs.Stat(fsys, path.Join(dir, "edition.json")); err == nil {
			dirs = append(dirs, dir)
			return nil
		}
		if depth == 2 {
			return nil
		}
		ents, err := fs.ReadDir(fsys, dir)
		if err != nil {
			return specErr(displayPath(display, dir), "无法读取文件夹（%s）", oserr.Message(err))
		}
		for _, e := range ents {
			if e.IsDir() && !strings.HasPrefix(e.Name(), ".") {
				if err := walk(path.Join(dir, e.Name()), depth+1); err != nil {
					return err
				}
			}
		}
		return nil
	}
	if err := walk(".", 0); err != nil {
		return nil, err
	}
	var out []folder
	for _, d := range dirs {
		fo := folder{fsys: fsys, dir: d, display: displayPath(display, d)}
		name := path.Join(d, "edition.json")
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, specErr(displayPath(display, name), "无法读取（%s）", oserr.Message(err))
		}
		if err := decodeSpecFile(fsys, name, b, &fo.spec); err != nil {
			return nil, specErr(displayPath(display, name), "%v", err)
		}
		out = append(out, fo)
	}
	return out, nil
}

func displayPath(display, p string) string {
	if display == "" {
		return p
	}
	if p == "." {
		return display
	}
	return display + "/" + p
}

// decodeSpecFile decodes the spec file name of fsys, whose bytes are b, into
// v (*EditionSpec or *Table): as decodeStrict does, or, for a file of the
// embedded editions, by copying what decoding it gives, which package
// predecoded.go holds (generated from the same files; TestPredecoded
// checks it is current, and the file's length and checksum are compared
// here before it is used). Decoding the embedded JSON was about a twelfth
// of the instructions of a whole convert process.
func decodeSpecFile(fsys fs.FS, name string, b []byte, v any) error {
	if fsys == embeddedSpecs() {
		if n, sum, d := predecodedSpec(name); d != nil && n == len(b) && sum == crc32.ChecksumIEEE(b) {
			switch p := v.(type) {
			case *EditionSpec:
				if d, ok := d.(*EditionSpec); ok {
					*p = *d
					return nil
				}
			case *Table:
				if d, ok := d.(*Table); ok {
					*p = *d
					return nil
				}
			}
		}
	}
	return decodeStrict(b, v)
}

// decodeStrict decodes JSON refusing unknown fields, with the error in
// Chinese.
func decodeStrict(b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		if se, ok := err.(*json.SyntaxError); ok {
			return fmt.Errorf("JSON 格式错误（第 %d 个字节附近）：%v", se.Offset, err)
		}
		if errors.Is(err, io.ErrUnexpectedEOF) {
			return fmt.Errorf("JSON 格式错误：文件不完整（%v）", err)
		}
		return fmt.Errorf("内容不符合规格格式：%v", err)
	}
	return nil
}

// Source is a place spec folders are loaded from: an fs.FS and how to name
// its files in messages (for a --spec-dir, the folder as given).
type Source struct {
	FS      fs.FS
	Display string
}

// Load reads and validates every edition folder of the sources, in order.
// An edition folder holds edition.json, the table files it names and a
// fields.tsv for the keys it defines. The embedded editions load through
// this same function (see Default); later sources may extend them.
func Load(sources ...Source) (*Set, error) {
	var all []folder
	for _, src := range sources {
		fo, err := findFolders(src.FS, src.Display)
		if err != nil {
			return nil, err
		}
		all = append(all, fo...)
	}
	s := newSet()
	byID := map[model.Edition]*folder{}
	for i := range all {
		fo := &all[i]
		ed := fo.spec.Edition
		file := displayPath(fo.display, "edition.json")
		switch {
		case ed == "":
			return nil, specErr(file, "没有写明 edition（版本标识）")
		case ed == model.EditionLegacy || ed == model.EditionUnknown:
			return nil, specErr(file, "版本标识 %q 是保留字", ed)
		case !validEditionID(string(ed)):
			return nil, specErr(file, "版本标识 %q 只能由小写字母、数字、“-”和“_”组成（不超过 40 个字符）", ed)
		}
		if prev, dup := byID[ed]; dup {
			return nil, specErr(file, "版本标识 %q 与 %s 重复", ed, displayPath(prev.display, "edition.json"))
		}
		byID[ed] = fo
	}
	// Official editions first (a variant's keys are checked against all of
	// them), then variants once their base is loaded.
	done := map[model.Edition]bool{}
	for i := range all {
		if fo := &all[i]; fo.spec.Extends == "" {
			if err := s.add(fo); err != nil {
				return nil, err
			}
			done[fo.spec.Edition] = true
		}
	}
	for len(done) < len(all) {
		progress := false
		for i := range all {
			fo := &all[i]
			if done[fo.spec.Edition] {
				continue
			}
			if b := fo.spec.Extends; !done[b] {
				if _, ok := byID[b]; !ok {
					return nil, specErr(displayPath(fo.display, "edition.json"), "extends 指向不存在的版本 %q", b)
				}
				continue
			}
			if err := s.add(fo); err != nil {
				return nil, err
			}
			done[fo.spec.Edition] = true
			progress = true
		}
		if !progress {
			for i := range all {
				if !done[all[i].spec.Edition] {
					return nil, specErr(displayPath(all[i].display, "edition.json"), "extends 形成循环")
				}
			}
		}
	}
	s.sortEditions()
	return s, nil
}

// inherit fills what a variant leaves out from its base.
func inherit(sp EditionSpec, base *Edition) EditionSpec {
	if base == nil {
		return sp
	}
	b := base.EditionSpec
	if sp.Document == "" {
		sp.Document = b.Document
	}
	if sp.From == 0 && sp.To == 0 {
		sp.From, sp.To = b.From, b.To
	}
	if sp.Notice == "" {
		sp.Notice = b.Notice
	}
	// A base table the variant keeps is taken from the base as resolved
	// (no file of the variant's folder).
	tables := append([]TableRef{}, b.Tables...)
	for i := range tables {
		tables[i].File, tables[i].From = "", ""
	}
	for _, t := range sp.Tables {
		replaced := false
		for i := range tables {
			if tables[i].ID == t.ID {
				bt := tables[i]
				if t.Part == 0 {
					t.Part = bt.Part
				}
				if t.Name == "" {
					t.Name = bt.Name
				}
				if t.CheckNote == "" {
					t.CheckNote = bt.CheckNote
				}
				t.Guess = t.Guess || bt.Guess
				tables[i], replaced = t, true
			}
		}
		if !replaced {
			tables = append(tables, t)
		}
	}
	sp.Tables = tables
	rules := append([]Rule{}, b.Rules...)
	for _, r := range sp.Rules {
		replaced := false
		for i := range rules {
			if rules[i].ID == r.ID {
				rules[i], replaced = r, true
			}
		}
		if !replaced {
			rules = append(rules, r)
		}
	}
	sp.Rules = rules
	if sp.NonNeg == nil {
		sp.NonNeg = b.NonNeg
	}
	if sp.Cross == nil {
		sp.Cross = b.Cross
	}
	return sp
}

// add loads, resolves and validates one edition folder.
func (s *Set) add(fo *folder) error {
	var base *Edition
	if fo.spec.Extends != "" {
		base = s.editions[fo.spec.Extends]
	}
	e := &Edition{EditionSpec: inherit(fo.spec, base), Dir: fo.display, Base: base}
	ed := e.Edition
	file := func(name string) string { return displayPath(fo.display, name) }
	edFile := file("edition.json")
	if len(e.Tables) == 0 {
		return specErr(edFile, "没有列出任何表格（tables）")
	}
	// Fields: the folder's own fields.tsv, plus, for a variant, the rows of
	// the editions its tables come from.
	own, err := loadFields(fo.fsys, path.Join(fo.dir, "fields.tsv"), file("fields.tsv"), ed, base == nil)
	if err != nil {
		return err
	}
	// Sized for the folder's fields; a variant adds its base's few.
	fields := make(map[string]Field, len(own))
	var order []Field
	if len(own) > 0 {
		order = make([]Field, 0, len(own))
	}
	for _, f := range own {
		if _, dup := fields[f.Key]; dup {
			return specErr(file("fields.tsv"), "字段 %s 重复", f.Key)
		}
		if base != nil {
			for _, oe := range s.order {
				if oe.Official() && s.keys[oe.Edition][f.Key] != nil {
					return specErr(file("fields.tsv"), "字段 %s 是%s版的正式字段：变体新增的字段不能与正式字段同名，请换一个名称", f.Key, oe.Edition)
				}
			}
		}
		fields[f.Key] = f
		order = append(order, f)
	}
	s.keys[ed] = make(map[string]*KeyInfo, len(own))
	seenID, seenName := map[string]bool{}, map[string]bool{}
	for _, ref := range e.Tables {
		if ref.ID == "" || seenID[ref.ID] {
			return specErr(edFile, "表格标识 %q 为空或重复", ref.ID)
		}
		seenID[ref.ID] = true
		if ref.Part < 1 || ref.Part > 6 {
			return specErr(edFile, "表格 %s 的 part 应为 1 至 6（所在的报告部分）", ref.ID)
		}
		if ref.Name == "" {
			return specErr(edFile, "表格 %s 没有名称（name）", ref.ID)
		}
		// The name is also the table's sheet in workbooks.
		if utf8.RuneCountInString(ref.Name) > 31 || strings.ContainsAny(ref.Name, `[]:*?/\'`) || contains(reservedSheets, ref.Name) || seenName[ref.Name] {
			return specErr(edFile, "表格 %s 的名称 %q 不能用作工作表名（不超过 31 个字，不含 []:*?/\\ 和引号，不与其他表或“封面”“正文”“校验结果”重名）", ref.ID, ref.Name)
		}
		seenName[ref.Name] = true
		var t *Table
		var name string
		var from model.Edition
		switch {
		case ref.From != "" && ref.File != "":
			return specErr(edFile, "表格 %s 同时写了 file 和 from", ref.ID)
		case ref.From != "":
			src := s.Table(ref.From, ref.ID)
			if src == nil {
				return specErr(edFile, "表格 %s 的 from 指向没有这张表的版本 %q", ref.ID, ref.From)
			}
			name, from = edFile, ref.From
			t = &Table{ID: src.ID, Title: src.Title, Widths: src.Widths, HeaderRows: src.HeaderRows, Layout: src.Layout}
		case base != nil && ref.File == "":
			// Inherited unchanged from the base.
			src := s.Table(base.Edition, ref.ID)
			name, from = edFile, base.Edition
			t = &Table{ID: src.ID, Title: src.Title, Widths: src.Widths, HeaderRows: src.HeaderRows, Layout: src.Layout}
		default:
			if ref.File == "" {
				return specErr(edFile, "表格 %s 没有写明规格文件（file）", ref.ID)
			}
			name = file(ref.File)
			b, err := fs.ReadFile(fo.fsys, path.Join(fo.dir, ref.File))
			if err != nil {
				return specErr(name, "无法读取（%s）", oserr.Message(err))
			}
			t = &Table{}
			if err := decodeSpecFile(fo.fsys, path.Join(fo.dir, ref.File), b, t); err != nil {
				return specErr(name, "%v", err)
			}
			if t.ID != ref.ID || t.Edition != ed {
				return specErr(name, "文件声明的是表格 %q、版本 %q，edition.json 中是表格 %q、版本 %q", t.ID, t.Edition, ref.ID, ed)
			}
		}
		t.Edition, t.Ref = ed, ref
		if err := t.resolve(); err != nil {
			return specErr(name, "%v", err)
		}
		for _, k := range t.Keys {
			if _, dup := s.keys[ed][k]; dup {
				return specErr(name, "字段 %s 在版本 %s 中出现了两次", k, ed)
			}
			if !strings.HasPrefix(k, t.ID+".") {
				return specErr(name, "字段 %s 应以表格标识 %s. 开头", k, t.ID)
			}
			s.keys[ed][k] = t.byKey[k]
			if _, ok := fields[k]; ok {
				continue
			}
			// Not in the folder's fields.tsv: inherited from the edition
			// the table comes from.
			if from != "" {
				if f, ok := s.field(from, k); ok {
					f.Edition = ed
					fields[k] = f
					order = append(order, f)
				}
			} else if base != nil {
				if f, ok := s.field(base.Edition, k); ok {
					f.Edition = ed
					fields[k] = f
					order = append(order, f)
				}
			}
		}
		e.tables = append(e.tables, t)
	}
	for _, t := range e.tables {
		s.allKeys[ed] = append(s.allKeys[ed], t.Keys...)
	}
	if base != nil {
		for _, k := range s.allKeys[ed] {
			if s.keys[base.Edition][k] == nil {
				e.Own = append(e.Own, k)
			}
		}
	}
	// Fields in key order for variants, in file order for official editions.
	if base != nil {
		idx := map[string]int{}
		for i, k := range s.allKeys[ed] {
			idx[k] = i
		}
		sort.SliceStable(order, func(i, j int) bool { return rank(idx, order[i].Key) < rank(idx, order[j].Key) })
	}
	s.fields[ed] = order
	s.editions[ed] = e
	// The embedded editions pass these checks (TestEmbeddedChecks); every
	// process repeating them was a fortieth of a convert's time.
	if fo.fsys != embeddedSpecs() {
		if err := s.checkFields(ed, file("fields.tsv")); err != nil {
			return err
		}
		if err := s.checkSpec(e, edFile); err != nil {
			return err
		}
	}
	if len(e.Signatures) == 0 && base != nil {
		e.Signatures = addedLabels(e, base, s)
	}
	s.order = append(s.order, e)
	return nil
}

func rank(idx map[string]int, k string) int {
	if i, ok := idx[k]; ok {
		return i
	}
	return len(idx)
}

// addedLabels are the innermost row labels of the data rows a variant adds
// (rows none of whose keys its base has): what tells a report of the
// variant from one of its base.
func addedLabels(e, base *Edition, s *Set) []string {
	var out []string
	seen := map[string]bool{}
	for _, t := range e.tables {
		for _, d := range t.Data {
			added := true
			for _, k := range d.Keys {
				if s.keys[base.Edition][k] != nil {
					added = false
				}
			}
			if added && len(d.Labels) > 0 {
				l := d.Labels[len(d.Labels)-1]
				if !seen[l] {
					seen[l] = true
					out = append(out, l)
				}
			}
		}
	}
	return out
}

// field returns the fields.tsv row of a key of an edition.
func (s *Set) field(ed model.Edition, key string) (Field, bool) {
	for _, f := range s.fields[ed] {
		if f.Key == key {
			return f, true
		}
	}
	return Field{}, false
}

// checkSpec validates what edition.json says beyond the tables: rules name
// existing tables and rows, NonNeg and Cross name existing tables and keys.
func (s *Set) checkSpec(e *Edition, file string) error {
	ids := map[string]bool{}
	for _, r := range e.Rules {
		if r.ID == "" || ids[r.ID] {
			return specErr(file, "检查规则的 id %q 为空或重复", r.ID)
		}
		ids[r.ID] = true
		t := s.Table(e.Edition, r.Table)
		if t == nil {
			return specErr(file, "检查规则 %s 指向不存在的表格 %q", r.ID, r.Table)
		}
		if r.Each != "row" && r.Each != "column" {
			return specErr(file, "检查规则 %s 的 each 应为 row 或 column，而不是 %q", r.ID, r.Each)
		}
		if len(r.Left) == 0 || len(r.Right) == 0 || r.What == "" || r.Bad == "" {
			return specErr(file, "检查规则 %s 缺少 left、right、what 或 bad", r.ID)
		}
		// The terms name rows of a column rule, columns of a row rule.
		var ids []string
		if r.Each == "column" {
			ids = t.RowIDs()
		} else {
			ids = t.ColumnIDs()
		}
		for _, term := range append(append(append([]string{}, r.Left...), r.Right...), r.Except...) {
			if term == "*" {
				continue
			}
			if !contains(ids, term) {
				return specErr(file, "检查规则 %s 中的 %q 不是表格 %s 的%s", r.ID, term, r.Table, map[string]string{"row": "列", "column": "行"}[r.Each])
			}
		}
	}
	for _, id := range e.NonNeg {
		if s.Table(e.Edition, id) == nil {
			return specErr(file, "nonneg 中的表格 %q 不存在", id)
		}
	}
	for _, c := range e.Cross {
		if c.ID == "" || c.Now == "" || c.Prev == "" || c.NowName == "" {
			return specErr(file, "跨年检查 %q 缺少 id、now、prev 或 now_name", c.ID)
		}
	}
	return nil
}

// plainNumber reads s when it is one to nine ASCII digits, as fmt.Sscanf's
// %d would (which loadFields leaves the other spellings to: it is a
// hundred times slower, and the shipped fields.tsv has 400 table numbers).
func plainNumber(s string) (int, bool) {
	if s == "" || len(s) > 9 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = 10*n + int(s[i]-'0')
	}
	return n, true
}

func loadFields(fsys fs.FS, name, display string, ed model.Edition, required bool) ([]Field, error) {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		if !required {
			return nil, nil
		}
		return nil, specErr(display, "无法读取：%v", err)
	}
	lines := strings.Split(strings.TrimRight(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n"), "\n")
	var out []Field
	if len(lines) > 1 {
		out = make([]Field, 0, len(lines)-1)
	}
	for i, line := range lines {
		if i == 0 {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 6 {
			return nil, specErr(fmt.Sprintf("%s:%d", display, i+1), "应有 6 列（用制表符分隔），实际 %d 列", len(f))
		}
		tab, ok := plainNumber(f[2])
		if !ok {
			if _, err := fmt.Sscanf(f[2], "%d", &tab); err != nil {
				return nil, specErr(fmt.Sprintf("%s:%d", display, i+1), "表格编号 %q 不是数字", f[2])
			}
		}
		if model.Edition(f[1]) != ed {
			return nil, specErr(fmt.Sprintf("%s:%d", display, i+1), "版本 %q 与所在文件夹的版本 %q 不同", f[1], ed)
		}
		out = append(out, Field{Key: f[0], Edition: ed, Table: tab, Group: f[3], RowLabel: f[4], ColumnLabel: f[5]})
	}
	return out, nil
}
