package summary

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
)

// entry is what stays in memory per report: the sort key and where the
// record sits in the spool.
type entry struct {
	agencyKey string
	year      int
	file      string
	off, n    int64
	failed    bool
	unread    bool
}

// carry holds the numbers the cross-year checks need.
type carry struct {
	idx      int // index in entries
	edition  string
	over     Value // t3.carried_over.total
	forward  Value // t3.carried_forward.total
	inForce  [2]Value
	issued   [2]Value
	repealed [2]Value
}

// Summary collects records in a spool file and writes the outputs.
type Summary struct {
	spool   *os.File
	w       *bufio.Writer
	size    int64
	entries []entry
	carries []carry
	order   []int // entries sorted by agency, year, file; built by sortOnce
}

// New starts a summary whose spool file lives in tmpDir ("" = the system default).
func New(tmpDir string) (*Summary, error) {
	f, err := os.CreateTemp(tmpDir, "govreport-summary-*.jsonl")
	if err != nil {
		return nil, fmt.Errorf("无法创建临时文件：%w", err)
	}
	return &Summary{spool: f, w: bufio.NewWriterSize(f, 1<<16)}, nil
}

// Close removes the spool file.
func (s *Summary) Close() error {
	name := s.spool.Name()
	err := s.spool.Close()
	os.Remove(name)
	return err
}

// Len returns the number of records added.
func (s *Summary) Len() int { return len(s.entries) }

// Add spools one record.
func (s *Summary) Add(rec Record) error {
	b, err := json.Marshal(rec)
	if err != nil {
		return err
	}
	b = append(b, '\n')
	if _, err := s.w.Write(b); err != nil {
		return fmt.Errorf("写临时文件失败：%w", err)
	}
	e := entry{agencyKey: AgencyKey(rec.Agency), year: rec.Year, file: rec.File, off: s.size, n: int64(len(b)), unread: rec.Error != ""}
	for _, is := range rec.Issues {
		if is.Status == statusNames["fail"] {
			e.failed = true
		}
	}
	s.size += int64(len(b))
	s.entries = append(s.entries, e)
	if rec.Error == "" {
		v := rec.Values
		s.carries = append(s.carries, carry{idx: len(s.entries) - 1, edition: rec.Edition,
			over: v["t3.carried_over.total"], forward: v["t3.carried_forward.total"],
			inForce:  [2]Value{v["t2.regulations.in_force"], v["t2.normative.in_force"]},
			issued:   [2]Value{v["t2.regulations.issued"], v["t2.normative.issued"]},
			repealed: [2]Value{v["t2.regulations.repealed"], v["t2.normative.repealed"]},
		})
	}
	s.order = nil
	return nil
}

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

// each calls fn with the records of idx, read back from the spool in that order.
func (s *Summary) each(idx []int, fn func(Record) error) error {
	if err := s.w.Flush(); err != nil {
		return err
	}
	buf := make([]byte, 0, 1<<14)
	for _, i := range idx {
		e := s.entries[i]
		if int64(cap(buf)) < e.n {
			buf = make([]byte, e.n)
		}
		buf = buf[:e.n]
		if _, err := s.spool.ReadAt(buf, e.off); err != nil && err != io.EOF {
			return fmt.Errorf("读临时文件失败：%w", err)
		}
		var rec Record
		if err := json.Unmarshal(buf, &rec); err != nil {
			return fmt.Errorf("临时文件损坏：%w", err)
		}
		if err := fn(rec); err != nil {
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
