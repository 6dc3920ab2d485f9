package summary

import (
	"archive/zip"
	"bytes"
	"io"
	"math"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestSetRowCellsSameXML: excelize's SetRowCells (a govreport patch) writes
// the bytes SetRow writes for the equivalent Cell values, whatever the kind
// of value, style and column widths.
func TestSetRowCellsSameXML(t *testing.T) {
	rows := [][]excelize.StreamCell{
		{textCell(1, "a.txt"), textCell(1, " lead"), {StyleID: 2, Kind: excelize.StreamEmpty}, {StyleID: 2, Kind: excelize.StreamInt, Int: 2021}},
		{{}, numberCell(3, 15), numberCell(4, 0.1), numberCell(3, -58), numberCell(4, 1e21), numberCell(3, math.Copysign(0, -1))},
		{numberCell(3, math.NaN()), numberCell(3, math.Inf(-1)), textCell(0, "x<&>\"y\n"), textCell(1, "_x0041_ _x005F_x0041_"), textCell(1, ""), {Kind: excelize.StreamEmpty}},
		{{Kind: excelize.StreamInt, Int: -7}, numberCell(0, 2.5), textCell(1, "trail\t"), textCell(1, "\x01ctl")},
		{numberCell(3, 0), numberCell(3, 1<<53-1), numberCell(3, -(1<<53 - 1)), numberCell(3, 1<<53), numberCell(3, -(1 << 53)), numberCell(3, 123456789012345), numberCell(3, 1e15), numberCell(3, -1e-300)},
	}
	cellOf := func(c excelize.StreamCell) any {
		var v any
		switch c.Kind {
		case excelize.StreamSkip:
			return nil
		case excelize.StreamFloat:
			v = c.Num
		case excelize.StreamInt:
			v = c.Int
		case excelize.StreamString:
			v = c.Str
		}
		return excelize.Cell{StyleID: c.StyleID, Value: v}
	}
	sheet := func(typed bool) []byte {
		f := excelize.NewFile()
		defer f.Close()
		sw, err := f.NewStreamWriter("Sheet1")
		if err != nil {
			t.Fatal(err)
		}
		if err := sw.SetColWidth(2, 5, 11); err != nil {
			t.Fatal(err)
		}
		for i, r := range rows {
			opts := excelize.RowOpts{Height: float64(10 + i)}
			if typed {
				err = sw.SetRowCells(i+2, r, opts)
			} else {
				vals := make([]any, len(r))
				for j, c := range r {
					vals[j] = cellOf(c)
				}
				err = sw.SetRow(cellName(1, i+2), vals, opts)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		if err := sw.Flush(); err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := f.Write(&b); err != nil {
			t.Fatal(err)
		}
		zr, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
		if err != nil {
			t.Fatal(err)
		}
		for _, zf := range zr.File {
			if zf.Name == "xl/worksheets/sheet1.xml" {
				rc, _ := zf.Open()
				x, _ := io.ReadAll(rc)
				return x
			}
		}
		t.Fatal("no sheet1.xml")
		return nil
	}
	want, got := sheet(false), sheet(true)
	if !bytes.Equal(got, want) {
		t.Errorf("SetRowCells wrote\n%s\nSetRow wrote\n%s", got, want)
	}
	if !bytes.Contains(want, []byte(`<v>15</v>`)) || !bytes.Contains(want, []byte(`inlineStr`)) {
		t.Errorf("the sheet lacks its cells: %s", want)
	}
	f := excelize.NewFile()
	defer f.Close()
	sw, _ := f.NewStreamWriter("Sheet1")
	if err := sw.SetRowCells(3, nil); err != nil {
		t.Fatal(err)
	}
	if err := sw.SetRowCells(3, nil); err == nil {
		t.Error("a row written twice is not refused")
	}
}
