package pdf

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/fonts"
	"github.com/govreport/govreport/templates"
)

// Page geometry and type sizes from GB/T 9704-2012 (党政机关公文格式):
// A4, top margin 37 mm, left (binding) margin 28 mm, a text block of
// 156 mm × 225 mm holding 22 lines; body text 三号 (16 pt), title 二号
// (22 pt), page numbers 四号 (14 pt); tables use 五号 (10.5 pt).
const (
	mm          = 72 / 25.4
	pageWidth   = 210 * mm
	pageHeight  = 297 * mm
	marginTop   = 37 * mm
	marginLeft  = 28 * mm
	measure     = 156 * mm // width of the text block
	blockHeight = 225 * mm // height of the text block
	linesPage   = 22
	pitch       = blockHeight / linesPage // ≈ 28.99 pt

	bodySize   = 16.0
	titleSize  = 22.0
	tableSize  = 10.5
	footerSize = 14.0

	top    = marginTop
	bottom = marginTop + blockHeight
	left   = marginLeft
	right  = marginLeft + measure
)

// Subject is the document subject written to the PDF metadata.
const Subject = "政府信息公开工作年度报告"

// FindingGlyph is the id of the finding for characters no font can draw.
const FindingGlyph = "PDF-GLYPH-MISSING"

// FindingTruncated is the id of the finding for a table cell whose text is
// too long to fit on a page and was cut.
const FindingTruncated = "PDF-CELL-TRUNCATED"

// noTablesNote stands in for a table the report does not have (reports in
// the pre-2019 structure, or tables not attributable to an edition).
const noTablesNote = "（原报告未采用政府信息公开工作年度报告统一格式，本部分没有统计表格。）"

// tableOfPart gives the official table that follows each part's text.
var tableOfPart = [6]string{1: "t2", 2: "t3", 3: "t4"}

// builder flows a report onto pages.
type builder struct {
	r     *model.Report
	o     Options
	faces map[fonts.Role]*face
	doc   *Document
	page  *Page
	y     float64 // top of the next line box on the page

	missing []*missRec
	byPlace map[string]*missRec
}

// missRec collects the characters no font has, per place in the report.
type missRec struct {
	where string
	keys  []string
	line  int
	chars []rune
}

// Layout lays a report out on A4 pages without drawing it: the result can
// be dumped as text (Document.Dump) or painted (Document.WritePDF). The
// only error is a font that cannot be used.
func Layout(r *model.Report, o Options) (*Document, error) {
	set := o.Fonts
	if set == nil {
		set = fonts.Default()
	}
	b := &builder{r: r, o: o, faces: map[fonts.Role]*face{}, byPlace: map[string]*missRec{}}
	for _, role := range fonts.Roles() {
		f, err := loadFace(set, role)
		if err != nil {
			return nil, err
		}
		b.faces[role] = f
	}
	if r == nil {
		r = &model.Report{}
		b.r = r
	}
	created := o.Time
	if created.IsZero() {
		created = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	b.doc = &Document{Width: pageWidth, Height: pageHeight, faces: b.faces}
	agency := oneLine(r.Meta.Agency)
	title := oneLine(r.Meta.Title)
	if title == "" {
		title = model.DefaultTitle(r.Meta.Year, agency)
	}
	b.doc.Info = Info{Title: title, Author: agency, Subject: Subject, Creator: "govreport", Created: created.UTC()}
	b.newPage()
	b.title(title)
	b.text(r.Preamble, place{where: "前言"})
	b.parts()
	b.signature(agency, model.ChineseDate(oneLine(r.Meta.Published)))
	b.reportMissing()
	if o.WithFindings {
		b.appendix()
	}
	b.footers()
	return b.doc, nil
}

// place says where in the report a piece of text comes from, for findings.
type place struct {
	where string
	keys  []string
	line  int
}

func (b *builder) missFn(p place) func(rune) {
	return func(c rune) {
		rec := b.byPlace[p.where]
		if rec == nil {
			rec = &missRec{where: p.where, keys: p.keys, line: p.line}
			b.byPlace[p.where] = rec
			b.missing = append(b.missing, rec)
		}
		for _, x := range rec.chars {
			if x == c {
				return
			}
		}
		rec.chars = append(rec.chars, c)
	}
}

// reportMissing turns the collected characters into findings, one per place.
func (b *builder) reportMissing() {
	for _, rec := range b.missing {
		names := make([]string, len(rec.chars))
		for i, c := range rec.chars {
			names[i] = fmt.Sprintf("“%c”（U+%04X）", c, c)
		}
		b.doc.Findings = append(b.doc.Findings, model.Finding{
			ID:      FindingGlyph,
			Status:  model.Warning,
			Keys:    rec.keys,
			Line:    rec.line,
			Message: fmt.Sprintf("%s中的字符 %s 没有任何可用字体能够显示，PDF 中以方框代替；可用 --font-dir 或 --font-* 指定含有该字的字体", rec.where, strings.Join(names, "、")),
		})
	}
	b.missing, b.byPlace = nil, map[string]*missRec{}
}

func (b *builder) newPage() {
	b.page = &Page{Number: len(b.doc.Pages) + 1}
	b.doc.Pages = append(b.doc.Pages, b.page)
	b.y = top
}

func (b *builder) add(boxes ...Box) { b.page.Boxes = append(b.page.Boxes, boxes...) }

// atTop reports whether nothing has been placed on the page yet.
func (b *builder) atTop() bool { return b.y <= top+0.01 }

// ensure starts a new page unless h more points fit on this one.
func (b *builder) ensure(h float64) {
	if b.y+h > bottom+0.01 && !b.atTop() {
		b.newPage()
	}
}

// baseline is where text of size sits in a line box of the 22-line grid:
// its em box centred in the line.
func baseline(lineTop, size float64) float64 { return lineTop + pitch/2 + 0.38*size }

// para sets one paragraph on the grid, a line per pitch; it keeps the first
// two lines together so that no paragraph starts on a page's last line.
func (b *builder) para(spans []span, size float64, al align, indent float64, p place) {
	gs := b.shape(spans, size, b.missFn(p))
	lines := breakLines(gs, measure-indent, measure)
	for i, ln := range lines {
		if i == 0 && len(lines) > 1 {
			b.ensure(2 * pitch)
		} else {
			b.ensure(pitch)
		}
		x, avail := left, measure
		if i == 0 {
			x, avail = left+indent, measure-indent
		}
		b.add(placeLine(ln, x, baseline(b.y, size), avail, size, al)...)
		b.y += pitch
	}
}

// title sets the centred title in the title font, then a blank line. A title
// too long for one line breaks before 政府信息公开工作年度报告 when that
// gives two lines that fit, the way such titles are usually set.
func (b *builder) title(title string) {
	p := place{where: "标题"}
	gs := b.shape([]span{{fonts.Title, title}}, titleSize, b.missFn(p))
	var lines []lineOf
	const suffix = "政府信息公开工作年度报告"
	if width(gs) > measure {
		if n := utf8.RuneCountInString(suffix); strings.HasSuffix(title, suffix) && len(gs) > n {
			head, tail := gs[:len(gs)-n], gs[len(gs)-n:]
			if width(head) <= measure && width(tail) <= measure {
				lines = []lineOf{{head, false}, {tail, true}}
			}
		}
	}
	if lines == nil {
		lines = breakLines(gs, measure, measure)
	}
	for _, ln := range lines {
		b.ensure(pitch)
		ln.last = true
		b.add(placeLine(ln, left, baseline(b.y, titleSize), measure, titleSize, alignCenter)...)
		b.y += pitch
	}
	b.y += pitch
}

// text sets a block of prose: one paragraph per non-empty line, with a
// two-character first-line indent. A line starting with a level-2 number
// （一）… is a sub-head in 楷体; when only its first sentence is the sub-head
// (（一）主动公开情况。本年度…), the rest runs on in 仿宋.
func (b *builder) text(s string, p place) {
	n := 0
	for _, ln := range strings.Split(s, "\n") {
		ln = model.CleanText(ln)
		if ln == "" {
			continue
		}
		n++
		q := p
		if n > 1 || strings.Contains(s, "\n") {
			q.where = fmt.Sprintf("%s第 %d 段", p.where, n)
		}
		var spans []span
		switch head, rest, ok := model.SplitSubHead(ln); {
		case !ok:
			spans = []span{{fonts.Body, ln}}
		case rest == "":
			spans = []span{{fonts.Subheading, head}}
			b.ensure(2 * pitch) // keep a sub-head with the line after it
		default:
			spans = []span{{fonts.Subheading, head}, {fonts.Body, rest}}
		}
		b.para(spans, bodySize, alignJustify, 2*bodySize, q)
	}
}

// parts sets the six parts: heading (黑体), text, and for parts 二–四 the
// official table of the report's edition.
func (b *builder) parts() {
	r := b.r
	set := templates.Default()
	var tables []*templates.Table
	if r.Meta.Edition.HasTables() {
		tables = set.Tables(r.Meta.Edition)
	}
	for i, part := range r.Parts {
		heading := oneLine(part.Heading)
		if heading == "" {
			heading = model.PartTitles[i]
		}
		p := place{where: model.PartTitles[i], line: part.Line}
		text := strings.TrimSpace(part.Text)
		if part.Absent && text == "" && tableOfPart[i] == "" {
			text = model.AbsentText
		}
		hgs := b.shape([]span{{fonts.Heading, heading}}, bodySize, b.missFn(place{where: p.where + "（标题）", line: part.Line}))
		hl := breakLines(hgs, measure-2*bodySize, measure)
		headH := float64(len(hl)) * pitch
		var tl *tableLayout
		if id := tableOfPart[i]; id != "" && len(tables) > 0 {
			if t := set.Table(r.Meta.Edition, id); t != nil {
				budget := blockHeight
				if text == "" {
					budget -= headH
				}
				tl = b.layoutTable(t, budget)
			}
		}
		// Keep the heading with what follows it.
		need := 0.0
		switch {
		case text != "":
			need = 2 * pitch
		case tl != nil:
			need = tl.firstNeed(blockHeight - headH)
		case tableOfPart[i] != "":
			need = pitch
		}
		b.ensure(headH + need)
		for j, ln := range hl {
			b.ensure(pitch)
			x, avail := left, measure
			if j == 0 {
				x, avail = left+2*bodySize, measure-2*bodySize
			}
			ln.last = true
			b.add(placeLine(ln, x, baseline(b.y, bodySize), avail, bodySize, alignLeft)...)
			b.y += pitch
		}
		b.text(text, p)
		switch {
		case tl != nil:
			b.drawTable(tl)
		case tableOfPart[i] != "":
			b.text(noTablesNote, place{where: p.where})
		}
	}
}

// signature sets the closing block (GB/T 9704 §7.3.5.1): after a blank line,
// the date right-aligned four characters in from the margin and the agency
// centred above it (flush right when it is too long for that).
func (b *builder) signature(agency, date string) {
	if agency == "" && date == "" {
		return
	}
	p := place{where: "落款"}
	ag := b.shape([]span{{fonts.Body, agency}}, bodySize, b.missFn(p))
	dg := b.shape([]span{{fonts.Body, date}}, bodySize, b.missFn(p))
	wa, wd := width(ag), width(dg)
	if wa > measure {
		b.y += pitch
		b.para([]span{{fonts.Body, agency}}, bodySize, alignRight, 0, p)
		ag, wa = nil, 0
	} else {
		b.ensure(pitch * 3)
		b.y += pitch
	}
	inset := 4 * bodySize
	dx := right - inset - wd
	if len(dg) == 0 {
		dx = right - inset
	}
	if len(ag) > 0 {
		ax := dx + wd/2 - wa/2
		if len(dg) == 0 {
			ax = right - inset - wa
		}
		ax = max(min(ax, right-wa), left)
		b.add(placeLine(lineOf{ag, true}, ax, baseline(b.y, bodySize), wa, bodySize, alignLeft)...)
		b.y += pitch
	}
	if len(dg) > 0 {
		b.ensure(pitch)
		b.add(placeLine(lineOf{dg, true}, max(dx, left), baseline(b.y, bodySize), wd, bodySize, alignLeft)...)
		b.y += pitch
	}
}

// appendix adds, on a page of its own, the checks that failed or could not
// be decided, and the writer's own findings.
func (b *builder) appendix() {
	b.newPage()
	p := place{where: "附录"}
	b.para([]span{{fonts.Heading, "附：数据检查未通过或无法确定的项目"}}, bodySize, alignLeft, 0, p)
	b.y += pitch / 2
	var list []model.Finding
	for _, f := range b.r.Findings {
		if f.Status == model.Fail {
			list = append(list, f)
		}
	}
	for _, f := range b.r.Findings {
		if f.Status == model.Uncertain {
			list = append(list, f)
		}
	}
	list = append(list, b.doc.Findings...)
	if len(list) == 0 {
		b.para([]span{{fonts.Body, "所有检查均已通过。"}}, bodySize, alignJustify, 2*bodySize, p)
	}
	status := map[model.Status]string{model.Fail: "未通过", model.Uncertain: "无法确定", model.Warning: "注意"}
	for i, f := range list {
		s := status[f.Status]
		if s == "" {
			s = string(f.Status)
		}
		line := fmt.Sprintf("%d.【%s】%s：%s", i+1, s, f.ID, oneLine(f.Message))
		b.para([]span{{fonts.Body, line}}, bodySize, alignJustify, 2*bodySize, p)
	}
	// Characters of the messages themselves (a finding names the missing
	// character) are drawn as boxes but not reported again.
	b.missing, b.byPlace = nil, map[string]*missRec{}
}

// footers adds the page numbers, "— N —" in 宋体 四号 below the text block
// (GB/T 9704 §7.5): odd pages flush right and even pages flush left, one
// character in from the edge of the text block.
func (b *builder) footers() {
	f := b.faces[fonts.Table]
	for _, pg := range b.doc.Pages {
		s := "— " + strconv.Itoa(pg.Number) + " —"
		gs := make([]glyph, 0, len(s))
		for _, c := range s {
			role := fonts.Table
			if !f.has(c) {
				role = fonts.Fallback
			}
			gs = append(gs, glyph{c, role, b.faces[role].advance(c, footerSize)})
		}
		w := width(gs)
		x := right - footerSize - w
		if pg.Number%2 == 0 {
			x = left + footerSize
		}
		// The dash line sits 7 mm below the text block.
		y := bottom + 7*mm + 0.62*footerSize
		pg.Boxes = append(pg.Boxes, placeLine(lineOf{gs, true}, x, y, w, footerSize, alignLeft)...)
	}
}

// oneLine joins the lines of s with no separator and trims it (titles,
// names and dates must not carry line breaks).
func oneLine(s string) string {
	if strings.ContainsAny(s, "\r\n") {
		var parts []string
		for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' }) {
			parts = append(parts, model.CleanText(p))
		}
		s = strings.Join(parts, "")
	}
	return model.CleanText(s)
}
