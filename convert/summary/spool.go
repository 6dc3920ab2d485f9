package summary

import (
	"encoding/binary"
	"errors"
	"math"

	"github.com/govreport/govreport/templates"
)

// The spool holds each record in a compact binary form (encoding/json was
// most of the time of a large summary): strings as uvarint length + bytes,
// a row's values as (column index, kind, number or text).

type colIndexKey struct{}

// columnIndex maps a key to its column position, per spec set.
func columnIndex(set *templates.Set) map[string]int {
	return set.Memo(colIndexKey{}, func() any {
		idx := map[string]int{}
		for i, c := range ColumnsOf(set) {
			idx[c.Key] = i
		}
		return idx
	}).(map[string]int)
}

// row is a decoded record: values by column position.
type row struct {
	File, Agency, Edition, Error string
	Year                         int
	vals                         []Value // one per column; zero Value = nothing
	has                          []bool
}

func putString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// encodeRow appends the main part of rec (metadata and values).
func encodeRow(set *templates.Set, b []byte, rec *Record) []byte {
	b = putString(b, rec.File)
	b = putString(b, rec.Agency)
	b = putString(b, rec.Edition)
	b = putString(b, rec.Error)
	b = binary.AppendVarint(b, int64(rec.Year))
	idx := columnIndex(set)
	// Deterministic order: by column position.
	order := make([]int, 0, len(rec.Values))
	keys := make(map[int]string, len(rec.Values))
	for k := range rec.Values {
		if i, ok := idx[k]; ok {
			order = append(order, i)
			keys[i] = k
		}
	}
	sortInts(order)
	b = binary.AppendUvarint(b, uint64(len(order)))
	for _, i := range order {
		v := rec.Values[keys[i]]
		b = binary.AppendUvarint(b, uint64(i))
		if v.N != nil {
			b = append(b, 0)
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(*v.N))
		} else {
			b = append(b, 1)
			b = putString(b, v.Text)
		}
	}
	return b
}

// encodeIssues appends rec's file, agency, year and issues.
func encodeIssues(b []byte, rec *Record) []byte {
	b = putString(b, rec.File)
	b = putString(b, rec.Agency)
	b = binary.AppendVarint(b, int64(rec.Year))
	b = putString(b, rec.Error)
	b = binary.AppendUvarint(b, uint64(len(rec.Issues)))
	for _, is := range rec.Issues {
		b = putString(b, is.ID)
		b = putString(b, is.Status)
		b = putString(b, is.Message)
		b = binary.AppendUvarint(b, uint64(len(is.Keys)))
		for _, k := range is.Keys {
			b = putString(b, k)
		}
	}
	return b
}

var errCorrupt = errors.New("临时文件损坏")

type decoder struct {
	b   []byte
	err error
}

func (d *decoder) uvarint() uint64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err = errCorrupt
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) varint() int64 {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.err = errCorrupt
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) str() string {
	n := d.uvarint()
	if d.err != nil || uint64(len(d.b)) < n {
		d.err = errCorrupt
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

func (d *decoder) byte1() byte {
	if d.err != nil || len(d.b) < 1 {
		d.err = errCorrupt
		return 0
	}
	c := d.b[0]
	d.b = d.b[1:]
	return c
}

func (d *decoder) f64() float64 {
	if d.err != nil || len(d.b) < 8 {
		d.err = errCorrupt
		return 0
	}
	v := math.Float64frombits(binary.LittleEndian.Uint64(d.b))
	d.b = d.b[8:]
	return v
}

// decodeRow decodes into r, reusing its slices.
func decodeRow(set *templates.Set, b []byte, r *row) error {
	n := len(ColumnsOf(set))
	if cap(r.vals) < n {
		r.vals, r.has = make([]Value, n), make([]bool, n)
	}
	r.vals, r.has = r.vals[:n], r.has[:n]
	for i := range r.vals {
		r.vals[i], r.has[i] = Value{}, false
	}
	d := &decoder{b: b}
	r.File, r.Agency, r.Edition, r.Error = d.str(), d.str(), d.str(), d.str()
	r.Year = int(d.varint())
	count := d.uvarint()
	for k := uint64(0); k < count && d.err == nil; k++ {
		i := d.uvarint()
		if i >= uint64(n) {
			return errCorrupt
		}
		switch d.byte1() {
		case 0:
			v := d.f64()
			r.vals[i] = Value{N: &v}
		default:
			r.vals[i] = Value{Text: d.str()}
		}
		r.has[i] = true
	}
	return d.err
}

// issueRow is a decoded issues record.
type issueRow struct {
	File, Agency, Error string
	Year                int
	Issues              []Issue
}

func decodeIssues(b []byte) (issueRow, error) {
	d := &decoder{b: b}
	var r issueRow
	r.File, r.Agency = d.str(), d.str()
	r.Year = int(d.varint())
	r.Error = d.str()
	n := d.uvarint()
	out := make([]Issue, 0, min(n, 1024))
	for k := uint64(0); k < n && d.err == nil; k++ {
		is := Issue{ID: d.str(), Status: d.str(), Message: d.str()}
		nk := d.uvarint()
		for j := uint64(0); j < nk && d.err == nil; j++ {
			is.Keys = append(is.Keys, d.str())
		}
		out = append(out, is)
	}
	r.Issues = out
	return r, d.err
}

func sortInts(a []int) {
	// insertion sort: rows have at most a few hundred values, mostly in order
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}
