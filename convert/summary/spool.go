package summary

import (
	"encoding/binary"
	"errors"
	"math"
	"slices"

	"github.com/govreport/govreport/templates"
)

// The spools hold each record in a compact binary form (encoding/json was
// most of the time of a large summary): strings as uvarint length + bytes,
// a row's values as (column index, kind, number or text). Per report the
// main spool holds the row record (metadata and values) followed by the
// issues record; the side spool holds, for a readable report, what the
// 指标, 跨年 and 趋势 sheets need: its metrics, the numbers of the
// cross-year checks and trend, and its metadata.

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

type sideKeysKey struct{}

// Keys of the trend sheet's columns, besides the metrics.
const (
	keyNew         = "t3.new.total"
	keyReviews     = "t4.review.total"
	keySuitDirect  = "t4.suit_direct.total"
	keySuitReviews = "t4.suit_after_review.total"
)

// sideKeys are the keys whose values a side record carries: those of the
// set's cross-year rules, then the trend's, each once.
type sideKeyList struct {
	keys []string
	pos  map[string]int
}

func sideKeys(set *templates.Set) *sideKeyList {
	return set.Memo(sideKeysKey{}, func() any {
		l := &sideKeyList{pos: map[string]int{}}
		add := func(k string) {
			if _, ok := l.pos[k]; !ok && k != "" {
				l.pos[k] = len(l.keys)
				l.keys = append(l.keys, k)
			}
		}
		for _, cr := range set.CrossRules() {
			for _, k := range []string{cr.Now, cr.Prev, cr.Plus, cr.Minus} {
				add(k)
			}
		}
		for _, k := range []string{keyNew, keyReviews, keySuitDirect, keySuitReviews} {
			add(k)
		}
		return l
	}).(*sideKeyList)
}

// header is a record's metadata.
type header struct {
	File, Agency, Edition, Error string
	Year                         int
}

// colVal is one value of a row at its column position.
type colVal struct {
	i int
	v val
}

// row is a decoded row record: values by column position (kind valNone:
// nothing — blank, missing, or not of the report's edition).
type row struct {
	header
	vals []val
}

func putString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

func putVal(b []byte, v val) []byte {
	b = append(b, v.kind)
	switch v.kind {
	case valNumber:
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v.n))
	case valText:
		b = putString(b, v.text)
	}
	return b
}

func putHeader(b []byte, h *header) []byte {
	b = putString(b, h.File)
	b = putString(b, h.Agency)
	b = putString(b, h.Edition)
	b = putString(b, h.Error)
	return binary.AppendVarint(b, int64(h.Year))
}

// sortCols orders a row's values by column position.
func sortCols(vals []colVal) {
	if !slices.IsSortedFunc(vals, cmpCol) {
		slices.SortFunc(vals, cmpCol)
	}
}

func cmpCol(a, b colVal) int { return a.i - b.i }

// encodeRow appends the row record: metadata, then the values (sorted by
// column position, kind valNone left out).
func encodeRow(b []byte, h *header, vals []colVal) []byte {
	b = putHeader(b, h)
	b = binary.AppendUvarint(b, uint64(len(vals)))
	for _, cv := range vals {
		b = binary.AppendUvarint(b, uint64(cv.i))
		b = putVal(b, cv.v)
	}
	return b
}

// encodeIssues appends the issues record: file, agency, year, error and
// issues.
func encodeIssues(b []byte, h *header, issues []Issue) []byte {
	b = putString(b, h.File)
	b = putString(b, h.Agency)
	b = binary.AppendVarint(b, int64(h.Year))
	b = putString(b, h.Error)
	b = binary.AppendUvarint(b, uint64(len(issues)))
	for _, is := range issues {
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

// encodeSide appends the side record: the metrics first (the 指标分布 pass
// reads only them), then the side keys' values, then the metadata.
func encodeSide(b []byte, h *header, ms []Metric, vals []val) []byte {
	b = binary.AppendUvarint(b, uint64(len(ms)))
	for _, m := range ms {
		p := pack(m)
		marked := byte(0)
		if p.marked {
			marked = 1
		}
		b = append(b, p.status, marked)
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(p.v))
	}
	b = binary.AppendUvarint(b, uint64(len(vals)))
	for _, v := range vals {
		b = putVal(b, v)
	}
	return putHeader(b, h)
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

func (d *decoder) val() val {
	switch k := d.byte1(); k {
	case valNone:
		return val{}
	case valNumber:
		return val{kind: valNumber, n: d.f64()}
	case valText:
		return val{kind: valText, text: d.str()}
	default:
		d.err = errCorrupt
		return val{}
	}
}

func (d *decoder) header(h *header) {
	h.File, h.Agency, h.Edition, h.Error = d.str(), d.str(), d.str(), d.str()
	h.Year = int(d.varint())
}

// decodeRow decodes into r, reusing its slices.
func decodeRow(set *templates.Set, b []byte, r *row) error {
	n := len(ColumnsOf(set))
	if cap(r.vals) < n {
		r.vals = make([]val, n)
	}
	r.vals = r.vals[:n]
	clear(r.vals)
	d := &decoder{b: b}
	d.header(&r.header)
	count := d.uvarint()
	for k := uint64(0); k < count && d.err == nil; k++ {
		i := d.uvarint()
		if i >= uint64(n) {
			return errCorrupt
		}
		r.vals[i] = d.val()
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

// side is a decoded side record.
type side struct {
	header
	metrics []Metric
	vals    []val // by sideKeys position
}

// metric returns the m-th metric (the zero Metric when the record has none).
func (c *side) metric(m int) Metric {
	if m >= len(c.metrics) {
		return Metric{}
	}
	return c.metrics[m]
}

// get returns the value of side key k (nothing when k is not one).
func (c *side) get(set *templates.Set, k string) val {
	if i, ok := sideKeys(set).pos[k]; ok && i < len(c.vals) {
		return c.vals[i]
	}
	return val{}
}

// decodeMetrics decodes the metrics of a side record into ms (reused) and
// returns them with the rest of the record.
func decodeMetrics(b []byte, ms []Metric) ([]Metric, *decoder) {
	d := &decoder{b: b}
	n := d.uvarint()
	ms = ms[:0]
	for k := uint64(0); k < n && d.err == nil; k++ {
		st, marked := d.byte1(), d.byte1()
		v := d.f64()
		if int(st) >= len(statusCodes) {
			d.err = errCorrupt
			break
		}
		ms = append(ms, Metric{Status: statusCodes[st], Value: v, Marked: marked == 1})
	}
	return ms, d
}

// decodeSide decodes into c, reusing its slices.
func decodeSide(b []byte, c *side) error {
	var d *decoder
	c.metrics, d = decodeMetrics(b, c.metrics)
	n := d.uvarint()
	c.vals = c.vals[:0]
	for k := uint64(0); k < n && d.err == nil; k++ {
		c.vals = append(c.vals, d.val())
	}
	d.header(&c.header)
	return d.err
}
