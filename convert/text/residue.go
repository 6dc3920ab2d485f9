package text

import (
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/govreport/govreport/convert/match"
	"github.com/govreport/govreport/templates"
)

// This file keeps the parts' text clean: what the table reader consumed or
// printed around a table (banners, header fragments, the 勾稽关系 note,
// stacked label pieces) and Markdown markup are not the report's prose.

type tableTextKey struct{}

// isTableText reports whether a short line is a text of the tables of the
// spec set: a banner, a column header, a row or group label or the note,
// possibly several run together or cut short ("### 申请人情况 (自然人)",
// "商业企", "第二十条 第（一）项").
func isTableText(set *templates.Set, t string) bool {
	t = squeeze(stripMarkup(t))
	if t == "" || strings.Contains(t, "。") || utf8.RuneCountInString(t) > 80 || match.HanCount(t) == 0 {
		return false
	}
	ix := set.Memo(tableTextKey{}, func() any {
		var labels []match.Label
		for _, s := range labelsForScan(set) {
			labels = append(labels, match.New(s))
		}
		return match.NewIndex(labels, nil)
	}).(*match.Index)
	_, s := ix.FindLabel(match.Intern(t))
	return s >= match.Prefix
}

// markTableResidue marks as used, in each table region, the lines from the
// first one that belongs to the table (consumed by the tokenizer or an
// official table text) to the last one the tokenizer consumed, except
// prose (a line with a full stop), and, outside that span, the lines that
// are official table texts.
func markTableResidue(set *templates.Set, lines []line, regions [][2]int) {
	for _, reg := range regions {
		from, to := reg[0], reg[1]
		first, last := -1, -1
		for i := from; i < to; i++ {
			if lines[i].used {
				if first < 0 {
					first = i
				}
				last = i
			}
		}
		if last < 0 {
			continue // no table here: nothing is residue
		}
		for i := from; i < first; i++ {
			if isTableText(set, lines[i].text) {
				first = i
				break
			}
		}
		for i := from; i < to; i++ {
			l := &lines[i]
			t := trimSpace(l.text)
			if l.used || t == "" {
				continue
			}
			if i >= first && i <= last {
				if !strings.Contains(t, "。") {
					l.used = true
				}
			} else if isTableText(set, t) {
				l.used = true
			}
		}
	}
}

var (
	reMDLink  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`!?\[([^\]]*)\]\([^)]*\)`) })
	reMDEmph  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\*\*|__|~~|` + "`") })
	reMDQuote = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\s*(?:>\s*)+`) })
)

// isMDRule reports whether t is a Markdown rule: three or more of - * _ =
// with nothing but ASCII blanks around and between them (the expression
// ^\s*(?:[-*_=]\s*){3,}$).
func isMDRule(t string) bool {
	n := 0
	for i := 0; i < len(t); i++ {
		switch t[i] {
		case '-', '*', '_', '=':
			n++
		case ' ', '\t', '\n', '\f', '\r':
		default:
			return false
		}
	}
	return n >= 3
}

// hasMarkup is strings.ContainsAny(t, "#*_~`[>|-="): a byte search per
// character is faster on long lines of prose than testing every byte.
func hasMarkup(t string) bool {
	for i := 0; i < len("#*_~`[>|-="); i++ {
		if strings.IndexByte(t, "#*_~`[>|-="[i]) >= 0 {
			return true
		}
	}
	return false
}

// stripMarkup removes Markdown markup from one line of prose: heading
// marks, emphasis, links (the text is kept), block quotes and pipes of a
// table row (its cells are kept, separated by a blank). A rule or table
// separator line becomes "".
func stripMarkup(t string) string {
	if !hasMarkup(t) {
		return t
	}
	// Each expression runs only when the text holds what it needs: prose
	// with a dash or a bracket is common, markup is not.
	if isMDRule(t) || isSeparatorRow(strings.TrimSpace(t)) {
		return ""
	}
	s := strings.TrimSpace(t)
	if strings.HasPrefix(s, ">") {
		s = reMDQuote().ReplaceAllString(s, "")
	}
	if strings.HasPrefix(s, "#") {
		s = strings.TrimLeft(s, "#")
		s = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), "#"))
	}
	if strings.Contains(s, "](") {
		s = reMDLink().ReplaceAllString(s, "$1")
	}
	if strings.IndexByte(s, '*') >= 0 || strings.IndexByte(s, '_') >= 0 || strings.IndexByte(s, '~') >= 0 || strings.IndexByte(s, '`') >= 0 {
		s = reMDEmph().ReplaceAllString(s, "")
	}
	if strings.HasPrefix(s, "|") || strings.HasSuffix(s, "|") {
		var cells []string
		for _, c := range strings.Split(strings.Trim(s, "|"), "|") {
			if c = trimSpace(c); c != "" {
				cells = append(cells, c)
			}
		}
		s = strings.Join(cells, " ")
	}
	return trimSpace(s)
}
