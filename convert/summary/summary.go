package summary

import (
	"bufio"
	"bytes"
	"cmp"
	"errors"
	"io"
	"math"
	"os"
	"runtime"
	"slices"
	"sync"

	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/oserr"
	"github.com/govreport/govreport/templates"
)

// entry is what stays in memory per report: the sort key and where its
// records sit in the spools. It holds no pointer (the file name is in
// Summary.names, the agency key interned in Summary.agencies), so the
// collector never scans the entries, and it takes 48 bytes.
type entry struct {
	off    int64 // the row record in the main spool; its issues record follows
	soff   int64 // the side record in the side spool
	rowN   uint32
	issN   uint32
	sideN  uint32 // 0 for an unreadable input
	name   uint32 // the file name: Summary.names[name : name+nameN]
	nameN  uint32
	agency uint32 // index in Summary.agencies
	year   int32
	flags  uint8
}

const (
	entryUnread uint8 = 1 << iota
	entryFailed
)

func (e *entry) unread() bool { return e.flags&entryUnread != 0 }

// Summary collects records in spool files and writes the outputs.
type Summary struct {
	spool   *spoolFile // per report: row record, then issues record
	side    *spoolFile // per readable report: metrics, cross-year numbers, metadata
	entries []entry
	names   []byte

	agencies  []string // interned agency keys
	agencyIdx map[string]uint32

	// The output order, computed once after the last Add.
	read, unreadIdx []int
	sortedOK        bool

	set *templates.Set
}

// spoolFile is an append-only temporary file read back at offsets.
type spoolFile struct {
	f    *os.File
	w    *bufio.Writer
	size int64
	buf  []byte
}

func newSpool(dir string) (*spoolFile, error) {
	f, err := os.CreateTemp(dir, "govreport-summary-*.bin")
	if err != nil {
		return nil, oserr.Wrap(os.TempDir(), "无法创建汇总用的临时文件", err)
	}
	// Unlinked at once where the system allows it (Unix): the open file
	// stays usable, and nothing is left in the temporary folder however
	// the process ends (interrupt, kill, crash). Elsewhere close removes it.
	if runtime.GOOS != "windows" {
		os.Remove(f.Name())
	}
	return &spoolFile{f: f, w: bufio.NewWriterSize(f, 1<<16)}, nil
}

func (sp *spoolFile) add(b []byte) (off int64, err error) {
	if _, err := sp.w.Write(b); err != nil {
		return 0, oserr.Wrap(sp.f.Name(), "写临时文件失败", err)
	}
	off = sp.size
	sp.size += int64(len(b))
	return off, nil
}

func (sp *spoolFile) flush() error {
	if err := sp.w.Flush(); err != nil {
		return oserr.Wrap(sp.f.Name(), "写临时文件失败", err)
	}
	return nil
}

// read returns n bytes at off, in a buffer reused by the next read.
func (sp *spoolFile) read(off int64, n uint32) ([]byte, error) {
	if cap(sp.buf) < int(n) {
		sp.buf = make([]byte, n)
	}
	sp.buf = sp.buf[:n]
	if _, err := sp.f.ReadAt(sp.buf, off); err != nil && err != io.EOF {
		return nil, oserr.Wrap(sp.f.Name(), "读临时文件失败", err)
	}
	return sp.buf, nil
}

func (sp *spoolFile) close() error {
	name := sp.f.Name()
	err := sp.f.Close()
	os.Remove(name)
	return err
}

// New starts a summary whose spool files live in tmpDir ("" = the system
// default), with the embedded specs.
func New(tmpDir string) (*Summary, error) { return NewWithSpecs(tmpDir, nil) }

// NewWithSpecs is New with the spec set the reports were read against (nil:
// the embedded editions): its editions and variants give the columns and
// the cross-year checks.
func NewWithSpecs(tmpDir string, set *templates.Set) (*Summary, error) {
	if set == nil {
		set = templates.Default()
	}
	a, err := newSpool(tmpDir)
	if err != nil {
		return nil, err
	}
	b, err := newSpool(tmpDir)
	if err != nil {
		a.close()
		return nil, err
	}
	return &Summary{spool: a, side: b, set: set, agencyIdx: map[string]uint32{}}, nil
}

// Close removes the spool files.
func (s *Summary) Close() error {
	e1 := s.spool.close()
	e2 := s.side.close()
	if e1 != nil {
		return e1
	}
	return e2
}

// Len returns the number of records added.
func (s *Summary) Len() int { return len(s.entries) }

// Prepared is one report reduced to the summary's spool records, ready to
// be added with AddPrepared. Preparing is most of the work of adding a
// report, and Prepare and PrepareError may run in many goroutines at once
// (they only read the summary's spec set), so that a batch's workers do it
// and adding stays a copy of bytes.
type Prepared struct {
	file, agencyKey string
	year            int
	unread, failed  bool
	rec             []byte // the row record followed by the issues record
	rowN            int
	side            []byte // nil for an unreadable input
}

// Prepare reduces a checked report to its records, as Add(FromReport(file,
// r)) would, without building the Record.
func (s *Summary) Prepare(file string, r *model.Report) *Prepared {
	h := header{File: file, Agency: r.Meta.Agency, Edition: string(r.Meta.Edition), Year: r.Meta.Year}
	// In column order: no sorting needed.
	cols := ColumnsOf(s.set)
	vals := make([]colVal, 0, len(cols))
	for i := range cols {
		if v := cellVal(r.Cells[cols[i].Key]); v.kind != valNone {
			vals = append(vals, colVal{i, v})
		}
	}
	keys := sideKeys(s.set).keys
	sv := make([]val, len(keys))
	for i, k := range keys {
		sv[i] = cellVal(r.Cells[k])
	}
	return s.prepare(&h, vals, issuesOf(r), metricsOf(r), sv)
}

// PrepareError prepares an input that could not be read (FromError).
func (s *Summary) PrepareError(file string, err error) *Prepared {
	return s.prepareRecord(FromError(file, err))
}

// prepareRecord prepares a record.
func (s *Summary) prepareRecord(rec Record) *Prepared {
	h := header{File: rec.File, Agency: rec.Agency, Edition: rec.Edition, Error: rec.Error, Year: rec.Year}
	idx := columnIndex(s.set)
	vals := make([]colVal, 0, len(rec.Values))
	for k, v := range rec.Values {
		if i, ok := idx[k]; ok {
			vals = append(vals, colVal{i, valOf(v)})
		}
	}
	var sv []val
	if rec.Error == "" {
		sv = carryVals(s.set, rec)
	}
	return s.prepare(&h, vals, rec.Issues, rec.Metrics, sv)
}

// carryVals are a record's values of the side keys.
func carryVals(set *templates.Set, rec Record) []val {
	keys := sideKeys(set).keys
	sv := make([]val, len(keys))
	for i, k := range keys {
		if v, ok := rec.Values[k]; ok {
			sv[i] = valOf(v)
		}
	}
	return sv
}

func (s *Summary) prepare(h *header, vals []colVal, issues []Issue, ms []Metric, sv []val) *Prepared {
	sortCols(vals)
	p := &Prepared{file: h.File, agencyKey: AgencyKey(h.Agency), year: h.Year, unread: h.Error != ""}
	p.rec = encodeRow(getBuf(), h, vals)
	p.rowN = len(p.rec)
	p.rec = encodeIssues(p.rec, h, issues)
	for _, is := range issues {
		if is.Status == statusNames[model.Fail] {
			p.failed = true
		}
	}
	if !p.unread {
		p.side = encodeSide(getBuf(), h, ms, sv)
	}
	return p
}

// bufs recycles the records' buffers between Prepare and AddPrepared.
var bufs sync.Pool

func getBuf() []byte {
	if b, ok := bufs.Get().(*[]byte); ok {
		return (*b)[:0]
	}
	return make([]byte, 0, 4096)
}

func putBuf(b []byte) {
	if cap(b) > 0 && cap(b) <= 1<<20 {
		bufs.Put(&b)
	}
}

// Add spools one record.
func (s *Summary) Add(rec Record) error { return s.AddPrepared(s.prepareRecord(rec)) }

var errTooLarge = errors.New("汇总的临时数据超出上限")

// AddPrepared spools one prepared report; p cannot be added again.
func (s *Summary) AddPrepared(p *Prepared) error {
	if p.rec == nil {
		return errors.New("summary: Prepared added twice")
	}
	if len(p.rec) > math.MaxUint32 || len(p.side) > math.MaxUint32 || len(s.names)+len(p.file) > math.MaxUint32 || len(s.entries) >= math.MaxInt32 {
		return errTooLarge
	}
	off, err := s.spool.add(p.rec)
	if err != nil {
		return err
	}
	e := entry{off: off, rowN: uint32(p.rowN), issN: uint32(len(p.rec) - p.rowN), year: int32(p.year)}
	if p.unread {
		e.flags |= entryUnread
	} else {
		if e.soff, err = s.side.add(p.side); err != nil {
			return err
		}
		e.sideN = uint32(len(p.side))
	}
	if p.failed {
		e.flags |= entryFailed
	}
	a, ok := s.agencyIdx[p.agencyKey]
	if !ok {
		a = uint32(len(s.agencies))
		s.agencyIdx[p.agencyKey] = a
		s.agencies = append(s.agencies, p.agencyKey)
	}
	e.agency = a
	e.name, e.nameN = uint32(len(s.names)), uint32(len(p.file))
	s.names = append(s.names, p.file...)
	s.entries = append(s.entries, e)
	s.sortedOK = false
	// The bytes are in the spools' buffers now: p is spent.
	putBuf(p.rec)
	putBuf(p.side)
	p.rec, p.side = nil, nil
	return nil
}

// fileName returns entry i's file name.
func (s *Summary) fileName(i int) string {
	e := &s.entries[i]
	return string(s.names[e.name : e.name+e.nameN])
}

func (s *Summary) fileBytes(e *entry) []byte { return s.names[e.name : e.name+e.nameN] }

// agencyKey returns entry i's agency key.
func (s *Summary) agencyKey(i int) string { return s.agencies[s.entries[i].agency] }

// sorted returns the readable entries' indexes in output order (agency,
// year, file) and the unreadable ones by file. The slices are shared: do
// not modify them.
func (s *Summary) sorted() (read, unread []int) {
	if s.sortedOK {
		return s.read, s.unreadIdx
	}
	read, unread = make([]int, 0, len(s.entries)), []int{}
	for i := range s.entries {
		if s.entries[i].unread() {
			unread = append(unread, i)
		} else {
			read = append(read, i)
		}
	}
	// Agency keys ranked once, so that sorting compares numbers.
	byKey := make([]uint32, len(s.agencies))
	for i := range byKey {
		byKey[i] = uint32(i)
	}
	slices.SortFunc(byKey, func(a, b uint32) int { return cmp.Compare(s.agencies[a], s.agencies[b]) })
	rank := make([]uint32, len(s.agencies))
	for r, a := range byKey {
		rank[a] = uint32(r)
	}
	slices.SortStableFunc(read, func(a, b int) int {
		x, y := &s.entries[a], &s.entries[b]
		if c := cmp.Compare(rank[x.agency], rank[y.agency]); c != 0 {
			return c
		}
		if c := cmp.Compare(x.year, y.year); c != 0 {
			return c
		}
		return bytes.Compare(s.fileBytes(x), s.fileBytes(y))
	})
	slices.SortStableFunc(unread, func(a, b int) int {
		return bytes.Compare(s.fileBytes(&s.entries[a]), s.fileBytes(&s.entries[b]))
	})
	s.read, s.unreadIdx, s.sortedOK = read, unread, true
	return read, unread
}

// all returns every entry's index in output order: the readable ones, then
// the unreadable.
func (s *Summary) all() []int {
	read, unread := s.sorted()
	return append(append(make([]int, 0, len(read)+len(unread)), read...), unread...)
}

// eachRow calls fn with the rows of idx, read back from the spool in that
// order. The row is reused between calls.
func (s *Summary) eachRow(idx []int, fn func(*row) error) error {
	if err := s.spool.flush(); err != nil {
		return err
	}
	var r row
	for _, i := range idx {
		e := &s.entries[i]
		b, err := s.spool.read(e.off, e.rowN)
		if err != nil {
			return err
		}
		if err := decodeRow(s.set, b, &r); err != nil {
			return err
		}
		if err := fn(&r); err != nil {
			return err
		}
	}
	return nil
}

// eachIssues calls fn with the issues of idx, in that order.
func (s *Summary) eachIssues(idx []int, fn func(issueRow) error) error {
	if err := s.spool.flush(); err != nil {
		return err
	}
	for _, i := range idx {
		e := &s.entries[i]
		b, err := s.spool.read(e.off+int64(e.rowN), e.issN)
		if err != nil {
			return err
		}
		r, err := decodeIssues(b)
		if err != nil {
			return err
		}
		if err := fn(r); err != nil {
			return err
		}
	}
	return nil
}

// eachSide calls fn with the side records of the readable entries idx, in
// that order. The record is reused between calls.
func (s *Summary) eachSide(idx []int, fn func(i int, c *side) error) error {
	var c side
	for _, i := range idx {
		if err := s.sideOf(i, &c); err != nil {
			return err
		}
		if err := fn(i, &c); err != nil {
			return err
		}
	}
	return nil
}

// sideOf decodes the side record of the readable entry i into c.
func (s *Summary) sideOf(i int, c *side) error {
	if err := s.side.flush(); err != nil {
		return err
	}
	e := &s.entries[i]
	b, err := s.side.read(e.soff, e.sideN)
	if err != nil {
		return err
	}
	return decodeSide(b, c)
}

// eachMetrics calls fn with the metrics of every readable report, in the
// order they were added, reading the side spool front to back.
func (s *Summary) eachMetrics(fn func([]Metric)) error {
	if err := s.side.flush(); err != nil {
		return err
	}
	r := bufio.NewReaderSize(io.NewSectionReader(s.side.f, 0, s.side.size), 1<<16)
	var buf []byte
	var ms []Metric
	for i := range s.entries {
		e := &s.entries[i]
		if e.unread() {
			continue
		}
		if cap(buf) < int(e.sideN) {
			buf = make([]byte, e.sideN)
		}
		buf = buf[:e.sideN]
		if _, err := io.ReadFull(r, buf); err != nil {
			return oserr.Wrap(s.side.f.Name(), "读临时文件失败", err)
		}
		var d *decoder
		ms, d = decodeMetrics(buf, ms)
		if d.err != nil {
			return d.err
		}
		fn(ms)
	}
	return nil
}

// Counts returns how many reports were read, had a failed check, and could not be read.
func (s *Summary) Counts() (read, failed, unread int) {
	for i := range s.entries {
		e := &s.entries[i]
		switch {
		case e.unread():
			unread++
		default:
			read++
			if e.flags&entryFailed != 0 {
				failed++
			}
		}
	}
	return
}
