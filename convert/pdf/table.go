package pdf

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/convert/outline"
	"github.com/govreport/govreport/fonts"
	"github.com/govreport/govreport/templates"
)

// Table metrics: 五号 宋体 on a 13 pt leading, cells padded so that a row of
// one line is 18 pt (≈ 6.4 mm) high. A table that is to stay on one page but
// does not fit with these (table 三 of the 2021 edition, with its long
// （六） labels, together with its heading) is set tighter, down to an
// 11.5 pt leading and rows of one line 14 pt.
const (
	cellLead      = 13.0
	cellPadY      = 2.5
	cellPadX      = outline.CellPadMM * mm
	ruleWidth     = 0.5
	minValSize    = 6.5 // smallest size a long value shrinks to before it wraps
	afterTable    = pitch / 2
	maxCellHeight = blockHeight / 2
)

// tableLayout is a table spec with its cells' text broken into lines and
// its row heights; drawTable cuts it into page-sized chunks.
type tableLayout struct {
	t     *templates.Table
	ot    *outline.Table
	colX  []float64 // left edge of each column, and the right edge of the last
	cells []cellText
	// breakOK[r] says whether a page may end before row r: never inside
	// the header rows, and never across a header or value cell spanning
	// rows (row labels such as （三）不予公开 may be split; they are
	// repeated on the next page).
	breakOK []bool
	// group[r] is set on the rows that start a sub-table (a banner row of
	// table 二); such tables prefer to break only there.
	group   []bool
	grouped bool
	// keepWhole asks for the whole table on one page when it fits on one.
	keepWhole bool
	lead      float64 // line pitch inside cells at tableSize
	padY      float64 // padding above and below a cell's text

	// Scratch of chunkRows and heights, which fitting a table onto pages
	// calls for many candidate chunks.
	rowsBuf []int
	posBuf  []int
	hBuf    []float64
	inBuf   []int
}

// cellText is one spec cell's content, broken into lines.
type cellText struct {
	lines []lineOf
	size  float64
	al    align
}

// height is the height the cell needs with the table's metrics.
func (tl *tableLayout) height(c *cellText) float64 {
	return float64(len(c.lines))*tl.leadOf(c) + 2*tl.padY
}

// leadOf is the line pitch of a cell, scaled for a value shrunk to fit.
func (tl *tableLayout) leadOf(c *cellText) float64 { return tl.lead * c.size / tableSize }

func (tl *tableLayout) minRow() float64 { return tl.lead + 2*tl.padY }

// verticalMetrics are the (leading, padding) pairs tried, roomiest first,
// for a table to be kept on one page.
var verticalMetrics = [][2]float64{{cellLead, cellPadY}, {12, 1.5}, {11.5, 1.25}}

// layoutTable breaks every cell's text to its width. budget is the height
// the table should fit in to stay on one page (a page less the heading
// that goes with it).
func (b *builder) layoutTable(ot *outline.Table, budget float64) *tableLayout {
	t := ot.Spec
	tl := &tableLayout{t: t, ot: ot, colX: make([]float64, t.Cols+1), cells: make([]cellText, len(t.Cells)), lead: cellLead, padY: cellPadY}
	sum := 0.0
	for _, w := range t.Widths {
		sum += w
	}
	acc := 0.0
	for i, w := range t.Widths {
		tl.colX[i] = left + acc/sum*measure
		acc += w
	}
	tl.colX[t.Cols] = right
	// The tallest a cell may get: half a page, so that a row always fits
	// on a page together with the header rows.
	maxLines := int(math.Floor((maxCellHeight - 2*cellPadY) / cellLead))
	for i, p := range t.Cells {
		inner := tl.colX[p.Col+p.ColSpan] - tl.colX[p.Col] - 2*cellPadX
		oc := &ot.Cells[i]
		text := oc.Text + oc.Mark.Symbol()
		pl := place{where: oc.Where, keys: oc.Keys, line: oc.Line}
		ct := cellText{size: tableSize, al: alignCenter}
		// Row labels read from the left, except those spanning rows
		// (（三）不予公开 beside its items), which are centred.
		if (p.Role == templates.RoleLabel || p.Role == templates.RoleNote) && p.RowSpan == 1 {
			ct.al = alignLeft
		}
		gs := b.shape([]span{{role: fonts.Table, text: text}}, tableSize, b.missFn(pl))
		switch {
		case p.Role == templates.RoleValue && !hasHan(gs) && width(gs) > inner:
			// A long number: shrink it to fit its cell rather than
			// break it across lines.
			ct.size = max(minValSize, tableSize*inner/width(gs))
			gs = b.shape([]span{{role: fonts.Table, text: text}}, ct.size, func(rune) {})
			ct.lines = breakLines(gs, inner, inner)
		case p.Role == templates.RoleValue:
			ct.lines = breakLines(gs, inner, inner)
		default:
			ct.lines = balancedLines(gs, inner)
		}
		if len(ct.lines) > maxLines {
			ct.lines = ct.lines[:maxLines]
			ln := &ct.lines[maxLines-1]
			ln.gs = append(ln.gs[:max(len(ln.gs)-1, 0):max(len(ln.gs)-1, 0)], glyph{r: '…', font: fonts.Table, adv: b.faces[fonts.Table].advance('…', ct.size), size: ct.size})
			b.doc.Findings = append(b.doc.Findings, model.Finding{ID: FindingTruncated, Status: model.Warning, Keys: pl.keys, Line: pl.line,
				Message: fmt.Sprintf("%s的内容过长（超过半页），PDF 中只印出前 %d 行", pl.where, maxLines)})
		}
		tl.cells[i] = ct
	}
	tl.breakOK = make([]bool, t.NRows+1)
	tl.group = make([]bool, t.NRows+1)
	for r := t.HeaderRows; r <= t.NRows; r++ {
		tl.breakOK[r] = true
	}
	if t.HeaderRows == 0 {
		tl.breakOK[0] = false
	}
	for _, p := range t.Cells {
		if p.Role == templates.RoleBanner {
			tl.group[p.Row] = true
			tl.grouped = true
		}
		if p.Role == templates.RoleLabel || p.Role == templates.RoleNote {
			continue
		}
		for r := p.Row + 1; r < p.Row+p.RowSpan; r++ {
			tl.breakOK[r] = false
		}
	}
	tl.group[t.NRows] = true
	tl.keepWhole = t.HeaderRows > 0
	if tl.keepWhole {
		for _, m := range verticalMetrics {
			if tl.lead, tl.padY = m[0], m[1]; tl.whole() <= budget {
				return tl
			}
		}
		tl.lead, tl.padY = cellLead, cellPadY // splits anyway: keep it roomy
	}
	return tl
}

// balancedLines breaks a label or header: in a narrow cell, a leading number
// such as （三） or 三、 on a line of its own when the label does not fit on
// one line, and the
// rest in lines as even as the same number of lines allows (社会/公益/组织
// rather than 社会公/益组织/…).
func balancedLines(gs []glyph, w float64) []lineOf {
	if width(gs) <= w+0.01 {
		return breakLines(gs, w, w)
	}
	var out []lineOf
	if n := numberPrefix(gs); n > 0 && n < len(gs) && w < 5*tableSize && width(gs[:n]) <= w+0.01 {
		out = append(out, lineOf{gs[:n], true})
		gs = gs[n:]
	}
	lines := breakLines(gs, w, w)
	lo, hi := 0.0, w
	for hi-lo > 0.5 {
		mid := (lo + hi) / 2
		if len(breakLines(gs, mid, mid)) == len(lines) && fitsAll(breakLines(gs, mid, mid), mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	if l := breakLines(gs, hi, hi); len(l) == len(lines) && fitsAll(l, hi) {
		lines = l
	}
	for i := range lines {
		lines[i].last = true
	}
	return append(out, lines...)
}

// fitsAll reports whether every line is at most w wide (a forced cut can
// leave a line wider when w is less than one character).
func fitsAll(lines []lineOf, w float64) bool {
	for _, l := range lines {
		if width(l.gs) > w+0.01 {
			return false
		}
	}
	return true
}

// numberPrefix returns the length of a leading list number: （一）…, (一),
// 一、…; 0 when there is none.
func numberPrefix(gs []glyph) int {
	isNum := func(r rune) bool { return strings.ContainsRune("一二三四五六七八九十", r) }
	i := 0
	if i < len(gs) && (gs[i].r == '（' || gs[i].r == '(') {
		i++
		j := i
		for i < len(gs) && isNum(gs[i].r) {
			i++
		}
		if i > j && i < len(gs) && (gs[i].r == '）' || gs[i].r == ')') {
			return i + 1
		}
		return 0
	}
	for i < len(gs) && isNum(gs[i].r) {
		i++
	}
	if i > 0 && i < len(gs) && gs[i].r == '、' {
		return i + 1
	}
	return 0
}

func hasHan(gs []glyph) bool {
	for _, g := range gs {
		if unicode.Is(unicode.Han, g.r) {
			return true
		}
	}
	return false
}

// chunkRows lists the rows of a chunk: the header rows, then rows [a, e).
// The list is valid until the next call.
func (tl *tableLayout) chunkRows(a, e int) []int {
	rows := tl.rowsBuf[:0]
	for r := 0; r < tl.t.HeaderRows && r < a; r++ {
		rows = append(rows, r)
	}
	for r := a; r < e; r++ {
		rows = append(rows, r)
	}
	tl.rowsBuf = rows
	return rows
}

// heights returns the height of each row of a chunk (valid until the next
// call). A row is as tall as its tallest one-row cell; a cell spanning rows
// that needs more than the rows it covers in this chunk gets the
// difference spread over them.
func (tl *tableLayout) heights(rows []int) []float64 {
	t := tl.t
	// pos[r] is row r's place in the chunk, -1 when it is not in it.
	pos := slices.Grow(tl.posBuf[:0], t.NRows)[:t.NRows]
	for r := range pos {
		pos[r] = -1
	}
	h := slices.Grow(tl.hBuf[:0], len(rows))[:len(rows)]
	tl.posBuf, tl.hBuf = pos, h
	for i, r := range rows {
		if r >= 0 && r < len(pos) {
			pos[r] = i
		}
		h[i] = tl.minRow()
	}
	at := func(r int) int {
		if r < 0 || r >= len(pos) {
			return -1
		}
		return pos[r]
	}
	for ci, p := range t.Cells {
		if p.RowSpan != 1 {
			continue
		}
		if i := at(p.Row); i >= 0 {
			h[i] = max(h[i], tl.height(&tl.cells[ci]))
		}
	}
	for ci, p := range t.Cells {
		if p.RowSpan == 1 {
			continue
		}
		in := tl.inBuf[:0]
		for r := p.Row; r < p.Row+p.RowSpan; r++ {
			if i := at(r); i >= 0 {
				in = append(in, i)
			}
		}
		tl.inBuf = in
		if len(in) == 0 {
			continue
		}
		have := 0.0
		for _, i := range in {
			have += h[i]
		}
		if need := tl.height(&tl.cells[ci]); need > have {
			for _, i := range in {
				h[i] += (need - have) / float64(len(in))
			}
		}
	}
	return h
}

func sum(xs []float64) float64 {
	s := 0.0
	for _, x := range xs {
		s += x
	}
	return s
}

// fitEnd returns the largest e such that the chunk of rows [a, e) (with the
// header rows) is at most avail high and the page may break before e; 0
// when none fits. With groups, it breaks only before sub-tables.
func (tl *tableLayout) fitEnd(a int, avail float64, groups bool) int {
	best := 0
	for e := a + 1; e <= tl.t.NRows; e++ {
		if !tl.breakOK[e] || (groups && !tl.group[e]) {
			continue
		}
		if sum(tl.heights(tl.chunkRows(a, e))) > avail+0.01 {
			break
		}
		best = e
	}
	return best
}

// first returns the first row after the header rows.
func (tl *tableLayout) first() int { return min(tl.t.HeaderRows, tl.t.NRows) }

// whole is the height of the table on one page.
func (tl *tableLayout) whole() float64 { return sum(tl.heights(tl.chunkRows(tl.first(), tl.t.NRows))) }

// firstNeed is the height that must fit below a heading for the table to
// start on its page: the whole table when it is kept whole and fits in
// budget, else its first chunk.
func (tl *tableLayout) firstNeed(budget float64) float64 {
	if tl.keepWhole && tl.whole() <= budget {
		return tl.whole()
	}
	a := tl.first()
	for e := a + 1; e <= tl.t.NRows; e++ {
		if tl.breakOK[e] && (!tl.grouped || tl.group[e]) {
			return sum(tl.heights(tl.chunkRows(a, e)))
		}
	}
	return tl.whole()
}

// drawTable places the table from the current position, in chunks that fit
// the pages: each chunk repeats the header rows, and ends only where a page
// may break (between sub-tables of table 二 where possible, never inside a
// row). A table that fits on one page and is kept whole starts a new page
// rather than split.
func (b *builder) drawTable(tl *tableLayout) {
	t := tl.t
	if t.NRows == 0 {
		return
	}
	if tl.keepWhole && tl.whole() <= blockHeight && b.y+tl.whole() > bottom+0.01 {
		b.newPage()
	}
	a := tl.first()
	if a >= t.NRows {
		b.drawChunk(tl, tl.chunkRows(0, t.NRows))
		b.y += afterTable
		return
	}
	for a < t.NRows {
		e := tl.fitEnd(a, bottom-b.y, tl.grouped)
		if e == 0 && !b.atTop() {
			b.newPage()
			continue
		}
		if e == 0 {
			e = tl.fitEnd(a, bottom-b.y, false)
		}
		if e == 0 {
			// A row taller than the page (not possible with the half-
			// page cap on cells, kept for safety): draw it anyway.
			e = a + 1
			for e < t.NRows && !tl.breakOK[e] {
				e++
			}
		}
		b.drawChunk(tl, tl.chunkRows(a, e))
		a = e
		if a < t.NRows {
			b.newPage()
		}
	}
	b.y += afterTable
}

// drawChunk draws the given rows at the current position: each cell's ruled
// rectangle (clipped to the rows present) and its lines, centred vertically.
func (b *builder) drawChunk(tl *tableLayout, rows []int) {
	t := tl.t
	rows = slices.Clone(rows)
	h := slices.Clone(tl.heights(rows))
	pos := make(map[int]int, len(rows))
	ys := make([]float64, len(rows)+1)
	ys[0] = b.y
	for i, r := range rows {
		pos[r] = i
		ys[i+1] = ys[i] + h[i]
	}
	for ci, p := range t.Cells {
		lo, hi := -1, -1
		for r := p.Row; r < p.Row+p.RowSpan; r++ {
			if i, ok := pos[r]; ok {
				if lo < 0 {
					lo = i
				}
				hi = i
			}
		}
		if lo < 0 {
			continue
		}
		x, w := tl.colX[p.Col], tl.colX[p.Col+p.ColSpan]-tl.colX[p.Col]
		y, hh := ys[lo], ys[hi+1]-ys[lo]
		b.add(&Cell{X: x, Y: y, W: w, H: hh, Table: t.ID, Row: p.Row, Col: p.Col, Rows: hi - lo + 1, Cols: p.ColSpan, Role: string(p.Role), Key: p.Key,
			Fill: tl.ot.Cells[ci].Mark.Shade()})
		ct := &tl.cells[ci]
		lead := tl.leadOf(ct)
		ty := y + (hh-float64(len(ct.lines))*lead)/2
		for _, ln := range ct.lines {
			ln.last = true
			base := ty + lead/2 + 0.36*ct.size
			b.add(placeLine(ln, x+cellPadX, base, w-2*cellPadX, ct.size, ct.al)...)
			ty += lead
		}
	}
	b.y = ys[len(rows)]
}
