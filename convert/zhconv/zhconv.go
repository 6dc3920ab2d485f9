package zhconv

import (
	_ "embed"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// tsPhrases is OpenCC's TSPhrases.txt: traditional phrase → simplified phrase.
//
//go:embed dict/TSPhrases.txt
var tsPhrases string

// tsCharacters is OpenCC's TSCharacters.txt: traditional character →
// simplified character(s).
//
//go:embed dict/TSCharacters.txt
var tsCharacters string

// maxPhraseRunes bounds the length of a dictionary phrase in runes (the
// longest phrase in TSPhrases.txt has 10). Longer phrases are ignored.
const maxPhraseRunes = 32

// entry is what the tables know about one rune.
type entry struct {
	// to is the simplified form of the rune from TSCharacters (first
	// candidate), or "" when the rune has no entry there.
	to string
	// changes reports whether to differs from the rune itself.
	changes bool
	// maxPhrase is the length in runes of the longest phrase of TSPhrases
	// that starts with this rune, or 0.
	maxPhrase uint8
}

// tables holds the parsed dictionaries. Keys and values are substrings of
// the embedded files, so building them copies no text.
type tables struct {
	runes   map[rune]entry
	phrases map[string]string
}

// loaded returns the tables, building them on first use.
var loaded = sync.OnceValue(buildTables)

// buildTables parses the embedded dictionaries.
func buildTables() *tables {
	t := &tables{
		runes:   make(map[rune]entry, 5200),
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

// eachLine calls fn with the key and the first value of every entry of an
// OpenCC dictionary text: lines of the form "key\tvalue[ value...]", with
// "#" comment lines and blank lines skipped.
func eachLine(data string, fn func(key, value string)) {
	for len(data) > 0 {
		line := data
		if i := strings.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = ""
		}
		line = strings.TrimSuffix(line, "\r")
		if line == "" || line[0] == '#' {
			continue
		}
		tab := strings.IndexByte(line, '\t')
		if tab <= 0 {
			continue
		}
		key, value := line[:tab], line[tab+1:]
		if sp := strings.IndexByte(value, ' '); sp >= 0 {
			value = value[:sp]
		}
		if value == "" {
			continue
		}
		fn(key, value)
	}
}

// ToSimplified converts traditional Chinese text to simplified. At each
// position the longest matching phrase of OpenCC's TSPhrases is used
// first; other characters are converted one by one with TSCharacters
// (first candidate). Text that is already simplified, and anything that is
// not Chinese, is left as is: when nothing changes, s itself is returned
// without allocating. Invalid UTF-8 bytes are copied unchanged.
func ToSimplified(s string) string {
	t := loaded()
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

// IsLikelyTraditional reports whether s contains at least one character
// that TSCharacters maps to a different character, that is, a character
// that is (usually) traditional-only. It is a cheap check that does not
// allocate; a few such characters (for example 乾, 於) also occur in
// simplified text in names and set phrases.
func IsLikelyTraditional(s string) bool {
	c := changing()
	for _, r := range s {
		if r < utf8.RuneSelf {
			continue
		}
		if c.has(r) {
			return true
		}
	}
	return false
}

// changeSet is the set of characters TSCharacters maps to a different one
// (the entries of tables.runes with changes set), for IsLikelyTraditional:
// a bitmap of the Basic Multilingual Plane and a sorted list of the others.
// Most reports are simplified and are only ever asked this, so it is built
// on its own, from TSCharacters alone, without the phrase table and the
// map ToSimplified needs (building those was a thirtieth of a whole
// convert process).
type changeSet struct {
	bmp    [0x10000 / 64]uint64
	astral []rune
}

func (c *changeSet) has(r rune) bool {
	if r < 0x10000 {
		return c.bmp[r>>6]&(1<<(r&63)) != 0
	}
	_, ok := slices.BinarySearch(c.astral, r)
	return ok
}

var changing = sync.OnceValue(func() *changeSet {
	c := &changeSet{}
	// As buildTables: the last line of a character decides.
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
})
