package text

import (
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/govreport/govreport/convert/match"
	"github.com/govreport/govreport/convert/model"
)

// token is one table cell as written, with its position.
type token struct {
	line     int          // 1-based source line
	ref      string       // source position of a grid cell ("第3页 表格1 第4行第2列"), "" for text
	value    model.Cell   // what the cell means (ParseValue)
	label    *match.Label // normalised label, set when isLabel
	rowStart bool         // first cell of an explicit row (pipe row, "| " line, whitespace row)
	isLabel  bool
	glued    bool // a run of digits that may hold several cells
	ws       bool // from a whitespace-separated row or label line (PDF text)
	tight    bool // digits after a single blank in a row of wide gaps ("1 5")
	// col is the rune column where the cell starts in its line (PDF text
	// keeps columns: a wrapped label continues at the same column).
	col int
	// alts are shorter readings of a whitespace-row label whose fields
	// are separated by wide gaps ("本            2.其他法律行政法规禁止公开":
	// a stacked group character beside the row label), tried when the
	// whole label matches no row.
	alts []labelAlt
}

// labelAlt is one alternative reading of a label: the text from a field
// boundary on, and the column it starts at.
type labelAlt struct {
	text string
	col  int
}

// layoutCounts counts the table lines of each layout.
type layoutCounts struct{ cellLines, pipeRows, whitespace, glued int }

// trimBlanks is strings.Trim(s, " \t\r\f"), without building the set.
func trimBlanks(s string) string {
	isBlank := func(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\f' }
	i, j := 0, len(s)
	for i < j && isBlank(s[i]) {
		i++
	}
	for j > i && isBlank(s[j-1]) {
		j--
	}
	return s[i:j]
}

// trimRightBlanks is strings.TrimRight(s, " \t"), without building the set.
func trimRightBlanks(s string) string {
	j := len(s)
	for j > 0 && (s[j-1] == ' ' || s[j-1] == '\t') {
		j--
	}
	return s[:j]
}

// onlyPipes reports whether t holds nothing but pipes, blanks and tabs
// (strings.Trim(t, "| \t") == "").
func onlyPipes(t string) bool {
	for i := 0; i < len(t); i++ {
		if c := t[i]; c != '|' && c != ' ' && c != '\t' {
			return false
		}
	}
	return true
}

// Layout names.
const (
	LayoutCellLines  = "cell-lines" // one cell per line ending in " |" (seeds 000–003)
	LayoutPipeRows   = "pipe-rows"  // | a | b | c | (seed 004, Markdown)
	LayoutWhitespace = "whitespace" // 标签 3001 53 0 … (PDF text)
	LayoutGlued      = "glued"      // cells run together with no separator (sample 006)
	LayoutNone       = "none"       // no table found
)

// tokenBufs recycles the token slices of finished reads (getTokens,
// putTokens): a report's tokens are a few hundred structs of 200 bytes,
// garbage once its cells are read.
var tokenBufs sync.Pool

// maxPooledTokens bounds the slices kept for reuse.
const maxPooledTokens = 1 << 14

// getTokens returns an empty token slice with room for n tokens.
func getTokens(n int) []token {
	if p, ok := tokenBufs.Get().(*[]token); ok && cap(*p) >= n {
		return (*p)[:0]
	}
	return make([]token, 0, n)
}

// putTokens gives b back for reuse, cleared so that it keeps no text of
// the report alive. Nothing may use b afterwards.
func putTokens(b []token) {
	if cap(b) > maxPooledTokens {
		return
	}
	clear(b)
	b = b[:0]
	tokenBufs.Put(&b)
}

// tokenize cuts the lines of a table region into cell tokens, appended to
// out, and marks the lines it consumed. It returns out and counts the
// layouts seen.
func tokenize(out []token, lines []line, from, to int, counts *layoutCounts, scan labelScanner) []token {
	for i := from; i < to; i++ {
		l := &lines[i]
		if trimSpace(l.text) == "" {
			continue
		}
		// Structure is read on the text with ASCII blanks trimmed only: a
		// cell holding just U+00A0 is a blank cell (seed 003), not padding.
		t := trimBlanks(l.text)
		if isPageFooter(t) {
			// A page number printed inside a table ("-4-", "— 4 —") is
			// neither a value nor prose.
			l.used = true
			continue
		}
		if indexByte(t, '|') < 0 {
			// PDF text sometimes stacks a label one character per line
			// (三、\n本\n年\n度…): join such a run into one label.
			if j := stackedRun(lines, i, to); j > i+2 {
				var b strings.Builder
				for k := i; k < j; k++ {
					b.WriteString(trimSpace(lines[k].text))
					lines[k].used = true
				}
				tk := newToken(b.String(), l.n, true)
				tk.col, tk.ws = indentCol(l.text), true
				out = append(out, tk)
				i = j - 1
				continue
			}
			if toks, ok := gluedRow(t, l.n, scan); ok {
				l.used = true
				counts.glued++
				out = append(out, toks...)
			} else if toks, ok := whitespaceRow(strings.TrimLeft(l.text, "\f"), l.n); ok {
				l.used = true
				counts.whitespace++
				out = append(out, toks...)
			} else if h := strings.TrimSpace(strings.TrimLeft(t, "#")); utf8.RuneCountInString(squeeze(h)) <= 30 && isLabelLike(h) && !strings.ContainsAny(h, "。；;") && !isChineseNumeral(h) {
				// A short heading line inside a table part (Markdown "### 行政复议",
				// "### （三）不予公开") names the sub-table that follows: it gives
				// context, it is not prose to keep.
				out = append(out, labelLine(h, l.text, l.n)...)
			} else if v := strings.TrimSpace(t); isLoneValue(v) {
				// One cell per line (pdftotext without -layout, text
				// copied out of a PDF viewer): a value on its own line
				// continues the row of the label before it.
				tk := newToken(v, l.n, false)
				tk.col, tk.ws = indentCol(l.text), true
				l.used = true
				counts.whitespace++
				out = append(out, tk)
			}
			continue
		}
		// A line of pipes only pads a row, ends it or starts it, and scrapers
		// disagree on which (seed 002 has one inside a row), so rows of cell
		// lines are delimited by their labels, not by these lines.
		// A row of a grid document (Word, PDF) is a real row even when every
		// cell is empty: table 四 of a blank form is such a row.
		if onlyPipes(t) && l.refs == nil {
			l.used = true
			continue
		}
		l.used = true
		if strings.HasPrefix(t, "|") {
			// Pipe row: | a | b | c |
			if isSeparatorRow(t) {
				continue
			}
			counts.pipeRows++
			inner := strings.TrimPrefix(t, "|")
			inner = strings.TrimSuffix(inner, "|")
			for j, rest := 0, inner; ; j++ {
				c, more, found := cutByte(rest, '|')
				out = appendToken(out, c, l.n, j == 0)
				if j < len(l.refs) {
					out[len(out)-1].ref = l.refs[j]
				}
				if !found {
					break
				}
				rest = more
			}
			continue
		}
		// Cell line: "text |" (possibly indented, possibly with several cells).
		counts.cellLines++
		body := strings.TrimSuffix(trimRightBlanks(l.text), "|")
		for rest := body; ; {
			c, more, found := cutByte(rest, '|')
			out = appendToken(out, c, l.n, false)
			if !found {
				break
			}
			rest = more
		}
	}
	return out
}

// labelLine turns a line of labels without values into tokens. PDF text
// prints a header row or a group label beside a row label on one line,
// set apart by wide gaps ("信息内容          本年制发件数     本年废止件数"):
// each part is a label of its own, at its column. Text without wide gaps
// is one label.
func labelLine(h, raw string, n int) []token {
	fields := splitFields(raw)
	var segs []field
	for _, f := range fields {
		if len(segs) == 0 || f.gap >= 2 {
			segs = append(segs, f)
		} else {
			segs[len(segs)-1].text += f.text
		}
	}
	if len(segs) > 1 {
		ok := true
		for _, sg := range segs {
			if !isLabelLike(sg.text) || isChineseNumeral(sg.text) {
				ok = false
			}
		}
		if ok {
			out := make([]token, 0, len(segs))
			for _, sg := range segs {
				tk := newToken(sg.text, n, true)
				tk.col, tk.ws = sg.col, true
				out = append(out, tk)
			}
			return out
		}
	}
	tk := newToken(h, n, true)
	tk.col, tk.ws = indentCol(raw), true
	return []token{tk}
}

// maxStacked bounds a label stacked one character per line (the longest
// official label has about 40 characters).
const maxStacked = 64

// stackedRun returns the end of a run of lines from i that hold at most
// three characters each, none of them digits or pipes (a label stacked one
// character per line), or i when there is none.
func stackedRun(lines []line, i, to int) int {
	j := i
	for j < to && j-i < maxStacked {
		t := trimSpace(lines[j].text)
		n := utf8.RuneCountInString(t)
		if n == 0 || n > 3 || strings.ContainsAny(t, "|0123456789") || match.HanCount(t) == 0 && !strings.ContainsAny(t, "、（）()") {
			break
		}
		j++
	}
	return j
}

// isSeparatorRow reports whether a pipe row is a Markdown rule: | --- | :-: |.
func isSeparatorRow(t string) bool {
	return strings.Trim(t, "|-: \t") == "" && strings.Contains(t, "-")
}

func newToken(raw string, n int, rowStart bool) token {
	var tk token
	setToken(&tk, raw, n, rowStart)
	return tk
}

// appendToken appends newToken(raw, n, rowStart) to out, made in place.
func appendToken(out []token, raw string, n int, rowStart bool) []token {
	out = append(out, token{})
	setToken(&out[len(out)-1], raw, n, rowStart)
	return out
}

// setToken makes *tk, a zero token, the token of the cell raw on line n.
func setToken(tk *token, raw string, n int, rowStart bool) {
	txt := trimSpace(raw)
	tk.line, tk.rowStart = n, rowStart
	if l, ok := textCell(txt); ok {
		tk.value = model.Cell{Raw: txt, Kind: model.KindText}
		tk.isLabel, tk.label = l != nil, l
		return
	}
	tk.value = model.ParseValue(txt)
	if tk.value.Kind == model.KindText {
		if v, ok := chineseNumber(txt); ok {
			tk.value = model.Cell{Raw: txt, Kind: model.KindNumber, Value: float64(v),
				Doubt: "数字用汉字书写（“" + txt + "”），按" + model.FormatNumber(float64(v)) + "读取，请核对"}
			return
		}
	}
	if tk.value.Kind == model.KindText && isLabelLike(txt) {
		tk.isLabel = true
		tk.label = match.Intern(txt)
	}
	if tk.value == (model.Cell{Raw: txt, Kind: model.KindText}) {
		rememberTextCell(txt, tk.label)
	}
}

// textCells remembers cell texts that read as plain text (ParseValue gives
// KindText and nothing else, and they are no Chinese numeral), with their
// label when they are label-like (isLabelLike, match.Intern) and nil
// otherwise: the labels of the official forms recur in every report. It
// keeps copies of the texts, at most maxTextCells of at most
// maxTextCellLen bytes, whatever it is fed.
var textCells struct {
	sync.RWMutex
	m map[string]*match.Label
}

const (
	maxTextCells   = 8192
	maxTextCellLen = 256
)

// textCell looks txt up in textCells. Only texts that end in a non-ASCII
// byte are looked for (labels end in a Han character or punctuation;
// numbers, blanks and markers such as "/" mostly do not).
func textCell(txt string) (*match.Label, bool) {
	if len(txt) < 3 || txt[len(txt)-1] < utf8.RuneSelf || len(txt) > maxTextCellLen {
		return nil, false
	}
	textCells.RLock()
	l, ok := textCells.m[txt]
	textCells.RUnlock()
	return l, ok
}

// rememberTextCell adds txt, a text cell with label l (nil: not a label),
// to textCells while there is room.
func rememberTextCell(txt string, l *match.Label) {
	if len(txt) < 3 || txt[len(txt)-1] < utf8.RuneSelf || len(txt) > maxTextCellLen {
		return
	}
	if textCellsFull.Load() {
		return
	}
	textCells.Lock()
	defer textCells.Unlock()
	if textCells.m == nil {
		textCells.m = make(map[string]*match.Label, 512)
	}
	if _, ok := textCells.m[txt]; !ok {
		textCells.m[strings.Clone(txt)] = l
		textCellsFull.Store(len(textCells.m) >= maxTextCells)
	}
}

// textCellsFull is set once textCells has no room left.
var textCellsFull atomic.Bool

// isLabelLike tells a label from a text value: it has Han characters and
// they outweigh its digits ("1.属于国家秘密" is a label, "约10件" a value).
func isLabelLike(s string) bool {
	han, digits := 0, 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= '0' && c <= '9' {
				digits++
			}
			i++
			continue
		}
		if c >= 0xE5 && c <= 0xE9 && i+2 < len(s) && s[i+1]&0xC0 == 0x80 && s[i+2]&0xC0 == 0x80 {
			// U+5000 … U+9FFF: Han, without decoding.
			han++
			i += 3
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r >= '0' && r <= '9' || r >= '０' && r <= '９':
			digits++
		case match.IsHan(r):
			han++
		}
	}
	return han > 0 && han >= 2*digits
}

// field is one whitespace-separated field of a line.
type field struct {
	text string
	col  int // rune column of its first character
	gap  int // blanks before it (0 for the first field)
}

// splitFields cuts t at runs of blanks (ASCII, U+00A0, U+3000, form feed)
// and keeps each field's column and the width of the gap before it.
func splitFields(t string) []field {
	var out []field
	col, start, startCol, gap := 0, -1, 0, 0
	for i, r := range t {
		if isFieldBlank(r) {
			if start >= 0 {
				out = append(out, field{t[start:i], startCol, gap})
				start, gap = -1, 0
			}
			gap++
		} else if start < 0 {
			start, startCol = i, col
		}
		col++
	}
	if start >= 0 {
		out = append(out, field{t[start:], startCol, gap})
	}
	if len(out) > 0 {
		out[0].gap = 0
	}
	return out
}

// indentCol returns the rune column of the first non-blank character
// (splitFields' first field), 0 when there is none.
func indentCol(t string) int {
	col := 0
	for _, r := range t {
		if !isFieldBlank(r) {
			return col
		}
		col++
	}
	return 0
}

// isFieldBlank: the blanks that separate fields (ASCII, U+00A0, U+3000,
// form feed).
func isFieldBlank(r rune) bool {
	return r == ' ' || r == '\t' || r == '\u00a0' || r == '\u3000' || r == '\f' || r == '\r'
}

// isValueField reports whether a field of a whitespace row reads as a cell
// value: a number, a "nothing" marker, or a number written in Chinese.
func isValueField(s string) bool {
	v := model.ParseValue(s)
	if v.Kind == model.KindNumber || v.Kind == model.KindNone {
		return true
	}
	_, ok := chineseNumber(s)
	return ok
}

// whitespaceRow splits a PDF-style row "一、本年新收政府信息公开申请数量 3001 53 0 0 61 4 3119"
// or a row of numbers only ("0 0 0 …", table 四) into tokens. The trailing
// fields that read as values are the cells; what precedes them is the label.
func whitespaceRow(t string, n int) ([]token, bool) {
	fields := splitFields(t)
	if len(fields) < 2 {
		return nil, false
	}
	j := len(fields)
	for j > 0 && isValueField(fields[j-1].text) {
		j--
	}
	nvals := len(fields) - j
	if nvals == 0 {
		return nil, false
	}
	var out []token
	if j > 0 {
		var b strings.Builder
		for _, f := range fields[:j] {
			b.WriteString(f.text)
		}
		lab := b.String()
		if !isLabelLike(lab) || len([]rune(lab)) > 60 {
			return nil, false
		}
		tk := newToken(lab, n, true)
		tk.col, tk.ws = fields[0].col, true
		// Wide gaps inside the label separate columns of the printed table:
		// what follows the last wide gap may be the row label on its own.
		for k := 1; k < j; k++ {
			if fields[k].gap >= 2 {
				var rest strings.Builder
				for _, f := range fields[k:j] {
					rest.WriteString(f.text)
				}
				tk.alts = append(tk.alts, labelAlt{rest.String(), fields[k].col})
			}
		}
		out = append(out, tk)
	} else if nvals < 3 {
		return nil, false
	}
	// A line of values only continues the row of the label before it
	// (PDF text often puts a long or stacked label on lines of its own).
	vals := fields[j:]
	wide := false
	for _, f := range vals[1:] {
		if f.gap >= 2 {
			wide = true
		}
	}
	for k, f := range vals {
		tk := newToken(f.text, n, false)
		tk.col = f.col
		tk.ws = true
		// Where the columns are set apart by wide gaps, digits after a
		// single blank ("1 5") may be the rest of the number before
		// (mergeTight decides, knowing the row's width).
		tk.tight = wide && k > 0 && f.gap == 1 && isDigitsOnly(f.text) && isDigitsOnly(vals[k-1].text)
		out = append(out, tk)
	}
	return out, true
}

// mergeTight joins the tight tokens of a whitespace row ("1 5" where the
// columns are far apart) with the value before them, when that gives
// exactly n values: one number with a blank inside, read with a doubt
// (model.ParseValue). Otherwise vals is returned unchanged.
func mergeTight(vals []token, n int) []token {
	tight := 0
	for _, v := range vals {
		if v.tight {
			tight++
		}
	}
	if tight == 0 || len(vals)-tight != n {
		return vals
	}
	out := make([]token, 0, n)
	for _, v := range vals {
		if v.tight && len(out) > 0 {
			prev := &out[len(out)-1]
			merged := newToken(prev.value.Raw+" "+v.value.Raw, prev.line, false)
			merged.col, merged.ws = prev.col, true
			*prev = merged
			continue
		}
		out = append(out, v)
	}
	return out
}

// isLoneValue reports whether a line holding one field is a cell value: a
// number (not a page number written as one, which isPageFooter catches
// in its usual forms) or a "nothing" marker.
func isLoneValue(s string) bool {
	if s == "" || strings.ContainsAny(s, " \t") {
		return false
	}
	v := model.ParseValue(s)
	return v.Kind == model.KindNumber || v.Kind == model.KindNone && s != "-" && s != "—"
}

func isDigitsOnly(s string) bool { return s != "" && isDigits(s) }

// isPageFooter reports whether a line is a page number: "-4-", "- 4 -",
// "— 4 —", "第 4 页", "第4页 共6页".
func isPageFooter(t string) bool {
	if t != "" && leadsNonBlank(t[0]) && t[0] != '-' && !strings.HasPrefix(t, "第") {
		return false // cheaper than trimming first
	}
	t = strings.TrimSpace(t)
	if t == "" || len(t) > 40 {
		return false
	}
	// Cheap filter: a footer starts with a dash or 第 (the regular
	// expression runs on every table line otherwise).
	if r, _ := utf8.DecodeRuneInString(t); !strings.ContainsRune("-—–－─第", r) {
		return false
	}
	return rePageFooter().MatchString(t)
}

var rePageFooter = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`^(?:[-—–－─]+\s*\d{1,3}\s*[-—–－─]+|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?)$`)
})

// chineseNumber reads a whole number written in Chinese numerals
// ("三", "十二", "一百二十", "两千零五"). It reports false for anything else.
func chineseNumber(s string) (int, bool) {
	if !isChineseNumeral(s) {
		return 0, false
	}
	digit := map[rune]int{'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	unit := map[rune]int{'十': 10, '百': 100, '千': 1000, '万': 10000}
	total, section, cur := 0, 0, -1
	lastUnit := 100000
	for _, r := range s {
		if d, ok := digit[r]; ok {
			if cur >= 0 && d != 0 {
				return 0, false // two digits in a row ("一二")
			}
			if d == 0 {
				cur = -1
				continue
			}
			cur = d
			continue
		}
		u := unit[r]
		if u == 10000 {
			if cur > 0 {
				section += cur
			}
			total += section * 10000
			section, cur, lastUnit = 0, -1, 100000
			continue
		}
		if u >= lastUnit {
			return 0, false
		}
		lastUnit = u
		if cur < 0 {
			if u != 10 {
				return 0, false
			}
			cur = 1 // 十二 = 12
		}
		section += cur * u
		cur = -1
	}
	if cur > 0 {
		section += cur
	}
	return total + section, true
}

// isChineseNumeral: s (1–10 characters) is made of Chinese numerals only.
func isChineseNumeral(s string) bool {
	n, digits := 0, 0
	for _, r := range s {
		switch r {
		case '零', '〇', '一', '二', '两', '三', '四', '五', '六', '七', '八', '九', '十':
			digits++
		case '百', '千', '万':
		default:
			return false
		}
		n++
	}
	return digits > 0 && n <= 10
}
