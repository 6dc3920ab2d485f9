package pdfread

import (
	"sync"
	"testing"

	"github.com/govreport/govreport/convert/input"
)

// TestParallelReads: readers run concurrently in a batch; the package's
// shared state (the Adobe-GB1 table, the inflater pool) must not race
// (run with -race) and every reading must be the same.
func TestParallelReads(t *testing.T) {
	b := readFile(t, "../../testdata/samples/401/source.pdf")
	var wg sync.WaitGroup
	got := make([]int, 4)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r, err := Read(b, input.Options{Name: "source.pdf"})
			if err != nil {
				t.Error(err)
				return
			}
			if c := r.Cells["t3.new.total"]; c != nil {
				got[i] = int(c.Value)
			}
			_, _ = gb1Unicode(100)
		}()
	}
	wg.Wait()
	for i, v := range got {
		if v != 3119 {
			t.Errorf("reader %d: t3.new.total = %d", i, v)
		}
	}
}
