package xlsx_test

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/govreport/govreport/convert"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/xlsx"
	"github.com/govreport/govreport/templates"
)

// seeds reads every seed with the text reader.
func seeds(t testing.TB) map[string]*model.Report {
	t.Helper()
	files, err := filepath.Glob("../../testdata/seeds/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no seeds: %v", err)
	}
	out := map[string]*model.Report{}
	for _, f := range files {
		rep, err := convert.ReadFile(f, convert.ReadOptions{})
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(f)] = rep
	}
	return out
}

func writeReport(t testing.TB, rep *model.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := xlsx.Write(&buf, rep, xlsx.Options{Time: time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sameCells compares what the round trip must keep: kind, value, raw,
// unit, sign and doubt of every key of the edition.
func sameCells(t *testing.T, name string, want, got *model.Report) {
	t.Helper()
	if want.Meta.Edition != got.Meta.Edition {
		t.Fatalf("%s: edition %s, want %s", name, got.Meta.Edition, want.Meta.Edition)
	}
	keys := templates.Default().Keys(want.Meta.Edition)
	if len(keys) == 0 {
		t.Fatalf("%s: no keys", name)
	}
	for _, k := range keys {
		w, g := want.Cells[k], got.Cells[k]
		if g == nil {
			t.Errorf("%s: %s missing after round trip", name, k)
			continue
		}
		ws := fmt.Sprintf("%s|%v|%q|%q|%q|%q", w.Kind, w.Value, w.Raw, w.Unit, w.Sign, w.Doubt)
		gs := fmt.Sprintf("%s|%v|%q|%q|%q|%q", g.Kind, g.Value, g.Raw, g.Unit, g.Sign, g.Doubt)
		if ws != gs {
			t.Errorf("%s: %s = %s, want %s (ref %s)", name, k, gs, ws, g.Ref)
		}
		if g.Ref == "" {
			t.Errorf("%s: %s has no Ref", name, k)
		}
	}
}

func TestRoundTripSeeds(t *testing.T) {
	editions := map[model.Edition]bool{}
	for name, rep := range seeds(t) {
		editions[rep.Meta.Edition] = true
		b := writeReport(t, rep)
		got, err := convert.ReadBytes(b, convert.ReadOptions{Name: name + ".xlsx"})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		sameCells(t, name, rep, got)
		if got.Meta.Layout != xlsx.LayoutNames {
			t.Errorf("%s: layout %q", name, got.Meta.Layout)
		}
		if got.Meta.Agency != rep.Meta.Agency || got.Meta.Year != rep.Meta.Year || got.Meta.Title != rep.Meta.Title || got.Meta.Published != rep.Meta.Published {
			t.Errorf("%s: meta %q %d %q %q, want %q %d %q %q", name, got.Meta.Agency, got.Meta.Year, got.Meta.Title, got.Meta.Published,
				rep.Meta.Agency, rep.Meta.Year, rep.Meta.Title, rep.Meta.Published)
		}
		if got.Preamble != rep.Preamble {
			t.Errorf("%s: preamble differs:\n got %q\nwant %q", name, got.Preamble, rep.Preamble)
		}
		for i := range rep.Parts {
			if got.Parts[i] != (model.Part{Heading: rep.Parts[i].Heading, Text: rep.Parts[i].Text, Line: 0}) {
				t.Errorf("%s: part %d differs:\n got %+v\nwant %+v", name, i+1, got.Parts[i], rep.Parts[i])
			}
		}
		// The same checks fail.
		if a, b := failedIDs(rep), failedIDs(got); a != b {
			t.Errorf("%s: failed checks %q, want %q", name, b, a)
		}
	}
	if !editions[model.Edition2019] || !editions[model.Edition2021] {
		t.Errorf("seeds cover editions %v, want both", editions)
	}
}

func failedIDs(r *model.Report) string {
	var ids []string
	for _, f := range r.Findings {
		if f.Status == model.Fail && !strings.HasPrefix(f.ID, "YEAR") {
			ids = append(ids, f.ID)
		}
	}
	return strings.Join(ids, ",")
}

// TestRoundTripKinds: raw texts that are not plain numbers, missing cells
// and doubts survive the report workbook.
func TestRoundTripKinds(t *testing.T) {
	base := seeds(t)["001_1d4dd3ae0346d0fe.txt"]
	rep := *base
	rep.Cells = map[string]*model.Cell{}
	for k, c := range base.Cells {
		cc := *c
		rep.Cells[k] = &cc
	}
	set := func(k, raw string) {
		c := model.ParseValue(raw)
		c.Key = k
		rep.Cells[k] = &c
	}
	set("t3.new.natural", "１２")
	set("t3.new.commercial", "1,234")
	set("t3.new.research", "+14")
	set("t3.new.social", "0.50")
	set("t3.new.legal", "-8")
	set("t3.new.other_org", "38.47万元")
	set("t3.new.total", "不适用")
	set("t3.carried_over.natural", "约10")
	set("t2.fees.amount", "96171.6")
	set("t2.regulations.issued", "")
	set("t4.review.total", "1e5")
	rep.Cells["t3.carried_over.commercial"] = &model.Cell{Key: "t3.carried_over.commercial", Kind: model.KindMissing}
	rep.Cells["t3.granted.total"].Doubt = "可能错列"
	b := writeReport(t, &rep)
	got, err := convert.ReadBytes(b, convert.ReadOptions{Name: "kinds.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	sameCells(t, "kinds", &rep, got)
}

// TestRoundTripLegacy: a report without the unified tables keeps its text.
func TestRoundTripLegacy(t *testing.T) {
	base := seeds(t)["002_b0e573aacea97adf.txt"]
	rep := *base
	rep.Meta.Edition = model.EditionLegacy
	rep.Cells = map[string]*model.Cell{}
	rep.Findings = nil
	got, err := convert.ReadBytes(writeReport(t, &rep), convert.ReadOptions{Name: "legacy.xlsx"})
	if err != nil {
		t.Fatal(err)
	}
	if got.Meta.Edition != model.EditionLegacy || got.Parts[0].Text != rep.Parts[0].Text || len(got.Cells) != 0 {
		t.Errorf("legacy: %s, %d cells, part 1 %.40q", got.Meta.Edition, len(got.Cells), got.Parts[0].Text)
	}
}
