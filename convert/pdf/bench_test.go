package pdf_test

import (
	"io"
	"runtime"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/govreport/govreport/convert"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/pdf"
)

// peakHeap samples the heap while f runs and returns its peak in bytes
// (HeapInuse; sampled every millisecond, so a lower bound).
func peakHeap(f func()) uint64 {
	var peak atomic.Uint64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		var ms runtime.MemStats
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	f()
	close(stop)
	wg.Wait()
	return peak.Load()
}

// processCPU returns the CPU time (user + system) the process has used:
// on a shared machine the wall time of a benchmark mostly measures the
// other processes, its CPU time much less so.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports the process CPU time per iteration since start.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(processCPU()-start)/float64(b.N)/1e6, "cpu-ms/op")
}

// BenchmarkSeed writes one seed (2021 edition, 7 pages) as PDF with the
// fonts already parsed: layout, subsetting, compression.
func BenchmarkSeed(b *testing.B) {
	r := readSeed(b, goldenSeeds[1])
	if err := pdf.LoadFonts(nil); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	start := processCPU()
	for b.Loop() {
		if err := pdf.Write(io.Discard, r, pdf.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}

// BenchmarkLayout is the layout stage alone.
func BenchmarkLayout(b *testing.B) {
	r := readSeed(b, goldenSeeds[1])
	if err := pdf.LoadFonts(nil); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	start := processCPU()
	for b.Loop() {
		if _, err := pdf.Layout(r, pdf.Options{}); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}

// BenchmarkBatch100 reads and converts 100 seeds in one process, as
// `govreport convert -t pdf` over 100 files does, fonts parsed on first use
// included; it reports the peak heap in use.
func BenchmarkBatch100(b *testing.B) {
	paths := seedPaths(b)
	b.ReportAllocs()
	var peak uint64
	start := processCPU()
	for b.Loop() {
		peak = max(peak, peakHeap(func() {
			for i := 0; i < 100; i++ {
				r, err := convert.ReadFile(paths[i%len(paths)], convert.ReadOptions{})
				if err != nil {
					b.Fatal(err)
				}
				if err := pdf.Write(io.Discard, r, pdf.Options{OnFinding: func(model.Finding) {}}); err != nil {
					b.Fatal(err)
				}
			}
		}))
	}
	reportCPU(b, start)
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
}
