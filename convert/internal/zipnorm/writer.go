package zipnorm

import (
	"archive/zip"
	"bytes"
	"errors"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"runtime"
	"sort"
	"time"

	"github.com/govreport/govreport/convert/internal/deflate"
)

// Writer writes a normalised zip without first building the whole
// unnormalised one: each entry is compressed as it is written into a spool
// (memory up to SpoolMemory, then a temporary file), and Close writes the
// entries to the output in the normalised order, copying their compressed
// bytes. The result is byte for byte what Normalize gives for the same
// entries compressed by a zip.Writer with the deflate package's compressor,
// but the archive is held once — on disk when large — instead of twice in
// memory.
//
// It has the methods of excelize's ZipWriter, so a workbook can be saved
// through it (excelize.File.SetZipWriter).
type Writer struct {
	out io.Writer
	t   time.Time

	mem     bytes.Buffer // the spool while small
	file    *os.File     // the spool once large; removed by Close
	spooled int64        // bytes in the spool

	entries []*entry
	cur     *entryWriter
	err     error
	closed  bool
}

// SpoolMemory is how many compressed bytes a Writer keeps in memory before
// it moves its spool to a temporary file.
const SpoolMemory = 8 << 20

type entry struct {
	name       string
	off, n     int64 // compressed bytes in the spool
	crc        uint32
	size       uint64 // uncompressed
	compressed bool
}

// NewWriter returns a Writer that writes the normalised archive to out at
// Close, stamping every entry with t.
func NewWriter(out io.Writer, t time.Time) *Writer {
	return &Writer{out: out, t: t}
}

// spoolWrite appends compressed bytes to the spool.
func (w *Writer) spoolWrite(p []byte) (int, error) {
	if w.file == nil && int64(w.mem.Len()+len(p)) > SpoolMemory {
		f, err := os.CreateTemp("", "govreport-zip-*")
		if err != nil {
			return 0, err
		}
		// Unlinked at once where the system allows it (Unix): nothing is
		// left however the process ends. Elsewhere Close or Discard
		// removes it.
		if runtime.GOOS != "windows" {
			os.Remove(f.Name())
		}
		w.file = f
		if _, err := f.Write(w.mem.Bytes()); err != nil {
			return 0, err
		}
		w.mem = bytes.Buffer{}
	}
	var n int
	var err error
	if w.file != nil {
		n, err = w.file.Write(p)
	} else {
		n, err = w.mem.Write(p)
	}
	w.spooled += int64(n)
	return n, err
}

type spoolSink struct{ w *Writer }

func (s spoolSink) Write(p []byte) (int, error) { return s.w.spoolWrite(p) }

// entryWriter compresses one entry into the spool.
type entryWriter struct {
	w   *Writer
	e   *entry
	crc hash.Hash32
	fw  io.WriteCloser
}

func (ew *entryWriter) Write(p []byte) (int, error) {
	if ew.w.cur != ew {
		return 0, errors.New("zipnorm: write to an entry after the next was created")
	}
	ew.crc.Write(p)
	ew.e.size += uint64(len(p))
	return ew.fw.Write(p)
}

// finish closes the current entry's compressor.
func (w *Writer) finish() error {
	ew := w.cur
	if ew == nil {
		return nil
	}
	w.cur = nil
	if err := ew.fw.Close(); err != nil {
		return err
	}
	ew.e.crc = ew.crc.Sum32()
	ew.e.n = w.spooled - ew.e.off
	return nil
}

// Create adds an entry named name, compressed with Deflate; its content is
// what is written to the returned writer before the next Create or Close.
func (w *Writer) Create(name string) (io.Writer, error) {
	if w.closed {
		return nil, errors.New("zipnorm: Create after Close")
	}
	if w.err == nil {
		w.err = w.finish()
	}
	if w.err != nil {
		return nil, w.err
	}
	e := &entry{name: name, off: w.spooled, compressed: true}
	fw, err := deflate.NewWriter(spoolSink{w})
	if err != nil {
		w.err = err
		return nil, err
	}
	w.entries = append(w.entries, e)
	w.cur = &entryWriter{w: w, e: e, crc: crc32.NewIEEE(), fw: fw}
	return w.cur, nil
}

// AddFS adds the regular files of fsys, as zip.Writer.AddFS does.
func (w *Writer) AddFS(fsys fs.FS) error {
	return fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if !d.Type().IsRegular() {
			return errors.New("zipnorm: cannot add non-regular file " + name)
		}
		f, err := fsys.Open(name)
		if err != nil {
			return err
		}
		defer f.Close()
		ew, err := w.Create(name)
		if err != nil {
			return err
		}
		_, err = io.Copy(ew, f)
		return err
	})
}

// Discard drops the archive without writing it (after an error) and
// removes the spool file; after Close it does nothing.
func (w *Writer) Discard() {
	if w.closed {
		return
	}
	w.closed = true
	if w.err == nil {
		w.err = errors.New("zipnorm: archive discarded")
	}
	if w.file != nil {
		w.file.Close()
		os.Remove(w.file.Name())
	}
}

// Close writes the archive to the output, in the normalised order, and
// removes the spool file. An entry created twice keeps its last content.
func (w *Writer) Close() error {
	if w.closed {
		return w.err
	}
	w.closed = true
	defer func() {
		if w.file != nil {
			w.file.Close()
			os.Remove(w.file.Name())
		}
	}()
	if w.err == nil {
		w.err = w.finish()
	}
	if w.err != nil {
		return w.err
	}
	last := map[string]*entry{}
	for _, e := range w.entries {
		last[e.name] = e
	}
	entries := make([]*entry, 0, len(last))
	for _, e := range w.entries {
		if last[e.name] == e {
			entries = append(entries, e)
		}
	}
	sort.SliceStable(entries, func(i, j int) bool { return less(entries[i].name, entries[j].name) })
	var src io.ReaderAt = bytes.NewReader(w.mem.Bytes())
	if w.file != nil {
		src = w.file
	}
	zw := zip.NewWriter(w.out)
	for _, e := range entries {
		// The header a zip.Writer writes for Create(name), as Normalize
		// copies it: version 2.0, data descriptor, Deflate.
		h := &zip.FileHeader{
			Name:               e.name,
			Method:             zip.Deflate,
			Flags:              0x8,
			CreatorVersion:     20,
			ReaderVersion:      20,
			CRC32:              e.crc,
			CompressedSize64:   uint64(e.n),
			UncompressedSize64: e.size,
			Modified:           w.t.UTC(),
		}
		if e.size >= 1<<32-1 || e.n >= 1<<32-1 {
			h.ReaderVersion = 45
		}
		dst, err := zw.CreateRaw(h)
		if err != nil {
			w.err = err
			return err
		}
		if _, err := io.Copy(dst, io.NewSectionReader(src, e.off, e.n)); err != nil {
			w.err = err
			return err
		}
	}
	w.err = zw.Close()
	return w.err
}
