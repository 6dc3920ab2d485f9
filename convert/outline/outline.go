package outline

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/zhconv"
	"github.com/govreport/govreport/templates"
)

// Options configure Build.
type Options struct {
	// WithFindings adds the appendix of checks that failed or could not
	// be decided.
	WithFindings bool
	// KeepScript keeps text in traditional script as written; by default
	// a report written in traditional script is printed in simplified
	// characters, which the GB/T 9704 faces cover.
	KeepScript bool
	// Specs are the editions and variants the report was read against
	// (--spec-dir); nil means the embedded ones (templates.Default).
	// Which part holds which table, the tables' names and the check
	// families' wording come from there.
	Specs *templates.Set
}

// Document is a report as a printed document: its title, the blocks of the
// body in reading order, and the optional appendix.
type Document struct {
	Info  Info
	Title Title
	// Blocks are *Heading, *Paragraph, *Table and *Signature values.
	Blocks []Block
	// Appendix is nil unless Options.WithFindings.
	Appendix *Appendix
	// Converted is set when the text was converted from traditional to
	// simplified script.
	Converted bool
}

// Info is the document metadata: title and author (the issuing agency).
type Info struct {
	Title   string
	Author  string
	Subject string
	Lang    string // BCP 47, "zh-CN"
}

// Subject is the subject every document carries in its metadata.
const Subject = "政府信息公开工作年度报告"

// Title is the document title and how it is broken into lines: agency and
// year on the first line and 政府信息公开工作年度报告 on the second when the
// whole does not fit on one line of 二号 characters. A renderer breaks a
// line further only if it still does not fit in its own measure.
type Title struct {
	Text  string
	Lines []string
}

// Block is one element of the body.
type Block interface{ block() }

// Heading is a part's level-1 heading (黑体).
type Heading struct {
	Part  int    // 0–5
	Text  string // as written, or the official heading when the report has none
	Line  int    // source line of the heading, 0 when absent
	Where string // the place, for writer findings: "一、总体情况（标题）"
}

// Paragraph is one paragraph of prose. SubHead is a level-2 sub-head
// (（一）…, 楷体): alone when Text is empty, run in before Text otherwise.
type Paragraph struct {
	SubHead string
	Text    string
	Where   string // the place, for writer findings: "一、总体情况第 2 段"
	Line    int    // source line of the part, 0 when unknown
	// Filler marks text the writer supplies rather than the report (无。
	// under an absent part, the note for a report without the tables).
	Filler bool
}

// Table is one official table, drawn from its resolved spec grid.
type Table struct {
	Spec *templates.Table
	Name string // "表二"
	// Bookmark is the table's entry in a document outline: 表二 主动公开政府信息情况.
	Bookmark string
	// Cells parallel Spec.Cells: what each prints.
	Cells []Cell
	// Notes are printed under the table: what the marks mean, for the
	// marked cells.
	Notes []string
}

// Cell is what one spec cell prints.
type Cell struct {
	Text string // label text, or a value as written ("" for a value not found)
	Mark Mark
	// Where names the cell for writer findings: 表三「…」.
	Where string
	Keys  []string
	Line  int
}

// Mark flags a value that must not be read as a plain fact.
type Mark int

const (
	// NoMark is an ordinary cell.
	NoMark Mark = iota
	// MarkDoubt is a value the reader is not sure of (glued digits with
	// several splits, a shifted row): printed as written, with DoubtSymbol.
	MarkDoubt
	// MarkFail is a value that a failed check reads, with FailSymbol.
	MarkFail
	// MarkBoth is a doubtful value that a failed check reads.
	MarkBoth
)

// Symbols printed after marked values and explained in the table's notes.
const (
	DoubtSymbol = model.DoubtMark
	FailSymbol  = model.FailMark
)

// Symbol is what is printed after a cell's value for its mark.
func (m Mark) Symbol() string {
	switch m {
	case MarkDoubt:
		return DoubtSymbol
	case MarkFail:
		return FailSymbol
	case MarkBoth:
		return DoubtSymbol + FailSymbol
	}
	return ""
}

// Shade is the RGB hex colour a marked cell is shaded with, "" for none.
func (m Mark) Shade() string {
	switch m {
	case MarkDoubt:
		return ShadeDoubt
	case MarkFail, MarkBoth:
		return ShadeFail
	}
	return ""
}

// Signature is the closing block: the agency and the publish date.
type Signature struct {
	Agency string
	Date   string // 2021年1月11日, or as written
}

func (*Heading) block()   {}
func (*Paragraph) block() {}
func (*Table) block()     {}
func (*Signature) block() {}

// NoTablesNote stands in for a table the report does not have (reports in
// the pre-2019 structure, or tables not attributable to an edition).
const NoTablesNote = "（原报告未采用政府信息公开工作年度报告统一格式，本部分没有统计表格。）"

// AbsentText is printed under the heading of a part the report does not
// have (model.AbsentText).
const AbsentText = model.AbsentText

// titleSuffix is where a long title breaks.
const titleSuffix = "政府信息公开工作年度报告"

// Build makes the outline of a report. r may be nil (an empty document).
func Build(r *model.Report, o Options) *Document {
	if r == nil {
		r = &model.Report{}
	}
	if o.Specs == nil {
		o.Specs = templates.Default()
	}
	b := &builder{r: r, o: o, set: o.Specs}
	b.script = !o.KeepScript && isTraditional(r)
	d := &Document{Converted: b.script}
	agency := b.conv(OneLine(r.Meta.Agency))
	title := b.conv(OneLine(r.Meta.Title))
	if title == "" {
		title = model.DefaultTitle(r.Meta.Year, agency)
	}
	d.Info = Info{Title: title, Author: agency, Subject: Subject, Lang: "zh-CN"}
	d.Title = Title{Text: title, Lines: titleLines(title)}
	b.d = d
	b.prose(r.Preamble, "前言", 0)
	b.parts()
	date := model.ChineseDate(OneLine(r.Meta.Published))
	if agency != "" || date != "" {
		b.add(&Signature{Agency: agency, Date: date})
	}
	if o.WithFindings {
		d.Appendix = appendix(r.Findings, familyNames(b.set, r.Meta.Edition))
	}
	return d
}

type builder struct {
	r      *model.Report
	o      Options
	set    *templates.Set
	d      *Document
	script bool // convert traditional to simplified
}

func (b *builder) add(bl Block) { b.d.Blocks = append(b.d.Blocks, bl) }

func (b *builder) conv(s string) string {
	if b.script {
		return zhconv.ToSimplified(s)
	}
	return s
}

// prose adds a block of text: one paragraph per non-empty line, a line
// that starts with a level-2 number （一）… split into its sub-head and the
// rest (model.SplitSubHead).
func (b *builder) prose(s, where string, line int) int {
	s = b.conv(s)
	n := 0
	multi := strings.Contains(s, "\n")
	for _, ln := range strings.Split(s, "\n") {
		ln = model.CleanText(ln)
		if ln == "" {
			continue
		}
		n++
		p := &Paragraph{Text: ln, Where: where, Line: line}
		if n > 1 || multi {
			p.Where = fmt.Sprintf("%s第 %d 段", where, n)
		}
		if head, rest, ok := model.SplitSubHead(ln); ok {
			p.SubHead, p.Text = head, rest
		}
		b.add(p)
	}
	return n
}

// parts adds the six parts: heading, text, and for parts 二–四 the official
// table of the report's edition (or the note saying the report has none).
func (b *builder) parts() {
	r := b.r
	set := b.set
	ed := r.Meta.Edition
	var tables []*templates.Table
	if ed.HasTables() && set.Has(ed) {
		tables = set.Tables(ed)
	}
	// Parts that hold a table in some edition get a note when the report
	// has no tables.
	tablePart := map[int]bool{}
	for _, p := range set.TableParts() {
		tablePart[p] = true
	}
	for i, part := range r.Parts {
		heading := b.conv(OneLine(part.Heading))
		if heading == "" {
			heading = model.PartTitles[i]
		}
		b.add(&Heading{Part: i, Text: heading, Line: part.Line, Where: model.PartTitles[i] + "（标题）"})
		n := b.prose(part.Text, model.PartTitles[i], part.Line)
		added := 0
		for _, t := range tables {
			if t.Ref.Part == i+1 {
				b.add(b.table(t))
				added++
			}
		}
		switch {
		case added > 0:
		case len(tables) == 0 && tablePart[i+1]:
			b.add(&Paragraph{Text: NoTablesNote, Where: model.PartTitles[i], Line: part.Line, Filler: true})
		case n == 0 && (part.Absent || partAbsent(part)):
			b.add(&Paragraph{Text: AbsentText, Where: model.PartTitles[i], Filler: true})
		}
	}
}

// partAbsent reports whether the report does not have the part at all (no
// heading and no text), for readers that do not set model.Part.Absent.
func partAbsent(p model.Part) bool {
	return strings.TrimSpace(p.Heading) == "" && strings.TrimSpace(p.Text) == ""
}

// titleLines breaks a title that does not fit on one line of 二号 before
// 政府信息公开工作年度报告, when both lines then fit.
func titleLines(t string) []string {
	limit := TextWidthMM * PointsPerMM / TitleSize
	if ems(t) <= limit || !strings.HasSuffix(t, titleSuffix) {
		return []string{t}
	}
	head := strings.TrimSuffix(t, titleSuffix)
	if head == "" || ems(head) > limit {
		return []string{t}
	}
	return []string{head, titleSuffix}
}

// ems estimates the width of s in ems: CJK and full-width characters one,
// others half.
func ems(s string) float64 {
	w := 0.0
	for _, c := range s {
		if c >= 0x2E80 || (c >= 0x2000 && c < 0x2070) {
			w++
		} else {
			w += 0.5
		}
	}
	return w
}

// Ems is ems for renderers that estimate widths (Word, where the
// application breaks lines): full-width characters count one, others half.
func Ems(s string) float64 { return ems(s) }

// isTraditional reports whether the report is written in traditional
// script: at least 2% of its Chinese characters (title and prose) change
// when converted to simplified. A simplified report that has a few
// characters such as 乾 or 於 in names stays as written.
func isTraditional(r *model.Report) bool {
	var sb strings.Builder
	sb.WriteString(r.Meta.Title)
	sb.WriteString(r.Meta.Agency)
	sb.WriteString(r.Preamble)
	for _, p := range r.Parts {
		sb.WriteString(p.Heading)
		sb.WriteString(p.Text)
	}
	s := sb.String()
	if !zhconv.IsLikelyTraditional(s) {
		return false
	}
	t := zhconv.ToSimplified(s)
	han, changed := 0, 0
	for i, j := 0, 0; i < len(s) && j < len(t); {
		a, n := utf8.DecodeRuneInString(s[i:])
		c, m := utf8.DecodeRuneInString(t[j:])
		if unicode.Is(unicode.Han, a) {
			han++
			if a != c {
				changed++
			}
		}
		i, j = i+n, j+m
	}
	return han > 0 && changed*50 >= han
}

// OneLine joins the lines of s with no separator and trims it (titles,
// names and dates must not carry line breaks).
func OneLine(s string) string {
	if strings.ContainsAny(s, "\r\n") {
		var parts []string
		for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }) {
			parts = append(parts, model.CleanText(p))
		}
		s = strings.Join(parts, "")
	}
	return model.CleanText(s)
}
