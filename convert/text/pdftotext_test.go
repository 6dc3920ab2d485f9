package text

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/govreport/govreport/convert/input"
	"github.com/govreport/govreport/convert/model"
)

// TestPDFToTextModes reads the real PDF of testdata/samples/401 as
// pdftotext gives it in its three modes: -layout (what samples/451 holds),
// -raw (reading order, one row per line) and the default (one cell per
// line, labels moved away from their numbers). Tables 二 and 三 must read
// exactly in every mode; in the default mode table 四 comes out scrambled
// (its header cells interleave with the numbers), so a cell there may be
// wrong only if it is marked doubtful.
func TestPDFToTextModes(t *testing.T) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not installed (poppler-utils): skipping the PDF extraction modes")
	}
	pdf := filepath.Join("../../testdata/samples/401/source.pdf")
	for _, mode := range []string{"-layout", "-raw", ""} {
		t.Run("mode"+mode, func(t *testing.T) {
			args := []string{pdf, "-"}
			if mode != "" {
				args = append([]string{mode}, args...)
			}
			out, err := exec.Command(bin, args...).Output()
			if err != nil {
				t.Fatalf("pdftotext %s: %v", mode, err)
			}
			r, err := ReadBytes(out, input.Options{Name: "401" + mode + ".txt"})
			if err != nil {
				t.Fatal(err)
			}
			if r.Meta.Edition != model.Edition2021 || r.Meta.Agency != "淮安市人民政府" || r.Meta.Year != 2024 {
				t.Errorf("meta %s %q %d", r.Meta.Edition, r.Meta.Agency, r.Meta.Year)
			}
			exp := loadExpected(t, "../../testdata/samples/401/expected.json")
			for key, want := range exp {
				c := r.Cells[key]
				ok := c != nil && c.Kind == model.KindNumber && c.Value == want
				if !ok && (mode != "" || !strings.HasPrefix(key, "t4.") || c == nil || c.Doubt == "" && c.Kind != model.KindMissing) {
					t.Errorf("%s = %+v, want %v", key, c, want)
				}
			}
		})
	}
}

// loadExpected reads the numeric cells of an expected.json.
func loadExpected(t *testing.T, path string) map[string]float64 {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var exp struct {
		Cells map[string]*float64 `json:"cells"`
	}
	if err := json.Unmarshal(b, &exp); err != nil {
		t.Fatal(err)
	}
	out := map[string]float64{}
	for k, v := range exp.Cells {
		if v != nil {
			out[k] = *v
		}
	}
	return out
}
