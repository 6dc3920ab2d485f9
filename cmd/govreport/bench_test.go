package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
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

// runChild runs the govreport binary (built once, see binary) with args
// and returns its CPU time (user + system) and peak resident memory.
func runChild(tb testing.TB, args ...string) (cpu time.Duration, peak int64) {
	tb.Helper()
	cmd := exec.Command(binary(tb), args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		tb.Fatalf("govreport %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	ps := cmd.ProcessState
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		peak = ru.Maxrss * 1024
	}
	return ps.UserTime() + ps.SystemTime(), peak
}

// benchSummary runs "govreport summary" on n generated reports in a child
// process per iteration and reports its CPU seconds and peak resident
// memory (the targets: peak memory flat in n and under 150 MiB; 100,000
// reports in under 60 s of CPU). Run with -benchtime 1x.
func benchSummary(b *testing.B, n int) {
	dir := b.TempDir()
	genInputs(b, filepath.Join(dir, "in"), n)
	out := filepath.Join(dir, "汇总.xlsx")
	var cpu time.Duration
	var peak int64
	runs := 0
	b.ResetTimer()
	for b.Loop() {
		c, p := runChild(b, "summary", "-q", "-o", out, filepath.Join(dir, "in"))
		cpu += c
		peak = max(peak, p)
		runs++
	}
	b.StopTimer()
	b.ReportMetric(cpu.Seconds()/float64(runs), "cpu-s/op")
	b.ReportMetric(float64(peak)/(1<<20), "peak-MiB")
	if fi, err := os.Stat(out); err == nil {
		b.ReportMetric(float64(fi.Size())/(1<<20), "xlsx-MiB")
	}
}

// BenchmarkSummary1k: "govreport summary" of 1,000 generated reports.
func BenchmarkSummary1k(b *testing.B) { benchSummary(b, 1000) }

// BenchmarkSummary10k: "govreport summary" of 10,000 generated reports.
func BenchmarkSummary10k(b *testing.B) { benchSummary(b, 10000) }

// BenchmarkSummary100k: "govreport summary" of 100,000 generated reports
// (about 1 GB of inputs in a temporary folder, and a minute or more of
// CPU): it runs only when GOVREPORT_BENCH_100K=1, so -bench . stays short.
func BenchmarkSummary100k(b *testing.B) {
	if os.Getenv("GOVREPORT_BENCH_100K") != "1" {
		b.Skip("set GOVREPORT_BENCH_100K=1 to run (generates 100,000 inputs, about 1 GB)")
	}
	benchSummary(b, 100000)
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
