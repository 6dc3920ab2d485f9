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

// tables holds the parsed dictionaries. Keys and values are substrings of
// the embedded files, so building them copies no text.
type tables struct {
	// maxPhrase is, for the first character of phrases of TSPhrases, the
	// length in runes of the longest.
	maxPhrase map[rune]uint8
	phrases   map[string]string
}

// loaded returns the phrase tables, building them on first use.
var loaded = sync.OnceValue(buildTables)

// buildTables parses TSPhrases. The characters of TSCharacters are in
// changing (which of them change) and simplifiedOf (to what), built on
// their own: simplified text, what most reports are, needs the first but
// not the second.
func buildTables() *tables {
	t := &tables{
		maxPhrase: make(map[rune]uint8, 400),
		phrases:   make(map[string]string, 500),
	}
	eachLine(tsPhrases, func(key, value string) {
		n := utf8.RuneCountInString(key)
		if n < 2 || n > maxPhraseRunes {
			return
		}
		t.phrases[key] = value
		r, _ := utf8.DecodeRuneInString(key)
		if int(t.maxPhrase[r]) < n {
			t.maxPhrase[r] = uint8(n)
		}
	})
	return t
}

// simplifiedOf maps each character of TSCharacters to its simplified form
// (first candidate; of the last line, should a character have several).
var simplifiedOf = sync.OnceValue(func() map[rune]string {
	m := make(map[rune]string, 4200)
	eachLine(tsCharacters, func(key, value string) {
		r, size := utf8.DecodeRuneInString(key)
		if size != len(key) || r == utf8.RuneError {
			return // not a single character
		}
		m[r] = value
	})
	return m
})

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
	t, c := loaded(), changing()
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
		if mp := t.maxPhrase[r]; mp >= 2 {
			// Find where the next maxPhrase runes end, then try the
			// longest candidate first.
			n, j := 0, i
			for n < int(mp) && j < len(s) {
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
		if c.has(r) {
			replace(i, i+size, simplifiedOf()[r])
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

// changeSet is a set of characters: a bitmap of the Basic Multilingual
// Plane and a sorted list of the others.
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

// changing holds the characters TSCharacters maps to a different one (the
// last of its lines, should it have several), generated from it
// (changing.go; TestChangeSet checks it is current). With it simplified
// text is checked and converted without parsing TSCharacters or building
// the map of every character (simplifiedOf), which was a fiftieth of a
// whole convert process.
func changing() *changeSet { return &changingSet }
