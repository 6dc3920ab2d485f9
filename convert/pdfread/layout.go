package pdfread

import (
	"math"
	"regexp"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/govreport/govreport/convert/grid"
)

// tline is a text line outside tables.
type tline struct {
	text           string
	x0, x1, top, y float64 // y = baseline
	size           float64
	page           int
	segs           []tseg // pieces separated by wide gaps (stream table cells)
}

// tseg is a piece of a line between wide gaps.
type tseg struct {
	text   string
	x0, x1 float64
}

// segGap is the gap (in font sizes) that separates two cells of a table
// drawn without rules.
const segGap = 1.2

func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF)
}

func lastRune(s string) rune {
	r := []rune(s)
	if len(r) == 0 {
		return 0
	}
	return r[len(r)-1]
}

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

// groupLines groups glyphs into lines by the middle of their ink, each
// line sorted left to right, duplicate glyphs (fake bold drawn twice)
// dropped. It sorts gs in place (callers own their slices).
func groupLines(s []glyph) [][]glyph {
	if len(s) == 0 {
		return nil
	}
	sort.SliceStable(s, func(i, j int) bool { return s[i].cy() < s[j].cy() })
	var lines [][]glyph
	var cur []glyph
	ref := 0.0
	for _, g := range s {
		if len(cur) > 0 && g.cy()-ref <= 0.45*math.Max(g.size, cur[0].size) {
			cur = append(cur, g)
			continue
		}
		if len(cur) > 0 {
			lines = append(lines, cur)
		}
		cur = []glyph{g}
		ref = g.cy()
	}
	lines = append(lines, cur)
	for i, l := range lines {
		sort.SliceStable(l, func(a, b int) bool { return l[a].x0 < l[b].x0 })
		out := l[:0] // in place: the write index never passes the read index
		for _, g := range l {
			if n := len(out); n > 0 && out[n-1].r == g.r && math.Abs(out[n-1].x0-g.x0) < 0.25*g.size {
				continue
			}
			out = append(out, g)
		}
		lines[i] = out
	}
	return lines
}

// joinGlyphs is a line's text: a space where a gap separates two non-CJK
// characters, or where a wide gap separates anything.
func joinGlyphs(l []glyph) string {
	var b strings.Builder
	for i, g := range l {
		if i > 0 {
			p := l[i-1]
			gap := g.x0 - p.x1
			sz := math.Max(g.size, p.size)
			pr, nr := lastRune(p.r), firstRune(g.r)
			if (gap > 0.2*sz && !isCJK(pr) && !isCJK(nr)) || gap > 1.5*sz {
				b.WriteByte(' ')
			}
		}
		b.WriteString(g.r)
	}
	return b.String()
}

func cellText(gs []glyph) string {
	var parts []string
	for _, l := range groupLines(gs) {
		if t := strings.TrimSpace(joinGlyphs(l)); t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, "\n")
}

func makeLines(gs []glyph, page int) []tline {
	var out []tline
	for _, l := range groupLines(gs) {
		t := strings.TrimSpace(joinGlyphs(l))
		if t == "" {
			continue
		}
		tl := tline{text: t, x0: l[0].x0, x1: l[len(l)-1].x1, page: page}
		top, base, size := math.Inf(1), 0.0, 0.0
		for _, g := range l {
			top = math.Min(top, g.y-0.88*g.size)
			base = math.Max(base, g.y)
			size = math.Max(size, g.size)
		}
		tl.top, tl.y, tl.size = top, base, size
		start := 0
		for i := 1; i <= len(l); i++ {
			if i == len(l) || l[i].x0-l[i-1].x1 > segGap*math.Max(l[i].size, l[i-1].size) {
				if t := strings.TrimSpace(joinGlyphs(l[start:i])); t != "" {
					tl.segs = append(tl.segs, tseg{text: t, x0: l[start].x0, x1: l[i-1].x1})
				}
				start = i
			}
		}
		out = append(out, tl)
	}
	return out
}

// The expressions are compiled on first use (sync.OnceValue): a process
// that reads no PDF needs none of them.
var (
	pageNumRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(?:[-—–－─ ]*\d+[-—–－─ ]*|第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|[-—–－─]+\s*[一二三四五六七八九十百]+\s*[-—–－─]+|Page\s*\d+(?:\s*of\s*\d+)?)$`)
	})
	enumRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(?:（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+、|\d+[.．、]|（\d+）|\(\d+\))`)
	})
	numberLike = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[-+]?[\d,，.]+%?$`) })
	digitsRe   = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\d+`) })
)

// dropHeadersFooters removes page numbers and running headers/footers:
// lines in the top or bottom margin that are page numbers, or whose text
// (digits ignored) recurs in that margin on other pages.
func dropHeadersFooters(pages [][]tline, heights []float64) [][]tline {
	margin := func(l tline, h float64) int {
		switch {
		case l.top < 0.1*h:
			return 1
		case l.y > 0.9*h:
			return 2
		}
		return 0
	}
	count := map[string]int{}
	for i, ls := range pages {
		seen := map[string]bool{}
		for _, l := range ls {
			if m := margin(l, heights[i]); m > 0 {
				k := string(rune('0'+m)) + digitsRe().ReplaceAllString(l.text, "#")
				if !seen[k] {
					seen[k] = true
					count[k]++
				}
			}
		}
	}
	out := make([][]tline, len(pages))
	for i, ls := range pages {
		for _, l := range ls {
			m := margin(l, heights[i])
			if m > 0 {
				if pageNumRe().MatchString(strings.TrimSpace(l.text)) {
					continue
				}
				k := string(rune('0'+m)) + digitsRe().ReplaceAllString(l.text, "#")
				if len(pages) >= 3 && count[k] >= 3 && count[k]*2 >= len(pages) {
					continue
				}
			}
			out[i] = append(out[i], l)
		}
	}
	return out
}

// dropMarginsBetweenTables removes the lines in the page margins that lie
// between a table ending one page and a table with the same frame starting
// the next (footers and headers no other rule recognised), so the two are
// joined as one table.
func dropMarginsBetweenTables(pagesLines [][]tline, pagesTables [][]*ltable, heights []float64) {
	lastTable := func(p int) (*ltable, float64) {
		var t *ltable
		for _, x := range pagesTables[p] {
			if t == nil || x.y0 > t.y0 {
				t = x
			}
		}
		if t == nil {
			return nil, 0
		}
		return t, t.y1
	}
	firstTable := func(p int) *ltable {
		var t *ltable
		for _, x := range pagesTables[p] {
			if t == nil || x.y0 < t.y0 {
				t = x
			}
		}
		return t
	}
	for p := 0; p+1 < len(pagesLines); p++ {
		a, aEnd := lastTable(p)
		b := firstTable(p + 1)
		if a == nil || b == nil || !sameFrame(a, b) {
			continue
		}
		// Only margin lines may come after a and before b.
		ok := true
		for _, l := range pagesLines[p] {
			if l.top >= aEnd-1 && l.y <= 0.9*heights[p] {
				ok = false
			}
		}
		for _, l := range pagesLines[p+1] {
			if l.y <= b.y0+1 && l.top >= 0.1*heights[p+1] {
				ok = false
			}
		}
		if !ok {
			continue
		}
		keep := func(ls []tline, drop func(tline) bool) []tline {
			out := ls[:0]
			for _, l := range ls {
				if !drop(l) {
					out = append(out, l)
				}
			}
			return out
		}
		pagesLines[p] = keep(pagesLines[p], func(l tline) bool { return l.top >= aEnd-1 })
		pagesLines[p+1] = keep(pagesLines[p+1], func(l tline) bool { return l.y <= b.y0+1 })
	}
}

// item is a line or a table on a page, in reading order.
type item struct {
	top  float64
	line *tline
	tab  *ltable
}

// assemble turns the pages' lines and tables into document blocks:
// paragraphs rejoined across line and page breaks, tables continued on the
// next page joined.
func assemble(pagesLines [][]tline, pagesTables [][]*ltable) ([]grid.Block, map[int]*ltable) {
	var blocks []grid.Block
	tableOf := map[int]*ltable{}
	var para *tline // the open paragraph's last line
	var paraText strings.Builder
	var paraPos grid.Pos
	var lastTable *ltable
	var lastBlockTable int = -1
	body := bodySize(pagesLines)
	flush := func() {
		if para != nil {
			blocks = append(blocks, grid.Block{Kind: grid.Paragraph, Text: paraText.String(), Pos: paraPos})
			para = nil
			paraText.Reset()
		}
	}
	for p := range pagesLines {
		left, right := math.Inf(1), 0.0
		for _, l := range pagesLines[p] {
			left = math.Min(left, l.x0)
			right = math.Max(right, l.x1)
		}
		var items []item
		for i := range pagesLines[p] {
			items = append(items, item{top: pagesLines[p][i].top, line: &pagesLines[p][i]})
		}
		for _, t := range pagesTables[p] {
			items = append(items, item{top: t.y0, tab: t})
		}
		sort.SliceStable(items, func(i, j int) bool { return items[i].top < items[j].top })
		for k, it := range items {
			if it.tab != nil {
				flush()
				if k == 0 && lastTable != nil && lastBlockTable == len(blocks)-1 && lastTable.lastPage == p && sameFrame(lastTable, it.tab) {
					joinTables(lastTable, it.tab)
					continue
				}
				blocks = append(blocks, grid.Block{Kind: grid.TableBlock, Pos: grid.Pos{Page: it.tab.page, X: round1(it.tab.x0), Y: round1(it.tab.y0)}})
				lastTable = it.tab
				lastBlockTable = len(blocks) - 1
				tableOf[len(blocks)-1] = it.tab
				continue
			}
			l := it.line
			if para != nil && (continues(para, l, left, right, k == 0) || wrappedHeading(para, l, body)) {
				if needsSpaceJoin(para.text, l.text) {
					paraText.WriteByte(' ')
				}
				paraText.WriteString(l.text)
				para = l
				continue
			}
			flush()
			para = l
			paraText.WriteString(l.text)
			paraPos = grid.Pos{Page: l.page, X: l.x0, Y: l.top}
		}
		// A table is continued only by the first item of the next page.
		if len(items) > 0 && items[len(items)-1].tab == nil {
			lastTable = nil
		}
	}
	flush()
	return blocks, tableOf
}

func needsSpaceJoin(a, b string) bool {
	x, y := lastRune(a), firstRune(b)
	isW := func(r rune) bool { return r < 0x80 && (unicode.IsLetter(r)) }
	return isW(x) && isW(y)
}

// continues: does line l continue the paragraph whose last line is p?
func continues(p, l *tline, left, right float64, firstOnPage bool) bool {
	if len(p.segs) > 1 || len(l.segs) > 1 {
		return false // a table row drawn without rules
	}
	if math.Abs(p.size-l.size) > 1.5 {
		return false
	}
	if p.x1 < right-1.5*p.size {
		return false // the previous line ended short: a paragraph end
	}
	if l.x0 > left+0.8*l.size {
		return false // indented: a new paragraph
	}
	if enumRe().MatchString(l.text) && l.x0 > left+0.3*l.size {
		return false
	}
	if !firstOnPage && l.y-p.y > 2.4*l.size {
		return false
	}
	if p.page != l.page && !firstOnPage {
		return false
	}
	return true
}

// bodySize is the font size most of the text is set in.
func bodySize(pages [][]tline) float64 {
	count := map[float64]int{}
	for _, ls := range pages {
		for _, l := range ls {
			count[math.Round(l.size)] += len([]rune(l.text))
		}
	}
	best, n := 0.0, -1
	for sz, c := range count {
		if c > n || (c == n && sz < best) {
			best, n = sz, c
		}
	}
	return best
}

// wrappedHeading: a title or heading set larger than the body text and
// wrapped over two lines (centred, so the body rules do not apply).
func wrappedHeading(p, l *tline, body float64) bool {
	return p.page == l.page && math.Abs(p.size-l.size) < 0.5 && l.size >= 1.2*body &&
		l.y-p.y < 2*l.size && l.y > p.y && !enumRe().MatchString(l.text)
}

// sameFrame: two tables share their left and right borders.
func sameFrame(a, b *ltable) bool {
	return math.Abs(a.x0-b.x0) < 3 && math.Abs(a.x1-b.x1) < 3
}

func rowTexts(t *ltable, r int) []string {
	var out []string
	for _, c := range t.cells {
		if c.r0 == r {
			out = append(out, c.text)
		}
	}
	return out
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) || len(a) == 0 {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// joinTables appends b (the same table continued on the next page) to a:
// repeated header rows dropped, a label cell split by the page break
// rejoined with its first part.
func joinTables(a, b *ltable) {
	// Repeated header rows.
	drop := 0
	for k := 0; k < 3 && k < b.rows && k < a.rows; k++ {
		if !equalStrings(rowTexts(a, k), rowTexts(b, k)) {
			break
		}
		drop = k + 1
	}
	if drop > 0 {
		kept := b.cells[:0]
		for _, c := range b.cells {
			if c.r1 <= drop {
				continue
			}
			if c.r0 < drop {
				c.r0 = drop
			}
			c.r0 -= drop
			c.r1 -= drop
			kept = append(kept, c)
		}
		b.cells = kept
		b.rows -= drop
	}
	// A row broken by the page: its two halves become one row.
	if rowSplit(a, b) {
		var kept []*lcell
		for _, c := range b.cells {
			if c.r0 == 0 && c.r1 == 1 {
				up := cellAbove(a, c)
				switch {
				case c.text == "":
				case up.text == "":
					up.text = c.text
				default:
					up.text += "\n" + c.text
				}
				continue
			}
			c.r0--
			c.r1--
			if c.r0 < 0 {
				c.r0 = 0
			}
			kept = append(kept, c)
		}
		b.cells = kept
		b.rows--
	}
	// Cells of b's first row continuing a cell of a's last row: a span or
	// a wrapped label broken by the page.
	var rest []*lcell
	for _, c := range b.cells {
		if c.r0 == 0 {
			if up := cellAbove(a, c); up != nil && continuesCell(up, c) {
				if c.text != "" {
					if up.text != "" {
						up.text += "\n"
					}
					up.text += c.text
				}
				up.r1 = a.rows + c.r1
				continue
			}
		}
		c.r0 += a.rows
		c.r1 += a.rows
		rest = append(rest, c)
	}
	a.cells = append(a.cells, rest...)
	a.rows += b.rows
	a.lastPage = b.page
}

// rowSplit: b's first row is the rest of a's last row, cut by the page
// break. Every cell of it lines up with a one-row cell of a's last row;
// no column has a number in both halves; the first text of b's half does
// not start a new numbered item or a number; and the halves complement
// each other (b's half leaves a cell empty that a's half fills).
func rowSplit(a, b *ltable) bool {
	if b.rows < 1 || a.rows < 1 {
		return false
	}
	var first []*lcell
	for _, c := range b.cells {
		if c.r0 == 0 {
			if c.r1 != 1 {
				return false
			}
			first = append(first, c)
		}
	}
	if len(first) < 2 {
		return false
	}
	sort.Slice(first, func(i, j int) bool { return first[i].x0 < first[j].x0 })
	complement, lead := false, ""
	for _, c := range first {
		up := cellAbove(a, c)
		if up == nil || up.r1-up.r0 != 1 {
			return false
		}
		if lead == "" && c.text != "" {
			lead = c.text
		}
		if numberLike().MatchString(up.text) && numberLike().MatchString(c.text) {
			return false
		}
		if up.text != "" && c.text == "" {
			complement = true
		}
	}
	return complement && lead != "" && !enumRe().MatchString(lead) && !numberLike().MatchString(lead)
}

func cellAbove(a *ltable, c *lcell) *lcell {
	for _, u := range a.cells {
		if u.r1 == a.rows && math.Abs(u.x0-c.x0) < 2 && math.Abs(u.x1-c.x1) < 2 {
			return u
		}
	}
	return nil
}

// continuesCell: the lower part (next page) of a label cell carries on
// the upper part: it spans rows itself or the upper part does, neither is
// a number, and the lower part does not start a new numbered item.
func continuesCell(up, c *lcell) bool {
	if numberLike().MatchString(up.text) || numberLike().MatchString(c.text) {
		return false
	}
	if up.text == "" && c.text == "" {
		return false
	}
	if c.text != "" && enumRe().MatchString(c.text) {
		return false
	}
	return up.r1-up.r0 > 1 || c.r1-c.r0 > 1
}

// toGrid turns a lattice table into a grid.Table with columns from the
// union of all cells' edges.
func toGrid(t *ltable, n int) *grid.Table {
	var xs []float64
	for _, c := range t.cells {
		xs = append(xs, c.x0, c.x1)
	}
	xs = clusterPositions(xs, gapTol)
	col := func(x float64) int {
		best, bd := 0, math.Inf(1)
		for i, v := range xs {
			if d := math.Abs(v - x); d < bd {
				best, bd = i, d
			}
		}
		return best
	}
	gt := &grid.Table{Pos: grid.Pos{Page: t.page, Table: n, X: t.x0, Y: t.y0}}
	gt.Rows = make([][]grid.Cell, t.rows)
	cells := append([]*lcell(nil), t.cells...)
	sort.SliceStable(cells, func(i, j int) bool {
		if cells[i].r0 != cells[j].r0 {
			return cells[i].r0 < cells[j].r0
		}
		return cells[i].x0 < cells[j].x0
	})
	for _, c := range cells {
		c0, c1 := col(c.x0), col(c.x1)
		if c1 <= c0 {
			c1 = c0 + 1
		}
		gc := grid.Cell{Text: c.text, Pos: grid.Pos{Page: c.page, Table: n, Row: c.r0 + 1, Col: c0 + 1, X: round1(c.x0), Y: round1(c.y0)}}
		if rs := c.r1 - c.r0; rs > 1 {
			gc.RowSpan = rs
		}
		if cs := c1 - c0; cs > 1 {
			gc.ColSpan = cs
		}
		if c.r0 >= 0 && c.r0 < len(gt.Rows) {
			gt.Rows[c.r0] = append(gt.Rows[c.r0], gc)
		}
	}
	return gt
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }
