package zhconv

import (
	"slices"
	"unicode/utf8"
)

// The conversion as it was before the tables were split (one map of every
// character of TSCharacters and every first character of TSPhrases), kept
// as the oracle of TestSameAsReference.

// entryRef is what the tables know about one rune.
type entryRef struct {
	// to is the simplified form of the rune from TSCharacters (first
	// candidate), or "" when the rune has no entry there.
	to string
	// changes reports whether to differs from the rune itself.
	changes bool
	// maxPhrase is the length in runes of the longest phrase of TSPhrases
	// that starts with this rune, or 0.
	maxPhrase uint8
}

// tablesRef holds the parsed dictionaries. Keys and values are substrings of
// the embedded files, so building them copies no text.
type tablesRef struct {
	runes   map[rune]entryRef
	phrases map[string]string
}

// buildTablesRef parses the embedded dictionaries.
func buildTablesRef() *tablesRef {
	t := &tablesRef{
		runes:   make(map[rune]entryRef, 5200),
		phrases: make(map[string]string, 500),
	}
	eachLine(tsCharacters, func(key, value string) {
		r, size := utf8.DecodeRuneInString(key)
		if size != len(key) || r == utf8.RuneError {
			return // not a single character
		}
		e := t.runes[r]
		e.to = value
		e.changes = value != key
		t.runes[r] = e
	})
	eachLine(tsPhrases, func(key, value string) {
		n := utf8.RuneCountInString(key)
		if n < 2 || n > maxPhraseRunes {
			return
		}
		t.phrases[key] = value
		r, _ := utf8.DecodeRuneInString(key)
		e := t.runes[r]
		if int(e.maxPhrase) < n {
			e.maxPhrase = uint8(n)
			t.runes[r] = e
		}
	})
	return t
}

// toSimplifiedRef converts traditional Chinese text to simplified. At each
// position the longest matching phrase of OpenCC's TSPhrases is used
// first; other characters are converted one by one with TSCharacters
// (first candidate). Text that is already simplified, and anything that is
// not Chinese, is left as is: when nothing changes, s itself is returned
// without allocating. Invalid UTF-8 bytes are copied unchanged.
func toSimplifiedRef(t *tablesRef, s string) string {
	var out []byte // nil until the first change
	last := 0      // s[last:i] has not been copied to out yet
	replace := func(from, to int, with string) {
		if out == nil {
			out = make([]byte, 0, len(s)+8)
		}
		out = append(out, s[last:from]...)
		out = append(out, with...)
		last = to
	}
	var ends [maxPhraseRunes]int
	for i := 0; i < len(s); {
		if s[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		e, ok := t.runes[r]
		if !ok {
			i += size
			continue
		}
		if e.maxPhrase >= 2 {
			// Find where the next maxPhrase runes end, then try the
			// longest candidate first.
			n, j := 0, i
			for n < int(e.maxPhrase) && j < len(s) {
				_, sz := utf8.DecodeRuneInString(s[j:])
				j += sz
				ends[n] = j
				n++
			}
			matched := false
			for k := n - 1; k >= 1; k-- {
				key := s[i:ends[k]]
				if v, ok := t.phrases[key]; ok {
					if v != key {
						replace(i, ends[k], v)
					}
					i = ends[k]
					matched = true
					break
				}
			}
			if matched {
				continue
			}
		}
		if e.changes {
			replace(i, i+size, e.to)
		}
		i += size
	}
	if out == nil {
		return s
	}
	out = append(out, s[last:]...)
	return string(out)
}

// buildChangeSet computes changing from TSCharacters: the characters whose
// last line maps them to something else.
func buildChangeSet() *changeSet {
	c := &changeSet{}
	last := map[rune]bool{}
	eachLine(tsCharacters, func(key, value string) {
		r, size := utf8.DecodeRuneInString(key)
		if size != len(key) || r == utf8.RuneError {
			return
		}
		changes := value != key
		if r >= 0x10000 {
			last[r] = changes
			return
		}
		if changes {
			c.bmp[r>>6] |= 1 << (r & 63)
		} else {
			c.bmp[r>>6] &^= 1 << (r & 63)
		}
	})
	for r, changes := range last {
		if changes {
			c.astral = append(c.astral, r)
		}
	}
	slices.Sort(c.astral)
	return c
}
