package xlsx

// Reader: finding a table by its labels when the defined names are missing.

import (
	"github.com/govreport/govreport/convert/match"
	"github.com/govreport/govreport/templates"
)

// The label fallback looks at a snapshot of at most scanRows × scanCols
// cells of a sheet: the official tables are about 30 rows by 15 columns.
const (
	scanRows = 2000
	scanCols = 64
)

// grid is a snapshot of a sheet's text, for finding labels.
type grid struct {
	cells  [][]string // [row][col], zero-based, ragged
	merges []rect
	// labels holds each cell's label (match.Intern), made on first use:
	// the label search looks at every cell once per table.
	labels [][]*match.Label

	cellsRead, mergesRead bool
}

type rect struct{ r0, c0, r1, c1 int }

// label returns the label of the non-empty cell (r, c).
func (g *grid) label(r, c int) *match.Label {
	if g.labels == nil {
		g.labels = make([][]*match.Label, len(g.cells))
	}
	if g.labels[r] == nil {
		g.labels[r] = make([]*match.Label, len(g.cells[r]))
	}
	l := g.labels[r][c]
	if l == nil {
		l = match.Intern(g.cells[r][c])
		g.labels[r][c] = l
	}
	return l
}

// mergeAt returns the merge covering (r, c).
func (g *grid) mergeAt(r, c int) (rect, bool) {
	for _, m := range g.merges {
		if r >= m.r0 && r <= m.r1 && c >= m.c0 && c <= m.c1 {
			return m, true
		}
	}
	return rect{}, false
}

// merges returns a sheet's merged ranges.
func (rd *reader) merges(sheet string) *grid {
	g, ok := rd.grids[sheet]
	if !ok {
		g = &grid{}
		rd.grids[sheet] = g
	}
	if g.mergesRead || !rd.sheet[sheet] {
		return g
	}
	g.mergesRead = true
	if rd.probe(sheet) != nil {
		return g
	}
	if mcs, err := rd.f.MergeCells(sheet); err == nil {
		for _, mc := range mcs {
			r0, c0, e1 := coords(mc.GetStartAxis())
			r1, c1, e2 := coords(mc.GetEndAxis())
			if e1 == nil && e2 == nil {
				g.merges = append(g.merges, rect{min(r0, r1), min(c0, c1), max(r0, r1), max(c0, c1)})
			}
		}
	}
	return g
}

// grid returns the snapshot of a sheet's text and merges (empty when the
// sheet cannot be read).
func (rd *reader) grid(sheet string) *grid {
	g := rd.merges(sheet)
	if g.cellsRead || !rd.sheet[sheet] {
		return g
	}
	g.cellsRead = true
	if rd.probe(sheet) != nil {
		return g
	}
	// The sheet is already in memory (probe and merges read it);
	// SheetRows reads its values there instead of marshalling it to XML
	// and parsing that again, as Rows would.
	// Rows read before an error are kept, as with Rows/Columns.
	rows, _ := rd.f.Rows(sheet, scanRows)
	for _, cols := range rows {
		if len(cols) > scanCols {
			cols = cols[:scanCols]
		}
		g.cells = append(g.cells, cols)
	}
	return g
}

// coreOf normalises a label for comparison (see match.Core).
func coreOf(s string) string { return match.Core(s) }

// location is where a table was found by its labels.
type location struct {
	sheet       string
	top, left   int               // sheet position of the spec's (0, 0)
	cells       map[string][2]int // key → zero-based (row, col)
	missingRows []string          // labels of data rows not found
	score       int               // anchors and rows matched
}

// anchor is a text cell of a spec whose normalised text is unique in its
// table, so that finding it on a sheet says where the table is.
type anchor struct {
	row, col int
	label    match.Label
	header   bool // header, note or banner: above or between data rows
}

// anchorIndex is a table's anchors, indexed by their normalised text.
type anchorIndex struct {
	as             []anchor
	byCore, byBody map[string][]int
}

// anchorsOf returns the anchors of t, computed once per read: locate
// looks for every table on every sheet.
func (rd *reader) anchorsOf(t *templates.Table) *anchorIndex {
	if ax, ok := rd.anchors[t]; ok {
		return ax
	}
	ax := &anchorIndex{as: anchors(t), byCore: map[string][]int{}, byBody: map[string][]int{}}
	for i, a := range ax.as {
		ax.byCore[a.label.Core] = append(ax.byCore[a.label.Core], i)
		ax.byBody[a.label.Body] = append(ax.byBody[a.label.Body], i)
	}
	if rd.anchors == nil {
		rd.anchors = map[*templates.Table]*anchorIndex{}
	}
	rd.anchors[t] = ax
	return ax
}

func anchors(t *templates.Table) []anchor {
	count := map[string]int{}
	for _, pc := range t.Cells {
		if pc.Text != "" {
			count[match.Core(pc.Text)]++
		}
	}
	var out []anchor
	for _, pc := range t.Cells {
		if pc.Text == "" || pc.Role == templates.RoleValue || pc.Role == templates.RoleEmpty || count[match.Core(pc.Text)] != 1 {
			continue
		}
		out = append(out, anchor{row: pc.Row, col: pc.Col, label: match.New(pc.Text),
			header: pc.Role != templates.RoleLabel})
	}
	return out
}

// locate finds a table on the workbook's sheets by its labels: the sheet
// named for the table first, then every other sheet.
func (rd *reader) locate(t *templates.Table) *location {
	var best *location
	order := []string{}
	want := t.Ref.Name
	for _, s := range rd.list {
		if s == want || coreOf(s) == coreOf(want) {
			order = append(order, s)
		}
	}
	for _, s := range rd.list {
		if s != sheetMeta && !(s == want || coreOf(s) == coreOf(want)) {
			order = append(order, s)
		}
	}
	for _, s := range order {
		if loc := rd.locateOn(t, s); loc != nil && (best == nil || loc.score > best.score) {
			best = loc
		}
	}
	return best
}

// locateOn finds table t on one sheet. Columns keep their order and
// spacing (the column offset is the one most anchors agree on); rows are
// found one by one by their labels, in order, so inserted rows and moved
// tables do not matter.
func (rd *reader) locateOn(t *templates.Table, sheet string) *location {
	g := rd.grid(sheet)
	ax := rd.anchorsOf(t)
	as, byCore, byBody := ax.as, ax.byCore, ax.byBody
	type hit struct{ dr, dc int }
	var hits []hit
	var headerHits []hit
	for r, row := range g.cells {
		for c, v := range row {
			if v == "" || len(v) > 400 {
				continue
			}
			l := g.label(r, c)
			cand := byCore[l.Core]
			if len(cand) == 0 {
				cand = byBody[l.Body]
			}
			for _, i := range cand {
				if match.Score(*l, as[i].label) < match.Body {
					continue
				}
				h := hit{r - as[i].row, c - as[i].col}
				hits = append(hits, h)
				if as[i].header {
					headerHits = append(headerHits, h)
				}
			}
		}
	}
	if len(hits) < 2 {
		return nil
	}
	// Column offset: the mode.
	dcCount := map[int]int{}
	for _, h := range hits {
		dcCount[h.dc]++
	}
	dc, n := 0, -1
	for k, v := range dcCount {
		if v > n || v == n && k < dc {
			dc, n = k, v
		}
	}
	if n < 2 || dc < 0 {
		return nil
	}
	// Row offset of the top of the table: the mode of the header anchors
	// (ties: the topmost), else of all anchors.
	src := headerHits
	if len(src) == 0 {
		src = hits
	}
	drCount := map[int]int{}
	for _, h := range src {
		if h.dc == dc {
			drCount[h.dr]++
		}
	}
	dr, m := 0, -1
	for k, v := range drCount {
		if v > m || v == m && k < dr {
			dr, m = k, v
		}
	}
	if m < 0 {
		return nil
	}
	loc := &location{sheet: sheet, top: dr, left: dc, cells: map[string][2]int{}, score: n}
	// Data rows.
	cursor := max(dr, 0)
	prevSpec, prevSheet := -1, -1
	for _, d := range t.Data {
		_, ok := innermostLabelCol(t, d.Row)
		sheetRow := -1
		if !ok || len(d.Labels) == 0 {
			// No row label (table 四): the row keeps its distance from the
			// previous row found, or from the headers.
			if prevSpec >= 0 {
				sheetRow = prevSheet + (d.Row - prevSpec)
			} else {
				sheetRow = d.Row + dr
			}
		} else {
			inner := d.Labels[len(d.Labels)-1]
			want := []match.Label{match.New(inner)}
			if len(d.Aliases) > 0 {
				for _, a := range d.Aliases[len(d.Aliases)-1] {
					want = append(want, match.New(a))
				}
			}
			fvc := t.FirstValueCol()
			for r := cursor; r < len(g.cells) && sheetRow < 0; r++ {
				for c := dc; c < fvc+dc && c < len(g.cells[r]); c++ {
					v := g.cells[r][c]
					if v == "" {
						continue
					}
					if _, s := match.Best(*g.label(r, c), want); s >= match.Body {
						sheetRow = r
						break
					}
				}
			}
			if sheetRow < 0 {
				loc.missingRows = append(loc.missingRows, "“"+inner+"”")
				continue
			}
			loc.score++
		}
		cursor = sheetRow + 1
		prevSpec, prevSheet = d.Row, sheetRow
		for _, k := range d.Keys {
			ki := t.KeyInfo(k)
			loc.cells[k] = [2]int{sheetRow, ki.Cell.Col + dc}
		}
	}
	if len(loc.cells) == 0 {
		return nil
	}
	return loc
}

// innermostLabelCol is the column of the last row label left of the values
// in spec row r.
func innermostLabelCol(t *templates.Table, r int) (int, bool) {
	col, ok := -1, false
	for c := 0; c < t.Cols; c++ {
		pc := t.Cells[t.Grid[r][c]]
		if pc.Role == templates.RoleValue {
			break
		}
		if pc.Role == templates.RoleLabel && pc.Row == r {
			col, ok = pc.Col, true
		}
	}
	return col, ok
}
