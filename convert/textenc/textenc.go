package textenc

import (
	"bytes"
	"encoding/binary"
	"errors"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"
)

// Encoding names a character encoding recognised by [Detect]. The values are
// "UTF-8", "UTF-8-BOM", "UTF-16LE", "UTF-16BE", "GB18030" and "Big5"; the
// UTF-16 names are used whether or not the input starts with a byte order
// mark.
type Encoding string

// The encodings that [Detect] can report.
const (
	// UTF8 is UTF-8 without a byte order mark (also plain ASCII).
	UTF8 Encoding = "UTF-8"
	// UTF8BOM is UTF-8 starting with the byte order mark EF BB BF.
	UTF8BOM Encoding = "UTF-8-BOM"
	// UTF16LE is little-endian UTF-16, with or without the mark FF FE.
	UTF16LE Encoding = "UTF-16LE"
	// UTF16BE is big-endian UTF-16, with or without the mark FE FF.
	UTF16BE Encoding = "UTF-16BE"
	// GB18030 covers GB18030, GBK and GB2312 (each a subset of the next).
	GB18030 Encoding = "GB18030"
	// Big5 is Big5 as defined by the WHATWG encoding standard (with the
	// HKSCS extensions).
	Big5 Encoding = "Big5"
)

// ErrBinary is returned by [Decode] when the input does not look like text:
// it contains NUL bytes although it is not UTF-16, or too many control or
// undecodable characters remain after decoding with the best candidate
// encoding. The message is shown to users as is.
var ErrBinary = errors.New("不是文本文件（疑似二进制内容）")

// sniffLimit bounds how many bytes the statistical detectors look at. It
// keeps detection linear in a small constant for very large files; the
// whole input is still decoded by Decode.
const sniffLimit = 256 << 10

// Detect guesses the encoding of b. It checks, in order, a byte order mark,
// BOM-less UTF-16 (from the pattern of NUL bytes and the plausibility of the
// decoded code points in either byte order), valid UTF-8, and finally
// GB18030 against Big5 (by the share of frequent hanzi each decoding yields
// and the number of undecodable bytes). Ties go to GB18030, the encoding of
// mainland government sites. Empty input is reported as UTF-8.
func Detect(b []byte) Encoding {
	if len(b) == 0 {
		return UTF8
	}
	if e, ok := bomEncoding(b); ok {
		return e
	}
	if e, ok := detectUTF16(b); ok {
		return e
	}
	if validUTF8(b) || mostlyUTF8(b) {
		return UTF8
	}
	return detectGBBig5(b)
}

// Decode returns b as UTF-8 text, together with the encoding that was used
// (see [Detect]). A leading byte order mark is removed and line endings are
// normalised: "\r\n" and a lone "\r" both become "\n". Bytes that cannot be
// decoded become U+FFFD, so the result is always valid UTF-8.
//
// If b is not text, Decode returns "", the detected encoding and
// [ErrBinary]. Decode never panics.
func Decode(b []byte) (string, Encoding, error) {
	if len(b) == 0 {
		return "", UTF8, nil
	}
	// Fast path for the common case: no byte order mark, no NUL byte (so
	// not UTF-16: any report has newlines and digits, which are NUL-padded
	// in UTF-16) and valid UTF-8.
	if b[0] != 0xEF && b[0] != 0xFE && b[0] != 0xFF && bytes.IndexByte(b, 0) < 0 {
		if valid, control := scanUTF8(b); valid {
			s := string(b)
			if control && looksBinary(s) {
				return "", UTF8, ErrBinary
			}
			return normalizeNewlines(s), UTF8, nil
		}
	}
	enc := Detect(b)
	if enc != UTF16LE && enc != UTF16BE && bytes.IndexByte(b, 0) >= 0 {
		return "", enc, ErrBinary
	}
	var s string
	switch enc {
	case UTF8BOM:
		s = validString(b[3:])
	case UTF16LE:
		s = decodeUTF16(bytes.TrimPrefix(b, []byte{0xFF, 0xFE}), false)
	case UTF16BE:
		s = decodeUTF16(bytes.TrimPrefix(b, []byte{0xFE, 0xFF}), true)
	case GB18030:
		s = decodeWith(simplifiedchinese.GB18030, b)
	case Big5:
		s = decodeWith(traditionalchinese.Big5, b)
	default:
		if utf8.Valid(b) {
			s = string(b)
		} else {
			// UTF-8 with a few stray bytes or a GBK word (see Strays).
			s, _ = repairUTF8(b)
		}
	}
	// GB18030 can carry a byte order mark of its own (84 31 95 33), and a
	// file converted more than once may start with several U+FEFF: drop
	// them in every encoding.
	s = strings.TrimLeft(s, "\uFEFF")
	if looksBinary(s) || ((enc == UTF16LE || enc == UTF16BE) && !plausibleText(s)) {
		return "", enc, ErrBinary
	}
	return normalizeNewlines(s), enc, nil
}

// bomEncoding reports the encoding announced by a byte order mark at the
// start of b, if any.
func bomEncoding(b []byte) (Encoding, bool) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return UTF8BOM, true
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		return UTF16LE, true
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return UTF16BE, true
	}
	return "", false
}

// utf16Score summarises how plausible a byte sequence is as UTF-16 text in
// one byte order.
type utf16Score struct {
	good      float64 // share of code points typical of Chinese text (CJK, ASCII, punctuation)
	bad       float64 // share of NULs, control characters, non-characters and unpaired surrogates
	asciiPair float64 // share of code units whose two bytes are both printable ASCII
	hanzi     float64 // share of frequent hanzi (see commonSimplified)
	items     int     // number of code points (a surrogate pair counts once)
}

// plausible reports whether the score is good enough for UTF-16 text. Text
// with NUL bytes has ASCII characters, which are plausible in themselves;
// text without any NUL byte must consist of CJK characters and is held to a
// higher standard. In both cases, code units made of two printable ASCII
// bytes must not dominate: such units are what ASCII (or ASCII-heavy GBK or
// UTF-8) text looks like when misread as UTF-16 — "ab" reads as U+6261 —
// while in real UTF-16 an ASCII character has a NUL high byte.
func (s utf16Score) plausible(hasNUL bool) bool {
	if s.asciiPair > 0.5 {
		return false
	}
	if hasNUL {
		return s.good >= 0.8 && s.bad <= 0.02
	}
	return s.good >= 0.9 && s.bad <= 0.01 && s.hanzi >= 0.2
}

// detectUTF16 recognises UTF-16 text without a byte order mark.
func detectUTF16(b []byte) (Encoding, bool) {
	p := b
	if len(p) > sniffLimit {
		p = p[:sniffLimit]
	}
	n := len(p) / 2
	if n == 0 {
		return "", false
	}
	p = p[:2*n]
	// ASCII characters in UTF-16 have a NUL high byte: at odd offsets in
	// little-endian text, at even offsets in big-endian text.
	var nulEven, nulOdd int
	for i, c := range p {
		if c == 0 {
			if i&1 == 0 {
				nulEven++
			} else {
				nulOdd++
			}
		}
	}
	nuls := nulEven + nulOdd
	if nuls == 0 && validUTF8(b) {
		// Pairs of ASCII letters read as UTF-16 look like CJK ideographs;
		// text without any NUL that is valid UTF-8 is UTF-8.
		return "", false
	}
	le := scoreUTF16(p, false)
	be := scoreUTF16(p, true)
	okLE := le.plausible(nuls > 0)
	okBE := be.plausible(nuls > 0)
	switch {
	case okLE && okBE:
		// ASCII-heavy text can look plausible in both orders (pairs of
		// letters are ideographs); the NUL pattern decides.
		switch {
		case nulOdd > nulEven:
			return UTF16LE, true
		case nulEven > nulOdd:
			return UTF16BE, true
		case be.good-be.bad > le.good-le.bad:
			return UTF16BE, true
		default:
			return UTF16LE, true
		}
	case okLE:
		return UTF16LE, true
	case okBE:
		return UTF16BE, true
	}
	return "", false
}

// scoreUTF16 reads p (of even length) as UTF-16 in the given byte order and
// measures how much of it looks like Chinese text.
func scoreUTF16(p []byte, bigEndian bool) utf16Score {
	unit := func(i int) rune {
		if bigEndian {
			return rune(p[2*i])<<8 | rune(p[2*i+1])
		}
		return rune(p[2*i+1])<<8 | rune(p[2*i])
	}
	asciiByte := func(c byte) bool { return c >= 0x20 && c < 0x7F || c >= '\t' && c <= '\r' }
	common := commonHanzi()
	n := len(p) / 2
	var good, bad, pairs, hanzi, items int
	for i := 0; i < n; i++ {
		u := unit(i)
		items++
		if asciiByte(p[2*i]) && asciiByte(p[2*i+1]) {
			pairs++
		}
		if common[u>>6]&(1<<(u&63)) != 0 {
			hanzi++
		}
		switch {
		case u >= 0xD800 && u < 0xDC00:
			if i+1 < n {
				if u2 := unit(i + 1); u2 >= 0xDC00 && u2 < 0xE000 {
					i++ // a valid pair: neutral
					continue
				}
			}
			bad++
		case u >= 0xDC00 && u < 0xE000:
			bad++
		case isControl(u) || u == 0xFFFE || u == 0xFFFF || (u >= 0xFDD0 && u <= 0xFDEF):
			bad++
		case isTypical(u):
			good++
		}
	}
	if items == 0 {
		return utf16Score{}
	}
	return utf16Score{
		good:      float64(good) / float64(items),
		bad:       float64(bad) / float64(items),
		asciiPair: float64(pairs) / float64(n),
		hanzi:     float64(hanzi) / float64(items),
		items:     items,
	}
}

// isTypical reports whether r is a code point commonly found in Chinese
// report text: ASCII, Latin letters (pinyin), punctuation and symbols used
// in tables, CJK ideographs and CJK/full-width punctuation.
func isTypical(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r' || r == '\f':
		return true
	case r >= 0x20 && r < 0x7F:
		return true
	case r >= 0x00A0 && r <= 0x024F: // Latin-1 and Latin Extended (pinyin tone marks)
		return true
	case r >= 0x2000 && r <= 0x206F: // general punctuation: “ ” — …
		return true
	case r >= 0x2100 && r <= 0x22FF: // letterlike, number forms (Ⅰ Ⅱ), arrows, maths
		return true
	case r >= 0x2460 && r <= 0x25FF: // enclosed numbers (①), box drawing, shapes
		return true
	case r >= 0x3000 && r <= 0x303F: // CJK symbols and punctuation
		return true
	case r >= 0x4E00 && r <= 0x9FFF: // CJK unified ideographs
		return true
	case r >= 0xFE30 && r <= 0xFE6F: // CJK compatibility and small forms
		return true
	case r >= 0xFF00 && r <= 0xFFEF: // half-width and full-width forms
		return true
	}
	return false
}

// isControl reports whether r is a control character that does not occur in
// text files: C0 controls other than tab, line feed, vertical tab, form feed
// and carriage return, DEL, and C1 controls. NUL counts as a control.
func isControl(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\v' || r == '\f' || r == '\r':
		return false
	case r < 0x20 || r == 0x7F:
		return true
	case r >= 0x80 && r <= 0x9F:
		return true
	}
	return false
}

// validUTF8 reports whether b is valid UTF-8, tolerating a multi-byte
// sequence that is cut off at the very end (a truncated file, or a prefix
// taken for sniffing).
func validUTF8(b []byte) bool {
	if utf8.Valid(b) {
		return true
	}
	for k := 1; k <= 3 && k <= len(b); k++ {
		tail := b[len(b)-k:]
		if tail[0] >= 0xC2 && tail[0] <= 0xF4 && !utf8.FullRune(tail) {
			return utf8.Valid(b[:len(b)-k])
		}
	}
	return false
}

// detectGBBig5 chooses between GB18030 and Big5 for b, which is neither
// UTF-16 nor valid UTF-8.
func detectGBBig5(b []byte) Encoding {
	p := b
	if len(p) > sniffLimit {
		p = p[:sniffLimit]
	}
	gb := scoreHanzi(decodeWith(simplifiedchinese.GB18030, p))
	big := scoreHanzi(decodeWith(traditionalchinese.Big5, p))
	if big > gb {
		return Big5
	}
	return GB18030
}

// scoreHanzi rates a candidate decoding: frequent hanzi (simplified or
// traditional) count for it; replacement characters (undecodable bytes),
// private-use code points (unassigned in the standard) and control
// characters count against it.
func scoreHanzi(s string) int {
	common := commonHanzi()
	score := 0
	for _, r := range s {
		switch {
		case r == utf8.RuneError:
			score -= 3
		case r >= 0xE000 && r <= 0xF8FF:
			score--
		case isControl(r):
			score--
		case r < 0x10000 && common[r>>6]&(1<<(r&63)) != 0:
			score += 2
		}
	}
	return score
}

// commonHanzi returns a bit set over the Basic Multilingual Plane holding
// the runes of commonSimplified and commonTraditional.
var commonHanzi = sync.OnceValue(func() *[1 << 10]uint64 {
	var set [1 << 10]uint64
	for _, r := range commonSimplified + commonTraditional {
		if r < 0x10000 {
			set[r>>6] |= 1 << (r & 63)
		}
	}
	return &set
})

// decodeWith decodes b with e. The x/text decoders replace malformed input
// with U+FFFD rather than failing; should one fail anyway, the part decoded
// so far is kept and the rest is marked with a replacement character.
func decodeWith(e encoding.Encoding, b []byte) string {
	out, err := e.NewDecoder().Bytes(b)
	if err != nil {
		return validString(out) + "\uFFFD"
	}
	return validString(out)
}

// validString converts b to a string, replacing invalid UTF-8 sequences
// with U+FFFD.
func validString(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	return strings.ToValidUTF8(string(b), "\uFFFD")
}

// decodeUTF16 decodes p (without byte order mark) as UTF-16. Unpaired
// surrogates and a trailing odd byte become U+FFFD.
func decodeUTF16(p []byte, bigEndian bool) string {
	unit := func(i int) rune {
		if bigEndian {
			return rune(p[2*i])<<8 | rune(p[2*i+1])
		}
		return rune(p[2*i+1])<<8 | rune(p[2*i])
	}
	n := len(p) / 2
	var sb strings.Builder
	sb.Grow(n * 3)
	for i := 0; i < n; i++ {
		u := unit(i)
		if utf16.IsSurrogate(u) {
			if u < 0xDC00 && i+1 < n {
				if u2 := unit(i + 1); u2 >= 0xDC00 && u2 < 0xE000 {
					sb.WriteRune(utf16.DecodeRune(u, u2))
					i++
					continue
				}
			}
			sb.WriteRune(utf8.RuneError)
			continue
		}
		sb.WriteRune(u)
	}
	if len(p)%2 == 1 {
		sb.WriteRune(utf8.RuneError)
	}
	return sb.String()
}

// looksBinary reports whether decoded text has so many control or
// replacement characters (more than 1 in 20) that it is probably not text.
// A single replacement character at the very end (a file cut in the middle
// of a character) is not counted.
func looksBinary(s string) bool {
	s = strings.TrimSuffix(s, "\uFFFD")
	var n, bad int
	for _, r := range s {
		n++
		if r == utf8.RuneError || isControl(r) {
			bad++
		}
	}
	return bad > 0 && bad*20 > n
}

// scanUTF8 reports in one pass whether b is valid UTF-8 (utf8.Valid) and,
// when it is, whether it holds a control byte (controlByte). Chinese text is
// mostly three-byte sequences; those without the overlong and surrogate
// cases of E0 and ED are checked here directly.
func scanUTF8(b []byte) (valid, control bool) {
	i := 0
	for i < len(b) {
		c := b[i]
		if c < utf8.RuneSelf {
			if controlByte(c) {
				control = true
			}
			i++
			continue
		}
		// A run of three-byte sequences, two at a time: lead bytes E1–EF
		// but ED (lead3; the mask lets E0 through) and continuation
		// bytes.
		for i+8 <= len(b) {
			u := binary.LittleEndian.Uint64(b[i:])
			if u&0xC0C0F0C0C0F0 != 0x8080E08080E0 {
				break
			}
			if c0, c3 := byte(u), byte(u>>24); c0 == 0xE0 || c0 == 0xED || c3 == 0xE0 || c3 == 0xED {
				break
			}
			i += 6
		}
		// i+2 <= len(b) still.
		if c = b[i]; c < utf8.RuneSelf {
			continue
		}
		if i+4 <= len(b) {
			// One load for the sequence and the byte after it: a lead
			// byte of lead3 and two continuation bytes.
			if u := binary.LittleEndian.Uint32(b[i:]); u&0xC0C000 == 0x808000 && lead3[c] {
				i += 3
				continue
			}
		} else if c >= 0xE1 && c <= 0xEF && c != 0xED && i+2 < len(b) && b[i+1]&0xC0 == 0x80 && b[i+2]&0xC0 == 0x80 {
			i += 3
			continue
		}
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return false, control
		}
		i += size
	}
	return true, control
}

// lead3 marks the lead bytes E1–EC, EE and EF: with any two continuation
// bytes after them they make a valid three-byte sequence (E0 and ED restrict
// the second byte, against overlong forms and surrogates).
var lead3 = func() (t [256]bool) {
	for c := 0xE1; c <= 0xEF; c++ {
		t[c] = c != 0xED
	}
	return t
}()

// controlByte: a control byte other than tab, line feed, carriage return
// and form feed: only with one can UTF-8 text look binary.
func controlByte(c byte) bool {
	return c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7F
}

// plausibleText reports whether at least 90% of the runes of s are what
// Chinese reports are written in: ASCII, Latin-1, general and CJK
// punctuation, CJK ideographs, full-width forms. Bytes that are not UTF-16
// but were decoded as such (binary files with NUL bytes) give mostly runes
// from unrelated scripts.
func plausibleText(s string) bool {
	var n, odd int
	for _, r := range s {
		n++
		switch {
		case r < 0x100,
			r >= 0x2000 && r <= 0x27BF, // punctuation, symbols, enclosed numbers
			r >= 0x3000 && r <= 0x303F, // CJK punctuation
			r >= 0x3400 && r <= 0x9FFF, // CJK ideographs
			r >= 0xF900 && r <= 0xFAFF,
			r >= 0xFE30 && r <= 0xFE4F,
			r >= 0xFF00 && r <= 0xFFEF,
			r >= 0x20000 && r <= 0x3134F:
		default:
			odd++
		}
	}
	return odd*10 <= n
}

// normalizeNewlines turns "\r\n" and lone "\r" into "\n".
func normalizeNewlines(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\r' {
			sb.WriteByte('\n')
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			continue
		}
		sb.WriteByte(c)
	}
	return sb.String()
}
