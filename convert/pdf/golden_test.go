package pdf_test

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/govreport/govreport/convert/pdf"
)

var update = flag.Bool("update", false, "rewrite the layout goldens in testdata/pdf")

// TestLayoutGolden compares the layout dump of each golden seed with
// testdata/pdf/<seed>.layout. Regenerate with
// go test ./convert/pdf -run LayoutGolden -update and review the diff.
func TestLayoutGolden(t *testing.T) {
	for _, seed := range goldenSeeds {
		t.Run(seed, func(t *testing.T) {
			got := layout(t, readSeed(t, seed), pdf.Options{Time: testTime}).DumpString()
			path := filepath.Join("..", "..", "testdata", "pdf", seed+".layout")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got != string(want) {
				g, w := strings.Split(got, "\n"), strings.Split(string(want), "\n")
				for i := 0; i < max(len(g), len(w)); i++ {
					var gl, wl string
					if i < len(g) {
						gl = g[i]
					}
					if i < len(w) {
						wl = w[i]
					}
					if gl != wl {
						t.Fatalf("layout differs from %s at line %d:\n got: %s\nwant: %s\n(run with -update and review the diff)", path, i+1, gl, wl)
					}
				}
			}
		})
	}
}
