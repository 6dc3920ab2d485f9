package text

import (
	"strings"
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
}

// Layout names.
const (
	LayoutCellLines  = "cell-lines" // one cell per line ending in " |" (seeds 000–003)
	LayoutPipeRows   = "pipe-rows"  // | a | b | c | (seed 004, Markdown)
	LayoutWhitespace = "whitespace" // 标签 3001 53 0 … (PDF text)
	LayoutGlued      = "glued"      // cells run together with no separator (sample 006)
	LayoutNone       = "none"       // no table found
)

// tokenize cuts the lines of a table region into cell tokens and marks the
// lines it consumed. It returns the tokens and the layout counts seen.
func tokenize(lines []line, from, to int, counts map[string]int, scan []string) []token {
	out := make([]token, 0, to-from)
	for i := from; i < to; i++ {
		l := &lines[i]
		if trimSpace(l.text) == "" {
			continue
		}
		// Structure is read on the text with ASCII blanks trimmed only: a
		// cell holding just U+00A0 is a blank cell (seed 003), not padding.
		t := strings.Trim(l.text, " \t\r")
		if !strings.Contains(t, "|") {
			// PDF text sometimes stacks a label one character per line
			// (三、\n本\n年\n度…): join such a run into one label.
			if j := stackedRun(lines, i, to); j > i+2 {
				var b strings.Builder
				for k := i; k < j; k++ {
					b.WriteString(trimSpace(lines[k].text))
					lines[k].used = true
				}
				out = append(out, newToken(b.String(), l.n, true))
				i = j - 1
				continue
			}
			if toks, ok := gluedRow(t, l.n, scan); ok {
				l.used = true
				counts[LayoutGlued]++
				out = append(out, toks...)
			} else if toks, ok := whitespaceRow(t, l.n); ok {
				l.used = true
				counts[LayoutWhitespace]++
				out = append(out, toks...)
			} else if h := strings.TrimSpace(strings.TrimLeft(t, "#")); len([]rune(h)) <= 30 && isLabelLike(h) && !strings.ContainsAny(h, "。；;") {
				// A short heading line inside a table part (Markdown "### 行政复议",
				// "### （三）不予公开") names the sub-table that follows: it gives
				// context, it is not prose to keep.
				out = append(out, newToken(h, l.n, true))
			}
			continue
		}
		// A line of pipes only pads a row, ends it or starts it, and scrapers
		// disagree on which (seed 002 has one inside a row), so rows of cell
		// lines are delimited by their labels, not by these lines.
		if strings.Trim(t, "| \t") == "" {
			l.used = true
			continue
		}
		l.used = true
		if strings.HasPrefix(t, "|") {
			// Pipe row: | a | b | c |
			if isSeparatorRow(t) {
				continue
			}
			counts[LayoutPipeRows]++
			inner := strings.TrimPrefix(t, "|")
			inner = strings.TrimSuffix(inner, "|")
			cells := strings.Split(inner, "|")
			for j, c := range cells {
				tk := newToken(c, l.n, j == 0)
				if j < len(l.refs) {
					tk.ref = l.refs[j]
				}
				out = append(out, tk)
			}
			continue
		}
		// Cell line: "text |" (possibly indented, possibly with several cells).
		counts[LayoutCellLines]++
		body := strings.TrimSuffix(strings.TrimRight(l.text, " \t"), "|")
		cells := strings.Split(body, "|")
		for _, c := range cells {
			out = append(out, newToken(c, l.n, false))
		}
	}
	return out
}

// stackedRun returns the end of a run of lines from i that hold at most
// three characters each, none of them digits or pipes (a label stacked one
// character per line), or i when there is none.
func stackedRun(lines []line, i, to int) int {
	j := i
	for j < to {
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
	txt := trimSpace(raw)
	tk := token{line: n, rowStart: rowStart, value: model.ParseValue(txt)}
	if tk.value.Kind == model.KindText && isLabelLike(txt) {
		tk.isLabel = true
		l := match.New(txt)
		tk.label = &l
	}
	return tk
}

// isLabelLike tells a label from a text value: it has Han characters and
// they outweigh its digits ("1.属于国家秘密" is a label, "约10件" a value).
func isLabelLike(s string) bool {
	han := match.HanCount(s)
	if han == 0 {
		return false
	}
	digits := 0
	for _, r := range s {
		if r >= '0' && r <= '9' || r >= '０' && r <= '９' {
			digits++
		}
	}
	return han >= 2*digits
}

// whitespaceRow splits a PDF-style row "一、本年新收政府信息公开申请数量 3001 53 0 0 61 4 3119"
// or a row of numbers only ("0 0 0 …", table 四) into tokens. The trailing
// fields that read as values are the cells; what precedes them is the label.
func whitespaceRow(t string, n int) ([]token, bool) {
	fields := strings.Fields(strings.ReplaceAll(t, "\u00a0", " "))
	if len(fields) < 2 {
		return nil, false
	}
	j := len(fields)
	for j > 0 {
		v := model.ParseValue(fields[j-1])
		if v.Kind != model.KindNumber && v.Kind != model.KindNone {
			break
		}
		j--
	}
	nvals := len(fields) - j
	if nvals == 0 {
		return nil, false
	}
	var out []token
	if j > 0 {
		lab := strings.Join(fields[:j], "")
		if !isLabelLike(lab) || len([]rune(lab)) > 60 {
			return nil, false
		}
		out = append(out, newToken(lab, n, true))
	} else if nvals < 3 {
		return nil, false
	}
	// A line of values only continues the row of the label before it
	// (PDF text often puts a long or stacked label on lines of its own).
	for _, f := range fields[j:] {
		out = append(out, newToken(f, n, false))
	}
	return out, true
}
