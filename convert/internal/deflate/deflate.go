// Package deflate gives the zip-based writers (docx, xlsx, the summary
// workbook) one fast, pooled Deflate compressor: each compressor allocates
// about a megabyte of tables, which would otherwise dominate the cost of
// writing a small document, and the fastest level keeps large workbooks quick.
package deflate

import (
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
