package text

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/govreport/govreport/convert/check"
	"github.com/govreport/govreport/convert/input"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/templates"
)

// resetTextCells empties the cell-text cache (tests only).
func resetTextCells() {
	textCells.Lock()
	textCells.m = nil
	textCellsFull.Store(false)
	textCells.Unlock()
}

// TestTextCellsSameReport: a report read with the cell-text cache empty,
// then again with the cache filled by it and by every other test report,
// is the same report.
func TestTextCellsSameReport(t *testing.T) {
	var paths []string
	for _, g := range []string{"../../testdata/seeds/*.txt", "../../testdata/samples/*/source.txt"} {
		m, _ := filepath.Glob(g)
		paths = append(paths, m...)
	}
	if len(paths) == 0 {
		t.Fatal("no test reports")
	}
	read := func(src []byte) *model.Report {
		r, err := ReadBytes(src, input.Options{Name: "cache"})
		if err != nil {
			t.Fatal(err)
		}
		check.Run(r)
		return r
	}
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		resetTextCells()
		first := read(src)
		if len(textCells.m) == 0 {
			t.Fatalf("%s: no cell text remembered", p)
		}
		for _, q := range paths {
			if b, err := os.ReadFile(q); err == nil {
				read(b)
			}
		}
		if again := read(src); !reflect.DeepEqual(first, again) {
			t.Errorf("%s: read differently with the cache filled", p)
		}
	}
}

// TestTextCellsBounded: the cache stops at maxTextCells texts and never
// keeps a long one.
func TestTextCellsBounded(t *testing.T) {
	defer resetTextCells()
	resetTextCells()
	for i := 0; i < maxTextCells+100; i++ {
		rememberTextCell(fmt.Sprintf("标签%d号", i), nil)
	}
	long := string(make([]byte, maxTextCellLen)) + "标签"
	rememberTextCell(long, nil)
	if n := len(textCells.m); n != maxTextCells {
		t.Errorf("%d texts kept, want %d", n, maxTextCells)
	}
	if _, ok := textCells.m[long]; ok {
		t.Error("a text longer than maxTextCellLen was kept")
	}
}

// TestTableKeysAreEditionKeys: every key a table reader can fill (a data
// row's, a value block's, the table's) is a key of the edition, as
// readTables' count of the filled keys assumes.
func TestTableKeysAreEditionKeys(t *testing.T) {
	set := templates.Default()
	for _, ed := range set.Editions() {
		keys := map[string]bool{}
		for _, k := range set.Keys(ed) {
			keys[k] = true
		}
		for _, tb := range set.Tables(ed) {
			tm := tableMatchers(set, ed, tb.ID)
			var all []string
			all = append(all, tb.Keys...)
			for _, rm := range tm.rows {
				all = append(all, rm.row.Keys...)
			}
			for _, b := range tm.blocks {
				all = append(all, b.keys...)
			}
			for _, k := range all {
				if !keys[k] {
					t.Errorf("%s %s: key %s is not one of the edition's", ed, tb.ID, k)
				}
			}
		}
		if n := distinctKeys(set, ed); n != len(keys) || n == 0 {
			t.Errorf("%s: distinctKeys = %d, want %d", ed, n, len(keys))
		}
	}
}

// TestCachesConcurrent: reports read by several goroutines at once, with
// the caches empty at first, are the reports read one after another (run
// with -race: the cell-text cache, the label cache and its memo are
// shared).
func TestCachesConcurrent(t *testing.T) {
	var srcs [][]byte
	for _, g := range []string{"../../testdata/seeds/*.txt", "../../testdata/samples/*/source.txt"} {
		m, _ := filepath.Glob(g)
		for _, p := range m {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			srcs = append(srcs, b)
		}
	}
	read := func(src []byte) (*model.Report, error) {
		r, err := ReadBytes(src, input.Options{Name: "concurrent"})
		if err == nil {
			check.Run(r)
		}
		return r, err
	}
	resetTextCells()
	got := make([][]*model.Report, 4)
	var wg sync.WaitGroup
	for g := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range srcs {
				// Each goroutine starts at another report.
				r, err := read(srcs[(i+g)%len(srcs)])
				if err != nil {
					t.Error(err)
					return
				}
				got[g] = append(got[g], r)
			}
		}()
	}
	wg.Wait()
	for i, src := range srcs {
		want, err := read(src)
		if err != nil {
			t.Fatal(err)
		}
		for g := range got {
			if k := (i - g + len(srcs)) % len(srcs); k < len(got[g]) && !reflect.DeepEqual(got[g][k], want) {
				t.Errorf("report %d read concurrently by goroutine %d differs", i, g)
			}
		}
	}
}

// TestTrimSpace: trimSpace's shortcuts give model.CleanText's result, on
// texts of blanks, ASCII, Han characters and cut or invalid sequences.
func TestTrimSpace(t *testing.T) {
	pieces := []string{" ", "\t", "\u3000", "\u00a0", "\ufeff", "a", "|", "报", "\u4000", "\u9fff", "（", "\xe4", "\xe4\xb8", "\x80", "\xe9\xbf\xbf",
		"\xe4\x80\x80", "\xe5\xc0\x80", "\x7f", "\U0002a6a5"}
	rng := rand.New(rand.NewPCG(7, 8))
	for i := 0; i < 200000; i++ {
		var b strings.Builder
		for k := rng.IntN(6); k > 0; k-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		if got, want := trimSpace(s), model.CleanText(s); got != want {
			t.Fatalf("trimSpace(%q) = %q, want %q", s, got, want)
		}
	}
}
