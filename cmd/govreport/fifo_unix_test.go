//go:build unix

package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestFIFOSkipped: a named pipe among the inputs is reported and skipped,
// never opened (opening one for reading blocks until a writer comes).
func TestFIFOSkipped(t *testing.T) {
	dir := t.TempDir()
	copySeed(t, "001", filepath.Join(dir, "a.txt"))
	fifo := filepath.Join(dir, "b.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skip("mkfifo:", err)
	}
	out := filepath.Join(t.TempDir(), "out")
	within(t, 20*time.Second, func() {
		_, stderr, code := cli(t, nil, "convert", "-q", "-o", out, dir)
		if code != 0 || !strings.Contains(stderr, fifo+"：是命名管道") {
			t.Errorf("folder with a FIFO: %d %q", code, stderr)
		}
		_, stderr, code = cli(t, nil, "check", fifo)
		if code != 1 || !strings.Contains(stderr, fifo+"：是命名管道") {
			t.Errorf("FIFO argument: %d %q", code, stderr)
		}
		_, stderr, code = cli(t, nil, "summary", "-q", "-o", filepath.Join(out, "s.xlsx"), filepath.Join(dir, "*.txt"))
		if code != 0 || !strings.Contains(stderr, "是命名管道") {
			t.Errorf("summary with a FIFO: %d %q", code, stderr)
		}
	})
	if _, err := os.Stat(filepath.Join(out, "a.json")); err != nil {
		t.Error("regular file beside the FIFO not converted:", err)
	}
}
