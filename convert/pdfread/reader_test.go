package pdfread

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/govreport/govreport/convert/grid"
	"github.com/govreport/govreport/convert/input"
	"github.com/govreport/govreport/convert/model"
)

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

type expected struct {
	Edition, Agency string
	Year            int
	Cells           map[string]any
}

// compareExpected checks every cell of an expected.json.
func compareExpected(t *testing.T, r *model.Report, path string) {
	t.Helper()
	var exp expected
	if err := json.Unmarshal(readFile(t, path), &exp); err != nil {
		t.Fatal(err)
	}
	if string(r.Meta.Edition) != exp.Edition || r.Meta.Year != exp.Year || r.Meta.Agency != exp.Agency {
		t.Errorf("meta = edition %q year %d agency %q, want %q %d %q", r.Meta.Edition, r.Meta.Year, r.Meta.Agency, exp.Edition, exp.Year, exp.Agency)
	}
	bad := 0
	for key, v := range exp.Cells {
		c := r.Cells[key]
		if c == nil {
			t.Errorf("%s missing", key)
			bad++
			continue
		}
		switch v := v.(type) {
		case nil:
			if c.Kind == model.KindNumber || c.Kind == model.KindMissing {
				t.Errorf("%s = %+v, want blank", key, c)
				bad++
			}
		case float64:
			if c.Kind != model.KindNumber || c.Value != v || c.Doubt != "" {
				t.Errorf("%s = %+v, want %v", key, c, v)
				bad++
			}
		case string:
			if c.Raw != v {
				t.Errorf("%s = %q, want %q", key, c.Raw, v)
				bad++
			}
		}
	}
	if bad > 0 {
		t.Logf("%d of %d cells wrong", bad, len(exp.Cells))
	}
}

// TestSample401 reads the real WPS-made report and compares every cell.
func TestSample401(t *testing.T) {
	b := readFile(t, "../../testdata/samples/401/source.pdf")
	r, err := Read(b, input.Options{Name: "source.pdf"})
	if err != nil {
		t.Fatal(err)
	}
	if testing.Verbose() && os.Getenv("PDFTEXT") != "" {
		doc, _ := Document(b, input.Options{Name: "source.pdf"})
		s, _ := grid.Render(doc)
		t.Log("\n" + s)
	}
	compareExpected(t, r, "../../testdata/samples/401/expected.json")
	doc, err := Document(b, input.Options{Name: "source.pdf"})
	if err != nil {
		t.Fatal(err)
	}
	if doc.TitleHint != "政府信息公开工作年度报告" || doc.Layout != Layout {
		t.Errorf("title hint %q layout %q", doc.TitleHint, doc.Layout)
	}
	tables := 0
	for _, bl := range doc.Blocks {
		if bl.Kind == grid.TableBlock {
			tables++
			for _, row := range bl.Table.Rows {
				for _, c := range row {
					if c.Pos.Page == 0 || c.Pos.Table != bl.Pos.Table || c.Pos.Row == 0 || c.Pos.Col == 0 || c.Pos.X == 0 || c.Pos.Y == 0 {
						t.Errorf("cell %q has position %+v", c.Text, c.Pos)
					}
				}
			}
		}
	}
	// 表二 (over pages 3–4), 表三 (pages 4–5), 表四: three tables.
	if tables != 3 {
		t.Errorf("%d tables, want 3", tables)
	}
	if r.Meta.Layout != Layout {
		t.Errorf("layout %q", r.Meta.Layout)
	}
	if c := r.Cells["t3.new.natural"]; c == nil || !strings.Contains(c.Ref, "第4页") {
		t.Errorf("t3.new.natural ref = %+v", c)
	}
}
