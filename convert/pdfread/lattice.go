package pdfread

import (
	"math"
	"sort"
)

// Lattice tables: the page's horizontal and vertical rules are merged,
// grouped into connected grids, and each grid's cells are the rectangles
// between its row and column lines; a rule missing inside the grid joins
// two cells into a span.

const (
	ruleTol = 1.5 // rules closer than this are one line (double borders, rounding)
	gapTol  = 2.5 // collinear pieces closer than this are one rule
)

// mergeSegs merges collinear rules: cluster by position first, then join
// overlapping extents within each cluster. Doing extents first would keep
// near-collinear pieces apart and lose a column.
func mergeSegs(segs []seg, horizontal bool) []seg {
	pos := func(s seg) float64 {
		if horizontal {
			return s.y0
		}
		return s.x0
	}
	sort.Slice(segs, func(i, j int) bool { return pos(segs[i]) < pos(segs[j]) })
	var out []seg
	for i := 0; i < len(segs); {
		j := i + 1
		sum := pos(segs[i])
		for j < len(segs) && pos(segs[j])-pos(segs[j-1]) <= ruleTol && pos(segs[j])-pos(segs[i]) <= 2*ruleTol {
			sum += pos(segs[j])
			j++
		}
		p := sum / float64(j-i)
		cl := append([]seg(nil), segs[i:j]...)
		lo := func(s seg) float64 {
			if horizontal {
				return s.x0
			}
			return s.y0
		}
		hi := func(s seg) float64 {
			if horizontal {
				return s.x1
			}
			return s.y1
		}
		sort.Slice(cl, func(a, b int) bool { return lo(cl[a]) < lo(cl[b]) })
		a, b := lo(cl[0]), hi(cl[0])
		flush := func() {
			if horizontal {
				out = append(out, seg{a, p, b, p})
			} else {
				out = append(out, seg{p, a, p, b})
			}
		}
		for _, s := range cl[1:] {
			if lo(s) <= b+gapTol {
				b = math.Max(b, hi(s))
				continue
			}
			flush()
			a, b = lo(s), hi(s)
		}
		flush()
		i = j
	}
	return out
}

// lcell is a lattice cell: its row range in its table and its geometry.
type lcell struct {
	r0, r1         int // rows [r0, r1)
	x0, y0, x1, y1 float64
	page           int
	glyphs         []glyph
	text           string // set when glyphs are turned to text (or joined)
}

// ltable is a lattice table on one page (or joined over pages).
type ltable struct {
	page           int // first page
	lastPage       int
	x0, y0, x1, y1 float64 // box on the first page
	rows           int
	cells          []*lcell
	// The grid while the page's glyphs are placed: line positions and the
	// cell owning each grid square (nil outside every cell).
	xs, ys []float64
	owner  [][]*lcell
	// cut: text runs across the page edge the table sits on, so the
	// table goes on beyond the page (its outer columns may be lost).
	cut bool
}

// cellAt returns the cell under a point, in O(log n).
func (t *ltable) cellAt(x, y float64) *lcell {
	j := sort.SearchFloat64s(t.xs, x) - 1
	i := sort.SearchFloat64s(t.ys, y) - 1
	if x == t.xs[0] {
		j = 0
	}
	if y == t.ys[0] {
		i = 0
	}
	if i < 0 || j < 0 || i >= len(t.owner) || j >= len(t.owner[i]) {
		return nil
	}
	return t.owner[i][j]
}

// findTables builds lattice tables from a page's rules and takes the
// glyphs inside them; it returns the tables and the glyphs left over.
func findTables(pc *pageContent, pageNo int) ([]*ltable, []glyph) {
	var hs, vs []seg
	for _, s := range pc.segs {
		if s.horizontal() {
			hs = append(hs, s)
		} else {
			vs = append(vs, s)
		}
	}
	if len(hs) < 2 || len(vs) < 2 {
		return nil, pc.glyphs
	}
	hs = mergeSegs(hs, true)
	vs = mergeSegs(vs, false)
	if len(hs) > maxRules || len(vs) > maxRules {
		return nil, pc.glyphs // a drawing: pairing its rules would be quadratic
	}
	// Connected components of crossing rules.
	n := len(hs) + len(vs)
	parent := make([]int, n)
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	const t = 2.0
	for i, h := range hs {
		for j, v := range vs {
			if v.x0 >= h.x0-t && v.x0 <= h.x1+t && h.y0 >= v.y0-t && h.y0 <= v.y1+t {
				a, b := find(i), find(len(hs)+j)
				if a != b {
					parent[a] = b
				}
			}
		}
	}
	groups := map[int][]int{}
	var order []int
	for i := 0; i < n; i++ {
		r := find(i)
		if _, ok := groups[r]; !ok {
			order = append(order, r)
		}
		groups[r] = append(groups[r], i)
	}
	var tables []*ltable
	for _, r := range order {
		var th, tv []seg
		for _, i := range groups[r] {
			if i < len(hs) {
				th = append(th, hs[i])
			} else {
				tv = append(tv, vs[i-len(hs)])
			}
		}
		if len(th) < 2 || len(tv) < 2 {
			continue
		}
		if tb := buildTable(th, tv, pageNo); tb != nil {
			tables = append(tables, tb)
		}
	}
	if len(tables) == 0 {
		return nil, pc.glyphs
	}
	// Text cut by the page edge belongs to the edge cell it runs into.
	pulled := map[int]*ltable{}
	for _, tb := range tables {
		if tb.x0 <= 1 {
			edgeRuns(pc.glyphs, tb, tb.x0, false, pulled)
		}
		if pc.width > 0 && tb.x1 >= pc.width-1 {
			edgeRuns(pc.glyphs, tb, tb.x1, true, pulled)
		}
	}
	// Each glyph goes to the cell under its centre.
	var rest []glyph
	for i, g := range pc.glyphs {
		cx, cy := g.cx(), g.cy()
		placed := false
		for _, tb := range tables {
			if pt, ok := pulled[i]; ok && pt == tb {
				cx = math.Min(math.Max(cx, tb.x0), tb.x1)
			}
			if cx < tb.x0-1 || cx > tb.x1+1 || cy < tb.y0-1 || cy > tb.y1+1 {
				continue
			}
			if c := tb.cellAt(math.Min(math.Max(cx, tb.x0), tb.x1), math.Min(math.Max(cy, tb.y0), tb.y1)); c != nil {
				c.glyphs = append(c.glyphs, g)
			}
			placed = true // inside the table's box but in no cell: dropped with the table
			break
		}
		if !placed {
			rest = append(rest, g)
		}
	}
	return tables, rest
}

// edgeRuns marks the glyphs beside a table that sits on the page edge
// (LibreOffice clips a wide web table there and draws its outer rules at
// the edge) when they continue a run of text that crosses the edge: a
// glyph straddling the edge proves there is no rule between the parts, so
// the part beside the page is the rest of the edge cell's text (a label
// cut in two). Text beside the page that no such run reaches stays out of
// the table: with no rule to place it, it could belong to any column.
func edgeRuns(gs []glyph, tb *ltable, edge float64, right bool, pulled map[int]*ltable) {
	var cross, beside []int
	for i, g := range gs {
		if cy := g.cy(); cy < tb.y0 || cy > tb.y1 {
			continue
		}
		switch {
		case g.x0 < edge-0.5 && g.x1 > edge+0.5:
			cross = append(cross, i)
		case right && g.cx() > tb.x1+1, !right && g.cx() < tb.x0-1:
			beside = append(beside, i)
		}
	}
	if len(cross) == 0 {
		return
	}
	tb.cut = true
	// Nearest the edge first, so a run is followed outward in one pass.
	sort.Slice(beside, func(a, b int) bool {
		if right {
			return gs[beside[a]].x0 < gs[beside[b]].x0
		}
		return gs[beside[a]].x1 > gs[beside[b]].x1
	})
	for _, c := range cross {
		pulled[c] = tb
		prev := gs[c]
		for _, i := range beside {
			g := gs[i]
			if _, done := pulled[i]; done || math.Abs(g.y-prev.y) > 0.2*prev.size || math.Abs(g.size-prev.size) > 0.2*prev.size {
				continue
			}
			gap := g.x0 - prev.x1
			if !right {
				gap = prev.x0 - g.x1
			}
			if gap < -0.25*prev.size {
				continue // overlapping the run: another line's glyph
			}
			if gap > 0.5*prev.size {
				break // the run ends; farther glyphs are other text
			}
			pulled[i] = tb
			prev = g
		}
	}
}

// clusterPositions merges positions closer than tol (a cluster at most
// 2×tol wide) into their mean.
func clusterPositions(v []float64, tol float64) []float64 {
	sort.Float64s(v)
	var out []float64
	for i := 0; i < len(v); {
		j := i + 1
		sum := v[i]
		for j < len(v) && v[j]-v[j-1] <= tol && v[j]-v[i] <= 2*tol {
			sum += v[j]
			j++
		}
		out = append(out, sum/float64(j-i))
		i = j
	}
	return out
}

// lineTol: rules closer than this are one grid line. No row or column of
// a real table is this thin, and double borders (two rules 2–4 pt apart)
// must not make empty rows that would read as rows of blank cells.
const lineTol = 4.0

func buildTable(hs, vs []seg, pageNo int) *ltable {
	var ys, xs []float64
	for _, h := range hs {
		ys = append(ys, h.y0)
	}
	for _, v := range vs {
		xs = append(xs, v.x0)
	}
	ys = clusterPositions(ys, lineTol)
	xs = clusterPositions(xs, lineTol)
	if len(ys) < 2 || len(xs) < 2 || len(ys) > 500 || len(xs) > 100 {
		return nil
	}
	// An outer border the writer did not draw (Chromium leaves out the
	// right border of a table cut by the page): when several rules run on
	// past the last crossing rule to a common end, that end is a border.
	virtX, virtY := map[int]bool{}, map[int]bool{}
	if x, ok := commonEnd(hs, xs[len(xs)-1], true, true); ok {
		xs = append(xs, x)
		virtX[len(xs)-1] = true
	}
	if x, ok := commonEnd(hs, xs[0], true, false); ok {
		xs = append([]float64{x}, xs...)
		shifted := map[int]bool{0: true}
		for k := range virtX {
			shifted[k+1] = true
		}
		virtX = shifted
	}
	if y, ok := commonEnd(vs, ys[len(ys)-1], false, true); ok {
		ys = append(ys, y)
		virtY[len(ys)-1] = true
	}
	if y, ok := commonEnd(vs, ys[0], false, false); ok {
		ys = append([]float64{y}, ys...)
		shifted := map[int]bool{0: true}
		for k := range virtY {
			shifted[k+1] = true
		}
		virtY = shifted
	}
	nr, nc := len(ys)-1, len(xs)-1
	// hasV(i, j): a vertical rule at xs[j] across row i.
	hasV := func(i, j int) bool {
		if virtX[j] {
			return true
		}
		a, b := ys[i], ys[i+1]
		lo, hi := a+0.3*(b-a), b-0.3*(b-a)
		for _, v := range vs {
			if math.Abs(v.x0-xs[j]) <= lineTol && v.y0 <= lo+0.5 && v.y1 >= hi-0.5 {
				return true
			}
		}
		return false
	}
	hasH := func(i, j int) bool { // a horizontal rule at ys[i] across column j
		if virtY[i] {
			return true
		}
		a, b := xs[j], xs[j+1]
		lo, hi := a+0.3*(b-a), b-0.3*(b-a)
		for _, h := range hs {
			if math.Abs(h.y0-ys[i]) <= lineTol && h.x0 <= lo+0.5 && h.x1 >= hi-0.5 {
				return true
			}
		}
		return false
	}
	used := make([][]bool, nr)
	for i := range used {
		used[i] = make([]bool, nc)
	}
	tb := &ltable{page: pageNo, lastPage: pageNo, x0: xs[0], x1: xs[nc], y0: ys[0], y1: ys[nr], rows: nr, xs: xs, ys: ys}
	tb.owner = make([][]*lcell, nr)
	for i := range tb.owner {
		tb.owner[i] = make([]*lcell, nc)
	}
	for i := 0; i < nr; i++ {
		for j := 0; j < nc; j++ {
			if used[i][j] {
				continue
			}
			// Extend right while the border to the right is missing.
			j1 := j + 1
			for j1 < nc && !hasV(i, j1) && !used[i][j1] {
				j1++
			}
			// Extend down while the border below is missing across the span.
			i1 := i + 1
			for i1 < nr {
				open := true
				for c := j; c < j1; c++ {
					if hasH(i1, c) || used[i1][c] {
						open = false
						break
					}
				}
				if !open {
					break
				}
				i1++
			}
			for r := i; r < i1; r++ {
				for c := j; c < j1; c++ {
					used[r][c] = true
				}
			}
			// A cell outside every rule (the grid's ragged corner) is not
			// a cell: it has no border on its outer sides.
			if !cellBordered(i, i1, j, j1, hasV, hasH, nr, nc) {
				continue
			}
			c := &lcell{r0: i, r1: i1, x0: xs[j], x1: xs[j1], y0: ys[i], y1: ys[i1], page: pageNo}
			tb.cells = append(tb.cells, c)
			for r := i; r < i1; r++ {
				for k := j; k < j1; k++ {
					tb.owner[r][k] = c
				}
			}
		}
	}
	if len(tb.cells) == 0 {
		return nil
	}
	return tb
}

// commonEnd finds where at least two rules run on past edge (the last
// crossing rule on that side) to a common end; horizontal tells the rules'
// direction, far whether the right/bottom (true) or left/top end counts.
func commonEnd(rules []seg, edge float64, horizontal, far bool) (float64, bool) {
	var ends []float64
	for _, r := range rules {
		lo, hi := r.y0, r.y1
		if horizontal {
			lo, hi = r.x0, r.x1
		}
		if far && hi > edge+6 {
			ends = append(ends, hi)
		} else if !far && lo < edge-6 {
			ends = append(ends, lo)
		}
	}
	if len(ends) < 2 {
		return 0, false
	}
	sort.Float64s(ends)
	if ends[len(ends)-1]-ends[0] > 3 {
		return 0, false
	}
	if far {
		return ends[len(ends)-1], true
	}
	return ends[0], true
}

// cellBordered: at least three sides of the cell have some rule (a table
// whose outer frame is missing on one side still reads).
func cellBordered(i, i1, j, j1 int, hasV func(int, int) bool, hasH func(int, int) bool, nr, nc int) bool {
	sides := 0
	if hasH(i, j) {
		sides++
	}
	if hasH(i1, j) {
		sides++
	}
	if hasV(i, j) {
		sides++
	}
	if hasV(i, j1) {
		sides++
	}
	return sides >= 3
}
