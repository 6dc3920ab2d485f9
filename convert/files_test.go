package convert

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestAtomicWriteLeavesNothing: a failed write removes its temporary file
// and the folders it made; an interrupt during a write removes the
// temporary file and the output never appears.
func TestAtomicWriteLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "a", "b", "r.json")
	err := AtomicWrite(out, func(w io.Writer) error {
		io.WriteString(w, "partial")
		return errors.New("渲染失败")
	})
	if err == nil {
		t.Fatal("no error")
	}
	if _, err := os.Stat(filepath.Join(dir, "a")); err == nil {
		t.Error("folders made for a failed write remain")
	}
	// Interrupt while writing.
	started := make(chan struct{})
	release := make(chan struct{})
	done := make(chan error)
	go func() {
		done <- AtomicWrite(out, func(w io.Writer) error {
			io.WriteString(w, "half")
			close(started)
			<-release
			return nil
		})
	}()
	<-started
	Interrupt()
	defer resumeWrites()
	if m, _ := filepath.Glob(filepath.Join(dir, "a", "b", ".gr-*")); len(m) != 0 {
		t.Errorf("temporary files after Interrupt: %v", m)
	}
	if _, err := os.Stat(filepath.Join(dir, "a")); err == nil {
		t.Error("folders made for the interrupted write remain")
	}
	close(release)
	if err := <-done; !errors.Is(err, ErrInterrupted) {
		t.Errorf("write after interrupt: %v", err)
	}
	if _, err := os.Stat(out); err == nil {
		t.Error("output appeared after the interrupt")
	}
	if err := AtomicWrite(filepath.Join(dir, "later.json"), func(io.Writer) error { return nil }); !errors.Is(err, ErrInterrupted) {
		t.Errorf("new write after interrupt: %v", err)
	}
	resumeWrites()
	if err := AtomicWrite(filepath.Join(dir, "x", strings.Repeat("长", 80)+".json"), func(w io.Writer) error { _, err := io.WriteString(w, "{}"); return err }); err != nil {
		t.Errorf("240-byte name: %v", err)
	}
}
