package xlsx

// The reader (xlsx → model): entry points and the reader's state. Its parts:
// read_meta.go (edition and metadata), read_tables.go and read_labels.go
// (tables by defined names, or by their labels), read_values.go (one cell's
// value), read_parts.go (the six parts' text), read_safety.go (input
// screening). The reader never calls into the writer.

import (
	"fmt"
	"github.com/govreport/govreport/convert/oserr"
	"io"
	"strings"

	"github.com/govreport/govreport/convert/input"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/templates"
)

// Layouts recorded in Meta.Layout.
const (
	// LayoutNames: every table was found through its defined names.
	LayoutNames = "xlsx-names"
	// LayoutLabels: at least one table was found through its labels.
	LayoutLabels = "xlsx-labels"
)

// Read reads a workbook holding the official tables (a filled template, a
// report workbook, or any workbook laid out like the printed form) into the
// report model. It does not run the checks; convert.ReadBytes does.
func Read(r io.Reader, o input.Options) (*model.Report, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, &model.ParseError{File: o.Name, Msg: "读取失败（" + oserr.Message(err) + "）"}
	}
	return ReadBytes(b, o)
}

// ReadBytes is Read for a workbook already in memory. Legacy .xls files,
// encrypted workbooks, files that are not workbooks, zip bombs and
// worksheets with huge dimensions give a *model.ParseError naming the file.
func ReadBytes(b []byte, o input.Options) (*model.Report, error) {
	rep, err, fast := readBytes(b, o, false)
	if fast && crossCheck != nil {
		rep2, err2, _ := readBytes(b, o, true)
		crossCheck(b, rep, err, rep2, err2)
	}
	return rep, err
}

// crossCheck, set by tests, sees the results of both paths for every
// workbook the fast path reads: they must be the same.
var crossCheck func(b []byte, fast *model.Report, fastErr error, slow *model.Report, slowErr error)

// readBytes reads with the fast path when it can (fast) unless slowOnly.
func readBytes(b []byte, o input.Options, slowOnly bool) (rep *model.Report, err error, fast bool) {
	// excelize is not written for hostile input; whatever it trips over in
	// a damaged file must become an error, not a crash.
	if recoverPanics {
		defer func() {
			if p := recover(); p != nil {
				rep, err = nil, &model.ParseError{File: o.Name, Msg: fmt.Sprintf("工作簿内容损坏，无法读取（%v）", p)}
			}
		}()
	}
	msg, formulas, parts := screen(b, o.Name)
	if msg != "" {
		return nil, &model.ParseError{File: o.Name, Msg: msg}, false
	}
	var src source
	if fb := openFast(b, parts); fb != nil && !slowOnly {
		src, fast = fb, true
	} else {
		sb, err := openSlow(b)
		if err != nil {
			return nil, &model.ParseError{File: o.Name, Msg: "工作簿已损坏或不是 Excel 工作簿（" + zipMessage(err) + "）"}, false
		}
		src = sb
	}
	defer src.Close()
	set := o.Specs
	if set == nil {
		set = templates.Default()
	}
	rd := &reader{f: src, set: set, name: o.Name, calc: formulas <= maxFormulas, grids: map[string]*grid{}}
	rep, err = rd.read()
	return rep, err, fast
}

// recoverPanics turns a panic while reading into a ParseError; tests turn
// it off to see where a panic comes from.
var recoverPanics = true

type reader struct {
	f     source
	set   *templates.Set
	name  string
	calc  bool // formulas may be computed
	sheet map[string]bool
	list  []string
	names map[string]string // lower-case defined name → target
	meta  map[string]string // hidden metadata sheet
	// metaDoubt and metaMissing: meta has a "doubt:…" or a "missing:…"
	// key (most workbooks have neither).
	metaDoubt, metaMissing bool
	grids                  map[string]*grid
	// anchors caches each table's anchors for the label search.
	anchors map[*templates.Table]*anchorIndex
	rep     *model.Report
	// claimed maps "sheet!cell" to the key read from it, so that one
	// merged cell is never read as two values.
	claimed map[string]string
	// broken holds, per sheet, the error its XML gave (nil: readable).
	// excelize does not keep a worksheet it failed to parse and parses it
	// again on every access, so a broken sheet is probed once and then
	// left alone.
	broken map[string]error
	fatal  *model.ParseError
}

// probe reports whether a sheet's XML can be parsed.
func (rd *reader) probe(sheet string) error {
	if err, ok := rd.broken[sheet]; ok {
		return err
	}
	err := rd.f.Probe(sheet)
	rd.broken[sheet] = err
	return err
}

func (rd *reader) finding(id string, st model.Status, keys []string, format string, args ...any) {
	rd.rep.AddFinding(model.Finding{ID: id, Status: st, Keys: keys, Message: fmt.Sprintf(format, args...)})
}

func (rd *reader) note(id, format string, args ...any) {
	rd.rep.AddFinding(model.Finding{ID: id, Status: model.Info, Message: fmt.Sprintf(format, args...)})
}

func (rd *reader) read() (*model.Report, error) {
	rd.list = rd.f.SheetList()
	if len(rd.list) == 0 {
		return nil, &model.ParseError{File: rd.name, Msg: "工作簿中没有工作表"}
	}
	rd.sheet = map[string]bool{}
	for _, s := range rd.list {
		rd.sheet[s] = true
	}
	rd.names = map[string]string{}
	for _, dn := range rd.f.DefinedNames() {
		n := strings.ToLower(dn.Name)
		if _, dup := rd.names[n]; !dup || dn.Scope == "Workbook" {
			rd.names[n] = dn.RefersTo
		}
	}
	rd.meta = map[string]string{}
	if rd.sheet[sheetMeta] {
		if rows, err := rd.f.AllRows(sheetMeta); err == nil {
			for _, row := range rows {
				if len(row) >= 1 && row[0] != "" {
					v := ""
					if len(row) >= 2 {
						v = row[1]
					}
					rd.meta[row[0]] = v
				}
			}
		}
	}
	for k := range rd.meta {
		rd.metaDoubt = rd.metaDoubt || strings.HasPrefix(k, "doubt:")
		rd.metaMissing = rd.metaMissing || strings.HasPrefix(k, "missing:")
	}
	rd.rep = &model.Report{Cells: map[string]*model.Cell{}}
	rd.claimed = map[string]string{}
	rd.broken = map[string]error{}
	m := &rd.rep.Meta
	m.Source = rd.name
	m.Layout = LayoutNames
	m.Edition = rd.edition()
	rd.readMeta()
	found := 0
	if rd.set.Has(m.Edition) {
		for _, t := range rd.set.Tables(m.Edition) {
			found += rd.readTable(t)
			if rd.fatal != nil {
				return nil, rd.fatal
			}
		}
	}
	rd.readParts()
	if found == 0 && !rd.hasText() {
		return nil, &model.ParseError{File: rd.name, Msg: "工作簿中没有找到年度报告的表格（表二、表三、表四）或正文；它不像是 govreport 模板或年度报告工作簿"}
	}
	return rd.rep, nil
}

func (rd *reader) hasText() bool {
	if rd.rep.Preamble != "" {
		return true
	}
	for _, p := range rd.rep.Parts {
		if p.Text != "" {
			return true
		}
	}
	return false
}

// ---- edition and metadata ----
