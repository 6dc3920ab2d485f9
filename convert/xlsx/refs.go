package xlsx

// This file holds A1 references and ranges, shared by the reader and the writers.

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// cellName converts zero-based (row, col) to an A1 reference.
func cellName(row, col int) string {
	// Within the first 702 columns (A to ZZ, every column this package
	// writes) the name is built here in one allocation; excelize's
	// CoordinatesToCellName gives the same (TestCellName).
	if row >= 0 && row < excelize.TotalRows && col >= 0 && col < 26*27 {
		var b [2 + 7]byte
		n := 0
		if col >= 26 {
			b[n] = byte('A' + col/26 - 1)
			n++
		}
		b[n] = byte('A' + col%26)
		n++
		return string(strconv.AppendInt(b[:n], int64(row+1), 10))
	}
	s, err := excelize.CoordinatesToCellName(col+1, row+1)
	if err != nil {
		return "A1"
	}
	return s
}

// absRef returns an absolute reference to a cell on a sheet, quoted the way
// Excel writes it in defined names: '表三'!$D$7.
func absRef(sheet, cell string) string {
	if col, row, ok := splitPlainCell(cell); ok {
		return "'" + strings.ReplaceAll(sheet, "'", "''") + "'!$" + col + "$" + row
	}
	col, row, err := excelize.SplitCellName(cell)
	if err != nil {
		return "'" + sheet + "'!" + cell
	}
	return fmt.Sprintf("'%s'!$%s$%d", strings.ReplaceAll(sheet, "'", "''"), col, row)
}

// splitPlainCell splits a cell name of upper-case letters and a row number
// without leading zeros ("AB12", as cellName writes them) into column and
// row, as excelize.SplitCellName would; ok is false for anything else.
func splitPlainCell(cell string) (col, row string, ok bool) {
	i := 0
	for i < len(cell) && cell[i] >= 'A' && cell[i] <= 'Z' {
		i++
	}
	if i == 0 || i == len(cell) || cell[i] == '0' || len(cell)-i > 9 {
		return "", "", false
	}
	for j := i; j < len(cell); j++ {
		if cell[j] < '0' || cell[j] > '9' {
			return "", "", false
		}
	}
	return cell[:i], cell[i:], true
}

// absRange returns an absolute range reference: '正文'!$B$4:$B$9.
func absRange(sheet, from, to string) string {
	if from == to {
		return absRef(sheet, from)
	}
	if c1, r1, ok := splitPlainCell(from); ok {
		if c2, r2, ok := splitPlainCell(to); ok {
			return "'" + strings.ReplaceAll(sheet, "'", "''") + "'!$" + c1 + "$" + r1 + ":$" + c2 + "$" + r2
		}
	}
	c1, r1, _ := excelize.SplitCellName(from)
	c2, r2, _ := excelize.SplitCellName(to)
	return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", strings.ReplaceAll(sheet, "'", "''"), c1, r1, c2, r2)
}

// parseRef splits a defined name's target ("'表三'!$D$7", "表三!D7",
// "'正文'!$B$4:$B$9") into sheet, first and last cell. ok is false for
// anything else (#REF!, unions, constants, formulas).
func parseRef(s string) (sheet, from, to string, ok bool) {
	s = strings.TrimSpace(strings.TrimPrefix(s, "="))
	i := strings.LastIndex(s, "!")
	if i <= 0 || strings.ContainsAny(s[i+1:], ",;() #") {
		return "", "", "", false
	}
	sheet, rng := s[:i], strings.ReplaceAll(s[i+1:], "$", "")
	if strings.HasPrefix(sheet, "'") {
		if len(sheet) < 2 || !strings.HasSuffix(sheet, "'") {
			return "", "", "", false
		}
		sheet = strings.ReplaceAll(sheet[1:len(sheet)-1], "''", "'")
	}
	from, to, _ = strings.Cut(rng, ":")
	if to == "" {
		to = from
	}
	for _, c := range []string{from, to} {
		if _, _, err := excelize.CellNameToCoordinates(c); err != nil {
			return "", "", "", false
		}
	}
	if sheet == "" || strings.Contains(sheet, "#") {
		return "", "", "", false
	}
	return sheet, from, to, true
}

// coords converts an A1 reference to zero-based (row, col).
func coords(cell string) (row, col int, err error) {
	c, r, err := excelize.CellNameToCoordinates(cell)
	return r - 1, c - 1, err
}

// compressRefs turns cell references ("表三!D7") into as few ranges as
// possible ("表三!D7:D9"), keeping the order of first appearance per sheet.
func compressRefs(refs []string) []string {
	type pos struct{ r, c int }
	var sheets []string
	cells := map[string][]pos{}
	for _, ref := range refs {
		sh, cell, ok := strings.Cut(ref, "!")
		if !ok {
			continue
		}
		r, c, err := coords(cell)
		if err != nil {
			continue
		}
		if _, seen := cells[sh]; !seen {
			sheets = append(sheets, sh)
		}
		cells[sh] = append(cells[sh], pos{r, c})
	}
	var out []string
	for _, sh := range sheets {
		ps := cells[sh]
		used := make([]bool, len(ps))
		// The cells not yet in a range: a map for many, a list for a few
		// (a finding names a handful).
		var (
			set  map[pos]bool
			list []pos
		)
		if len(ps) > 32 {
			set = make(map[pos]bool, len(ps))
			for _, p := range ps {
				set[p] = true
			}
		} else {
			list = make([]pos, 0, len(ps))
			for _, p := range ps {
				if !slices.Contains(list, p) {
					list = append(list, p)
				}
			}
		}
		has := func(p pos) bool {
			if set != nil {
				return set[p]
			}
			return slices.Contains(list, p)
		}
		remove := func(p pos) {
			if set != nil {
				delete(set, p)
			} else if i := slices.Index(list, p); i >= 0 {
				list = slices.Delete(list, i, i+1)
			}
		}
		for i, p := range ps {
			if used[i] || !has(p) {
				continue
			}
			// Grow a run down the column, or else along the row.
			end := p
			for has(pos{end.r + 1, end.c}) {
				end.r++
			}
			if end == p {
				for has(pos{end.r, end.c + 1}) {
					end.c++
				}
			}
			for r := p.r; r <= end.r; r++ {
				for c := p.c; c <= end.c; c++ {
					remove(pos{r, c})
				}
			}
			used[i] = true
			if end == p {
				out = append(out, sh+"!"+cellName(p.r, p.c))
			} else {
				out = append(out, sh+"!"+cellName(p.r, p.c)+":"+cellName(end.r, end.c))
			}
		}
	}
	return out
}

func colName(c int) string {
	s, err := excelize.ColumnNumberToName(c + 1)
	if err != nil {
		return "A"
	}
	return s
}

// ---- findings sheet ----
