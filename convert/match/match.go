package match

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/zhconv"
)

// Label is a normalised label, ready for matching.
type Label struct {
	Text string // as given
	Core string // simplified, width-folded, without spaces and punctuation
	Body string // Core without a leading ordinal (一、 （一） 1.)
	Ord  string // the ordinal, normalised ("一", "1"), or ""
	n    int    // rune count of Body
	// memo remembers what Index.FindLabel found for the label, for labels
	// held by the cache (nil for the others); copies of the label share it.
	memo *labelMemo
}

// labelMemo holds the results of FindLabel for one cached label, one per
// index it was looked up in. The list is replaced, never changed, so that
// readers need no lock; it stops growing at maxMemo entries.
type labelMemo struct {
	p atomic.Pointer[[]found]
}

// found is what Find returned for a label in the index numbered ix
// (Index.id: a number, so that a label does not keep an index alive).
type found struct {
	ix     uint64
	owners []int
	score  int
}

// indexes numbers the indexes made (Index.id).
var indexes atomic.Uint64

// maxMemo bounds the indexes a label remembers results for (a report
// looks a label up in a few: the editions' signatures and one table's
// rows, headers, banners and group labels). A process that makes index
// after index (spec sets loaded again and again) finds the labels of the
// later ones without the memo.
const maxMemo = 16

// Scores returned by Score.
const (
	None   = 0 // no match
	Prefix = 1 // one body is a prefix of the other (truncated header)
	Body   = 2 // same body, ordinal differs or is missing
	Exact  = 3 // same core
)

// cache remembers normalised labels: the same few hundred labels recur in
// every report of a batch. It stops growing at cacheMax entries.
var cache struct {
	sync.RWMutex
	m map[string]*Label
}

const cacheMax = 8192

// New normalises s.
func New(s string) Label { return *Intern(s) }

// Intern is New returning a label shared by every caller that asks for the
// same text (from the cache): it must not be modified.
func Intern(s string) *Label {
	cache.RLock()
	l, ok := cache.m[s]
	full := len(cache.m) >= cacheMax
	cache.RUnlock()
	if ok {
		return l
	}
	if full {
		nl := newLabel(s)
		return &nl
	}
	// The cache outlives the text s was cut from (a whole report): it
	// keeps a copy of the label's own bytes only.
	nl := newLabel(strings.Clone(s))
	nl.memo = new(labelMemo)
	cache.Lock()
	defer cache.Unlock()
	if l, ok := cache.m[s]; ok {
		return l // made by another caller meanwhile
	}
	if cache.m == nil {
		cache.m = make(map[string]*Label, 512)
	}
	if len(cache.m) < cacheMax {
		cache.m[nl.Text] = &nl
	}
	return &nl
}

func newLabel(s string) Label {
	folded := simplify(s)
	core := coreOf(folded)
	ord, body := splitOrdinal(core, folded)
	return Label{Text: s, Core: core, Body: body, Ord: ord, n: utf8.RuneCountInString(body)}
}

// simplify width-folds s and converts it to simplified characters.
func simplify(s string) string {
	s = model.FoldWidth(s)
	if zhconv.IsLikelyTraditional(s) {
		s = zhconv.ToSimplified(s)
	}
	return s
}

// Core returns s converted to simplified characters, width-folded, with white
// space and punctuation removed and Latin letters lower-cased.
func Core(s string) string { return coreOf(simplify(s)) }

func coreOf(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r >= 0x4E00 && r <= 0x9FFF, r >= '0' && r <= '9', r >= 0x3400 && unicode.Is(unicode.Han, r):
			b.WriteRune(r)
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r + 32)
		case r >= 'a' && r <= 'z':
			b.WriteRune(r)
		}
	}
	return b.String()
}

const cnDigits = "一二三四五六七八九十"

// splitOrdinal finds a leading ordinal in the simplified, width-folded text
// (it needs the delimiter, which Core dropped) and removes it from core.
func splitOrdinal(core, folded string) (ord, body string) {
	s := strings.TrimLeftFunc(folded, func(r rune) bool { return unicode.IsSpace(r) || r == '\u00a0' || r == '#' })
	open := false
	if strings.HasPrefix(s, "(") {
		open = true
		s = s[1:]
	}
	n := 0
	digits := false
	for _, r := range s {
		if r >= '0' && r <= '9' {
			digits = true
		} else if !strings.ContainsRune(cnDigits, r) {
			break
		}
		if digits && !(r >= '0' && r <= '9') {
			break
		}
		n += len(string(r))
		if n > 9 {
			return "", core
		}
	}
	if n == 0 || n >= len(s) {
		return "", core
	}
	rest := strings.TrimLeft(s[n:], " ")
	if rest == "" {
		return "", core
	}
	switch d := rest[0]; {
	case d == ')' || d == '.' || d == ',':
	case strings.HasPrefix(rest, "、"):
	default:
		if !open {
			return "", core
		}
		// "(一" without a closing bracket: accept only when followed by a
		// closing bracket of another shape.
		if !strings.HasPrefix(rest, "〕") && !strings.HasPrefix(rest, "]") {
			return "", core
		}
	}
	ord = s[:n]
	if strings.HasPrefix(core, ord) {
		return ord, core[len(ord):]
	}
	return ord, core
}

// Score says how well the written label w matches the official label l.
func Score(w, l Label) int {
	switch {
	case w.Core == "" || l.Core == "":
		return None
	case w.Core == l.Core:
		return Exact
	case w.Body != "" && w.Body == l.Body && (w.Ord == "" || l.Ord == "" || w.Ord == l.Ord):
		return Body
	}
	if w.n >= 3 && w.n < l.n && strings.HasPrefix(l.Body, w.Body) {
		return Prefix
	}
	if l.n >= 4 && w.n > l.n && strings.HasPrefix(w.Body, l.Body) && (w.Ord == "" || l.Ord == "" || w.Ord == l.Ord) {
		return Prefix
	}
	return None
}

// Best returns the index of the best-scoring official label for w and its
// score; ties keep the first. It returns -1, None when nothing matches.
func Best(w Label, labels []Label) (int, int) {
	best, score := -1, None
	for i, l := range labels {
		if s := Score(w, l); s > score {
			best, score = i, s
		}
	}
	return best, score
}

// HanCount counts the Han characters of s.
func HanCount(s string) int {
	n := 0
	for _, r := range s {
		if IsHan(r) {
			n++
		}
	}
	return n
}

// IsHan reports whether r is a Han character (the common block first).
func IsHan(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && unicode.Is(unicode.Han, r)
}

// Index finds the best-scoring labels among many without scoring each one:
// exact and same-body matches come from maps, and only when there are none
// are the labels scanned for a prefix match. It gives the same result as
// scoring every label.
type Index struct {
	labels []Label
	owners []int // owner id of each label (a label may have aliases)
	// byCore holds the owners of the labels of each core (what Find
	// returns for an exact match, shared).
	byCore map[string][]int
	byBody map[string][]int
	// byFirst lists the labels by the first rune of their body: a prefix
	// match needs both bodies non-empty and starting alike.
	byFirst map[rune][]int
	id      uint64 // the index's number, for FindLabel's memo
}

// NewIndex indexes labels; owners[i] is the id Find reports for labels[i]
// (nil: the label's own position).
func NewIndex(labels []Label, owners []int) *Index {
	ix := &Index{labels: labels, owners: owners, byCore: map[string][]int{}, byBody: map[string][]int{}, byFirst: map[rune][]int{}, id: indexes.Add(1)}
	if ix.owners == nil {
		ix.owners = make([]int, len(labels))
		for i := range labels {
			ix.owners[i] = i
		}
	}
	cores := map[string][]int{}
	for i, l := range labels {
		if l.Core == "" {
			continue
		}
		cores[l.Core] = append(cores[l.Core], i)
		if l.Body != "" {
			ix.byBody[l.Body] = append(ix.byBody[l.Body], i)
			r, _ := utf8.DecodeRuneInString(l.Body)
			ix.byFirst[r] = append(ix.byFirst[r], i)
		}
	}
	for c, hits := range cores {
		ix.byCore[c] = ix.ownersOf(hits)
	}
	return ix
}

// Find returns the owners of the labels that match w best, in label order
// without duplicates, and that score; None and nil when nothing matches.
// The slice may be shared: callers must not modify it.
func (ix *Index) Find(w Label) ([]int, int) {
	if w.Core == "" {
		return nil, None
	}
	if owners := ix.byCore[w.Core]; len(owners) > 0 {
		return owners, Exact
	}
	var buf [8]int
	hits := buf[:0]
	for _, i := range ix.byBody[w.Body] {
		if Score(w, ix.labels[i]) == Body {
			hits = append(hits, i)
		}
	}
	if len(hits) > 0 {
		return ix.ownersOf(hits), Body
	}
	if w.Body == "" {
		return nil, None
	}
	r, _ := utf8.DecodeRuneInString(w.Body)
	for _, i := range ix.byFirst[r] {
		if Score(w, ix.labels[i]) == Prefix {
			hits = append(hits, i)
		}
	}
	if len(hits) > 0 {
		return ix.ownersOf(hits), Prefix
	}
	return nil, None
}

// FindLabel is Find for a label from Intern or New: a label of the cache
// remembers the result for the index, so that the labels every report
// repeats are looked up once.
func (ix *Index) FindLabel(w *Label) ([]int, int) {
	m := w.memo
	if m == nil {
		return ix.Find(*w)
	}
	p := m.p.Load()
	var cur []found
	if p != nil {
		cur = *p
		for i := range cur {
			if cur[i].ix == ix.id {
				return cur[i].owners, cur[i].score
			}
		}
	}
	owners, score := ix.Find(*w)
	if len(cur) < maxMemo {
		next := make([]found, len(cur)+1)
		copy(next, cur)
		next[len(cur)] = found{ix.id, owners, score}
		// A caller that stored a list meanwhile wins; this result is
		// then simply not remembered.
		m.p.CompareAndSwap(p, &next)
	}
	return owners, score
}

func (ix *Index) ownersOf(hits []int) []int {
	out := make([]int, 0, len(hits))
	for _, i := range hits {
		o := ix.owners[i]
		if len(out) == 0 || out[len(out)-1] != o {
			dup := false
			for _, x := range out {
				if x == o {
					dup = true
					break
				}
			}
			if !dup {
				out = append(out, o)
			}
		}
	}
	return out
}
