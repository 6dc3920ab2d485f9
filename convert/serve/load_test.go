package serve

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestLoad: 50 clients, each with its own session, upload the five seeds
// in one request, list, and open one report, for a bounded number of
// rounds, against 127.0.0.1. It runs only with GOVREPORT_LOAD=1 (rounds:
// GOVREPORT_LOAD_ROUNDS, default 10) and logs throughput and peak memory:
//
//	GOVREPORT_LOAD=1 go test ./convert/serve -run TestLoad -v
func TestLoad(t *testing.T) {
	if os.Getenv("GOVREPORT_LOAD") != "1" {
		t.Skip("负载测试只在 GOVREPORT_LOAD=1 时运行")
	}
	rounds := 10
	if v := os.Getenv("GOVREPORT_LOAD_ROUNDS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("GOVREPORT_LOAD_ROUNDS=%q", v)
		}
		rounds = n
	}
	const clients = 50
	lim := DefaultLimits()
	lim.MaxReports = 5 * rounds
	f := newFixture(t, lim)
	files := seeds(t)
	body, ct := multipartBody(t, files...)
	payload := body.Bytes()

	// Sample the heap while the clients run.
	var peakHeap atomic.Uint64
	stop := make(chan struct{})
	var sampler sync.WaitGroup
	sampler.Add(1)
	go func() {
		defer sampler.Done()
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if h := ms.HeapInuse; h > peakHeap.Load() {
				peakHeap.Store(h)
			}
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()

	var failures atomic.Int64
	var firstErr sync.Once
	var wg sync.WaitGroup
	start := time.Now()
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cl := newClient()
			fail := func(format string, args ...any) {
				failures.Add(1)
				firstErr.Do(func() { t.Errorf("client %d: "+format, append([]any{c}, args...)...) })
			}
			for r := range rounds {
				resp, err := cl.Post(f.ts.URL+"/api/upload", ct, strings.NewReader(string(payload)))
				if err != nil {
					fail("upload: %v", err)
					return
				}
				var up struct {
					Items []itemSummary
					Total int
				}
				err = json.NewDecoder(resp.Body).Decode(&up)
				resp.Body.Close()
				if err != nil || resp.StatusCode != 200 || len(up.Items) != 5 || up.Total != 5*(r+1) {
					fail("upload round %d: %d %v %+v", r, resp.StatusCode, err, up)
					return
				}
				for _, it := range up.Items {
					if it.Error != "" || it.Agency == "" {
						fail("upload round %d: %+v", r, it)
						return
					}
				}
				resp, err = cl.Get(f.ts.URL + "/api/reports/" + up.Items[2].ID)
				if err != nil || resp.StatusCode != 200 {
					fail("report: %v %v", resp, err)
					return
				}
				var rv reportView
				err = json.NewDecoder(resp.Body).Decode(&rv)
				resp.Body.Close()
				if err != nil || len(rv.Tables) != 3 {
					fail("report view: %v", err)
					return
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	close(stop)
	sampler.Wait()
	if failures.Load() > 0 {
		t.Fatalf("%d clients failed", failures.Load())
	}
	n := clients * rounds * len(files)
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	t.Logf("%d clients × %d rounds × %d seeds = %d files in %v: %.0f files/s, %.0f uploads/s; peak heap in use %.1f MiB, peak RSS %s, live heap after GC %.1f MiB (%.0f KiB per held report) (GOMAXPROCS %d)",
		clients, rounds, len(files), n, elapsed.Round(time.Millisecond), float64(n)/elapsed.Seconds(),
		float64(clients*rounds)/elapsed.Seconds(), float64(peakHeap.Load())/(1<<20), peakRSS(),
		float64(ms.HeapAlloc)/(1<<20), float64(ms.HeapAlloc)/1024/float64(n), runtime.GOMAXPROCS(0))
	f.noFiles()
	// Every session holds exactly its own files.
	f.srv.mu.Lock()
	defer f.srv.mu.Unlock()
	if len(f.srv.sessions) != clients {
		t.Errorf("%d sessions, want %d", len(f.srv.sessions), clients)
	}
	for _, ss := range f.srv.sessions {
		if ss.count() != 5*rounds {
			t.Errorf("a session holds %d files, want %d", ss.count(), 5*rounds)
		}
	}
}

// peakRSS reads the process's peak resident size (Linux), test client
// included.
func peakRSS() string {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return "unknown"
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.Fields(v)[0])
			return fmt.Sprintf("%.1f MiB", float64(kb)/1024)
		}
	}
	return "unknown"
}
