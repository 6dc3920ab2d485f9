package compare

import (
	"strings"
	"sync"
	"unicode"

	"github.com/govreport/govreport/convert/zhconv"
)

// minSentence is the shortest normalised sentence (in characters) that
// counts: shorter pieces ("无。", sub-heads such as "（二）依申请公开方面")
// say nothing about reuse.
const minSentence = 12

// boilerplate are sentences every report may copy from the official notice
// and form (国办公开办函〔2019〕60号 and 〔2021〕30号) or from the law; they
// are left out of the reuse ratio. Each is matched on the normalised
// sentence (numbers replaced by #) as a prefix. Normalised on first use:
// normalising loads the traditional-to-simplified tables, which a process
// that never compares should not pay for at start-up.
var boilerplate = sync.OnceValue(func() []string {
	return normAll(
		"本报告根据《中华人民共和国政府信息公开条例》",
		"本报告依据《中华人民共和国政府信息公开条例》",
		"根据《中华人民共和国政府信息公开条例》",
		"依据《中华人民共和国政府信息公开条例》",
		"本年度报告中使用数据统计期限为",
		"本报告中所列数据的统计期限自",
		"本报告所列数据的统计期限自",
		"本报告中使用数据统计期限为",
		"统计期限从",
		"本年度报告的电子版可以在",
		"本报告电子版可在",
		"如对本报告有任何疑问",
		"如对本年度报告有疑问",
		"全文包括总体情况",
		"本报告由总体情况",
		"本年度报告由总体情况",
		"本年度未收取信息处理费",
		"本年度没有收取信息处理费",
		"未收取信息处理费",
		"无其他需要报告的事项",
	)
})

func normAll(list ...string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = normalize(s)
	}
	return out
}

// sentences cuts a part's text at 。！？； and line breaks.
func sentences(s string) []string {
	var out []string
	start := 0
	for i, r := range s {
		if strings.ContainsRune("。！？；!?;\n", r) {
			if t := strings.TrimSpace(s[start:i]); t != "" {
				out = append(out, t)
			}
			start = i + len(string(r))
		}
	}
	if t := strings.TrimSpace(s[start:]); t != "" {
		out = append(out, t)
	}
	return out
}

// normalize makes two spellings of one sentence equal: simplified script,
// no punctuation or spaces, every run of digits (ASCII, full-width or
// Chinese numerals) one '#', so that a sentence copied with this year's
// numbers still counts as reused.
func normalize(s string) string {
	s = zhconv.ToSimplified(s)
	var b strings.Builder
	inNum := false
	for _, r := range s {
		switch {
		case unicode.IsDigit(r) || strings.ContainsRune("零〇一二三四五六七八九十百千万亿两", r) || r == '.' && inNum:
			if !inNum {
				b.WriteByte('#')
				inNum = true
			}
			continue
		case unicode.IsPunct(r) || unicode.IsSpace(r) || unicode.IsSymbol(r):
			// punctuation does not end a number run: "1,234" is one number
			if !(inNum && r == ',') {
				inNum = false
			}
			continue
		}
		inNum = false
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

func isBoilerplate(n string) bool {
	for _, p := range boilerplate() {
		if strings.HasPrefix(n, p) {
			return true
		}
	}
	return false
}

// reuse measures how many sentences of b were already in a.
func reuse(a, b string) Reuse {
	have := map[string]bool{}
	for _, s := range sentences(a) {
		if n := normalize(s); len([]rune(n)) >= minSentence {
			have[n] = true
		}
	}
	var r Reuse
	seen := map[string]bool{}
	for _, s := range sentences(b) {
		n := normalize(s)
		switch {
		case len([]rune(n)) < minSentence:
			continue
		case isBoilerplate(n):
			r.Boilerplate++
			continue
		}
		r.Sentences++
		if have[n] {
			r.Reused++
			if !seen[n] {
				seen[n] = true
				r.List = append(r.List, s)
			}
		}
	}
	return r
}
