package model

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// noneMarkers are written instead of a number to mean "nothing here".
// They stay distinct from both a blank cell and 0.
var noneMarkers = map[string]bool{
	"无": true, "無": true, "/": true, "-": true, "--": true, "---": true,
	"—": true, "——": true, "–": true, "―": true, "不适用": true, "不適用": true,
	"暂无": true, "暫無": true, "空": true, "\\": true, "×": true, "/ ": true,
}

// maxNoneMarker is the length of the longest none marker.
var maxNoneMarker = func() int {
	n := 0
	for m := range noneMarkers {
		n = max(n, len(m))
	}
	return n
}()

// plainText reports whether s has nothing FoldWidth would fold (no
// full-width form, no U+3000) and no space: ParseValue then reads s as it is.
func plainText(s string) bool {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', 0xEF:
			return false
		case 0xE3:
			if strings.HasPrefix(s[i:], "\u3000") {
				return false
			}
		}
	}
	return true
}

// signWords are sign prefixes seen in 本年增/减 cells, longest first.
var signWords = []struct {
	word string
	neg  bool
}{
	{"增加", false}, {"減少", true}, {"减少", true}, {"增", false}, {"减", true}, {"減", true},
	{"+", false}, {"-", true}, {"−", true},
}

// units are unit suffixes seen in cells, longest first.
var units = []string{"万元", "萬元", "元", "万", "萬", "件", "个", "個", "项", "項", "条", "條", "次", "份", "人", "家"}

// CleanText trims the white space that scraped cells carry (including
// U+00A0, U+3000 and zero-width characters) from both ends of s.
func CleanText(s string) string {
	i, j := 0, len(s)
	for i < j {
		c := s[i]
		if c < utf8.RuneSelf {
			if !asciiSpace(c) {
				break
			}
			i++
			continue
		}
		if c >= 0xE3 && c <= 0xEF && i+2 < j && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			// Three bytes from U+3000 up (Han, CJK and full-width
			// punctuation) without decoding: blank3.
			if !blank3(c, s[i+1], s[i+2]) {
				break
			}
			i += 3
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:j])
		if !IsBlank(r) {
			break
		}
		i += size
	}
	for j > i {
		c := s[j-1]
		if c < utf8.RuneSelf {
			if !asciiSpace(c) {
				break
			}
			j--
			continue
		}
		if j-3 >= i && s[j-3] >= 0xE3 && s[j-3] <= 0xEF && c&0xC0 == 0x80 && s[j-2]&0xC0 == 0x80 {
			// A lead byte and two continuation bytes: the last rune,
			// as DecodeLastRuneInString would find it.
			if !blank3(s[j-3], s[j-2], c) {
				break
			}
			j -= 3
			continue
		}
		r, size := utf8.DecodeLastRuneInString(s[i:j])
		if !IsBlank(r) {
			break
		}
		j -= size
	}
	return s[i:j]
}

// blank3 reports whether the three bytes c0 c1 c2, a lead byte from E3 to
// EF and two continuation bytes, are a rune IsBlank trims: U+3000 and
// U+FEFF are the only ones from U+3000 up (any other such sequence is
// either another rune or not valid UTF-8, which is not trimmed either).
func blank3(c0, c1, c2 byte) bool {
	return c0 == 0xE3 && c1 == 0x80 && c2 == 0x80 || c0 == 0xEF && c1 == 0xBB && c2 == 0xBF
}

// IsBlank reports whether CleanText trims r: white space (unicode.IsSpace),
// U+00A0, U+3000 and the zero-width U+200B and U+FEFF.
func IsBlank(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiSpace(byte(r))
	}
	// unicode.IsSpace above ASCII: U+0085, U+00A0, U+1680, U+2000–U+200A,
	// U+2028, U+2029, U+202F, U+205F, U+3000.
	switch {
	case r < 0x1680:
		return r == 0x85 || r == 0xA0
	case r < 0x2000:
		return r == 0x1680
	case r <= 0x200B:
		return true
	case r < 0x3000:
		return r == 0x2028 || r == 0x2029 || r == 0x202F || r == 0x205F
	}
	return r == 0x3000 || r == 0xFEFF
}

// asciiSpace is unicode.IsSpace for ASCII: \t \n \v \f \r and the space.
func asciiSpace(c byte) bool { return c == ' ' || c >= '\t' && c <= '\r' }

// FoldWidth maps full-width ASCII variants (０-９, Ａ-Ｚ, ＋, ．, ，…) to
// their ASCII forms and the ideographic space to a space.
func FoldWidth(s string) string {
	// Full-width forms are encoded EF BC 81 … EF BD 9E, the ideographic
	// space E3 80 80: text with neither byte sequence has nothing to fold.
	if strings.IndexByte(s, 0xEF) < 0 && !strings.Contains(s, "\u3000") {
		return s
	}
	needs := false
	for _, r := range s {
		if (r >= 0xFF01 && r <= 0xFF5E) || r == 0x3000 {
			needs = true
			break
		}
	}
	if !needs {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= 0xFF01 && r <= 0xFF5E:
			b.WriteRune(r - 0xFEE0)
		case r == 0x3000:
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ParseValue reads what a cell means from what was written in it.
// It returns a cell with Raw, Kind, Value, Unit and Sign set; position fields are left empty.
//
//	""          → blank
//	"无", "/", "—", "不适用" → none
//	"12", "１２", "1,234", "539.16" → number
//	"增81" → +81 (Sign 增), "减少58" → -58, "-8" → -8
//	"38.47万元" → 38.47 (Unit 万元), "251000元" → 251000 (Unit 元)
//	anything else → text
func ParseValue(raw string) Cell {
	// Fast path: most cells are plain ASCII digits.
	if n := len(raw); n > 0 && n < 16 && (raw[0] != '0' || n == 1) {
		v, ok := 0.0, true
		for i := 0; i < n; i++ {
			c := raw[i]
			if c < '0' || c > '9' {
				ok = false
				break
			}
			v = v*10 + float64(c-'0')
		}
		if ok {
			return Cell{Raw: raw, Kind: KindNumber, Value: v}
		}
	}
	raw = CleanText(raw)
	if strings.HasSuffix(raw, DoubtMark) || strings.HasSuffix(raw, FailMark) {
		// A value govreport printed with its mark (see marks.go).
		var doubt bool
		raw, doubt = stripMarks(raw)
		if doubt {
			c := ParseValue(raw)
			if c.Kind == KindNumber && c.Doubt == "" {
				c.Doubt = "原文件中此数标有“" + DoubtMark + "”（govreport 标注的存疑数值）"
			}
			return c
		}
	}
	c := Cell{Raw: raw}
	folded, s := raw, raw
	if !plainText(raw) {
		folded = FoldWidth(raw)
		s = strings.ReplaceAll(folded, " ", "")
	}
	if s == "" {
		c.Kind = KindBlank
		return c
	}
	if len(s) <= maxNoneMarker && noneMarkers[s] {
		c.Kind = KindNone
		return c
	}
	if !hasDigit(s) {
		// No number without a digit (parseNumber): a label or a word.
		return Cell{Raw: raw, Kind: KindText}
	}
	neg := false
	for _, sw := range signWords {
		if strings.HasPrefix(s, sw.word) && len(s) > len(sw.word) {
			c.Sign = sw.word
			neg = sw.neg
			s = s[len(sw.word):]
			break
		}
	}
	for _, u := range units {
		if strings.HasSuffix(s, u) && len(s) > len(u) {
			c.Unit = u
			s = s[:len(s)-len(u)]
			break
		}
	}
	v, ok := parseNumber(s)
	if !ok {
		return Cell{Raw: raw, Kind: KindText}
	}
	if SignificantDigits(s) > MaxDigits {
		// float64 cannot hold it exactly: keep the text, and a doubt so
		// that no check passes or fails on a rounded value.
		c.Doubt = DoubtRange
	}
	if neg {
		v = -v
	}
	c.Kind = KindNumber
	c.Value = v
	if spaceBetweenDigits(folded) {
		// "1 5" may be 15 with a stray blank or two cells run together:
		// read the number, but never as a certain one.
		c.Doubt = "数字中间有空格（“" + raw + "”），按" + FormatNumber(v) + "读取，请核对"
	}
	return c
}

// MaxDigits is the most significant digits a cell value may have: every
// decimal of up to 15 significant digits survives a float64 exactly (it is
// the nearest float64's shortest representation), so checks can redo the
// arithmetic exactly from it. Integers up to 999,999,999,999,999 qualify.
const MaxDigits = 15

// DoubtRange is the Doubt of a number cell with more than MaxDigits
// significant digits: its Value is only an approximation.
const DoubtRange = "数值超过 15 位有效数字，超出可精确计算的范围，按原文保留，不参与检查"

// SignificantDigits counts the significant digits of a plain decimal
// ("007.50" → 2): leading zeros and trailing zeros of the fraction do not
// count.
func SignificantDigits(s string) int {
	intPart, frac, _ := strings.Cut(s, ".")
	intPart = strings.TrimLeft(strings.ReplaceAll(intPart, ",", ""), "0")
	frac = strings.TrimRight(frac, "0")
	if intPart == "" {
		frac = strings.TrimLeft(frac, "0")
	}
	return len(intPart) + len(frac)
}

// Exact reports whether the cell is a number whose Value is exactly the
// number written (not one beyond MaxDigits).
func (c *Cell) Exact() bool {
	if c == nil || c.Kind != KindNumber || c.Doubt == DoubtRange {
		return false
	}
	// Also from the value itself, whatever a reader did to Doubt: a value
	// whose shortest decimal form has more than MaxDigits digits (1.5e29
	// prints as 30 digits) was rounded on the way in.
	return smallInt(c.Value) || exactDigits(c.Value)
}

// smallInt reports whether v is a whole number of at most 15 digits
// (Exact's fast path).
func smallInt(v float64) bool { return v < 1e15 && v > -1e15 && v == float64(int64(v)) }

// exactDigits reports whether v's shortest decimal form has at most
// MaxDigits significant digits (Exact's slow path).
func exactDigits(v float64) bool {
	return SignificantDigits(strings.TrimPrefix(FormatNumber(v), "-")) <= MaxDigits
}

// hasDigit reports whether s has an ASCII digit.
func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			return true
		}
	}
	return false
}

// spaceBetweenDigits reports whether s has a blank with a digit on each side.
func spaceBetweenDigits(s string) bool {
	for i := 1; i+1 < len(s); i++ {
		if s[i] != ' ' {
			continue
		}
		j := i
		for j < len(s) && s[j] == ' ' {
			j++
		}
		if j < len(s) && s[i-1] >= '0' && s[i-1] <= '9' && s[j] >= '0' && s[j] <= '9' {
			return true
		}
		i = j
	}
	return false
}

// parseNumber accepts digits with an optional decimal part and optional
// thousands separators in groups of three ("1,234,567.5").
func parseNumber(s string) (float64, bool) {
	if s == "" {
		return 0, false
	}
	if strings.Contains(s, ",") {
		intPart, frac, hasFrac := strings.Cut(s, ".")
		groups := strings.Split(intPart, ",")
		if len(groups[0]) == 0 || len(groups[0]) > 3 {
			return 0, false
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return 0, false
			}
		}
		s = strings.Join(groups, "")
		if hasFrac {
			s += "." + frac
		}
	}
	dot := false
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
		case r == '.' && !dot && i > 0 && i < len(s)-1:
			dot = true
		default:
			return 0, false
		}
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, false
	}
	return v, true
}

// FormatNumber prints v without a trailing ".0" and without exponent.
func FormatNumber(v float64) string {
	return strconv.FormatFloat(v, 'f', -1, 64)
}
