package grid_test

import (
	"os"
	"strings"
	"testing"

	"github.com/govreport/govreport/convert/grid"
	"github.com/govreport/govreport/convert/html"
	"github.com/govreport/govreport/convert/input"
)

func TestRender(t *testing.T) {
	doc := &grid.Document{Blocks: []grid.Block{
		{Kind: grid.Paragraph, Text: "一、总体情况\n  第一段  "},
		{Kind: grid.TableBlock, Table: &grid.Table{Rows: [][]grid.Cell{
			{{Text: "商业企\n业", Pos: grid.Pos{Page: 2, Table: 1, Row: 1, Col: 1}}, {Text: "a|b", Pos: grid.Pos{Page: 2, Table: 1, Row: 1, Col: 2}}},
			{},
			{{Text: "Word\nPress"}, {Text: "12\n34"}},
		}}},
	}}
	out, src := grid.Render(doc)
	want := "一、总体情况\n第一段\n| 商业企业 | a｜b |\n| Word Press | 12 34 |\n"
	if out != want {
		t.Errorf("Render = %q, want %q", out, want)
	}
	if len(src.Lines) != 4 || src.Lines[3] != 4 {
		t.Errorf("lines = %v, want 1..4 (no source lines: rendered numbers)", src.Lines)
	}
	if len(src.Cells) != 4 || src.Cells[2][0] != "第2页 表格1 第1行第1列" || src.Cells[3] != nil {
		t.Errorf("cells = %q", src.Cells)
	}
}

// TestReadKeepsPositions reads the HTML sample as a PDF-like grid document
// (no source lines, every table cell at a page/table/row/column): the
// cells must equal the HTML reading and carry their positions as Ref.
func TestReadKeepsPositions(t *testing.T) {
	b, err := os.ReadFile("../../testdata/samples/001/source.html")
	if err != nil {
		t.Fatal(err)
	}
	want, err := html.Read(b, input.Options{Name: "source.html"})
	if err != nil {
		t.Fatal(err)
	}
	doc := html.Parse(string(b))
	nt := 0
	for i := range doc.Blocks {
		bl := &doc.Blocks[i]
		bl.Pos = grid.Pos{Page: 1 + i/40}
		if bl.Kind != grid.TableBlock {
			continue
		}
		nt++
		for r, row := range bl.Table.Rows {
			for c := range row {
				row[c].Pos = grid.Pos{Page: bl.Pos.Page, Table: nt, Row: r + 1, Col: c + 1}
			}
		}
	}
	doc.Layout = "test-grid"
	got, err := grid.Read(doc, input.Options{Name: "x.pdf"})
	if err != nil {
		t.Fatal(err)
	}
	if got.Meta.Layout != "test-grid" || got.Meta.Agency != want.Meta.Agency || got.Meta.Year != want.Meta.Year || got.Meta.Edition != want.Meta.Edition {
		t.Errorf("meta = %+v, want %+v", got.Meta, want.Meta)
	}
	if len(got.Cells) != len(want.Cells) {
		t.Fatalf("%d cells, want %d", len(got.Cells), len(want.Cells))
	}
	for k, w := range want.Cells {
		g := got.Cells[k]
		if g.Kind != w.Kind || g.Raw != w.Raw || g.Value != w.Value {
			t.Errorf("%s = %+v, want %+v", k, g, w)
		}
		if g.Line != 0 {
			t.Errorf("%s: line %d for a source without lines", k, g.Line)
		}
		if w.Kind != "missing" && !strings.HasPrefix(g.Ref, "第") {
			t.Errorf("%s: ref %q, want a page/table position", k, g.Ref)
		}
	}
	if c := got.Cells["t3.new.natural"]; !strings.Contains(c.Ref, "表格") {
		t.Errorf("t3.new.natural ref = %q", c.Ref)
	}
}
