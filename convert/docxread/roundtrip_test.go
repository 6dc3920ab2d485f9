package docxread_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/govreport/govreport/convert/docx"
	"github.com/govreport/govreport/convert/docxread"
	"github.com/govreport/govreport/convert/grid"
	"github.com/govreport/govreport/convert/input"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/text"
)

// seeds are the repository's seed reports: 000, 002 and 003 are 2019-edition
// reports, 001 and 004 2021-edition ones.
var seeds = []string{
	"000_2a7c9f704202fa4c", "001_1d4dd3ae0346d0fe", "002_b0e573aacea97adf",
	"003_8178ad8169fa307d", "004_22aab187490cdc1c",
}

func readSeedText(t testing.TB, seed string) *model.Report {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "seeds", seed+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := text.ReadBytes(b, input.Options{Name: seed + ".txt"})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func writeDocx(t testing.TB, r *model.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := docx.Write(&buf, r, docx.Options{}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestRoundTrip writes every seed as .docx with govreport's writer and reads
// it back: every cell must come back with the kind, text and value of the
// text reading, and the metadata with it.
func TestRoundTrip(t *testing.T) {
	editions := map[model.Edition]bool{}
	for _, seed := range seeds {
		t.Run(seed, func(t *testing.T) {
			want := readSeedText(t, seed)
			editions[want.Meta.Edition] = true
			b := writeDocx(t, want)
			if !docxread.Sniff(b) {
				t.Fatal("Sniff does not recognise govreport's own .docx")
			}
			got, err := docxread.Read(b, input.Options{Name: seed + ".docx"})
			if err != nil {
				t.Fatal(err)
			}
			if got.Meta.Edition != want.Meta.Edition || got.Meta.Year != want.Meta.Year || got.Meta.Agency != want.Meta.Agency {
				t.Errorf("meta = %s %d %q, want %s %d %q", got.Meta.Edition, got.Meta.Year, got.Meta.Agency,
					want.Meta.Edition, want.Meta.Year, want.Meta.Agency)
			}
			if got.Meta.Layout != docxread.Layout {
				t.Errorf("layout = %q", got.Meta.Layout)
			}
			compareCells(t, got, want)
		})
	}
	if !editions[model.Edition2019] || !editions[model.Edition2021] {
		t.Errorf("the seeds must cover both editions, got %v", editions)
	}
}

// compareCells requires every cell of want to be in got with the same kind,
// raw text and value (a missing cell may come back blank), and no extra
// cells.
func compareCells(t *testing.T, got, want *model.Report) {
	t.Helper()
	var keys []string
	for k := range want.Cells {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		w, g := want.Cells[k], got.Cells[k]
		if g == nil {
			t.Errorf("%s missing", k)
			continue
		}
		if w.Kind == model.KindMissing && g.Kind == model.KindBlank && g.Raw == "" {
			// The writers print a cell the reader did not find as an empty
			// cell, which reads back as blank.
			continue
		}
		// A doubt is not compared: it says how sure the first reading was
		// (glued digits split one of several ways), and the writer prints
		// the value it kept in a cell of its own.
		if g.Kind != w.Kind || g.Raw != w.Raw || g.Value != w.Value {
			t.Errorf("%s = %s %q %v, want %s %q %v", k, g.Kind, g.Raw, g.Value, w.Kind, w.Raw, w.Value)
		}
		if g.Kind != model.KindMissing && !strings.HasPrefix(g.Ref, "表格") {
			t.Errorf("%s ref = %q, want a table position", k, g.Ref)
		}
	}
	if len(got.Cells) != len(want.Cells) {
		t.Errorf("%d cells, want %d", len(got.Cells), len(want.Cells))
	}
}

// TestSample404 reads the official blank form: edition 2021, every cell
// present and blank (not 0, not missing), and a finding that says the tables
// are empty.
func TestSample404(t *testing.T) {
	b, err := os.ReadFile("../../testdata/samples/404/source.docx")
	if err != nil {
		t.Fatal(err)
	}
	r, err := docxread.Read(b, input.Options{Name: "source.docx"})
	if err != nil {
		t.Fatal(err)
	}
	var exp struct {
		Edition string         `json:"edition"`
		Cells   map[string]any `json:"cells"`
	}
	eb, err := os.ReadFile("../../testdata/samples/404/expected.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(eb, &exp); err != nil {
		t.Fatal(err)
	}
	if string(r.Meta.Edition) != exp.Edition || r.Meta.Layout != docxread.Layout {
		t.Errorf("edition %s layout %s", r.Meta.Edition, r.Meta.Layout)
	}
	if len(exp.Cells) == 0 || len(r.Cells) != len(exp.Cells) {
		t.Errorf("%d cells, expected.json has %d", len(r.Cells), len(exp.Cells))
	}
	for k, v := range exp.Cells {
		c := r.Cells[k]
		if v != nil {
			t.Fatalf("expected.json of the blank form has a value for %s", k)
		}
		if c == nil || c.Kind != model.KindBlank || c.Raw != "" {
			t.Errorf("%s = %+v, want blank", k, c)
		} else if !strings.HasPrefix(c.Ref, "表格") {
			t.Errorf("%s ref %q", k, c.Ref)
		}
	}
	empty := false
	for _, f := range r.Findings {
		if f.ID == "TABLE-EMPTY" && f.Status == model.Warning && len(f.Keys) == len(exp.Cells) {
			empty = true
		}
	}
	if !empty {
		t.Errorf("no TABLE-EMPTY finding covering every cell: %+v", r.Findings)
	}
	if !strings.Contains(r.Meta.Title, "年度报告") {
		t.Errorf("title %q", r.Meta.Title)
	}
	if r.Parts[0].Heading != "一、总体情况" || r.Parts[5].Heading == "" {
		t.Errorf("parts: %+v", r.Parts)
	}
}

// TestReaderFindingsReachReport: findings a grid reader attaches to its
// document end up in the report grid.Read makes.
func TestReaderFindingsReachReport(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "testdata", "seeds", seeds[1]+".txt"))
	if err != nil {
		t.Fatal(err)
	}
	doc := &grid.Document{Layout: docxread.Layout, Findings: []model.Finding{{ID: docxread.FindingRevisions, Status: model.Info, Message: "修订"}}}
	for _, l := range strings.Split(string(b), "\n") {
		doc.Blocks = append(doc.Blocks, grid.Block{Kind: grid.Paragraph, Text: l})
	}
	r, err := grid.Read(doc, input.Options{Name: "x.docx"})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, f := range r.Findings {
		found = found || f.ID == docxread.FindingRevisions
	}
	if !found {
		t.Errorf("finding not in the report: %+v", r.Findings)
	}
}
