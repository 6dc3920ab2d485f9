package pdfread

import (
	"runtime"
	"testing"

	"github.com/govreport/govreport/convert/check"
	"github.com/govreport/govreport/convert/input"
)

// BenchmarkRead401 reads and checks the real WPS report (6 pages, 3
// tables). Run with -cpu 1; it reports peak heap in use as peak-MB.
func BenchmarkRead401(b *testing.B) {
	data := readFile(b, "../../testdata/samples/401/source.pdf")
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	base := ms.HeapInuse
	peak := uint64(0)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r, err := Read(data, input.Options{Name: "source.pdf"})
		if err != nil {
			b.Fatal(err)
		}
		check.Run(r)
		if i < 5 {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak {
				peak = ms.HeapInuse
			}
		}
	}
	b.StopTimer()
	if peak > base {
		b.ReportMetric(float64(peak-base)/(1<<20), "peak-MB")
	}
}
