package pdfread

import (
	"bytes"
	"path/filepath"
	"testing"

	"github.com/govreport/govreport/convert/input"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/pdf"
	"github.com/govreport/govreport/convert/text"
)

// sameCells compares every cell of want with got: kind, value, raw text.
func sameCells(t *testing.T, name string, want, got *model.Report) {
	t.Helper()
	if want.Meta.Edition != got.Meta.Edition || want.Meta.Year != got.Meta.Year || want.Meta.Agency != got.Meta.Agency {
		t.Errorf("%s: meta %q %d %q, want %q %d %q", name, got.Meta.Edition, got.Meta.Year, got.Meta.Agency, want.Meta.Edition, want.Meta.Year, want.Meta.Agency)
	}
	bad := 0
	for _, k := range want.Keys() {
		w, g := want.Cells[k], got.Cells[k]
		if g == nil {
			t.Errorf("%s: %s missing", name, k)
			bad++
			continue
		}
		if w.Kind != g.Kind || w.Value != g.Value || w.Raw != g.Raw || (w.Doubt == "") != (g.Doubt == "") {
			if bad < 15 {
				t.Errorf("%s: %s = %q (%v %v doubt %q), want %q (%v %v doubt %q)", name, k, g.Raw, g.Kind, g.Value, g.Doubt, w.Raw, w.Kind, w.Value, w.Doubt)
			}
			bad++
		}
	}
	if bad > 0 {
		t.Logf("%s: %d of %d cells differ", name, bad, len(want.Cells))
	}
	if len(want.Cells) < 50 {
		t.Errorf("%s: only %d cells compared", name, len(want.Cells))
	}
}

// TestRoundTripOwnPDF: every PDF govreport writes reads back into the same
// cells (seeds 000–004 cover both editions).
func TestRoundTripOwnPDF(t *testing.T) {
	seeds, _ := filepath.Glob("../../testdata/seeds/*.txt")
	if len(seeds) == 0 {
		t.Fatal("no seeds")
	}
	editions := map[model.Edition]bool{}
	for _, s := range seeds {
		want, err := text.ReadBytes(readFile(t, s), input.Options{Name: filepath.Base(s)})
		if err != nil {
			t.Fatal(err)
		}
		editions[want.Meta.Edition] = true
		var buf bytes.Buffer
		if err := pdf.Write(&buf, want, pdf.Options{}); err != nil {
			t.Fatal(err)
		}
		got, err := Read(buf.Bytes(), input.Options{Name: filepath.Base(s) + ".pdf"})
		if err != nil {
			t.Errorf("%s: %v", s, err)
			continue
		}
		sameCells(t, filepath.Base(s), want, got)
	}
	if !editions[model.Edition2019] || !editions[model.Edition2021] {
		t.Errorf("seeds cover editions %v, want both", editions)
	}
}
