package excelize

import (
	"math"
	"strconv"
)

// govreport patch (see PATCHES.md): StreamWriter.SetRowCells, a typed
// SetRow for wide sheets. SetRow takes each value boxed in an interface
// (often a Cell, itself boxing a float64), names every cell with
// CoordinatesToCellName and builds an xlsxC for it; for a sheet of 100,000
// rows × 230 columns that was most of the time of writing it. SetRowCells
// writes the same bytes from plain structs.

// StreamCellKind says what a StreamCell holds.
type StreamCellKind uint8

const (
	// StreamSkip writes no cell, as a nil value does in SetRow.
	StreamSkip StreamCellKind = iota
	// StreamEmpty writes a cell with its style and no value, as a Cell
	// whose Value is nil does in SetRow.
	StreamEmpty
	// StreamFloat writes Num, as a float64 does in SetRow.
	StreamFloat
	// StreamInt writes Int, as an int64 does in SetRow.
	StreamInt
	// StreamString writes Str, as a string does in SetRow.
	StreamString
)

// StreamCell is one cell of SetRowCells.
type StreamCell struct {
	StyleID int
	Kind    StreamCellKind
	Num     float64
	Int     int64
	Str     string
}

// SetRowCells writes row (1-based) from column A: the same XML as SetRow
// with cell "A<row>" and, per cell, Cell{StyleID: c.StyleID, Value: v} where
// v is nil, Num, Int or Str as c.Kind says (a StreamSkip cell is SetRow's
// nil value).
func (sw *StreamWriter) SetRowCells(row int, cells []StreamCell, opts ...RowOpts) error {
	if row < 1 {
		return newCoordinatesToCellNameError(1, row)
	}
	if row > TotalRows {
		return ErrMaxRows
	}
	if len(cells) > MaxColumns {
		return ErrColumnNumber
	}
	if row <= sw.rows {
		return newStreamSetRowError(row)
	}
	sw.rows = row
	sw.writeSheetData()
	options := parseRowOpts(opts...)
	attrs, err := options.marshalAttrs()
	if err != nil {
		return err
	}
	for len(sw.colNames) < len(cells) {
		name, err := ColumnNumberToName(len(sw.colNames) + 1)
		if err != nil {
			return err
		}
		sw.colNames = append(sw.colNames, name)
	}
	rowNum := strconv.Itoa(row)
	b := sw.cellBuf[:0]
	b = append(b, `<row r="`...)
	b = append(b, rowNum...)
	b = append(b, `"`...)
	b = append(b, attrs.String()...)
	b = append(b, `>`...)
	for i := range cells {
		c := &cells[i]
		if c.Kind == StreamSkip {
			continue
		}
		style := c.StyleID
		if style <= 0 {
			style = sw.worksheet.prepareCellStyle(i+1, row, options.StyleID)
		}
		if c.Kind == StreamString || (c.Kind == StreamFloat && (math.IsNaN(c.Num) || math.IsInf(c.Num, 0))) {
			// Through SetRow's own path: the value needs escaping.
			_, _ = sw.rawData.Write(b)
			b = b[:0]
			x := xlsxC{R: sw.colNames[i] + rowNum, S: style}
			if c.Kind == StreamString {
				x.setCellValue(c.Str)
			} else {
				x.setCellFloat(c.Num, -1, 64)
			}
			writeCell(&sw.rawData, x)
			continue
		}
		b = append(b, `<c r="`...)
		b = append(b, sw.colNames[i]...)
		b = append(b, rowNum...)
		b = append(b, `"`...)
		if style != 0 {
			b = append(b, ` s="`...)
			b = strconv.AppendInt(b, int64(style), 10)
			b = append(b, `"`...)
		}
		b = append(b, `>`...)
		// The digits, sign and point of a number need no XML escaping.
		switch c.Kind {
		case StreamFloat:
			b = append(b, `<v>`...)
			if f := c.Num; f == math.Trunc(f) && math.Abs(f) < 1<<53 && (f != 0 || !math.Signbit(f)) {
				// A whole number: its digits are its shortest form, and
				// AppendInt is three times faster than AppendFloat.
				b = strconv.AppendInt(b, int64(f), 10)
			} else {
				b = strconv.AppendFloat(b, f, 'f', -1, 64)
			}
			b = append(b, `</v>`...)
		case StreamInt:
			b = append(b, `<v>`...)
			b = strconv.AppendInt(b, c.Int, 10)
			b = append(b, `</v>`...)
		}
		b = append(b, `</c>`...)
	}
	b = append(b, `</row>`...)
	_, _ = sw.rawData.Write(b)
	sw.cellBuf = b[:0]
	return sw.rawData.Sync()
}
