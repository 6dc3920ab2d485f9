package text

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/govreport/govreport/convert/input"
	"github.com/govreport/govreport/convert/match"
	"github.com/govreport/govreport/convert/model"
)

// The package's expressions are compiled on first use (sync.OnceValue):
// many reports need only some of them, and reading no text none.
var (
	reStatYear = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`统计[^。\n]{0,16}?(\d{4})\s*年\s*0?1\s*月\s*0?1\s*日`)
	})
	reYear     = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(\d{4})\s*年`) })
	reOpening  = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\s*(\d{4})\s*年度?\s*[,，]`) })
	reDateLine = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^[（(]?\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*[)）]?$`)
	})
	reISODate = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?:发布日期|发布时间|成文日期)\s*[:：]\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})`)
	})
	reCompiledBy = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`由([^，,。；;《》]{2,30}?)(?:负责)?编制`) })
	reContact    = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`请与([^，,。；;（(]{2,40}?)联系`) })
	// reSigOneLine is a signature with the agency and the date on one line.
	reSigOneLine = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(\S{3,40}?)[\s\x{3000}]+(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$`)
	})
)

// metaHeaderKeys name the "key: value" lines scrapers put above a page's text.
var metaHeaderKeys = []string{"标题", "发布时间", "发布日期", "文号", "发布机构", "栏目", "原文链接", "本地目录", "索引号", "来源", "成文日期"}

// metaHeader returns the key of a "标题: …" header line and the length of
// the "key:" prefix, or "", 0.
func metaHeader(t string) (string, int) {
	for _, k := range metaHeaderKeys {
		if !strings.HasPrefix(t, k) {
			continue
		}
		rest := strings.TrimLeft(t[len(k):], " \t")
		for _, colon := range []string{":", "："} {
			if strings.HasPrefix(rest, colon) {
				return k, len(t) - len(rest) + len(colon)
			}
		}
	}
	return "", 0
}

// officeSuffixes are units inside an agency that contact sentences name
// (请与XX办公室联系); they are cut to get the agency.
var officeSuffixes = []string{
	"政府信息公开工作领导小组办公室", "政府信息公开领导小组办公室", "政务公开工作领导小组办公室",
	"政务公开领导小组办公室", "政务公开办公室", "政府信息公开办公室", "党政办公室", "综合办公室",
	"政务公开办", "办公室",
}

// readMeta finds the title, agency, year and publish date; opts.Agency and
// opts.Year override what the text says.
func readMeta(r *model.Report, lines []line, parts [6]int, sig signature, opts input.Options) {
	m := &r.Meta
	// Title and header lines ("标题: …", "发布时间: …") at the top.
	m.Title = findTitle(lines, parts)
	var mm []string
	for i := 0; i < len(lines) && i < 30; i++ {
		t := lines[i].text
		if mm == nil && hasDateKey(t) {
			mm = reISODate().FindStringSubmatch(t)
		}
	}

	// Publish date: a 发布日期 line, else the signature date.
	if mm != nil {
		m.Published = isoDate(mm[1], mm[2], mm[3])
	} else if sig.date != "" {
		m.Published = sig.date
	}

	readYear(r, lines, parts)
	if opts.Year > 0 {
		src := model.YearSource{Source: "命令行", Year: opts.Year}
		m.YearSources = append([]model.YearSource{src}, m.YearSources...)
		m.Year = opts.Year
	}
	readAgency(r, lines, parts, sig, opts)
}

// hasDateKey reports whether t names a date the way reISODate needs:
// 发布日期, 发布时间 or 成文日期.
func hasDateKey(t string) bool {
	return containsFast(t, "发布日期") || containsFast(t, "发布时间") || containsFast(t, "成文日期")
}

// endsWithDay reports whether t ends the way reDateLine and reSigOneLine
// need: 日, then blanks and a closing bracket at most.
func endsWithDay(t string) bool {
	if !strings.HasSuffix(t, ")") {
		t = strings.TrimSuffix(t, "）")
	} else {
		t = t[:len(t)-1]
	}
	t = strings.TrimRight(t, " \t\n\f\r")
	return strings.HasSuffix(t, "日")
}

func isoDate(y, mo, d string) string {
	yi, _ := strconv.Atoi(y)
	mi, _ := strconv.Atoi(mo)
	di, _ := strconv.Atoi(d)
	if yi < 1990 || yi > 2200 || mi < 1 || mi > 12 || di < 1 || di > 31 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", yi, mi, di)
}

func plausibleYear(s string) int {
	y, err := strconv.Atoi(s)
	if err != nil || y < 2000 || y > 2100 {
		return 0
	}
	return y
}

// partText returns the text lines of part k (heading excluded), with line numbers.
func partLines(lines []line, parts [6]int, k int) []line {
	start := parts[k]
	if start < 0 {
		if k != 0 {
			return nil
		}
		start = -1 // part 一 without heading: from the top
	}
	end := len(lines)
	for j := k + 1; j < 6; j++ {
		if parts[j] >= 0 {
			end = parts[j]
			break
		}
	}
	if k == 0 && parts[0] < 0 && end == len(lines) {
		return nil
	}
	return lines[start+1 : end]
}

// readYear collects the report year from its sources, by priority:
// statistics period, title, first sentence of 总体情况, its narrative, and the
// publish date minus one. Disagreement becomes the YEAR check's failure.
func readYear(r *model.Report, lines []line, parts [6]int) {
	m := &r.Meta
	var src []model.YearSource
	add := func(kind string, y, n int, text string) {
		if y > 0 {
			src = append(src, model.YearSource{Source: kind, Year: y, Line: n, Text: text})
		}
	}
	limit := len(lines)
	for _, p := range parts[1:] {
		if p >= 0 {
			limit = p
			break
		}
	}
	for _, l := range lines[:limit] {
		if !strings.Contains(l.text, "统计") {
			continue
		}
		if mm := reStatYear().FindStringSubmatch(l.text); mm != nil {
			add("统计期限", plausibleYear(mm[1]), l.n, mm[0])
			break
		}
	}
	if mm := reYear().FindStringSubmatch(m.Title); mm != nil {
		add("标题", plausibleYear(mm[1]), 0, m.Title)
	}
	p1 := partLines(lines, parts, 0)
	first := true
	seen := map[int]bool{}
	for _, l := range p1 {
		t := trimSpace(l.text)
		if t == "" || l.used {
			continue
		}
		if first {
			first = false
			if mm := reOpening().FindStringSubmatch(t); mm != nil {
				add("总体情况首句", plausibleYear(mm[1]), l.n, mm[0])
				seen[plausibleYear(mm[1])] = true
				continue
			}
		}
		for _, ny := range narrativeYears(t) {
			if !seen[ny.year] {
				seen[ny.year] = true
				add("总体情况叙述", ny.year, l.n, ny.text)
			}
		}
	}
	if m.Published != "" {
		y, _ := strconv.Atoi(m.Published[:4])
		add("发布日期减一年", y-1, 0, m.Published)
	}
	m.YearSources = src
	if len(src) > 0 {
		m.Year = src[0].Year
	}
}

type yearMention struct {
	year int
	text string
}

// narrativeYears finds "2020年，" "2020年度，" and "2020年全年" in a line —
// the way 总体情况 sentences name the year they report on — without the
// mentions that are not (2019年5月15日起施行, 〔2021〕30号, 2022年将…).
// A hand scan: this runs on every line of part 一.
func narrativeYears(t string) []yearMention {
	var out []yearMention
	for i := 0; ; {
		j := indexFast(t[i:], "年")
		if j < 0 {
			return out
		}
		j += i
		i = j + len("年")
		k := j
		for k > 0 && t[k-1] == ' ' {
			k--
		}
		if k < 4 || !isDigits(t[k-4:k]) || (k > 4 && t[k-5] >= '0' && t[k-5] <= '9') {
			continue
		}
		rest := strings.TrimLeft(t[i:], " ")
		ok := false
		for _, suf := range []string{",", "，", "度,", "度，", "度 ,", "全年"} {
			if strings.HasPrefix(rest, suf) {
				ok = true
				rest = rest[len(suf):]
				break
			}
		}
		if y := plausibleYear(t[k-4 : k]); ok && y > 0 {
			out = append(out, yearMention{y, t[k-4 : len(t)-len(rest)]})
		}
	}
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// signature is the closing block: agency name and date on the last lines.
type signature struct {
	agency  string
	date    string
	lineIdx []int // indexes in lines of the signature lines
}

// findSignature looks at the last non-empty lines for a date line, optionally
// preceded by a short line that names the agency.
func findSignature(lines []line) signature {
	var s signature
	var idx []int
	for i := len(lines) - 1; i >= 0 && len(idx) < 3; i-- {
		if trimSpace(lines[i].text) != "" {
			idx = append(idx, i)
		}
	}
	sort.Ints(idx)
	for k := len(idx) - 1; k >= 0; k-- {
		t := trimSpace(lines[idx[k]].text)
		if !endsWithDay(t) {
			continue // neither expression can match
		}
		mm := reDateLine().FindStringSubmatch(t)
		if mm == nil {
			// Agency and date on one line: "某某局 2024年1月20日".
			if m2 := reSigOneLine().FindStringSubmatch(t); m2 != nil && agencyOnly(m2[1]) {
				s.agency = m2[1]
				s.date = isoDate(m2[2], m2[3], m2[4])
				s.lineIdx = []int{idx[k]}
				break
			}
			continue
		}
		s.date = isoDate(mm[1], mm[2], mm[3])
		s.lineIdx = []int{idx[k]}
		if k > 0 {
			p := trimSpace(lines[idx[k-1]].text)
			if n := len([]rune(p)); n >= 3 && n <= 40 && !strings.ContainsAny(p, "。，,；;：:|") && match.HanCount(p) >= n*2/3 {
				s.agency = p
				s.lineIdx = append([]int{idx[k-1]}, s.lineIdx...)
			}
		}
		break
	}
	return s
}
