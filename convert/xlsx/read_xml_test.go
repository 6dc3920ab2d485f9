package xlsx

import (
	"bytes"
	"math/rand"
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
