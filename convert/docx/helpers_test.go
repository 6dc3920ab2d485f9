package docx_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/govreport/govreport/convert"
	"github.com/govreport/govreport/convert/docx"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/outline"
)

// seeds are one report per edition: 002 is a 2019-edition report, 001 a
// 2021-edition one.
var seeds = []string{"002_b0e573aacea97adf", "001_1d4dd3ae0346d0fe"}

var testTime = time.Date(2021, 1, 11, 9, 0, 0, 0, time.UTC)

func readSeed(t testing.TB, name string) *model.Report {
	t.Helper()
	r, err := convert.ReadFile(filepath.Join("..", "..", "testdata", "seeds", name+".txt"), convert.ReadOptions{Name: name + ".txt"})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func writeDocx(t testing.TB, r *model.Report, o docx.Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := docx.Write(&buf, r, o); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// unzip returns the entries of a zip in order, failing the test when the
// archive does not open.
func unzip(t testing.TB, b []byte) (names []string, data map[string][]byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatalf("zip does not open: %v", err)
	}
	data = map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		d, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		names = append(names, f.Name)
		data[f.Name] = d
	}
	return names, data
}

const nsW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

// para is a body paragraph as read back: its style id and text.
type para struct{ style, text string }

// tcell is a table cell as read back, placed on the grid.
type tcell struct {
	col, span int
	vmerge    string // "", "restart" or "continue"
	style     string
	text      string
}

// doc is document.xml read back: body paragraphs and tables in order.
type doc struct {
	paras  []para
	tables [][][]tcell // table → row → cells
	order  []string    // "p" or "tbl" per body block
}

func (d *doc) texts() []string {
	var out []string
	for _, p := range d.paras {
		out = append(out, p.text)
	}
	return out
}

// cellAt returns the cell of table ti that starts at grid position (row, col).
func (d *doc) cellAt(ti, row, col int) (tcell, bool) {
	if ti >= len(d.tables) || row >= len(d.tables[ti]) {
		return tcell{}, false
	}
	for _, c := range d.tables[ti][row] {
		if c.col == col {
			return c, true
		}
	}
	return tcell{}, false
}

// parseDoc reads document.xml with encoding/xml, resolving namespaces.
func parseDoc(t testing.TB, b []byte) *doc {
	t.Helper()
	d := &doc{}
	dec := xml.NewDecoder(bytes.NewReader(b))
	var (
		inTbl, inCell bool
		cur           *para
		cell          *tcell
		col           int
	)
	attr := func(e xml.StartElement, local string) (string, bool) {
		for _, a := range e.Attr {
			if a.Name.Space == nsW && a.Name.Local == local {
				return a.Value, true
			}
		}
		return "", false
	}
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("document.xml does not parse: %v", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			if e.Name.Space != nsW {
				continue
			}
			switch e.Name.Local {
			case "tbl":
				inTbl = true
				d.tables = append(d.tables, nil)
				d.order = append(d.order, "tbl")
			case "tr":
				ti := len(d.tables) - 1
				d.tables[ti] = append(d.tables[ti], nil)
				col = 0
			case "tc":
				inCell = true
				cell = &tcell{col: col, span: 1}
			case "gridSpan":
				v, _ := attr(e, "val")
				n := 0
				for _, r := range v {
					n = n*10 + int(r-'0')
				}
				cell.span = n
			case "vMerge":
				v, ok := attr(e, "val")
				if !ok || v == "continue" {
					v = "continue"
				}
				cell.vmerge = v
			case "p":
				if !inTbl {
					d.paras = append(d.paras, para{})
					cur = &d.paras[len(d.paras)-1]
					d.order = append(d.order, "p")
				}
			case "pStyle":
				v, _ := attr(e, "val")
				if inCell {
					cell.style = v
				} else if cur != nil {
					cur.style = v
				}
			case "tab":
				if cur != nil && !inTbl {
					cur.text += "\t"
				}
			}
		case xml.EndElement:
			if e.Name.Space != nsW {
				continue
			}
			switch e.Name.Local {
			case "tbl":
				inTbl = false
			case "tc":
				ti := len(d.tables) - 1
				ri := len(d.tables[ti]) - 1
				d.tables[ti][ri] = append(d.tables[ti][ri], *cell)
				col += cell.span
				inCell = false
			case "p":
				if !inTbl {
					cur = nil
				}
			}
		case xml.CharData:
			switch {
			case inCell:
				cell.text += string(e)
			case cur != nil:
				cur.text += string(e)
			}
		}
	}
	return d
}

// mustParseAll checks that every part is well-formed XML.
func mustParseAll(t testing.TB, data map[string][]byte) {
	t.Helper()
	for name, b := range data {
		dec := xml.NewDecoder(bytes.NewReader(b))
		for {
			_, err := dec.Token()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Errorf("%s does not parse: %v", name, err)
				break
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if strings.Contains(x, s) {
			return true
		}
	}
	return false
}

// shown is what a value cell prints: the text as written, then the marks
// of package outline (※ doubtful, △ read by a failed check).
func shown(r *model.Report, key string) string {
	c := r.Cells[key]
	if c == nil || c.Kind == model.KindMissing {
		return ""
	}
	s := c.Raw
	if c.Doubt != "" {
		s += outline.DoubtSymbol
	}
	for _, f := range r.Findings {
		if f.Status == model.Fail && slices.Contains(f.Keys, key) {
			return s + outline.FailSymbol
		}
	}
	return s
}
