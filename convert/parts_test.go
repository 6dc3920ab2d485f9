package convert

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/govreport/govreport/convert/match"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/templates"
)

// corpus returns every seed and sample source in testdata.
func corpus(t *testing.T) []string {
	t.Helper()
	seeds, _ := filepath.Glob("../testdata/seeds/*.txt")
	samples, _ := filepath.Glob("../testdata/samples/*/source.*")
	if len(seeds) < 5 || len(samples) < 4 {
		t.Fatalf("seeds %d, samples %d", len(seeds), len(samples))
	}
	return append(seeds, samples...)
}

// readOrSkip reads a corpus file; formats whose reader is not in the
// registry yet (PDF, Word at the time of writing) skip with a message.
func readOrSkip(t *testing.T, path string) *model.Report {
	t.Helper()
	r, err := ReadFile(path, ReadOptions{})
	if err != nil {
		if strings.Contains(err.Error(), "暂不支持") {
			t.Skipf("%s: no reader for this format yet (%v)", path, err)
		}
		t.Fatal(err)
	}
	return r
}

// tableTextCores are the cores of every text printed in the official
// tables (labels, headers, banners, notes), both editions.
func tableTextCores() map[string]bool {
	out := map[string]bool{}
	set := templates.Default()
	for _, ed := range set.Editions() {
		for _, tb := range set.Tables(ed) {
			for _, c := range tb.Cells {
				if c.Key == "" && c.Text != "" {
					out[match.Core(c.Text)] = true
				}
			}
		}
	}
	return out
}

// TestPartsClean: no part's text (nor heading) carries Markdown markup or
// table residue — a banner, header, label or note of the official tables
// on a line of its own, a stacked label piece, a page number — in any
// seed or sample.
func TestPartsClean(t *testing.T) {
	cores := tableTextCores()
	for _, path := range corpus(t) {
		t.Run(filepath.Base(filepath.Dir(path))+"/"+filepath.Base(path), func(t *testing.T) {
			r := readOrSkip(t, path)
			texts := []string{r.Preamble}
			for _, p := range r.Parts {
				texts = append(texts, p.Heading, p.Text)
				if strings.HasPrefix(p.Heading, "#") || strings.Contains(p.Heading, "**") {
					t.Errorf("markup in heading %q", p.Heading)
				}
			}
			for _, tx := range texts {
				for _, l := range strings.Split(tx, "\n") {
					l = strings.TrimSpace(l)
					if l == "" {
						continue
					}
					c := match.Core(l)
					switch {
					case strings.HasPrefix(l, "#"), strings.Contains(l, "**"), strings.Contains(l, "|"), strings.Trim(l, "-=* ") == "":
						t.Errorf("markup: %q", l)
					case cores[c], strings.HasPrefix(c, "第二十条第") && utf8.RuneCountInString(c) < 12:
						t.Errorf("table text: %q", l)
					case utf8.RuneCountInString(l) <= 3 && !strings.ContainsAny(l, "。无無"):
						t.Errorf("stacked label piece: %q", l)
					case strings.Trim(l, "-—–0123456789 ") == "" && strings.ContainsAny(l, "-—–"):
						t.Errorf("page number: %q", l)
					}
				}
			}
		})
	}
}

// TestSamplesMeta: every sample reads with the agency and year of its
// expected.json.
func TestSamplesMeta(t *testing.T) {
	samples, _ := filepath.Glob("../testdata/samples/*/source.*")
	for _, path := range samples {
		t.Run(filepath.Base(filepath.Dir(path)), func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(filepath.Dir(path), "expected.json"))
			if err != nil {
				t.Fatal(err)
			}
			var exp struct {
				Agency *string `json:"agency"`
				Year   *int    `json:"year"`
			}
			if err := json.Unmarshal(b, &exp); err != nil {
				t.Fatal(err)
			}
			r := readOrSkip(t, path)
			agency, year := "", 0
			if exp.Agency != nil {
				agency = *exp.Agency
			}
			if exp.Year != nil {
				year = *exp.Year
			}
			if r.Meta.Agency != agency || r.Meta.Year != year {
				t.Errorf("agency %q (%s) year %d; want %q %d", r.Meta.Agency, r.Meta.AgencySource, r.Meta.Year, agency, year)
			}
		})
	}
}

// TestSeed000Agency: the seed's signature "北城區街道辦事處街道辦事處" reads
// simplified and not doubled.
func TestSeed000Agency(t *testing.T) {
	m, _ := filepath.Glob("../testdata/seeds/000_*.txt")
	if len(m) != 1 {
		t.Fatal("seed 000 not found")
	}
	if r := readOrSkip(t, m[0]); r.Meta.Agency != "北城区街道办事处" {
		t.Errorf("agency %q", r.Meta.Agency)
	}
}
