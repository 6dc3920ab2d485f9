// Package deflate gives the zip-based writers (docx, xlsx, the summary
// workbook) one fast, pooled Deflate compressor: each compressor allocates
// about a megabyte of tables, which would otherwise dominate the cost of
// writing a small document, and the fastest level keeps large workbooks quick.
// For the PDF writer's font programs, Pieces (pieces.go) is a narrower
// encoder that remembers the compressed glyphs from one document to the next.
package deflate

import (
	"bytes"
	"io"
	"sync"

	"github.com/klauspost/compress/flate"
)

var pool sync.Pool

// pooled returns its compressor to the pool when closed.
type pooled struct{ *flate.Writer }

// Close flushes the compressed stream and recycles the compressor.
func (p pooled) Close() error {
	err := p.Writer.Close()
	pool.Put(p.Writer)
	return err
}

// NewWriter returns a Deflate compressor at the fastest level writing to
// out, taken from a pool; it has the signature of zip.Compressor.
func NewWriter(out io.Writer) (io.WriteCloser, error) {
	if fw, ok := pool.Get().(*flate.Writer); ok {
		fw.Reset(out)
		return pooled{fw}, nil
	}
	fw, err := flate.NewWriter(out, flate.BestSpeed)
	if err != nil {
		return nil, err
	}
	return pooled{fw}, nil
}

// memoLimit bounds the inputs a Memo remembers.
const memoLimit = 64 << 10

// Memo remembers, for each key, the last input compressed under it and the
// compressed bytes, and writes those again when the same input comes back:
// for parts that are the same in every document (a workbook's theme),
// whose compression would otherwise be repeated for each. The bytes are
// NewWriter's for the whole input (Deflate's output does not depend on how
// the input is cut into writes). Inputs beyond memoLimit bytes are
// compressed as they come and not remembered. A Memo is safe for
// concurrent use; its zero value is ready.
type Memo struct {
	mu   sync.Mutex
	last map[string]*memoEntry
}

type memoEntry struct{ in, out []byte }

// NewWriter returns a compressor writing to out, remembering its input
// under key; it has the signature of zip.Compressor once key is bound.
func (m *Memo) NewWriter(key string, out io.Writer) io.WriteCloser {
	return &memoWriter{m: m, key: key, out: out}
}

type memoWriter struct {
	m   *Memo
	key string
	out io.Writer
	buf []byte
	fw  io.WriteCloser // past memoLimit: compressing as it comes
}

func (w *memoWriter) Write(p []byte) (int, error) {
	if w.fw != nil {
		return w.fw.Write(p)
	}
	if len(w.buf)+len(p) <= memoLimit {
		w.buf = append(w.buf, p...)
		return len(p), nil
	}
	fw, err := NewWriter(w.out)
	if err != nil {
		return 0, err
	}
	w.fw = fw
	if _, err := fw.Write(w.buf); err != nil {
		return 0, err
	}
	w.buf = nil
	return fw.Write(p)
}

func (w *memoWriter) Close() error {
	if w.fw != nil {
		return w.fw.Close()
	}
	w.m.mu.Lock()
	e := w.m.last[w.key]
	w.m.mu.Unlock()
	if e == nil || !bytes.Equal(e.in, w.buf) {
		var out bytes.Buffer
		fw, err := NewWriter(&out)
		if err != nil {
			return err
		}
		if _, err := fw.Write(w.buf); err != nil {
			return err
		}
		if err := fw.Close(); err != nil {
			return err
		}
		e = &memoEntry{in: w.buf, out: out.Bytes()}
		w.m.mu.Lock()
		if w.m.last == nil {
			w.m.last = map[string]*memoEntry{}
		}
		w.m.last[w.key] = e
		w.m.mu.Unlock()
	}
	_, err := w.out.Write(e.out)
	return err
}
