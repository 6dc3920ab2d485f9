package pdf

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/outline"
	"github.com/govreport/govreport/fonts"
)

// Page geometry and type sizes: the house style of package outline
// (GB/T 9704-2012), in PDF points. Body text sits on a grid of 22 lines of
// 28 characters: 三号 characters are drawn with a character spacing of
// track (≈ −0.21 pt) so that 28 of them fill the 156 mm measure.
const (
	mm          = outline.PointsPerMM
	pageWidth   = outline.PageWidthMM * mm
	pageHeight  = outline.PageHeightMM * mm
	marginTop   = outline.MarginTopMM * mm
	marginLeft  = outline.MarginLeftMM * mm
	measure     = outline.TextWidthMM * mm  // width of the text block
	blockHeight = outline.TextHeightMM * mm // height of the text block
	linesPage   = outline.LinesPerPage
	pitch       = outline.LinePitch // ≈ 28.99 pt
	charPitch   = outline.CharPitch // ≈ 15.79 pt
	track       = charPitch - bodySize

	bodySize   = outline.BodySize
	titleSize  = outline.TitleSize
	tableSize  = outline.TableSize
	footerSize = outline.FooterSize
	noteSize   = outline.NoteSize

	top    = marginTop
	bottom = marginTop + blockHeight
	left   = marginLeft
	right  = marginLeft + measure
)

// Subject is the document subject written to the PDF metadata.
const Subject = outline.Subject

// FindingGlyph is the id of the finding for characters no font can draw.
const FindingGlyph = "PDF-GLYPH-MISSING"

// FindingTruncated is the id of the finding for a table cell whose text is
// too long to fit on a page and was cut.
const FindingTruncated = "PDF-CELL-TRUNCATED"

// builder flows a document outline onto pages.
type builder struct {
	r     *model.Report
	o     Options
	out   *outline.Document
	faces map[fonts.Role]*face
	doc   *Document
	page  *Page
	y     float64 // top of the next line box on the page

	// tables holds the table layouts computed ahead (a heading must know
	// how much of its table has to fit below it), by block index.
	tables map[int]*tableLayout

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
	b := &builder{r: r, o: o, faces: map[fonts.Role]*face{}, byPlace: map[string]*missRec{}, tables: map[int]*tableLayout{}}
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
	b.out = outline.Build(r, outline.Options{WithFindings: o.WithFindings, KeepScript: o.KeepScript, Specs: o.Specs})
	in := b.out.Info
	b.doc = &Document{Width: pageWidth, Height: pageHeight, faces: b.faces}
	b.doc.Info = Info{Title: in.Title, Author: in.Author, Subject: in.Subject, Lang: in.Lang, Creator: "govreport", Created: created.UTC()}
	b.newPage()
	b.title(b.out.Title)
	b.blocks()
	b.reportMissing()
	if b.out.Appendix != nil {
		b.appendix(b.out.Appendix.With(b.doc.Findings))
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

// bookmark adds an entry of the document outline at the current position.
func (b *builder) bookmark(title string) {
	b.doc.Bookmarks = append(b.doc.Bookmarks, Bookmark{Title: title, Page: b.page.Number, Y: b.y})
}

// baseline is where text of size sits in a line box of the 22-line grid:
// its em box centred in the line.
func baseline(lineTop, size float64) float64 { return lineTop + pitch/2 + 0.38*size }

// indent2 is the two-character first-line indent of body text on the grid.
const indent2 = 2 * charPitch

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

// title sets the centred title in the title font, a line per line of the
// outline's title (broken further only if a line does not fit), then a
// blank line.
func (b *builder) title(t outline.Title) {
	p := place{where: "标题"}
	for _, text := range t.Lines {
		gs := b.shape([]span{{role: fonts.Title, text: text}}, titleSize, b.missFn(p))
		for _, ln := range breakLines(gs, measure, measure) {
			b.ensure(pitch)
			ln.last = true
			b.add(placeLine(ln, left, baseline(b.y, titleSize), measure, titleSize, alignCenter)...)
			b.y += pitch
		}
	}
	b.y += pitch
}

// blocks sets the body: headings, paragraphs, tables and the signature.
func (b *builder) blocks() {
	bl := b.out.Blocks
	for i, blk := range bl {
		switch x := blk.(type) {
		case *outline.Heading:
			b.heading(x, i)
		case *outline.Paragraph:
			b.paragraph(x)
		case *outline.Table:
			tl := b.tableAt(i)
			b.bookmark(x.Bookmark)
			b.drawTable(tl)
			b.notes(x)
		case *outline.Signature:
			b.signature(x.Agency, x.Date)
		}
	}
}

// tableAt returns the layout of the table block i, computed once. A table
// straight under its heading must fit on a page together with the heading
// to be kept whole.
func (b *builder) tableAt(i int) *tableLayout {
	if tl := b.tables[i]; tl != nil {
		return tl
	}
	t := b.out.Blocks[i].(*outline.Table)
	budget := blockHeight
	if i > 0 {
		if h, ok := b.out.Blocks[i-1].(*outline.Heading); ok {
			budget -= b.headingHeight(h)
		}
	}
	tl := b.layoutTable(t, budget)
	b.tables[i] = tl
	return tl
}

func (b *builder) headingLines(h *outline.Heading) []lineOf {
	hgs := b.shape([]span{{role: fonts.Heading, text: h.Text}}, bodySize, b.missFn(place{where: h.Where, line: h.Line}))
	return breakLines(hgs, measure-indent2, measure)
}

func (b *builder) headingHeight(h *outline.Heading) float64 {
	hgs := b.shape([]span{{role: fonts.Heading, text: h.Text}}, bodySize, func(rune) {})
	return float64(len(breakLines(hgs, measure-indent2, measure))) * pitch
}

// heading sets a part's heading in 黑体, kept on a page with what follows
// it: two lines of text, or the first rows of its table.
func (b *builder) heading(h *outline.Heading, i int) {
	hl := b.headingLines(h)
	headH := float64(len(hl)) * pitch
	need := 0.0
	if i+1 < len(b.out.Blocks) {
		switch x := b.out.Blocks[i+1].(type) {
		case *outline.Paragraph:
			need = 2 * pitch
			if x.Filler {
				need = pitch
			}
		case *outline.Table:
			need = b.tableAt(i + 1).firstNeed(blockHeight - headH)
		}
	}
	b.ensure(headH + need)
	b.bookmark(h.Text)
	for j, ln := range hl {
		b.ensure(pitch)
		x, avail := left, measure
		if j == 0 {
			x, avail = left+indent2, measure-indent2
		}
		ln.last = true
		b.add(placeLine(ln, x, baseline(b.y, bodySize), avail, bodySize, alignLeft)...)
		b.y += pitch
	}
}

// paragraph sets prose with a two-character first-line indent. A sub-head
// （一）… is set in 楷体, alone or run in before the rest in 仿宋.
func (b *builder) paragraph(p *outline.Paragraph) {
	var spans []span
	switch {
	case p.SubHead == "":
		spans = []span{{role: fonts.Body, text: p.Text}}
	case p.Text == "":
		spans = []span{{role: fonts.Subheading, text: p.SubHead}}
		b.ensure(2 * pitch) // keep a sub-head with the line after it
	default:
		spans = []span{{role: fonts.Subheading, text: p.SubHead}, {role: fonts.Body, text: p.Text}}
	}
	b.para(spans, bodySize, alignJustify, indent2, place{where: p.Where, line: p.Line})
}

// notes sets the notes under a table (what its marks mean) in 五号, off
// the body grid, then returns to it.
func (b *builder) notes(t *outline.Table) {
	if len(t.Notes) == 0 {
		return
	}
	lead := cellLead
	for _, n := range t.Notes {
		gs := b.shape([]span{{role: fonts.Table, text: n}}, tableSize, b.missFn(place{where: t.Name + "的注"}))
		for _, ln := range breakLines(gs, measure, measure) {
			b.ensure(lead)
			b.add(placeLine(ln, left, b.y+lead/2+0.36*tableSize, measure, tableSize, alignJustify)...)
			b.y += lead
		}
	}
	b.y += afterTable
}

// signature sets the closing block (GB/T 9704 §7.3.5.1): after a blank line,
// the date right-aligned four characters in from the margin and the agency
// centred above it (flush right when it is too long for that).
func (b *builder) signature(agency, date string) {
	if agency == "" && date == "" {
		return
	}
	p := place{where: "落款"}
	ag := b.shape([]span{{role: fonts.Body, text: agency}}, bodySize, b.missFn(p))
	dg := b.shape([]span{{role: fonts.Body, text: date}}, bodySize, b.missFn(p))
	wa, wd := width(ag), width(dg)
	if wa > measure {
		b.y += pitch
		b.para([]span{{role: fonts.Body, text: agency}}, bodySize, alignRight, 0, p)
		ag, wa = nil, 0
	} else {
		b.ensure(pitch * 3)
		b.y += pitch
	}
	inset := 4 * charPitch
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

// appendix adds, on a page of its own, the outline's appendix: each entry
// in plain Chinese with its check id in small print.
func (b *builder) appendix(a *outline.Appendix) {
	b.newPage()
	p := place{where: "附录"}
	b.bookmark(a.Heading)
	b.para([]span{{role: fonts.Heading, text: a.Heading}}, bodySize, alignLeft, 0, p)
	b.y += pitch / 2
	if len(a.Items) == 0 {
		b.para([]span{{role: fonts.Body, text: a.Empty}}, bodySize, alignJustify, indent2, p)
	}
	for i, it := range a.Items {
		spans := []span{
			{role: fonts.Body, text: fmt.Sprintf("%d.【%s】%s", i+1, it.Label, it.Text)},
			{role: fonts.Body, text: "（" + it.ID + "）", size: noteSize},
		}
		b.para(spans, bodySize, alignJustify, indent2, p)
	}
	// Characters of the messages themselves (a finding names the missing
	// character) are drawn as boxes but not reported again.
	b.missing, b.byPlace = nil, map[string]*missRec{}
}

// footers adds the page numbers, "— N —" in 宋体 四号 below the text block
// (GB/T 9704 §7.5): odd pages flush right and even pages flush left, one
// character in from the edge of the text block.
func (b *builder) footers() {
	for _, pg := range b.doc.Pages {
		s := "— " + strconv.Itoa(pg.Number) + " —"
		gs := b.shape([]span{{role: fonts.Table, text: s}}, footerSize, func(rune) {})
		w := width(gs)
		x := right - footerSize - w
		if pg.Number%2 == 0 {
			x = left + footerSize
		}
		// The dash line sits 7 mm below the text block.
		y := bottom + outline.FooterDropMM*mm + 0.62*footerSize
		pg.Boxes = append(pg.Boxes, placeLine(lineOf{gs, true}, x, y, w, footerSize, alignLeft)...)
	}
}
