package outline

import (
	"math"
	"strings"
	"unicode/utf8"
)

// LabelLines breaks a table label or header for a cell w ems wide, for
// writers whose application breaks lines itself (Word): without explicit
// breaks it fills each line and leaves a word's last character alone
// (商业企/业, （三）/不予公/开). As the PDF writer does with exact widths, a
// leading number （三） or 三、 goes on a line of its own in a narrow cell,
// and the rest is set in lines as even as the same number of lines allows
// (商业/企业, 社会/公益/组织). A label that fits is returned whole.
func LabelLines(s string, w float64) []string {
	if w <= 0 || ems(s) <= w {
		return []string{s}
	}
	var out []string
	if n := numberPrefix(s); n > 0 && n < len(s) && w < 5 && ems(s[:n]) <= w {
		out = append(out, s[:n])
		s = s[n:]
	}
	if ems(s) <= w {
		return append(out, s)
	}
	units := splitUnits(s)
	k := len(greedy(units, w))
	// The narrowest width that still gives k lines makes them even.
	for t := math.Max(ems(s)/float64(k), 1); t < w; t += 0.25 {
		if lines := greedy(units, t); len(lines) <= k {
			return append(out, lines...)
		}
	}
	return append(out, greedy(units, w)...)
}

// splitUnits cuts s into units that are never broken: a CJK character with
// the closing punctuation after it, or a run of Latin letters and digits.
func splitUnits(s string) []string {
	var units []string
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		j := i + n
		if r < 0x80 && r > ' ' && !strings.ContainsRune(noLineStart, r) {
			for j < len(s) && s[j] < 0x80 && s[j] > ' ' && !strings.ContainsRune(noLineStart, rune(s[j])) {
				j++
			}
		}
		for j < len(s) {
			c, m := utf8.DecodeRuneInString(s[j:])
			if !strings.ContainsRune(noLineStart, c) {
				break
			}
			j += m
		}
		if n := len(units); n > 0 && strings.ContainsAny(units[n-1][len(units[n-1])-utf8RuneLenLast(units[n-1]):], noLineEnd) {
			units[n-1] += s[i:j] // an opening bracket stays with what follows
		} else {
			units = append(units, s[i:j])
		}
		i = j
	}
	return units
}

// utf8RuneLenLast is the byte length of the last rune of s.
func utf8RuneLenLast(s string) int {
	_, n := utf8.DecodeLastRuneInString(s)
	return n
}

// greedy fills lines of at most w ems with whole units (a unit wider than
// w gets a line of its own).
func greedy(units []string, w float64) []string {
	var lines []string
	var cur strings.Builder
	width := 0.0
	for _, u := range units {
		uw := ems(u)
		if cur.Len() > 0 && width+uw > w+1e-9 {
			lines = append(lines, cur.String())
			cur.Reset()
			width = 0
		}
		cur.WriteString(u)
		width += uw
	}
	if cur.Len() > 0 {
		lines = append(lines, cur.String())
	}
	return lines
}

// numberPrefix returns the byte length of a leading list number: （一）…,
// (一), 一、…; 0 when there is none.
func numberPrefix(s string) int {
	const digits = "一二三四五六七八九十"
	for _, p := range [][2]string{{"（", "）"}, {"(", ")"}} {
		if rest, ok := strings.CutPrefix(s, p[0]); ok {
			body := strings.TrimLeft(rest, digits)
			if len(body) < len(rest) && strings.HasPrefix(body, p[1]) {
				return len(s) - len(body) + len(p[1])
			}
			return 0
		}
	}
	body := strings.TrimLeft(s, digits)
	if len(body) < len(s) && strings.HasPrefix(body, "、") {
		return len(s) - len(body) + len("、")
	}
	return 0
}
