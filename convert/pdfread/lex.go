package pdfread

// A content-stream tokenizer of our own: it never panics, skips inline
// image data (BI … ID … EI) by looking for an EI that is followed by
// whitespace and a plausible next operator, and treats anything it cannot
// read as a one-byte junk token.

const (
	kNum = iota + 1
	kName
	kStr
	kArr
	kDict
	kOp
	kOther // true/false/null and junk
)

type operand struct {
	kind byte
	num  float64
	b    []byte // name (without '/'), string bytes, operator
	arr  []operand
	dict map[string]operand
}

type lexer struct {
	b   []byte
	pos int
}

func isWhite(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	switch c {
	case '(', ')', '<', '>', '[', ']', '{', '}', '/', '%':
		return true
	}
	return false
}

func (l *lexer) skipWhite() {
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		if isWhite(c) {
			l.pos++
			continue
		}
		if c == '%' {
			for l.pos < len(l.b) && l.b[l.pos] != '\n' && l.b[l.pos] != '\r' {
				l.pos++
			}
			continue
		}
		return
	}
}

// next reads one token; ok is false at the end. depth bounds nesting of
// arrays and dictionaries.
func (l *lexer) next(depth int) (operand, bool) {
	l.skipWhite()
	if l.pos >= len(l.b) {
		return operand{}, false
	}
	c := l.b[l.pos]
	switch {
	case c == '/':
		l.pos++
		s := l.pos
		for l.pos < len(l.b) && !isWhite(l.b[l.pos]) && !isDelim(l.b[l.pos]) {
			l.pos++
		}
		return operand{kind: kName, b: decodeName(l.b[s:l.pos])}, true
	case c == '(':
		return operand{kind: kStr, b: l.literal()}, true
	case c == '<':
		if l.pos+1 < len(l.b) && l.b[l.pos+1] == '<' {
			l.pos += 2
			d := map[string]operand{}
			for depth < 32 {
				l.skipWhite()
				if l.pos >= len(l.b) {
					break
				}
				if l.b[l.pos] == '>' {
					l.pos++
					if l.pos < len(l.b) && l.b[l.pos] == '>' {
						l.pos++
					}
					break
				}
				k, ok := l.next(depth + 1)
				if !ok {
					break
				}
				v, ok := l.next(depth + 1)
				if !ok {
					break
				}
				if k.kind == kName {
					d[string(k.b)] = v
				}
			}
			return operand{kind: kDict, dict: d}, true
		}
		return operand{kind: kStr, b: l.hex()}, true
	case c == '[':
		l.pos++
		var a []operand
		for depth < 32 {
			l.skipWhite()
			if l.pos >= len(l.b) {
				break
			}
			if l.b[l.pos] == ']' {
				l.pos++
				break
			}
			v, ok := l.next(depth + 1)
			if !ok {
				break
			}
			a = append(a, v)
		}
		return operand{kind: kArr, arr: a}, true
	case c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9'):
		return l.number(), true
	case isDelim(c):
		l.pos++
		return operand{kind: kOther}, true
	}
	s := l.pos
	for l.pos < len(l.b) && !isWhite(l.b[l.pos]) && !isDelim(l.b[l.pos]) {
		l.pos++
	}
	w := l.b[s:l.pos]
	switch string(w) {
	case "true", "false", "null":
		return operand{kind: kOther}, true
	}
	return operand{kind: kOp, b: w}, true
}

func (l *lexer) number() operand {
	s := l.pos
	neg := false
	if l.b[l.pos] == '+' || l.b[l.pos] == '-' {
		neg = l.b[l.pos] == '-'
		l.pos++
	}
	var v float64
	frac := 0.0
	digits := 0
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		if c >= '0' && c <= '9' {
			if frac > 0 {
				v += float64(c-'0') * frac
				frac /= 10
			} else {
				v = v*10 + float64(c-'0')
			}
			digits++
		} else if c == '.' && frac == 0 {
			frac = 0.1
		} else {
			// "5-3" in a broken writer is two numbers: stop at the sign.
			break
		}
		l.pos++
		if l.pos-s > 64 {
			break
		}
	}
	if digits == 0 && l.pos == s {
		l.pos++
	}
	if neg {
		v = -v
	}
	return operand{kind: kNum, num: v}
}

func (l *lexer) literal() []byte {
	l.pos++ // (
	var out []byte
	depth := 1
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		switch c {
		case '(':
			depth++
			out = append(out, c)
		case ')':
			depth--
			if depth == 0 {
				return out
			}
			out = append(out, c)
		case '\\':
			if l.pos >= len(l.b) {
				return out
			}
			e := l.b[l.pos]
			l.pos++
			switch e {
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case '\r':
				if l.pos < len(l.b) && l.b[l.pos] == '\n' {
					l.pos++
				}
			case '\n':
			default:
				if e >= '0' && e <= '7' {
					v := int(e - '0')
					for i := 0; i < 2 && l.pos < len(l.b) && l.b[l.pos] >= '0' && l.b[l.pos] <= '7'; i++ {
						v = v*8 + int(l.b[l.pos]-'0')
						l.pos++
					}
					out = append(out, byte(v))
				} else {
					out = append(out, e)
				}
			}
		default:
			out = append(out, c)
		}
	}
	return out
}

func hexVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

func (l *lexer) hex() []byte {
	l.pos++ // <
	var out []byte
	hi := -1
	for l.pos < len(l.b) {
		c := l.b[l.pos]
		l.pos++
		if c == '>' {
			break
		}
		v := hexVal(c)
		if v < 0 {
			continue
		}
		if hi < 0 {
			hi = v
		} else {
			out = append(out, byte(hi<<4|v))
			hi = -1
		}
	}
	if hi >= 0 {
		out = append(out, byte(hi<<4))
	}
	return out
}

func decodeName(b []byte) []byte {
	if !containsByte(b, '#') {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == '#' && i+2 < len(b) && hexVal(b[i+1]) >= 0 && hexVal(b[i+2]) >= 0 {
			out = append(out, byte(hexVal(b[i+1])<<4|hexVal(b[i+2])))
			i += 2
			continue
		}
		out = append(out, b[i])
	}
	return out
}

func containsByte(b []byte, c byte) bool {
	for _, x := range b {
		if x == c {
			return true
		}
	}
	return false
}

// skipInlineImage moves past the image data after "ID": to just after an
// "EI" delimited by whitespace, preferring one followed by an operator-like
// token or the end. Without an EI the rest of the stream is skipped.
func (l *lexer) skipInlineImage() {
	if l.pos < len(l.b) && isWhite(l.b[l.pos]) {
		l.pos++
	}
	for i := l.pos; i+1 < len(l.b); i++ {
		if l.b[i] != 'E' || l.b[i+1] != 'I' {
			continue
		}
		if i > 0 && !isWhite(l.b[i-1]) {
			continue
		}
		j := i + 2
		if j < len(l.b) && !isWhite(l.b[j]) {
			continue
		}
		// The bytes after EI should look like content-stream text.
		ok := true
		for k := j; k < len(l.b) && k < j+32; k++ {
			c := l.b[k]
			if c < 0x09 || (c > 0x0d && c < 0x20) || c > 0x7e {
				ok = false
				break
			}
		}
		if ok {
			l.pos = j
			return
		}
	}
	l.pos = len(l.b)
}
