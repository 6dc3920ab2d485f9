package xlsx

// Reader: one table's cells, by defined names or else by labels.

import (
	"fmt"
	"strings"

	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/templates"
)

// readTable reads one table's cells by names or else by labels; it returns
// how many cells it found.
func (rd *reader) readTable(t *templates.Table) int {
	ed := rd.rep.Meta.Edition
	pos := map[string]string{} // key → sheet!cell
	how := "names"
	for _, k := range t.Keys {
		sheet, cell, ok := rd.namedCell(Name(k))
		if !ok {
			how = ""
			break
		}
		pos[k] = sheet + "!" + cell
	}
	var loc *location
	if how == "names" {
		var why string
		if why, loc = rd.verifyNames(t, pos); why != "" {
			rd.finding("READ-XLSX-NAMES."+t.ID, model.Warning, nil, "%s", why)
			how = ""
		}
	}
	if how == "" {
		pos = map[string]string{}
		if loc == nil {
			loc = rd.locate(t)
		}
		if loc != nil {
			how = "labels"
			for k, p := range loc.cells {
				pos[k] = loc.sheet + "!" + cellName(p[0], p[1])
			}
		}
	}
	name := t.Ref.Name
	id := "READ-XLSX." + t.ID
	switch how {
	case "names":
		rd.finding(id, model.Info, nil, "%s按定义名称读取（%d 个单元格）", name, len(t.Keys))
	case "labels":
		rd.rep.Meta.Layout = LayoutLabels
		msg := fmt.Sprintf("%s的定义名称缺失或失效，按行列标签在工作表“%s”中读取（表格左上角 %s，找到 %d/%d 个单元格）",
			name, loc.sheet, cellName(loc.top, loc.left), len(loc.cells), len(t.Keys))
		st := model.Info
		if len(loc.missingRows) > 0 {
			st = model.Warning
			msg += "；没有找到这些行：" + strings.Join(loc.missingRows, "、")
		}
		rd.finding(id, st, nil, "%s", msg)
	default:
		rd.rep.Meta.Layout = LayoutLabels
		rd.finding(id, model.Warning, nil, "工作簿中没有找到%s（既没有定义名称，也没有找到表头和行标题）", name)
	}
	for _, ref := range pos {
		sheet, _, _ := strings.Cut(ref, "!")
		if err := rd.probe(sheet); err != nil {
			what := "工作表“" + sheet + "”"
			if sheet != name {
				what += "（" + name + "所在）"
			}
			rd.fatal = &model.ParseError{File: rd.name, Ref: sheet, Msg: fmt.Sprintf("%s已损坏，无法读取：%v", what, err)}
			return 0
		}
	}
	n := 0
	for _, k := range t.Keys {
		ref, ok := pos[k]
		if !ok {
			rd.rep.Cells[k] = &model.Cell{Key: k, Kind: model.KindMissing}
			continue
		}
		sheet, cell, _ := strings.Cut(ref, "!")
		c := rd.cell(sheet, cell, k, ed)
		rd.rep.Cells[k] = c
		n++
	}
	return n
}
