package main

import (
	"bytes"
	"io"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe to read while the command writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestServeUsage(t *testing.T) {
	for _, args := range [][]string{{"serve", "report.txt"}, {"serve", "--addr", "8080"}, {"serve", "--bogus"}} {
		_, stderr, code := cli(t, nil, args...)
		if code != exitUsage || !strings.Contains(stderr, "govreport：") {
			t.Errorf("%v: exit %d, stderr %q", args, code, stderr)
		}
	}
	out, _, code := cli(t, nil, "help", "serve")
	if code != 0 || !strings.Contains(out, "--addr") || !strings.Contains(out, "默认：\"127.0.0.1:8080\"") {
		t.Errorf("help serve: %d %s", code, out)
	}
}

// TestServeRun starts the server on a free port, fetches the page, and
// stops it with SIGINT as Ctrl+C would; on a non-loopback address it warns.
func TestServeRun(t *testing.T) {
	for _, addr := range []string{"127.0.0.1:0", "0.0.0.0:0"} {
		var out, errb syncBuffer
		done := make(chan int, 1)
		go func() {
			done <- run([]string{"serve", "--addr", addr}, strings.NewReader(""), &out, &errb, func(string) string { return "" })
		}()
		re := regexp.MustCompile(`http://127\.0\.0\.1:\d+/`)
		var url string
		for i := 0; i < 200 && url == ""; i++ {
			select {
			case code := <-done:
				t.Fatalf("%s: serve ended early: %d %s", addr, code, errb.String())
			case <-time.After(20 * time.Millisecond):
			}
			url = re.FindString(out.String())
		}
		if url == "" {
			t.Fatalf("%s: no URL printed: %q", addr, out.String())
		}
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		page, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 || !strings.Contains(string(page), "年度报告") || resp.Header.Get("Content-Security-Policy") == "" {
			t.Errorf("%s: page %d %q", addr, resp.StatusCode, resp.Header)
		}
		warned := strings.Contains(errb.String(), "警告：正在监听")
		if warned != (addr == "0.0.0.0:0") {
			t.Errorf("%s: warning %v: %q", addr, warned, errb.String())
		}
		syscall.Kill(syscall.Getpid(), syscall.SIGINT)
		select {
		case code := <-done:
			if code != 0 || !strings.Contains(out.String(), "已停止") {
				t.Errorf("%s: after SIGINT: exit %d, out %q, err %q", addr, code, out.String(), errb.String())
			}
		case <-time.After(15 * time.Second):
			t.Fatalf("%s: serve did not stop on SIGINT", addr)
		}
	}
}

func TestServeLoopback(t *testing.T) {
	for host, want := range map[string]bool{"127.0.0.1": true, "localhost": true, "::1": true, "127.0.0.2": true, "0.0.0.0": false, "": false, "192.168.1.5": false, "::": false} {
		if got := isLoopback(host); got != want {
			t.Errorf("isLoopback(%q) = %v", host, got)
		}
	}
}
