package xlsx

// Reader: where cell values come from. A workbook is read either through
// excelize (slowBook), or — for plain workbooks such as govreport's own and
// their LibreOffice re-saves — by a streaming reader of the sheet XML that
// keeps only the cells (fastBook, read_fast.go), three to four times faster
// in all. Both give the same answers: the fast reader takes only what it
// reads exactly as excelize would, and leaves everything else to excelize.

import (
	"bytes"

	"github.com/xuri/excelize/v2"
)

// source is what the reader asks of a workbook; the methods mean what
// excelize's of the same names mean with Options{RawCellValue: true}.
type source interface {
	SheetList() []string
	DefinedNames() []excelize.DefinedName
	// CellValue, CellFormula and CellType read a cell; a cell covered by
	// a merge reads as the merge's top-left cell.
	CellValue(sheet, cell string) (string, error)
	CellFormula(sheet, cell string) (string, error)
	CellType(sheet, cell string) (excelize.CellType, error)
	// Cell is CellFormula, CellValue and CellType of one cell at once,
	// their errors but CellValue's ignored (when it fails, typ is unset).
	Cell(sheet, cell string) (formula, value string, typ excelize.CellType, err error)
	// MergeCells lists a sheet's merged ranges.
	MergeCells(sheet string) ([]excelize.MergeCell, error)
	// Rows returns the first maxRows rows (excelize's SheetRows).
	Rows(sheet string, maxRows int) ([][]string, error)
	// AllRows returns every row up to the last with a value (GetRows).
	AllRows(sheet string) ([][]string, error)
	// Calc computes a formula cell.
	Calc(sheet, cell string) (string, error)
	// Probe reports whether a sheet can be read.
	Probe(sheet string) error
	Close()
}

// openOptions are the options the reader opens workbooks with in excelize.
var openOptions = excelize.Options{RawCellValue: true, UnzipSizeLimit: MaxUnzipped, UnzipXMLSizeLimit: MaxPart + 1}

// slowBook reads through excelize.
type slowBook struct{ f *excelize.File }

func openSlow(b []byte) (*slowBook, error) {
	f, err := excelize.OpenReader(bytes.NewReader(b), openOptions)
	if err != nil {
		return nil, err
	}
	return &slowBook{f: f}, nil
}

func (s *slowBook) SheetList() []string                  { return s.f.GetSheetList() }
func (s *slowBook) DefinedNames() []excelize.DefinedName { return s.f.GetDefinedName() }
func (s *slowBook) CellValue(sheet, cell string) (string, error) {
	return s.f.GetCellValue(sheet, cell)
}
func (s *slowBook) CellFormula(sheet, cell string) (string, error) {
	return s.f.GetCellFormula(sheet, cell)
}
func (s *slowBook) CellType(sheet, cell string) (excelize.CellType, error) {
	return s.f.GetCellType(sheet, cell)
}
func (s *slowBook) Cell(sheet, cell string) (formula, value string, typ excelize.CellType, err error) {
	formula, _ = s.CellFormula(sheet, cell)
	if value, err = s.CellValue(sheet, cell); err != nil {
		return formula, "", excelize.CellTypeUnset, err
	}
	typ, _ = s.CellType(sheet, cell)
	return formula, value, typ, nil
}
func (s *slowBook) MergeCells(sheet string) ([]excelize.MergeCell, error) {
	return s.f.GetMergeCells(sheet, true)
}
func (s *slowBook) Rows(sheet string, maxRows int) ([][]string, error) {
	return s.f.SheetRows(sheet, maxRows)
}
func (s *slowBook) AllRows(sheet string) ([][]string, error) { return s.f.GetRows(sheet) }

// Calc turns a panic inside the calculation engine into an error.
func (s *slowBook) Calc(sheet, cell string) (res string, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = panicError{p}
		}
	}()
	return s.f.CalcCellValue(sheet, cell, excelize.Options{RawCellValue: true})
}

func (s *slowBook) Probe(sheet string) error {
	_, err := s.f.GetCellValue(sheet, "A1")
	return err
}

func (s *slowBook) Close() { _ = s.f.Close() }

type panicError struct{ p any }

func (e panicError) Error() string { return fmtAny(e.p) }
