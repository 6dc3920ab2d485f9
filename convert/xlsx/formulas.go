package xlsx

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/xuri/excelize/v2"

	"github.com/govreport/govreport/templates"
)

// Formulas without a cached result are computed at read time (excelize's
// engine). Two kinds must not be: a circular reference has no value (the
// engine gives an empty result, read as blank), and a volatile function
// (NOW, RAND …) gives a different value on every run, so outputs would
// differ run to run. formulaProblem finds both by following the formula's
// references, before anything is computed.

// The expressions are compiled on first use (sync.OnceValue): a process
// that reads no workbook needs none of them.

// volatileRe finds the volatile functions of Excel and WPS.
var volatileRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?i)(?:^|[^A-Za-z0-9_.])(NOW|TODAY|RAND|RANDBETWEEN|RANDARRAY|OFFSET|INDIRECT|CELL|INFO)\s*\(`)
})

// refRe finds cell references, with an optional sheet (quoted or not) and
// an optional range end.
var refRe = sync.OnceValue(func() *regexp.Regexp {
	return regexp.MustCompile(`(?:(?:'((?:[^']|'')+)'|([^\s!'"(),;:+\-*/^&=<>{}%]+))!)?\$?([A-Za-z]{1,3})\$?([0-9]{1,7})(?::\$?([A-Za-z]{1,3})\$?([0-9]{1,7}))?`)
})

// nameRe finds identifiers that may be defined names.
var nameRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`[A-Za-z_\p{Han}][A-Za-z0-9_.\p{Han}]*`) })

// strRe matches string literals, which hold no references.
var strRe = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`"(?:[^"]|"")*"`) })

// Bounds of the reference walk: formulas of real reports refer to a few
// dozen cells; a walk beyond these gives up without a verdict.
const (
	maxWalkCells = 20000
	maxRangeSize = 5000
)

type cellRef struct{ sheet, cell string }

func (c cellRef) String() string { return c.sheet + "!" + c.cell }

// formulaProblem says why the formula at sheet!cell must not be computed:
// it depends on itself, or on a volatile function. "" when it may be.
func (rd *reader) formulaProblem(sheet, cell, formula string) string {
	w := &walk{rd: rd, state: map[cellRef]int{}}
	start := cellRef{sheet, strings.ToUpper(cell)}
	w.visit(start, formula, nil)
	switch {
	case w.cycle != nil:
		path := make([]string, len(w.cycle))
		for i, c := range w.cycle {
			path[i] = c.String()
		}
		return fmt.Sprintf("公式 =%s 是循环引用（%s），没有确定的值；工作簿没有保存计算结果，未予计算", formula, strings.Join(path, " → "))
	case w.volatile != "":
		where := ""
		if w.volatileAt != start {
			where = "（经由 " + w.volatileAt.String() + "）"
		}
		return fmt.Sprintf("公式 =%s 用到易变函数 %s%s，每次计算结果都不同；工作簿没有保存计算结果，未予计算，请在 Excel 或 WPS 中打开并保存后再读取", formula, w.volatile, where)
	}
	return ""
}

type walk struct {
	rd         *reader
	state      map[cellRef]int // 1 = on the current path, 2 = done
	n          int
	cycle      []cellRef
	volatile   string
	volatileAt cellRef
}

// visit walks the references of the formula at c (path: the cells above).
func (w *walk) visit(c cellRef, formula string, path []cellRef) {
	if w.cycle != nil || w.volatile != "" || w.n > maxWalkCells {
		return
	}
	w.n++
	w.state[c] = 1
	path = append(path, c)
	body := formula
	if strings.IndexByte(formula, '"') >= 0 {
		body = strRe().ReplaceAllString(formula, `""`)
	}
	var m []string
	if mayBeVolatile(body) {
		m = volatileRe().FindStringSubmatch(body)
	}
	if m != nil {
		w.volatile, w.volatileAt = strings.ToUpper(m[1]), c
		return
	}
	for _, r := range w.refs(c.sheet, body) {
		if w.cycle != nil || w.volatile != "" || w.n > maxWalkCells {
			return
		}
		switch w.state[r] {
		case 1:
			for i, p := range path {
				if p == r {
					w.cycle = append(append([]cellRef{}, path[i:]...), r)
					return
				}
			}
		case 2:
			continue
		}
		f, err := w.rd.f.CellFormula(r.sheet, r.cell)
		if err != nil || f == "" {
			w.state[r] = 2
			continue
		}
		w.visit(r, f, path)
	}
	w.state[c] = 2
}

// volatileStems are the upper-case starts of the names volatileRe finds
// (RAND for RANDBETWEEN and RANDARRAY).
var volatileStems = [...]string{"NOW", "TODAY", "RAND", "OFFSET", "INDIRECT", "CELL", "INFO"}

// mayBeVolatile reports whether volatileRe may match body: a function
// call with one of the names, in any case (strings.ToUpper maps what
// (?i) folds to them, ſ included), is needed for a match.
func mayBeVolatile(body string) bool {
	if strings.IndexByte(body, '(') < 0 {
		return false
	}
	up := strings.ToUpper(body)
	for _, s := range volatileStems {
		if strings.Contains(up, s) {
			return true
		}
	}
	return false
}

// refs lists the cells a formula on sheet refers to: cell references,
// ranges (up to maxRangeSize cells) and defined names.
func (w *walk) refs(sheet, body string) []cellRef {
	var out []cellRef
	add := func(sh, from, to string) {
		c0, r0, err1 := excelize.CellNameToCoordinates(from)
		c1, r1, err2 := excelize.CellNameToCoordinates(to)
		if err1 != nil || err2 != nil || !w.rd.sheet[sh] {
			return
		}
		if c0 > c1 {
			c0, c1 = c1, c0
		}
		if r0 > r1 {
			r0, r1 = r1, r0
		}
		if (c1-c0+1)*(r1-r0+1) > maxRangeSize {
			return
		}
		for r := r0; r <= r1; r++ {
			for c := c0; c <= c1; c++ {
				if name, err := excelize.CoordinatesToCellName(c, r); err == nil {
					out = append(out, cellRef{sh, name})
				}
			}
		}
	}
	for _, m := range refRe().FindAllStringSubmatchIndex(body, -1) {
		start, end := m[0], m[1]
		if start > 0 && isIdent(body[start-1]) || end < len(body) && (isIdent(body[end]) || body[end] == '(') {
			continue // part of a function or a name (LOG10(, t3_new)
		}
		sh := sheet
		switch {
		case m[2] >= 0:
			sh = strings.ReplaceAll(body[m[2]:m[3]], "''", "'")
		case m[4] >= 0:
			sh = body[m[4]:m[5]]
		}
		from := strings.ToUpper(body[m[6]:m[7]] + body[m[8]:m[9]])
		to := from
		if m[10] >= 0 {
			to = strings.ToUpper(body[m[10]:m[11]] + body[m[12]:m[13]])
		}
		add(sh, from, to)
	}
	for _, m := range nameRe().FindAllStringIndex(body, -1) {
		if m[1] < len(body) && (body[m[1]] == '(' || body[m[1]] == '!') {
			continue
		}
		target, ok := w.rd.names[strings.ToLower(body[m[0]:m[1]])]
		if !ok {
			continue
		}
		if sh, from, to, ok := parseRef(target); ok {
			add(sh, strings.ToUpper(from), strings.ToUpper(to))
		}
	}
	return out
}

func isIdent(b byte) bool {
	return b == '_' || b == '.' || b >= '0' && b <= '9' || b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z'
}

// verifyNames checks where the defined names of table t point (pos: key →
// sheet!cell) against the spec: no two keys may share a cell, and where
// the table's row and column labels are found, every name must point at
// the cell its labels give. A workbook whose names were copied, moved or
// edited by hand can point every name at one cell, or at another table;
// trusting them would make checks pass on wrong data. It returns why the
// names are not trusted ("" when they are) and the labels' location when
// it was found.
func (rd *reader) verifyNames(t *templates.Table, pos map[string]string) (string, *location) {
	name := t.Ref.Name
	byCell := map[string]string{}
	for _, k := range t.Keys {
		if other, dup := byCell[pos[k]]; dup {
			return fmt.Sprintf("%s的定义名称 %s 和 %s 指向同一个单元格 %s，名称不可信，改按行列标签读取", name, Name(other), Name(k), pos[k]), nil
		}
		byCell[pos[k]] = k
	}
	loc := rd.locate(t)
	if loc == nil {
		return "", nil
	}
	bad, example := 0, ""
	for _, k := range t.Keys {
		p, ok := loc.cells[k]
		if !ok {
			continue
		}
		if want := loc.sheet + "!" + cellName(p[0], p[1]); pos[k] != want {
			if bad == 0 {
				example = fmt.Sprintf("%s 指向 %s，按行列标签应为 %s", Name(k), pos[k], want)
			}
			bad++
		}
	}
	if bad > 0 {
		return fmt.Sprintf("%s的定义名称与表格的行列标签不符（%d 处，例如 %s），名称不可信，改按行列标签读取", name, bad, example), loc
	}
	return "", loc
}
