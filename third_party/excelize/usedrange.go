package excelize

import (
	"strconv"
	"strings"
)

// UsedRange returns the 1-based last row and column of sheet that hold a
// non-empty value, as GetRows(sheet, Options{RawCellValue: true}) would
// show it (a formula without a cached result is empty), or 0, 0 for an
// empty sheet. Unlike GetRows it reads the worksheet in memory instead of
// marshalling it to XML and parsing it back.
//
// govreport patch: see PATCHES.md.
func (f *File) UsedRange(sheet string) (maxRow, maxCol int, err error) {
	ws, err := f.workSheetReader(sheet)
	if err != nil {
		return 0, 0, err
	}
	sst, err := f.sharedStringsReader()
	if err != nil {
		return 0, 0, err
	}
	ws.mu.Lock()
	defer ws.mu.Unlock()
	for ri, row := range ws.SheetData.Row {
		r := row.R
		if r == 0 {
			r = ri + 1
		}
		for ci, c := range row.C {
			var text string
			switch {
			case c.T == "s":
				if i, e := strconv.Atoi(c.V); e == nil && i >= 0 && i < len(sst.SI) {
					// A plain string without "_x" is its own value
					// (String would copy it); only emptiness counts.
					if si := &sst.SI[i]; si.T != nil && si.T.Val != "" && len(si.R) == 0 && !strings.Contains(si.T.Val, "_x") {
						text = si.T.Val
					} else {
						text = si.String()
					}
				} else {
					text = c.V
				}
			case c.T == "inlineStr" && c.IS != nil:
				text = c.IS.String()
			default:
				text = c.V
			}
			if text == "" {
				continue
			}
			col := ci + 1
			if c.R != "" {
				if cc, rr, e := CellNameToCoordinates(c.R); e == nil {
					col, r = cc, rr
				}
			}
			maxRow, maxCol = max(maxRow, r), max(maxCol, col)
		}
	}
	return maxRow, maxCol, nil
}

// SheetRows returns the first maxRows rows of sheet as
// Rows/Columns(Options{RawCellValue: true}) would give them — an entry per
// row up to the last row element, empty rows included; in each row the
// values up to the last cell that has a value or a formula — but read from
// the worksheet in memory instead of marshalling it to XML and parsing it
// back (which Rows does for a loaded sheet).
//
// govreport patch: see PATCHES.md.
func (f *File) SheetRows(sheet string, maxRows int) ([][]string, error) {
	ws, err := f.workSheetReader(sheet)
	if err != nil {
		return nil, err
	}
	sst, err := f.sharedStringsReader()
	if err != nil {
		return nil, err
	}
	ws.mu.Lock()
	defer ws.mu.Unlock()
	var out [][]string
	cur := 0
	for _, row := range ws.SheetData.Row {
		if row.R != 0 {
			cur = row.R
		} else {
			cur++
		}
		if cur > TotalRows {
			return out, ErrMaxRows
		}
		for len(out) < cur-1 && len(out) < maxRows {
			out = append(out, nil)
		}
		if len(out) >= maxRows {
			break
		}
		var cells []string
		col := 0
		for i := range row.C {
			c := &row.C[i]
			col++
			if c.R != "" {
				if col, _, err = CellNameToCoordinates(c.R); err != nil {
					return out, err
				}
			}
			if val, _ := c.getValueFrom(f, sst, true); val != "" || c.F != nil {
				cells = append(appendSpace(col-len(cells), cells), val)
			}
		}
		out = append(out, cells)
	}
	return out, nil
}
