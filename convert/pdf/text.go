package pdf

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/govreport/govreport/convert/outline"
	"github.com/govreport/govreport/fonts"
)

// glyph is one character resolved to the font that draws it.
type glyph struct {
	r    rune
	font fonts.Role // "" when no font has the character (drawn as a box)
	adv  float64    // advance, pt, tracking included
	size float64    // pt
	tc   float64    // tracking: extra space after the character (PDF Tc), pt
}

// span is text in one role font; a paragraph is one or more spans (a
// run-in 楷体 sub-head followed by 仿宋 body text, for example). size 0 is
// the paragraph's size.
type span struct {
	role fonts.Role
	text string
	size float64
}

// align is a paragraph's horizontal alignment.
type align int

const (
	alignJustify align = iota // full measure, last line flush left (CJK body text)
	alignLeft
	alignCenter
	alignRight
)

// shape resolves each character of spans to a font: the span's role font
// when it has the glyph, else the role's fallbacks in order (outline.
// Fallbacks: a serif face before the sans fallback for serif roles), else
// none (a visible box, and a finding through miss). Control characters are
// dropped, tabs become spaces. Text at the body size is tracked onto the
// 28-character grid.
func (b *builder) shape(spans []span, size float64, miss func(rune)) []glyph {
	n := 0
	for _, s := range spans {
		n += utf8.RuneCountInString(s.text)
	}
	gs := make([]glyph, 0, n)
	for _, s := range spans {
		f := b.faces[s.role]
		fbs := outline.Fallbacks(s.role)
		sz := size
		if s.size > 0 {
			sz = s.size
		}
		tc := 0.0
		if sz == bodySize {
			tc = track
		}
	next:
		for _, c := range s.text {
			switch {
			case c == '\t':
				c = ' '
			case c >= 0x2070 && c < 0xFEFF:
				// CJK and the rest of the BMP's middle: no control or
				// format characters there.
			case c != utf8.RuneError && (unicode.IsControl(c) || unicode.Is(unicode.Cf, c)):
				// Control and format characters (zero-width space,
				// BOM, joiners) have no ink: nothing to draw.
				continue
			}
			if f.has(c) {
				gs = append(gs, glyph{c, s.role, f.advance(c, sz) + tc, sz, tc})
				continue
			}
			for _, r := range fbs {
				if fb := b.faces[r]; fb.has(c) {
					gs = append(gs, glyph{c, r, fb.advance(c, sz) + tc, sz, tc})
					continue next
				}
			}
			miss(c)
			gs = append(gs, glyph{c, "", sz + tc, sz, tc})
		}
	}
	return gs
}

// noLineStart are characters that must not begin a line (closing
// punctuation, GB/T 15834 and the usual CJK line-breaking rules).
const noLineStart = "，。、；：？！）》」』】〕〉〗”’…—～·％‰℃,.;:?!)]}%"

// noLineEnd are characters that must not end a line (opening punctuation).
const noLineEnd = "（《「『【〔〈〖“‘([{"

// isWord reports whether c belongs to a run that must not be broken:
// Latin letters, digits and ASCII punctuation (numbers, 2021, http://…).
func isWord(c rune) bool { return c > ' ' && c < 0x7F }

func isDigit(c rune) bool { return c >= '0' && c <= '9' }

func isAlnum(c rune) bool { return isDigit(c) || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// canBreak reports whether a line may end between gs[i-1] and gs[i].
func canBreak(gs []glyph, i int) bool {
	prev, cur := gs[i-1].r, gs[i].r
	if cur == ' ' || prev == ' ' {
		return true
	}
	if isWord(prev) && isWord(cur) {
		// Inside a URL or file name a line may end after its
		// punctuation (www.example.gov.cn/…), not inside a number
		// such as 3.5 or a word.
		return strings.ContainsRune("/.-_?&=#:@", prev) && isAlnum(cur) &&
			!(prev == '.' && isDigit(cur) && i >= 2 && isDigit(gs[i-2].r)) && urlRun(gs, i)
	}
	if strings.ContainsRune(noLineStart, cur) || strings.ContainsRune(noLineEnd, prev) {
		return false
	}
	return true
}

// lineOf is one broken line: its glyphs and whether it ends the paragraph.
type lineOf struct {
	gs   []glyph
	last bool
}

// breakLines breaks gs into lines no wider than first (the first line) and
// rest (the others), greedily, at allowed break points; a run with no
// allowed break point wider than a line is cut where it overflows. Spaces
// at the ends of lines are dropped.
func breakLines(gs []glyph, first, rest float64) []lineOf {
	const eps = 0.01
	var lines []lineOf
	start := 0
	for start < len(gs) {
		if len(lines) > 0 {
			for start < len(gs) && gs[start].r == ' ' {
				start++
			}
			if start == len(gs) {
				break
			}
		}
		avail := rest
		if len(lines) == 0 {
			avail = first
		}
		w, i := 0.0, start
		for i < len(gs) && (i == start || w+gs[i].adv <= avail+eps || gs[i].r == ' ') {
			if gs[i].r == ' ' && w+gs[i].adv > avail+eps {
				break
			}
			w += gs[i].adv
			i++
		}
		if i == len(gs) {
			lines = append(lines, lineOf{trimSpaces(gs[start:]), true})
			break
		}
		b := i
		for b > start && !canBreak(gs, b) {
			b--
		}
		if b == start {
			b = i // nowhere to break: cut where it overflows
		}
		if b < i && avail-width(gs[start:b]) > 2*gs[i].size && latinRun(gs[b:i+1]) && urlRun(gs, i) && !strings.ContainsRune(noLineStart, gs[i].r) {
			// Breaking before a long Latin run (a URL, an e-mail
			// address) would leave a gap too wide to justify: cut the
			// run where it overflows instead.
			b = i
		}
		lines = append(lines, lineOf{trimSpaces(gs[start:b]), false})
		start = b
	}
	return lines
}

// urlRun reports whether the Latin run around gs[i] is a web or e-mail
// address (www.…, …://…, ….gov.cn, …@…): only those may break inside,
// not check ids such as T4-TOTAL.suit_after_review or phone numbers.
func urlRun(gs []glyph, i int) bool {
	a, e := i, i
	for a > 0 && isWord(gs[a-1].r) {
		a--
	}
	for e < len(gs) && isWord(gs[e].r) {
		e++
	}
	var b strings.Builder
	for _, g := range gs[a:e] {
		b.WriteRune(g.r)
	}
	s := strings.ToLower(b.String())
	for _, m := range []string{"://", "www.", ".gov", ".cn", ".com", ".org", ".net", "@"} {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}

// latinRun reports whether gs are all Latin letters, digits or ASCII
// punctuation.
func latinRun(gs []glyph) bool {
	for _, g := range gs {
		if !isWord(g.r) {
			return false
		}
	}
	return len(gs) > 0
}

func trimSpaces(gs []glyph) []glyph {
	for len(gs) > 0 && gs[len(gs)-1].r == ' ' {
		gs = gs[:len(gs)-1]
	}
	return gs
}

func width(gs []glyph) float64 {
	w := 0.0
	for _, g := range gs {
		w += g.adv
	}
	return w
}

// placeLine positions a line whose baseline is y in the measure [x, x+avail]
// and returns its boxes: one Text per run of glyphs in the same font, size
// and tracking, one Missing per character no font has. A justified line
// that is not the paragraph's last spreads its slack evenly between
// characters (PDF Tc), unless the slack is too large to spread without gaps
// (then it stays flush left).
func placeLine(ln lineOf, x, y, avail, size float64, al align) []Box {
	gs := ln.gs
	if len(gs) == 0 {
		return nil
	}
	natural := width(gs)
	spacing := 0.0
	switch al {
	case alignCenter:
		x += (avail - natural) / 2
	case alignRight:
		x += avail - natural
	case alignJustify:
		slack := avail - natural
		if !ln.last && len(gs) > 1 && slack > 0.01 && slack <= 0.25*size*float64(len(gs)-1) {
			spacing = slack / float64(len(gs)-1)
		}
	}
	var boxes []Box
	for i := 0; i < len(gs); {
		j := i + 1
		g := gs[i]
		if g.font == "" {
			boxes = append(boxes, &Missing{X: x + 0.08*g.size, Y: y - 0.82*g.size, W: g.adv - g.tc - 0.16*g.size, H: 0.92 * g.size, Char: g.r})
			x += g.adv + spacing
			i = j
			continue
		}
		for j < len(gs) && gs[j].font == g.font && gs[j].size == g.size && gs[j].tc == g.tc {
			j++
		}
		var s strings.Builder
		w := 0.0
		for _, h := range gs[i:j] {
			s.WriteRune(h.r)
			w += h.adv + spacing
		}
		boxes = append(boxes, &Text{X: x, Y: y, Font: g.font, Size: g.size, Spacing: spacing + g.tc, Width: w, Text: s.String()})
		x += w
		i = j
	}
	return boxes
}
