package ooxml

import (
	"strconv"
	"unicode/utf8"
)

// xmlHeader starts every part.
const xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

// xw appends XML to a byte slice. Element and attribute names are written as
// given (prefixed names such as "w:p" included); text and attribute values are
// escaped. It is much faster than encoding/xml's Encoder for the many tiny
// elements of a WordprocessingML body and needs no namespace bookkeeping.
type xw struct{ b []byte }

// start writes <name k1="v1" …> from alternating attribute names and values.
func (x *xw) start(name string, attrs ...string) {
	x.tag(name, attrs)
	x.b = append(x.b, '>')
}

// empty writes <name k1="v1" …/>.
func (x *xw) empty(name string, attrs ...string) {
	x.tag(name, attrs)
	x.b = append(x.b, '/', '>')
}

func (x *xw) tag(name string, attrs []string) {
	x.b = append(x.b, '<')
	x.b = append(x.b, name...)
	for i := 0; i+1 < len(attrs); i += 2 {
		x.b = append(x.b, ' ')
		x.b = append(x.b, attrs[i]...)
		x.b = append(x.b, '=', '"')
		x.b = appendEscaped(x.b, attrs[i+1], true)
		x.b = append(x.b, '"')
	}
}

// end writes </name>.
func (x *xw) end(name string) {
	x.b = append(x.b, '<', '/')
	x.b = append(x.b, name...)
	x.b = append(x.b, '>')
}

// text writes escaped character data.
func (x *xw) text(s string) { x.b = appendEscaped(x.b, s, false) }

// elem writes <name>text</name>.
func (x *xw) elem(name, text string, attrs ...string) {
	x.start(name, attrs...)
	x.text(text)
	x.end(name)
}

// val writes <name w:val="v"/>, the commonest WordprocessingML element.
func (x *xw) val(name, v string) { x.empty(name, "w:val", v) }

// itoa formats an int for an attribute.
func itoa(n int) string { return strconv.Itoa(n) }

// appendEscaped appends s with the five XML special characters escaped and
// the characters XML 1.0 forbids dropped. In attributes, tab, newline and
// carriage return are written as character references so that attribute
// value normalisation keeps them.
func appendEscaped(b []byte, s string, attr bool) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == '&':
				b = append(b, "&amp;"...)
			case c == '<':
				b = append(b, "&lt;"...)
			case c == '>':
				b = append(b, "&gt;"...)
			case c == '"':
				b = append(b, "&#34;"...)
			case c == '\'':
				b = append(b, "&#39;"...)
			case c == '\t' || c == '\n' || c == '\r':
				if attr {
					b = append(b, "&#x"...)
					b = strconv.AppendInt(b, int64(c), 16)
					b = append(b, ';')
				} else {
					b = append(b, c)
				}
			case c < 0x20:
				// forbidden control character: dropped
			default:
				b = append(b, c)
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if ValidRune(r) && !(r == utf8.RuneError && size == 1) {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return b
}

// ValidRune reports whether XML 1.0 allows r in a document:
// #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
func ValidRune(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF ||
		r >= 0xE000 && r <= 0xFFFD ||
		r >= 0x10000 && r <= 0x10FFFF
}

// Clean returns s without the characters XML 1.0 forbids (control characters
// other than tab, newline and carriage return; U+FFFE and U+FFFF; surrogates,
// which in a Go string appear as invalid UTF-8) and the dropped characters in
// order. A byte that is not valid UTF-8 is reported as utf8.RuneError.
// When nothing is dropped, s is returned unchanged and without allocation.
func Clean(s string) (string, []rune) {
	bad := -1
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !ValidRune(r) || r == utf8.RuneError && size == 1 {
			bad = i
			break
		}
		i += size
	}
	if bad < 0 {
		return s, nil
	}
	out := []byte(s[:bad])
	var dropped []rune
	for i := bad; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			dropped = append(dropped, utf8.RuneError)
		case !ValidRune(r):
			dropped = append(dropped, r)
		default:
			out = append(out, s[i:i+size]...)
		}
		i += size
	}
	return string(out), dropped
}
