package excelize

// SetCellStrStyle sets a cell's string value and style in one access to the
// sheet: SetCellStr(sheet, cell, value) — when value is not empty —
// followed by SetCellStyle(sheet, cell, cell, styleID). On an error it
// returns the first one.
//
// govreport patch: see PATCHES.md.
func (f *File) SetCellStrStyle(sheet, cell, value string, styleID int) error {
	if value == "" {
		return f.SetCellStyle(sheet, cell, cell, styleID)
	}
	f.mu.Lock()
	ws, err := f.workSheetReader(sheet)
	if err != nil {
		f.mu.Unlock()
		return err
	}
	s, err := f.stylesReader()
	if err != nil {
		f.mu.Unlock()
		return err
	}
	f.mu.Unlock()
	ws.mu.Lock()
	defer ws.mu.Unlock()
	// SetCellStr.
	c, col, row, prepared, err := ws.prepareCellAt(cell)
	if err != nil {
		return err
	}
	c.S = ws.prepareCellStyle(col, row, c.S)
	if c.T, c.V, err = f.setCellString(value); err != nil {
		return err
	}
	c.IS = nil
	if err = f.removeFormula(c, ws, sheet); err != nil {
		return err
	}
	// SetCellStyle on the cell as named (prepareCell may have written to
	// the first cell of a merged range instead).
	if prepared != cell { // another cell, or the name's case changed
		if col, row, err = CellNameToCoordinates(cell); err != nil {
			return err
		}
		ws.prepareSheetXML(col, row)
	}
	if styleID < 0 || s.CellXfs == nil || len(s.CellXfs.Xf) <= styleID {
		return newInvalidStyleID(styleID)
	}
	ws.SheetData.Row[row-1].C[col-1].S = styleID
	return nil
}
