package docxread_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/govreport/govreport/convert/docxread"
	"github.com/govreport/govreport/convert/html"
	"github.com/govreport/govreport/convert/input"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/text"
)

// reference reads the original a file of testdata/inputs was made from
// (see testdata/inputs/README.md): seeds and text samples with the text
// reader, sample 001 with the HTML reader. It returns nil for reports
// without a text original (401, 404).
func reference(t *testing.T, report string) *model.Report {
	t.Helper()
	root := filepath.Join("..", "..", "testdata")
	var path string
	switch {
	case strings.HasPrefix(report, "seed"):
		m, _ := filepath.Glob(filepath.Join(root, "seeds", strings.TrimPrefix(report, "seed")+"_*.txt"))
		if len(m) != 1 {
			t.Fatalf("no seed for %s", report)
		}
		path = m[0]
	case report == "sample001":
		path = filepath.Join(root, "samples", "001", "source.html")
	case report == "sample401" || report == "sample404":
		return nil
	default:
		path = filepath.Join(root, "samples", strings.TrimPrefix(report, "sample"), "source.txt")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	o := input.Options{Name: filepath.Base(path)}
	var r *model.Report
	if strings.HasSuffix(path, ".html") {
		r, err = html.Read(b, o)
	} else {
		r, err = text.ReadBytes(b, o)
	}
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestInputs reads every Word file of testdata/inputs. LibreOffice's
// re-save of govreport's .docx (w:vMerge w:val="continue", its own styles)
// must read into the cells of govreport's file itself, and LibreOffice's
// import of the HTML sample (grid columns that are not the logical ones)
// into the cells of the HTML reading; the blank form stays blank. (The
// comparison of govreport's files with today's text reading of their
// originals is TestRoundTrip, on files written now, and convert's
// TestCrossFormat on the corpus.)
func TestInputs(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "inputs")
	files, _ := filepath.Glob(filepath.Join(dir, "*.docx"))
	if len(files) < 10 {
		t.Fatalf("only %d .docx inputs in testdata/inputs", len(files))
	}
	read := func(t *testing.T, f string) *model.Report {
		t.Helper()
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !docxread.Sniff(b) {
			t.Fatal("not sniffed as Word")
		}
		r, err := docxread.Read(b, input.Options{Name: filepath.Base(f)})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	pairs := 0
	for _, f := range files {
		name := filepath.Base(f)
		t.Run(name, func(t *testing.T) {
			got := read(t, f)
			report, chain, _ := strings.Cut(strings.TrimSuffix(name, ".docx"), ".")
			var want *model.Report
			switch chain {
			case "govreport":
				return // the original of the pairs below, read there
			case "govreport-docx.lo":
				want = read(t, filepath.Join(dir, report+".govreport.docx"))
				pairs++
			case "html.lo":
				want = reference(t, report)
			case "docx.lo":
				for k, c := range got.Cells {
					if c.Kind != model.KindBlank {
						t.Errorf("%s = %+v, want blank", k, c)
					}
				}
				if got.Meta.Edition != model.Edition2021 || len(got.Cells) == 0 {
					t.Errorf("edition %s, %d cells", got.Meta.Edition, len(got.Cells))
				}
				return
			default:
				t.Fatalf("unknown chain %q", chain)
			}
			if got.Meta.Edition != want.Meta.Edition || got.Meta.Year != want.Meta.Year || got.Meta.Agency != want.Meta.Agency {
				t.Errorf("meta = %s %d %q, want %s %d %q", got.Meta.Edition, got.Meta.Year, got.Meta.Agency, want.Meta.Edition, want.Meta.Year, want.Meta.Agency)
			}
			compareCells(t, got, want)
		})
	}
	if pairs < 9 {
		t.Errorf("only %d LibreOffice re-saves compared", pairs)
	}
}
