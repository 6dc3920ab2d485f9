package pdfread

import (
	"testing"

	"github.com/govreport/govreport/convert/input"
	"github.com/govreport/govreport/convert/model"
)

// LibreOffice's export of a web page lays table 三 wider than the page: the
// row labels start beside the left edge and run into the page, and the
// outer columns on the right are not written at all. The labels cut by the
// edge must be read whole (so their rows are found), the columns that are
// not in the file must stay missing or doubtful, never filled, and the
// report must say the table runs off the page.
func TestLabelsCutByPageEdge(t *testing.T) {
	r, err := Read(readFile(t, "../../testdata/inputs/sample001.html.lo.pdf"), input.Options{Name: "sample001.html.lo.pdf"})
	if err != nil {
		t.Fatal(err)
	}
	for key, want := range map[string]float64{
		"t3.new.natural":             821,
		"t3.new.commercial":          35,
		"t3.carried_over.natural":    18,
		"t3.carried_forward.natural": 72,
	} {
		// The row lacks its outer columns, so grid.Read keeps the value
		// with a doubt rather than trusting the column count.
		if c := r.Cells[key]; c == nil || c.Kind != model.KindNumber || c.Value != want || c.Doubt == "" {
			t.Errorf("%s = %+v, want %v with a doubt", key, c, want)
		}
	}
	// Not written by LibreOffice: the HTML has 2 and 859 here.
	for _, key := range []string{"t3.new.legal", "t3.new.total"} {
		if c := r.Cells[key]; c != nil && c.Kind == model.KindNumber && c.Doubt == "" {
			t.Errorf("%s = %+v: a value that is not in the file", key, c)
		}
	}
	found := false
	for _, f := range r.Findings {
		found = found || f.ID == FindingOffPage
	}
	if !found {
		t.Errorf("no %s finding", FindingOffPage)
	}
}
