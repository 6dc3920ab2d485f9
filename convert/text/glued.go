package text

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/templates"
)

// Crawled page text sometimes loses every separator (docs/format.md, input 6,
// sample 006): headings run into the text and table cells into each other,
// "…申请数量801000081" meaning 80|1|0|0|0|0|81. This file handles that:
// splitInlineHeadings cuts the part headings out of long lines, gluedRow
// cuts a table line at the official labels, and splitGlued splits a run of
// digits into a row's values using the table's arithmetic. When more than
// one split fits, the values are kept with a doubt and a finding.

// inlineHeadingNames are the official part headings found inside a line
// after a numeral 一 … 六, a delimiter (、 . ．) and optional blanks: what
// the expression [一二三四五六][、.．]\s*(?:总体情况|概述|…) matches,
// tried in this order.
var inlineHeadingNames = []string{"总体情况", "概述", "主动公开政府信息情况", "行政机关主动公开政府信息情况",
	"收到和处理政府信息公开申请情况", "行政机关收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况",
	"因政府信息公开工作被申请行政复议、提起行政诉讼情况", "政府信息公开工作存在的主要问题及改进情况",
	"存在的主要问题及改进情况", "其他需要报告的事项"}

// inlineHeadings returns the [start, end) byte ranges of the official part
// headings inside s, left to right, not overlapping (a hand scan: long
// glued lines made the regular expression's automaton the reader's most
// expensive step).
func inlineHeadings(s string) [][2]int {
	var out [][2]int
	last := 0
	// A heading starts with a three-byte numeral right before a delimiter
	// ("、", "．", "."): look at the delimiters, in order, found by
	// indexFast (their last bytes are rare in Chinese text).
	delims := [...]string{"、", ".", "．"}
	var at [len(delims)]int // next position of each delimiter, -1 for none
	find := func(d, from int) int {
		if from > len(s) {
			return -1
		}
		if k := indexFast(s[from:], delims[d]); k >= 0 {
			return from + k
		}
		return -1
	}
	for d := range delims {
		at[d] = find(d, 3)
	}
	for {
		j := -1
		for _, p := range at {
			if p >= 0 && (j < 0 || p < j) {
				j = p
			}
		}
		if j < 0 {
			return out
		}
		from := j + 1
		if j-3 >= last {
			if r, size := utf8.DecodeRuneInString(s[j-3:]); size == 3 {
				if end := inlineHeadingAt(s, j, r); end > 0 {
					out = append(out, [2]int{j - 3, end})
					last = end
					from = end
				}
			}
		}
		for d, p := range at {
			if p >= 0 && p < from {
				at[d] = find(d, from)
			}
		}
	}
}

// inlineHeadingAt returns the end of the heading whose numeral r ends at j,
// or 0.
func inlineHeadingAt(s string, j int, r rune) int {
	switch r {
	case '一', '二', '三', '四', '五', '六':
	default:
		return 0
	}
	switch {
	case strings.HasPrefix(s[j:], "、"):
		j += len("、")
	case strings.HasPrefix(s[j:], "."):
		j++
	case strings.HasPrefix(s[j:], "．"):
		j += len("．")
	default:
		return 0
	}
	for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\f' || s[j] == '\r') {
		j++ // \s: ASCII blanks
	}
	for _, h := range inlineHeadingNames {
		if strings.HasPrefix(s[j:], h) {
			return j + len(h)
		}
	}
	return 0
}

// splitInlineHeadings puts each part heading found inside a long line on a
// line of its own (same source line number).
func splitInlineHeadings(lines []line) []line {
	var out []line // nil until a line is split: most inputs need no copy
	for i, l := range lines {
		var locs [][2]int
		if len(l.text) >= 360 && mayHoldHeadings(l.text) {
			locs = inlineHeadings(l.text)
		}
		if len(locs) == 0 {
			if out != nil {
				out = append(out, l)
			}
			continue
		}
		if out == nil {
			out = append(make([]line, 0, len(lines)+8), lines[:i]...)
		}
		prev := 0
		for _, loc := range locs {
			if s := l.text[prev:loc[0]]; strings.TrimSpace(s) != "" {
				out = append(out, line{n: l.n, text: s})
			}
			out = append(out, line{n: l.n, text: l.text[loc[0]:loc[1]]})
			prev = loc[1]
		}
		if s := l.text[prev:]; strings.TrimSpace(s) != "" {
			out = append(out, line{n: l.n, text: s})
		}
	}
	if out == nil {
		return lines
	}
	return out
}

// mayHoldHeadings is a cheap filter before the regular expression: a line
// with part headings inside holds at least two "二、" … "六、" (the headings
// after the first), which prose rarely does.
func mayHoldHeadings(s string) bool {
	n := 0
	for i := 0; ; {
		j := indexFast(s[i:], "、")
		if j < 0 {
			return false
		}
		j += i
		if j >= 3 {
			if r, _ := utf8.DecodeLastRuneInString(s[:j]); strings.ContainsRune("二三四五六", r) {
				if n++; n >= 2 {
					return true
				}
			}
		}
		i = j + len("、")
	}
}

type scanKey struct{}

// labelsForScan returns every label, header, banner and note text of the
// set's specs (and their aliases), width-folded, longest first; built once
// per set.
func labelsForScan(set *templates.Set) []string {
	return set.Memo(scanKey{}, func() any {
		var scanLabels []string
		seen := map[string]bool{}
		add := func(s string) {
			s = model.FoldWidth(s)
			if s != "" && !seen[s] {
				seen[s] = true
				scanLabels = append(scanLabels, s)
			}
		}
		for _, ed := range set.Editions() {
			for _, t := range set.Tables(ed) {
				for _, c := range t.Cells {
					if c.Key == "" {
						add(c.Text)
						for _, a := range c.Aliases {
							add(a)
						}
					}
				}
			}
		}
		add("信息内容")
		sort.SliceStable(scanLabels, func(i, j int) bool { return len(scanLabels[i]) > len(scanLabels[j]) })
		return scanLabels
	}).([]string)
}

type scannerKey struct{}

// labelScanner holds the labels of labelsForScan by their first
// character, longest first: the labels a position can start.
type labelScanner map[rune][]string

// scanner returns the set's label scanner, built once per set.
func scanner(set *templates.Set) labelScanner {
	return set.Memo(scannerKey{}, func() any {
		sc := labelScanner{}
		for _, l := range labelsForScan(set) {
			r, _ := utf8.DecodeRuneInString(l)
			sc[r] = append(sc[r], l)
		}
		return sc
	}).(labelScanner)
}

// gluedRow cuts a line with no cell separators at the official labels. It
// returns label tokens and, between them, value-chunk tokens (glued: the
// digits may hold several cells). It reports false when the line holds
// fewer than three labels or no digits between them.
func gluedRow(t string, n int, labels labelScanner) ([]token, bool) {
	s := model.FoldWidth(t)
	if !hasDigit(s) {
		return nil, false // no digits between labels either
	}
	type hit struct{ a, b int }
	var hits []hit
	for i := 0; i < len(s); {
		found := 0
		r, size := utf8.DecodeRuneInString(s[i:])
		for _, l := range labels[r] {
			if strings.HasPrefix(s[i:], l) {
				found = len(l)
				break
			}
		}
		if found > 0 {
			hits = append(hits, hit{i, i + found})
			i += found
			continue
		}
		i += size
	}
	if len(hits) < 3 {
		return nil, false
	}
	var out []token
	digits := false
	emitBetween := func(seg string) {
		seg = strings.TrimSpace(seg)
		if seg == "" {
			return
		}
		if isGluedValue(seg) {
			digits = true
			tk := newToken(seg, n, false)
			tk.glued = true
			tk.isLabel = false
			out = append(out, tk)
			return
		}
		out = append(out, newToken(seg, n, false))
	}
	prev := 0
	for _, h := range hits {
		emitBetween(s[prev:h.a])
		out = append(out, newToken(s[h.a:h.b], n, false))
		prev = h.b
	}
	emitBetween(s[prev:])
	return out, digits
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

// isGluedValue reports whether s is made of numbers, spaces, dots, commas
// and units only ("230 000023", "13575394432.52元").
func isGluedValue(s string) bool {
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9', r == ' ', r == '.', r == ',', r == '\u00a0':
		case strings.ContainsRune("元万件个项条", r):
		default:
			return false
		}
	}
	return strings.ContainsAny(s, "0123456789")
}

// maxSplits bounds the enumeration of ways to split glued digits.
const maxSplits = 200000

// splitGlued enumerates the ways to cut chunks (space-separated runs of
// digits) into n numbers — no leading zeros except 0 itself; a decimal part
// and a unit stay with the last number of their chunk — and keeps those
// that satisfy ok. It returns the candidates (each n raw strings) and
// whether the enumeration was complete.
func splitGlued(chunks []string, n int, ok func([]float64) bool) ([][]string, bool) {
	var out [][]string
	complete := true
	count := 0
	cur := make([]string, 0, n)
	var rec func(ci int, rest string)
	rec = func(ci int, rest string) {
		if count > maxSplits {
			complete = false
			return
		}
		if rest == "" {
			if ci+1 == len(chunks) {
				if len(cur) == n {
					count++
					vals := make([]float64, n)
					for i, c := range cur {
						vals[i] = model.ParseValue(c).Value
					}
					if ok == nil || ok(vals) {
						out = append(out, append([]string(nil), cur...))
					}
				}
				return
			}
			rec(ci+1, chunks[ci+1])
			return
		}
		if len(cur) >= n {
			return
		}
		// The last number of a chunk may carry a decimal part and a unit.
		if last := lastNumber(rest); last == rest {
			cur = append(cur, rest)
			rec(ci, "")
			cur = cur[:len(cur)-1]
		}
		for k := 1; k < len(rest); k++ {
			head := rest[:k]
			if !plainInt(head) {
				break
			}
			cur = append(cur, head)
			rec(ci, rest[k:])
			cur = cur[:len(cur)-1]
		}
	}
	if len(chunks) > 0 {
		rec(0, chunks[0])
	}
	return out, complete
}

// plainInt: digits without a leading zero, or "0".
func plainInt(s string) bool {
	if s == "" || s[0] < '0' || s[0] > '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s == "0" || s[0] != '0'
}

// lastNumber returns s when s is one valid number (an integer without a
// leading zero, optionally with a decimal part and a unit), else "".
func lastNumber(s string) string {
	if len(s) > 1 && s[0] == '0' && s[1] >= '0' && s[1] <= '9' {
		return "" // a leading zero: not a plain integer part, whatever follows
	}
	v := model.ParseValue(s)
	if v.Kind != model.KindNumber || v.Sign != "" {
		return ""
	}
	num := strings.TrimSuffix(s, v.Unit)
	intPart, _, _ := strings.Cut(num, ".")
	if !plainInt(intPart) || strings.Contains(num, ",") {
		return ""
	}
	return s
}

// expandGlued turns the value tokens of a row into n tokens when they
// contain glued digits. rule checks a candidate split; plausible ranks the
// candidates when several fit. It returns the tokens, a doubt ("" when the
// split is certain) and a finding message.
func expandGlued(vals []token, n int, rule func([]float64) bool, plausible func([]float64) float64) ([]token, string, string) {
	var chunks []string
	line := 0
	for _, v := range vals {
		chunks = append(chunks, strings.Fields(strings.ReplaceAll(v.value.Raw, ",", ""))...)
		line = v.line
	}
	raw := strings.Join(chunks, " ")
	cands, complete := splitGlued(chunks, n, rule)
	mk := func(c []string) []token {
		out := make([]token, n)
		for i, s := range c {
			out[i] = newToken(s, line, false)
		}
		return out
	}
	switch {
	case len(cands) == 1 && complete:
		msg := fmt.Sprintf("数字粘连（%s），按表格的勾稽关系只有一种拆分：%s", raw, strings.Join(cands[0], "|"))
		if rule == nil {
			msg = fmt.Sprintf("数字粘连（%s），只有一种拆分：%s", raw, strings.Join(cands[0], "|"))
		}
		return mk(cands[0]), "", msg
	case len(cands) == 0:
		return nil, fmt.Sprintf("粘连的数字（%s）无法拆成%d个值", raw, n), fmt.Sprintf("数字粘连（%s），找不到符合勾稽关系的拆分，未读取", raw)
	}
	best := 0
	if plausible != nil {
		score := make([]float64, len(cands))
		for i, c := range cands {
			vals := make([]float64, n)
			for j, s := range c {
				vals[j] = model.ParseValue(s).Value
			}
			score[i] = plausible(vals)
		}
		for i := range cands {
			if score[i] > score[best] {
				best = i
			}
		}
	}
	var alts []string
	for i := 0; i < len(cands) && len(alts) < 3; i++ {
		alts = append(alts, strings.Join(cands[i], "|"))
	}
	more := ""
	if len(cands) > 3 || !complete {
		more = "等"
	}
	doubt := fmt.Sprintf("粘连的数字（%s）有多种拆分，暂取 %s", raw, strings.Join(cands[best], "|"))
	msg := fmt.Sprintf("数字粘连（%s），有%s%d种拆分（如 %s%s），暂取最常见的一种 %s 并标记为存疑，请核对原文",
		raw, map[bool]string{true: "", false: "至少"}[complete], len(cands), strings.Join(alts, "、"), more, strings.Join(cands[best], "|"))
	return mk(cands[best]), doubt, msg
}

// rowRule returns the arithmetic a row of values obeys, used to split
// glued digits: the edition's equations whose keys all lie in the row (in
// table 三 the six applicant columns add up to 总计; in table 四 each
// block's four outcomes add up to its 总计). nil when none applies.
func rowRule(set *templates.Set, ed model.Edition, keys []string) func([]float64) bool {
	eqs := set.RowEquations(ed, keys)
	if len(eqs) == 0 {
		return nil
	}
	pos := map[string]int{}
	for i, k := range keys {
		pos[k] = i
	}
	type idx struct{ left, right []int }
	var list []idx
	for _, q := range eqs {
		var e idx
		for _, k := range q.Left {
			e.left = append(e.left, pos[k])
		}
		for _, k := range q.Right {
			e.right = append(e.right, pos[k])
		}
		list = append(list, e)
	}
	return func(v []float64) bool {
		for _, e := range list {
			l, r := 0.0, 0.0
			for _, i := range e.left {
				l += v[i]
			}
			for _, i := range e.right {
				r += v[i]
			}
			if l != r {
				return false
			}
		}
		return true
	}
}

// plausibility ranks splits of table 二 rows, which obey no arithmetic:
// equal values (本年新制作 = 本年新公开 = 对外公开总数, common), a 本年增/减
// of 0, and numbers of similar length score higher.
func plausibility(vals []float64) float64 {
	score := 0.0
	allEqual := true
	for _, v := range vals[1:] {
		if v != vals[0] {
			allEqual = false
		}
	}
	if allEqual {
		score += 100
	}
	if len(vals) == 3 && vals[1] == 0 {
		score += 50
	}
	if len(vals) == 2 && vals[1] == 0 {
		score += 50
	}
	lo, hi := 100, 0
	for _, v := range vals {
		l := len(strconv.FormatFloat(v, 'f', -1, 64))
		lo, hi = min(lo, l), max(hi, l)
	}
	return score - float64(hi-lo)
}
