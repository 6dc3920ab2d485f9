package batch

import (
	"fmt"
	"io"
	"os"
	"time"
)

// Progress prints "已处理 12/100，失败 1，8.3 个/秒" on one terminal line,
// at most ten times a second. It prints nothing when disabled.
type Progress struct {
	w       io.Writer
	on      bool
	total   int
	done    int
	failed  int
	start   time.Time
	last    time.Time
	now     func() time.Time
	printed bool
}

// IsTerminal reports whether f is a character device (a terminal).
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// NewProgress returns a progress line on w for total inputs; on says whether
// to print at all (typically: w is a terminal and -q was not given).
func NewProgress(w io.Writer, total int, on bool, now func() time.Time) *Progress {
	if now == nil {
		now = time.Now
	}
	t := now()
	return &Progress{w: w, on: on && total > 1, total: total, start: t, now: now}
}

// Step records one finished input.
func (p *Progress) Step(failed bool) {
	p.done++
	if failed {
		p.failed++
	}
	if !p.on {
		return
	}
	t := p.now()
	if p.done < p.total && t.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last = t
	rate := float64(p.done) / max(t.Sub(p.start).Seconds(), 1e-3)
	fmt.Fprintf(p.w, "\r已处理 %d/%d，失败 %d，%.1f 个/秒 ", p.done, p.total, p.failed, rate)
	p.printed = true
}

// Clear erases the progress line so that a message can be printed.
func (p *Progress) Clear() {
	if p.on && p.printed {
		fmt.Fprint(p.w, "\r\033[K")
		p.printed = false
	}
}

// Finish ends the progress line.
func (p *Progress) Finish() {
	if p.on && p.printed {
		fmt.Fprint(p.w, "\n")
	}
}
