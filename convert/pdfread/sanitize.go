package pdfread

import (
	"bytes"
	"sort"
	"strconv"
)

// pdfcpu resolves a stream's /Length, /Filter and /DecodeParms while it
// loads the stream, recursively and without a guard: a stream whose
// /Filter refers to itself (or a cycle of such references) overflows the
// goroutine stack, which no recover can catch. defuseCycles finds such
// references before pdfcpu sees the file and overwrites each one in a
// copy with "null" padded to the same length, so every byte offset (the
// xref table) stays valid. A /Length turned null makes pdfcpu look for
// "endstream" instead; a /Filter turned null leaves that one stream
// undecodable. Real files never have these cycles.

// objSpan is a top-level "N G obj … endobj" as found by scanning.
type objSpan struct {
	dictEnd int // end of the object's dictionary text (the "stream" keyword or endobj)
	start   int // just after "obj"
	stream  bool
}

// critRef is a reference in a stream dictionary under a key pdfcpu
// resolves while loading the stream.
type critRef struct {
	from     int // object number of the stream
	target   int
	pos, end int // byte range of "N G R"
}

var critKeys = [][]byte{[]byte("/Length"), []byte("/Filter"), []byte("/DecodeParms"), []byte("/DP"), []byte("/F"), []byte("/Type"), []byte("/N"), []byte("/First"), []byte("/Extends")}

func defuseCycles(b []byte) []byte {
	objs := scanObjects(b)
	if len(objs) == 0 {
		return b
	}
	// Edges: for streams, the references under critical keys; for other
	// objects, every reference they hold (a /Length may point at an
	// indirect integer that points on).
	refs := map[int][]critRef{}
	for n, o := range objs {
		body := b[o.start:o.dictEnd]
		if o.stream {
			refs[n] = criticalRefs(body, o.start, n)
		} else if len(body) < 4096 {
			refs[n] = allRefs(body, o.start, n)
		}
	}
	// An object that is not top-level lives in an object stream: reaching
	// it means decoding the object streams, so it leads to each of them.
	var objStms []int
	for n, o := range objs {
		if o.stream && bytes.Contains(b[o.start:o.dictEnd], []byte("/ObjStm")) {
			objStms = append(objStms, n)
		}
	}
	sort.Ints(objStms)
	var bad []critRef
	// DFS from each stream; a reference back onto the current path closes
	// a cycle, and the reference that closes it is defused.
	state := map[int]int{} // 0 new, 1 on path, 2 done
	var visit func(n, depth int)
	visit = func(n, depth int) {
		state[n] = 1
		for _, r := range refs[n] {
			targets := []int{r.target}
			if _, ok := objs[r.target]; !ok {
				targets = objStms
			}
			for _, t := range targets {
				switch {
				case state[t] == 1 || depth > 200:
					bad = append(bad, r)
				case state[t] == 0:
					if _, ok := objs[t]; ok {
						visit(t, depth+1)
					}
				}
			}
		}
		state[n] = 2
	}
	nums := make([]int, 0, len(objs))
	for n := range objs {
		nums = append(nums, n)
	}
	sort.Ints(nums) // deterministic: the same file is defused the same way
	for _, n := range nums {
		if objs[n].stream && state[n] == 0 {
			visit(n, 0)
		}
	}
	if len(bad) == 0 {
		return b
	}
	out := append([]byte(nil), b...)
	for _, r := range bad {
		copy(out[r.pos:r.end], "null")
		for i := r.pos + 4; i < r.end; i++ {
			out[i] = ' '
		}
	}
	return out
}

// scanObjects finds top-level "N G obj" headers and each object's
// dictionary extent. A later definition of the same number wins, as in an
// incremental update.
func scanObjects(b []byte) map[int]objSpan {
	objs := map[int]objSpan{}
	key := []byte("obj")
	for i := 0; i < len(b); {
		k := bytes.Index(b[i:], key)
		if k < 0 {
			break
		}
		p := i + k
		i = p + len(key)
		if p > 0 && b[p-1] == 'd' { // endobj
			continue
		}
		n, ok := numberBefore(b, p)
		if !ok {
			continue
		}
		start := p + len(key)
		end := len(b)
		if e := bytes.Index(b[start:], []byte("endobj")); e >= 0 {
			end = start + e
		}
		o := objSpan{start: start, dictEnd: end}
		if s := bytes.Index(b[start:end], []byte("stream")); s >= 0 {
			// "endstream" cannot come before "stream".
			o.dictEnd, o.stream = start+s, true
		}
		objs[n] = o
	}
	return objs
}

// numberBefore reads "N G" before position p (p is at "obj"), with any
// whitespace around G, as pdfcpu accepts.
func numberBefore(b []byte, p int) (int, bool) {
	j := p
	for j > 0 && isWhite(b[j-1]) {
		j--
	}
	g := j
	for j > 0 && b[j-1] >= '0' && b[j-1] <= '9' {
		j--
	}
	if j == g || j == 0 || !isWhite(b[j-1]) {
		return 0, false
	}
	for j > 0 && isWhite(b[j-1]) {
		j--
	}
	e := j
	k := e
	for k > 0 && b[k-1] >= '0' && b[k-1] <= '9' {
		k--
	}
	if k == e || e-k > 10 {
		return 0, false
	}
	n, err := strconv.Atoi(string(b[k:e]))
	return n, err == nil
}

// criticalRefs lists the references directly under the critical keys of a
// stream dictionary, including those inside an inline array or dictionary
// value.
func criticalRefs(body []byte, base, from int) []critRef {
	var out []critRef
	for _, key := range critKeys {
		for i := 0; i < len(body); {
			k := bytes.Index(body[i:], key)
			if k < 0 {
				break
			}
			p := i + k + len(key)
			i = p
			if p < len(body) && !isWhite(body[p]) && !isDelim(body[p]) {
				continue // a longer name (/Filters, /Fx)
			}
			for p < len(body) && isWhite(body[p]) {
				p++
			}
			end := p
			if p < len(body) && (body[p] == '[' || (body[p] == '<' && p+1 < len(body) && body[p+1] == '<')) {
				depth := 0
				for end = p; end < len(body); end++ {
					switch body[end] {
					case '[', '<':
						depth++
					case ']', '>':
						depth--
					}
					if depth <= 0 && end > p {
						end++
						break
					}
				}
			} else {
				// A reference is "N G R": at most three tokens.
				end = min(len(body), p+24)
			}
			for _, r := range allRefs(body[p:end], base+p, from) {
				if body[p] != '[' && body[p] != '<' && r.pos != base+p {
					continue // not the value of this key
				}
				out = append(out, r)
			}
		}
	}
	return out
}

// allRefs finds every "N G R" in b.
func allRefs(b []byte, base, from int) []critRef {
	var out []critRef
	for i := 0; i < len(b); i++ {
		// Whatever follows the R: pdfcpu takes "4 0 R-x" as a reference.
		if b[i] != 'R' {
			continue
		}
		// Walk back over " G " and "N".
		j := i - 1
		for j >= 0 && isWhite(b[j]) {
			j--
		}
		g := j
		for j >= 0 && b[j] >= '0' && b[j] <= '9' {
			j--
		}
		if j == g || j < 0 || !isWhite(b[j]) {
			continue
		}
		for j >= 0 && isWhite(b[j]) {
			j--
		}
		ne := j + 1
		for j >= 0 && b[j] >= '0' && b[j] <= '9' {
			j--
		}
		if j+1 == ne || ne-(j+1) > 10 {
			continue
		}
		n, err := strconv.Atoi(string(b[j+1 : ne]))
		if err != nil {
			continue
		}
		out = append(out, critRef{from: from, target: n, pos: base + j + 1, end: base + i + 1})
	}
	return out
}
