package convert

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/govreport/govreport/convert/model"
)

// Document outputs (xlsx, PDF, Word) lay the prose out as rows and pages,
// so their cost and their size follow the number of lines, not bytes: a
// scraped page with two million lines of "|" became a two-million-row
// sheet. fitText is the guard in front of those writers: lines that carry
// nothing (only table rules and punctuation) and runs of blank lines never
// become rows or pages, and the prose is cut at limits far above any real
// report and far below the formats' own (Excel: 1,048,576 rows per sheet,
// 32,767 characters per cell — the xlsx writer splits paragraphs into
// cells of a few hundred characters), with a note in the document and a
// finding. The report itself is not changed; JSON keeps the whole text.

// Limits of the prose written into document outputs.
const (
	// MaxDocLines is the most paragraphs (lines) of prose written.
	MaxDocLines = 20000
	// MaxDocRunes is the most characters of prose written (about 1,600
	// PDF pages).
	MaxDocRunes = 1_000_000
	// MaxDocFindings is the most findings of one kind (ID before its first
	// ".") listed in document outputs; a reader can make one per line of a
	// damaged input, and each becomes a row with links and styles.
	MaxDocFindings = 200
	// MaxCellRunes is the most characters of one table cell's text (or of
	// the title, agency or date) written; Excel holds 32,767 per cell, and
	// the text also goes into a cell comment.
	MaxCellRunes = 10000
)

// cut returns s cut to n runes with an ellipsis, and whether it was cut.
func cut(s string, n int) (string, bool) {
	if utf8.RuneCountInString(s) <= n {
		return s, false
	}
	i := 0
	for k := range s {
		if n == 0 {
			i = k
			break
		}
		n--
	}
	return s[:i] + "……", true
}

// fitCells returns r, or a copy whose cell texts and metadata are at most
// MaxCellRunes characters, reporting each cut through on.
func fitCells(r *model.Report, format string, on func(model.Finding)) *model.Report {
	var c *model.Report
	note := func(what string, keys []string) {
		if on != nil {
			on(model.Finding{ID: "WRITE-CELL-LIMIT", Status: model.Warning, Keys: keys,
				Message: fmt.Sprintf("%s的文字超过 %d 字，%s 输出中只写入前 %d 字；完整内容见 JSON 输出", what, MaxCellRunes, format, MaxCellRunes)})
		}
	}
	for _, f := range []struct {
		name string
		get  func(*model.Report) *string
	}{
		{"标题", func(x *model.Report) *string { return &x.Meta.Title }},
		{"机关名称", func(x *model.Report) *string { return &x.Meta.Agency }},
		{"发布日期", func(x *model.Report) *string { return &x.Meta.Published }},
	} {
		if s, ok := cut(*f.get(r), MaxCellRunes); ok {
			if c == nil {
				cc := *r
				c = &cc
			}
			*f.get(c) = s
			note(f.name, nil)
		}
	}
	var keys []string
	for k, cell := range r.Cells {
		if cell != nil && len(cell.Raw) > MaxCellRunes && utf8.RuneCountInString(cell.Raw) > MaxCellRunes {
			keys = append(keys, k)
		}
	}
	if len(keys) > 0 {
		sort.Strings(keys)
		if c == nil {
			cc := *r
			c = &cc
		}
		c.Cells = make(map[string]*model.Cell, len(r.Cells))
		for k, v := range r.Cells {
			c.Cells[k] = v
		}
		for _, k := range keys {
			cell := *r.Cells[k]
			cell.Raw, _ = cut(cell.Raw, MaxCellRunes)
			c.Cells[k] = &cell
			note("单元格 "+k, []string{k})
		}
	}
	if c == nil {
		return r
	}
	return c
}

// fitFindings returns r, or a copy listing at most MaxDocFindings findings
// of each kind, the rest folded into one finding saying how many.
func fitFindings(r *model.Report) *model.Report {
	count := map[string]int{}
	over := false
	for _, f := range r.Findings {
		k, _, _ := strings.Cut(f.ID, ".")
		count[k]++
		if count[k] > MaxDocFindings {
			over = true
		}
	}
	if !over {
		return r
	}
	c := *r
	c.Findings = make([]model.Finding, 0, len(r.Findings))
	seen := map[string]int{}
	for _, f := range r.Findings {
		k, _, _ := strings.Cut(f.ID, ".")
		seen[k]++
		switch {
		case seen[k] <= MaxDocFindings:
			c.Findings = append(c.Findings, f)
		case seen[k] == MaxDocFindings+1:
			c.Findings = append(c.Findings, model.Finding{ID: k, Status: f.Status,
				Message: fmt.Sprintf("另有 %d 条 %s 说明未在本文件中列出（完整列表见 JSON 输出）", count[k]-MaxDocFindings, k)})
		}
	}
	return &c
}

// isDecoration reports whether r carries no text: table rules, box
// drawing, and punctuation used to draw lines.
func isDecoration(r rune) bool {
	switch {
	case unicode.IsSpace(r), r == '\u00a0', r == '\u3000', r == '\u200b', r == '\ufeff':
		return true
	case r >= 0x2500 && r <= 0x257F: // box drawing
		return true
	}
	return strings.ContainsRune("|｜¦-—–―_＿=＝+＋*＊·•・~～#＃.．:：/／\\＼", r)
}

// decorative reports whether a line has no text at all (blank lines too).
func decorative(line string) bool {
	for _, r := range line {
		if !isDecoration(r) {
			return false
		}
	}
	return true
}

// fitText returns r, or a shallow copy of it whose preamble and part texts
// have no decorative lines, no runs of blank lines, and at most
// MaxDocLines lines and MaxDocRunes characters, and whose findings are
// capped by fitFindings; cutting the text is reported through on (format
// names the output, e.g. "xlsx").
func fitText(r *model.Report, format string, on func(model.Finding)) *model.Report {
	r = fitCells(fitFindings(r), format, on)
	texts := make([]string, 7)
	texts[0] = r.Preamble
	for i, p := range r.Parts {
		texts[i+1] = p.Text
	}
	lines, runes := 0, 0
	cut := false
	droppedLines, droppedRunes := 0, 0
	changed := false
	for i, t := range texts {
		if t == "" {
			continue
		}
		var b strings.Builder
		blank := true // at the start: drop leading blank lines
		for _, line := range strings.Split(t, "\n") {
			if cut {
				if !decorative(line) {
					droppedLines++
					droppedRunes += utf8.RuneCountInString(line)
				}
				continue
			}
			if decorative(line) {
				// A blank line between paragraphs is kept (once); a line of
				// rules is treated as a blank line.
				if !blank && b.Len() > 0 {
					b.WriteByte('\n')
				}
				blank = true
				continue
			}
			n := utf8.RuneCountInString(line)
			if lines+1 > MaxDocLines || runes+n > MaxDocRunes {
				cut = true
				droppedLines++
				droppedRunes += n
				continue
			}
			if b.Len() > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(line)
			lines++
			runes += n
			blank = false
		}
		s := strings.TrimRight(b.String(), "\n")
		if s != t {
			changed = true
			texts[i] = s
		}
	}
	if !changed {
		return r
	}
	if cut {
		note := fmt.Sprintf("……（正文过长：以下 %d 段、%d 字未写入本文件；%s 输出最多写入 %d 段、%d 字的正文，完整内容见 JSON 输出）",
			droppedLines, droppedRunes, format, MaxDocLines, MaxDocRunes)
		last := 0
		for i, t := range texts {
			if t != "" {
				last = i
			}
		}
		texts[last] += "\n" + note
		if on != nil {
			on(model.Finding{ID: "WRITE-TEXT-LIMIT", Status: model.Warning,
				Message: fmt.Sprintf("正文过长（超过 %d 段或 %d 字），%s 输出只写入前 %d 段，其余 %d 段、%d 字未写入；完整内容见 JSON 输出", MaxDocLines, MaxDocRunes, format, lines, droppedLines, droppedRunes)})
		}
	}
	c := *r
	c.Preamble = texts[0]
	for i := range c.Parts {
		c.Parts[i].Text = texts[i+1]
	}
	return &c
}
