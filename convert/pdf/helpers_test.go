package pdf_test

import (
	"bytes"
	"compress/zlib"
	"io"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/govreport/govreport/convert"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/pdf"
)

// goldenSeeds have layout goldens: 002 is a 2019-edition report, 001 a
// 2021-edition one, 000 is in traditional characters (fallback font).
var goldenSeeds = []string{"002_b0e573aacea97adf", "001_1d4dd3ae0346d0fe", "000_2a7c9f704202fa4c"}

var testTime = time.Date(2021, 1, 11, 9, 0, 0, 0, time.UTC)

func seedPaths(t testing.TB) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join("..", "..", "testdata", "seeds", "*.txt"))
	if err != nil || len(m) == 0 {
		t.Fatalf("no seeds: %v", err)
	}
	return m
}

func readPath(t testing.TB, path string) *model.Report {
	t.Helper()
	r, err := convert.ReadFile(path, convert.ReadOptions{Name: filepath.Base(path)})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func readSeed(t testing.TB, name string) *model.Report {
	t.Helper()
	return readPath(t, filepath.Join("..", "..", "testdata", "seeds", name+".txt"))
}

func writePDF(t testing.TB, r *model.Report, o pdf.Options) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := pdf.Write(&buf, r, o); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func layout(t testing.TB, r *model.Report, o pdf.Options) *pdf.Document {
	t.Helper()
	d, err := pdf.Layout(r, o)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

var streamRE = regexp.MustCompile(`/Length (\d+) *>>\nstream\n`)

// withStreams returns the decompressed data of each of the PDF b's
// streams (the object stream with the fonts', pages' and bookmarks'
// dictionaries among them), then b itself (with the catalog and the
// document information, written after the bookmarks): text a test can
// search for what the file says.
func withStreams(t testing.TB, b []byte) []byte {
	t.Helper()
	var out []byte
	for _, m := range streamRE.FindAllSubmatchIndex(b, -1) {
		n, _ := strconv.Atoi(string(b[m[2]:m[3]]))
		zr, err := zlib.NewReader(bytes.NewReader(b[m[1] : m[1]+n]))
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		out = append(append(out, data...), '\n')
	}
	return append(out, b...)
}
