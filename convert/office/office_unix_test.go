//go:build unix

package office_test

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/govreport/govreport/convert/office"
)

// running reports whether process pid exists and is not a zombie waiting
// for its new parent to reap it.
func running(pid int) bool {
	if syscall.Kill(pid, 0) != nil {
		return false
	}
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return !os.IsNotExist(err) && runtime.GOOS != "linux"
	}
	// "pid (comm) S …": the state follows the last parenthesis.
	s := string(stat)
	if i := strings.LastIndexByte(s, ')'); i >= 0 && i+2 < len(s) {
		return s[i+2] != 'Z' && s[i+2] != 'X'
	}
	return true
}

func script(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "fake-soffice")
	if err := os.WriteFile(p, []byte("#!/bin/sh\n"+body+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestTimeoutKillsGroup: a converter that hangs, with a child of its own,
// is killed with its child when the timeout expires, and its folder goes.
func TestTimeoutKillsGroup(t *testing.T) {
	left := isolatedTemp(t)
	pidFile := filepath.Join(t.TempDir(), "child.pid")
	sleep, err := exec.LookPath("sleep")
	if err != nil {
		t.Skip("no sleep program to stand in for a hanging soffice")
	}
	prog := script(t, sleep+" 60 &\necho $! > "+pidFile+"\nwait")
	start := time.Now()
	_, err = office.ToDocx(context.Background(), []byte("x"), ".doc", office.Options{Program: prog, Timeout: time.Second})
	var oe *office.Error
	if !errors.As(err, &oe) || !strings.Contains(oe.Msg, "超过") {
		t.Fatalf("err = %v, want a timeout", err)
	}
	if d := time.Since(start); d > 15*time.Second {
		t.Errorf("took %v", d)
	}
	b, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatal(err)
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(string(b)))
	if pid <= 0 {
		t.Fatalf("child pid %q", b)
	}
	for deadline := time.Now().Add(5 * time.Second); running(pid); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("child %d still running", pid)
		}
	}
	left()
}

// TestFailedConversion: a converter that fails without output gives a
// Chinese message with its output, and leaves nothing behind.
func TestFailedConversion(t *testing.T) {
	left := isolatedTemp(t)
	prog := script(t, `echo "Error: source file could not be loaded" >&2; : > "$TMPDIR/lu123.tmp"; exit 1`)
	_, err := office.ToDocx(context.Background(), []byte("x"), ".doc", office.Options{Program: prog})
	var oe *office.Error
	if !errors.As(err, &oe) || !strings.Contains(oe.Msg, "未能转换") || !strings.Contains(oe.Msg, "could not be loaded") {
		t.Fatalf("err = %v", err)
	}
	left()
}
