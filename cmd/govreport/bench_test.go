package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// genInputs writes n reports made from the seeds into dir: each gets a title
// line naming one of n/3 agencies and a year, so the summary has consecutive
// years to pair.
func genInputs(tb testing.TB, dir string, n int) {
	tb.Helper()
	paths, _ := filepath.Glob(seedDir + "*.txt")
	var seeds [][]byte
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			tb.Fatal(err)
		}
		seeds = append(seeds, b)
	}
	for i := 0; i < n; i++ {
		sub := filepath.Join(dir, fmt.Sprintf("%03d", i/1000))
		if err := os.MkdirAll(sub, 0o755); err != nil {
			tb.Fatal(err)
		}
		title := fmt.Sprintf("%d年测试县第%d局政府信息公开工作年度报告\n", 2019+i%3, i/3)
		b := append([]byte(title), seeds[i%len(seeds)]...)
		if err := os.WriteFile(filepath.Join(sub, fmt.Sprintf("r%05d.txt", i)), b, 0o644); err != nil {
			tb.Fatal(err)
		}
	}
}

func maxRSS() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Maxrss * 1024
}

// BenchmarkSummary10k runs "govreport summary" on 10,000 generated reports
// (target: under 15 s on 2 cores, peak memory under 300 MB). Run it with
// -benchtime 1x.
func BenchmarkSummary10k(b *testing.B) {
	dir := b.TempDir()
	genInputs(b, filepath.Join(dir, "in"), 10000)
	out := filepath.Join(dir, "汇总.xlsx")
	b.ResetTimer()
	for b.Loop() {
		var stderr bytes.Buffer
		if code := run([]string{"summary", "-q", "-o", out, filepath.Join(dir, "in")}, strings.NewReader(""), &stderr, &stderr, func(string) string { return "" }); code != 0 {
			b.Fatalf("exit %d: %s", code, stderr.String())
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(maxRSS())/(1<<20), "peak-MB")
	if fi, err := os.Stat(out); err == nil {
		b.ReportMetric(float64(fi.Size())/(1<<20), "xlsx-MB")
	}
}

// BenchmarkConvertAll1000 runs "govreport convert -t xlsx,pdf,docx" on 1,000
// generated reports (target: under 60 s on 2 cores). Run with -benchtime 1x.
func BenchmarkConvertAll1000(b *testing.B) {
	dir := b.TempDir()
	genInputs(b, filepath.Join(dir, "in"), 1000)
	b.ResetTimer()
	for b.Loop() {
		var stderr bytes.Buffer
		out := filepath.Join(dir, "out")
		if code := run([]string{"convert", "-q", "-t", "xlsx,pdf,docx", "-o", out, filepath.Join(dir, "in")}, strings.NewReader(""), &stderr, &stderr, func(string) string { return "" }); code != 0 {
			b.Fatalf("exit %d: %s", code, stderr.String())
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(maxRSS())/(1<<20), "peak-MB")
}
