package deflate

import (
	"encoding/binary"
	"hash/adler32"
	"math/bits"
	"slices"
	"sync"
)

// This file is a second, much narrower Deflate encoder, for streams made
// mostly of pieces that recur from one stream to the next and resemble each
// other: the glyph outlines of the font subsets a PDF embeds (each document
// draws a different few hundred glyphs, but a batch draws the same glyphs
// again and again, and all outlines have much the same statistics). Each
// piece is parsed into LZ77 matches on its own, without looking at its
// neighbours, and coded with one fixed Huffman code the caller supplies
// (made from counts of typical pieces); the coded bits and the piece's
// Adler-32 are remembered by the piece's content. A stream is then one
// Deflate block with that code: the remembered bits of its pieces put end
// to end. Outlines repeat their shapes mostly within a glyph, so a parse
// that stops at the glyph's edges, coded with a code made for outlines,
// compresses them about as well as the general compressor's fastest level
// does — and costs a few instructions per glyph once the glyph has been
// seen. The output depends on the input and the code only: what was
// remembered before changes how fast, never which bytes.

// Pieces compresses streams with one fixed code and remembers the pieces it
// coded. It is safe for concurrent use.
type Pieces struct {
	fc *fixedCode

	mu    sync.Mutex
	m     map[string]*piece // by content
	bytes int               // memory held by m, roughly
}

// piece is a piece as coded: its bits (first bit lowest, nbits of them)
// and its Adler-32 on its own.
type piece struct {
	bits  []uint64
	nbits int
	adler uint32
}

// piecesLimit bounds the memory a Pieces holds; past it, it starts over.
// The glyphs of the six shipped fonts a year of reports draws fit many
// times.
const piecesLimit = 16 << 20

// maxPiece is the longest piece remembered (and the longest a piece may be
// for its matches to be found within it); longer ones are coded as they
// come.
const maxPiece = 1 << 16

// maxLitBits is the longest literal or length code: four such codes after
// seven pending bits fit in the 64-bit accumulator (literals).
const maxLitBits = 14

const (
	minMatch = 4
	maxMatch = 258
	window   = 1 << 15
	numLit   = 286 // literals, end of block, lengths
	numDist  = 30
	eob      = 256
)

// NewPieces returns a Pieces coding with the Huffman code made for the
// symbol counts lit (literals, end of block, lengths: 286) and dist (30
// distances), such as Count gives for typical pieces; every symbol gets a
// code, so any stream can be coded.
func NewPieces(lit, dist []uint32) *Pieces {
	fc := &fixedCode{}
	var l [numLit]int32
	var d [numDist]int32
	for i := range l {
		if i < len(lit) {
			l[i] = int32(min(lit[i], 1<<24))
		}
		l[i]++ // every symbol a code
	}
	for i := range d {
		if i < len(dist) {
			d[i] = int32(min(dist[i], 1<<24))
		}
		d[i]++
	}
	var hs huffScratch
	fc.lc.make(l[:], maxLitBits, &hs)
	fc.dc.make(d[:], 15, &hs)
	for s := range fc.tab {
		fc.tab[s] = uint32(fc.lc.code[s]) | uint32(fc.lc.len[s])<<16
	}
	for l := minMatch; l <= maxMatch; l++ {
		s := lenSym[l-3]
		fc.lenBits[l] = uint32(fc.lc.len[257+int(s)]) + uint32(lenExtra[s])
	}
	w := bitWriter{}
	w.bits(1, 1) // final block
	w.bits(2, 2) // dynamic Huffman codes
	header(&w, &fc.lc, &fc.dc, &hs)
	fc.headBits = len(w.out)*8 + int(w.n)
	fc.head = w.flush()
	return &Pieces{fc: fc}
}

// fixedCode is a Pieces' code, and the block header stating it.
type fixedCode struct {
	lc, dc   code
	tab      [numLit]uint32       // code | length<<16
	lenBits  [maxMatch + 1]uint32 // bits of a match's length symbol and extra bits
	head     []byte               // the header's bits
	headBits int
}

// Count adds to lit and dist (286 and 30 long) the symbols p's AppendZlib
// codes data and its pieces between cuts with: the counts to make a code
// for streams like it. As the parse weighs a short match against its
// literals with p's code, a code is best made in a few rounds: from the
// counts with NewPieces(nil, nil), then from the counts with that, and so
// on.
func (p *Pieces) Count(lit, dist []uint32, data []byte, cuts []int) {
	e := getEncoder()
	defer putEncoder(e)
	parts(data, cuts, func(b []byte) {
		e.parse(b, p.fc)
		at := 0
		for _, m := range e.ms {
			for _, c := range b[at:m.at] {
				lit[c]++
			}
			lit[257+int(lenSym[m.n-3])]++
			dist[distSym(m.dist)]++
			at = m.at + m.n
		}
		for _, c := range b[at:] {
			lit[c]++
		}
	})
	lit[eob]++
}

// parts calls fn with each part of data AppendZlib codes on its own, in
// order: the data before cuts[0], each piece, the data after the last cut
// (or all of data, with fewer than two cuts).
func parts(data []byte, cuts []int, fn func(b []byte)) {
	if len(cuts) < 2 {
		fn(data)
		return
	}
	fn(data[:cuts[0]])
	for i := 0; i+1 < len(cuts); i++ {
		fn(data[cuts[i]:cuts[i+1]])
	}
	fn(data[cuts[len(cuts)-1]:])
}

// AppendZlib appends to dst the zlib stream (RFC 1950) of data and returns
// the extended slice. The pieces data[cuts[i]:cuts[i+1]] are each coded on
// their own and remembered; the data before cuts[0] and after the last cut
// is coded as it comes. cuts must be ascending and within data; with fewer
// than two cuts, data is coded as it comes.
func (p *Pieces) AppendZlib(dst, data []byte, cuts []int) []byte {
	e := getEncoder()
	defer putEncoder(e)
	fc := p.fc
	// The pieces remembered; the others coded now, outside the lock.
	e.got = e.got[:0]
	if len(cuts) >= 2 {
		p.mu.Lock()
		for i := 0; i+1 < len(cuts); i++ {
			var pc *piece
			if b := data[cuts[i]:cuts[i+1]]; len(b) <= maxPiece {
				pc = p.m[string(b)]
			}
			e.got = append(e.got, pc)
		}
		p.mu.Unlock()
		fresh := false
		for i, pc := range e.got {
			if pc == nil {
				e.got[i] = e.code(fc, data[cuts[i]:cuts[i+1]])
				fresh = true
			}
		}
		if fresh {
			p.remember(data, cuts, e.got)
		}
	}
	// Room: the pieces' bits, two bytes a byte for the rest (15 bits a
	// literal at most, 48 bits a match of four or more), 8 bytes of slack.
	room := 2 + len(fc.head) + 4 + 16
	rest := len(data)
	if len(cuts) >= 2 {
		rest = cuts[0] + len(data) - cuts[len(cuts)-1]
		for _, pc := range e.got {
			room += 8*len(pc.bits) + 8
		}
	}
	room += 2 * rest
	dst = slices.Grow(dst, room)
	dst = append(dst, 0x78, 0x01) // deflate, 32 KiB window, fastest
	dst = append(dst, fc.head...)
	o := len(dst)
	out := dst[:cap(dst)]
	n := uint(fc.headBits & 7)
	var acc uint64
	if n > 0 {
		o--
		acc = uint64(out[o])
	}
	sum := uint32(1)
	if len(cuts) < 2 {
		o, acc, n = e.codeFresh(fc, out, o, acc, n, data)
		sum = adler32.Checksum(data)
	} else {
		a, z := data[:cuts[0]], data[cuts[len(cuts)-1]:]
		o, acc, n = e.codeFresh(fc, out, o, acc, n, a)
		sum = adler32.Checksum(a)
		for i, pc := range e.got {
			o, acc, n = appendBits(out, o, acc, n, pc.bits, pc.nbits)
			sum = adlerCombine(sum, pc.adler, cuts[i+1]-cuts[i])
		}
		o, acc, n = e.codeFresh(fc, out, o, acc, n, z)
		sum = adlerCombine(sum, adler32.Checksum(z), len(z))
	}
	t := fc.tab[eob]
	acc |= uint64(t&0xFFFF) << (n & 63)
	n += uint(t >> 16)
	binary.LittleEndian.PutUint64(out[o:], acc)
	o += int(n+7) >> 3
	return binary.BigEndian.AppendUint32(out[:o], sum)
}

// remember stores the pieces coded for this stream.
func (p *Pieces) remember(data []byte, cuts []int, got []*piece) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for i, pc := range got {
		b := data[cuts[i]:cuts[i+1]]
		if len(b) > maxPiece {
			continue
		}
		if p.m == nil || p.bytes > piecesLimit {
			p.m, p.bytes = map[string]*piece{}, 0
		}
		if _, ok := p.m[string(b)]; ok {
			continue
		}
		p.m[string(b)] = pc
		p.bytes += len(b) + 8*len(pc.bits) + 96
	}
}

// code parses and codes one piece on its own.
func (e *encoder) code(fc *fixedCode, b []byte) *piece {
	e.buf = slices.Grow(e.buf[:0], 2*len(b)+16)
	out := e.buf[:cap(e.buf)]
	o, acc, n := e.codeFresh(fc, out, 0, 0, 0, b)
	binary.LittleEndian.PutUint64(out[o:], acc)
	nbits := 8*o + int(n)
	words := make([]uint64, (nbits+63)/64)
	for i := range words {
		words[i] = binary.LittleEndian.Uint64(out[8*i:])
	}
	if r := nbits % 64; r != 0 {
		words[len(words)-1] &= 1<<r - 1
	}
	return &piece{bits: words, nbits: nbits, adler: adler32.Checksum(b)}
}

// codeFresh parses b on its own and codes it into out at o after the n < 8
// bits pending in acc; out has room for 2·len(b) bytes and 8 more.
func (e *encoder) codeFresh(fc *fixedCode, out []byte, o int, acc uint64, n uint, b []byte) (int, uint64, uint) {
	e.parse(b, fc)
	at := 0
	for _, m := range e.ms {
		o, acc, n = literals(out, o, acc, n, &fc.tab, b[at:m.at])
		s := int(lenSym[m.n-3])
		t := fc.tab[257+s]
		acc |= uint64(t&0xFFFF) << (n & 63)
		n += uint(t >> 16)
		acc |= uint64(m.n-int(lenBase[s])) << (n & 63)
		n += uint(lenExtra[s])
		d := distSym(m.dist)
		acc |= uint64(fc.dc.code[d]) << (n & 63)
		n += uint(fc.dc.len[d])
		// At most 7+14+5+15 bits so far: store them, then the
		// distance's extra bits.
		binary.LittleEndian.PutUint64(out[o:], acc)
		o += int(n >> 3)
		acc >>= (n &^ 7) & 63
		n &= 7
		acc |= uint64(m.dist-int(distBase[d])) << (n & 63)
		n += uint(distExtra[d])
		binary.LittleEndian.PutUint64(out[o:], acc)
		o += int(n >> 3)
		acc >>= (n &^ 7) & 63
		n &= 7
		at = m.at + m.n
	}
	return literals(out, o, acc, n, &fc.tab, b[at:])
}

// appendBits puts nbits bits of words into out at o after the n < 8 bits
// pending in acc; out has room for the words and 8 bytes more.
func appendBits(out []byte, o int, acc uint64, n uint, words []uint64, nbits int) (int, uint64, uint) {
	full := nbits / 64
	for _, w := range words[:full] {
		acc |= w << (n & 63)
		binary.LittleEndian.PutUint64(out[o:], acc)
		o += 8
		if n == 0 {
			acc = 0
		} else {
			acc = w >> ((64 - n) & 63)
		}
	}
	r := uint(nbits % 64)
	if r == 0 {
		return o, acc, n
	}
	w := words[full]
	acc |= w << (n & 63)
	binary.LittleEndian.PutUint64(out[o:], acc)
	n2 := n + r
	if n2 >= 64 {
		o += 8
		acc = w >> ((64 - n) & 63) // n > 0, as r < 64
		n2 -= 64
	}
	o += int(n2 >> 3)
	acc >>= (n2 &^ 7) & 63
	return o, acc, n2 & 7
}

// adlerCombine returns the Adler-32 of a followed by b from theirs and b's
// length (zlib's adler32_combine).
func adlerCombine(a, b uint32, blen int) uint32 {
	const base = 65521
	rem := uint32(blen % base)
	s1 := a & 0xFFFF
	s2 := rem * s1 % base
	s1 += b&0xFFFF + base - 1
	s2 += a>>16 + b>>16 + base - rem
	if s1 >= base {
		s1 -= base
	}
	if s1 >= base {
		s1 -= base
	}
	if s2 >= base<<1 {
		s2 -= base << 1
	}
	if s2 >= base {
		s2 -= base
	}
	return s1 | s2<<16
}

// absMatch is a match: n bytes at at repeat those dist bytes before.
type absMatch struct{ at, dist, n int }

// encoder is the working memory of one stream, reused.
type encoder struct {
	got []*piece // the stream's pieces
	buf []byte   // a piece's bits
	ms  []absMatch
	// head[h] is the last position whose four bytes hash to h.
	head  [1 << hashBits]slot
	stamp uint32 // the parse's number
}

const hashBits = 12

var encoders struct {
	sync.Mutex
	idle []*encoder
}

func getEncoder() *encoder {
	encoders.Lock()
	defer encoders.Unlock()
	if n := len(encoders.idle); n > 0 {
		e := encoders.idle[n-1]
		encoders.idle = encoders.idle[:n-1]
		return e
	}
	return &encoder{}
}

func putEncoder(e *encoder) {
	encoders.Lock()
	encoders.idle = append(encoders.idle, e)
	encoders.Unlock()
}

// parse sets e.ms to the matches of b, found within b only: greedy, each
// position's nearest earlier occurrence of its four bytes (one hash table
// entry) tried, extended as far as it repeats. It is the first document's
// cost of each glyph, so it is kept to a handful of instructions a byte.
// The result depends on b alone: the table's entries carry the number of
// the parse that made them, older ones count as empty.
func (e *encoder) parse(b []byte, fc *fixedCode) {
	e.ms = e.ms[:0]
	n := len(b)
	if n < 8 {
		return
	}
	if e.stamp++; e.stamp == 0 {
		e.head = [1 << hashBits]slot{}
		e.stamp = 1
	}
	stamp := e.stamp
	head := &e.head
	last := n - 4 // the last position with four bytes
	for i := 0; i <= last; {
		v := binary.LittleEndian.Uint32(b[i:])
		sl := &head[v*0x9E3779B1>>(32-hashBits)]
		cand := int(sl.pos)
		fresh := sl.stamp == stamp
		sl.stamp, sl.pos = stamp, int32(i)
		if !fresh || i-cand > window || binary.LittleEndian.Uint32(b[cand:]) != v {
			i++
			continue
		}
		k, limit := 4, min(maxMatch, n-i)
		for k < limit && b[cand+k] == b[i+k] {
			k++
		}
		// A match of four bytes far away costs about what its
		// literals do; take it only when near or longer.
		if k == 4 && fc.lenBits[4]+uint32(fc.dc.len[distSym(i-cand)])+uint32(distExtra[distSym(i-cand)]) >=
			uint32(fc.lc.len[b[i]])+uint32(fc.lc.len[b[i+1]])+uint32(fc.lc.len[b[i+2]])+uint32(fc.lc.len[b[i+3]]) {
			i++
			continue
		}
		e.ms = append(e.ms, absMatch{at: i, dist: i - cand, n: k})
		end := i + k
		for i++; i < end && i <= last; i++ {
			head[binary.LittleEndian.Uint32(b[i:])*0x9E3779B1>>(32-hashBits)] = slot{stamp, int32(i)}
		}
		i = end
	}
}

// slot is a hash table entry: the last position with its hash in the parse
// numbered stamp.
type slot struct {
	stamp uint32
	pos   int32
}

// Deflate's length and distance symbols (RFC 1951 §3.2.5).
var (
	lenBase   = [29]uint16{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
	lenExtra  = [29]uint8{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
	distBase  = [30]uint16{1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577}
	distExtra = [30]uint8{0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13}
	// lenSym[n-3] is the length symbol of a match of n bytes (minus 257).
	lenSym = func() (t [256]uint8) {
		s := 0
		for n := 3; n <= 258; n++ {
			for s+1 < len(lenBase) && int(lenBase[s+1]) <= n {
				s++
			}
			t[n-3] = uint8(s)
		}
		return t
	}()
)

// distSym returns the distance symbol of d (1 ≤ d ≤ 32768).
func distSym(d int) int {
	if d <= 4 {
		return d - 1
	}
	// Two symbols per power of two past 4.
	k := bits.Len(uint(d-1)) - 1 // d-1 in [2^k, 2^(k+1))
	return 2*k + int((d-1)>>(k-1)&1)
}

// literals codes the bytes of b with tab (code | length<<16) into out at
// o, after the n < 8 bits pending in acc, and returns the new state; out
// has room for the codes and 8 bytes more.
func literals(out []byte, o int, acc uint64, n uint, tab *[numLit]uint32, b []byte) (int, uint64, uint) {
	// Four codes of at most maxLitBits after at most 7 pending bits fit
	// in the 64-bit accumulator; then the whole bytes are stored. (Shift
	// counts masked to 63 spare the compiler's checks for larger ones.)
	i := 0
	for ; i+4 <= len(b); i += 4 {
		q := b[i : i+4 : i+4]
		t0, t1, t2, t3 := tab[q[0]], tab[q[1]], tab[q[2]], tab[q[3]]
		acc |= uint64(t0&0xFFFF) << (n & 63)
		n += uint(t0 >> 16)
		acc |= uint64(t1&0xFFFF) << (n & 63)
		n += uint(t1 >> 16)
		acc |= uint64(t2&0xFFFF) << (n & 63)
		n += uint(t2 >> 16)
		acc |= uint64(t3&0xFFFF) << (n & 63)
		n += uint(t3 >> 16)
		binary.LittleEndian.PutUint64(out[o:], acc)
		o += int(n >> 3)
		acc >>= (n &^ 7) & 63
		n &= 7
	}
	for ; i < len(b); i++ {
		t := tab[b[i]]
		acc |= uint64(t&0xFFFF) << (n & 63)
		n += uint(t >> 16)
		binary.LittleEndian.PutUint64(out[o:], acc)
		o += int(n >> 3)
		acc >>= (n &^ 7) & 63
		n &= 7
	}
	return o, acc, n
}

// clOrder is the order the code length code's lengths are sent in.
var clOrder = [19]uint8{16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15}

// header writes the block's code lengths (RFC 1951 §3.2.7): both codes'
// lengths, run-length coded, in a code of their own.
func header(w *bitWriter, lc, dc *code, hs *huffScratch) {
	nl, nd := numLit, numDist
	for nl > 257 && lc.len[nl-1] == 0 {
		nl--
	}
	for nd > 1 && dc.len[nd-1] == 0 {
		nd--
	}
	var lens [numLit + numDist]uint8
	copy(lens[:], lc.len[:nl])
	copy(lens[nl:], dc.len[:nd])
	all := lens[:nl+nd]
	// Run-length symbols: (symbol, extra value).
	var rl [numLit + numDist][2]uint8
	n := 0
	for i := 0; i < len(all); {
		v := all[i]
		j := i + 1
		for j < len(all) && all[j] == v {
			j++
		}
		run := j - i
		switch {
		case v == 0 && run >= 3:
			for run >= 3 {
				k := min(run, 138)
				if k >= 11 {
					rl[n] = [2]uint8{18, uint8(k - 11)}
				} else {
					rl[n] = [2]uint8{17, uint8(k - 3)}
				}
				n++
				run -= k
			}
			for ; run > 0; run-- {
				rl[n] = [2]uint8{0, 0}
				n++
			}
		case v != 0 && run >= 4:
			rl[n] = [2]uint8{v, 0}
			n++
			run--
			for run >= 3 {
				k := min(run, 6)
				rl[n] = [2]uint8{16, uint8(k - 3)}
				n++
				run -= k
			}
			for ; run > 0; run-- {
				rl[n] = [2]uint8{v, 0}
				n++
			}
		default:
			for ; run > 0; run-- {
				rl[n] = [2]uint8{v, 0}
				n++
			}
		}
		i = j
	}
	var freq [19]int32
	for _, s := range rl[:n] {
		freq[s[0]]++
	}
	var cc code
	cc.make(freq[:], 7, hs)
	ncl := 19
	for ncl > 4 && cc.len[clOrder[ncl-1]] == 0 {
		ncl--
	}
	w.bits(uint64(nl-257), 5)
	w.bits(uint64(nd-1), 5)
	w.bits(uint64(ncl-4), 4)
	for _, s := range clOrder[:ncl] {
		w.bits(uint64(cc.len[s]), 3)
	}
	for _, s := range rl[:n] {
		w.bits(uint64(cc.code[s[0]]), uint(cc.len[s[0]]))
		switch s[0] {
		case 16:
			w.bits(uint64(s[1]), 2)
		case 17:
			w.bits(uint64(s[1]), 3)
		case 18:
			w.bits(uint64(s[1]), 7)
		}
	}
}

// code is a canonical Huffman code: each symbol's length and its code, bit
// reversed as Deflate sends codes (first bit lowest).
type code struct {
	len  [numLit]uint8
	code [numLit]uint16
}

// huffScratch is the working memory of code.make.
type huffScratch struct {
	keys  []uint64
	syms  []int32
	freq  []int64
	nodes []hnode
	depth []int32
}

type hnode struct {
	freq   int64
	parent int32
}

// make sets c to a Huffman code for the symbol counts freq (a symbol with
// count 0 gets no code) with no code longer than limit bits; it is
// complete (when fewer than two symbols have counts, the first others get
// codes too). Ties are broken by symbol, so the same counts always give the
// same code.
func (c *code) make(freq []int32, limit int, hs *huffScratch) {
	clear(c.len[:])
	clear(c.code[:])
	hs.freq = hs.freq[:0]
	used := 0
	for _, f := range freq {
		hs.freq = append(hs.freq, int64(f))
		if f > 0 {
			used++
		}
	}
	// A code of one symbol would have a zero-bit code: give it a partner.
	for s := 0; used < 2; s++ {
		if hs.freq[s] == 0 {
			hs.freq[s] = 1
			used++
		}
	}
	for c.lengths(hs) > limit {
		// Too deep: flatten the counts and build again (rare; each
		// round halves the spread, so a few rounds at most).
		for i, f := range hs.freq {
			if f > 0 {
				hs.freq[i] = f>>1 | 1
			}
		}
	}
	// The lengths are those of the last round.
	for k, s := range hs.syms {
		c.len[s] = uint8(hs.depth[k])
	}
	// Canonical codes (RFC 1951 §3.2.2).
	var count [16]uint16
	for _, l := range c.len[:len(freq)] {
		count[l]++
	}
	count[0] = 0
	var next [16]uint16
	v := uint16(0)
	for l := 1; l < 16; l++ {
		v = (v + count[l-1]) << 1
		next[l] = v
	}
	for s, l := range c.len[:len(freq)] {
		if l > 0 {
			c.code[s] = bits.Reverse16(next[l]) >> (16 - l)
			next[l]++
		}
	}
}

// lengths builds the Huffman tree of hs.freq, sets hs.syms to the symbols
// with counts and hs.depth to their depths (in the same order), and returns
// the tree's depth.
func (c *code) lengths(hs *huffScratch) int {
	hs.keys = hs.keys[:0]
	for s, f := range hs.freq {
		if f > 0 {
			hs.keys = append(hs.keys, uint64(f)<<9|uint64(s))
		}
	}
	slices.Sort(hs.keys) // by count, then symbol
	n := len(hs.keys)
	hs.syms = hs.syms[:0]
	hs.nodes = hs.nodes[:0]
	for _, k := range hs.keys {
		hs.syms = append(hs.syms, int32(k&511))
		hs.nodes = append(hs.nodes, hnode{freq: int64(k >> 9), parent: -1})
	}
	// Two queues: the sorted leaves and the inner nodes, made in
	// ascending order of weight.
	li, ni := 0, n
	pick := func() int {
		if li < n && (ni >= len(hs.nodes) || hs.nodes[li].freq <= hs.nodes[ni].freq) {
			li++
			return li - 1
		}
		ni++
		return ni - 1
	}
	for k := 0; k < n-1; k++ {
		a := pick()
		b := pick()
		hs.nodes = append(hs.nodes, hnode{freq: hs.nodes[a].freq + hs.nodes[b].freq, parent: -1})
		p := int32(len(hs.nodes) - 1)
		hs.nodes[a].parent, hs.nodes[b].parent = p, p
	}
	// Depths from the root down: a node is made after its children.
	hs.depth = slices.Grow(hs.depth[:0], len(hs.nodes))[:len(hs.nodes)]
	d := 0
	for k := len(hs.nodes) - 1; k >= 0; k-- {
		if p := hs.nodes[k].parent; p >= 0 {
			hs.depth[k] = hs.depth[p] + 1
		} else {
			hs.depth[k] = 0
		}
		if k < n {
			d = max(d, int(hs.depth[k]))
		}
	}
	return d
}

// bitWriter appends bits to out, first bit lowest.
type bitWriter struct {
	out []byte
	acc uint64
	n   uint
}

// bits writes the low n bits of v (n ≤ 16).
func (w *bitWriter) bits(v uint64, n uint) {
	w.acc |= v << w.n
	w.n += n
	if w.n >= 32 {
		w.out = binary.LittleEndian.AppendUint32(w.out, uint32(w.acc))
		w.acc >>= 32
		w.n -= 32
	}
}

// whole writes the whole bytes of the pending bits, leaving fewer than 8.
func (w *bitWriter) whole() {
	for w.n >= 8 {
		w.out = append(w.out, byte(w.acc))
		w.acc >>= 8
		w.n -= 8
	}
}

// flush writes the last bits, padded to a byte.
func (w *bitWriter) flush() []byte {
	w.whole()
	if w.n > 0 {
		w.out = append(w.out, byte(w.acc))
		w.acc, w.n = 0, 0
	}
	return w.out
}
