package docx_test

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/govreport/govreport/convert/docx"
	"github.com/govreport/govreport/convert/docx/ooxml"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/docx")

// TestGolden compares every part of each seed's .docx, canonicalised and
// indented, with testdata/docx/<seed>/<part>. Regenerate with
// go test ./convert/docx -run Golden -update and review the diff.
func TestGolden(t *testing.T) {
	for _, seed := range seeds {
		t.Run(seed, func(t *testing.T) {
			names, data := unzip(t, writeDocx(t, readSeed(t, seed), docx.Options{Time: testTime}))
			dir := filepath.Join("..", "..", "testdata", "docx", seed)
			got := map[string][]byte{}
			for _, name := range names {
				c, err := ooxml.Canonical(data[name])
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				got[name] = c
			}
			// The entry order is part of the output: keep it in a golden too.
			got["entries.txt"] = []byte(strings.Join(names, "\n") + "\n")
			if *update {
				if err := os.RemoveAll(dir); err != nil {
					t.Fatal(err)
				}
				for name, b := range got {
					path := filepath.Join(dir, filepath.FromSlash(name))
					if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
						t.Fatal(err)
					}
					if err := os.WriteFile(path, b, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				return
			}
			var want []string
			err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
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
			sort.Strings(want)
			var have []string
			for name := range got {
				have = append(have, name)
			}
			sort.Strings(have)
			if strings.Join(have, " ") != strings.Join(want, " ") {
				t.Errorf("parts differ:\n got %v\nwant %v", have, want)
			}
			for _, name := range want {
				w, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
				if err != nil {
					t.Fatal(err)
				}
				if g, ok := got[name]; ok && !bytes.Equal(g, w) {
					t.Errorf("%s differs from its golden: %s", name, firstDiff(string(g), string(w)))
				}
			}
		})
	}
}

// firstDiff describes the first differing line.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var a, b string
		if i < len(g) {
			a = g[i]
		}
		if i < len(w) {
			b = w[i]
		}
		if a != b {
			return "line " + strconv.Itoa(i+1) + ":\n got: " + a + "\nwant: " + b
		}
	}
	return "(no line differs)"
}
