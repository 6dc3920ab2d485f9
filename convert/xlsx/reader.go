package xlsx

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/govreport/govreport/convert/input"
	"github.com/govreport/govreport/convert/model"
	"github.com/govreport/govreport/templates"
)

// Layouts recorded in Meta.Layout.
const (
	// LayoutNames: every table was found through its defined names.
	LayoutNames = "xlsx-names"
	// LayoutLabels: at least one table was found through its labels.
	LayoutLabels = "xlsx-labels"
)

// Read reads a workbook holding the official tables (a filled template, a
// report workbook, or any workbook laid out like the printed form) into the
// report model. It does not run the checks; convert.ReadBytes does.
func Read(r io.Reader, o input.Options) (*model.Report, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, &model.ParseError{File: o.Name, Msg: "读取失败：" + err.Error()}
	}
	return ReadBytes(b, o)
}

// ReadBytes is Read for a workbook already in memory. Legacy .xls files,
// encrypted workbooks, files that are not workbooks, zip bombs and
// worksheets with huge dimensions give a *model.ParseError naming the file.
func ReadBytes(b []byte, o input.Options) (rep *model.Report, err error) {
	// excelize is not written for hostile input; whatever it trips over in
	// a damaged file must become an error, not a crash.
	if recoverPanics {
		defer func() {
			if p := recover(); p != nil {
				rep, err = nil, &model.ParseError{File: o.Name, Msg: fmt.Sprintf("工作簿内容损坏，无法读取（%v）", p)}
			}
		}()
	}
	msg, formulas := screen(b, o.Name)
	if msg != "" {
		return nil, &model.ParseError{File: o.Name, Msg: msg}
	}
	f, err := excelize.OpenReader(bytes.NewReader(b), excelize.Options{
		RawCellValue: true, UnzipSizeLimit: MaxUnzipped, UnzipXMLSizeLimit: MaxPart + 1,
	})
	if err != nil {
		return nil, &model.ParseError{File: o.Name, Msg: "工作簿已损坏或不是 Excel 工作簿（" + err.Error() + "）"}
	}
	defer f.Close()
	rd := &reader{f: f, name: o.Name, calc: formulas <= maxFormulas, grids: map[string]*grid{}}
	return rd.read()
}

// recoverPanics turns a panic while reading into a ParseError; tests turn
// it off to see where a panic comes from.
var recoverPanics = true

type reader struct {
	f     *excelize.File
	name  string
	calc  bool // formulas may be computed
	sheet map[string]bool
	list  []string
	names map[string]string // lower-case defined name → target
	meta  map[string]string // hidden metadata sheet
	grids map[string]*grid
	rep   *model.Report
	// claimed maps "sheet!cell" to the key read from it, so that one
	// merged cell is never read as two values.
	claimed map[string]string
	// broken holds, per sheet, the error its XML gave (nil: readable).
	// excelize does not keep a worksheet it failed to parse and parses it
	// again on every access, so a broken sheet is probed once and then
	// left alone.
	broken map[string]error
	fatal  *model.ParseError
}

// probe reports whether a sheet's XML can be parsed.
func (rd *reader) probe(sheet string) error {
	if err, ok := rd.broken[sheet]; ok {
		return err
	}
	_, err := rd.f.GetCellValue(sheet, "A1")
	rd.broken[sheet] = err
	return err
}

func (rd *reader) finding(id string, st model.Status, keys []string, format string, args ...any) {
	rd.rep.AddFinding(model.Finding{ID: id, Status: st, Keys: keys, Message: fmt.Sprintf(format, args...)})
}

func (rd *reader) read() (*model.Report, error) {
	rd.list = rd.f.GetSheetList()
	if len(rd.list) == 0 {
		return nil, &model.ParseError{File: rd.name, Msg: "工作簿中没有工作表"}
	}
	rd.sheet = map[string]bool{}
	for _, s := range rd.list {
		rd.sheet[s] = true
	}
	rd.names = map[string]string{}
	for _, dn := range rd.f.GetDefinedName() {
		n := strings.ToLower(dn.Name)
		if _, dup := rd.names[n]; !dup || dn.Scope == "Workbook" {
			rd.names[n] = dn.RefersTo
		}
	}
	rd.meta = map[string]string{}
	if rd.sheet[sheetMeta] {
		if rows, err := rd.f.GetRows(sheetMeta); err == nil {
			for _, row := range rows {
				if len(row) >= 1 && row[0] != "" {
					v := ""
					if len(row) >= 2 {
						v = row[1]
					}
					rd.meta[row[0]] = v
				}
			}
		}
	}
	rd.rep = &model.Report{Cells: map[string]*model.Cell{}}
	rd.claimed = map[string]string{}
	rd.broken = map[string]error{}
	m := &rd.rep.Meta
	m.Source = rd.name
	m.Layout = LayoutNames
	m.Edition = rd.edition()
	rd.readMeta()
	found := 0
	if m.Edition.HasTables() {
		for _, t := range templates.Default().Tables(m.Edition) {
			found += rd.readTable(t)
			if rd.fatal != nil {
				return nil, rd.fatal
			}
		}
	}
	rd.readParts()
	if found == 0 && !rd.hasText() {
		return nil, &model.ParseError{File: rd.name, Msg: "工作簿中没有找到年度报告的表格（表二、表三、表四）或正文；它不像是 govreport 模板或年度报告工作簿"}
	}
	return rd.rep, nil
}

func (rd *reader) hasText() bool {
	if rd.rep.Preamble != "" {
		return true
	}
	for _, p := range rd.rep.Parts {
		if p.Text != "" {
			return true
		}
	}
	return false
}

// ---- edition and metadata ----

// edition decides the edition: the hidden metadata, the cover, the defined
// names, and last the labels of table 二.
func (rd *reader) edition() model.Edition {
	if ed := model.Edition(rd.meta["edition"]); ed != "" && (ed.HasTables() || ed == model.EditionLegacy || ed == model.EditionUnknown) {
		rd.note("READ-XLSX-EDITION", "表格格式取自工作簿中 govreport 记录的版本（%s）", ed)
		return ed
	}
	if v, ref, ok := rd.namedText(NameEdition); ok {
		if ed := parseEdition(v); ed != "" {
			rd.note("READ-XLSX-EDITION", "表格格式取自 %s（“%s”）", ref, v)
			return ed
		}
	}
	// Count the defined names of each edition's keys.
	best, bestN := model.Edition(""), 0
	for _, ed := range templates.Editions() {
		n := 0
		for _, k := range templates.Default().Keys(ed) {
			if _, ok := rd.names[Name(k)]; ok {
				n++
			}
		}
		if n > bestN || n == bestN && n > 0 && ed == model.Edition2021 {
			best, bestN = ed, n
		}
	}
	if bestN > 0 {
		// Both editions share most of table 三 and all of table 四: only a
		// complete set decides.
		for _, ed := range templates.Editions() {
			n := 0
			keys := templates.Default().Keys(ed)
			for _, k := range keys {
				if _, ok := rd.names[Name(k)]; ok {
					n++
				}
			}
			if n == len(keys) {
				rd.note("READ-XLSX-EDITION", "表格格式按定义名称判断为%s版", ed)
				return ed
			}
		}
	}
	// Labels: the edition whose table 二 and 三 labels match more.
	scores := map[model.Edition]int{}
	for _, ed := range templates.Editions() {
		for _, id := range []string{"t2", "t3"} {
			t := templates.Default().Table(ed, id)
			if loc := rd.locate(t); loc != nil {
				scores[ed] += loc.score
			}
		}
	}
	switch {
	case scores[model.Edition2019] == 0 && scores[model.Edition2021] == 0:
		if best != "" {
			return best
		}
		return model.EditionUnknown
	case scores[model.Edition2019] > scores[model.Edition2021]:
		rd.note("READ-XLSX-EDITION", "表格格式按表格标签判断为2019版")
		return model.Edition2019
	}
	rd.note("READ-XLSX-EDITION", "表格格式按表格标签判断为2021版")
	return model.Edition2021
}

func (rd *reader) note(id, format string, args ...any) {
	rd.rep.AddFinding(model.Finding{ID: id, Status: model.Info, Message: fmt.Sprintf(format, args...)})
}

// namedCell resolves a defined name to one sheet and cell.
func (rd *reader) namedCell(name string) (sheet, cell string, ok bool) {
	target, ok := rd.names[strings.ToLower(name)]
	if !ok {
		return "", "", false
	}
	sheet, from, _, ok := parseRef(target)
	if !ok || !rd.sheet[sheet] {
		return "", "", false
	}
	return sheet, from, true
}

// namedText reads the text of a named cell.
func (rd *reader) namedText(name string) (text, ref string, ok bool) {
	sheet, cell, ok := rd.namedCell(name)
	if !ok {
		return "", "", false
	}
	v, err := rd.text(sheet, cell)
	if err != nil {
		return "", "", false
	}
	return v, sheet + "!" + cell, true
}

var yearRe = regexp.MustCompile(`^((?:19|20)\d\d)(?:年|年度)?$`)

func (rd *reader) readMeta() {
	m := &rd.rep.Meta
	agency, aref, ok := rd.namedText(NameAgency)
	if !ok {
		agency, aref, ok = rd.labelled("机关名称", "填报单位", "单位名称", "报告机关", "发布机关")
	}
	if ok {
		m.Agency = model.CleanText(agency)
		if m.Agency != "" {
			m.AgencySource = "工作簿 " + aref
			if s := rd.meta["agency_source"]; s != "" {
				m.AgencySource = s
			}
		}
	}
	year, yref, ok := rd.namedText(NameYear)
	if !ok {
		year, yref, ok = rd.labelled("报告年度", "年度")
	}
	if y := model.CleanText(model.FoldWidth(year)); ok && y != "" {
		if mm := yearRe.FindStringSubmatch(y); mm != nil {
			m.Year, _ = strconv.Atoi(mm[1])
			m.YearSources = []model.YearSource{{Source: "工作簿 " + yref, Year: m.Year, Text: year}}
		} else {
			rd.finding("READ-XLSX-YEAR", model.Warning, nil, "%s 的报告年度“%s”不是四位数的年份，未能读取", yref, year)
		}
	}
	if v, _, ok := rd.namedText(NameTitle); ok {
		m.Title = model.CleanText(v)
	}
	if v, _, ok := rd.namedText(NamePublished); ok {
		m.Published = model.CleanText(v)
	}
}

// labelled finds a cell whose text is one of labels on the cover (or any
// sheet) and returns the first non-empty cell to its right.
func (rd *reader) labelled(labels ...string) (string, string, bool) {
	order := append([]string{}, rd.list...)
	for i, s := range order {
		if s == SheetCover {
			order[0], order[i] = order[i], order[0]
		}
	}
	for _, s := range order {
		if s == sheetMeta {
			continue
		}
		g := rd.grid(s)
		for r, row := range g.cells {
			for c, v := range row {
				if v == "" {
					continue
				}
				core := coreOf(v)
				hit := false
				for _, l := range labels {
					if core == coreOf(l) {
						hit = true
					}
				}
				if !hit {
					continue
				}
				c2 := c + 1
				if mr, ok := g.mergeAt(r, c); ok {
					c2 = mr.c1 + 1
				}
				for ; c2 < len(row) && c2 < c+8; c2++ {
					if row[c2] != "" {
						cell := cellName(r, c2)
						if v, err := rd.text(s, cell); err == nil {
							return v, s + "!" + cell, true
						}
					}
				}
				return "", s + "!" + cellName(r, c), true
			}
		}
	}
	return "", "", false
}

// ---- tables ----

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
	name := tableNames[t.ID]
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

// cell reads one value cell.
func (rd *reader) cell(sheet, cell, key string, ed model.Edition) *model.Cell {
	ref := sheet + "!" + cell
	label := templates.Default().Label(ed, key)
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
	if d := rd.meta["doubt:"+key]; d != "" {
		out.Doubt = d
	}
	if rd.meta["missing:"+key] != "" && out.Kind == model.KindBlank {
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
	formula, _ := rd.f.GetCellFormula(sheet, cell)
	v, err := rd.f.GetCellValue(sheet, cell)
	if err != nil {
		return "", 0, false, "无法读取：" + err.Error()
	}
	typ, _ := rd.f.GetCellType(sheet, cell)
	if formula != "" && v == "" {
		// excelize and some other writers store no cached result.
		if !rd.calc {
			return "=" + formula, 0, false, fmt.Sprintf("公式 =%s 没有保存计算结果，且工作簿公式过多，未予计算；请在 Excel 或 WPS 中打开并保存后再读取", formula)
		}
		if p := rd.formulaProblem(sheet, cell, formula); p != "" {
			return "=" + formula, 0, false, p
		}
		res, err := rd.calcCell(sheet, cell)
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

// calcCell computes a formula, turning a panic inside the calculation
// engine into an error.
func (rd *reader) calcCell(sheet, cell string) (res string, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%v", p)
		}
	}()
	return rd.f.CalcCellValue(sheet, cell, excelize.Options{RawCellValue: true})
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

func (rd *reader) readParts() {
	byName := false
	for i := 0; i <= 6; i++ {
		target, ok := rd.names[PartName(i)]
		if !ok {
			continue
		}
		sheet, from, to, ok := parseRef(target)
		if !ok || !rd.sheet[sheet] {
			continue
		}
		byName = true
		r0, c0, _ := coords(from)
		r1, _, _ := coords(to)
		if r1-r0 > 5000 {
			r1 = r0 + 5000
		}
		var b strings.Builder
		for r := r0; r <= r1; r++ {
			v, _ := rd.text(sheet, cellName(r, c0))
			tag := ""
			if c0 > 0 {
				tag, _ = rd.text(sheet, cellName(r, c0-1))
			}
			if r > r0 && tag != "c" {
				b.WriteByte('\n')
			}
			b.WriteString(v)
		}
		text := b.String()
		heading := ""
		if r0 > 0 {
			heading, _ = rd.text(sheet, cellName(r0-1, c0))
		}
		rd.setPart(i, heading, text)
	}
	if !byName {
		rd.partsByLabels()
	}
}

// setPart stores part i (0: the text before part 一). The heading as
// written comes from the hidden metadata when the workbook has it;
// otherwise a part with no text counts as absent.
func (rd *reader) setPart(i int, heading, text string) {
	// Line breaks typed in a cell on Windows may come back as CR LF.
	text = strings.ReplaceAll(text, "\r\n", "\n")
	if i == 0 {
		rd.rep.Preamble = text
		return
	}
	h, ok := rd.meta[fmt.Sprintf("heading:%d", i)]
	switch {
	case ok:
		heading = h
	case strings.TrimSpace(text) == "":
		heading = ""
	case heading == "":
		heading = model.PartTitles[i-1]
	}
	rd.rep.Parts[i-1] = model.Part{Heading: heading, Text: text}
}

// partsByLabels reads the text sheet without names: rows tagged h0…h6, p
// and c by the writer, or else headings recognised by their text.
func (rd *reader) partsByLabels() {
	sheet := ""
	if rd.sheet[SheetText] {
		sheet = SheetText
	}
	if sheet == "" {
		return
	}
	g := rd.grid(sheet)
	cur := -1
	var heading string
	var paras []string
	var tags []string
	flush := func() {
		if cur < 0 {
			return
		}
		var b strings.Builder
		for j, p := range paras {
			if j > 0 && tags[j] != "c" {
				b.WriteByte('\n')
			}
			b.WriteString(p)
		}
		rd.setPart(cur, heading, b.String())
	}
	for r, row := range g.cells {
		tag, text := "", ""
		for c, v := range row {
			if v == "" {
				continue
			}
			if c == 0 && isTag(v) {
				tag = v
				continue
			}
			text = v
			break
		}
		i := -1
		if strings.HasPrefix(tag, "h") {
			i, _ = strconv.Atoi(tag[1:])
		} else if tag == "" {
			i = partHeading(text)
		}
		if i >= 0 && i <= 6 {
			flush()
			cur, heading, paras, tags = i, text, nil, nil
			continue
		}
		if cur < 0 || (tag == "" && text == "" && r > 0 && len(paras) == 0) {
			continue
		}
		paras = append(paras, text)
		tags = append(tags, tag)
	}
	flush()
}

func isTag(s string) bool {
	if s == "p" || s == "c" {
		return true
	}
	if len(s) == 2 && s[0] == 'h' && s[1] >= '0' && s[1] <= '6' {
		return true
	}
	return false
}

var cnOrdinals = []string{"一", "二", "三", "四", "五", "六"}

// partHeading recognises a part heading by its ordinal and a known title.
func partHeading(s string) int {
	s = model.CleanText(s)
	if s == "" || len([]rune(s)) > 40 {
		return -1
	}
	for i, title := range model.PartTitles {
		if coreOf(s) == coreOf(title) {
			return i + 1
		}
		if strings.HasPrefix(s, cnOrdinals[i]+"、") || strings.HasPrefix(s, cnOrdinals[i]+"．") || strings.HasPrefix(s, cnOrdinals[i]+".") {
			return i + 1
		}
	}
	return -1
}
