package model

import "fmt"

// ParseError is a hard failure to read an input: nothing usable came out of
// it. It names the file and, when it can, the line (text) or the cell (Ref,
// e.g. "表三!D7" for a workbook).
type ParseError struct {
	File string
	Line int    // 1-based line, 0 when the error is about the whole file
	Ref  string // cell or part reference in a non-text input
	Msg  string // Chinese, for people
}

func (e *ParseError) Error() string {
	switch {
	case e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	case e.Ref != "":
		return fmt.Sprintf("%s [%s]: %s", e.File, e.Ref, e.Msg)
	default:
		return fmt.Sprintf("%s: %s", e.File, e.Msg)
	}
}
