package xlsx

// Reader: a strict XML tokenizer for the fast path (read_fast.go). It
// accepts only what encoding/xml reads the same way, and gives up (ok =
// false) on anything else — CDATA, DOCTYPE, unknown entities, characters
// XML forbids, unquoted attributes, mismatched tags — so that such
// workbooks take the excelize path and get its verdict.

import (
	"bytes"
	"encoding/binary"
	"strings"
	"unicode/utf8"
)

const (
	tokEOF = iota
	tokStart
	tokEnd
	tokText
)

type xattr struct {
	name []byte // local name (prefix stripped)
	full []byte // as written
	val  []byte // raw: entities not decoded
}

type xtok struct {
	data  []byte
	pos   int
	bad   bool     // not for the fast path
	stack [][]byte // open elements, as written
	root  bool     // the root element has ended

	kind  int
	name  []byte // local name of a start or end tag
	full  []byte // name as written
	attrs []xattr
	empty bool   // <x/>: no end token follows
	text  []byte // raw text
}

// xmlPlain reports whether data may go to the tokenizer at all: valid
// UTF-8, no byte order mark, no characters XML forbids, no strict-OOXML
// namespaces (excelize rewrites those first). (The XML declaration is
// checked where the tokenizer meets it: declOK.)
func xmlPlain(data []byte) bool {
	if bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) || !utf8.Valid(data) {
		return false
	}
	// Bytes below 0x20, eight at a time: the word test has no false
	// negatives (whatever the other bytes), and a word it flags is looked
	// at byte by byte.
	i := 0
	for ; i+8 <= len(data); i += 8 {
		if w := binary.LittleEndian.Uint64(data[i:]); (w-0x2020202020202020)&^w&0x8080808080808080 != 0 && !plainBytes(data[i:i+8]) {
			return false
		}
	}
	if !plainBytes(data[i:]) {
		return false
	}
	// U+FFFE and U+FFFF (in valid UTF-8 only these start EF BF BE, EF BF BF).
	for rest := data; ; {
		j := bytes.Index(rest, []byte("\xEF\xBF"))
		if j < 0 {
			break
		}
		if j+2 < len(rest) && (rest[j+2] == 0xBE || rest[j+2] == 0xBF) {
			return false
		}
		rest = rest[j+2:]
	}
	return !bytes.Contains(data, []byte("purl.oclc.org/ooxml"))
}

// plainBytes reports whether b has no byte below 0x20 but tab, line feed
// and carriage return.
func plainBytes(b []byte) bool {
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' {
			return false
		}
	}
	return true
}

// declOK reports whether the body of an XML declaration (after "<?xml")
// declares no version or version 1.0 — every "version=" followed by a
// quoted 1.0 — and no encoding or UTF-8 by one of its two names: excelize
// reads other labels through a charset reader and refuses unknown ones.
func declOK(body []byte) bool {
	for rest := body; ; {
		i := bytes.Index(rest, []byte("version="))
		if i < 0 {
			break
		}
		rest = rest[i+len("version="):]
		if !bytes.HasPrefix(rest, []byte(`"1.0"`)) && !bytes.HasPrefix(rest, []byte(`'1.0'`)) {
			return false
		}
	}
	decl := strings.ToLower(string(body))
	for {
		j := strings.Index(decl, "encoding")
		if j < 0 {
			return true
		}
		decl = strings.TrimLeft(decl[j+len("encoding"):], " \t\r\n=")
		if decl == "" || decl[0] != '"' && decl[0] != '\'' {
			return false
		}
		enc, after, ok := strings.Cut(decl[1:], decl[:1])
		if !ok || enc != "utf-8" && enc != "utf8" {
			return false
		}
		decl = after
	}
}

func newXtok(data []byte) *xtok {
	t := &xtok{data: data}
	if !xmlPlain(data) {
		t.bad = true
	}
	return t
}

func isXMLSpace(b byte) bool { return b == ' ' || b == '\t' || b == '\n' || b == '\r' }

func isNameByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_' || b == '-' || b == '.' || b == ':'
}

// nameStart reports whether an XML name may begin with the ASCII byte b
// (not a digit, '.' or '-').
func nameStart(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b == '_' || b == ':'
}

// scanName returns the end of the run of (ASCII) name bytes from p in d,
// whether encoding/xml reads them as an element or attribute name (a
// valid first byte, at most one colon) and the local name.
func scanName(d []byte, p int) (n int, ok bool, local []byte) {
	colon := -1
	n = p
	for ; n < len(d) && isNameByte(d[n]); n++ {
		if d[n] == ':' {
			if colon >= 0 {
				colon = -2 // two colons
			} else if colon == -1 {
				colon = n
			}
		}
	}
	if n == p || !nameStart(d[p]) || colon == -2 {
		return n, false, nil
	}
	if colon >= 0 {
		return n, true, d[colon+1 : n]
	}
	return n, true, d[p:n]
}

func localName(full []byte) []byte {
	if i := bytes.IndexByte(full, ':'); i >= 0 {
		return full[i+1:]
	}
	return full
}

// next reads the next token; false at the end of the root element, at the
// end of the data, or when the input is not for the fast path (t.bad).
func (t *xtok) next() bool {
	if t.bad || t.root {
		t.kind = tokEOF
		return false
	}
	d := t.data
	if t.pos >= len(d) {
		if len(t.stack) > 0 {
			t.bad = true
		}
		t.kind = tokEOF
		return false
	}
	if d[t.pos] != '<' {
		j := bytes.IndexByte(d[t.pos:], '<')
		if j < 0 {
			j = len(d) - t.pos
		}
		t.kind, t.text = tokText, d[t.pos:t.pos+j]
		t.pos += j
		if !xmlEntitiesOK(t.text) {
			t.bad = true
			return false
		}
		if bytes.IndexByte(t.text, '>') >= 0 && bytes.Contains(t.text, []byte("]]>")) {
			t.bad = true
			return false
		}
		return true
	}
	p := t.pos + 1
	if p >= len(d) {
		t.bad = true
		return false
	}
	switch d[p] {
	case '?':
		// A processing instruction: a target name, then anything up to
		// "?>"; the XML declaration must say version 1.0 if it says one.
		n := p + 1
		for n < len(d) && isNameByte(d[n]) {
			n++
		}
		e := bytes.Index(d[p:], []byte("?>"))
		// A non-ASCII byte would continue the target for encoding/xml,
		// whose name tables decide it: left to it.
		if n == p+1 || !nameStart(d[p+1]) || e < 0 || p+e < n || n < len(d) && d[n] >= 0x80 {
			t.bad = true
			return false
		}
		if string(d[p+1:n]) == "xml" && !declOK(d[n:p+e]) {
			t.bad = true
			return false
		}
		t.pos = p + e + 2
		return t.next()
	case '!':
		if !bytes.HasPrefix(d[p:], []byte("!--")) {
			t.bad = true // CDATA, DOCTYPE
			return false
		}
		e := bytes.Index(d[p+3:], []byte("-->"))
		if body := d[p+3 : p+3+max(e, 0)]; e < 0 || bytes.Contains(body, []byte("--")) || bytes.HasSuffix(body, []byte("-")) {
			t.bad = true
			return false
		}
		t.pos = p + 3 + e + 3
		return t.next()
	case '/':
		p++
		n := p
		for n < len(d) && isNameByte(d[n]) {
			n++
		}
		full := d[p:n]
		for n < len(d) && isXMLSpace(d[n]) {
			n++
		}
		if n >= len(d) || d[n] != '>' || len(t.stack) == 0 || !bytes.Equal(t.stack[len(t.stack)-1], full) {
			t.bad = true
			return false
		}
		t.stack = t.stack[:len(t.stack)-1]
		t.kind, t.full, t.name = tokEnd, full, localName(full)
		t.pos = n + 1
		if len(t.stack) == 0 {
			t.root = true
		}
		return true
	}
	n, nameOK, local := scanName(d, p)
	if n == p || n >= len(d) {
		t.bad = true
		return false
	}
	full := d[p:n]
	if !nameOK {
		t.bad = true
		return false
	}
	t.attrs = t.attrs[:0]
	for {
		s := n
		for n < len(d) && isXMLSpace(d[n]) {
			n++
		}
		if n >= len(d) {
			t.bad = true
			return false
		}
		if d[n] == '>' || d[n] == '/' {
			break
		}
		if n == s { // attributes need space before them
			t.bad = true
			return false
		}
		a := n
		n2, anOK, alocal := scanName(d, a)
		n = n2
		if n == a || !anOK {
			t.bad = true
			return false
		}
		an := d[a:n]
		for n < len(d) && isXMLSpace(d[n]) {
			n++
		}
		if n >= len(d) || d[n] != '=' {
			t.bad = true
			return false
		}
		n++
		for n < len(d) && isXMLSpace(d[n]) {
			n++
		}
		if n >= len(d) || d[n] != '"' && d[n] != '\'' {
			t.bad = true
			return false
		}
		q := d[n]
		e := bytes.IndexByte(d[n+1:], q)
		if e < 0 {
			t.bad = true
			return false
		}
		v := d[n+1 : n+1+e]
		if bytes.IndexByte(v, '<') >= 0 {
			t.bad = true
			return false
		}
		if !xmlEntitiesOK(v) {
			t.bad = true
			return false
		}
		for _, o := range t.attrs {
			if bytes.Equal(o.name, alocal) {
				t.bad = true // encoding/xml would let the last one win
				return false
			}
		}
		t.attrs = append(t.attrs, xattr{name: alocal, full: an, val: v})
		n += e + 2
	}
	t.empty = false
	if d[n] == '/' {
		if n+1 >= len(d) || d[n+1] != '>' {
			t.bad = true
			return false
		}
		t.empty = true
		n++
	}
	t.pos = n + 1
	t.kind, t.full, t.name = tokStart, full, local
	if !t.empty {
		t.stack = append(t.stack, full)
	} else if len(t.stack) == 0 {
		t.root = true
	}
	return true
}

// attr returns the decoded value of the attribute with local name n.
func (t *xtok) attr(n string) (string, bool) {
	for _, a := range t.attrs {
		if string(a.name) == n {
			s, _ := xmlUnescape(a.val)
			return s, true
		}
	}
	return "", false
}

// attrFull returns the attribute written exactly as n (with its prefix).
func (t *xtok) attrFull(n string) (string, bool) {
	for _, a := range t.attrs {
		if string(a.full) == n {
			s, _ := xmlUnescape(a.val)
			return s, true
		}
	}
	return "", false
}

// children calls each at the start of every child element of the element
// just started, in order; each consumes the child (t.skip for one it does
// not read) and reports whether to go on. children reports whether the
// element ended and every call returned true.
func (t *xtok) children(each func() bool) bool {
	if t.empty {
		return true
	}
	depth := len(t.stack)
	for t.next() {
		switch t.kind {
		case tokEnd:
			if len(t.stack) < depth {
				return true
			}
		case tokStart:
			if !each() {
				return false
			}
		}
	}
	return false
}

// skip skips the element just started, with everything in it.
func (t *xtok) skip() {
	if t.empty {
		return
	}
	depth := len(t.stack)
	for t.next() {
		if t.kind == tokEnd && len(t.stack) < depth {
			return
		}
	}
}

// content reads the text of the element just started, which must hold
// text only (no elements, comments split nothing since they are allowed
// only outside text: a comment inside gives up).
func (t *xtok) content() (string, bool) {
	if t.empty {
		return "", true
	}
	depth := len(t.stack)
	var raw []byte
	n := 0
	for {
		start := t.pos
		if !t.next() {
			return "", false
		}
		switch t.kind {
		case tokText:
			if n > 0 {
				return "", false
			}
			raw, n = t.text, n+1
		case tokEnd:
			if len(t.stack) < depth {
				s, ok := xmlUnescape(raw)
				return s, ok
			}
			return "", false
		default:
			return "", false
		}
		// A comment or processing instruction consumed by next between
		// two text runs would have moved pos past more than the text.
		if t.pos-start != len(raw) {
			return "", false
		}
	}
}

// xmlUnescape decodes the five predefined entities and character
// references, and turns CR LF and lone CR into LF, as encoding/xml does
// (a CR written as &#13; stays).
func xmlUnescape(raw []byte) (string, bool) {
	if bytes.IndexByte(raw, '&') < 0 && bytes.IndexByte(raw, '\r') < 0 {
		return string(raw), true
	}
	var b strings.Builder
	b.Grow(len(raw))
	ok := unescapeTo(&b, raw)
	if !ok {
		return "", false
	}
	return b.String(), true
}

// xmlEntitiesOK reports whether xmlUnescape accepts raw, without decoding.
func xmlEntitiesOK(raw []byte) bool {
	return bytes.IndexByte(raw, '&') < 0 || unescapeTo(nil, raw)
}

// unescapeTo is xmlUnescape writing to b, or only checking when b is nil.
func unescapeTo(b *strings.Builder, raw []byte) bool {
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch c {
		case '\r':
			if b != nil {
				b.WriteByte('\n')
			}
			if i+1 < len(raw) && raw[i+1] == '\n' {
				i++
			}
		case '&':
			e := bytes.IndexByte(raw[i:], ';')
			if e < 0 {
				return false
			}
			ent := raw[i+1 : i+e]
			var out byte
			switch string(ent) {
			case "lt":
				out = '<'
			case "gt":
				out = '>'
			case "amp":
				out = '&'
			case "apos":
				out = '\''
			case "quot":
				out = '"'
			default:
				r, ok := charRef(ent)
				if !ok {
					return false
				}
				if b != nil {
					b.WriteRune(r)
				}
			}
			if out != 0 && b != nil {
				b.WriteByte(out)
			}
			i += e
		default:
			if b != nil {
				b.WriteByte(c)
			}
		}
	}
	return true
}

// charRef reads the body of a character reference ("#39", "#x27") as
// encoding/xml does: decimal or, after a lower-case x, hexadecimal digits
// (strconv.ParseUint's, any number of leading zeros), a character XML
// allows.
func charRef(ent []byte) (rune, bool) {
	if len(ent) < 2 || ent[0] != '#' {
		return 0, false
	}
	digits, base := ent[1:], uint32(10)
	if ent[1] == 'x' {
		digits, base = ent[2:], 16
	}
	if len(digits) == 0 {
		return 0, false
	}
	var n uint32
	for _, d := range digits {
		var v uint32
		switch {
		case d >= '0' && d <= '9':
			v = uint32(d - '0')
		case base == 16 && d >= 'a' && d <= 'f':
			v = uint32(d-'a') + 10
		case base == 16 && d >= 'A' && d <= 'F':
			v = uint32(d-'A') + 10
		default:
			return 0, false
		}
		n = n*base + v
		if n > 0x10FFFF { // beyond every character (ParseUint's overflow too)
			return 0, false
		}
	}
	r := rune(n)
	if !(r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF) {
		return 0, false
	}
	return r, true
}
