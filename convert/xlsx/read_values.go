package xlsx

// Reader: the value of one cell.

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/govreport/govreport/convert/model"
)

// cell reads one value cell.
func (rd *reader) cell(sheet, cell, key string, ed model.Edition) *model.Cell {
	ref := sheet + "!" + cell
	label := rd.set.Label(ed, key)
	out := &model.Cell{Key: key, Ref: ref}
	// A cell covered by a merge reads as the merge's top-left cell; when
	// that cell is another key's, this one is blank, not a copy.
	if g := rd.merges(sheet); g != nil {
		if r, c, err := coords(cell); err == nil {
			if mr, ok := g.mergeAt(r, c); ok && (mr.r0 != r || mr.c0 != c) {
				top := sheet + "!" + cellName(mr.r0, mr.c0)
				if other, taken := rd.claimed[top]; taken && other != key {
					out.Kind = model.KindBlank
					rd.finding("READ-XLSX-MERGED", model.Warning, []string{key},
						"%s（%s）与 %s 合并在一起，数值只计入 %s，这里按空白读取", ref, label, top, other)
					return out
				}
			}
		}
	}
	rd.claimed[ref] = key
	v, num, isNum, problem := rd.value(sheet, cell)
	switch {
	case problem != "":
		*out = model.ParseValue(v)
		if out.Kind != model.KindText {
			out.Kind = model.KindText
		}
		rd.finding("READ-XLSX-CELL", model.Warning, []string{key}, "%s（%s）：%s", ref, label, problem)
	case isNum:
		*out = model.ParseValue(model.FormatNumber(num))
	default:
		*out = model.ParseValue(v)
		if out.Kind == model.KindText {
			rd.finding("READ-XLSX-CELL", model.Warning, []string{key}, "%s（%s）的内容“%s”无法读作数字", ref, label, out.Raw)
		}
	}
	out.Key, out.Ref = key, ref
	if rd.metaDoubt {
		if d := rd.meta["doubt:"+key]; d != "" {
			out.Doubt = d
		}
	}
	if rd.metaMissing && out.Kind == model.KindBlank && rd.meta["missing:"+key] != "" {
		out.Kind = model.KindMissing
	}
	return out
}

// value reads what a cell holds: a number (isNum), or text; problem says
// why the cell cannot be used (an error value, a formula that failed).
func (rd *reader) value(sheet, cell string) (text string, num float64, isNum bool, problem string) {
	if err := rd.probe(sheet); err != nil {
		return "", 0, false, fmt.Sprintf("工作表“%s”已损坏：%v", sheet, err)
	}
	formula, v, typ, err := rd.f.Cell(sheet, cell)
	if err != nil {
		return "", 0, false, "单元格内容无法解析"
	}
	if formula != "" && v == "" {
		// excelize and some other writers store no cached result.
		if !rd.calc {
			return "=" + formula, 0, false, fmt.Sprintf("公式 =%s 没有保存计算结果，且工作簿公式过多，未予计算；请在 Excel 或 WPS 中打开并保存后再读取", formula)
		}
		if p := rd.formulaProblem(sheet, cell, formula); p != "" {
			return "=" + formula, 0, false, p
		}
		res, err := rd.f.Calc(sheet, cell)
		if err != nil {
			return "=" + formula, 0, false, fmt.Sprintf("公式 =%s 无法计算（%s）", formula, err)
		}
		if strings.HasPrefix(res, "#") {
			return res, 0, false, fmt.Sprintf("公式 =%s 的结果是错误值 %s", formula, res)
		}
		if x, ok := parseNumeric(res); ok {
			return "", x, true, ""
		}
		return res, 0, false, ""
	}
	switch typ {
	case excelize.CellTypeError:
		return v, 0, false, "单元格是错误值 " + v
	case excelize.CellTypeBool:
		if v == "1" {
			v = "TRUE"
		} else if v == "0" {
			v = "FALSE"
		}
		return v, 0, false, ""
	case excelize.CellTypeNumber, excelize.CellTypeUnset:
		if x, ok := parseNumeric(v); ok {
			return "", x, true, ""
		}
	}
	if typ == excelize.CellTypeFormula && strings.HasPrefix(v, "#") && formula != "" {
		return v, 0, false, fmt.Sprintf("公式 =%s 的结果是错误值 %s", formula, v)
	}
	return v, 0, false, ""
}

// parseNumeric reads a number stored as a number: "12", "539.16",
// "1.2E+3". It rounds to the 15 significant digits spreadsheets keep, so
// that binary noise (0.30000000000000004) does not show.
func parseNumeric(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	x, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, false
	}
	x, _ = strconv.ParseFloat(strconv.FormatFloat(x, 'g', 15, 64), 64)
	if x == 0 {
		x = 0 // no negative zero
	}
	return x, true
}

// text reads a cell as text, whatever it holds: numbers as they print.
func (rd *reader) text(sheet, cell string) (string, error) {
	v, num, isNum, problem := rd.value(sheet, cell)
	if problem != "" && v == "" {
		return "", fmt.Errorf("%s", problem)
	}
	if isNum {
		return model.FormatNumber(num), nil
	}
	return v, nil
}

// ---- parts ----
