package pdfread

import (
	"math"
	"sort"
)

// Stream tables: a table drawn without rules is found as a run of at
// least two lines split by wide gaps, one or more of them holding numbers.
// Its columns come from the x-extents of the pieces after the row label in
// the rows with numbers, plus header pieces over x ranges no number uses
// (a column empty in every row). The table is made only when those columns
// are certain — every row with numbers fills every column, or a header
// line has one piece over each column — else the lines stay lines and the
// text reader keeps values it cannot place with a doubt. A piece goes to
// the column under its centre (a header piece over several columns spans
// them), so an empty cell stays empty and values never shift left.

// streamTables takes the stream tables out of a page's lines.
func streamTables(lines []tline, page int) ([]tline, []*ltable) {
	var rest []tline
	var tables []*ltable
	for i := 0; i < len(lines); {
		j := i
		numeric := 0
		for j < len(lines) && len(lines[j].segs) > 1 && (j == i || lines[j].top-lines[j-1].y < 3*lines[j].size) {
			if hasNumberSeg(lines[j]) {
				numeric++
			}
			j++
		}
		if numeric >= 1 && j-i >= 2 {
			if t := buildStream(lines[i:j], page); t != nil {
				tables = append(tables, t)
				i = j
				continue
			}
		}
		if j == i {
			j = i + 1
		}
		rest = append(rest, lines[i:j]...)
		i = j
	}
	return rest, tables
}

func hasNumberSeg(l tline) bool {
	for _, s := range l.segs[1:] {
		if numberLike().MatchString(s.text) {
			return true
		}
	}
	return false
}

type span struct{ x0, x1 float64 }

func mergeSpans(sp []span) []span {
	sort.Slice(sp, func(i, j int) bool { return sp[i].x0 < sp[j].x0 })
	var out []span
	for _, s := range sp {
		if n := len(out); n > 0 && s.x0 <= out[n-1].x1 {
			out[n-1].x1 = math.Max(out[n-1].x1, s.x1)
			continue
		}
		out = append(out, s)
	}
	return out
}

func buildStream(lines []tline, page int) *ltable {
	// Data columns from the pieces after the label in rows with numbers.
	var sp []span
	left := math.Inf(1)
	for _, l := range lines {
		left = math.Min(left, l.segs[0].x0)
		if hasNumberSeg(l) {
			for _, s := range l.segs[1:] {
				sp = append(sp, span{s.x0, s.x1})
			}
		}
	}
	data := mergeSpans(sp)
	if len(data) == 0 || len(data) > 60 {
		return nil
	}
	for _, l := range lines {
		if hasNumberSeg(l) && l.segs[0].x1 > data[0].x0 {
			return nil // the label runs into the numbers: not a clean grid
		}
	}
	// A header piece over an x range no number uses names a column that
	// is empty in every row.
	var extra []span
	for _, l := range lines {
		if hasNumberSeg(l) {
			continue
		}
		for _, s := range l.segs {
			if s.x0 >= data[0].x0-1 || s.x1 > data[0].x0 {
				hit := false
				for _, d := range data {
					if s.x1 > d.x0 && s.x0 < d.x1 {
						hit = true
					}
				}
				if !hit {
					extra = append(extra, span{s.x0, s.x1})
				}
			}
		}
	}
	data = mergeSpans(append(data, extra...))
	cols := append([]span{{left, data[0].x0}}, data...)
	// Accept only when the columns are certain: every row with numbers
	// fills every column, or a header line has exactly one piece over each
	// column. Otherwise a column empty in every row could go unseen and
	// values would shift left; the lines are then left to the text reader.
	complete := true
	for _, l := range lines {
		if hasNumberSeg(l) && len(l.segs) != len(cols) {
			complete = false
		}
	}
	if !complete && !headerMatches(lines, cols) {
		return nil
	}
	t := &ltable{page: page, lastPage: page, x0: cols[0].x0, x1: cols[len(cols)-1].x1, y0: lines[0].top, y1: lines[len(lines)-1].y, rows: len(lines)}
	for r, l := range lines {
		var row []*lcell
		for _, s := range l.segs {
			// The column under the piece's centre (the nearest one when the
			// centre is in a gap); a piece covering the centres of several
			// columns (a header over them) spans them.
			c0, c1 := -1, -1
			for k, c := range cols {
				if m := (c.x0 + c.x1) / 2; m >= s.x0 && m <= s.x1 {
					if c0 < 0 {
						c0 = k
					}
					c1 = k
				}
			}
			if c0 < 0 {
				mid, best := (s.x0+s.x1)/2, math.Inf(1)
				for k, c := range cols {
					d := math.Max(c.x0-mid, mid-c.x1)
					if d < best {
						best, c0, c1 = d, k, k
					}
				}
			}
			if n := len(row); n > 0 && row[n-1].x1 >= cols[c0].x1 {
				row[n-1].text += " " + s.text
				continue
			}
			row = append(row, &lcell{r0: r, r1: r + 1, x0: cols[c0].x0, x1: cols[c1].x1, y0: l.top, y1: l.y, page: page, text: s.text})
		}
		// Empty cells keep their columns.
		for _, c := range cols {
			covered := false
			for _, cell := range row {
				if cell.x0 <= c.x0 && cell.x1 >= c.x1 {
					covered = true
					break
				}
			}
			if !covered {
				row = append(row, &lcell{r0: r, r1: r + 1, x0: c.x0, x1: c.x1, y0: l.top, y1: l.y, page: page})
			}
		}
		t.cells = append(t.cells, row...)
	}
	return t
}

// headerMatches: some line without numbers has exactly one piece over
// each column (the label column included).
func headerMatches(lines []tline, cols []span) bool {
	for _, l := range lines {
		if hasNumberSeg(l) || len(l.segs) != len(cols) {
			continue
		}
		ok := true
		for k, s := range l.segs {
			if k > 0 && (overlapping(cols, s) != 1 || !(s.x1 > cols[k].x0 && s.x0 < cols[k].x1)) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func overlapping(cols []span, s tseg) int {
	n := 0
	for _, c := range cols {
		if s.x1 > c.x0 && s.x0 < c.x1 {
			n++
		}
	}
	return n
}
