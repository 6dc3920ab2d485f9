package xlsx_test

import (
	"archive/zip"
	"bytes"
	"flag"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/govreport/govreport/convert/internal/golden"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/xlsx"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/xlsx")

// lines puts each XML tag on its own line, so that golden diffs are
// readable (excelize writes each part on one line).
func lines(b []byte) []byte {
	return bytes.ReplaceAll(b, []byte("><"), []byte(">\n<"))
}

// TestGolden compares every part of two report workbooks and of both
// editions' templates, one tag per line, with testdata/xlsx/<name>/<part>;
// entries.txt keeps the order of the zip entries. Regenerate with
// go test ./convert/xlsx -run Golden -update and review the diff.
func TestGolden(t *testing.T) {
	all := seeds(t)
	cases := map[string]func() []byte{
		"report-001": func() []byte { return writeReport(t, all["001_1d4dd3ae0346d0fe.txt"]) },
		"report-002": func() []byte { return writeReport(t, all["002_b0e573aacea97adf.txt"]) },
	}
	for _, ed := range []model.Edition{model.Edition2019, model.Edition2021} {
		cases["template-"+string(ed)] = func() []byte {
			var buf bytes.Buffer
			if err := xlsx.WriteTemplate(&buf, xlsx.TemplateOptions{Edition: ed, Agency: "某某市某某局", Year: 2025,
				Time: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}); err != nil {
				t.Fatal(err)
			}
			return buf.Bytes()
		}
	}
	names := make([]string, 0, len(cases))
	for n := range cases {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			b := cases[name]()
			zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
			if err != nil {
				t.Fatal(err)
			}
			got := map[string][]byte{}
			var order []string
			for _, f := range zr.File {
				rc, _ := f.Open()
				data, _ := io.ReadAll(rc)
				rc.Close()
				got[f.Name] = lines(data)
				order = append(order, f.Name)
			}
			got["entries.txt"] = []byte(strings.Join(order, "\n") + "\n")
			dir := filepath.Join("..", "..", "testdata", "xlsx", name)
			golden.Dir(t, dir, got, *update)
		})
	}
}
