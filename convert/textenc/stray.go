package textenc

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Stray is a run of bytes in a UTF-8 input that is not UTF-8: one stray
// byte, or a word saved in GBK inside a UTF-8 page (a pasted fragment, a
// template field filled by another system).
type Stray struct {
	Offset int    // byte offset of the run in the input
	Bytes  []byte // the bytes as found
	// As is the GB18030 reading of the run when it decodes cleanly into
	// Chinese characters, "" when the bytes were replaced by U+FFFD.
	As string
}

// mostlyUTF8 reports whether b is UTF-8 text with a few runs of bytes that
// are not: many valid multi-byte sequences and few invalid runs, so that
// decoding the whole input as GB18030 or Big5 would garble every Chinese
// character to rescue a handful of bytes. A GBK file has almost no valid
// multi-byte UTF-8 sequences and fails the test.
func mostlyUTF8(b []byte) bool {
	multi, runs, bad := 0, 0, 0
	prevBad := false
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			prevBad = false
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			bad++
			if !prevBad {
				runs++
			}
			prevBad = true
			i++
			continue
		}
		prevBad = false
		multi++
		i += size
	}
	return runs > 0 && multi >= 10*runs && bad*20 <= len(b)
}

// Strays returns the runs of b that are not UTF-8, in order, when b is
// UTF-8 text with a few such runs (what [Decode] reads as UTF-8 and
// repairs); nil otherwise.
func Strays(b []byte) []Stray {
	if utf8.Valid(b) || !mostlyUTF8(b) {
		return nil
	}
	_, strays := repairUTF8(b)
	return strays
}

// repairUTF8 decodes b as UTF-8. Where a byte is not UTF-8 it first tries
// a GBK word: two-byte GB18030 characters, as long as they give Chinese
// characters and the bytes there do not read as UTF-8 text again; failing
// that, the run of invalid bytes becomes one U+FFFD.
func repairUTF8(b []byte) (string, []Stray) {
	out := make([]byte, 0, len(b)+16)
	var strays []Stray
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r != utf8.RuneError || size != 1 {
			out = append(out, b[i:i+size]...)
			i += size
			continue
		}
		j := i
		var word []byte
		for j+1 < len(b) && (j == i || !utf8Here(b[j:])) {
			c, ok := gbChar(b[j : j+2])
			if !ok {
				break
			}
			word = append(word, c...)
			j += 2
		}
		if len(word) > 0 && !truncatedUTF8(b[i:j]) {
			strays = append(strays, Stray{Offset: i, Bytes: append([]byte(nil), b[i:j]...), As: string(word)})
			out = append(out, word...)
			i = j
			continue
		}
		j = i + 1
		for j < len(b) {
			if r, size := utf8.DecodeRune(b[j:]); r != utf8.RuneError || size != 1 {
				break
			}
			j++
		}
		strays = append(strays, Stray{Offset: i, Bytes: append([]byte(nil), b[i:j]...)})
		out = append(out, "\uFFFD"...)
		i = j
	}
	return string(out), strays
}

// utf8Here reports whether p starts with UTF-8 text again: a valid
// multi-byte character followed by the end, ASCII or another one.
func utf8Here(p []byte) bool {
	r, size := utf8.DecodeRune(p)
	if r == utf8.RuneError || size < 2 {
		return false
	}
	if len(p) == size || p[size] < utf8.RuneSelf {
		return true
	}
	r, size2 := utf8.DecodeRune(p[size:])
	return r != utf8.RuneError && size2 > 1
}

// gbChar decodes a two-byte GB18030 character and reports whether it is a
// Chinese character or CJK punctuation.
func gbChar(p []byte) ([]byte, bool) {
	if p[0] < 0x81 || p[0] > 0xFE || p[1] < 0x40 || p[1] == 0x7F || p[1] > 0xFE {
		return nil, false
	}
	d, err := simplifiedchinese.GB18030.NewDecoder().Bytes(p)
	if err != nil {
		return nil, false
	}
	r, size := utf8.DecodeRune(d)
	if size != len(d) || !(unicode.Is(unicode.Han, r) || r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF) {
		return nil, false
	}
	return d, true
}

// truncatedUTF8 reports whether p is the start of a UTF-8 sequence cut
// short: a lead byte followed by continuation bytes only (a file cut in the
// middle of a character, not a GBK word).
func truncatedUTF8(p []byte) bool {
	if p[0] < 0xC2 || p[0] > 0xF4 {
		return false
	}
	for _, c := range p[1:] {
		if c < 0x80 || c > 0xBF {
			return false
		}
	}
	return len(p) < 4
}
