package xlsx

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestCalcSimpleAgrees computes formulas with calcSimple and with
// excelize's engine: where calcSimple gives a result it must be excelize's
// (after the reader's rounding), and what it refuses it must refuse.
func TestCalcSimpleAgrees(t *testing.T) {
	f := excelize.NewFile()
	const sh = "Sheet1"
	for cell, v := range map[string]float64{"A1": 12, "A2": 0.1, "A3": 0.2, "A4": -3, "B1": 1e15, "B2": 7.25, "B3": 1.0 / 3} {
		if err := f.SetCellFloat(sh, cell, v, -1, 64); err != nil {
			t.Fatal(err)
		}
	}
	mustOK(t, f.SetCellStr(sh, "C1", "12"))
	formulas := map[string]bool{ // formula → calcSimple must compute it
		"3+4": true, "SUM(2,3)*2": true, "1/3": true, "2/3*3": true, "0.1+0.2": true, "-A4*2": true,
		"A1+A2+A3": true, "SUM(A1:A4)": true, "SUM(A1:B3)": true, "(A1-A4)/(B2+1)": true, "$A$1*2": true,
		"1E+3-1e-3": false, "1E3": false, "1.5.2": false, "--3": true, "+5": true, "2-3-4": true, "24/4/3": true, "SUM(A1:A4,B1,1.5)": true,
		"B1*B1*B1": true, "SUM((1+2),3)": true, "B3*3": true, "10-B2*2": true,
		"1/0": false, "A1/(A4+3)": false, "C1+1": false, "D9+1": false, "2^3": false, "A1&A2": false,
		"1+1=2": false, "MAX(1,2)": false, "sum(1,2)": false, "1 + 2": false, "Sheet1!A1+1": false,
		"SUM(A1:C1)": false, "50%": false, "SUM()": false, "": false, "(1": false, "1)": false, "E1+1": false,
	}
	cell := 10
	type c struct {
		ref, formula string
		want         bool
	}
	var cases []c
	for fm, want := range formulas {
		ref := cellName(cell, 4)
		cell++
		if fm != "" {
			mustOK(t, f.SetCellFormula(sh, ref, fm))
		}
		cases = append(cases, c{ref, fm, want})
	}
	mustOK(t, f.SetCellFormula(sh, "E1", "A1+1")) // a formula cell: refused when referenced
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	msg, _, parts := screen(buf.Bytes(), "calc.xlsx")
	if msg != "" {
		t.Fatal(msg)
	}
	fb := openFast(buf.Bytes(), parts)
	if fb == nil {
		t.Fatal("fast path refused the workbook")
	}
	slow, err := openSlow(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Close()
	for _, cs := range cases {
		got, ok := fb.calcSimple(sh, cs.ref)
		if ok != cs.want {
			t.Errorf("%s: calcSimple ok = %v, want %v (%q)", cs.formula, ok, cs.want, got)
			continue
		}
		if !ok {
			continue
		}
		want, err := slow.Calc(sh, cs.ref)
		if err != nil {
			t.Errorf("%s: excelize: %v", cs.formula, err)
			continue
		}
		g, ok1 := parseNumeric(got)
		w, ok2 := parseNumeric(want)
		if !ok1 || !ok2 || g != w {
			t.Errorf("%s = %q, excelize %q", cs.formula, got, want)
		}
	}
}

func mustOK(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
