package text

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/govreport/govreport/convert/match"
	"github.com/govreport/govreport/convert/model"
)

// line is one source line after cleaning.
type line struct {
	n    int    // 1-based line number in the source
	text string // cleaned text (pinyin removed), not trimmed
	used bool   // consumed as part of a table
	// refs, for a pipe row rendered from a grid document, is the source
	// position of each cell (grid.Pos.String()); nil otherwise.
	refs []string
}

// toneVowels are the pinyin vowels with tone marks.
const toneVowels = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"

// stripPinyin removes pinyin that scrapers inject after characters, as in
// seed 000: 我區(qū) → 我區, 數(shù)據(jù) → 數據. Only a parenthesised run of
// lower-case Latin letters with at least one tone mark, directly after a Han
// character, is removed; (北城視野) or (PDF) stay.
func stripPinyin(s string) (string, int) {
	if !mayHavePinyin(s) {
		return s, 0
	}
	var b strings.Builder
	removed := 0
	prevHan := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == '(' && prevHan {
			if j, ok := pinyinRun(s[i+1:]); ok {
				if removed == 0 {
					b.Grow(len(s))
					b.WriteString(s[:i])
				}
				removed++
				i += 1 + j + 1
				continue
			}
		}
		if removed > 0 {
			b.WriteString(s[i : i+size])
		}
		prevHan = match.IsHan(r)
		i += size
	}
	if removed == 0 {
		return s, 0
	}
	return b.String(), removed
}

// mayHavePinyin is a cheap filter before stripPinyin's scan: some "(" after
// a character that is not ASCII (as a Han character is) starts a pinyin run;
// the first byte of the run is a lower-case letter or starts ü or a tone
// vowel (U+00E0 … U+01DC: lead bytes C3 … C7).
func mayHavePinyin(s string) bool {
	for i := 0; ; i++ {
		k := strings.IndexByte(s[i:], '(')
		if k < 0 || i+k+1 >= len(s) {
			return false
		}
		i += k
		if c := s[i+1]; (c >= 'a' && c <= 'z' || c >= 0xC3 && c <= 0xC7) && i > 0 && s[i-1] >= utf8.RuneSelf {
			if _, ok := pinyinRun(s[i+1:]); ok {
				return true
			}
		}
	}
}

// pinyinRun reports whether s starts with 1–7 pinyin letters (at least one
// with a tone mark) followed by ')', and returns the byte length of the letters.
func pinyinRun(s string) (int, bool) {
	tone := false
	n := 0
	for i, r := range s {
		switch {
		case r == ')':
			return i, tone && n > 0
		case r >= 'a' && r <= 'z' || r == 'ü':
		case strings.ContainsRune(toneVowels, r):
			tone = true
		default:
			return 0, false
		}
		n++
		if n > 7 {
			return 0, false
		}
	}
	return 0, false
}

// lineBufs recycles the line slices of finished reads (splitLines,
// putLines).
var lineBufs sync.Pool

// maxPooledLines bounds the slices kept for reuse.
const maxPooledLines = 1 << 14

// putLines gives the slice splitLines returned back for reuse, cleared so
// that it keeps no text alive. Nothing may use it afterwards.
func putLines(b []line) {
	if cap(b) > maxPooledLines {
		return
	}
	clear(b)
	b = b[:0]
	lineBufs.Put(&b)
}

// splitLines cuts decoded text into cleaned lines and counts pinyin removals.
func splitLines(s string) ([]line, int) {
	n := strings.Count(s, "\n") + 1
	var out []line
	if p, ok := lineBufs.Get().(*[]line); ok && cap(*p) >= n {
		out = (*p)[:0]
	} else {
		out = make([]line, 0, n)
	}
	total := 0
	// Text without a pinyin run has none in any line (a line end is not a
	// letter, nor a character before "("): the lines need no scan then.
	pinyin := mayHavePinyin(s)
	for i := 1; ; i++ {
		t, rest, more := cutByte(s, '\n')
		if pinyin {
			var k int
			t, k = stripPinyin(t)
			total += k
		}
		out = append(out, line{n: i, text: t})
		if !more {
			break
		}
		s = rest
	}
	return out, total
}

// trimSpace trims white space including U+00A0 and U+3000 (model.CleanText).
func trimSpace(s string) string {
	if s == "" {
		return s
	}
	// Fast path: printable ASCII or a CJK ideograph (U+4000 … U+9FFF,
	// lead bytes E4 … E9) at both ends, which CleanText keeps. (A lead
	// byte E4 … E9 that starts no valid rune is kept by CleanText too.)
	f, n := s[0], len(s)
	if (f > ' ' && f < 0x80 || f >= 0xE4 && f <= 0xE9) && (s[n-1] > ' ' && s[n-1] < 0x80 ||
		n >= 3 && s[n-3] >= 0xE4 && s[n-3] <= 0xE9 && s[n-2]&0xC0 == 0x80 && s[n-1]&0xC0 == 0x80) {
		return s
	}
	return model.CleanText(s)
}

// cutByte is strings.Cut with a one-byte separator.
func cutByte(s string, sep byte) (before, after string, found bool) {
	if i := indexByte(s, sep); i >= 0 {
		return s[:i], s[i+1:], true
	}
	return s, "", false
}

// indexByte is strings.IndexByte, looking at the bytes of a short text
// (most cells and table lines) one by one instead of setting up the
// vector search.
func indexByte(s string, c byte) int {
	if len(s) > 16 {
		return strings.IndexByte(s, c)
	}
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// containsFast is strings.Contains for Chinese words (indexFast).
func containsFast(s, w string) bool { return indexFast(s, w) >= 0 }

// indexFast is strings.Index for Chinese words: it looks for the word's
// last byte, a continuation byte and far rarer in Chinese text than the
// lead bytes strings.Index looks for first.
func indexFast(s, w string) int {
	if w == "" {
		return 0
	}
	last := w[len(w)-1]
	for i := len(w) - 1; i < len(s); i++ {
		j := strings.IndexByte(s[i:], last)
		if j < 0 {
			return -1
		}
		i += j
		if s[i+1-len(w):i+1] == w {
			return i + 1 - len(w)
		}
	}
	return -1
}
