package pdfread

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"io"
	"sync"
	"unicode/utf16"
)

// cmap is a parsed CMap: codespace ranges (how many bytes a code has),
// code → Unicode (ToUnicode) and code → CID (encoding CMaps).
type cmap struct {
	spaces []codespace
	uni    map[uint64]string // key: nbytes<<32 | code
	uniR   []uniRange
	cid    map[uint64]int
	cidR   []cidRange
}

type codespace struct {
	n      int
	lo, hi [4]byte
}

type uniRange struct {
	n       int
	lo, hi  uint32
	dst     []rune   // start value, incremented in its last rune
	dstList []string // array form
}

type cidRange struct {
	n      int
	lo, hi uint32
	cid    int
}

func codeKey(n int, code uint32) uint64 { return uint64(n)<<32 | uint64(code) }

func bytesCode(b []byte) uint32 {
	var v uint32
	for _, c := range b {
		v = v<<8 | uint32(c)
	}
	return v
}

// utf16BE decodes the destination strings of ToUnicode maps.
func utf16BE(b []byte) string {
	if len(b) == 1 {
		return string(rune(b[0]))
	}
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
	}
	return string(utf16.Decode(u))
}

// parseCMap reads a CMap stream. It is lenient: unknown operators are
// skipped, and a range that would expand absurdly is kept as a range.
func parseCMap(data []byte, f *file, depth int) *cmap {
	m := &cmap{uni: map[uint64]string{}, cid: map[uint64]int{}}
	l := &lexer{b: data}
	var stack []operand
	for {
		t, ok := l.next(0)
		if !ok {
			break
		}
		if t.kind != kOp {
			stack = append(stack, t)
			if len(stack) > 1<<16 {
				stack = stack[:0]
			}
			continue
		}
		switch string(t.b) {
		case "endcodespacerange":
			for i := 0; i+1 < len(stack); i += 2 {
				lo, hi := stack[i].b, stack[i+1].b
				if stack[i].kind != kStr || len(lo) == 0 || len(lo) > 4 || len(hi) != len(lo) {
					continue
				}
				var cs codespace
				cs.n = len(lo)
				copy(cs.lo[:], lo)
				copy(cs.hi[:], hi)
				m.spaces = append(m.spaces, cs)
			}
		case "endbfchar":
			for i := 0; i+1 < len(stack); i += 2 {
				src, dst := stack[i], stack[i+1]
				if src.kind != kStr || len(src.b) == 0 || len(src.b) > 4 {
					continue
				}
				var s string
				if dst.kind == kStr {
					s = utf16BE(dst.b)
				} else if dst.kind == kName {
					s = glyphNameUnicode(string(dst.b))
				}
				m.uni[codeKey(len(src.b), bytesCode(src.b))] = s
			}
		case "endbfrange":
			for i := 0; i+2 < len(stack); i += 3 {
				lo, hi, dst := stack[i], stack[i+1], stack[i+2]
				if lo.kind != kStr || hi.kind != kStr || len(lo.b) == 0 || len(lo.b) > 4 || len(hi.b) != len(lo.b) {
					continue
				}
				a, b := bytesCode(lo.b), bytesCode(hi.b)
				if b < a {
					continue
				}
				r := uniRange{n: len(lo.b), lo: a, hi: b}
				switch dst.kind {
				case kStr:
					r.dst = []rune(utf16BE(dst.b))
					if len(r.dst) == 0 {
						continue
					}
				case kArr:
					for _, d := range dst.arr {
						r.dstList = append(r.dstList, utf16BE(d.b))
					}
				default:
					continue
				}
				if b-a < 256 {
					for c := a; c <= b; c++ {
						if s, ok := r.lookup(c); ok {
							m.uni[codeKey(r.n, c)] = s
						}
					}
				} else {
					m.uniR = append(m.uniR, r)
				}
			}
		case "endcidchar":
			for i := 0; i+1 < len(stack); i += 2 {
				src, dst := stack[i], stack[i+1]
				if src.kind != kStr || len(src.b) == 0 || len(src.b) > 4 || dst.kind != kNum {
					continue
				}
				m.cid[codeKey(len(src.b), bytesCode(src.b))] = int(dst.num)
			}
		case "endcidrange":
			for i := 0; i+2 < len(stack); i += 3 {
				lo, hi, dst := stack[i], stack[i+1], stack[i+2]
				if lo.kind != kStr || hi.kind != kStr || len(lo.b) == 0 || len(lo.b) > 4 || len(hi.b) != len(lo.b) || dst.kind != kNum {
					continue
				}
				m.cidR = append(m.cidR, cidRange{n: len(lo.b), lo: bytesCode(lo.b), hi: bytesCode(hi.b), cid: int(dst.num)})
			}
		case "usecmap":
			if len(stack) > 0 && stack[len(stack)-1].kind == kName && depth < 4 {
				if p := predefinedCMap(string(stack[len(stack)-1].b)); p != nil && p.m != nil {
					m.spaces = append(m.spaces, p.m.spaces...)
				}
			}
		}
		stack = stack[:0]
	}
	return m
}

func (r *uniRange) lookup(c uint32) (string, bool) {
	if c < r.lo || c > r.hi {
		return "", false
	}
	off := c - r.lo
	if r.dstList != nil {
		if int(off) < len(r.dstList) {
			return r.dstList[off], true
		}
		return "", false
	}
	d := append([]rune(nil), r.dst...)
	d[len(d)-1] += rune(off)
	return string(d), true
}

// nextCode splits the next code off s by the codespace ranges; def is the
// code length to use when none matches (or there are none).
func (m *cmap) nextCode(s []byte, def int) (uint32, int) {
	if m != nil {
		for n := 1; n <= 4 && n <= len(s); n++ {
			for _, cs := range m.spaces {
				if cs.n != n {
					continue
				}
				ok := true
				for i := 0; i < n; i++ {
					if s[i] < cs.lo[i] || s[i] > cs.hi[i] {
						ok = false
						break
					}
				}
				if ok {
					return bytesCode(s[:n]), n
				}
			}
		}
		if len(m.spaces) > 0 {
			// No range matches: take the shortest length a range has
			// (the PDF spec's rule for invalid codes).
			n := 4
			for _, cs := range m.spaces {
				if cs.n < n {
					n = cs.n
				}
			}
			def = n
		}
	}
	if def > len(s) {
		def = len(s)
	}
	if def < 1 {
		def = 1
	}
	return bytesCode(s[:def]), def
}

func (m *cmap) unicode(code uint32, n int) (string, bool) {
	if m == nil {
		return "", false
	}
	if s, ok := m.uni[codeKey(n, code)]; ok {
		return s, true
	}
	for i := range m.uniR {
		if m.uniR[i].n == n {
			if s, ok := m.uniR[i].lookup(code); ok {
				return s, true
			}
		}
	}
	return "", false
}

func (m *cmap) cidOf(code uint32, n int) (int, bool) {
	if m == nil {
		return 0, false
	}
	if c, ok := m.cid[codeKey(n, code)]; ok {
		return c, true
	}
	for _, r := range m.cidR {
		if r.n == n && code >= r.lo && code <= r.hi {
			return r.cid + int(code-r.lo), true
		}
	}
	return 0, false
}

// predefined describes a predefined CMap name we understand: how codes
// are split and how a code gives Unicode.
type predef struct {
	m    *cmap  // codespaces
	kind string // "identity", "ucs2", "utf16", "gbk"
}

var (
	spaces2   = &cmap{spaces: []codespace{{n: 2, lo: [4]byte{0, 0}, hi: [4]byte{0xff, 0xff}}}}
	spacesGBK = &cmap{spaces: []codespace{
		{n: 1, lo: [4]byte{0x00}, hi: [4]byte{0x80}},
		{n: 2, lo: [4]byte{0x81, 0x40}, hi: [4]byte{0xfe, 0xfe}},
	}}
	spacesGB = &cmap{spaces: []codespace{
		{n: 1, lo: [4]byte{0x00}, hi: [4]byte{0x80}},
		{n: 2, lo: [4]byte{0xa1, 0xa1}, hi: [4]byte{0xfe, 0xfe}},
	}}
	spacesUTF16 = &cmap{spaces: []codespace{
		{n: 2, lo: [4]byte{0x00, 0x00}, hi: [4]byte{0xd7, 0xff}},
		{n: 4, lo: [4]byte{0xd8, 0x00, 0xdc, 0x00}, hi: [4]byte{0xdb, 0xff, 0xdf, 0xff}},
		{n: 2, lo: [4]byte{0xe0, 0x00}, hi: [4]byte{0xff, 0xff}},
	}}
)

func predefinedCMap(name string) *predef {
	switch name {
	case "Identity-H", "Identity-V":
		return &predef{m: spaces2, kind: "identity"}
	case "UniGB-UCS2-H", "UniGB-UCS2-V":
		return &predef{m: spaces2, kind: "ucs2"}
	case "UniGB-UTF16-H", "UniGB-UTF16-V":
		return &predef{m: spacesUTF16, kind: "utf16"}
	case "GBK-EUC-H", "GBK-EUC-V", "GBK2K-H", "GBK2K-V", "GBKp-EUC-H", "GBKp-EUC-V":
		return &predef{m: spacesGBK, kind: "gbk"}
	case "GB-EUC-H", "GB-EUC-V", "GBpc-EUC-H", "GBpc-EUC-V", "GBT-EUC-H", "GBT-EUC-V":
		return &predef{m: spacesGB, kind: "gbk"}
	}
	return nil
}

//go:embed gb1/adobe-gb1.bin.gz
var gb1Data []byte

var (
	gb1Once  sync.Once
	gb1Table []rune
	gb1Inv   map[rune]int
)

func loadGB1() {
	gb1Once.Do(func() {
		zr, err := gzip.NewReader(bytes.NewReader(gb1Data))
		if err != nil {
			return
		}
		raw, err := io.ReadAll(zr)
		if err != nil {
			return
		}
		gb1Table = make([]rune, len(raw)/4)
		gb1Inv = make(map[rune]int, len(gb1Table))
		for i := range gb1Table {
			r := rune(binary.LittleEndian.Uint32(raw[4*i:]))
			gb1Table[i] = r
			if r != 0 {
				if _, ok := gb1Inv[r]; !ok {
					gb1Inv[r] = i
				}
			}
		}
	})
}

// gb1Unicode maps an Adobe-GB1 CID to Unicode.
func gb1Unicode(cid int) (rune, bool) {
	loadGB1()
	if cid <= 0 || cid >= len(gb1Table) || gb1Table[cid] == 0 {
		return 0, false
	}
	return gb1Table[cid], true
}

// gb1CID maps Unicode to an Adobe-GB1 CID (for widths of fonts whose
// predefined CMap we do not carry).
func gb1CID(r rune) (int, bool) {
	loadGB1()
	c, ok := gb1Inv[r]
	return c, ok
}
