package text

import (
	"fmt"
	"github.com/govreport/govreport/convert/oserr"
	"io"
	"strings"

	"github.com/govreport/govreport/convert/input"
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
		return nil, opts.Errorf("读取失败（%s）", oserr.Message(err))
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
		// Input that decoded to itself is valid UTF-8 and has no stray
		// bytes: StrayFindings would validate it a second time.
		if s != string(b) {
			for _, f := range input.StrayFindings(b, enc) {
				rep.AddFinding(f)
			}
		}
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
	defer putLines(lines) // the slice splitLines made, whatever lines becomes
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
	set := opts.SpecSet()

	// Table regions: the part each table is in (二 → t2, 三 → t3, 四 → t4
	// in the official editions); when headings are missing, the tables are
	// searched in the whole span they could be in.
	tp := set.TableParts()
	regions := tableRegions(lines, parts, tp)
	var counts layoutCounts
	toks := make([][]token, len(tp))
	found := false
	scan := scanner(set)
	// The tokens of every region share one slice, reused by the next read.
	n := 0
	for k := range tp {
		n += max(0, regions[k][1]-regions[k][0])
	}
	buf := getTokens(n)
	defer func() { putTokens(buf) }()
	for k := range tp {
		if regions[k][0] < regions[k][1] {
			start := len(buf)
			buf = tokenize(buf, lines, regions[k][0], regions[k][1], &counts, scan)
			toks[k] = buf[start:len(buf):len(buf)]
			found = found || len(toks[k]) > 0
		}
	}
	markTableResidue(set, lines, regions)
	r.Meta.Layout = layoutName(counts)

	sig := findSignature(lines)
	ed, signals := detectEdition(set, toks)
	r.Meta.Edition = ed
	r.Meta.EditionSignals = signals
	if !set.Has(ed) && found {
		// Labels did not tell: try every edition's deciding table and keep
		// the one that places more rows.
		ed = guessEdition(set, tp, toks, r)
	}
	if set.Has(ed) {
		r.Meta.Edition = ed
		readTables(set, tp, r, ed, toks)
	}
	readMeta(r, lines, parts, sig, opts)

	if !set.Has(r.Meta.Edition) {
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
	markAbsent(set, r)
	return r, nil
}

// markAbsent sets Part.Absent on the parts the report has nothing for: no
// text, and for a part with tables (in the report's edition) no cell of
// them either.
func markAbsent(set *templates.Set, r *model.Report) {
	var tables []*templates.Table
	if set.Has(r.Meta.Edition) {
		tables = set.Tables(r.Meta.Edition)
	}
	for k := range r.Parts {
		p := &r.Parts[k]
		if p.Text != "" {
			continue
		}
		has := false
		for _, t := range tables {
			if t.Ref.Part != k+1 {
				continue
			}
			for _, key := range t.Keys {
				if c := r.Cells[key]; c != nil && c.Kind != model.KindMissing {
					has = true
					break
				}
			}
		}
		if !has {
			p.Absent = true
		}
	}
}

func isMetaHeader(t string) bool {
	k, _ := metaHeader(t)
	return k != ""
}

func layoutName(c layoutCounts) string {
	best, n := LayoutNone, 0
	for _, k := range []struct {
		name string
		n    int
	}{{LayoutCellLines, c.cellLines}, {LayoutPipeRows, c.pipeRows}, {LayoutWhitespace, c.whitespace}, {LayoutGlued, c.glued}} {
		if k.n > n {
			best, n = k.name, k.n
		}
	}
	return best
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
			m := stripMarkup(t)
			if i < 12 && (t == r.Meta.Title || squeezedIs(m, r.Meta.Title) || isMetaHeader(t) || strings.HasPrefix(t, "====")) {
				continue
			}
			if t = m; t == "" || isPageFooter(t) {
				// Page numbers of PDF text are not prose either.
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
			r.Parts[k] = model.Part{Heading: stripMarkup(trimSpace(lines[parts[k]].text)), Line: lines[parts[k]].n, Text: collect(parts[k]+1, end)}
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
