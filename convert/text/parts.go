package text

import (
	"strings"
	"unicode/utf8"

	"github.com/govreport/govreport/convert/match"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/zhconv"
)

// partKeywords are words one of which a heading of part i must contain.
var partKeywords = [6][]string{
	{"总体情况", "概述", "总体", "基本情况"},
	{"主动公开"},
	{"收到和处理", "依申请公开", "申请公开", "受理"},
	{"复议", "诉讼"},
	{"问题", "改进", "不足"},
	{"其他需要报告", "其他事项", "其他"},
}

// legacyKeywords are headings of the pre-2019 structure
// (概述 / 主动公开 / 依申请公开 / 收费 / 复议诉讼 / 问题改进).
var legacyKeywords = []string{"依申请公开", "收费及减免", "收费和减免", "收费情况", "申请行政复议", "概述"}

// headingNumber returns the part number (0–5) a line is the heading of, or -1.
// The line must be short, start with the part's ordinal followed by 、 . ．
// or a space, and contain one of the part's keywords. Table 三's own rows
// (一、本年新收…, 三、本年度办理结果, 四、结转下年度继续办理) carry no such
// keyword, and the caller additionally requires headings in increasing order.
func headingNumber(text string) int {
	if text != "" && leadsNonBlank(text[0]) {
		// Nothing to trim in front: the first character decides at once
		// (一 … 六 are encoded from E4 or E5).
		if c := text[0]; c != 0xE4 && c != 0xE5 {
			return -1
		}
		if r, _ := utf8.DecodeRuneInString(text); !isPartNumeral(r) {
			return -1
		}
	}
	t := trimSpace(text)
	t = strings.TrimLeft(t, "#* ")
	t = strings.TrimSpace(t)
	if t == "" || strings.HasSuffix(t, "|") || strings.HasPrefix(t, "|") || len(t) > 160 {
		return -1
	}
	// Cheap filter: a heading starts with a numeral 一 … 六 (the same bytes in
	// traditional script).
	if r, _ := utf8.DecodeRuneInString(t); !isPartNumeral(r) {
		return -1
	}
	if n := len([]rune(t)); n > 40 || n < 3 {
		return -1
	}
	t = model.FoldWidth(t)
	if zhconv.IsLikelyTraditional(t) {
		t = zhconv.ToSimplified(t)
	}
	num := -1
	for i, d := range []string{"一", "二", "三", "四", "五", "六"} {
		if strings.HasPrefix(t, d) {
			num = i
			t = t[len(d):]
			break
		}
	}
	if num < 0 {
		return -1
	}
	switch {
	case strings.HasPrefix(t, "、"):
		t = t[len("、"):]
	case strings.HasPrefix(t, "."), strings.HasPrefix(t, " "), strings.HasPrefix(t, ","):
		t = t[1:]
	default:
		return -1
	}
	for _, kw := range partKeywords[num] {
		if strings.Contains(t, kw) {
			return num
		}
	}
	return -1
}

// isPartNumeral reports whether r is one of the numerals of the six parts,
// 一 … 六 (the same in traditional script).
func isPartNumeral(r rune) bool {
	switch r {
	case '一', '二', '三', '四', '五', '六':
		return true
	}
	return false
}

// leadsNonBlank reports whether a text starting with byte c starts with a
// character no trimming removes (blanks, "#", "*"): printable ASCII other
// than those, or the lead byte of a CJK ideograph (U+4000 … U+9FFF).
func leadsNonBlank(c byte) bool {
	return c > ' ' && c < 0x7F && c != '#' && c != '*' || c >= 0xE4 && c <= 0xE9
}

// findParts returns, for each part, the index in lines of its heading, or -1.
// Headings must come in increasing order; a candidate for part k is accepted
// only after the heading of every found part before it.
func findParts(lines []line) [6]int {
	var at [6]int
	for i := range at {
		at[i] = -1
	}
	last := -1
	for i, l := range lines {
		k := headingNumber(l.text)
		if k < 0 || k <= last {
			continue
		}
		// Do not skip more than two parts at once: a stray "五、…问题" line
		// inside part 一 must not swallow parts 二–四.
		if k-last > 3 {
			continue
		}
		at[k] = i
		last = k
	}
	return at
}

// isLegacy reports whether the text looks like a pre-2019 report.
func isLegacy(lines []line) bool {
	hits := 0
	for _, l := range lines {
		t := trimSpace(l.text)
		if len([]rune(t)) > 40 {
			continue
		}
		c := match.Core(t)
		for _, kw := range legacyKeywords {
			if strings.Contains(c, kw) {
				hits++
				break
			}
		}
	}
	return hits >= 2
}
