package text

import (
	"fmt"
	"io"
	"strings"

	"github.com/govreport/govreport/convert/input"
	"github.com/govreport/govreport/convert/match"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/templates"
)

// MaxSize is the largest input the reader accepts (input.MaxSize).
const MaxSize = input.MaxSize

// Source maps the lines of a text rendered by another reader (HTML, PDF,
// Word: see package grid) back to the original input.
type Source struct {
	// Lines gives, for each line of the text, the 1-based line of the
	// original source it came from; findings then point into that file.
	Lines []int
	// Cells gives, for each line that is a pipe row, the source position of
	// each of its cells (grid.Pos.String()); cells read from it carry it as
	// their Ref and findings name it instead of a line number.
	Cells [][]string
}

// ParseError is the reader's hard failure type.
type ParseError = model.ParseError

// Read decodes r (any common Chinese encoding) and reads the report in it.
func Read(r io.Reader, opts input.Options) (*model.Report, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, opts.Errorf("读取失败：%v", err)
	}
	return ReadBytes(b, opts)
}

// ReadBytes is Read for input already in memory.
func ReadBytes(b []byte, opts input.Options) (*model.Report, error) {
	s, enc, err := input.Decode(b, opts)
	if err != nil {
		return nil, err
	}
	rep, err := ReadString(s, opts)
	if rep != nil {
		rep.Meta.Encoding = string(enc)
	}
	return rep, err
}

// ReadString reads a report from already decoded text.
func ReadString(s string, opts input.Options) (*model.Report, error) {
	return ReadMapped(s, Source{}, opts)
}

// ReadMapped reads a report from text rendered by another reader, with src
// mapping its lines and cells back to the original input (package grid).
func ReadMapped(s string, src Source, opts input.Options) (*model.Report, error) {
	if trimSpace(s) == "" {
		return nil, &ParseError{File: opts.Name, Msg: "文件为空"}
	}
	lines, pinyin := splitLines(s)
	for i := range lines {
		if i < len(src.Lines) {
			lines[i].n = src.Lines[i]
		}
		if i < len(src.Cells) {
			lines[i].refs = src.Cells[i]
		}
	}
	lines = splitInlineHeadings(lines)
	r := &model.Report{Cells: map[string]*model.Cell{}}
	r.Meta.Source = opts.Name
	if pinyin > 0 {
		r.AddFinding(model.Finding{ID: "READ-PINYIN", Status: model.Info,
			Message: fmt.Sprintf("已去除抓取时混入的拼音注音 %d 处（如“区(qū)”）", pinyin)})
	}
	parts := findParts(lines)

	// Table regions: part 二 → t2, 三 → t3, 四 → t4; when headings are
	// missing, the tables are searched in the whole span they could be in.
	regions := tableRegions(lines, parts)
	counts := map[string]int{}
	var toks [3][]token
	for k := 0; k < 3; k++ {
		if regions[k][0] < regions[k][1] {
			toks[k] = tokenize(lines, regions[k][0], regions[k][1], counts)
		}
	}
	r.Meta.Layout = layoutName(counts)
	found := len(toks[0])+len(toks[1])+len(toks[2]) > 0

	sig := findSignature(lines)
	ed, signals := detectEdition(toks)
	r.Meta.Edition = ed
	r.Meta.EditionSignals = signals
	if !ed.HasTables() && found {
		// Labels did not tell: try both specs on table 三 and keep the one
		// that places more rows.
		ed = guessEdition(toks, r)
	}
	if ed.HasTables() {
		r.Meta.Edition = ed
		readTables(r, ed, toks)
	}
	readMeta(r, lines, parts, sig)

	if !r.Meta.Edition.HasTables() {
		if parts[1] < 0 && parts[2] < 0 && parts[3] < 0 && !isLegacy(lines) && parts[0] < 0 && parts[4] < 0 {
			return nil, &ParseError{File: opts.Name, Msg: "未识别为政府信息公开工作年度报告：既没有“一、总体情况”等六部分标题，也没有统一格式的表格"}
		}
		if isLegacy(lines) {
			r.Meta.Edition = model.EditionLegacy
			r.AddFinding(model.Finding{ID: "TABLES-MISSING", Status: model.Warning,
				Message: "这是2019年以前结构的报告（概述/主动公开/依申请公开/收费/复议诉讼/问题改进），没有统一格式的表格；只读取了元数据和正文"})
		} else {
			r.Meta.Edition = model.EditionUnknown
			r.AddFinding(model.Finding{ID: "TABLES-MISSING", Status: model.Warning,
				Message: "未找到统一格式的表格（二、三、四）：报告可能只有文字叙述；只读取了元数据和正文"})
		}
	}
	fillParts(r, lines, parts, sig)
	return r, nil
}

func isMetaHeader(t string) bool {
	k, _ := metaHeader(t)
	return k != ""
}

// tableRegions returns [from, to) line ranges for tables 二, 三 and 四.
func tableRegions(lines []line, parts [6]int) [3][2]int {
	var reg [3][2]int
	next := func(k int) int {
		for j := k + 1; j < 6; j++ {
			if parts[j] >= 0 {
				return parts[j]
			}
		}
		return len(lines)
	}
	if parts[1] >= 0 && parts[2] >= 0 && parts[3] >= 0 {
		for k := 0; k < 3; k++ {
			reg[k] = [2]int{parts[k+1] + 1, next(k + 1)}
		}
		return reg
	}
	// Some headings are missing: every table is looked for from the first
	// table heading found (or the end of part 一, or the top) to part 五.
	from := 0
	for k := 1; k <= 3; k++ {
		if parts[k] >= 0 {
			from = parts[k] + 1
			break
		}
	}
	if from == 0 && parts[0] >= 0 {
		from = parts[0] + 1
	}
	to := len(lines)
	for k := 4; k < 6; k++ {
		if parts[k] >= 0 {
			to = parts[k]
			break
		}
	}
	if to < from {
		to = from
	}
	for k := 0; k < 3; k++ {
		reg[k] = [2]int{from, to}
	}
	// The regions overlap: tokenize only once.
	reg[1], reg[2] = [2]int{to, to}, [2]int{to, to}
	return reg
}

func layoutName(counts map[string]int) string {
	best, n := LayoutNone, 0
	for _, k := range []string{LayoutCellLines, LayoutPipeRows, LayoutWhitespace, LayoutGlued} {
		if counts[k] > n {
			best, n = k, counts[k]
		}
	}
	return best
}

// editionSignatures are labels that exist in one edition only (docs/format.md).
var editionSignatures = map[model.Edition][]string{
	model.Edition2019: {"本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "其他对外管理服务事项",
		"第二十条第（九）项", "采购项目数量", "采购总金额", "政府集中采购"},
	model.Edition2021: {"本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额（单位：万元）",
		"1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
		"2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"},
}

var signatureIndex = func() map[model.Edition]*match.Index {
	out := map[model.Edition]*match.Index{}
	for ed, list := range editionSignatures {
		var labels []match.Label
		for _, s := range list {
			labels = append(labels, match.New(s))
		}
		out[ed] = match.NewIndex(labels, nil)
	}
	return out
}()

// detectEdition counts edition-specific labels among the table tokens.
func detectEdition(toks [3][]token) (model.Edition, map[model.Edition][]string) {
	signals := map[model.Edition][]string{}
	seen := map[string]bool{}
	for _, list := range toks {
		for _, tk := range list {
			if !tk.isLabel {
				continue
			}
			for _, ed := range templates.Editions() {
				if ids, s := signatureIndex[ed].Find(*tk.label); s >= match.Prefix {
					name := editionSignatures[ed][ids[0]]
					if !seen[string(ed)+name] {
						seen[string(ed)+name] = true
						signals[ed] = append(signals[ed], name)
					}
				}
			}
		}
	}
	n19, n21 := len(signals[model.Edition2019]), len(signals[model.Edition2021])
	switch {
	case n19 == 0 && n21 == 0:
		return model.EditionUnknown, signals
	case n21 > n19:
		return model.Edition2021, signals
	case n19 > n21:
		return model.Edition2019, signals
	default:
		return model.EditionUnknown, signals
	}
}

// guessEdition tries both editions' table 三 when no edition-specific label
// was seen, and keeps the one that places more rows.
func guessEdition(toks [3][]token, r *model.Report) model.Edition {
	best, bestN := model.EditionUnknown, 0
	for _, ed := range templates.Editions() {
		scratch := &model.Report{Cells: map[string]*model.Cell{}}
		tr := newTableReader(ed, "t3", scratch)
		tr.readRows(append(append([]token{}, toks[1]...), toks[0]...))
		if tr.found > bestN {
			best, bestN = ed, tr.found
		}
	}
	if best.HasTables() {
		r.AddFinding(model.Finding{ID: "EDITION", Status: model.Uncertain,
			Message: fmt.Sprintf("表格中没有只属于某一版格式的标签，按表三的行结构判断为%s版", best)})
	}
	return best
}

// readTables assigns the tokens of the three table regions to field keys and
// marks every key of the edition that was not found.
func readTables(r *model.Report, ed model.Edition, toks [3][]token) {
	set := templates.Default()
	// When part headings were missing, tableRegions put every table token
	// in toks[0]; each table then looks through all of them.
	shared := len(toks[1]) == 0 && len(toks[2]) == 0
	for k, id := range []string{"t2", "t3", "t4"} {
		tr := newTableReader(ed, id, r)
		in := toks[k]
		if shared {
			in = toks[0]
		}
		if id == "t4" {
			if shared {
				in = t4Tokens(toks[0])
			}
			tr.readValueRow(in)
		} else {
			tr.readRows(in)
		}
		t := set.Table(ed, id)
		if tr.found == 0 {
			r.AddFinding(model.Finding{ID: "TABLE-MISSING", Status: model.Warning, Keys: t.Keys,
				Message: fmt.Sprintf("未找到表格“%s”的数据", t.Title)})
		}
	}
	var missing []string
	for _, key := range set.Keys(ed) {
		if _, ok := r.Cells[key]; !ok {
			r.Cells[key] = &model.Cell{Key: key, Kind: model.KindMissing}
			missing = append(missing, key)
		}
	}
	if len(missing) > 0 && len(missing) < len(set.Keys(ed)) {
		r.AddFinding(model.Finding{ID: "READ-MISSING", Status: model.Warning, Keys: missing,
			Message: fmt.Sprintf("有 %d 个单元格在原文中没有找到：%s", len(missing), labelList(set, ed, missing, 6))})
	}
}

// t4Tokens returns the tokens from the first table-四 header on.
func t4Tokens(all []token) []token {
	tm := tableMatchers(model.Edition2019, "t4")
	for i, tk := range all {
		if tk.isLabel {
			if _, s := match.Best(*tk.label, tm.headers[:2]); s >= match.Body { // 行政复议, 行政诉讼
				return all[i:]
			}
		}
	}
	return nil
}

func labelList(set *templates.Set, ed model.Edition, keys []string, max int) string {
	var out []string
	for i, k := range keys {
		if i == max {
			out = append(out, fmt.Sprintf("等共 %d 个", len(keys)))
			break
		}
		out = append(out, set.Label(ed, k))
	}
	return strings.Join(out, "；")
}

// fillParts stores the preamble and the six parts' prose: lines not consumed
// by tables, without the title, header lines and the signature.
func fillParts(r *model.Report, lines []line, parts [6]int, sig signature) {
	skip := map[int]bool{}
	for _, i := range sig.lineIdx {
		skip[i] = true
	}
	collect := func(from, to int) string {
		var b []string
		for i := from; i < to; i++ {
			l := lines[i]
			if l.used || skip[i] {
				continue
			}
			t := trimSpace(l.text)
			if t == "" {
				continue
			}
			if i < 12 && (t == r.Meta.Title || strings.TrimSpace(strings.TrimLeft(t, "#")) == r.Meta.Title || isMetaHeader(t) || strings.HasPrefix(t, "====")) {
				continue
			}
			b = append(b, t)
		}
		return strings.Join(b, "\n")
	}
	first := len(lines)
	for k := 0; k < 6; k++ {
		if parts[k] >= 0 {
			first = parts[k]
			break
		}
	}
	for k := 0; k < 6; k++ {
		end := len(lines)
		for j := k + 1; j < 6; j++ {
			if parts[j] >= 0 {
				end = parts[j]
				break
			}
		}
		if parts[k] >= 0 {
			r.Parts[k] = model.Part{Heading: trimSpace(lines[parts[k]].text), Line: lines[parts[k]].n, Text: collect(parts[k]+1, end)}
		}
	}
	if parts[0] < 0 && first < len(lines) {
		// No 一、 heading: what precedes part 二 is 总体情况 (seed 000).
		r.Parts[0] = model.Part{Text: collect(0, first)}
		r.AddFinding(model.Finding{ID: "READ-NO-HEADING", Status: model.Info,
			Message: "没有“一、总体情况”标题，已把第二部分之前的文字作为总体情况"})
	} else if parts[0] >= 0 {
		r.Preamble = collect(0, parts[0])
	} else {
		r.Preamble = collect(0, len(lines))
	}
}
