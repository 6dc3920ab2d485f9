package text

import (
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/govreport/govreport/convert/input"
	"github.com/govreport/govreport/convert/match"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/zhconv"
)

// Agency sources, in order of trust; Meta.AgencySource holds one of them.
const (
	SourceOverride  = "命令行"    // --agency, --meta
	SourceTitle     = "标题"     // the report's title
	SourcePublisher = "发布机构"   // a crawler's "发布机构:" header line
	SourceSignature = "落款"     // the signature block at the end
	SourceCompiled  = "编制机关"   // "由…编制"
	SourceOpening   = "总体情况首句" // "2024年，平潭综合实验区坚持…"
	SourceContact   = "联系方式"   // "请与…联系"
	SourceFileName  = "文件名"    // 某某局2023年政府信息公开工作年度报告.pdf
)

var (
	// reTitleAgency takes the agency out of a title with its blanks removed:
	// {year}年{agency}…年度报告 or {agency}{year}年(度)…年度报告.
	reTitleAgency = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(?:关于)?(?:\d{4}年度?)?(.*?)(?:关于)?(?:\d{4}年度?)?(?:的)?政府信息公开(?:工作)?(?:年度)?报告`)
	})
	// reYearComma is the start of an opening sentence: "2024年，" "2024年度,".
	reYearComma = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^\s*\d{4}\s*年度?\s*[,，]\s*`) })
)

// openingStops are words that end the subject of an opening sentence
// ("2024年，平潭综合实验区坚持…"): what comes before is the agency.
var openingStops = []string{
	"政务公开", "政府信息公开", "信息公开", "坚持", "认真", "深入", "全面", "持续", "严格", "按照",
	"始终", "进一步", "高度重视", "紧紧围绕", "围绕", "聚焦", "贯彻", "扎实", "积极", "不断",
	"切实", "牢固", "立足", "结合", "通过", "根据", "强化", "大力", "着力", "继续", "主动",
	"依法", "共", "全年", "在", "以", "把", "将", "紧扣", "对照", "有序", "稳步",
}

// agencySuffixes are the endings of agency names; an opening-sentence
// subject must end with one to count as an agency.
var agencySuffixes = []string{
	"政府", "办公厅", "办公室", "委员会", "管委会", "管理委员会", "局", "委", "厅", "办", "处", "中心",
	"院", "所", "街道", "镇", "乡", "区", "县", "市", "州", "盟", "旗", "署", "会", "队", "站", "部", "馆", "社",
}

// findTitle returns the report's title: a "标题:" header, or the first
// short line at the top that reads as a title, joined with the line before
// or after when the title is split ("淮安市人民政府" / "2024 年政府信息公开
// 工作年度报告", "2024 年上海市科委政府信息公开工作" / "年度报告").
func findTitle(lines []line, parts [6]int) string {
	var top []string // short non-empty lines before part 一
	for i, l := range lines {
		if i > 12 || (parts[0] >= 0 && i >= parts[0]) {
			break
		}
		t := trimSpace(l.text)
		if t == "" {
			continue
		}
		if key, n := metaHeader(t); key != "" {
			if key == "标题" {
				if v := trimSpace(t[n:]); v != "" {
					return v
				}
			}
			continue
		}
		top = append(top, strings.TrimSpace(strings.TrimLeft(t, "#")))
	}
	titleLike := func(s string) bool {
		// A rune has at most four bytes: a longer text has more than
		// 60 runes without counting them.
		return len(s) <= 4*60 && utf8.RuneCountInString(s) <= 60 && !strings.ContainsAny(s, "。，,；;：:|")
	}
	for k, t := range top {
		if !titleLike(t) {
			continue
		}
		c := simplifiedKey(t)
		switch {
		case strings.Contains(c, "年度报告") || strings.HasSuffix(c, "政府信息公开工作报告"):
			// A bare title ("2024 年政府信息公开工作年度报告") may have the
			// agency on the line above ("淮安市人民政府").
			if mm := reTitleAgency().FindStringSubmatch(c); mm != nil && mm[1] == "" && k > 0 && agencyOnly(top[k-1]) {
				return squeeze(top[k-1]) + squeeze(t)
			}
			return squeeze(t)
		case strings.HasSuffix(c, "政府信息公开工作") || strings.HasSuffix(c, "政府信息公开工作年度") || strings.HasSuffix(c, "政府信息公开"):
			if k+1 < len(top) && titleLike(top[k+1]) {
				if n := simplifiedKey(top[k+1]); strings.HasSuffix(c+n, "年度报告") && utf8.RuneCountInString(n) <= 8 {
					return squeeze(t) + squeeze(top[k+1])
				}
			}
		}
	}
	return ""
}

// agencyOnly reports whether a top line is just an agency name: short, Han
// characters only, ending like an agency.
func agencyOnly(s string) bool {
	s = squeeze(s)
	n := utf8.RuneCountInString(s)
	return n >= 3 && n <= 30 && match.HanCount(s) == n && hasAgencySuffix(s)
}

// squeeze removes the blanks that spaced-out titles and PDF text put
// between characters ("2024 年上海市科委" → "2024年上海市科委"), keeping a
// blank between two Latin letters or digits.
func squeeze(s string) string {
	if !hasBlank(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	prev := rune(-1) // last character written
	gap := false     // blanks since it
	for _, r := range s {
		if r == ' ' || r == '\u3000' || r == '\u00a0' || r == '\t' {
			gap = prev >= 0
			continue
		}
		if gap && isLatinDigit(prev) && isLatinDigit(r) {
			b.WriteByte(' ')
		}
		gap = false
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}

// squeezedIs reports whether squeeze(s) == t, without squeezing when the
// lengths decide: squeeze keeps every byte that is not a blank (an invalid
// one becomes the three of U+FFFD), and adds nothing but single spaces.
func squeezedIs(s, t string) bool {
	// The bytes squeeze keeps are counted up to one more than t has (a
	// line of prose against a short title stops at once).
	kept := 0
	for i := 0; i < len(s); {
		switch c := s[i]; {
		case c == ' ' || c == '\t':
			i++
		case c == 0xE3 && strings.HasPrefix(s[i:], "\u3000"):
			i += len("\u3000")
		case c == 0xC2 && strings.HasPrefix(s[i:], "\u00a0"):
			i += len("\u00a0")
		default:
			if kept++; kept > len(t) {
				return false
			}
			i++
		}
	}
	return squeeze(s) == t
}

// hasBlank reports whether s holds a blank squeeze removes (strings.ContainsAny
// with those four, without decoding every rune).
func hasBlank(s string) bool {
	return strings.IndexByte(s, ' ') >= 0 || strings.IndexByte(s, '\t') >= 0 ||
		strings.Contains(s, "\u3000") || strings.Contains(s, "\u00a0")
}

func isLatinDigit(r rune) bool {
	return r < utf8.RuneSelf && unicode.IsLetter(r)
}

// simplifiedKey is s without blanks and in simplified script, for
// recognising title patterns whatever the script.
func simplifiedKey(s string) string {
	s = model.FoldWidth(squeeze(s))
	if zhconv.IsLikelyTraditional(s) {
		s = zhconv.ToSimplified(s)
	}
	return s
}

// agencyCandidate is one reading of the agency and where it came from.
type agencyCandidate struct {
	name, source string
}

// readAgency collects the agency from every source, in order of trust
// (Source* constants), keeps the most trusted one in simplified script
// without scraping noise, and lists the sources in a META-AGENCY finding
// when they disagree.
func readAgency(r *model.Report, lines []line, parts [6]int, sig signature, opts input.Options) {
	m := &r.Meta
	var cands []agencyCandidate
	add := func(a, src string) {
		if a = normAgency(a); a != "" {
			cands = append(cands, agencyCandidate{a, src})
		}
	}
	if opts.Agency != "" {
		add(opts.Agency, SourceOverride)
	}
	if mm := reTitleAgency().FindStringSubmatch(simplifiedKey(m.Title)); mm != nil {
		add(titleAgency(mm[1]), SourceTitle)
	}
	for i, l := range lines {
		if i > 30 {
			break
		}
		// Header lines one by one: an empty "发布机构:" must not take the
		// next line ("栏目: …").
		if key, n := metaHeader(trimSpace(l.text)); key == "发布机构" {
			add(trimSpace(trimSpace(l.text)[n:]), SourcePublisher)
		}
	}
	if sig.agency != "" {
		add(sig.agency, SourceSignature)
	}
	// The first lines are searched as one text (a sentence may wrap). Only
	// the lines a match can lie on are joined: a match of reCompiledBy
	// ends with 编制 and starts at most 33 characters (line ends included)
	// before it, one of reContact starts with 请与 and ends with 联系;
	// none of these words can span a line end, and neither expression has
	// anchors, so the match is the one in all the lines joined.
	head := lines[:min(len(lines), 41)]
	if mm := compiledBy(head); mm != nil {
		add(mm[1], SourceCompiled)
	}
	for _, l := range partLines(lines, parts, 0) {
		if t := trimSpace(l.text); t != "" && !l.used {
			if a := openingAgency(t); a != "" {
				add(a, SourceOpening)
			}
			break
		}
	}
	contact := ""
	if mm := contactSentence(head); mm != nil {
		a := mm[1]
		for _, suf := range officeSuffixes {
			if strings.HasSuffix(a, suf) && len(a) > len(suf) {
				a = strings.TrimSuffix(a, suf)
				break
			}
		}
		contact = normAgency(a)
		add(a, SourceContact)
	}
	if a := fileNameAgency(opts.Name); a != "" {
		add(a, SourceFileName)
	}
	if len(cands) == 0 {
		r.AddFinding(model.Finding{ID: "META-AGENCY", Status: model.Warning, Message: "未能从标题、落款或正文中找到发布机关名称"})
		return
	}
	m.Agency, m.AgencySource = cands[0].name, cands[0].source
	if cands[0].source == SourceContact {
		r.AddFinding(model.Finding{ID: "META-AGENCY", Status: model.Info,
			Message: fmt.Sprintf("机关名称“%s”取自“请与…联系”一句，可能是承办科室而不是发布机关，请核对", contact)})
	}
	if cands[0].source == SourceOverride {
		return
	}
	// Disagreement: a source naming another agency (not the same name
	// longer or shorter, as 淮安市人民政府 / 淮安市人民政府办公室).
	var others []string
	seen := map[string]bool{cands[0].name: true}
	for _, c := range cands[1:] {
		if seen[c.name] || strings.Contains(c.name, cands[0].name) || strings.Contains(cands[0].name, c.name) {
			continue
		}
		seen[c.name] = true
		others = append(others, fmt.Sprintf("%s“%s”", c.source, c.name))
	}
	if len(others) > 0 {
		r.AddFinding(model.Finding{ID: "META-AGENCY", Status: model.Warning,
			Message: fmt.Sprintf("各处写的机关名称不一致：%s“%s”，%s；采用%s的写法，请核对", cands[0].source, cands[0].name, strings.Join(others, "，"), cands[0].source)})
	}
}

// maxCompiledBack is how many lines before its 编制 a match of
// reCompiledBy can start (由, 30 characters, 负责: each line end is one).
const maxCompiledBack = 33

// compiledBy is reCompiledBy's match in the lines joined.
func compiledBy(lines []line) []string {
	from, to := wordLines(lines, "编制", "编制")
	if from < 0 {
		return nil
	}
	return reCompiledBy().FindStringSubmatch(joinLines(lines[max(0, from-maxCompiledBack) : to+1]))
}

// contactSentence is reContact's match in the lines joined.
func contactSentence(lines []line) []string {
	from, to := wordLines(lines, "请与", "联系")
	if from < 0 || to < from {
		return nil
	}
	return reContact().FindStringSubmatch(joinLines(lines[from : to+1]))
}

// wordLines returns the first line of lines with the word first and the
// last one with the word last, -1 for none.
func wordLines(lines []line, first, last string) (int, int) {
	from, to := -1, -1
	for i, l := range lines {
		if first == last {
			// One word: one search a line.
			if containsFast(l.text, first) {
				if from < 0 {
					from = i
				}
				to = i
			}
			continue
		}
		if from < 0 && containsFast(l.text, first) {
			from = i
		}
		if containsFast(l.text, last) {
			to = i
		}
	}
	return from, to
}

// joinLines joins the lines' text with line feeds.
func joinLines(lines []line) string {
	if len(lines) == 1 {
		return lines[0].text
	}
	n := len(lines) - 1
	for _, l := range lines {
		n += len(l.text)
	}
	var b strings.Builder
	b.Grow(n)
	for i, l := range lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l.text)
	}
	return b.String()
}

// openingAgency returns the subject of an opening sentence that names the
// agency: "2024年，平潭综合实验区坚持…" → 平潭综合实验区. "我区…", "本局…"
// name no one.
func openingAgency(t string) string {
	loc := reYearComma().FindStringIndex(t)
	if loc == nil {
		return ""
	}
	rest := t[loc[1]:]
	end := len(rest)
	for i, r := range rest {
		if !unicode.Is(unicode.Han, r) {
			end = i
			break
		}
	}
	subj := rest[:end]
	cut := len(subj)
	for _, w := range openingStops {
		k := strings.Index(subj, w)
		if k == 0 {
			// "2023年，在县委、县政府的领导下，…": no subject here.
			return ""
		}
		if k > 0 && k < cut {
			cut = k
		}
	}
	subj = subj[:cut]
	if n := utf8.RuneCountInString(subj); n < 2 || n > 24 || !hasAgencySuffix(subj) {
		return ""
	}
	return subj
}

func hasAgencySuffix(s string) bool {
	for _, suf := range agencySuffixes {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}

// fileNameAgency takes the agency out of a file name that is the report's
// title (某某局2023年政府信息公开工作年度报告.pdf).
func fileNameAgency(name string) string {
	base := filepath.Base(strings.ReplaceAll(name, "\\", "/"))
	base = strings.TrimSuffix(base, filepath.Ext(base))
	base = simplifiedKey(base)
	if !strings.Contains(base, "政府信息公开") {
		return ""
	}
	if mm := reTitleAgency().FindStringSubmatch(base); mm != nil {
		return titleAgency(mm[1])
	}
	return ""
}

// titleAgency completes the agency cut out of a title: in
// "某镇人民政府信息公开工作年度报告" the 政府 of 人民政府 is also the 政府 of
// 政府信息公开.
func titleAgency(a string) string {
	if strings.HasSuffix(a, "人民") {
		return a + "政府"
	}
	return a
}

// NormalizeAgency cleans an agency name the way the text reader does (see
// normAgency); other readers and the CLI's overrides use it.
func NormalizeAgency(a string) string { return normAgency(a) }

// normAgency cleans an agency name: simplified script, no blanks, no
// Latin letters (pinyin, "(qū)"), no brackets or punctuation around it,
// and no doubled words (北城区北城区, 街道办事处街道办事处). It returns ""
// when what is left does not look like a name.
func normAgency(a string) string {
	a = model.FoldWidth(a)
	if zhconv.IsLikelyTraditional(a) {
		a = zhconv.ToSimplified(a)
	}
	var b strings.Builder
	for _, r := range a {
		switch {
		case unicode.IsSpace(r), r == '\u00a0', r == '\u3000', r == '\u200b', r == '\ufeff':
		case r < utf8.RuneSelf && unicode.IsLetter(r):
		case r >= 'à' && r <= 'ǜ' && strings.ContainsRune(toneVowels, r):
		default:
			b.WriteRune(r)
		}
	}
	a = strings.ReplaceAll(b.String(), "()", "")
	a = strings.Trim(a, ":：,，、。;；\"“”'‘’《》<>[]【】()（）-—_·.")
	a = undouble(a)
	if match.HanCount(a) < 2 || strings.HasPrefix(a, "我") || strings.HasPrefix(a, "本") {
		return ""
	}
	return a
}

// undouble removes a word repeated right after itself (at least two
// characters), as scrapers and templates produce: 北城区街道办事处街道办事处
// → 北城区街道办事处.
func undouble(s string) string {
	rs := []rune(s)
	for changed := true; changed; {
		changed = false
		for n := len(rs) / 2; n >= 2 && !changed; n-- {
			for i := 0; i+2*n <= len(rs); i++ {
				if slices.Equal(rs[i:i+n], rs[i+n:i+2*n]) {
					rs = append(rs[:i+n], rs[i+2*n:]...)
					changed = true
					break
				}
			}
		}
	}
	return string(rs)
}
