package xlsx

import (
	"bytes"
	"math/rand"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// xmlPlainSimple is xmlPlain written plainly, one condition at a time.
func xmlPlainSimple(data []byte) bool {
	if !utf8.Valid(data) || bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")) {
		return false
	}
	for _, b := range data {
		if b < 0x20 && b != '\t' && b != '\n' && b != '\r' {
			return false
		}
	}
	return !bytes.Contains(data, []byte("\xEF\xBF\xBE")) && !bytes.Contains(data, []byte("\xEF\xBF\xBF")) &&
		!bytes.Contains(data, []byte("purl.oclc.org/ooxml"))
}

// TestXMLPlain: xmlPlain, eight bytes at a time, agrees with the plain
// conditions on random mixes of ASCII, control bytes, CJK, broken and
// forbidden UTF-8; both verdicts occur.
func TestXMLPlain(t *testing.T) {
	rng := rand.New(rand.NewSource(4))
	pieces := []string{"<c r=\"A1\">", "abcdefgh", "\t", "\n", "\r", "\x00", "\x1f", "\x7f", " ", "政府", "信息",
		"\xEF\xBB\xBF", "\xEF\xBF\xBE", "\xEF\xBF\xBF", "\xEF\xBF\xBD", "\xED\xA0\x80", "\xC0\xAF", "\xF4\x90\x80\x80",
		"\xF0\x9F\x98\x80", "\xE6", "\x80", "purl.oclc.org/ooxml", "purl.oclc.org", "0123456789"}
	seen := map[bool]int{}
	for i := 0; i < 100000; i++ {
		var b []byte
		for k := rng.Intn(12); k > 0; k-- {
			p := pieces[rng.Intn(len(pieces))]
			if rng.Intn(3) > 0 {
				p = pieces[rng.Intn(8)] // mostly ASCII, as parts are
			}
			b = append(b, p...)
		}
		want := xmlPlainSimple(b)
		if got := xmlPlain(b); got != want {
			t.Fatalf("xmlPlain(%q) = %v, want %v", b, got, want)
		}
		seen[want]++
	}
	if seen[true] == 0 || seen[false] == 0 {
		t.Fatalf("verdicts %v: the inputs do not exercise both", seen)
	}
}

// xmlUnescapeSimple is xmlUnescape as it was first written, with
// strconv.ParseUint for character references.
func xmlUnescapeSimple(raw []byte) (string, bool) {
	var b strings.Builder
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		switch c {
		case '\r':
			b.WriteByte('\n')
			if i+1 < len(raw) && raw[i+1] == '\n' {
				i++
			}
		case '&':
			e := bytes.IndexByte(raw[i:], ';')
			if e < 0 {
				return "", false
			}
			ent := string(raw[i+1 : i+e])
			switch ent {
			case "lt":
				b.WriteByte('<')
			case "gt":
				b.WriteByte('>')
			case "amp":
				b.WriteByte('&')
			case "apos":
				b.WriteByte('\'')
			case "quot":
				b.WriteByte('"')
			default:
				if len(ent) < 2 || ent[0] != '#' {
					return "", false
				}
				var n uint64
				var err error
				if ent[1] == 'x' {
					n, err = strconv.ParseUint(ent[2:], 16, 32)
				} else {
					n, err = strconv.ParseUint(ent[1:], 10, 32)
				}
				r := rune(n)
				if err != nil || !(r == 0x09 || r == 0x0A || r == 0x0D || r >= 0x20 && r <= 0xD7FF ||
					r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF) {
					return "", false
				}
				b.WriteRune(r)
			}
			i += e
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), true
}

// TestXMLUnescape: xmlUnescape and xmlEntitiesOK agree with the plain
// decoder on random entities and character references, good and bad.
func TestXMLUnescape(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	pieces := []string{"a", "表", "\r", "\n", "\r\n", ";", "&", "&lt;", "&gt;", "&amp;", "&apos;", "&quot;", "&#39;", "&#x27;",
		"&#X27;", "&#0039;", "&#10;", "&#13;", "&#xD;", "&#0;", "&#8;", "&#xFFFE;", "&#xFFFD;", "&#x10FFFF;", "&#x110000;",
		"&#4294967296;", "&#99999999999;", "&#;", "&#x;", "&#-1;", "&#+1;", "&#1_0;", "&#x1g;", "&#xAbC;", "&#55296;", "&nbsp;", "&#"}
	seen := map[bool]int{}
	for i := 0; i < 100000; i++ {
		var b []byte
		for k := rng.Intn(6); k > 0; k-- {
			b = append(b, pieces[rng.Intn(len(pieces))]...)
		}
		want, wantOK := xmlUnescapeSimple(b)
		got, ok := xmlUnescape(b)
		if ok != wantOK || ok && got != want {
			t.Fatalf("xmlUnescape(%q) = %q, %v; want %q, %v", b, got, ok, want, wantOK)
		}
		if xmlEntitiesOK(b) != wantOK {
			t.Fatalf("xmlEntitiesOK(%q) = %v, want %v", b, !wantOK, wantOK)
		}
		seen[wantOK]++
	}
	if seen[true] == 0 || seen[false] == 0 {
		t.Fatalf("verdicts %v: both are needed", seen)
	}
}
