package xlsx_test

import (
	"archive/zip"
	"bytes"
	"flag"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

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
			if *update {
				if err := os.RemoveAll(dir); err != nil {
					t.Fatal(err)
				}
				for part, data := range got {
					path := filepath.Join(dir, filepath.FromSlash(part))
					if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(path, data, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				return
			}
			var want []string
			err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				rel, _ := filepath.Rel(dir, path)
				want = append(want, filepath.ToSlash(rel))
				return nil
			})
			if err != nil {
				t.Fatalf("no goldens (run with -update): %v", err)
			}
			var have []string
			for part := range got {
				have = append(have, part)
			}
			sort.Strings(have)
			sort.Strings(want)
			if strings.Join(have, " ") != strings.Join(want, " ") {
				t.Errorf("parts differ:\n got %v\nwant %v", have, want)
			}
			for _, part := range want {
				w, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(part)))
				if err != nil {
					t.Fatal(err)
				}
				if g, ok := got[part]; ok && !bytes.Equal(g, w) {
					gl, wl := strings.Split(string(g), "\n"), strings.Split(string(w), "\n")
					for i := 0; i < len(gl) || i < len(wl); i++ {
						var a, b string
						if i < len(gl) {
							a = gl[i]
						}
						if i < len(wl) {
							b = wl[i]
						}
						if a != b {
							t.Errorf("%s differs from its golden at line %d:\n got %.200s\nwant %.200s", part, i+1, a, b)
							break
						}
					}
				}
			}
		})
	}
}
