package summary

import (
	"bufio"
	"io"
	"os"
	"runtime"
	"sort"

	"github.com/govreport/govreport/convert/oserr"
	"github.com/govreport/govreport/templates"
)

// entry is what stays in memory per report: the sort key and where the
// record sits in the spool.
type entry struct {
	agencyKey string
	year      int
	file      string
	off, n    int64 // the record in the main spool
	ioff, in  int64 // its issues in the issues spool
	failed    bool
	unread    bool
	carry     int32 // index in Summary.carries, -1 for an unreadable input
}

// carry holds the numbers the cross-year checks need (the keys of the
// spec set's cross rules).
type carry struct {
	edition string
	vals    map[string]Value
	// For the 指标 and 趋势 sheets: where the report's metrics start in
	// Summary.mvals (metrics.Defs order; -1 = none) and the headline counts.
	mOff     int32
	newTotal Value // t3.new.total
	reviews  Value // t4.review.total
	suits    [2]Value
}

// Summary collects records in a spool file and writes the outputs.
type Summary struct {
	spool   *spoolFile // metadata and values
	issues  *spoolFile // failed and uncertain checks
	entries []entry
	carries []carry
	// mvals holds every report's metrics, packed (16 bytes each), so that
	// memory per report stays small at 100,000 reports.
	mvals   []packedMetric
	scratch []byte
	set     *templates.Set
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

func (sp *spoolFile) add(b []byte) (off, n int64, err error) {
	if _, err := sp.w.Write(b); err != nil {
		return 0, 0, oserr.Wrap(sp.f.Name(), "写临时文件失败", err)
	}
	off = sp.size
	sp.size += int64(len(b))
	return off, int64(len(b)), nil
}

func (sp *spoolFile) read(off, n int64) ([]byte, error) {
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
	return &Summary{spool: a, issues: b, set: set}, nil
}

// Close removes the spool files.
func (s *Summary) Close() error {
	e1 := s.spool.close()
	e2 := s.issues.close()
	if e1 != nil {
		return e1
	}
	return e2
}

// Len returns the number of records added.
func (s *Summary) Len() int { return len(s.entries) }

// Add spools one record.
func (s *Summary) Add(rec Record) error {
	s.scratch = encodeRow(s.set, s.scratch[:0], &rec)
	off, n, err := s.spool.add(s.scratch)
	if err != nil {
		return err
	}
	s.scratch = encodeIssues(s.scratch[:0], &rec)
	ioff, in, err := s.issues.add(s.scratch)
	if err != nil {
		return err
	}
	e := entry{agencyKey: AgencyKey(rec.Agency), year: rec.Year, file: rec.File, off: off, n: n, ioff: ioff, in: in, unread: rec.Error != "", carry: -1}
	for _, is := range rec.Issues {
		if is.Status == statusNames["fail"] {
			e.failed = true
		}
	}
	s.entries = append(s.entries, e)
	if rec.Error == "" {
		c := carryOf(s.set, rec)
		c.mOff = -1
		if len(rec.Metrics) > 0 {
			c.mOff = int32(len(s.mvals))
			for _, m := range rec.Metrics {
				s.mvals = append(s.mvals, pack(m))
			}
		}
		s.entries[len(s.entries)-1].carry = int32(len(s.carries))
		s.carries = append(s.carries, c)
	}
	return nil
}

// carryOf takes from a record the numbers the cross-year checks need.
func carryOf(set *templates.Set, rec Record) carry {
	v := rec.Values
	c := carry{edition: rec.Edition, vals: map[string]Value{},
		newTotal: v["t3.new.total"], reviews: v["t4.review.total"],
		suits: [2]Value{v["t4.suit_direct.total"], v["t4.suit_after_review.total"]},
	}
	for _, cr := range set.CrossRules() {
		for _, k := range []string{cr.Now, cr.Prev, cr.Plus, cr.Minus} {
			if x, ok := v[k]; ok && k != "" {
				c.vals[k] = x
			}
		}
	}
	return c
}

// carryOfEntry returns the cross-year numbers of the readable entry i.
func (s *Summary) carryOfEntry(i int) *carry { return &s.carries[s.entries[i].carry] }

// sorted returns the readable entries' indexes in output order (agency,
// year, file) and the unreadable ones by file.
func (s *Summary) sorted() (read, unread []int) {
	for i, e := range s.entries {
		if e.unread {
			unread = append(unread, i)
		} else {
			read = append(read, i)
		}
	}
	sort.SliceStable(read, func(a, b int) bool {
		x, y := s.entries[read[a]], s.entries[read[b]]
		if x.agencyKey != y.agencyKey {
			return x.agencyKey < y.agencyKey
		}
		if x.year != y.year {
			return x.year < y.year
		}
		return x.file < y.file
	})
	sort.SliceStable(unread, func(a, b int) bool { return s.entries[unread[a]].file < s.entries[unread[b]].file })
	return read, unread
}

// eachRow calls fn with the rows of idx, read back from the spool in that
// order. The row is reused between calls.
func (s *Summary) eachRow(idx []int, fn func(*row) error) error {
	if err := s.spool.w.Flush(); err != nil {
		return err
	}
	var r row
	for _, i := range idx {
		e := s.entries[i]
		b, err := s.spool.read(e.off, e.n)
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
	if err := s.issues.w.Flush(); err != nil {
		return err
	}
	for _, i := range idx {
		e := s.entries[i]
		b, err := s.issues.read(e.ioff, e.in)
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

// Counts returns how many reports were read, had a failed check, and could not be read.
func (s *Summary) Counts() (read, failed, unread int) {
	for _, e := range s.entries {
		switch {
		case e.unread:
			unread++
		default:
			read++
			if e.failed {
				failed++
			}
		}
	}
	return
}
