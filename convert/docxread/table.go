package docxread

import (
	"slices"
	"strconv"
	"strings"

	"github.com/govreport/govreport/convert/grid"
)

// Merge states of a cell (w:vMerge, w:hMerge).
const (
	noMerge = iota
	mergeRestart
	mergeContinue
)

// maxSpan bounds w:gridSpan and w:gridBefore; a real report table has a
// dozen grid columns, LibreOffice's HTML imports a few dozen.
const maxSpan = 1000

// maxMergedText bounds the text gathered from continuation cells into a
// merged cell (appending is quadratic in the number of rows, and a label
// is a few dozen characters).
const maxMergedText = 4096

// rawCell is a w:tc as written: its place on the table grid and its content.
type rawCell struct {
	start, span    int // first grid column (0-based) and grid columns covered
	vmerge, hmerge int
	blocks         []block
}

// table reads a w:tbl and appends what it holds to out: normally the table
// itself followed by the tables nested in its cells; a layout table (one
// column, used to frame the whole report) is replaced by its content.
func (p *parser) table(out *[]block) error {
	if p.tableDepth >= maxTableDepth {
		return errTooManyTables
	}
	p.tableDepth++
	defer func() { p.tableDepth-- }()
	var rows [][]rawCell
	err := p.children(func(t elem) error {
		if t.is("tr") {
			return p.row(&rows)
		}
		return p.skip()
	})
	if err != nil {
		return err
	}
	*out = append(*out, assemble(rows)...)
	return nil
}

// row reads a w:tr. A row deleted as a tracked change is dropped.
func (p *parser) row(rows *[][]rawCell) error {
	var cells []rawCell
	col, deleted := 0, false
	err := p.children(func(t elem) error {
		if !t.isW() {
			return p.skip()
		}
		switch t.local {
		case "trPr":
			return p.elements(func(c elem) error {
				if c.isW() {
					switch c.local {
					case "gridBefore":
						if len(cells) == 0 {
							col = count(c.attr("val"), 0)
						}
					case "del":
						deleted = true
						p.notes.revisions++
					case "ins":
						p.notes.revisions++
					}
				}
				return p.skip()
			})
		case "tc":
			c, err := p.cell(col)
			if err != nil {
				return err
			}
			if n := len(cells); c.hmerge == mergeContinue && n > 0 {
				// Legacy horizontal merge: the cell widens the one before.
				prev := &cells[n-1]
				prev.span += c.span
				prev.blocks = append(prev.blocks, c.blocks...)
			} else {
				cells = append(cells, c)
			}
			col += c.span
			return nil
		}
		return p.skip()
	})
	if err != nil || deleted || len(cells) == 0 {
		return err
	}
	*rows = append(*rows, cells)
	return nil
}

// count parses a grid count, clamped to [min, maxSpan].
func count(s string, min int) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	switch {
	case err != nil || n < min:
		return min
	case n > maxSpan:
		return maxSpan
	}
	return n
}

// cell reads a w:tc starting at grid column col.
func (p *parser) cell(col int) (rawCell, error) {
	if p.cells++; p.cells > maxItems {
		return rawCell{}, errTooManyItems
	}
	c := rawCell{start: col, span: 1}
	saved := p.fields
	p.fields = nil
	defer func() { p.fields = saved }()
	content := p.blocks(&c.blocks)
	err := p.children(func(t elem) error {
		if t.is("tcPr") {
			return p.elements(func(e elem) error {
				if e.isW() {
					switch e.local {
					case "gridSpan":
						c.span = count(e.attr("val"), 1)
					case "vMerge":
						c.vmerge = mergeKind(e)
					case "hMerge":
						c.hmerge = mergeKind(e)
					}
				}
				return p.skip()
			})
		}
		return content(t)
	})
	return c, err
}

// mergeKind reads w:vMerge/w:hMerge: w:val="restart" starts a merge; no
// w:val (Word) or w:val="continue" (WPS, LibreOffice) continues one.
func mergeKind(t elem) int {
	if t.attr("val") == "restart" {
		return mergeRestart
	}
	return mergeContinue
}

// assemble turns the rows of a table into blocks: the grid.Table (cells
// with logical columns and spans, vertical merges resolved) followed by the
// tables nested in its cells, or — for a layout table of one column whose
// cells hold tables, or a single cell — the content of its cells.
func assemble(rows [][]rawCell) []block {
	if len(rows) == 0 {
		return nil
	}
	if isLayout(rows) {
		var out []block
		for _, r := range rows {
			out = append(out, r[0].blocks...)
		}
		return out
	}
	// Logical columns: the grid columns that some cell boundary separates.
	// LibreOffice's import of an HTML table makes a grid column for every
	// distinct edge position, so one logical column may be several grid
	// columns no cell ever splits.
	var edges []int
	for _, r := range rows {
		for _, c := range r {
			edges = append(edges, c.start, c.start+c.span)
		}
	}
	slices.Sort(edges)
	edges = slices.Compact(edges)
	logical := func(g int) int {
		i, _ := slices.BinarySearch(edges, g)
		return i
	}
	type owner struct {
		row, idx, end int
	}
	t := &grid.Table{}
	var nested []block
	above := map[int]owner{} // grid start column → the cell covering it in the row above
	for _, r := range rows {
		var out []grid.Cell
		here := map[int]owner{}
		rowNo := len(t.Rows)
		for _, c := range r {
			text, tables := cellContent(c.blocks)
			nested = append(nested, tables...)
			end := c.start + c.span
			if c.vmerge == mergeContinue {
				if o, ok := above[c.start]; ok && o.end == end {
					top := &t.Rows[o.row][o.idx]
					top.RowSpan = max(top.RowSpan, 1) + 1
					if strings.TrimSpace(text) != "" && len(top.Text) < maxMergedText {
						// A continuation cell should be empty; when it is not,
						// its text is shown inside the merged cell.
						top.Text = joinLines(top.Text, text)
					}
					here[c.start] = o
					continue
				}
			}
			lc, le := logical(c.start), logical(end)
			gc := grid.Cell{Text: text, Pos: grid.Pos{Row: rowNo + 1, Col: lc + 1}}
			if le-lc > 1 {
				gc.ColSpan = le - lc
			}
			here[c.start] = owner{row: rowNo, idx: len(out), end: end}
			out = append(out, gc)
		}
		above = here
		t.Rows = append(t.Rows, out)
	}
	return append([]block{{kind: grid.TableBlock, table: t}}, nested...)
}

// isLayout reports whether a table only frames its content: one cell per
// row and either a single row of a single cell, or a nested table inside.
func isLayout(rows [][]rawCell) bool {
	hasTable := false
	for _, r := range rows {
		if len(r) != 1 {
			return false
		}
		for _, b := range r[0].blocks {
			if b.kind == grid.TableBlock {
				hasTable = true
			}
		}
	}
	return hasTable || len(rows) == 1
}

// cellContent joins a cell's paragraphs with "\n" and returns the tables
// nested in it separately.
func cellContent(blocks []block) (string, []block) {
	var lines []string
	var tables []block
	for _, b := range blocks {
		switch b.kind {
		case grid.TableBlock:
			tables = append(tables, b)
		case grid.Paragraph:
			lines = append(lines, b.fullText())
		}
	}
	// Empty leading and trailing paragraphs are layout, not content.
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	for len(lines) > 0 && strings.TrimSpace(lines[0]) == "" {
		lines = lines[1:]
	}
	return strings.Join(lines, "\n"), tables
}

func joinLines(a, b string) string {
	if a == "" {
		return b
	}
	return a + "\n" + b
}
