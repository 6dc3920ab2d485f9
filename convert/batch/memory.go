package batch

import (
	"os"
	"sync"
)

// A batch bounds its memory as a whole, not per worker: every input is
// weighted by what reading and writing it may take, and a worker waits
// until the batch's budget has room, so that -j N on large files does not
// multiply the peak by N. Small inputs (real reports are well under 1 MB)
// still run N at a time.

// Memory costs, measured on the text reader and the document writers (see
// the README, "资源占用"): a fixed part per input and a part per byte.
const (
	// BaseWeight is the memory one input needs whatever its size (the
	// writers' fonts, tables and buffers).
	BaseWeight = 48 << 20
	// BytesFactor is the memory per input byte of reading and writing.
	BytesFactor = 12
	// LineWeight is the memory per line of a text input (the readers keep
	// a record per line); a file of size S has at most S/2 lines and at
	// most convert.MaxLines (2,000,000).
	LineWeight = 150
	maxLines   = 2_000_000
	// DefaultBudget is the memory a batch may plan for at once.
	DefaultBudget = 1 << 30
)

// Weight is the memory budgeted for one input: BaseWeight, BytesFactor
// times its size, and LineWeight times the most lines it can have
// (standard input counts as 64 MiB, the most any reader accepts).
func Weight(in Input) int64 {
	size := int64(64 << 20)
	if in.Path != Stdin {
		if fi, err := os.Stat(in.Path); err == nil {
			size = fi.Size()
		}
	}
	return BaseWeight + BytesFactor*size + LineWeight*min(size/2, maxLines)
}

// Memory is a weighted semaphore over a memory budget.
type Memory struct {
	mu     sync.Mutex
	cond   *sync.Cond
	budget int64
	used   int64
}

// NewMemory returns a budget of n bytes.
func NewMemory(n int64) *Memory {
	m := &Memory{budget: n}
	m.cond = sync.NewCond(&m.mu)
	return m
}

// Acquire waits until w bytes fit in the budget and takes them; it returns
// what was taken (w, or the whole budget for an input larger than it,
// which then runs alone), to be given to Release.
func (m *Memory) Acquire(w int64) int64 {
	w = min(max(w, 1), m.budget)
	m.mu.Lock()
	for m.used+w > m.budget {
		m.cond.Wait()
	}
	m.used += w
	m.mu.Unlock()
	return w
}

// Release gives back what Acquire took.
func (m *Memory) Release(w int64) {
	m.mu.Lock()
	m.used -= w
	m.mu.Unlock()
	m.cond.Broadcast()
}
