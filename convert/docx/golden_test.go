package docx_test

import (
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/govreport/govreport/convert/docx"
	"github.com/govreport/govreport/convert/docx/ooxml"
	"github.com/govreport/govreport/convert/internal/golden"
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
			golden.Dir(t, dir, got, *update)
		})
	}
}
